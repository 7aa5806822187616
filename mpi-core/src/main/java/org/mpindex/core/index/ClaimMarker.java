package org.mpindex.core.index;

import java.util.Objects;
import java.util.function.Predicate;
import org.mpindex.core.claims.ClaimLine;

/**
 * A named test on claim lines whose hits the assembler remembers per patient and window, so that a
 * {@link Cohort} can ask about claim history ("had a knee replacement in the last four quarters")
 * without the assembler keeping every line. At most 64 markers per cohort.
 *
 * @param name unique within a cohort
 * @param matches the test; must be pure
 */
public record ClaimMarker(String name, Predicate<ClaimLine> matches) {
  public ClaimMarker {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(matches, "matches");
  }
}
