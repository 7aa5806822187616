package org.mpindex.core.spi;

import java.time.LocalDate;
import java.util.Objects;

/**
 * Illness-burden categories of one patient in one window, computed outside the library (for example
 * per-patient, per-period ADG flags from licensed ACG output). Feeding these to the assembler
 * bypasses the grouper for the categories they carry; they are OR-ed with any categories from
 * diagnosis codes in the same window.
 *
 * @param beneficiaryId the pseudonymous beneficiary id
 * @param day any day inside the window the flags describe
 * @param categories bit set in the grouper's category order (bit i = category i)
 */
public record PrecomputedBurden(String beneficiaryId, LocalDate day, long categories) {
  public PrecomputedBurden {
    Objects.requireNonNull(beneficiaryId, "beneficiaryId");
    Objects.requireNonNull(day, "day");
    if (beneficiaryId.isBlank()) {
      throw new IllegalArgumentException("beneficiary id is blank");
    }
  }
}
