package org.mpindex.benchmarks;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.mpindex.core.index.IndexAssembler;
import org.mpindex.core.index.IndexCell;
import org.mpindex.core.index.IndexPartial;
import org.mpindex.core.index.Intervals;
import org.mpindex.core.index.MpiResult;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of {@code --intervals bootstrap-bca} (issue 28, point 6): the result read from the
 * paper-scale workload's folded partial ({@link RaceData}: {@code beneficiaries} beneficiaries,
 * 2011-2013, quarters, the paper's spec, 2 shards) with the spec's intervals {@code intervals}. The
 * fold runs once in setup; the benchmark is {@link IndexAssembler#result(IndexPartial)} alone, which
 * is where the bootstrap runs (every cell's replicates, jackknife and interval, on the common
 * pool's cores, then the percent changes). {@code ANALYTIC} is the same read without a bootstrap:
 * the bootstrap's cost is the difference.
 *
 * <p>Setup prints the number of cells and of patient-cells (a patient counts once in each cell they
 * are in: the national cell and their group's, in every window): the bootstrap's work is replicates
 * times patient-cells weighted draws.
 *
 * <pre>
 * java -Xmx12g -jar benchmarks/target/benchmarks.jar BootstrapBenchmark -f 1 -wi 1 -i 3
 * java -jar benchmarks/target/benchmarks.jar BootstrapBenchmark -p beneficiaries=20000 -f 1 -wi 0 -i 1
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms12g", "-Xmx12g"})
public class BootstrapBenchmark {

  /** Beneficiaries of the paper-scale workload (the paper's 1,875,000 by default). */
  @Param({"1875000"})
  public int beneficiaries;

  /** ANALYTIC (no bootstrap), BOOTSTRAP_PERCENTILE or BOOTSTRAP_BCA. */
  @Param({"ANALYTIC", "BOOTSTRAP_BCA"})
  public String intervals;

  /** Bootstrap replicates (the default 1,000). */
  @Param({"1000"})
  public int replicates;

  private RaceData data;
  private IndexAssembler reader;
  private IndexPartial whole;

  @Setup
  public void load() {
    Intervals iv =
        switch (intervals) {
          case "ANALYTIC" -> Intervals.analytic();
          case "BOOTSTRAP_PERCENTILE" -> Intervals.bootstrapPercentile(replicates, 2011);
          case "BOOTSTRAP_BCA" -> Intervals.bootstrapBca(replicates, 2011);
          default -> throw new IllegalArgumentException("intervals: " + intervals);
        };
    data = RaceData.create(beneficiaries, 2, iv);
    List<IndexAssembler> folded = data.foldedShards();
    reader = folded.get(0);
    whole = folded.get(0).partial(1);
    for (int k = 1; k < folded.size(); k++) {
      whole.merge(folded.get(k).partial(1));
    }
    MpiResult r = reader.result(whole);
    long cells = 0;
    long patientCells = 0;
    for (IndexCell c : r.national()) {
      cells++;
      patientCells += c.patients();
    }
    for (IndexCell c : r.groupCells()) {
      cells++;
      patientCells += c.patients();
    }
    System.out.println(
        "\nworkload: "
            + beneficiaries
            + " beneficiaries, "
            + cells
            + " cells, "
            + patientCells
            + " patient-cells; national MPI of the first window "
            + r.national().get(0).mpi()
            + " ["
            + r.national().get(0).ciLow()
            + ", "
            + r.national().get(0).ciHigh()
            + "]");
  }

  @TearDown
  public void close() {
    data.close();
  }

  @Benchmark
  public MpiResult result() {
    return reader.result(whole);
  }
}
