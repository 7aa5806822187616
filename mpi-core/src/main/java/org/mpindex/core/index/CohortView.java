package org.mpindex.core.index;

import java.util.OptionalInt;
import org.mpindex.core.claims.Beneficiary;
import org.mpindex.core.claims.Geography;
import org.mpindex.core.time.Window;

/**
 * What a {@link Cohort} may ask about one eligible patient in health window t. Offsets are in
 * windows relative to t (0 = t, -1 = the window before); windows outside the study period hold no
 * data. The view is reused between calls: do not keep it.
 */
public interface CohortView {

  Beneficiary beneficiary();

  /** The health window t. */
  Window window();

  /** Where the patient lived in t. */
  Geography residence();

  /** Age in full years on the spec's age reference day. */
  int age();

  /** Number of eligible windows in the study period. */
  int eligibleWindows();

  /**
   * Whether the marker hit a claim line in any window from {@code fromOffset} to {@code toOffset}
   * (both inclusive, relative to t).
   *
   * @throws IllegalArgumentException for a marker the cohort did not declare
   */
  boolean marked(String marker, int fromOffset, int toOffset);

  /** Offset (relative to t, so 0 or negative for the past) of the earliest window the marker hit. */
  OptionalInt firstMarked(String marker);

  /** Illness-burden categories in window t + offset (after hierarchy). */
  long categories(int offset);

  /** Illness burden in window t + offset (after hierarchy). */
  default int burden(int offset) {
    return Long.bitCount(categories(offset));
  }

  /** Effort in window t + offset, micro-units. */
  long effortMicros(int offset);

  /**
   * The program of the patient's coverage in window t: that of the first enrollment span (by start)
   * overlapping the window; empty when none does.
   */
  java.util.Optional<org.mpindex.core.claims.Program> program();
}
