package org.mpindex.benchmarks;

import java.util.concurrent.TimeUnit;
import org.mpindex.core.claims.ClaimLine;
import org.mpindex.core.index.IndexAssembler;
import org.mpindex.core.index.MpiSpec;
import org.mpindex.core.spi.BurdenGrouper;
import org.mpindex.core.spi.EffortCalculator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The assembler's fold: claim lines per second into per-(patient, quarter) state, from line objects
 * ({@code objects}) or from primitive columns ({@code columns}), with a table effort calculator and a
 * prefix grouper (so the figure is the fold, not the RVU lookup). Workload:
 * the first {@value #LINES} claim lines of the synthetic 2007-2009 population (about 17,000
 * beneficiaries), in patient order or shuffled. One operation = one line; run with {@code -prof gc}
 * for bytes allocated per line.
 *
 * <p>{@code state}: {@code FRESH} folds into a new assembler each invocation (its tables grow while
 * timed: what a single run pays), {@code STEADY} folds the same lines again into one assembler per
 * trial (the loop itself; its allocation per line should be ~0). {@code layout}: {@code HASH}
 * without a declared study period, {@code DENSE} with 2007-2009 declared.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar FoldBenchmark -prof gc
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
public class FoldBenchmark {
  static final int LINES = 1_000_000;

  @Param({"PATIENT_SORTED", "SHUFFLED"})
  public Workloads.Order order;

  @Param({"FRESH", "STEADY"})
  public String state;

  @Param({"HASH", "DENSE"})
  public String layout;

  private ClaimLine[] lines;
  private EffortCalculator effort;
  private BurdenGrouper grouper;
  private IndexAssembler assembler;
  private org.mpindex.core.index.ClaimColumns columns;

  @Setup(Level.Trial)
  public void load() {
    lines = Workloads.lines(LINES, order).toArray(new ClaimLine[0]);
    effort = Workloads.tableEffort();
    grouper = Workloads.tableGrouper();
  }

  @Setup(Level.Invocation)
  public void fresh() {
    if (assembler != null && state.equals("STEADY")) {
      return;
    }
    MpiSpec spec =
        layout.equals("DENSE")
            ? MpiSpec.builder()
                .studyPeriod(
                    org.mpindex.core.index.StudyPeriod.of(
                        java.time.LocalDate.of(2007, 1, 1), java.time.LocalDate.of(2009, 12, 31)))
                .build()
            : MpiSpec.PARENTE_2011;
    assembler = IndexAssembler.create(spec, effort, grouper);
    // the same lines as columns: interned in the same order, so every fresh assembler agrees
    columns = Workloads.columns(assembler, lines, columns);
  }

  /** The object path: one {@code ClaimLine} at a time. */
  @Benchmark
  @OperationsPerInvocation(LINES)
  public IndexAssembler objects() {
    IndexAssembler a = assembler;
    for (ClaimLine line : lines) {
      a.add(line);
    }
    return a;
  }

  /** The columnar path: one batch of primitive columns. */
  @Benchmark
  @OperationsPerInvocation(LINES)
  public IndexAssembler columns() {
    return assembler.add(columns);
  }
}
