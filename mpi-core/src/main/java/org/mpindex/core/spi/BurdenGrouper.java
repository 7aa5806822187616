package org.mpindex.core.spi;

import java.util.List;
import org.mpindex.core.claims.DiagnosisCode;

/**
 * Maps a diagnosis code to the illness-burden categories it touches, as a bit set over at most
 * {@value #MAX_CATEGORIES} categories (bit i = {@code categoryNames().get(i)}): the 34 ADG slots of
 * the ACG system, the 31 Elixhauser or 17 Charlson categories. The illness burden of a patient in a
 * window is the number of distinct categories touched by all their codes in the window, after
 * {@link #applyHierarchy}.
 *
 * <p>A well-formed code that touches no category returns 0; it is not an error. Implementations are
 * pure and should be thread-safe; the assembler memoises results per distinct code.
 */
public interface BurdenGrouper {

  /** Categories fit one {@code long}. */
  int MAX_CATEGORIES = 64;

  /** Groups nothing: for runs where burden comes precomputed (ACG output). */
  BurdenGrouper NONE =
      new BurdenGrouper() {
        @Override
        public long categoriesOf(DiagnosisCode code) {
          return 0L;
        }

        @Override
        public List<String> categoryNames() {
          return List.of();
        }

        @Override
        public String describe() {
          return "none (burden precomputed)";
        }
      };

  /** The categories {@code code} touches; 0 when none. */
  long categoriesOf(DiagnosisCode code);

  /** Category names in bit order; at most {@value #MAX_CATEGORIES}. */
  List<String> categoryNames();

  /**
   * Hierarchy rules over the union of a patient-window's categories (e.g. drop uncomplicated
   * diabetes when complicated is present). Must only clear bits, never set them. Default: none.
   */
  default long applyHierarchy(long categories) {
    return categories;
  }

  /** One line for reports, e.g. {@code Elixhauser (Quan 2005), ICD-9-CM + ICD-10-CM, hierarchy on}. */
  default String describe() {
    return getClass().getSimpleName();
  }

  /** Illness burden of a category set: its number of categories. */
  static int burden(long categories) {
    return Long.bitCount(categories);
  }
}
