package org.mpindex.benchmarks;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.mpindex.adg.ComorbidityGrouper;
import org.mpindex.core.claims.ClaimLine;
import org.mpindex.core.index.MpiSpec;
import org.mpindex.core.index.RealTimeIndex;
import org.mpindex.rbrvs.RvuSchedule;
import org.mpindex.rbrvs.WorkRvuCalculator;
import org.mpindex.testkit.Population;
import org.mpindex.testkit.SyntheticPopulation;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The real-time index ({@link RealTimeIndex}, issues #14 and 28): the cost of one new day's claims,
 * of one query, and of a whole daily series. Workload: the synthetic 2011-2013 population of {@code
 * beneficiaries} (about 89 lines a beneficiary), real bundled CMS work RVUs and Elixhauser, 90-day
 * windows, the paper's spec (4 eligible windows: the first window with an index ends on 2011-12-26).
 *
 * <ul>
 *   <li>{@code newDay}: the claim lines of 2013-06-30 valued, grouped and added, then reversed by claim
 *       id (the state is the same after each call: in and out of one day); all claims but that day's
 *       loaded in setup;
 *   <li>{@code query}: the index of the 90-day window ending on 2013-06-30, asked again (after the
 *       first call every kept outcome is still valid: this is the cost of reading the cells);
 *   <li>{@code dailySeries}: every claim loaded in setup, then the windows ending on each of {@code
 *       days} consecutive days from the first with an index (736 days: 2011-12-26 to 2013-12-31),
 *       one query a day, as {@code mpi compute --realtime-until 2013-12-31} asks; the first query of
 *       a series evaluates every patient (the engine's last end is the end of the previous series),
 *       the next ones only those changed or expired, on {@code threads} threads. Returns the sum of
 *       the national MPIs.
 * </ul>
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar 'RealTimeBenchmark.(newDay|query)' -p beneficiaries=20000
 * java -jar benchmarks/target/benchmarks.jar RealTimeBenchmark.dailySeries -p beneficiaries=1000000 -p days=736 -p threads=1,2
 * </pre>
 */
public class RealTimeBenchmark {
  static final LocalDate DAY = LocalDate.of(2013, 6, 30);

  static RealTimeIndex engine(SyntheticPopulation gen) {
    return RealTimeIndex.create(
        MpiSpec.PARENTE_2011,
        WorkRvuCalculator.of(RvuSchedule.bundled()),
        ComorbidityGrouper.elixhauser(),
        90,
        gen.studyStart());
  }

  /** Everything but one day's claims loaded. */
  @State(Scope.Benchmark)
  public static class Loaded {
    @Param({"20000"})
    public int beneficiaries;

    RealTimeIndex index;
    List<ClaimLine> day;

    @Setup
    public void setUp() {
      SyntheticPopulation gen = SyntheticPopulation.medicare2011to2013(2011, beneficiaries);
      index = engine(gen);
      day = new ArrayList<>();
      for (int i = 0; i < beneficiaries; i++) {
        Population p = gen.patient(i);
        p.beneficiaries().forEach(b -> index.add(b));
        p.enrollments().forEach(e -> index.add(e));
        for (ClaimLine l : p.claimLines()) {
          if (l.serviceFrom().equals(DAY)) {
            day.add(l);
          } else {
            index.add(l);
          }
        }
      }
      if (day.isEmpty()) {
        throw new IllegalStateException("no claim on " + DAY);
      }
    }
  }

  /** Every claim loaded, for a daily series. */
  @State(Scope.Benchmark)
  public static class Series {
    @Param({"20000"})
    public int beneficiaries;

    /** Consecutive window ends from the first with an index (736: to 2013-12-31). */
    @Param({"736"})
    public int days;

    /** Threads a query re-evaluates on ({@link RealTimeIndex#threads}). */
    @Param({"1"})
    public int threads;

    RealTimeIndex index;

    @Setup
    public void setUp() {
      SyntheticPopulation gen = SyntheticPopulation.medicare2011to2013(2011, beneficiaries);
      long before = usedHeap();
      index = engine(gen).threads(threads);
      long lines = 0;
      for (int i = 0; i < beneficiaries; i++) {
        Population p = gen.patient(i);
        p.beneficiaries().forEach(b -> index.add(b));
        p.enrollments().forEach(e -> index.add(e));
        for (ClaimLine l : p.claimLines()) {
          index.add(l);
          lines++;
        }
      }
      long bytes = usedHeap() - before;
      System.err.printf(
          "%nRealTimeBenchmark.Series: %,d beneficiaries, %,d claim lines; the engine holds about"
              + " %,d bytes a beneficiary (heap after GC, records and claim ids included)%n",
          beneficiaries, lines, bytes / beneficiaries);
    }

    private static long usedHeap() {
      Runtime rt = Runtime.getRuntime();
      for (int k = 0; k < 3; k++) {
        System.gc();
      }
      return rt.totalMemory() - rt.freeMemory();
    }
  }

  /** One day's claims in, then out again. */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  @Warmup(iterations = 3, time = 2)
  @Measurement(iterations = 5, time = 2)
  @Fork(
      value = 1,
      jvmArgsAppend = {"-Xmx6g"})
  public int newDay(Loaded s) {
    s.day.forEach(s.index::add);
    int n = 0;
    for (ClaimLine l : s.day) {
      n += s.index.reverse(l.beneficiaryId(), l.claimId());
    }
    return n;
  }

  /** The window ending on {@link #DAY}, asked again. */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  @Warmup(iterations = 3, time = 2)
  @Measurement(iterations = 5, time = 2)
  @Fork(
      value = 1,
      jvmArgsAppend = {"-Xmx6g"})
  public double query(Loaded s) {
    return s.index.query(DAY).national().mpi();
  }

  /** The windows ending on each of {@code days} consecutive days from the first with an index. */
  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @Warmup(iterations = 1)
  @Measurement(iterations = 3)
  @Fork(
      value = 1,
      jvmArgsAppend = {"-Xmx12g"})
  public double dailySeries(Series s) {
    LocalDate end = s.index.firstEnd();
    double sum = 0;
    for (int k = 0; k < s.days; k++) {
      sum += s.index.query(end).national().mpi();
      end = end.plusDays(1);
    }
    return sum;
  }
}
