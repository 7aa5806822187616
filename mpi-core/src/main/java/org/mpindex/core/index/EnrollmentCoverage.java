package org.mpindex.core.index;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.mpindex.core.claims.Beneficiary;
import org.mpindex.core.claims.Enrollment;
import org.mpindex.core.claims.Geography;
import org.mpindex.core.time.Window;

/**
 * Step 3 of the assembly, eligibility and coverage: for one patient at a time, which study windows
 * are covered by an accepted program under the spec's {@link Coverage} rule (every day, every day
 * while alive, any day), how many covered windows precede each window (for {@link
 * Eligibility#LOOK_BACK}), which windows an enrollment span touches (candidates), and where the
 * patient lived in a window (residence of the spans, else the beneficiary's geography).
 *
 * <p>Per-patient buffers, reused: one instance per pass (thread).
 */
final class EnrollmentCoverage {
  private static final Comparator<Enrollment> SPAN_ORDER =
      Comparator.comparing(Enrollment::start)
          .thenComparing(Enrollment::end)
          .thenComparing(Enrollment::program)
          .thenComparing(e -> e.residence().toString());

  private final MpiSpec spec;
  private final int span;
  private final long[] windowStart;
  private final long[] windowEnd;

  /** Window i of the study is covered (eligible). */
  final boolean[] covered;

  /** Covered windows among the study's first i + 1. */
  final int[] coveredUpTo;

  /** An enrollment span of any program touches window i. */
  final boolean[] touched;

  // the current patient's day of death (epoch day; Long.MAX_VALUE while alive)
  private long deathDay;

  // the current patient's spans (in the order given to coverage), as epoch days: converted once a
  // patient, not once a window
  private long[] spanStart = new long[4];
  private long[] spanEnd = new long[4];

  EnrollmentCoverage(MpiSpec spec, Window[] windows) {
    this.spec = spec;
    this.span = windows.length;
    windowStart = new long[span];
    windowEnd = new long[span];
    for (int i = 0; i < span; i++) {
      windowStart[i] = windows[i].start().toEpochDay();
      windowEnd[i] = windows[i].end().toEpochDay();
    }
    covered = new boolean[span];
    coveredUpTo = new int[span];
    touched = new boolean[span];
  }

  /** The spans in a fixed order (start, end, program, residence), so that the result is order-free. */
  static List<Enrollment> sortedSpans(List<Enrollment> spans) {
    if (spans == null) {
      return List.of();
    }
    if (spans.size() == 1) {
      return spans; // most patients: nothing to order
    }
    List<Enrollment> sorted = new ArrayList<>(spans);
    sorted.sort(SPAN_ORDER);
    return sorted;
  }

  /**
   * Fills {@code covered}, {@code coveredUpTo} and {@code touched}; returns the number of covered
   * study windows.
   */
  int coverage(List<Enrollment> sorted, Beneficiary b) {
    deathDay = b.deathDate().map(LocalDate::toEpochDay).orElse(Long.MAX_VALUE);
    Arrays.fill(covered, false);
    Arrays.fill(touched, false);
    long runStart = Long.MIN_VALUE;
    long runEnd = Long.MIN_VALUE;
    if (sorted.size() > spanStart.length) {
      spanStart = new long[sorted.size() * 2];
      spanEnd = new long[sorted.size() * 2];
    }
    for (int k = 0; k < sorted.size(); k++) {
      Enrollment e = sorted.get(k);
      long s = e.start().toEpochDay();
      long t = e.end().toEpochDay();
      spanStart[k] = s;
      spanEnd[k] = t;
      markTouched(s, t);
      if (!spec.programs().isEmpty() && !spec.programs().contains(e.program())) {
        continue;
      }
      if (runStart != Long.MIN_VALUE && s <= runEnd + 1) {
        runEnd = Math.max(runEnd, t);
      } else {
        if (runStart != Long.MIN_VALUE) {
          markCovered(runStart, runEnd);
        }
        runStart = s;
        runEnd = t;
      }
    }
    if (runStart != Long.MIN_VALUE) {
      markCovered(runStart, runEnd);
    }
    int n = 0;
    for (int i = 0; i < span; i++) {
      n += covered[i] ? 1 : 0;
      coveredUpTo[i] = n;
    }
    return n;
  }

  private void markTouched(long startDay, long endDay) {
    for (int i = firstEndingFrom(startDay), z = lastStartingBy(endDay); i <= z; i++) {
      touched[i] = true;
    }
  }

  /**
   * The first study window that ends on or after {@code day} (0 before the study; {@code span} after
   * it): for the study's consecutive windows, the window of the day, clamped to the study.
   */
  private int firstEndingFrom(long day) {
    int i = 0;
    while (i < span && windowEnd[i] < day) {
      i++;
    }
    return i;
  }

  /** The last study window that starts on or before {@code day} (-1 before the study). */
  private int lastStartingBy(long day) {
    int i = span - 1;
    while (i >= 0 && windowStart[i] > day) {
      i--;
    }
    return i;
  }

  private void markCovered(long startDay, long endDay) {
    int a = firstEndingFrom(startDay);
    int z = lastStartingBy(endDay);
    Coverage rule = spec.coverage();
    for (int i = a; i <= z; i++) {
      if (rule == Coverage.ANY_DAY) {
        covered[i] = true;
      } else if (rule == Coverage.FULL_WINDOW) {
        covered[i] = windowStart[i] >= startDay && windowEnd[i] <= endDay;
      } else if (windowStart[i] <= deathDay) {
        // while alive: the days from the window's start to its end or the day of death
        covered[i] = windowStart[i] >= startDay && Math.min(windowEnd[i], deathDay) <= endDay;
      }
    }
  }

  /**
   * The residence of the span with a residence that covers the window's first day, else of the
   * first such span overlapping the window, else the beneficiary's geography. {@code sorted} is the
   * list the last {@link #coverage} call was given (its spans' days are kept from that call).
   */
  Geography residence(List<Enrollment> sorted, int i, Beneficiary b) {
    Enrollment overlapping = null;
    for (int k = 0; k < sorted.size(); k++) {
      Enrollment e = sorted.get(k);
      if (e.residence().isEmpty()) {
        continue;
      }
      long s = spanStart[k];
      long t = spanEnd[k];
      if (s <= windowStart[i] && t >= windowStart[i]) {
        return e.residence().get();
      }
      if (overlapping == null && s <= windowEnd[i] && t >= windowStart[i]) {
        overlapping = e;
      }
    }
    return overlapping != null ? overlapping.residence().get() : b.geography();
  }
}
