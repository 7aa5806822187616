package org.mpindex.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.mpindex.core.index.IndexAssembler;
import org.mpindex.core.index.MpiResult;
import org.mpindex.core.index.MpiSpec;
import org.mpindex.core.spi.BurdenGrouper;
import org.mpindex.core.spi.EffortCalculator;
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
 * The whole index over a synthetic population of {@code beneficiaries} (default 100,000; 2007-2009,
 * about 60 claim lines each): every record folded into a fresh assembler, then {@code assemble()}
 * with {@code PARENTE_2011}, with table components or the real ones (RBRVS work RVUs, Elixhauser).
 * The records are generated once in setup; the benchmark is the library's work only. Run with {@code -prof gc}: {@code gc.alloc.rate.norm} is bytes per whole run; divide by
 * the line count printed in setup for bytes per line.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar IndexBenchmark -prof gc
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms8g", "-Xmx8g"})
public class IndexBenchmark {

  @Param({"100000"})
  public int beneficiaries;

  /**
   * TABLE: flat table effort and a prefix grouper (the assembler's own cost); RBRVS_ELIXHAUSER: the
   * real components, work-RVU calculator over a 2007-2009 schedule and the Elixhauser grouper.
   */
  @Param({"TABLE", "RBRVS_ELIXHAUSER"})
  public String components;

  private Object[] records;
  private EffortCalculator effort;
  private BurdenGrouper grouper;

  @Setup
  public void load() {
    List<Object> all = new ArrayList<>();
    SyntheticPopulation.medicare2007to2009(2011, beneficiaries).forEachRecord(all::add);
    records = all.toArray();
    if (components.equals("TABLE")) {
      effort = Workloads.tableEffort();
      grouper = Workloads.tableGrouper();
    } else {
      effort = Workloads.rbrvs();
      grouper = org.mpindex.adg.ComorbidityGrouper.elixhauser();
    }
    long lines = all.stream().filter(r -> r instanceof org.mpindex.core.claims.ClaimLine).count();
    System.out.println("\nworkload: " + records.length + " records, " + lines + " claim lines");
  }

  @Benchmark
  public MpiResult wholeIndex() {
    IndexAssembler a = IndexAssembler.create(MpiSpec.PARENTE_2011, effort, grouper);
    a.addAll(java.util.Arrays.asList(records));
    return a.assemble();
  }
}
