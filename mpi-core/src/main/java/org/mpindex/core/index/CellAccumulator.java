package org.mpindex.core.index;

import java.util.Arrays;
import java.util.EnumMap;
import org.mpindex.core.spi.EffortCalculator;
import org.mpindex.core.time.Window;

/**
 * Running statistics of one (window, group): candidates, exclusions by reason, and over the patients
 * with a ratio their count, Welford mean and squared deviations of the ratios, sum of H and exact sum
 * of M. Ratios themselves are kept only when the aggregation needs order statistics.
 */
final class CellAccumulator {
  private static final ExclusionReason[] REASONS = ExclusionReason.values();

  private long candidates;
  private final long[] excluded = new long[REASONS.length];
  private long n;
  private double mean;
  private double m2;
  private double sumHealth;
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
    double delta = ratio - mean;
    mean += delta / n;
    m2 += delta * (ratio - mean);
    sumHealth += health;
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
    double meanHealth = sumHealth / n;
    double mpi;
    double se = Double.NaN;
    switch (aggregation.kind()) {
      case MEAN_OF_RATIOS:
        mpi = mean;
        if (n >= 2) {
          se = Math.sqrt(m2 / (n - 1)) / Math.sqrt(n);
        }
        break;
      case RATIO_OF_MEANS:
        mpi = sumHealth / sumEffort;
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
    return new IndexCell(window, group, mpi, meanHealth, meanEffort, n, se,
        mpi - IndexCell.Z_95 * se, mpi + IndexCell.Z_95 * se, candidates, ex, effortIncomplete);
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
