package org.mpindex.core.spi;

import java.time.LocalDate;
import java.util.Objects;

/**
 * Illness-burden categories of one patient in one window, computed outside the library (for example
 * per-patient, per-period ADG flags from licensed ACG output). Feeding these to the assembler
 * bypasses the grouper for the categories they carry; they are OR-ed with any categories from
 * diagnosis codes in the same window.
 *
 * <p>A profile that describes a span (an annual ACG run) applies to every window the span touches:
 * {@link #spanning}.
 *
 * @param beneficiaryId the pseudonymous beneficiary id
 * @param day any day inside the (first) window the flags describe
 * @param categories bit set in the grouper's category order (bit i = category i)
 * @param through the last day the flags describe: every window from {@code day}'s to {@code
 *     through}'s gets them; {@code day} itself for one window
 */
public record PrecomputedBurden(
    String beneficiaryId, LocalDate day, long categories, LocalDate through) {
  public PrecomputedBurden {
    Objects.requireNonNull(beneficiaryId, "beneficiaryId");
    Objects.requireNonNull(day, "day");
    Objects.requireNonNull(through, "through");
    if (beneficiaryId.isBlank()) {
      throw new IllegalArgumentException("beneficiary id is blank");
    }
    if (through.isBefore(day)) {
      throw new IllegalArgumentException(
          "burden span ends (" + through + ") before it starts (" + day + ")");
    }
  }

  /** The categories of the one window containing {@code day}. */
  public PrecomputedBurden(String beneficiaryId, LocalDate day, long categories) {
    this(beneficiaryId, day, categories, day);
  }

  /** The categories of every window that days {@code from} .. {@code through} touch. */
  public static PrecomputedBurden spanning(
      String beneficiaryId, LocalDate from, LocalDate through, long categories) {
    return new PrecomputedBurden(beneficiaryId, from, categories, through);
  }
}
