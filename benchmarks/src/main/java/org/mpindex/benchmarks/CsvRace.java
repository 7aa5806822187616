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

/**
 * End to end from CSV: the whole index from the three tidy CSV files of a {@link
 * PaperScaleWorkload} ({@code library}: the row reader for beneficiaries and enrollment, {@link
 * FastTidyClaims} for the claims on all cores, then the index as {@code mpi compute} makes it) against
 * DuckDB only <em>reading</em> the same files into tables ({@code duckdbRead}: {@code read_csv} of
 * the three, all cores), the rival the issue names. One operation = one full run; the files are
 * written once per trial (setup, not timed).
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar CsvRace -p beneficiaries=100000
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

  private Path dir;
  private int threads;

  @Setup(Level.Trial)
  public void write() throws IOException {
    dir = Files.createTempDirectory("csv-race");
    PaperScaleWorkload.generate(2011, beneficiaries).writeTidy(dir);
    threads = Runtime.getRuntime().availableProcessors();
  }

  @TearDown(Level.Trial)
  public void delete() throws IOException {
    deleteTree(dir);
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
