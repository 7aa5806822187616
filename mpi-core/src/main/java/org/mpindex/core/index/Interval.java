package org.mpindex.core.index;

/**
 * A 95% confidence interval with its standard error.
 *
 * @param standardError standard error of the value, in the value's unit; NaN when unknown
 * @param low lower bound, in the value's unit; NaN when there is no interval
 * @param high upper bound; NaN when there is no interval
 * @param method how it was made; {@link IntervalMethod#NONE} with NaN bounds when not at all
 */
public record Interval(double standardError, double low, double high, IntervalMethod method) {

  /** No interval. */
  public static final Interval NONE =
      new Interval(Double.NaN, Double.NaN, Double.NaN, IntervalMethod.NONE);

  public Interval {
    if (method == null) {
      throw new IllegalArgumentException("interval method is required");
    }
  }

  /** Whether the bounds are numbers. */
  public boolean present() {
    return !Double.isNaN(low) && !Double.isNaN(high);
  }
}
