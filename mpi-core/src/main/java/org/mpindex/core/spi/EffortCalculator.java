package org.mpindex.core.spi;

import java.time.LocalDate;
import java.util.List;
import org.mpindex.core.claims.ClaimLine;

/**
 * Medical effort of one claim line: the M of the index, as exact fixed-point micro-units (for RBRVS,
 * micro work RVUs: 1 work RVU = {@value #MICROS_PER_UNIT}). Exact integers make sums independent of
 * order and partitioning.
 *
 * <p>Contract:
 *
 * <ul>
 *   <li>never negative; a line without a procedure code gives 0;
 *   <li>an unknown procedure code gives 0 and is reported with {@link CodeTally#unknownCode};
 *   <li>a line that cannot be valued at all (no price list in force on its date) throws {@link
 *       RejectedRecordException}, which the assembler counts as a rejected effort (lenient) or
 *       propagates (strict); the line's diagnoses are folded either way;
 *   <li>pure: the same line always gives the same effort; safe to call from several threads when
 *       the implementation says so.
 * </ul>
 *
 * The assembler calls it only for lines whose claim type carries effort ({@code
 * MpiSpec.effortClaimTypes}).
 */
@FunctionalInterface
public interface EffortCalculator {

  /** Fixed-point scale: micro-units per unit of effort. */
  long MICROS_PER_UNIT = 1_000_000L;

  /**
   * The effort of a line on its service day.
   *
   * @param line the claim line
   * @param serviceDay the day that dates the line: its from-date or through-date, as the spec's
   *     claim-dating rule says (the same day that puts the line in its window); the price list in
   *     force on this day values it
   * @param tally where unknown codes and notable zero-effort lines are reported
   * @return effort in micro-units, at least 0
   * @throws RejectedRecordException when the line cannot be valued; the assembler then rejects the
   *     line's effort only (its diagnoses and window still count)
   */
  long effortMicros(ClaimLine line, LocalDate serviceDay, CodeTally tally);

  /** The effort of a line dated by its from-date: {@code effortMicros(line, line.serviceFrom(), tally)}. */
  default long effortMicros(ClaimLine line, CodeTally tally) {
    return effortMicros(line, line.serviceFrom(), tally);
  }

  /**
   * The efforts of the lines of one claim, for rules that need the whole claim (ranking a day's
   * procedures by fee). The default values each line alone. An implementation that cannot value one
   * line throws {@link RejectedRecordException}; the assembler then values the claim's lines one by
   * one, so that only that line's effort is rejected.
   *
   * @param lines the claim's lines
   * @param serviceDays each line's service day, by the claim-dating rule
   * @return each line's effort in micro-units, at least 0, in line order
   */
  default long[] claimEffortMicros(
      List<ClaimLine> lines, List<LocalDate> serviceDays, CodeTally tally) {
    long[] out = new long[lines.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = effortMicros(lines.get(i), serviceDays.get(i), tally);
    }
    return out;
  }

  /**
   * The pricing period of {@code day}: an id shared by every day on which a line's effort depends
   * only on the line's procedure, modifiers, units, claim type and place of service (for RBRVS, the
   * days of one release and one year). The assembler's columnar path then values each distinct line
   * once per period and reuses the value, with the unknown codes and notes it reported counted again
   * for every line. The default, -1, means the effort may depend on anything else (a locality, the
   * patient): every line is valued.
   */
  default int pricingPeriod(LocalDate day) {
    return -1;
  }

  /** One line for reports, e.g. {@code RBRVS work RVU, 2007-2009 releases, units on}. */
  default String describe() {
    return getClass().getSimpleName();
  }

  /** Converts micro-units to units, e.g. {@code 920000 -> 0.92}. */
  static double toUnits(long micros) {
    return micros / (double) MICROS_PER_UNIT;
  }

  /**
   * Converts units to micro-units, rounding half-even to the nearest micro-unit.
   *
   * @throws IllegalArgumentException for a negative or non-finite value
   */
  static long toMicros(double units) {
    if (!(units >= 0) || Double.isInfinite(units)) {
      throw new IllegalArgumentException("effort must be finite and >= 0, got " + units);
    }
    return Math.round(Math.rint(units * MICROS_PER_UNIT));
  }
}
