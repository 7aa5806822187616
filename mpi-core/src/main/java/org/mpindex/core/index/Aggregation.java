package org.mpindex.core.index;

/**
 * How patient values become a group's MPI (docs/method.md section 6).
 *
 * @param kind the statistic
 * @param fraction for trimmed and winsorised means, the share cut (or clamped) at each end, in
 *     [0, 0.5); 0 otherwise
 */
public record Aggregation(Kind kind, double fraction) {

  /** The statistic. */
  public enum Kind {
    /** Mean over patients of H/M: the paper's "average patient ratio" (default). */
    MEAN_OF_RATIOS,
    /** Sum of H over sum of M (in effort units). */
    RATIO_OF_MEANS,
    /** Median of H/M; the mean of the two middle values for an even count. */
    MEDIAN,
    /** Mean of H/M after dropping floor(fraction * n) values at each end. */
    TRIMMED_MEAN,
    /** Mean of H/M after clamping floor(fraction * n) values at each end to the nearest kept one. */
    WINSORISED_MEAN
  }

  public Aggregation {
    if (kind == null) {
      throw new IllegalArgumentException("aggregation kind is required");
    }
    boolean cuts = kind == Kind.TRIMMED_MEAN || kind == Kind.WINSORISED_MEAN;
    if (cuts ? !(fraction >= 0 && fraction < 0.5) : fraction != 0) {
      throw new IllegalArgumentException(
          cuts
              ? kind + " fraction must be in [0, 0.5), got " + fraction
              : kind + " takes no fraction, got " + fraction);
    }
  }

  public static Aggregation meanOfRatios() {
    return new Aggregation(Kind.MEAN_OF_RATIOS, 0);
  }

  public static Aggregation ratioOfMeans() {
    return new Aggregation(Kind.RATIO_OF_MEANS, 0);
  }

  public static Aggregation median() {
    return new Aggregation(Kind.MEDIAN, 0);
  }

  public static Aggregation trimmedMean(double fraction) {
    return new Aggregation(Kind.TRIMMED_MEAN, fraction);
  }

  public static Aggregation winsorisedMean(double fraction) {
    return new Aggregation(Kind.WINSORISED_MEAN, fraction);
  }

  /** Whether the statistic needs every ratio (order statistics), not only running sums. */
  boolean needsAllRatios() {
    return kind == Kind.MEDIAN || kind == Kind.TRIMMED_MEAN || kind == Kind.WINSORISED_MEAN;
  }

  @Override
  public String toString() {
    return switch (kind) {
      case MEAN_OF_RATIOS -> "mean of ratios";
      case RATIO_OF_MEANS -> "ratio of means";
      case MEDIAN -> "median of ratios";
      case TRIMMED_MEAN -> "trimmed mean of ratios (" + fraction + " each end)";
      default -> "winsorised mean of ratios (" + fraction + " each end)";
    };
  }
}
