package org.mpindex.core.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/**
 * The Poisson bootstrap's parts: weights, replicate statistics on an expanded multiset, the exact
 * jackknife, and percentile and BCa ends. Expected values are worked by hand in the comments or
 * computed by brute force (expanding the multiset, leaving a patient out and recomputing).
 */
class BootstrapTest {

  static Bootstrap.Sample sample(double... ratios) {
    int n = ratios.length;
    long[] keys = new long[n];
    double[] health = new double[n];
    double[] effort = new double[n];
    for (int i = 0; i < n; i++) {
      keys[i] = 1000L + i;
      health[i] = 1.0 / (1 + i % 3);
      effort[i] = health[i] / ratios[i];
    }
    return new Bootstrap.Sample(keys, ratios.clone(), health, effort, n);
  }

  @Test
  void poissonWeightsHaveMeanOneAndTheRightShareOfZeros() {
    // Poisson(1): P(0) = P(1) = e^-1 = 0.3679, P(2) = 0.1839, mean 1, variance 1. Over 200,000
    // (key, replicate) draws the sample mean has SE 1/sqrt(200000) = 0.0022: 5 SE is 0.011.
    long sum = 0;
    long sumSq = 0;
    int zeros = 0;
    int twos = 0;
    int draws = 0;
    for (long key = 0; key < 2000; key++) {
      for (int b = 0; b < 100; b++) {
        int w = Bootstrap.weight(42, Bootstrap.patientKey("P" + key), b);
        sum += w;
        sumSq += (long) w * w;
        zeros += w == 0 ? 1 : 0;
        twos += w == 2 ? 1 : 0;
        draws++;
      }
    }
    double mean = (double) sum / draws;
    assertEquals(1, mean, 0.011);
    assertEquals(1, (double) sumSq / draws - mean * mean, 0.03);
    assertEquals(Math.exp(-1), (double) zeros / draws, 0.006);
    assertEquals(Math.exp(-1) / 2, (double) twos / draws, 0.005);
  }

  @Test
  void weightsDependOnSeedPatientAndReplicateOnly() {
    long k = Bootstrap.patientKey("00013D2EFD8E45D1");
    assertEquals(
        Bootstrap.weight(7, k, 3),
        Bootstrap.weight(7, Bootstrap.patientKey("00013D2EFD8E45D1"), 3));
    int[] a = new int[64];
    int[] b = new int[64];
    for (int r = 0; r < 64; r++) {
      a[r] = Bootstrap.weight(7, k, r);
      b[r] = Bootstrap.weight(8, k, r);
    }
    assertFalse(Arrays.equals(a, b), "another seed, other weights");
    assertNotEquals(Bootstrap.patientKey("A1"), Bootstrap.patientKey("1A"));
  }

  @Test
  void replicateStatisticsAreThoseOfTheExpandedMultiset() {
    // ratios 1, 2, 3, 10 with weights 2, 0, 1, 1: the multiset {1, 1, 3, 10} (W = 4)
    Bootstrap.Sample s = sample(1, 2, 3, 10);
    int[] w = {2, 0, 1, 1};
    assertEquals(15.0 / 4, Bootstrap.weighted(s, w, 4, Aggregation.meanOfRatios()), 1e-15);
    // median of 4: mean of the 2nd and 3rd, (1 + 3) / 2
    assertEquals(2, Bootstrap.weighted(s, w, 4, Aggregation.median()), 0);
    // trimmed 0.25: cut floor(1) each end, {1, 3}: 2
    assertEquals(2, Bootstrap.weighted(s, w, 4, Aggregation.trimmedMean(0.25)), 0);
    // winsorised 0.25: {1, 1, 3, 3}: 2
    assertEquals(2, Bootstrap.weighted(s, w, 4, Aggregation.winsorisedMean(0.25)), 0);
    // ratio of means: health 1, 1/2, 1/3, 1 (by position), effort = health / ratio
    double h = 2 * 1 + 1.0 / 3 + 1;
    double m = 2 * 1 + (1.0 / 3) / 3 + 1.0 / 10;
    assertEquals(h / m, Bootstrap.weighted(s, w, 4, Aggregation.ratioOfMeans()), 1e-15);
  }

  @Test
  void percentileQuantilesInterpolateBetweenOrderStatistics() {
    // R's type 7: h = (n - 1) p; 5 values, p = 0.25: h = 1, the 2nd value; p = 0.1: h = 0.4
    double[] v = {1, 2, 3, 4, 5};
    assertEquals(2, Bootstrap.quantile(v, 0.25), 0);
    assertEquals(1.4, Bootstrap.quantile(v, 0.1), 1e-15);
    assertEquals(5, Bootstrap.quantile(v, 1), 0);
  }

  @Test
  void percentileIntervalOfKnownReplicates() {
    // replicates 0..100 (101 values, NaN skipped): 2.5% and 97.5% at h = 2.5 and 97.5; SE is the
    // standard deviation of 0..100: sqrt(101 * 102 / 12) = 29.3002
    double[] reps = new double[102];
    for (int i = 0; i <= 100; i++) {
      reps[i] = i;
    }
    reps[101] = Double.NaN;
    Interval iv = Bootstrap.interval(50, reps, null, false);
    assertEquals(IntervalMethod.BOOTSTRAP_PERCENTILE, iv.method());
    assertEquals(2.5, iv.low(), 1e-12);
    assertEquals(97.5, iv.high(), 1e-12);
    assertEquals(Math.sqrt(101 * 102 / 12.0), iv.standardError(), 1e-9);
  }

  @Test
  void bcaWithoutBiasOrSkewIsThePercentileInterval() {
    // half the replicates below the estimate (z0 = 0) and symmetric jackknife values (a = 0): BCa's
    // levels are Phi(z_0.025) = 0.025 and 0.975, the percentile interval
    double[] reps = new double[101];
    for (int i = 0; i <= 100; i++) {
      reps[i] = i;
    }
    double[] jack = {1, 2, 3, 4, 5};
    Interval bca = Bootstrap.interval(50, reps, jack, true);
    assertEquals(IntervalMethod.BOOTSTRAP_BCA, bca.method());
    assertEquals(2.5, bca.low(), 1e-9);
    assertEquals(97.5, bca.high(), 1e-9);
    assertEquals(0, Bootstrap.acceleration(jack), 0);
  }

  @Test
  void bcaShiftsTowardsTheBias() {
    // estimate 40 with 40 of 101 replicates below and 1 equal: p0 = 40.5 / 101, z0 =
    // Phi^-1(0.40099)
    // = -0.25080; levels Phi(2 z0 -+ 1.95996) = Phi(-2.46156) = 0.006917, Phi(1.45836) = 0.92763;
    // type-7 quantiles of 0..100 at h = 100 p: 0.6917 and 92.763
    double[] reps = new double[101];
    for (int i = 0; i <= 100; i++) {
      reps[i] = i;
    }
    Interval bca = Bootstrap.interval(40, reps, new double[] {1, 2, 3}, true);
    assertEquals(0.6917, bca.low(), 2e-3);
    assertEquals(92.763, bca.high(), 2e-3);
  }

  @Test
  void accelerationOfASkewedJackknife() {
    // values 0, 0, 3: mean 1, d = mean - v = 1, 1, -2; sum d^2 = 6, sum d^3 = 1 + 1 - 8 = -6;
    // a = -6 / (6 * 6^1.5) = -1 / 14.6969
    assertEquals(-1 / Math.pow(6, 1.5), Bootstrap.acceleration(new double[] {0, 0, 3}), 1e-15);
  }

  @Test
  void bcaIsUndefinedWhenEveryReplicateLiesOnOneSide() {
    Interval iv = Bootstrap.interval(-1, new double[] {1, 2, 3}, new double[] {1, 2}, true);
    assertFalse(iv.present());
    assertTrue(iv.standardError() > 0);
    assertEquals(Interval.NONE, Bootstrap.interval(1, new double[] {Double.NaN, 2}, null, false));
  }

  // ------------------------------------------------------------ properties

  @Provide
  Arbitrary<Aggregation> aggregations() {
    return Arbitraries.of(
        Aggregation.meanOfRatios(),
        Aggregation.ratioOfMeans(),
        Aggregation.median(),
        Aggregation.trimmedMean(0.1),
        Aggregation.trimmedMean(0.25),
        Aggregation.winsorisedMean(0.2));
  }

  /** The cell's own statistic over a list of ratios (as the accumulator computes it). */
  static double statistic(Bootstrap.Sample s, boolean[] drop, Aggregation agg) {
    MpiSpec spec = MpiSpec.builder().aggregation(agg).build();
    CellAccumulator acc = new CellAccumulator(CellAccumulator.keepFor(spec));
    for (int i = 0; i < s.n; i++) {
      if (!drop[i]) {
        acc.add(s.keys[i], s.ratio[i], s.health[i], Math.round(s.effort[i] * 1e6), 0);
      }
    }
    return acc.toCell(ViewsTest.w(2008, 1), "x", spec).mpi();
  }

  @Property(tries = 300)
  void jackknifeEqualsLeavingEachPatientOutAndRecomputing(
      @ForAll @Size(min = 2, max = 40)
          java.util.List<@DoubleRange(min = 0.01, max = 100) Double> ratios,
      @ForAll("aggregations") Aggregation agg) {
    Bootstrap.Sample s = sample(ratios.stream().mapToDouble(Double::doubleValue).toArray());
    if (agg.kind() == Aggregation.Kind.RATIO_OF_MEANS) {
      // effort in whole micro-units, as cells hold it
      for (int i = 0; i < s.n; i++) {
        s.effort[i] = Math.round(s.effort[i] * 1e6) / 1e6;
      }
    }
    double[] jack = Bootstrap.jackknife(s, agg);
    for (int i = 0; i < s.n; i++) {
      boolean[] drop = new boolean[s.n];
      drop[i] = true;
      double expected = statistic(s, drop, agg);
      assertEquals(expected, jack[i], Math.abs(expected) * 1e-9, "patient " + i + " of " + s.n);
    }
  }

  @Property(tries = 300)
  void weightedStatisticEqualsTheStatisticOfTheExpandedList(
      @ForAll @Size(min = 1, max = 30)
          java.util.List<@DoubleRange(min = 0.01, max = 100) Double> ratios,
      @ForAll("aggregations") Aggregation agg,
      @ForAll long seed) {
    if (agg.kind() == Aggregation.Kind.RATIO_OF_MEANS) {
      return; // an expanded ratio of means is a weighted sum: checked by hand above
    }
    Bootstrap.Sample s = sample(ratios.stream().mapToDouble(Double::doubleValue).toArray());
    Random r = new Random(seed);
    int[] w = new int[s.n];
    java.util.List<Double> expanded = new java.util.ArrayList<>();
    for (int i = 0; i < s.n; i++) {
      w[i] = r.nextInt(4);
      for (int k = 0; k < w[i]; k++) {
        expanded.add(s.ratio[i]);
      }
    }
    if (expanded.isEmpty()) {
      return;
    }
    Bootstrap.Sample e = sample(expanded.stream().mapToDouble(Double::doubleValue).toArray());
    double expected = statistic(e, new boolean[e.n], agg);
    assertEquals(
        expected, Bootstrap.weighted(s, w, expanded.size(), agg), Math.abs(expected) * 1e-12);
  }

  @Property(tries = 100)
  void intervalsScaleWithTheValues(
      @ForAll @Size(min = 5, max = 40)
          java.util.List<@DoubleRange(min = 0.01, max = 100) Double> ratios,
      @ForAll("aggregations") Aggregation agg,
      @ForAll @IntRange(min = 1, max = 10) int power,
      @ForAll boolean bca) {
    // every ratio times k: every replicate and jackknife value times k, so both ends times k. k is
    // a
    // power of 2 so that scaling is exact in binary: BCa counts replicates equal to the estimate,
    // and
    // a tie must not come and go with a rounding
    int k = 1 << power;
    double[] x = ratios.stream().mapToDouble(Double::doubleValue).toArray();
    double[] kx = Arrays.stream(x).map(v -> v * k).toArray();
    Intervals iv = bca ? Intervals.bootstrapBca(200, 3) : Intervals.bootstrapPercentile(200, 3);
    Bootstrap.Sample s = sample(x);
    Bootstrap.Sample ks = sample(kx);
    if (agg.kind() == Aggregation.Kind.RATIO_OF_MEANS) {
      // cells hold M in whole micro-units: efforts on a grid of 1024 micro-units stay whole when
      // divided
      // by k <= 1024, and each ratio is H / M of its own patient
      int n = x.length;
      long[] keys = new long[n];
      double[] h = new double[n];
      double[] m = new double[n];
      double[] r = new double[n];
      double[] km = new double[n];
      double[] kr = new double[n];
      for (int i = 0; i < n; i++) {
        keys[i] = 1000L + i;
        h[i] = 1.0 / (1 + i % 3);
        long micros = Math.max(1024, Math.round(h[i] / x[i] * 1e6 / 1024) * 1024);
        m[i] = micros / 1e6;
        km[i] = micros / (double) k / 1e6; // exact: micros is a multiple of 1024 >= k
        r[i] = h[i] * 1e6 / micros;
        kr[i] = h[i] * 1e6 / (micros / (double) k);
      }
      s = new Bootstrap.Sample(keys, r, h, m, n);
      ks = new Bootstrap.Sample(keys, kr, h, km, n);
    }
    Interval a = Bootstrap.cell(s, statistic(s, new boolean[s.n], agg), agg, iv).interval;
    Interval b = Bootstrap.cell(ks, statistic(ks, new boolean[ks.n], agg), agg, iv).interval;
    assertEquals(a.present(), b.present());
    if (a.present()) {
      assertEquals(a.low() * k, b.low(), Math.abs(a.low() * k) * 1e-9 + 1e-12);
      assertEquals(a.high() * k, b.high(), Math.abs(a.high() * k) * 1e-9 + 1e-12);
      assertTrue(b.low() <= b.high());
    }
  }

  @Property(tries = 100)
  void replicatesDoNotDependOnTheOrderPatientsArrive(
      @ForAll @Size(min = 2, max = 40)
          java.util.List<@DoubleRange(min = 0.01, max = 100) Double> ratios,
      @ForAll("aggregations") Aggregation agg,
      @ForAll long seed) {
    double[] x = ratios.stream().mapToDouble(Double::doubleValue).toArray();
    Bootstrap.Sample s = sample(x);
    // the same patients (key, H, M, ratio) in another order
    Integer[] perm = new Integer[s.n];
    for (int i = 0; i < s.n; i++) {
      perm[i] = i;
    }
    java.util.Collections.shuffle(Arrays.asList(perm), new Random(seed));
    long[] keys = new long[s.n];
    double[] r = new double[s.n];
    double[] h = new double[s.n];
    double[] m = new double[s.n];
    for (int i = 0; i < s.n; i++) {
      keys[i] = s.keys[perm[i]];
      r[i] = s.ratio[perm[i]];
      h[i] = s.health[perm[i]];
      m[i] = s.effort[perm[i]];
    }
    Bootstrap.Sample t = new Bootstrap.Sample(keys, r, h, m, s.n);
    Intervals iv = Intervals.bootstrapBca(100, seed);
    assertTrue(Arrays.equals(Bootstrap.replicates(s, agg, iv), Bootstrap.replicates(t, agg, iv)));
  }
}
