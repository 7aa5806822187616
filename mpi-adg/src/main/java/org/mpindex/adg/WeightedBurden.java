package org.mpindex.adg;

import java.util.Objects;
import org.mpindex.core.spi.HealthLevelProvider;

/**
 * Health level from a weighted comorbidity score instead of a count (issue #14, point 3): the burden
 * of a window is the sum of the published {@link Weights} of its categories (Charlson 1987, Quan 2011,
 * van Walraven 2009), and H is the inner function of that burden (1/b by default).
 *
 * <p><b>Floor rule.</b> van Walraven's Elixhauser weights include negative ones (obesity -4, deficiency
 * anaemias -2, drug abuse -7, depression -3...): a set whose weights sum to 0 or less has burden 0, and
 * the spec's zero-burden policy decides H (default: H = 1, as for a patient without diagnoses). So a
 * patient with only "protective" categories is treated as unburdened, never as healthier than
 * healthy; a category of weight 0 adds nothing. The categories are the grouper's after its
 * hierarchy (complicated over uncomplicated diabetes...), as the weights were published for.
 */
public final class WeightedBurden implements HealthLevelProvider {
  private final Weights weights;
  private final ComorbidityGrouper grouper;
  private final HealthLevelProvider inner;

  private WeightedBurden(Weights weights, ComorbidityGrouper grouper, HealthLevelProvider inner) {
    if (weights.index() != grouper.index()) {
      throw new IllegalArgumentException(
          weights
              + " weighs "
              + weights.index().displayName()
              + " categories, but the"
              + " grouper is "
              + grouper.index().displayName());
    }
    this.weights = weights;
    this.grouper = grouper;
    this.inner = Objects.requireNonNull(inner, "inner");
  }

  /** H = 1/b with b the {@code weights} score of the categories of {@code grouper}, floored at 0. */
  public static WeightedBurden of(Weights weights, ComorbidityGrouper grouper) {
    return new WeightedBurden(weights, grouper, HealthLevelProvider.inverse());
  }

  /** H = {@code inner}(b) with b the weighted score, floored at 0. */
  public static WeightedBurden of(
      Weights weights, ComorbidityGrouper grouper, HealthLevelProvider inner) {
    return new WeightedBurden(weights, grouper, inner);
  }

  /** The weighted score of the set ({@link ComorbidityGrouper#score}), floored at 0. */
  @Override
  public int burden(long categories) {
    return Math.max(0, grouper.score(categories, weights));
  }

  @Override
  public double healthLevel(int burden) {
    return inner.healthLevel(burden);
  }

  @Override
  public String describe() {
    return inner.describe()
        + ", b = "
        + weights.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-')
        + " weighted score of the categories, floored at 0";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof WeightedBurden weightedBurden
        && weightedBurden.weights == weights
        && weightedBurden.grouper.equals(grouper)
        && weightedBurden.inner.equals(inner);
  }

  @Override
  public int hashCode() {
    return Objects.hash(weights, grouper, inner);
  }

  @Override
  public String toString() {
    return describe();
  }
}
