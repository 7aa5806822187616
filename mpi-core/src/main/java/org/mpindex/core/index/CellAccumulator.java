package org.mpindex.core.index;

import java.util.Arrays;
import java.util.EnumMap;
import org.mpindex.core.spi.EffortCalculator;
import org.mpindex.core.time.Window;

/**
 * Running statistics of one (window, group): candidates, exclusions by reason, and over the patients
 * with a ratio their count, the exact sums of the ratios, of their squares and of H ({@link
 * ExactSum}), and the exact sum of M. Ratios themselves are kept only when the aggregation needs
 * order statistics or the intervals a bootstrap (then with each patient's key, H and M); the ratio
 * of means keeps the exact sums of H^2, M^2 and HM for its delta-method interval. Every statistic is
 * a sum (or, for kept values, a multiset), so accumulators
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

  /** Keep every ratio (order statistics). */
  static final int KEEP_RATIOS = 1;

  /** Keep every patient's key, ratio, H and M (bootstrap). */
  static final int KEEP_PATIENTS = 2;

  /** Keep the exact sums of H^2, M^2 and H*M (delta method of the ratio of means). */
  static final int KEEP_MOMENTS = 4;

  /** Keep per-stratum counts and sums (age/sex standardisation). */
  static final int KEEP_STRATA = 8;

  private final int keep;
  private final long[] stratumN;
  private final ExactSum[] stratumRatio;
  private final ExactSum[] stratumHealth;
  private final long[] stratumEffortMicros;
  private double[] ratios;
  private long[] keys;
  private double[] healths;
  private long[] efforts;
  private final ExactSum sumHealthSquared;
  private final ExactSum sumEffortSquared;
  private final ExactSum sumHealthEffort;

  /** What the cells of {@code spec} keep beyond sums: a combination of the {@code KEEP_} flags. */
  static int keepFor(MpiSpec spec) {
    int k = spec.aggregation().needsAllRatios() || spec.intervals().bootstrap() ? KEEP_RATIOS : 0;
    if (spec.intervals().bootstrap()) {
      k |= KEEP_PATIENTS;
    }
    if (spec.aggregation().kind() == Aggregation.Kind.RATIO_OF_MEANS) {
      k |= KEEP_MOMENTS;
    }
    if (spec.standardisation().enabled()) {
      k |= KEEP_STRATA;
    }
    return k;
  }

  CellAccumulator(int keep) {
    this.keep = keep;
    this.ratios = (keep & KEEP_RATIOS) != 0 ? new double[16] : null;
    if ((keep & KEEP_PATIENTS) != 0) {
      keys = new long[16];
      healths = new double[16];
      efforts = new long[16];
    }
    boolean moments = (keep & KEEP_MOMENTS) != 0;
    sumHealthSquared = moments ? new ExactSum() : null;
    sumEffortSquared = moments ? new ExactSum() : null;
    sumHealthEffort = moments ? new ExactSum() : null;
    boolean strata = (keep & KEEP_STRATA) != 0;
    stratumN = strata ? new long[AgeSexStratum.COUNT] : null;
    stratumEffortMicros = strata ? new long[AgeSexStratum.COUNT] : null;
    stratumRatio = strata ? new ExactSum[AgeSexStratum.COUNT] : null;
    stratumHealth = strata ? new ExactSum[AgeSexStratum.COUNT] : null;
    // a stratum's sums are made when its first patient comes: most strata of a small cell stay
    // empty
  }

  /** The sums of stratum {@code s}, made on first use. */
  private void touchStratum(int s) {
    if (stratumRatio[s] == null) {
      stratumRatio[s] = new ExactSum();
      stratumHealth[s] = new ExactSum();
    }
  }

  void exclude(ExclusionReason reason) {
    candidates++;
    excluded[reason.ordinal()]++;
  }

  /** One more candidate reaching the effort step whose effort window had an unvalued line. */
  void effortIncomplete() {
    effortIncomplete++;
  }

  /**
   * One more patient with a ratio.
   *
   * @param key the patient's {@link Bootstrap#patientKey}
   * @param ratio H/M in health per effort unit
   * @param health H
   * @param effortMicros M in micro-units, after any floor
   * @param stratum the patient's {@link AgeSexStratum#index()}
   */
  void add(long key, double ratio, double health, long effortMicros, int stratum) {
    if (stratumN != null) {
      stratumN[stratum]++;
      touchStratum(stratum);
      stratumRatio[stratum].add(ratio);
      stratumHealth[stratum].add(health);
      stratumEffortMicros[stratum] = Math.addExact(stratumEffortMicros[stratum], effortMicros);
    }
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
    if (ratios != null) {
      if (n > ratios.length) {
        ratios = Arrays.copyOf(ratios, ratios.length * 2);
      }
      ratios[(int) n - 1] = ratio;
    }
    if (keys != null) {
      if (n > keys.length) {
        keys = Arrays.copyOf(keys, keys.length * 2);
        healths = Arrays.copyOf(healths, healths.length * 2);
        efforts = Arrays.copyOf(efforts, efforts.length * 2);
      }
      keys[(int) n - 1] = key;
      healths[(int) n - 1] = health;
      efforts[(int) n - 1] = effortMicros;
    }
    if (sumHealthSquared != null) {
      double m = EffortCalculator.toUnits(effortMicros);
      sumHealthSquared.add(health * health);
      sumEffortSquared.add(m * m);
      sumHealthEffort.add(health * m);
    }
  }

  /** Candidates counted so far (patients with a ratio and exclusions). */
  long candidates() {
    return candidates;
  }

  /**
   * Whether {@link #remove} can take a patient out again: the cell keeps sums only (no ratios or
   * patients, which would need a multiset).
   */
  boolean removable() {
    return ratios == null && keys == null;
  }

  /** Takes back one {@link #exclude} of {@code reason} (a real-time ledger's patient that changed). */
  void unexclude(ExclusionReason reason) {
    candidates--;
    excluded[reason.ordinal()]--;
  }

  /** Takes back one {@link #effortIncomplete}. */
  void unmarkEffortIncomplete() {
    effortIncomplete--;
  }

  /**
   * Takes back one {@link #add} with the same values, exactly: every sum gets the negated term
   * (an {@link ExactSum} of x and -x is exactly 0), the 128-bit effort sum a borrow.
   *
   * @throws IllegalStateException when the cell keeps ratios or patients ({@link #removable})
   */
  void remove(double ratio, double health, long effortMicros, int stratum) {
    if (!removable()) {
      throw new IllegalStateException("a cell that keeps ratios or patients cannot remove one");
    }
    if (stratumN != null) {
      stratumN[stratum]--;
      stratumRatio[stratum].add(-ratio);
      stratumHealth[stratum].add(-health);
      stratumEffortMicros[stratum] = Math.subtractExact(stratumEffortMicros[stratum], effortMicros);
    }
    candidates--;
    n--;
    sumRatio.add(-ratio);
    sumRatioSquared.add(-(ratio * ratio));
    sumHealth.add(-health);
    if (Long.compareUnsigned(sumEffortLow, effortMicros) < 0) {
      sumEffortHigh--;
    }
    sumEffortLow -= effortMicros;
    if (sumHealthSquared != null) {
      double m = EffortCalculator.toUnits(effortMicros);
      sumHealthSquared.add(-(health * health));
      sumEffortSquared.add(-(m * m));
      sumHealthEffort.add(-(health * m));
    }
  }

  /** The cell's values under {@code spec}, its interval by {@code spec.intervals()}. */
  IndexCell toCell(Window window, String group, MpiSpec spec) {
    return toCell(window, group, spec, bootstrap(spec));
  }

  /**
   * The bootstrap of this cell under {@code spec}; null when the spec asks for analytic intervals or
   * the cell has fewer than 2 patients.
   */
  Bootstrap.CellStats bootstrap(MpiSpec spec) {
    if (!spec.intervals().bootstrap() || n < 2) {
      return null;
    }
    int k = (int) n;
    double[] effortUnits = new double[k];
    for (int i = 0; i < k; i++) {
      effortUnits[i] = EffortCalculator.toUnits(efforts[i]);
    }
    Bootstrap.Sample s = new Bootstrap.Sample(keys, ratios, healths, effortUnits, k);
    return Bootstrap.cell(s, estimate(spec.aggregation()), spec.aggregation(), spec.intervals());
  }

  /** The cell's values, its interval from {@code stats} when given (else analytic). */
  IndexCell toCell(Window window, String group, MpiSpec spec, Bootstrap.CellStats stats) {
    Aggregation aggregation = spec.aggregation();
    EnumMap<ExclusionReason, Long> ex = new EnumMap<>(ExclusionReason.class);
    for (ExclusionReason r : REASONS) {
      ex.put(r, excluded[r.ordinal()]);
    }
    if (n == 0) {
      return new IndexCell(
          window,
          group,
          Double.NaN,
          Double.NaN,
          Double.NaN,
          0,
          Double.NaN,
          Double.NaN,
          Double.NaN,
          IntervalMethod.NONE,
          candidates,
          ex,
          effortIncomplete);
    }
    double meanEffort = sumEffortUnits() / n;
    double meanHealth = sumHealth.dividedBy(n);
    double mpi = estimate(aggregation);
    Interval interval = stats != null ? stats.interval : analytic(aggregation, mpi);
    return new IndexCell(
        window,
        group,
        mpi,
        meanHealth,
        meanEffort,
        n,
        interval.standardError(),
        interval.low(),
        interval.high(),
        interval.method(),
        candidates,
        ex,
        effortIncomplete);
  }

  /** The statistic of {@code aggregation} over the patients (n >= 1). */
  private double estimate(Aggregation aggregation) {
    return switch (aggregation.kind()) {
      case MEAN_OF_RATIOS -> sumRatio.dividedBy(n);
      case RATIO_OF_MEANS -> sumHealth.value() / sumEffortUnits();
      case MEDIAN -> median(sortedRatios());
      case TRIMMED_MEAN -> trimmedMean(sortedRatios(), aggregation.fraction());
      default -> winsorisedMean(sortedRatios(), aggregation.fraction());
    };
  }

  /**
   * Student's t (n - 1 degrees of freedom: the normal 1.96 is too narrow for small cells) for the mean
   * of ratios; the delta method for the ratio of means; none otherwise or below 2 patients.
   */
  private Interval analytic(Aggregation aggregation, double mpi) {
    if (n < 2) {
      return Interval.NONE;
    }
    double se;
    IntervalMethod method;
    if (aggregation.kind() == Aggregation.Kind.MEAN_OF_RATIOS) {
      se = standardError();
      method = IntervalMethod.STUDENT_T;
    } else if (aggregation.kind() == Aggregation.Kind.RATIO_OF_MEANS && sumHealthSquared != null) {
      se = deltaStandardError(mpi);
      method = IntervalMethod.DELTA;
    } else {
      return Interval.NONE;
    }
    double q = StudentT.quantile975(n - 1);
    return new Interval(se, mpi - q * se, mpi + q * se, method);
  }

  /**
   * The delta-method standard error of R = sum H / sum M: with u = H - R M per patient, sqrt(s_u^2 /
   * n) / mean M, where s_u^2 = (sum H^2 - 2 R sum HM + R^2 sum M^2) / (n - 1), taken from the exact
   * sums in decimals.
   */
  private double deltaStandardError(double r) {
    java.math.MathContext mc = new java.math.MathContext(40, java.math.RoundingMode.HALF_EVEN);
    java.math.BigDecimal br = new java.math.BigDecimal(r);
    java.math.BigDecimal su =
        sumHealthSquared
            .exact()
            .subtract(
                br.multiply(sumHealthEffort.exact()).multiply(java.math.BigDecimal.valueOf(2)))
            .add(br.multiply(br).multiply(sumEffortSquared.exact()));
    if (su.signum() <= 0) {
      return 0;
    }
    double variance = su.divide(java.math.BigDecimal.valueOf(n - 1), mc).doubleValue();
    double meanEffort = sumEffortUnits() / n;
    return Math.sqrt(variance / n) / meanEffort;
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
    java.math.BigDecimal variance =
        numerator.divide(bn.multiply(java.math.BigDecimal.valueOf(n - 1)), mc);
    return Math.sqrt(variance.divide(bn, mc).doubleValue());
  }

  /** Patients per stratum ({@link AgeSexStratum#index()}); null without stratum sums. */
  long[] stratumCounts() {
    return stratumN == null ? null : stratumN.clone();
  }

  /**
   * The directly standardised values under stratum {@code shares} (summing to 1), for the mean of
   * ratios or the ratio of means (see {@link Standardisation}).
   */
  Standardisation.Values standardised(double[] shares, Aggregation aggregation) {
    int missing = 0;
    double mpi = 0;
    double health = 0;
    double effort = 0;
    for (int s = 0; s < AgeSexStratum.COUNT; s++) {
      if (shares[s] == 0) {
        continue;
      }
      if (stratumN[s] == 0) {
        missing++;
        continue;
      }
      double h = stratumHealth[s].dividedBy(stratumN[s]);
      double m = EffortCalculator.toUnits(stratumEffortMicros[s]) / stratumN[s];
      mpi += shares[s] * stratumRatio[s].dividedBy(stratumN[s]);
      health += shares[s] * h;
      effort += shares[s] * m;
    }
    if (missing > 0) {
      return new Standardisation.Values(Double.NaN, Double.NaN, Double.NaN, missing);
    }
    if (aggregation.kind() == Aggregation.Kind.RATIO_OF_MEANS) {
      mpi = health / effort;
    }
    return new Standardisation.Values(mpi, health, effort, 0);
  }

  /** An independent copy. */
  CellAccumulator copy() {
    CellAccumulator c = new CellAccumulator(keep);
    c.merge(this);
    return c;
  }

  /** Adds everything {@code other} counted (which is not changed). */
  void merge(CellAccumulator other) {
    if (keep != other.keep && other.n > 0) {
      throw new IllegalArgumentException("cells of different specs do not merge");
    }
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
    int total = (int) Math.min(Integer.MAX_VALUE, Math.max(16, Math.max(2 * n, n + other.n)));
    if (ratios != null && other.n > 0) {
      if (n + other.n > ratios.length) {
        ratios = Arrays.copyOf(ratios, total);
      }
      System.arraycopy(other.ratios, 0, ratios, (int) n, (int) other.n);
    }
    if (keys != null && other.n > 0) {
      if (n + other.n > keys.length) {
        keys = Arrays.copyOf(keys, total);
        healths = Arrays.copyOf(healths, total);
        efforts = Arrays.copyOf(efforts, total);
      }
      System.arraycopy(other.keys, 0, keys, (int) n, (int) other.n);
      System.arraycopy(other.healths, 0, healths, (int) n, (int) other.n);
      System.arraycopy(other.efforts, 0, efforts, (int) n, (int) other.n);
    }
    if (stratumN != null && other.n > 0) {
      for (int i = 0; i < AgeSexStratum.COUNT; i++) {
        stratumN[i] += other.stratumN[i];
        if (other.stratumRatio[i] != null) {
          touchStratum(i);
          stratumRatio[i].add(other.stratumRatio[i]);
          stratumHealth[i].add(other.stratumHealth[i]);
        }
        stratumEffortMicros[i] =
            Math.addExact(stratumEffortMicros[i], other.stratumEffortMicros[i]);
      }
    }
    if (sumHealthSquared != null && other.n > 0) {
      sumHealthSquared.add(other.sumHealthSquared);
      sumEffortSquared.add(other.sumEffortSquared);
      sumHealthEffort.add(other.sumHealthEffort);
    }
    n += other.n;
  }

  /** The exact micro-unit sum, rounded once to a double, in units. */
  private double sumEffortUnits() {
    if (sumEffortHigh == 0 && sumEffortLow >= 0) {
      return EffortCalculator.toUnits(sumEffortLow);
    }
    java.math.BigInteger micros =
        java.math.BigInteger.valueOf(sumEffortHigh)
            .shiftLeft(64)
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
