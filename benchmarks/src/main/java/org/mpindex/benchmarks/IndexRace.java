package org.mpindex.benchmarks;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.mpindex.core.index.MpiResult;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * The whole index, in memory, raced against DuckDB in the same run, as Caffeine races its rivals.
 * One operation = the paper's index (12 quarters 2011-2013, 65+, four eligible quarters, lag 1,
 * real bundled CMS work RVUs, Elixhauser, national and 52-state cells) over {@code beneficiaries}
 * generated beneficiaries of {@link org.mpindex.testkit.PaperScaleWorkload} (about 89 claim lines
 * and 2.5 diagnoses a line each; 1,875,000 = the paper's population, about 167 million lines):
 *
 * <ul>
 *   <li>{@code library}: from primitive columns ({@link org.mpindex.core.index.ClaimColumns}), one
 *       assembler per patient shard on each core, exact partials merged;
 *   <li>{@code duckdb}: the same index as one SQL query over the same data loaded in DuckDB tables
 *       (in-memory database, as many threads as cores);
 *   <li>{@code objects}: the library from one {@code ClaimLine} object per line, the friendly API;
 *   <li>{@code fold} and {@code evaluation}: the library's two steps timed alone.
 * </ul>
 *
 * <p>Before anything is timed the setup computes the index all three ways and fails unless DuckDB
 * and the library agree on every cell (same cells, same patient counts, MPI within 1e-9 relative)
 * and the two library paths give equal results. Loading the data (generation, DuckDB's appender)
 * is setup, not timed. Each contestant runs in its own fork (JMH's default) and, once the check has
 * passed, a library fork closes DuckDB's in-memory database: with DuckDB's 168 million rows resident
 * in the same process the library's paper-scale runs took 2.4-3.8 s instead of 1.7-2.3 s
 * (benchmarks/README.md). The DuckDB fork keeps the library's generated arrays on the heap (idle).
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar IndexRace -p beneficiaries=1875000
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
// pre-touched heap: on this VM first-touch page faults otherwise add seconds of noise to single
// shots
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms12g", "-Xmx12g", "-XX:+AlwaysPreTouch"})
public class IndexRace {
  @Param({"100000", "1875000"})
  public int beneficiaries;

  private RaceData data;

  // the shards of evaluation(), folded once in the setup
  private List<org.mpindex.core.index.IndexAssembler> folded;

  @Setup(Level.Trial)
  public void load(BenchmarkParams params) {
    data = RaceData.create(beneficiaries, Runtime.getRuntime().availableProcessors());
    MpiResult library = data.library();
    int cells = RaceData.check(library, data.duckdb());
    MpiResult objects = data.objects();
    if (!objects.national().equals(library.national())
        || !objects.groupCells().equals(library.groupCells())) {
      throw new IllegalStateException("the object path and the columnar path disagree");
    }
    folded = data.foldedShards();
    if (!data.evaluate(folded).national().equals(library.national())) {
      throw new IllegalStateException("the evaluation of folded shards disagrees with library()");
    }
    System.out.printf(
        "%n%,d beneficiaries, %,d claim lines: DuckDB and the library agree on %d cells%n",
        data.beneficiaries, data.lines, cells);
    if (!params.getBenchmark().endsWith(".duckdb")) {
      data.closeDuckDb(); // checked: the library's forks run without DuckDB resident
    }
  }

  @TearDown(Level.Trial)
  public void close() {
    data.close();
  }

  /** The library from in-memory columns, on all cores. */
  @Benchmark
  public MpiResult library() {
    return data.library();
  }

  /**
   * The library's evaluation step alone (eligibility, exclusions, H/M, the cells, merged and read),
   * on shards folded once per trial: the part of {@code library} after the folds.
   */
  @Benchmark
  public MpiResult evaluation() {
    return data.evaluate(folded);
  }

  /** The shards {@link #fold} folds into: records added, no line folded, made afresh each time. */
  @State(Scope.Thread)
  public static class Unfolded {
    List<org.mpindex.core.index.IndexAssembler> shards;

    /** Fresh unfolded shards (not timed). */
    @Setup(Level.Invocation)
    public void unfold(IndexRace race) {
      shards = race.data.unfoldedShards();
    }
  }

  /**
   * The library's fold step alone: each shard's claim lines (from the in-memory columns) folded on
   * its own core into an assembler holding its patients' records: the part of {@code library}
   * before the evaluation. Lines per second = claim lines / this time.
   */
  @Benchmark
  public List<org.mpindex.core.index.IndexAssembler> fold(Unfolded u) {
    return data.fold(u.shards);
  }

  /** DuckDB's SQL over its loaded tables, on all cores. */
  @Benchmark
  public List<RaceData.Cell> duckdb() {
    return data.duckdb();
  }

  /** The library from one line object per claim line. */
  @Benchmark
  public MpiResult objects() {
    return data.objects();
  }
}
