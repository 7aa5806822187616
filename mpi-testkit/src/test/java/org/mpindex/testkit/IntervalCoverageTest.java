package org.mpindex.testkit;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mpindex.core.claims.ProcedureCode;
import org.mpindex.core.index.Aggregation;
import org.mpindex.core.index.Grouping;
import org.mpindex.core.index.IndexAssembler;
import org.mpindex.core.index.IndexCell;
import org.mpindex.core.index.Interval;
import org.mpindex.core.index.Intervals;
import org.mpindex.core.index.MpiResult;
import org.mpindex.core.index.MpiSpec;
import org.mpindex.core.index.TimeSeries;

/**
 * Coverage of the 95% intervals, checked by simulation on the synthetic population (issue #13).
 *
 * <p>A synthetic population of {@value #POPULATION} beneficiaries is the truth: its index per window
 * and its quarter-on-quarter percent changes are the values an interval should cover. Each of
 * {@value #SAMPLES} seeded simple random samples of {@value #SAMPLE} beneficiaries (without
 * replacement) is run through the whole assembler, and every index window's national interval (11
 * windows, 10 changes) is checked against the population's value. The sampling fraction is 1/16, so
 * an interval that ignores the finite population is about 3% too wide and nominal coverage is about
 * 95.5%.
 *
 * <p>Tolerance: the coverage of R = 300 x 11 intervals, correlated across windows, has a standard
 * error of at most about 1.2 points (0.95 x 0.05 / 300, every window counted as one); we accept
 * 0.91 to 0.985, about -3.5 to +3 standard errors around 0.955. A method that ignored the patients
 * shared by two windows (independent errors) or the skew of the ratios would fall outside.
 */
class IntervalCoverageTest {
  static final int POPULATION = 4000;
  static final int SAMPLE = 250;
  static final int SAMPLES = 300;

  static final SimpleEffortCalculator EFFORT = effort();
  static final MpiSpec BASE = MpiSpec.builder().grouping(Grouping.NATIONAL).build();

  static List<Population> patients;
  static MpiResult truth;

  static SimpleEffortCalculator effort() {
    // work RVUs per unit, one per code of the mix (values of the order of the real ones)
    Map<ProcedureCode, Long> m = new HashMap<>();
    int i = 0;
    for (CodeMix.Weighted w : CodeMix.PROCEDURES) {
      m.put(ProcedureCode.of(w.code()), 400_000L + 250_000L * (i++ % 9));
    }
    return SimpleEffortCalculator.of(m);
  }

  @BeforeAll
  static void population() {
    SyntheticPopulation gen = SyntheticPopulation.medicare2007to2009(2011, POPULATION);
    patients = new ArrayList<>();
    for (int i = 0; i < POPULATION; i++) {
      patients.add(gen.patient(i));
    }
    truth = compute(BASE, allIndices());
  }

  static int[] allIndices() {
    int[] all = new int[POPULATION];
    for (int i = 0; i < POPULATION; i++) {
      all[i] = i;
    }
    return all;
  }

  static MpiResult compute(MpiSpec spec, int[] who) {
    IndexAssembler a = IndexAssembler.create(spec, EFFORT, MpiArbitraries.populationGrouper());
    for (int i : who) {
      a.addAll(patients.get(i).records());
    }
    return a.assemble();
  }

  /** A simple random sample of SAMPLE patients: a partial Fisher-Yates shuffle. */
  static int[] sample(long seed) {
    int[] all = allIndices();
    SplittableRandom r = new SplittableRandom(seed);
    for (int i = 0; i < SAMPLE; i++) {
      int j = i + r.nextInt(POPULATION - i);
      int t = all[i];
      all[i] = all[j];
      all[j] = t;
    }
    return java.util.Arrays.copyOf(all, SAMPLE);
  }

  /** The share of index windows (and of changes) whose interval covers the population's value. */
  static double[] coverage(Intervals intervals, Aggregation aggregation) {
    MpiSpec spec = BASE.toBuilder().intervals(intervals).aggregation(aggregation).build();
    MpiResult whole = compute(BASE.toBuilder().aggregation(aggregation).build(), allIndices());
    List<TimeSeries.Point> truePoints = whole.nationalSeries().points();
    int levels = 0;
    int levelHits = 0;
    int changes = 0;
    int changeHits = 0;
    for (int s = 0; s < SAMPLES; s++) {
      List<TimeSeries.Point> pts = compute(spec, sample(1000 + s)).nationalSeries().points();
      for (int w = 0; w < pts.size(); w++) {
        IndexCell c = pts.get(w).cell();
        double v = truePoints.get(w).mpi();
        levels++;
        levelHits += c.ciLow() <= v && v <= c.ciHigh() ? 1 : 0;
        Interval q = pts.get(w).changeFromPreviousInterval();
        if (q.present()) {
          double dv = truePoints.get(w).changeFromPrevious();
          changes++;
          changeHits += q.low() <= dv && dv <= q.high() ? 1 : 0;
        }
      }
    }
    return new double[] {
      (double) levelHits / levels, changes == 0 ? Double.NaN : (double) changeHits / changes
    };
  }

  static void assertNominal(String what, double coverage) {
    System.out.printf("coverage of the %s: %.4f%n", what, coverage);
    assertTrue(
        coverage >= 0.91 && coverage <= 0.985, what + " covered " + coverage + " of the time");
  }

  @Test
  void studentTIntervalsOfTheMeanOfRatiosCover95Percent() {
    double[] c = coverage(Intervals.analytic(), Aggregation.meanOfRatios());
    assertNominal("t interval of the mean of ratios", c[0]);
  }

  @Test
  void deltaMethodIntervalsOfTheRatioOfMeansCover95Percent() {
    double[] c = coverage(Intervals.analytic(), Aggregation.ratioOfMeans());
    assertNominal("delta-method interval of the ratio of means", c[0]);
  }

  @Test
  void bootstrapIntervalsCoverTheIndexAndItsChanges() {
    double[] pct = coverage(Intervals.bootstrapPercentile(200, 5), Aggregation.meanOfRatios());
    assertNominal("bootstrap percentile interval of the mean of ratios", pct[0]);
    assertNominal("bootstrap percentile interval of the quarter-on-quarter change", pct[1]);
    double[] bca = coverage(Intervals.bootstrapBca(200, 5), Aggregation.meanOfRatios());
    assertNominal("bootstrap BCa interval of the mean of ratios", bca[0]);
    assertNominal("bootstrap BCa interval of the quarter-on-quarter change", bca[1]);
    double[] median = coverage(Intervals.bootstrapPercentile(200, 5), Aggregation.median());
    assertNominal("bootstrap percentile interval of the median", median[0]);
  }
}
