package org.mpindex.core.spi;

import java.util.Objects;
import java.util.function.IntToDoubleFunction;

/**
 * Health level H as a function of illness burden b (the number of distinct categories touched in a
 * window). The burden comes either from a {@link BurdenGrouper} over the patient's diagnosis codes or
 * precomputed per patient and window ({@link PrecomputedBurden}, e.g. ACG output); the provider only
 * sees the count.
 *
 * <p>{@link #healthLevel} returns NaN where H is undefined (1/b at b = 0); {@code MpiSpec.zeroBurden}
 * then decides (H = 1, exclude, or shift every burden by one). Values must otherwise be finite and
 * not negative.
 */
public interface HealthLevelProvider {

  /**
   *Returns h, or NaN where undefined.
   * @param burden number of distinct categories, at least 0
   *
   */
  double healthLevel(int burden);

  /** What the provider computes, e.g. {@code H = 1/b}. Results report it. */
  String describe();

  /**
   * The illness burden b of a window's category set (bit i is category i of the grouper, after its
   * hierarchy): by default the number of categories, the paper's ADG count. A weighted provider sums
   * the categories' weights (floored at 0, see its documentation).
   */
  default int burden(long categories) {
    return Long.bitCount(categories);
  }

  /**
   * H of a window's category set: by default {@link #healthLevel(int) healthLevel}({@link
   * #burden(long) burden(categories)}). A provider whose H depends on which categories, not only on
   * the burden, overrides it (and {@link #dependsOnCategories()}). NaN where undefined.
   */
  default double healthLevelOf(long categories) {
    return healthLevel(burden(categories));
  }

  /**
   * Whether H is a function of the category set rather than of the burden alone; such a provider
   * cannot be combined with {@code ZeroBurden.ONE_PLUS_B}, which shifts a burden.
   */
  default boolean dependsOnCategories() {
    return false;
  }

  /**
   * A user function of the category set (bit i = category i of the grouper, after its hierarchy).
   * The burden reported (and tested for 0 by the zero-burden policy) is the number of categories.
   *
   * @param description what it computes, for reports
   */
  static HealthLevelProvider ofCategories(
      String description, java.util.function.LongToDoubleFunction f) {
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(f, "function");
    return new DescribedProvider(description) {
      @Override
      public double healthLevel(int burden) {
        throw new UnsupportedOperationException(
            description + " is a function of the category set, not of a count");
      }

      @Override
      public double healthLevelOf(long categories) {
        return f.applyAsDouble(categories);
      }

      @Override
      public boolean dependsOnCategories() {
        return true;
      }
    };
  }

  /** H = 1/b; undefined (NaN) at b = 0. The paper's function. */
  static HealthLevelProvider inverse() {
    return Builtin.INVERSE;
  }

  /** H = 1/(1+b); defined everywhere, 1 at b = 0. */
  static HealthLevelProvider inverseOnePlus() {
    return Builtin.INVERSE_ONE_PLUS;
  }

  /**
   * A user function.
   *
   * @param description what it computes, for reports ({@code "H = exp(-b/4)"})
   */
  static HealthLevelProvider of(String description, IntToDoubleFunction f) {
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(f, "function");
    return new DescribedProvider(description) {
      @Override
      public double healthLevel(int burden) {
        return f.applyAsDouble(burden);
      }
    };
  }

  /**
   * Parses a built-in function's name: {@code 1/b} (or {@code inverse}) and {@code 1/(1+b)} (or
   * {@code inverse-one-plus}).
   *
   * @throws IllegalArgumentException for anything else
   */
  static HealthLevelProvider parse(String name) {
    String n = name.strip().toLowerCase(java.util.Locale.ROOT).replace(" ", "").replace("h=", "");
    return switch (n) {
      case "1/b", "inverse" -> inverse();
      case "1/(1+b)", "inverse-one-plus" -> inverseOnePlus();
      default ->
          throw new IllegalArgumentException(
              "health function '" + name + "' is not 1/b or 1/(1+b)");
    };
  }

  /** The built-in functions; enum constants so that specs using them compare equal. */
  enum Builtin implements HealthLevelProvider {
    INVERSE("H = 1/b") {
      @Override
      public double healthLevel(int burden) {
        return burden == 0 ? Double.NaN : 1.0 / burden;
      }
    },
    INVERSE_ONE_PLUS("H = 1/(1+b)") {
      @Override
      public double healthLevel(int burden) {
        return 1.0 / (1 + burden);
      }
    };

    private final String description;

    Builtin(String description) {
      this.description = description;
    }

    @Override
    public String describe() {
      return description;
    }

    @Override
    public String toString() {
      return description;
    }
  }
}
