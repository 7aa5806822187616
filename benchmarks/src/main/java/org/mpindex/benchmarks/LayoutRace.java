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
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.mpindex.adg.ComorbidityGrouper;
import org.mpindex.core.index.ClaimDating;
import org.mpindex.core.index.IndexAssembler;
import org.mpindex.core.index.IngestAccounting;
import org.mpindex.core.index.IngestMode;
import org.mpindex.core.index.MpiResult;
import org.mpindex.core.index.MpiSpec;
import org.mpindex.core.index.RecordCounts;
import org.mpindex.core.index.StudyPeriod;
import org.mpindex.io.input.InputDetection;
import org.mpindex.io.input.InputFiles;
import org.mpindex.io.input.InputFormat;
import org.mpindex.io.input.InputFormats;
import org.mpindex.io.input.ReadContext;
import org.mpindex.io.input.ReadOptions;
import org.mpindex.rbrvs.RvuSchedule;
import org.mpindex.rbrvs.WorkRvuCalculator;
import org.mpindex.testkit.Population;
import org.mpindex.testkit.layouts.CclfLayout;
import org.mpindex.testkit.layouts.LayoutPopulations;
import org.mpindex.testkit.layouts.OmopLayout;
import org.mpindex.testkit.layouts.RifLayout;
import org.mpindex.testkit.layouts.TidyLayout;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * Rows a second per input layout (issue 26): one {@link LayoutPopulations} population written by the
 * testkit's layout writers as tidy CSV, Medicare research files, CCLF and OMOP CSV, and tidy and
 * OMOP also as Parquet (every column text, converted by DuckDB as mpi-parquet's {@code EveryLayout}
 * test does), then read whole
 *
 * <ul>
 *   <li>{@code library}: the folder read into an {@link IndexAssembler} as {@code mpi compute}
 *       reads it ({@code LocalEngine}): files told by {@link InputDetection#assign}, people, then
 *       coverage against the people, the study period fixed, the claims by the layout's columnar
 *       reader where it has one (else its row reader), the index assembled on all cores; work RVUs
 *       of the bundled CMS releases and Elixhauser, {@code mpi compute}'s defaults, lenient;
 *   <li>{@code duckdbRead}: DuckDB (its own threads, as many as cores) reading every table file of
 *       the same folder into a table, {@code CREATE TABLE AS SELECT * FROM read_csv(file)} (types
 *       sniffed) or {@code read_parquet(file)}, as {@link CsvRace} and {@link ParquetRace} let it:
 *       every column of every row parsed and stored, no index.
 * </ul>
 *
 * One operation = the whole folder. Only the layout of the trial is written, at setup (not timed),
 * which prints each file's bytes and rows, so times become rows/s and MB/s; the folder is deleted
 * at teardown, which prints the records the library's last read counted by kind (its own kinds:
 * rows of each table and what they made, beneficiaries, spans, lines, efforts). No DE-SynPUF: the
 * testkit has no writer of that layout.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar LayoutRace -p people=75000
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms4g", "-Xmx4g", "-XX:+AlwaysPreTouch"})
public class LayoutRace {
  /** Seed of the population: every trial of one size reads the same people. */
  static final long SEED = 2026;

  /** People in the population; about 13.6 claim lines each (75,000: 1,021,237 claim lines). */
  @Param({"75000"})
  public int people;

  /**
   * The layout read, {@code tidy-csv}, {@code rif-csv}, ... (see {@link Layout}); named {@code
   * input}, not {@code layout}, since {@link FoldBenchmark}'s {@code layout} is another parameter
   * that a run of several benchmarks sets for all of them.
   */
  @Param({"tidy-csv", "tidy-parquet", "rif-csv", "cclf-csv", "omop-csv", "omop-parquet"})
  public String input;

  private Layout chosen;
  private Path dir;
  private Path folder;
  private List<Path> tables;
  private MpiSpec spec;
  private RvuSchedule schedule;
  private int threads;
  private IngestAccounting lastRead;

  /** A layout raced: the {@code mpi compute --format} that reads it and whether it is Parquet. */
  enum Layout {
    TIDY_CSV("tidy-csv", "tidy", false),
    TIDY_PARQUET("tidy-parquet", "tidy", true),
    RIF_CSV("rif-csv", "rif", false),
    CCLF_CSV("cclf-csv", "cclf", false),
    OMOP_CSV("omop-csv", "omop", false),
    OMOP_PARQUET("omop-parquet", "omop", true);

    final String label;
    final String format;
    final boolean parquet;

    Layout(String label, String format, boolean parquet) {
      this.label = label;
      this.format = format;
      this.parquet = parquet;
    }

    static Layout of(String label) {
      return Arrays.stream(values())
          .filter(l -> l.label.equals(label))
          .findFirst()
          .orElseThrow(
              () ->
                  new IllegalArgumentException(
                      "input is one of "
                          + Arrays.stream(values()).map(l -> l.label).toList()
                          + ", got '"
                          + label
                          + "'"));
    }

    /** Writes {@code population} in this layout's delimited text into {@code csv}. */
    void writeCsv(Population population, Path csv) {
      switch (format) {
        case "tidy" -> TidyLayout.write(population, csv);
        case "rif" ->
            RifLayout.write(
                population,
                csv,
                LayoutPopulations.STUDY_START.getYear(),
                LayoutPopulations.STUDY_END.getYear());
        case "cclf" -> CclfLayout.write(population, csv, LayoutPopulations.STUDY_END);
        case "omop" -> OmopLayout.write(population, csv);
        default -> throw new AssertionError(format);
      }
    }
  }

  @Setup(Level.Trial)
  public void write() throws IOException, SQLException {
    chosen = Layout.of(input);
    threads = Runtime.getRuntime().availableProcessors();
    schedule = RvuSchedule.bundled();
    spec =
        MpiSpec.builder()
            .studyPeriod(StudyPeriod.of(LayoutPopulations.STUDY_START, LayoutPopulations.STUDY_END))
            .build();
    dir = Files.createTempDirectory("layout-race");
    Path csv = dir.resolve(chosen.format + "-csv");
    chosen.writeCsv(LayoutPopulations.generate(SEED, people, false), csv);
    folder = chosen.parquet ? toParquet(csv, dir.resolve(chosen.format + "-parquet")) : csv;
    tables = files(folder);
    Map<Path, String> ignored = InputDetection.assign(format(), List.of(folder)).ignored();
    if (!ignored.isEmpty()) {
      throw new IllegalStateException(input + ": files the layout does not read " + ignored);
    }
    describe();
  }

  @TearDown(Level.Trial)
  public void delete() throws IOException {
    if (lastRead != null) {
      StringBuilder b =
          new StringBuilder(
              "LayoutRace "
                  + input
                  + ", the library's last read (balanced "
                  + lastRead.balanced()
                  + "):\n");
      for (Map.Entry<String, RecordCounts> e : lastRead.records().entrySet()) {
        b.append(
            String.format(
                Locale.ROOT,
                "  %-42s %,12d read %,12d accepted %,10d rejected%n",
                e.getKey(),
                e.getValue().read(),
                e.getValue().accepted(),
                e.getValue().rejectedTotal()));
      }
      System.out.printf("%n%s", b);
    }
    CsvRace.deleteTree(dir);
  }

  private InputFormat format() {
    return InputFormats.byName(chosen.format).orElseThrow();
  }

  /** The library: the folder into an assembler as {@code mpi compute} reads it, then the index. */
  @Benchmark
  public void library(Blackhole bh) {
    InputFormat format = format();
    InputFiles files = InputDetection.assign(format, List.of(folder)).files();
    IndexAssembler a =
        IndexAssembler.create(
            spec, WorkRvuCalculator.of(schedule), ComorbidityGrouper.elixhauser());
    long[] rejected = {0};
    ReadContext people =
        new ReadContext(
            IngestMode.LENIENT,
            a.tally(),
            e -> rejected[0]++,
            ClaimDating.SERVICE_FROM,
            ReadContext.NOBODY_YET,
            ReadOptions.defaults(),
            f -> {});
    format.readAll(files, people, a);
    MpiResult result = a.assemble(threads);
    bh.consume(result);
    long rows = 0;
    for (RecordCounts c : result.accounting().records().values()) {
      rows += c.read();
    }
    bh.consume(rows);
    bh.consume(rejected[0]);
    lastRead = result.accounting();
  }

  /** DuckDB reading every table file of the same folder into a table (no index). */
  @Benchmark
  public void duckdbRead(Blackhole bh) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement()) {
      s.execute("SET threads = " + threads);
      long rows = 0;
      int n = 0;
      for (Path f : tables) {
        String table = "t" + n++;
        s.execute("CREATE TABLE " + table + " AS SELECT * FROM " + scan(f));
        try (ResultSet r = s.executeQuery("SELECT count(*) FROM " + table)) {
          r.next();
          rows += r.getLong(1);
        }
      }
      bh.consume(rows);
    }
  }

  private String scan(Path file) {
    return (chosen.parquet ? "read_parquet(" : "read_csv(") + literal(file) + ")";
  }

  /** Prints the folder's files with their bytes and rows (data rows, the header not counted). */
  private void describe() throws IOException, SQLException {
    long bytes = 0;
    long rows = 0;
    StringBuilder b = new StringBuilder();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement()) {
      String version;
      try (ResultSet r = s.executeQuery("SELECT version()")) {
        r.next();
        version = r.getString(1);
      }
      for (Path f : tables) {
        long size = Files.size(f);
        long n;
        if (chosen.parquet) {
          try (ResultSet r = s.executeQuery("SELECT count(*) FROM " + scan(f))) {
            r.next();
            n = r.getLong(1);
          }
        } else {
          // the writers never quote a cell, so a line is a row
          try (Stream<String> lines = Files.lines(f)) {
            n = lines.count() - 1;
          }
        }
        bytes += size;
        rows += n;
        b.append(
            String.format(
                Locale.ROOT, "  %-28s %,15d bytes %,12d rows%n", f.getFileName(), size, n));
      }
      System.out.printf(
          Locale.ROOT,
          "%nLayoutRace %s, %,d people (seed %d), DuckDB %s: %d files, %,d bytes, %,d rows%n%s",
          input,
          people,
          SEED,
          version,
          tables.size(),
          bytes,
          rows,
          b);
    }
  }

  /** A copy of every CSV file of {@code csv} as Parquet (every column text), written by DuckDB. */
  static Path toParquet(Path csv, Path parquet) throws IOException, SQLException {
    Files.createDirectories(parquet);
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement()) {
      for (Path f : files(csv)) {
        String name = f.getFileName().toString().replaceFirst("\\.csv$", ".parquet");
        s.execute(
            "COPY (SELECT * FROM read_csv("
                + literal(f)
                + ", all_varchar = true, header = true, delim = ',')) TO "
                + literal(parquet.resolve(name))
                + " (FORMAT PARQUET)");
      }
    }
    return parquet;
  }

  /** The files of {@code folder}, by name. */
  static List<Path> files(Path folder) throws IOException {
    try (Stream<Path> s = Files.list(folder)) {
      return s.filter(Files::isRegularFile).sorted().toList();
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /** {@code file} as an SQL string literal. */
  static String literal(Path file) {
    return "'" + file.toString().replace("'", "''") + "'";
  }
}
