package org.mpindex.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.mpindex.adg.ComorbidityGrouper;
import org.mpindex.core.index.IndexAssembler;
import org.mpindex.core.index.IngestMode;
import org.mpindex.core.index.MpiResult;
import org.mpindex.core.index.MpiSpec;
import org.mpindex.core.index.StudyPeriod;
import org.mpindex.io.FastTidyClaims;
import org.mpindex.io.TidyCsvReader;
import org.mpindex.rbrvs.RvuSchedule;
import org.mpindex.rbrvs.WorkRvuCalculator;
import org.mpindex.testkit.PaperScaleWorkload;
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
 * End to end from CSV: the whole index from the three tidy CSV files of a {@link
 * PaperScaleWorkload}, against DuckDB doing the whole job from the same files, the rival the issue
 * names. Contestants:
 *
 * <ul>
 *   <li>{@code library}: the row reader for beneficiaries and enrollment, {@link FastTidyClaims}
 *       for the claims on all cores, then the index as {@code mpi compute} makes it;
 *   <li>{@code libraryRows}: the same with the claims read row by row (one object a line);
 *   <li>{@code duckdb}: DuckDB (all cores) reads the same three files with {@code read_csv} (column
 *       types given, as the library knows the layout) and runs the index query ({@link
 *       RaceData#INDEX_TAIL} after per-(patient, quarter) effort and category bits from the claim
 *       rows: diagnoses split on {@code |}, joined to each code's bits, procedures to each (pricing
 *       period, code)'s work RVU). The facts DuckDB is given as tables at setup (not timed) are the
 *       ones the library holds in its jars: the calendar (day to quarter and pricing period), the
 *       prices and the category bits, keyed by code text. In the fork of {@code duckdb}, its cells
 *       are checked equal to the library's ({@link RaceData#check}) before timing;
 *   <li>{@code duckdbRead}: DuckDB only reading the three files into tables (types sniffed), the
 *       earlier, weaker rival, kept for comparison.
 * </ul>
 *
 * One operation = one full run. The files are written once per trial (setup, not timed; about 30
 * s per million beneficiaries), or, with {@code -p csvDir=DIR}, once into {@code DIR/tidy-<n>} and
 * reused by later trials and runs (kept; delete it by hand).
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar CsvRace -p beneficiaries=100000
 * java -jar benchmarks/target/benchmarks.jar 'CsvRace.(library|duckdb)$' -p beneficiaries=1875000 \
 *     -p csvDir=/tmp/csv-race -wi 1 -i 3
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms8g", "-Xmx8g", "-XX:+AlwaysPreTouch"})
public class CsvRace {
  @Param({"100000"})
  public int beneficiaries;

  /** {@code temp}: a temporary folder, deleted at teardown; else a folder whose files are kept. */
  @Param({"temp"})
  public String csvDir;

  private Path dir;
  private int threads;
  private Connection duck;

  @Setup(Level.Trial)
  public void write(BenchmarkParams params) throws IOException, SQLException {
    threads = Runtime.getRuntime().availableProcessors();
    if ("temp".equals(csvDir)) {
      dir = Files.createTempDirectory("csv-race");
      PaperScaleWorkload.generate(2011, beneficiaries).writeTidy(dir);
    } else {
      dir = Path.of(csvDir).resolve("tidy-" + beneficiaries);
      Path done = dir.resolve(".written");
      if (!Files.exists(done)) {
        PaperScaleWorkload.generate(2011, beneficiaries).writeTidy(dir);
        Files.createFile(done);
      }
    }
    System.out.printf(
        "%ncsv-race: %s, claims.csv %,d bytes%n", dir, Files.size(dir.resolve("claims.csv")));
    if (params.getBenchmark().endsWith(".duckdb")) {
      duck = DriverManager.getConnection("jdbc:duckdb:");
      try (Statement s = duck.createStatement()) {
        s.execute("SET threads = " + threads);
        s.execute("SET preserve_insertion_order = false");
        // beside this fork's 8 GB heap on a 24 GB machine (DuckDB's default is 80% of the memory)
        s.execute("SET memory_limit = '12GB'");
      }
      RaceData.loadFileFacts(duck);
      int cells = RaceData.check(index(false), duckdb());
      System.out.printf("csv-race: DuckDB's whole job equals the library's on %d cells%n", cells);
    }
  }

  @TearDown(Level.Trial)
  public void delete() throws IOException, SQLException {
    if (duck != null) {
      duck.close();
    }
    if ("temp".equals(csvDir)) {
      deleteTree(dir);
    }
  }

  /** Deletes a benchmark's folder of generated files, and the folder. */
  static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      files
          .sorted(Comparator.reverseOrder())
          .forEach(
              p -> {
                try {
                  Files.delete(p);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    }
  }

  /** The library: files to index, as {@code mpi compute} does with tidy CSV. */
  @Benchmark
  public MpiResult library() {
    return index(true);
  }

  /** The same with the claims read row by row ({@link TidyCsvReader}, one object per line): the gain. */
  @Benchmark
  public MpiResult libraryRows() {
    return index(false);
  }

  /** DuckDB's whole job: the same three files read and the index computed in one query. */
  @Benchmark
  public List<RaceData.Cell> duckdb() {
    return RaceData.cells(duck, RaceData.fileSql(dir));
  }

  private MpiResult index(boolean fast) {
    return index(
        dir,
        threads,
        MpiSpec.builder()
            .studyPeriod(StudyPeriod.of(PaperScaleWorkload.START, PaperScaleWorkload.END))
            .build(),
        fast);
  }

  /** The index of the tidy files in {@code dir} as {@code mpi compute} makes it (fast: claims by FastTidyClaims). */
  static MpiResult index(Path dir, int threads, MpiSpec spec, boolean fast) {
    IndexAssembler a =
        IndexAssembler.create(
            spec, WorkRvuCalculator.of(RvuSchedule.bundled()), ComorbidityGrouper.elixhauser());
    TidyCsvReader rows = new TidyCsvReader(IngestMode.LENIENT);
    rows.read(
        dir.resolve("beneficiaries.csv"),
        TidyCsvReader.BENEFICIARY_ROWS,
        org.mpindex.core.index.RecordSink.into(a),
        a.tally(),
        false);
    rows.read(
        dir.resolve("enrollment.csv"),
        TidyCsvReader.ENROLLMENT_ROWS,
        org.mpindex.core.index.RecordSink.into(a),
        a.tally(),
        false);
    if (fast) {
      a.fixStudyPeriod();
      new FastTidyClaims(rows, threads).read(dir.resolve("claims.csv"), a, a.tally());
    } else {
      rows.read(
          dir.resolve("claims.csv"),
          TidyCsvReader.CLAIM_ROWS,
          org.mpindex.core.index.RecordSink.into(a),
          a.tally(),
          false);
    }
    return a.assemble(threads);
  }

  /** DuckDB reading the same three files into tables (no index computed). */
  @Benchmark
  public long duckdbRead() throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement()) {
      s.execute("SET threads = " + threads);
      long rows = 0;
      for (String t : new String[] {"beneficiaries", "enrollment", "claims"}) {
        s.execute(
            "CREATE TABLE " + t + " AS SELECT * FROM read_csv('" + dir.resolve(t + ".csv") + "')");
        try (ResultSet r = s.executeQuery("SELECT count(*) FROM " + t)) {
          r.next();
          rows += r.getLong(1);
        }
      }
      return rows;
    }
  }
}
