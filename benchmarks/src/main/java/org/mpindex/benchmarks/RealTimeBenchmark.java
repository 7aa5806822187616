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
 * The real-time index ({@link RealTimeIndex}, issue #14): the cost of one new day's claims and of one
 * query. Workload: the synthetic 2011-2013 population of {@code beneficiaries} (about 89 lines a
 * beneficiary), real bundled CMS work RVUs and Elixhauser, 90-day windows, all claims but those of
 * 2013-06-30 loaded in setup.
 *
 * <ul>
 *   <li>{@code newDay}: the claim lines of 2013-06-30 valued, grouped and added, then reversed by claim
 *       id (the state is the same after each call: in and out of one day);
 *   <li>{@code query}: the index of the 90-day window ending on 2013-06-30.
 * </ul>
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar RealTimeBenchmark -p beneficiaries=20000
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx6g"})
public class RealTimeBenchmark {
  static final LocalDate DAY = LocalDate.of(2013, 6, 30);

  @Param({"20000"})
  public int beneficiaries;

  private RealTimeIndex index;
  private List<ClaimLine> day;

  @Setup
  public void setUp() {
    SyntheticPopulation gen = SyntheticPopulation.medicare2011to2013(2011, beneficiaries);
    index =
        RealTimeIndex.create(
            MpiSpec.PARENTE_2011,
            WorkRvuCalculator.of(RvuSchedule.bundled()),
            ComorbidityGrouper.elixhauser(),
            90,
            gen.studyStart());
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

  /** One day's claims in, then out again. */
  @Benchmark
  public int newDay() {
    day.forEach(index::add);
    int n = 0;
    for (ClaimLine l : day) {
      n += index.reverse(l.beneficiaryId(), l.claimId());
    }
    return n;
  }

  /** The window ending on {@link #DAY}. */
  @Benchmark
  public double query() {
    return index.query(DAY).national().mpi();
  }
}
