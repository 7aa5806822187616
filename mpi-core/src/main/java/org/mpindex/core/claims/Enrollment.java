package org.mpindex.core.claims;

import java.time.LocalDate;
import java.util.Optional;

/**
 * A span of days, both ends inclusive, during which a beneficiary was covered by one program,
 * optionally with where they lived during the span (residence changes over time in CMS files: the
 * state and county of window t come from the span covering t).
 *
 * @param beneficiaryId the pseudonymous beneficiary id
 * @param start first covered day
 * @param end last covered day, not before {@code start}
 * @param program the program covering the span
 * @param residence where the beneficiary lived during the span; empty to use the beneficiary's own
 *     geography
 */
public record Enrollment(
    String beneficiaryId,
    LocalDate start,
    LocalDate end,
    Program program,
    Optional<Geography> residence) {

  public Enrollment {
    Checks.nonBlank(beneficiaryId, "beneficiary id");
    Checks.present(start, "enrollment start");
    Checks.present(end, "enrollment end");
    Checks.present(program, "program");
    Checks.present(residence, "residence");
    if (end.isBefore(start)) {
      throw new InvalidValueException(
          "enrollment end", end.toString(), "is before its start " + start);
    }
  }

  /** A span without residence information. */
  public static Enrollment of(
      String beneficiaryId, LocalDate start, LocalDate end, Program program) {
    return new Enrollment(beneficiaryId, start, end, program, Optional.empty());
  }

  /** Whether {@code day} lies in the span. */
  public boolean covers(LocalDate day) {
    return !day.isBefore(start) && !day.isAfter(end);
  }
}
