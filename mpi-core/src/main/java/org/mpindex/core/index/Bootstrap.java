package org.mpindex.core.index;

import java.util.Arrays;
import org.mpindex.core.text.StableHash;

/**
 * The patient-level Poisson bootstrap of {@link Intervals}: weights from a hash of (seed, patient,
 * replicate), replicate statistics of a cell's patients for every {@link Aggregation}, the exact
 * leave-one-patient-out jackknife, and percentile and BCa intervals of a value and of a change
 * between two cells whose patients overlap.
 */
final class Bootstrap {
  private static final double LOW = 0.025;
  private static final double HIGH = 0.975;

  /** P(Poisson(1) <= k) for k = 0, 1, ...: e^-1 * sum 1/j!. */
  private static final double[] POISSON1_CDF = new double[20];

  /**
   * The same thresholds on the 53-bit integer m of the draw x = m / 2^53: x >= CDF[k] exactly when m
   * >= ceil(CDF[k] 2^53) (scaling by 2^53 is exact, and m is an integer), so a weight is counted
   * with integer compares only, the same k as the comparisons of doubles.
   */
  private static final long[] POISSON1_AT = new long[POISSON1_CDF.length];

  private static final long T0;
  private static final long T1;
  private static final long T2;
  private static final long T3;

  static {
    double p = Math.exp(-1);
    double c = 0;
    for (int k = 0; k < POISSON1_CDF.length; k++) {
      c += p;
      POISSON1_CDF[k] = c;
      POISSON1_AT[k] = (long) Math.ceil(c * 0x1.0p53);
      p /= k + 1;
    }
    T0 = POISSON1_AT[0];
    T1 = POISSON1_AT[1];
    T2 = POISSON1_AT[2];
    T3 = POISSON1_AT[3];
  }

  private Bootstrap() {}

  /** A 64-bit key of a patient id, stable across runs, JVMs and versions ({@link StableHash}). */
  static long patientKey(String id) {
    return StableHash.of(id);
  }

  /**
   * The Poisson(1) weight of patient {@code key} in replicate {@code b}: the inverse CDF of x = (u
   * >>> 11) / 2^53 for u = mix(mix(seed ^ key) + (b + 1) golden), the smallest k with x < P(Poisson(1)
   * <= k), at most 19.
   */
  static int weight(long seed, long key, int b) {
    return weightOf(base(seed, key), b);
  }

  /** The part of a patient's weights that does not depend on the replicate: mix(seed ^ key). */
  static long base(long seed, long key) {
    return StableHash.mix(seed ^ key);
  }

  /** The weight in replicate {@code b} of the patient whose {@link #base} is {@code base}. */
  static int weightOf(long base, int b) {
    return poisson(StableHash.mix(base + (b + 1) * 0x9e3779b97f4a7c15L) >>> 11);
  }

  /**
   * The Poisson(1) value of the draw m / 2^53 (0 <= m < 2^53) by inversion: the number of k < 19
   * with m / 2^53 >= P(Poisson(1) <= k).
   */
  static int poisson(long m) {
    // 98% of the draws are below the fourth threshold
    int k = (int) poisson4(m);
    if (k == 4) {
      while (k < POISSON1_AT.length - 1 && m >= POISSON1_AT[k]) {
        k++;
      }
    }
    return k;
  }

  /**
   * A cell's patients in canonical order (by ratio, then health, effort and key), so that every
   * sum over them is taken in the same order whatever order they arrived in.
   */
  static final class Sample {
    final int n;
    final long[] keys;
    final double[] ratio;
    final double[] health;
    final double[] effort;

    Sample(long[] keys, double[] ratio, double[] health, double[] effort, int n) {
      Integer[] order = new Integer[n];
      for (int i = 0; i < n; i++) {
        order[i] = i;
      }
      Arrays.sort(
          order,
          (a, b) -> {
            int c = Double.compare(ratio[a], ratio[b]);
            if (c == 0) {
              c = Double.compare(health[a], health[b]);
            }
            if (c == 0) {
              c = Double.compare(effort[a], effort[b]);
            }
            return c != 0 ? c : Long.compare(keys[a], keys[b]);
          });
      this.n = n;
      this.keys = new long[n];
      this.ratio = new double[n];
      this.health = new double[n];
      this.effort = new double[n];
      for (int i = 0; i < n; i++) {
        int j = order[i];
        this.keys[i] = keys[j];
        this.ratio[i] = ratio[j];
        this.health[i] = health[j];
        this.effort[i] = effort[j];
      }
    }
  }

  /**
   * One cell's bootstrap: its estimate, its replicates (NaN where a replicate drew no patient) and
   * its jackknife values by patient key (for changes).
   */
  static final class CellStats {
    final double estimate;
    final double[] replicates;
    final long[] keysByKey;
    final double[] jackknifeByKey;
    final Interval interval;

    CellStats(
        double estimate,
        double[] replicates,
        long[] keysByKey,
        double[] jackknifeByKey,
        Interval interval) {
      this.estimate = estimate;
      this.replicates = replicates;
      this.keysByKey = keysByKey;
      this.jackknifeByKey = jackknifeByKey;
      this.interval = interval;
    }
  }

  /** The bootstrap of a cell with {@code estimate} (n >= 2 patients). */
  static CellStats cell(Sample s, double estimate, Aggregation agg, Intervals iv) {
    double[] reps = replicates(s, agg, iv);
    double[] jack = jackknife(s, agg);
    Interval interval =
        interval(estimate, reps, jack, iv.method() == Intervals.Method.BOOTSTRAP_BCA);
    Integer[] order = new Integer[s.n];
    for (int i = 0; i < s.n; i++) {
      order[i] = i;
    }
    Arrays.sort(
        order,
        (a, b) -> {
          int c = Long.compare(s.keys[a], s.keys[b]);
          return c != 0 ? c : Double.compare(jack[a], jack[b]);
        });
    long[] keys = new long[s.n];
    double[] byKey = new double[s.n];
    for (int i = 0; i < s.n; i++) {
      keys[i] = s.keys[order[i]];
      byKey[i] = jack[order[i]];
    }
    return new CellStats(estimate, reps, keys, byKey, interval);
  }

  /**
   * The statistic in each replicate (NaN where the replicate drew no patient). The mean of ratios
   * and the ratio of means are sums over the patients in canonical order: they are taken patient by
   * patient, each patient's weights in every replicate drawn at once and added into one running sum
   * a replicate (so that each replicate's sum is the same chain of additions, in the same order, as
   * one replicate at a time: the same bits), and the draws run as loops over the replicates that the
   * JIT vectorises.
   */
  static double[] replicates(Sample s, Aggregation agg, Intervals iv) {
    int reps = iv.replicates();
    double[] out = new double[reps];
    long[] base = new long[s.n];
    for (int i = 0; i < s.n; i++) {
      base[i] = base(iv.seed(), s.keys[i]);
    }
    switch (agg.kind()) {
      case MEAN_OF_RATIOS -> meanOfRatios(base, s.ratio, out);
      case RATIO_OF_MEANS -> ratioOfMeans(base, s.health, s.effort, out);
      default -> {
        int[] w = new int[s.n];
        for (int b = 0; b < reps; b++) {
          long total = 0;
          for (int i = 0; i < s.n; i++) {
            w[i] = weightOf(base[i], b);
            total += w[i];
          }
          out[b] = total == 0 ? Double.NaN : weighted(s, w, total, agg);
        }
      }
    }
    return out;
  }

  /**
   * The weights of one patient ({@code h}: its part of every weight) in every replicate, into
   * {@code w}: min(4, weight) without a branch (StableHash.mix written out and poisson4's compares,
   * a loop the JIT vectorises), then the 2% at 4 or more one by one.
   */
  private static void draw(long h, long[] step, long[] w) {
    int reps = w.length;
    for (int b = 0; b < reps; b++) {
      long z = h + step[b];
      z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
      z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
      long m = (z ^ (z >>> 31)) >>> 11;
      w[b] =
          ((T0 - 1 - m) >>> 63)
              + ((T1 - 1 - m) >>> 63)
              + ((T2 - 1 - m) >>> 63)
              + ((T3 - 1 - m) >>> 63);
    }
    for (int b = 0; b < reps; b++) {
      if (w[b] == 4) {
        w[b] = weightOf(h, b);
      }
    }
  }

  /** Every replicate's mean of ratios, sum w x / sum w (NaN when sum w = 0), into {@code out}. */
  private static void meanOfRatios(long[] base, double[] x, double[] out) {
    int reps = out.length;
    long[] step = steps(reps);
    long[] w = new long[reps];
    long[] total = new long[reps];
    double[] sum = new double[reps];
    for (int i = 0; i < base.length; i++) {
      draw(base[i], step, w);
      double v = x[i];
      for (int b = 0; b < reps; b++) {
        sum[b] += w[b] * v;
        total[b] += w[b];
      }
    }
    for (int b = 0; b < reps; b++) {
      out[b] = total[b] == 0 ? Double.NaN : sum[b] / total[b];
    }
  }

  /**
   * Every replicate's ratio of means, sum w H / sum w M (NaN when sum w = 0), into {@code out}.
   */
  private static void ratioOfMeans(long[] base, double[] health, double[] effort, double[] out) {
    int reps = out.length;
    long[] step = steps(reps);
    long[] w = new long[reps];
    long[] total = new long[reps];
    double[] sh = new double[reps];
    double[] sm = new double[reps];
    for (int i = 0; i < base.length; i++) {
      draw(base[i], step, w);
      double vh = health[i];
      double vm = effort[i];
      for (int b = 0; b < reps; b++) {
        sh[b] += w[b] * vh;
        sm[b] += w[b] * vm;
        total[b] += w[b];
      }
    }
    for (int b = 0; b < reps; b++) {
      out[b] = total[b] == 0 ? Double.NaN : sh[b] / sm[b];
    }
  }

  /** (b + 1) golden for b = 0..reps-1: what {@link #weightOf} adds to a patient's base. */
  private static long[] steps(int reps) {
    long[] step = new long[reps];
    for (int b = 0; b < reps; b++) {
      step[b] = (b + 1) * 0x9e3779b97f4a7c15L;
    }
    return step;
  }

  /**
   * min(4, {@link #poisson}(m)) without a branch: (T - 1 - m) >>> 63 is 1 when m >= T (both below
   * 2^53: no overflow).
   */
  private static long poisson4(long m) {
    return ((T0 - 1 - m) >>> 63)
        + ((T1 - 1 - m) >>> 63)
        + ((T2 - 1 - m) >>> 63)
        + ((T3 - 1 - m) >>> 63);
  }

  /**
   * The statistic of the multiset holding patient i {@code w[i]} times: the same definitions as the
   * cell's own ({@link CellAccumulator}) applied to the {@code total} values.
   */
  static double weighted(Sample s, int[] w, long total, Aggregation agg) {
    double[] x = s.ratio;
    switch (agg.kind()) {
      case MEAN_OF_RATIOS -> {
        double sum = 0;
        for (int i = 0; i < s.n; i++) {
          sum += w[i] * x[i];
        }
        return sum / total;
      }
      case RATIO_OF_MEANS -> {
        double h = 0;
        double m = 0;
        for (int i = 0; i < s.n; i++) {
          h += w[i] * s.health[i];
          m += w[i] * s.effort[i];
        }
        return h / m;
      }
      case MEDIAN -> {
        return (at(x, w, (total - 1) / 2) + at(x, w, total / 2)) / 2.0;
      }
      case TRIMMED_MEAN -> {
        long cut = (long) Math.floor(agg.fraction() * total);
        return between(x, w, cut, total - cut) / (total - 2 * cut);
      }
      default -> {
        long cut = (long) Math.floor(agg.fraction() * total);
        double sum =
            between(x, w, cut, total - cut) + cut * at(x, w, cut) + cut * at(x, w, total - 1 - cut);
        return sum / total;
      }
    }
  }

  /** The value at position {@code pos} of the expanded sorted multiset. */
  private static double at(double[] x, int[] w, long pos) {
    long c = 0;
    for (int i = 0; i < x.length; i++) {
      c += w[i];
      if (pos < c) {
        return x[i];
      }
    }
    throw new IllegalArgumentException("position " + pos + " beyond " + c);
  }

  /** The sum of the expanded sorted multiset's positions [from, to). */
  private static double between(double[] x, int[] w, long from, long to) {
    double sum = 0;
    long c = 0;
    for (int i = 0; i < x.length && c < to; i++) {
      long a = Math.max(c, from);
      long z = Math.min(c + w[i], to);
      if (z > a) {
        sum += (z - a) * x[i];
      }
      c += w[i];
    }
    return sum;
  }

  /** The statistic without patient i, for each i of the sample (n >= 2). */
  static double[] jackknife(Sample s, Aggregation agg) {
    int n = s.n;
    double[] out = new double[n];
    double[] x = s.ratio;
    switch (agg.kind()) {
      case MEAN_OF_RATIOS -> {
        double sum = 0;
        for (double v : x) {
          sum += v;
        }
        for (int i = 0; i < n; i++) {
          out[i] = (sum - x[i]) / (n - 1);
        }
        return out;
      }
      case RATIO_OF_MEANS -> {
        double h = 0;
        double m = 0;
        for (int i = 0; i < n; i++) {
          h += s.health[i];
          m += s.effort[i];
        }
        for (int i = 0; i < n; i++) {
          out[i] = (h - s.health[i]) / (m - s.effort[i]);
        }
        return out;
      }
      default -> {}
    }
    double[] prefix = new double[n + 1];
    for (int i = 0; i < n; i++) {
      prefix[i + 1] = prefix[i] + x[i];
    }
    int m = n - 1;
    for (int r = 0; r < n; r++) {
      switch (agg.kind()) {
        case MEDIAN -> out[r] = (without(x, r, (m - 1) / 2) + without(x, r, m / 2)) / 2.0;
        case TRIMMED_MEAN -> {
          int cut = (int) Math.floor(agg.fraction() * m);
          out[r] = sumWithout(prefix, r, cut, m - cut) / (m - 2 * cut);
        }
        default -> {
          int cut = (int) Math.floor(agg.fraction() * m);
          out[r] =
              (sumWithout(prefix, r, cut, m - cut)
                      + cut * without(x, r, cut)
                      + cut * without(x, r, m - 1 - cut))
                  / m;
        }
      }
    }
    return out;
  }

  /** Element j of the sorted values without element r. */
  private static double without(double[] x, int r, int j) {
    return j < r ? x[j] : x[j + 1];
  }

  /** The sum of elements [a, b) of the sorted values without element r, from prefix sums. */
  private static double sumWithout(double[] prefix, int r, int a, int b) {
    double sum = 0;
    int firstEnd = Math.min(b, r);
    if (firstEnd > a) {
      sum += prefix[firstEnd] - prefix[a];
    }
    int secondStart = Math.max(a, r);
    if (b > secondStart) {
      sum += prefix[b + 1] - prefix[secondStart + 1];
    }
    return sum;
  }

  /**
   * The interval of {@code estimate} from its replicates (NaN entries skipped) and, for BCa, its
   * jackknife values. NONE when fewer than 2 replicates are usable, or (BCa) when every replicate
   * lies on one side of the estimate.
   */
  static Interval interval(double estimate, double[] replicates, double[] jackknife, boolean bca) {
    double[] r = Arrays.stream(replicates).filter(v -> !Double.isNaN(v)).sorted().toArray();
    IntervalMethod method =
        bca ? IntervalMethod.BOOTSTRAP_BCA : IntervalMethod.BOOTSTRAP_PERCENTILE;
    if (r.length < 2 || Double.isNaN(estimate)) {
      return Interval.NONE;
    }
    double mean = 0;
    for (double v : r) {
      mean += v;
    }
    mean /= r.length;
    double ss = 0;
    for (double v : r) {
      ss += (v - mean) * (v - mean);
    }
    double se = Math.sqrt(ss / (r.length - 1));
    double pLow = LOW;
    double pHigh = HIGH;
    if (bca) {
      double below = 0;
      for (double v : r) {
        below += v < estimate ? 1 : v == estimate ? 0.5 : 0;
      }
      double z0 = Normal.quantile(below / r.length);
      if (Double.isInfinite(z0)) {
        return new Interval(se, Double.NaN, Double.NaN, IntervalMethod.NONE);
      }
      double a = acceleration(jackknife);
      pLow = bcaLevel(z0, a, Normal.quantile(LOW));
      pHigh = bcaLevel(z0, a, Normal.quantile(HIGH));
    }
    return new Interval(se, quantile(r, pLow), quantile(r, pHigh), method);
  }

  private static double bcaLevel(double z0, double a, double z) {
    return Normal.cdf(z0 + (z0 + z) / (1 - a * (z0 + z)));
  }

  /** sum d^3 / (6 (sum d^2)^1.5), d = mean of the jackknife values minus each; 0 when all equal. */
  static double acceleration(double[] jackknife) {
    double mean = 0;
    for (double v : jackknife) {
      mean += v;
    }
    mean /= jackknife.length;
    double s2 = 0;
    double s3 = 0;
    for (double v : jackknife) {
      double d = mean - v;
      s2 += d * d;
      s3 += d * d * d;
    }
    return s2 == 0 ? 0 : s3 / (6 * Math.pow(s2, 1.5));
  }

  /** The p quantile of sorted values, interpolating linearly between order statistics (R's type 7). */
  static double quantile(double[] sorted, double p) {
    double h = (sorted.length - 1) * p;
    int lo = (int) Math.floor(h);
    if (lo >= sorted.length - 1) {
      return sorted[sorted.length - 1];
    }
    return sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo]);
  }

  /**
   * The interval of the percent change {@code 100 (after - before) / before} between two cells of the
   * same group, resampled with the same patient weights in both (so patients in both windows move
   * together). The jackknife leaves a patient out of both cells (a cell without the patient keeps
   * its estimate).
   */
  static Interval percentChange(CellStats before, CellStats after, boolean bca) {
    double estimate = TimeSeries.percentChange(before.estimate, after.estimate);
    if (Double.isNaN(estimate)) {
      return Interval.NONE;
    }
    double[] reps = new double[before.replicates.length];
    for (int b = 0; b < reps.length; b++) {
      reps[b] = TimeSeries.percentChange(before.replicates[b], after.replicates[b]);
    }
    double[] jack = null;
    if (bca) {
      long[] k0 = before.keysByKey;
      long[] k1 = after.keysByKey;
      double[] out = new double[k0.length + k1.length];
      int i = 0;
      int j = 0;
      int o = 0;
      while (i < k0.length || j < k1.length) {
        int c = i == k0.length ? 1 : j == k1.length ? -1 : Long.compare(k0[i], k1[j]);
        double v0 = c <= 0 ? before.jackknifeByKey[i++] : before.estimate;
        double v1 = c >= 0 ? after.jackknifeByKey[j++] : after.estimate;
        out[o++] = TimeSeries.percentChange(v0, v1);
      }
      jack = Arrays.copyOf(out, o);
    }
    return interval(estimate, reps, jack, bca);
  }
}
