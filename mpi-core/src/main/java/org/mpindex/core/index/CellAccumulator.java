package org.mpindex.core.index;

import java.util.Arrays;
import java.util.EnumMap;
import org.mpindex.core.spi.EffortCalculator;
import org.mpindex.core.time.Window;

/**
 * Running statistics of one (window, group): candidates, exclusions by reason, and over the patients
 * with a ratio their count, the exact sums of the ratios, of their squares and of H ({@link
 * ExactSum}), and the exact sum of M. Ratios themselves are kept only when the aggregation needs
 * order statistics. Every statistic is a sum (or, for kept ratios, a multiset), so accumulators
 * {@link #merge} exactly: any order, partitioning or number of threads gives the same bits.
 */
final class CellAccumulator implements java.io.Serializable {
  private static final long serialVersionUID = 1L;
  private static final ExclusionReason[] REASONS = ExclusionReason.values();

  private long candidates;
  private final long[] excluded = new long[REASONS.length];
  private long n;
  private final ExactSum sumRatio = new ExactSum();
  private final ExactSum sumRatioSquared = new ExactSum();
  private final ExactSum sumHealth = new ExactSum();
  // exact sum of M in micro-units as an unsigned 128-bit number: no overflow for any input
  private long sumEffortLow;
  private long sumEffortHigh;
  private long effortIncomplete;
  private final boolean keepRatios;
  private double[] ratios;

  CellAccumulator(boolean keepRatios) {
    this.keepRatios = keepRatios;
    this.ratios = keepRatios ? new double[16] : null;
  }

  void exclude(ExclusionReason reason) {
    candidates++;
    excluded[reason.ordinal()]++;
  }

  /** One more candidate reaching the effort step whose effort window had an unvalued line. */
  void effortIncomplete() {
    effortIncomplete++;
  }

  void add(double ratio, double health, long effortMicros) {
    candidates++;
    n++;
    sumRatio.add(ratio);
    sumRatioSquared.add(ratio * ratio);
    sumHealth.add(health);
    long low = sumEffortLow + effortMicros;
    if (Long.compareUnsigned(low, sumEffortLow) < 0) {
      sumEffortHigh++;
    }
    sumEffortLow = low;
    if (keepRatios) {
      if (n > ratios.length) {
        ratios = Arrays.copyOf(ratios, ratios.length * 2);
      }
      ratios[(int) n - 1] = ratio;
    }
  }

  IndexCell toCell(Window window, String group, Aggregation aggregation) {
    EnumMap<ExclusionReason, Long> ex = new EnumMap<>(ExclusionReason.class);
    for (ExclusionReason r : REASONS) {
      ex.put(r, excluded[r.ordinal()]);
    }
    if (n == 0) {
      return new IndexCell(window, group, Double.NaN, Double.NaN, Double.NaN, 0,
          Double.NaN, Double.NaN, Double.NaN, candidates, ex, effortIncomplete);
    }
    double sumEffort = sumEffortUnits();
    double meanEffort = sumEffort / n;
    double meanHealth = sumHealth.dividedBy(n);
    double mpi;
    double se = Double.NaN;
    switch (aggregation.kind()) {
      case MEAN_OF_RATIOS:
        mpi = sumRatio.dividedBy(n);
        if (n >= 2) {
          se = standardError();
        }
        break;
      case RATIO_OF_MEANS:
        mpi = sumHealth.value() / sumEffort;
        break;
      case MEDIAN:
        mpi = median(sortedRatios());
        break;
      case TRIMMED_MEAN:
        mpi = trimmedMean(sortedRatios(), aggregation.fraction());
        break;
      default:
        mpi = winsorisedMean(sortedRatios(), aggregation.fraction());
        break;
    }
    // Student's t with n - 1 degrees of freedom: the normal 1.96 is too narrow for small cells
    double q = n >= 2 ? StudentT.quantile975(n - 1) : Double.NaN;
    return new IndexCell(window, group, mpi, meanHealth, meanEffort, n, se,
        mpi - q * se, mpi + q * se, candidates, ex, effortIncomplete);
  }

  /**
   * sqrt(sample variance / n) with the variance from the exact sums: (n sum x^2 - (sum x)^2) / (n (n -
   * 1)), computed in decimals (no cancellation), rounded once.
   */
  private double standardError() {
    java.math.MathContext mc = new java.math.MathContext(40, java.math.RoundingMode.HALF_EVEN);
    java.math.BigDecimal s1 = sumRatio.exact();
    java.math.BigDecimal s2 = sumRatioSquared.exact();
    java.math.BigDecimal bn = java.math.BigDecimal.valueOf(n);
    java.math.BigDecimal numerator = bn.multiply(s2).subtract(s1.multiply(s1));
    if (numerator.signum() <= 0) {
      return 0;
    }
    java.math.BigDecimal variance = numerator.divide(bn.multiply(java.math.BigDecimal.valueOf(n - 1)), mc);
    return Math.sqrt(variance.divide(bn, mc).doubleValue());
  }

  /** An independent copy. */
  CellAccumulator copy() {
    CellAccumulator c = new CellAccumulator(keepRatios);
    c.merge(this);
    return c;
  }

  /** Adds everything {@code other} counted (which is not changed). */
  void merge(CellAccumulator other) {
    candidates += other.candidates;
    for (int i = 0; i < excluded.length; i++) {
      excluded[i] += other.excluded[i];
    }
    effortIncomplete += other.effortIncomplete;
    sumRatio.add(other.sumRatio);
    sumRatioSquared.add(other.sumRatioSquared);
    sumHealth.add(other.sumHealth);
    long low = sumEffortLow + other.sumEffortLow;
    long carry = Long.compareUnsigned(low, sumEffortLow) < 0 ? 1 : 0;
    sumEffortLow = low;
    sumEffortHigh += other.sumEffortHigh + carry;
    if (keepRatios) {
      if (n + other.n > ratios.length) {
        ratios = Arrays.copyOf(ratios, (int) Math.max(ratios.length * 2L, n + other.n));
      }
      System.arraycopy(other.ratios, 0, ratios, (int) n, (int) other.n);
    }
    n += other.n;
  }

  /** The exact micro-unit sum, rounded once to a double, in units. */
  private double sumEffortUnits() {
    if (sumEffortHigh == 0 && sumEffortLow >= 0) {
      return EffortCalculator.toUnits(sumEffortLow);
    }
    java.math.BigInteger micros = java.math.BigInteger.valueOf(sumEffortHigh).shiftLeft(64)
        .add(new java.math.BigInteger(Long.toUnsignedString(sumEffortLow)));
    return new java.math.BigDecimal(micros).movePointLeft(6).doubleValue();
  }

  private double[] sortedRatios() {
    double[] r = Arrays.copyOf(ratios, (int) n);
    Arrays.sort(r);
    return r;
  }

  static double median(double[] sorted) {
    int k = sorted.length;
    return k % 2 == 1 ? sorted[k / 2] : (sorted[k / 2 - 1] + sorted[k / 2]) / 2.0;
  }

  static double trimmedMean(double[] sorted, double fraction) {
    int cut = (int) Math.floor(fraction * sorted.length);
    double s = 0;
    for (int i = cut; i < sorted.length - cut; i++) {
      s += sorted[i];
    }
    return s / (sorted.length - 2 * cut);
  }

  static double winsorisedMean(double[] sorted, double fraction) {
    int k = sorted.length;
    int cut = (int) Math.floor(fraction * k);
    double s = 0;
    for (int i = 0; i < k; i++) {
      s += sorted[Math.min(Math.max(i, cut), k - 1 - cut)];
    }
    return s / k;
  }
}
