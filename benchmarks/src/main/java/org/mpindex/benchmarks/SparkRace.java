package org.mpindex.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.mpindex.adg.ComorbidityGrouper;
import org.mpindex.core.index.MpiResult;
import org.mpindex.core.index.MpiSpec;
import org.mpindex.rbrvs.RvuSchedule;
import org.mpindex.rbrvs.WorkRvuCalculator;
import org.mpindex.spark.MpiSpark;
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
 * The index on Spark {@code local[2]} ({@code spark}: {@link MpiSpark} over the three tidy files of
 * a {@link PaperScaleWorkload}, CSV read by Spark as text or Parquet of text columns written by
 * DuckDB) against the single-machine library on the same files ({@code library}: what {@code mpi
 * compute} does, all cores). {@code fold} chooses Spark's partition fold: {@code columnar} (claims
 * from Spark's rows straight into the assembler's columns, no sort) or {@code rows} (the layout's
 * row readers over rows sorted within partitions, the fold before issue 27). Before anything is
 * timed the results are checked equal, cell for cell and count for count. One operation = one full
 * run from files; the files are written once per trial (setup, not timed).
 *
 * <p>Spark is not in the benchmarks jar (it is {@code provided}); run with its class path:
 *
 * <pre>
 * scripts/spark-race -p beneficiaries=1000000
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(
    value = 1,
    jvmArgsAppend = {
      "-Xms12g",
      "-Xmx12g",
      // the flags Spark needs on Java 17: the list of mpi-spark's pom (spark.jvm.flags)
      "-XX:+IgnoreUnrecognizedVMOptions",
      "--add-opens=java.base/java.lang=ALL-UNNAMED",
      "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
      "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
      "--add-opens=java.base/java.io=ALL-UNNAMED",
      "--add-opens=java.base/java.net=ALL-UNNAMED",
      "--add-opens=java.base/java.nio=ALL-UNNAMED",
      "--add-opens=java.base/java.util=ALL-UNNAMED",
      "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
      "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
      "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED",
      "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
      "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED",
      "--add-opens=java.base/sun.security.action=ALL-UNNAMED",
      "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED",
      "-Djdk.reflect.useDirectMethodHandle=false",
      "-Dio.netty.tryReflectionSetAccessible=true"
    })
public class SparkRace {
  @Param({"100000"})
  public int beneficiaries;

  /** Patient partitions of the Spark run (tasks that fold); 0 = spark.sql.shuffle.partitions (8). */
  @Param({"8"})
  public int partitions;

  /** The files: {@code csv} or {@code parquet}. */
  @Param({"csv", "parquet"})
  public String files;

  /** Spark's partition fold: {@code columnar} or {@code rows}. */
  @Param({"columnar", "rows"})
  public String fold;

  private Path folder;

  private Path dir;
  private int threads;
  private SparkSession spark;

  @Setup(Level.Trial)
  public void setUp() {
    try {
      dir = Files.createTempDirectory("spark-race");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Path csv = dir.resolve("csv");
    PaperScaleWorkload.generate(2011, beneficiaries).writeTidy(csv);
    try {
      folder = files.equals("parquet") ? LayoutRace.toParquet(csv, dir.resolve("parquet")) : csv;
    } catch (java.sql.SQLException | IOException e) {
      throw new IllegalStateException(e);
    }
    threads = Runtime.getRuntime().availableProcessors();
    spark =
        SparkSession.builder()
            .master("local[" + threads + "]")
            .appName("SparkRace")
            .config("spark.ui.enabled", "false")
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .config("spark.sql.shuffle.partitions", "8")
            .config("spark.local.dir", dir.resolve("spark-local").toString())
            .getOrCreate();
    spark.sparkContext().setLogLevel("ERROR");
    // the check's runs, timed once each (a single-shot figure of both in one trial, for sizes where
    // a trial per benchmark would take too long)
    long t0 = System.nanoTime();
    MpiResult one = library();
    long t1 = System.nanoTime();
    MpiResult cluster = spark();
    long t2 = System.nanoTime();
    System.out.printf(
        "%nSparkRace setup check (%s, %s fold, %d beneficiaries): library %,d ms, spark %,d ms%n",
        files, fold, beneficiaries, (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000);
    if (!one.equals(cluster)) {
      throw new IllegalStateException("Spark and the library disagree:\n" + one + "\n" + cluster);
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    spark.stop();
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  /** The single-machine library: files to index on all cores, as {@code mpi compute}. */
  @Benchmark
  public MpiResult library() {
    if (files.equals("csv")) {
      return CsvRace.index(folder, threads, MpiSpec.PARENTE_2011, true);
    }
    org.mpindex.io.input.InputFormat format = new org.mpindex.io.input.TidyFormat();
    org.mpindex.core.index.IndexAssembler a =
        org.mpindex.core.index.IndexAssembler.create(
            MpiSpec.PARENTE_2011,
            WorkRvuCalculator.of(RvuSchedule.bundled()),
            ComorbidityGrouper.elixhauser());
    format.readAll(
        org.mpindex.io.input.InputDetection.assign(format, java.util.List.of(folder)).files(),
        new org.mpindex.io.input.ReadContext(
            org.mpindex.core.index.IngestMode.LENIENT,
            a.tally(),
            e -> {},
            org.mpindex.core.index.ClaimDating.SERVICE_FROM,
            org.mpindex.io.input.ReadContext.NOBODY_YET),
        a);
    return a.assemble(threads);
  }

  /** Spark local[cores]: the same files read by Spark, the index by {@link MpiSpark}. */
  @Benchmark
  public MpiResult spark() {
    return MpiSpark.on(spark)
        .spec(() -> MpiSpec.PARENTE_2011)
        .effort(() -> WorkRvuCalculator.of(RvuSchedule.bundled()))
        .grouper(ComorbidityGrouper::elixhauser)
        .partitions(partitions)
        .columnar(fold.equals("columnar"))
        .build()
        .compute(read("beneficiaries"), read("enrollment"), read("claims"));
  }

  private Dataset<Row> read(String table) {
    return files.equals("parquet")
        ? spark.read().parquet(folder.resolve(table + ".parquet").toString())
        : spark.read().option("header", "true").csv(folder.resolve(table + ".csv").toString());
  }
}
