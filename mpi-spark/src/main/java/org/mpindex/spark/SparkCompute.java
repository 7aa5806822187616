package org.mpindex.spark;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.mpindex.adg.ComorbidityGrouper;
import org.mpindex.adg.ComorbidityIndex;
import org.mpindex.cli.ComputeOptions;
import org.mpindex.cli.ComputeRun;
import org.mpindex.core.index.MpiSpec;
import org.mpindex.core.index.StudyPeriod;
import org.mpindex.core.spi.BurdenGrouper;
import org.mpindex.core.spi.EffortCalculator;

/**
 * {@code mpi compute} on Apache Spark: the main class of the {@code mpi-spark} jar, for {@code
 * spark-submit}. It is {@code mpi compute}'s own run ({@link ComputeRun}: the same options, checks,
 * study-period rule, RVU pricing and output writers) with the records folded by Spark ({@link
 * SparkEngine}), plus {@code --input-format csv|parquet} and {@code --partitions N};
 * inputs are any paths Spark reads ({@code s3://}, {@code abfss://}, {@code dbfs:/}, local), the
 * output directory is on the driver's file system. Exit codes as {@code mpi}: 0 done, 1 failed, 2
 * bad arguments, 3 RVU releases do not cover the effort the index needs.
 */
public final class SparkCompute {
  private SparkCompute() {}

  static final String HELP =
      """
                             usage: spark-submit --class org.mpindex.spark.SparkCompute mpi-spark.jar --format csv|desynpuf
                                        --beneficiaries P... [--enrollment P...] --claims P... --out DIR [--input-format csv|parquet]
                                        [--partitions N] [mpi compute's options]

                               --input-format csv|parquet   how Spark reads the inputs (csv with a header row; default: parquet when
                                                            the first path ends in .parquet, else csv)
                               --partitions N               patient partitions (tasks that fold); default spark.sql.shuffle.partitions
                               --format, --beneficiaries, --enrollment, --claims, --rvu, --health elixhauser|charlson|adg, --hierarchy,
                               --adg-map F (a file on the driver), --acg-output P (any path Spark reads), --allow-missing-rvu, --strict,
                               --rejects F (written on the driver, by a second pass), the method options and the output options: as
                               mpi compute --help.\
                             """;

  /**
   * The {@code spark-submit} entry point. Without a master URL ({@code spark.master}, which {@code
   * spark-submit --master} sets) the job runs on {@code local[*]} and says so in one line; any
   * failure, Spark's own included, ends in one line on stderr and exit code 1 (2: bad arguments, 3:
   * RVU releases do not cover the effort), with the stack trace only when {@code MPI_DEBUG} is set.
   */
  public static void main(String[] args) {
    System.exit(launch(args, new SparkConf(), System.out, System.err));
  }

  /** What {@link #main} does, without exiting: the exit code. */
  static int launch(String[] args, SparkConf conf, PrintStream out, PrintStream err) {
    if (List.of(args).contains("--help")) {
      out.println(HELP);
      return 0;
    }
    SparkSession.Builder builder = SparkSession.builder().appName("Medical Productivity Index");
    if (!conf.contains("spark.master")) {
      err.println(
          "mpi-spark: no master URL set (spark-submit --master URL, or -Dspark.master=URL): running"
              + " on local[*], this machine's cores");
      builder.master("local[*]");
    }
    SparkSession spark;
    try {
      spark = builder.getOrCreate();
    } catch (RuntimeException e) {
      return internalError("cannot start Spark: " + oneLine(e), e, err);
    }
    try {
      return run(args, spark, out, err);
    } finally {
      spark.stop();
    }
  }

  private static int internalError(String message, Throwable e, PrintStream err) {
    boolean debug = System.getenv("MPI_DEBUG") != null;
    err.println(
        "mpi-spark: "
            + org.mpindex.core.text.Echo.message(message)
            + (debug ? "" : " (run with MPI_DEBUG=1 for the stack trace)"));
    if (debug) {
      e.printStackTrace(err);
    }
    return 1;
  }

  /** An exception as one line: its class and message, line breaks folded. */
  private static String oneLine(Throwable e) {
    String m = e.getMessage();
    return (m == null ? e.getClass().getName() : e.getClass().getSimpleName() + ": " + m)
        .replaceAll("\\s*\\R\\s*", " ");
  }

  /** The Spark job's own single-valued options, besides {@code mpi compute}'s. */
  static final Set<String> SINGLE = Set.of("input-format", "partitions");

  /**
   * Runs on {@code spark}; returns the exit code. As {@code mpi}, control characters reach {@code
   * out} and {@code err} escaped.
   */
  public static int run(String[] args, SparkSession spark, PrintStream out, PrintStream err) {
    if (List.of(args).contains("--help")) {
      out.println(HELP);
      return 0;
    }
    try {
      return ComputeRun.main(
          "mpi-spark", args, SINGLE, Set.of(), o -> new SparkEngine(spark, o), out, err);
    } catch (OutOfMemoryError e) {
      err.println(
          "mpi-spark: out of memory on the driver (maximum heap "
              + (Runtime.getRuntime().maxMemory() >> 20)
              + " MB): give it more, e.g. spark-submit --driver-memory 8g");
      return 1;
    } catch (Exception e) {
      // Spark's own failures (a missing path, a lost executor...), some of them checked
      return internalError("failed: " + oneLine(e), e, err);
    }
  }

  /** The options as the executors rebuild them from the arguments (no file of the driver read). */
  static ComputeOptions parse(String[] argv) {
    return ComputeOptions.parse(argv, SINGLE, Set.of());
  }

  /**
   * The spec recipe: {@code mpi compute}'s arguments, and the study period the driver derived from
   * the data (its dates), if any. Plain values only, so that it is serializable by construction: the
   * executors rebuild the spec from them.
   */
  static final class SpecRecipe implements MpiSpark.Recipe<MpiSpec> {
    private static final long serialVersionUID = 1L;
    private final SideFiles args;
    private final LocalDate from; // null: the spec's own study period (declared, or none)
    private final LocalDate to;

    SpecRecipe(String[] args, Optional<StudyPeriod> derived) {
      this(SideFiles.of(args), derived);
    }

    SpecRecipe(SideFiles args, Optional<StudyPeriod> derived) {
      this.args = args;
      this.from = derived.map(StudyPeriod::from).orElse(null);
      this.to = derived.map(StudyPeriod::to).orElse(null);
    }

    @Override
    public MpiSpec get() {
      ComputeOptions o = parse(args.argv());
      return from == null ? o.spec() : o.spec(from, to);
    }
  }

  /**
   * The effort recipe: the arguments, the bytes of the RVU files given on the driver (written to a
   * temporary directory of each executor JVM) and the days whose effort the index prices.
   */
  static final class EffortRecipe implements MpiSpark.Recipe<EffortCalculator> {
    private static final long serialVersionUID = 1L;
    private final SideFiles args;
    private final Map<String, byte[]> rvuFiles; // a LinkedHashMap: serializable, in the given order
    private final LocalDate from;
    private final LocalDate to;

    EffortRecipe(String[] args, Map<String, byte[]> rvuFiles, LocalDate from, LocalDate to) {
      this(SideFiles.of(args), rvuFiles, from, to);
    }

    EffortRecipe(SideFiles args, Map<String, byte[]> rvuFiles, LocalDate from, LocalDate to) {
      this.args = args;
      this.rvuFiles = new LinkedHashMap<>(rvuFiles);
      this.from = from;
      this.to = to;
    }

    @Override
    public EffortCalculator get() {
      return parse(args.argv()).effort(materialise(rvuFiles), from, to);
    }
  }

  /**
   * The grouper recipe: the comorbidity index by name, or a licensed user's ADG map as bytes
   * (without one, ACG output only: no grouper).
   */
  static final class GrouperRecipe implements MpiSpark.Recipe<BurdenGrouper> {
    private static final long serialVersionUID = 1L;
    private final String health;
    private final boolean hierarchy;
    private final byte[] adgMap; // null: none
    private final String adgMapName;

    private GrouperRecipe(String health, boolean hierarchy, byte[] adgMap, String adgMapName) {
      this.health = health;
      this.hierarchy = hierarchy;
      this.adgMap = adgMap;
      this.adgMapName = adgMapName;
    }

    static GrouperRecipe of(ComputeOptions o) {
      byte[] map =
          o.adgMap()
              .map(
                  p -> {
                    try {
                      return Files.readAllBytes(p);
                    } catch (IOException e) {
                      throw new UncheckedIOException("cannot read " + p + ": " + e.getMessage(), e);
                    }
                  })
              .orElse(null);
      String name = o.adgMap().map(f -> f.getFileName().toString()).orElse(null);
      return new GrouperRecipe(o.health(), o.hierarchy(), map, name);
    }

    @Override
    public BurdenGrouper get() {
      if (!health.equals("adg")) {
        return ComorbidityGrouper.of(ComorbidityIndex.parse(health), hierarchy);
      }
      return adgMap == null
          ? BurdenGrouper.NONE
          : org.mpindex.adg.AdgMapGrouper.read(
              adgMapName,
              new java.io.StringReader(
                  new String(adgMap, java.nio.charset.StandardCharsets.UTF_8)));
    }
  }

  /** The probe's effort: none (the study-period pass reads no effort). */
  static final class NoEffort implements MpiSpark.Recipe<EffortCalculator> {
    private static final long serialVersionUID = 1L;

    @Override
    public EffortCalculator get() {
      return (line, day, tally) -> 0L;
    }
  }

  /** A path Spark is given, as a regular file of the driver's file system, if it is one. */
  static Optional<Path> localFile(String given) {
    return localPath(given).filter(Files::isRegularFile);
  }

  /**
   * A path Spark is given, as an existing file or folder of the driver's file system, if it is one
   * (not another file system's: {@code s3:}, {@code abfss:}, {@code dbfs:}, {@code hdfs:}).
   */
  static Optional<Path> localPath(String given) {
    if (given.matches("^[A-Za-z][A-Za-z0-9+.-]+:.*") && !given.startsWith("file:")) {
      return Optional.empty();
    }
    try {
      Path p = given.startsWith("file:") ? Path.of(java.net.URI.create(given)) : Path.of(given);
      return Files.exists(p) ? Optional.of(p) : Optional.empty();
    } catch (IllegalArgumentException e) { // InvalidPathException included
      return Optional.empty();
    }
  }

  /** The RVU files of the driver, written to a temporary directory of this JVM (once per computation). */
  static List<Path> materialise(Map<String, byte[]> files) {
    if (files.isEmpty()) {
      return List.of();
    }
    try {
      Path dir = Files.createTempDirectory("mpi-rvu");
      dir.toFile().deleteOnExit();
      List<Path> paths = new ArrayList<>();
      for (Map.Entry<String, byte[]> f : files.entrySet()) {
        Path p = dir.resolve(f.getKey());
        Files.write(p, f.getValue());
        p.toFile().deleteOnExit();
        paths.add(p);
      }
      return paths;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot write the RVU files to a temporary directory: " + e.getMessage(), e);
    }
  }
}
