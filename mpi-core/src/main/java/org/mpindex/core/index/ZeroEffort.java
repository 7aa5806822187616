package org.mpindex.core.index;

import org.mpindex.core.spi.EffortCalculator;

/**
 * What happens when a patient's effort M(i, t-1) is zero and the ratio H/M is undefined (docs/method.md
 * open choice C).
 *
 * @param floorMicros 0 for {@link #exclude()}; otherwise every M below it is raised to it
 */
public record ZeroEffort(long floorMicros) {

  /** Exclude the patient from MPI(t) and count under {@link ExclusionReason#ZERO_EFFORT} (default). */
  public static ZeroEffort exclude() {
    return new ZeroEffort(0);
  }

  /**
   * Floor M at {@code micros} micro-units: M = max(M, floor). Every patient then has a ratio.
   *
   * @throws IllegalArgumentException when {@code micros < 1}
   */
  public static ZeroEffort floorMicros(long micros) {
    if (micros < 1) {
      throw new IllegalArgumentException(
          "effort floor must be at least 1 micro-unit, got " + micros);
    }
    return new ZeroEffort(micros);
  }

  /** Floor M at {@code units} (e.g. 0.01 work RVU), rounded to micro-units. */
  public static ZeroEffort floor(double units) {
    return floorMicros(EffortCalculator.toMicros(units));
  }

  public ZeroEffort {
    if (floorMicros < 0) {
      throw new IllegalArgumentException("effort floor is negative: " + floorMicros);
    }
  }

  public boolean excludes() {
    return floorMicros == 0;
  }

  @Override
  public String toString() {
    return excludes() ? "exclude and count" : "floor at " + EffortCalculator.toUnits(floorMicros);
  }
}
