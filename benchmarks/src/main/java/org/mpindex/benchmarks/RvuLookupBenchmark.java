package org.mpindex.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.mpindex.core.claims.ClaimLine;
import org.mpindex.core.claims.ClaimType;
import org.mpindex.core.spi.CodeTally;
import org.mpindex.rbrvs.WorkRvuCalculator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The work-RVU calculator: lookups per second over a realistic code mix, the professional claim lines
 * of the synthetic 2007-2009 population (E/M visits dominate; about one line in eight is a lab or
 * anesthesia code that the calculator counts as unknown or zero). The schedule holds one release per
 * year with every procedure code of the mix except the lab codes (values are placeholders: the figure
 * is lookup speed). One operation = one line.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar RvuLookupBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RvuLookupBenchmark {
  static final int LINES = 200_000;

  /** DEFAULT: units and component modifiers; ALL_OPTIONS: every payment-policy adjustment on too. */
  @Param({"DEFAULT", "ALL_OPTIONS"})
  public String options;

  private ClaimLine[] lines;
  private WorkRvuCalculator calculator;

  @Setup
  public void setUp() {
    List<ClaimLine> all = new ArrayList<>();
    for (ClaimLine l : Workloads.lines(LINES * 2, Workloads.Order.PATIENT_SORTED)) {
      if (l.claimType() == ClaimType.PROFESSIONAL && all.size() < LINES) {
        all.add(l);
      }
    }
    if (all.size() < LINES) {
      throw new IllegalStateException("only " + all.size() + " professional lines");
    }
    lines = all.toArray(new ClaimLine[0]);
    WorkRvuCalculator base = Workloads.rbrvs();
    calculator =
        options.equals("DEFAULT")
            ? base
            : WorkRvuCalculator.builder(base.schedule())
                .bilateral(true)
                .multipleProcedure(true)
                .assistantAtSurgery(true)
                .coSurgery(true)
                .reducedServices(true, 0.5)
                .build();
  }

  @Benchmark
  @OperationsPerInvocation(LINES)
  public void valueEveryLine(Blackhole bh) {
    WorkRvuCalculator c = calculator;
    for (ClaimLine l : lines) {
      bh.consume(c.effortMicros(l, CodeTally.NONE));
    }
  }
}
