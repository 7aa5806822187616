package org.mpindex.core.index;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.mpindex.core.text.StableHash;

/**
 * The bootstrap's draws as they are taken since issue 28 (integer thresholds, every replicate of a
 * patient at once) against the definition they replace, written out here from the definition: x =
 * (u >>> 11) / 2^53 compared as a double with P(Poisson(1) <= k) one k after the other, and each
 * replicate's sums taken one replicate at a time over the patients in canonical order. Same seed,
 * same bits.
 */
class BootstrapDrawsTest {

  /** P(Poisson(1) <= k), k = 0..19, summed here as e^-1 sum_{j<=k} 1/j!. */
  private static final double[] CDF = new double[20];

  static {
    double p = Math.exp(-1);
    double c = 0;
    for (int k = 0; k < CDF.length; k++) {
      c += p;
      CDF[k] = c;
      p /= k + 1;
    }
  }

  /** The Poisson(1) value of the draw m / 2^53 by comparing doubles, k at most 19. */
  private static int byDoubles(long m) {
    double x = m * 0x1.0p-53;
    int k = 0;
    while (k < CDF.length - 1 && x >= CDF[k]) {
      k++;
    }
    return k;
  }

  /** The weight of the definition: mix(mix(seed ^ key) + (b + 1) golden), then by doubles. */
  private static int definedWeight(long seed, long key, int b) {
    long u = StableHash.mix(StableHash.mix(seed ^ key) + (b + 1) * 0x9e3779b97f4a7c15L);
    return byDoubles(u >>> 11);
  }

  /** Replicates one at a time, as the definition reads (sums in canonical order). */
  private static double[] definedReplicates(Bootstrap.Sample s, Aggregation agg, Intervals iv) {
    double[] out = new double[iv.replicates()];
    int[] w = new int[s.n];
    for (int b = 0; b < out.length; b++) {
      long total = 0;
      for (int i = 0; i < s.n; i++) {
        w[i] = definedWeight(iv.seed(), s.keys[i], b);
        total += w[i];
      }
      if (total == 0) {
        out[b] = Double.NaN;
        continue;
      }
      switch (agg.kind()) {
        case MEAN_OF_RATIOS -> {
          double sum = 0;
          for (int i = 0; i < s.n; i++) {
            sum += w[i] * s.ratio[i];
          }
          out[b] = sum / total;
        }
        case RATIO_OF_MEANS -> {
          double h = 0;
          double m = 0;
          for (int i = 0; i < s.n; i++) {
            h += w[i] * s.health[i];
            m += w[i] * s.effort[i];
          }
          out[b] = h / m;
        }
        // the order statistics of the weighted multiset: checked against the expanded list in
        // BootstrapTest
        default -> out[b] = Bootstrap.weighted(s, w, total, agg);
      }
    }
    return out;
  }

  @Provide
  Arbitrary<Aggregation> aggregations() {
    return Arbitraries.of(
        Aggregation.meanOfRatios(),
        Aggregation.ratioOfMeans(),
        Aggregation.median(),
        Aggregation.trimmedMean(0.1),
        Aggregation.winsorisedMean(0.2));
  }

  @Test
  void poissonInversionAtHandPickedDraws() {
    // P(Poisson(1) <= k) = e^-1 (1 + 1 + 1/2 + ... + 1/k!): 0.3679, 0.7358, 0.9197, 0.9810,
    // 0.99634, 0.99941, 0.99992: the value of a draw x is the first k whose P exceeds x
    double[] x = {0, 0.30, 0.3678, 0.3680, 0.5, 0.9, 0.95, 0.99, 0.999, 0.9999};
    int[] expected = {0, 0, 0, 1, 1, 2, 3, 4, 5, 6};
    for (int i = 0; i < x.length; i++) {
      long m = (long) Math.floor(x[i] * 0x1.0p53);
      assertEquals(expected[i], Bootstrap.poisson(m), "x = " + x[i]);
    }
    // the largest draw, 1 - 2^-53, is at or above every P the doubles can tell from 1: the cap 19
    // or the first k whose rounded P is 1.0
    int top = Bootstrap.poisson((1L << 53) - 1);
    assertTrue(top >= 10 && top <= 19, "top " + top);
  }

  @Property(tries = 2000)
  void integerThresholdsGiveTheWeightOfTheComparisonOfDoubles(
      @ForAll @IntRange(min = 0, max = 19) int k,
      @ForAll @IntRange(min = -3, max = 3) int delta,
      @ForAll long random) {
    // at and around each threshold (where the two could differ), and anywhere
    long at = (long) Math.ceil(CDF[k] * 0x1.0p53) + delta;
    long m = Math.max(0, Math.min((1L << 53) - 1, at));
    assertEquals(byDoubles(m), Bootstrap.poisson(m), "m = " + m);
    long any = random >>> 11;
    assertEquals(byDoubles(any), Bootstrap.poisson(any), "m = " + any);
  }

  @Property(tries = 300)
  void weightsAreThoseOfTheDefinition(
      @ForAll long seed, @ForAll long key, @ForAll @IntRange(min = 0, max = 100_000) int b) {
    assertEquals(definedWeight(seed, key, b), Bootstrap.weight(seed, key, b));
  }

  @Property(tries = 300)
  void replicatesAreBitForBitThoseTakenOneReplicateAtATime(
      @ForAll @Size(min = 1, max = 50) List<@DoubleRange(min = 0.01, max = 1000) Double> ratios,
      @ForAll("aggregations") Aggregation agg,
      @ForAll @IntRange(min = 100, max = 160) int replicates,
      @ForAll long seed) {
    Bootstrap.Sample s =
        BootstrapTest.sample(ratios.stream().mapToDouble(Double::doubleValue).toArray());
    Intervals iv = Intervals.bootstrapBca(replicates, seed);
    // assertArrayEquals on doubles compares bits (NaN equals NaN): the same sums in the same order
    assertArrayEquals(definedReplicates(s, agg, iv), Bootstrap.replicates(s, agg, iv));
  }

  @Property(tries = 200)
  void theSameSeedGivesTheSameIntervalWithinTheReplicatesRange(
      @ForAll @Size(min = 20, max = 60) List<@DoubleRange(min = 0.01, max = 100) Double> ratios,
      @ForAll("aggregations") Aggregation agg,
      @ForAll long seed) {
    double[] x = ratios.stream().mapToDouble(Double::doubleValue).toArray();
    Bootstrap.Sample s = BootstrapTest.sample(x);
    double estimate = BootstrapTest.statistic(s, new boolean[s.n], agg);
    Intervals iv = Intervals.bootstrapPercentile(200, seed);
    Interval a = Bootstrap.cell(s, estimate, agg, iv).interval;
    Interval b = Bootstrap.cell(BootstrapTest.sample(x), estimate, agg, iv).interval;
    assertEquals(a, b);
    // percentile ends are quantiles of the replicates: low <= high, both within their range
    double[] reps = Bootstrap.replicates(s, agg, iv);
    double min = java.util.Arrays.stream(reps).filter(v -> !Double.isNaN(v)).min().orElseThrow();
    double max = java.util.Arrays.stream(reps).filter(v -> !Double.isNaN(v)).max().orElseThrow();
    assertTrue(min <= a.low() && a.low() <= a.high() && a.high() <= max, a.toString());
  }
}
