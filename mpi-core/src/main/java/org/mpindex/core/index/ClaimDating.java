package org.mpindex.core.index;

import java.time.LocalDate;
import org.mpindex.core.claims.ClaimLine;

/**
 * Which date of a claim line dates it. One rule serves everything dated by the line: the window it
 * falls in, the RVU release that values its effort, and (in readers, where the file leaves it open)
 * whether its diagnoses are ICD-9-CM or ICD-10-CM.
 */
public enum ClaimDating {
  /** The first day of service ({@code CLM_FROM_DT}); default. */
  SERVICE_FROM,
  /** The last day of service ({@code CLM_THRU_DT}). */
  SERVICE_THROUGH;

  /** The day that dates {@code line} under this rule. */
  public LocalDate dayOf(ClaimLine line) {
    return this == SERVICE_FROM ? line.serviceFrom() : line.serviceThrough();
  }

  /** The day that dates a line with these from- and through-dates under this rule. */
  public LocalDate dayOf(LocalDate from, LocalDate through) {
    return this == SERVICE_FROM ? from : through;
  }
}
