package org.mpindex.core.index;

import java.time.LocalDate;
import java.util.Objects;

/**
 * The days whose windows make up the study: every window from the one containing {@code from} to
 * the one containing {@code to}. Eligible windows are counted inside it, and MPI(t) is reported for
 * every t in it whose effort window t - lag is in it too (12 quarters give 11 index values).
 *
 * <p>Without an explicit period ({@code MpiSpec.studyPeriod} empty) the study spans the windows of
 * the claim lines seen, from the earliest to the latest.
 *
 * @param from first day, inclusive
 * @param to last day, inclusive
 */
public record StudyPeriod(LocalDate from, LocalDate to) {
  public StudyPeriod {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (to.isBefore(from)) {
      throw new IllegalArgumentException(
          "study period ends (" + to + ") before it starts (" + from + ")");
    }
  }

  public static StudyPeriod of(LocalDate from, LocalDate to) {
    return new StudyPeriod(from, to);
  }

  @Override
  public String toString() {
    return from + " .. " + to;
  }
}
