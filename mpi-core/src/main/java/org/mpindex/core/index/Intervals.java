package org.mpindex.core.index;

/**
 * How the 95% confidence intervals of the index are made (issue #13, docs/method.md section 6).
 *
 * <ul>
 *   <li>{@link Method#ANALYTIC} (default): closed forms from the cell's running sums. The mean of
 *       ratios gets Student's t with n - 1 degrees of freedom ({@link IntervalMethod#STUDENT_T}); the
 *       ratio of means the delta method ({@link IntervalMethod#DELTA}); medians, trimmed and
 *       winsorised means, and period-over-period changes get none ({@link IntervalMethod#NONE}): they
 *       have no closed form from sums, and a change's two windows share patients.
 *   <li>{@link Method#BOOTSTRAP_PERCENTILE} and {@link Method#BOOTSTRAP_BCA}: a patient-level
 *       bootstrap for every aggregation and for the quarter-on-quarter and year-on-year changes. It
 *       is a <em>Poisson bootstrap</em> (Hanley and MacGibbon 2006, Chamandy et al. 2012): in
 *       replicate b each patient weighs w ~ Poisson(1), drawn from a hash of ({@code seed}, the
 *       patient's id, b), instead of a multinomial draw of n patients. The weight of a patient is the
 *       same in every window and every group, so a change between two windows is resampled with its
 *       patients' correlation intact, and the replicates do not depend on input order, partitioning
 *       or threads: results stay bit-identical, and cells merge as before. The percentile interval
 *       takes the 2.5% and 97.5% quantiles of the replicates (linear interpolation between order
 *       statistics); BCa (Efron 1987) shifts them by a bias correction from the share of replicates
 *       below the estimate and an acceleration from the exact leave-one-patient-out jackknife. The
 *       standard error is the replicates' standard deviation. Replicates whose weights are all 0
 *       are skipped (likely only in cells of a few patients). Cost: about 32 bytes per patient and
 *       cell kept until the result is read, and replicates x patients weight draws per cell.
 * </ul>
 *
 * @param method how
 * @param replicates bootstrap replicates (0 for {@link Method#ANALYTIC}; otherwise 100 to {@value
 *     #MAX_REPLICATES}, 1,000 or more recommended for percentile and BCa ends)
 * @param seed the bootstrap seed: the same seed gives the same intervals, whatever the input order
 */
public record Intervals(Method method, int replicates, long seed) {

  /** Default number of bootstrap replicates. */
  public static final int DEFAULT_REPLICATES = 1000;

  /**
   * The most bootstrap replicates (100,000): each costs a weight draw per patient of every cell and 8
   * bytes per cell kept until the result is read, so a mistyped count (10^9) would run for days or
   * exhaust memory, while the Monte Carlo error of a 95% percentile end at 100,000 replicates is
   * already far below the interval's own width.
   */
  public static final int MAX_REPLICATES = 100_000;

  /** How intervals are made. */
  public enum Method {
    /** Student's t for the mean of ratios, the delta method for the ratio of means, else none. */
    ANALYTIC,
    /** Patient-level Poisson bootstrap, percentile interval. */
    BOOTSTRAP_PERCENTILE,
    /** Patient-level Poisson bootstrap, bias-corrected and accelerated (BCa) interval. */
    BOOTSTRAP_BCA
  }

  public Intervals {
    if (method == null) {
      throw new IllegalArgumentException("interval method is required");
    }
    if (method == Method.ANALYTIC ? replicates != 0 : replicates < 100) {
      throw new IllegalArgumentException(
          method == Method.ANALYTIC
              ? "analytic intervals take no bootstrap replicates, got " + replicates
              : "a bootstrap needs at least 100 replicates, got " + replicates);
    }
    if (replicates > MAX_REPLICATES) {
      throw new IllegalArgumentException(
          "a bootstrap takes at most " + MAX_REPLICATES + " replicates, got " + replicates);
    }
  }

  /** Closed-form intervals (the default). */
  public static Intervals analytic() {
    return new Intervals(Method.ANALYTIC, 0, 0);
  }

  /** Poisson bootstrap, percentile intervals. */
  public static Intervals bootstrapPercentile(int replicates, long seed) {
    return new Intervals(Method.BOOTSTRAP_PERCENTILE, replicates, seed);
  }

  /** Poisson bootstrap, BCa intervals. */
  public static Intervals bootstrapBca(int replicates, long seed) {
    return new Intervals(Method.BOOTSTRAP_BCA, replicates, seed);
  }

  /** Whether patients' values are kept for a bootstrap. */
  public boolean bootstrap() {
    return method != Method.ANALYTIC;
  }

  @Override
  public String toString() {
    return method == Method.ANALYTIC
        ? "analytic (Student's t for the mean of ratios, delta method for the ratio of means)"
        : (method == Method.BOOTSTRAP_BCA ? "BCa" : "percentile")
            + " Poisson bootstrap over patients, "
            + replicates
            + " replicates, seed "
            + seed;
  }
}
