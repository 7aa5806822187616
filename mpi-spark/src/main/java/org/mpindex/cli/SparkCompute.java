package org.mpindex.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.mpindex.adg.ComorbidityGrouper;
import org.mpindex.adg.ComorbidityIndex;
import org.mpindex.core.claims.InvalidValueException;
import org.mpindex.core.index.MpiResult;
import org.mpindex.core.index.MpiSpec;
import org.mpindex.core.index.StudyPeriod;
import org.mpindex.core.spi.BurdenGrouper;
import org.mpindex.core.spi.EffortCalculator;
import org.mpindex.core.spi.RejectedRecordException;
import org.mpindex.spark.MpiSpark;

/**
 * {@code mpi compute} on Apache Spark: the main class of the {@code mpi-spark} jar, for {@code
 * spark-submit}. It takes {@code mpi compute}'s options (the same parser, spec options, RVU options,
 * study-period rule and output writers: this class lives in the CLI's package so that they cannot
 * drift apart; it is not API) plus {@code --input-format csv|parquet} and {@code --partitions N};
 * inputs are any paths Spark reads ({@code s3://}, {@code abfss://}, {@code dbfs:/}, local), the
 * output directory is on the driver's file system. Exit codes as {@code mpi}: 0 done, 1 failed, 2
 * bad arguments, 3 RVU releases do not cover the effort the index needs.
 */
public final class SparkCompute {
  private SparkCompute() {}

  static final String HELP =
      """
                             usage: spark-submit --class org.mpindex.cli.SparkCompute mpi-spark.jar --format csv|desynpuf
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

  /**
   * Runs on {@code spark}; returns the exit code. As {@code mpi}, control characters reach {@code
   * out} and {@code err} escaped ({@link ConsoleStream}).
   */
  public static int run(String[] args, SparkSession spark, PrintStream rawOut, PrintStream rawErr) {
    PrintStream out = ConsoleStream.of(rawOut);
    PrintStream err = ConsoleStream.of(rawErr);
    if (List.of(args).contains("--help")) {
      out.println(HELP);
      return 0;
    }
    try {
      return compute(args, spark, out, err);
    } catch (UsageException | org.mpindex.core.index.InvalidSpecException e) {
      err.println("mpi-spark: " + org.mpindex.core.text.Echo.message(e.getMessage()));
      return 2;
    } catch (UncoveredEffortException e) {
      err.println("mpi-spark: " + e.getMessage());
      return 3;
    } catch (RejectedRecordException | InvalidValueException | UncheckedIOException e) {
      err.println("mpi-spark: " + e.getMessage());
      return 1;
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

  static Args parse(String[] argv) {
    Set<String> single = new HashSet<>(SpecOptions.SINGLE);
    single.addAll(Run.OUTPUT_SINGLE);
    single.addAll(
        Set.of(
            "format", "health", "input-format", "partitions", "adg-map", "acg-output", "rejects"));
    single.addAll(RvuOptions.SINGLE);
    Set<String> flags = new HashSet<>(SpecOptions.FLAGS);
    flags.addAll(RvuOptions.FLAGS);
    flags.add("hierarchy");
    flags.add("allow-missing-rvu");
    flags.add("force");
    return Args.parse(
        argv, single, Set.of("beneficiaries", "enrollment", "claims", "rvu"), flags, "compute");
  }

  private static int compute(String[] argv, SparkSession spark, PrintStream out, PrintStream err) {
    Args a = parse(argv);
    if (!a.positionals().isEmpty()) {
      throw new UsageException("unexpected argument '" + a.positionals().get(0) + "'");
    }
    String format = a.require("format").toLowerCase(Locale.ROOT);
    if (!format.equals("desynpuf") && !format.equals("csv")) {
      throw new UsageException("--format is desynpuf or csv, got '" + format + "'");
    }
    List<String> beneficiaries = required(a, "beneficiaries");
    List<String> enrollment = a.all("enrollment");
    if (format.equals("desynpuf") && !enrollment.isEmpty()) {
      throw new UsageException(
          "--enrollment is for --format csv; DE-SynPUF enrollment comes from the summary files");
    }
    List<String> claims = required(a, "claims");
    String health = a.get("health").orElse("elixhauser").toLowerCase(Locale.ROOT);
    if (!health.equals("elixhauser") && !health.equals("charlson") && !health.equals("adg")) {
      throw new UsageException("--health is elixhauser, charlson or adg, got '" + health + "'");
    }
    if (!health.equals("adg")) {
      for (String adgOnly : List.of("adg-map", "acg-output")) {
        if (a.get(adgOnly).isPresent()) {
          throw new UsageException(
              "--"
                  + adgOnly
                  + " is for --health adg; with --health "
                  + health
                  + " it would mix ADG flags into the "
                  + health
                  + " burden");
        }
      }
    } else if (a.get("adg-map").isEmpty() && a.get("acg-output").isEmpty()) {
      throw new UsageException(
          "--health adg needs --adg-map F or --acg-output P (the ACG mapping is not shipped)");
    }
    String inputFormat =
        a.get("input-format")
            .orElse(claims.get(0).endsWith(".parquet") ? "parquet" : "csv")
            .toLowerCase(Locale.ROOT);
    if (!inputFormat.equals("csv") && !inputFormat.equals("parquet")) {
      throw new UsageException("--input-format is csv or parquet, got '" + inputFormat + "'");
    }
    int partitions = a.integer("partitions", 0, 0);
    List<Path> rvuFiles = new ArrayList<>();
    a.all("rvu").forEach(f -> rvuFiles.add(ComputeCommand.existing("rvu", f)));
    MpiSpec spec = SpecOptions.build(a);
    OutputDir outDir = OutputDir.check(Path.of(a.require("out")));
    Run.checkOutputOptions(a);
    // everything about the arguments is checked before the rejects file is opened and Spark works
    // the inputs on the driver's file system: the same data given twice is refused, and --rejects
    // may not replace one (paths on other file systems, s3:// say, are Spark's to read)
    List<Path> localInputs = new ArrayList<>();
    List<String> given = new ArrayList<>(beneficiaries);
    given.addAll(enrollment);
    given.addAll(claims);
    given.addAll(a.all("rvu"));
    a.get("adg-map").ifPresent(given::add);
    for (String g : given) {
      localFile(g).ifPresent(localInputs::add);
    }
    ComputeCommand.refuseRepeatedFiles(localInputs);
    Optional<Rejects> rejects =
        a.get("rejects").map(f -> Rejects.open(Path.of(f), outDir, localInputs, a.flag("force")));
    try {
      // the recipes rebuild the components on every executor from plain values: the arguments, the
      // bytes of the files given on the driver and the study period's dates (issue #30)
      String[] args = argv.clone();
      MpiSpark.Recipe<BurdenGrouper> grouper = GrouperRecipe.of(a, health);
      Map<String, byte[]> rvuBytes = new LinkedHashMap<>();
      for (Path f : rvuFiles) {
        try {
          rvuBytes.put(f.getFileName().toString(), Files.readAllBytes(f));
        } catch (IOException e) {
          throw new UncheckedIOException("cannot read " + f + ": " + e.getMessage(), e);
        }
      }
      MpiSpark.Recipe<MpiSpec> specRecipe;
      String periodSource = a.get("study-period").isPresent() ? "--study-period" : null;
      Optional<StudyPeriod> known = spec.studyPeriod();
      MpiSpark probe =
          MpiSpark.on(spark)
              .spec(new SpecRecipe(args, Optional.empty()))
              .effort(new NoEffort())
              .grouper(grouper)
              .build();
      Dataset<Row> summaries = null;
      Dataset<Row> people = null;
      Dataset<Row> spans = null;
      Dataset<Row> lines = null;
      List<Dataset<Row>> synpufClaims = new ArrayList<>();
      if (format.equals("desynpuf")) {
        summaries = read(spark, beneficiaries, inputFormat);
        for (String c : claims) {
          synpufClaims.add(read(spark, List.of(c), inputFormat));
        }
        if (periodSource == null) {
          known = probe.studyPeriodSynpuf(summaries);
          periodSource = "the years of the DE-SynPUF summary files";
          StudyPeriod p =
              known.orElseThrow(() -> new UsageException("--beneficiaries: no summary rows"));
          specRecipe = new SpecRecipe(args, Optional.of(p));
          spec = specRecipe.get();
        } else {
          specRecipe = new SpecRecipe(args, Optional.empty());
        }
      } else {
        people = read(spark, beneficiaries, inputFormat);
        spans = enrollment.isEmpty() ? null : read(spark, enrollment, inputFormat);
        lines = read(spark, claims, inputFormat);
        if (periodSource == null) {
          known = probe.studyPeriod(spans, lines);
          periodSource =
              spans == null ? "the windows of the claims" : "the span of the enrollment records";
        }
        specRecipe = new SpecRecipe(args, Optional.empty());
      }
      Map<Integer, String> caveats = new TreeMap<>();
      Optional<StudyPeriod> effortDays = Optional.empty();
      if (known.isPresent()) {
        SpecOptions.checkWindowCount(spec, known.get(), a);
        MpiSpec s = spec;
        effortDays = known.flatMap(p -> ComputeCommand.effortDays(s, p));
      }
      LocalDate from = effortDays.map(StudyPeriod::from).orElse(LocalDate.MAX);
      LocalDate to = effortDays.map(StudyPeriod::to).orElse(LocalDate.MIN);
      RvuOptions.Setup rvu = RvuOptions.setup(a, rvuFiles, from, to);
      if (known.isPresent()) {
        caveats.putAll(ComputeCommand.substitutionCaveats(spec, known.get(), rvu.schedule()));
        caveats.putAll(
            ComputeCommand.effortCoverage(
                spec, known.get(), rvu.schedule(), rvuFiles, a.flag("allow-missing-rvu")));
      }
      MpiSpark.Recipe<EffortCalculator> effort = new EffortRecipe(args, rvuBytes, from, to);
      MpiSpark.Builder b =
          MpiSpark.on(spark)
              .spec(specRecipe)
              .effort(effort)
              .grouper(grouper)
              .partitions(partitions)
              .driverAccounting(rvu.tally())
              .groupedClaims(a.flag("multiple-procedure"));
      known.ifPresent(b::studyPeriod);
      a.get("acg-output")
          .ifPresent(p -> b.acgOutput(spark.read().option("header", "true").csv(p), null));
      MpiSpark job = b.build();
      MpiResult r =
          format.equals("desynpuf")
              ? job.computeSynpuf(summaries, synpufClaims)
              : job.compute(people, spans, lines);
      String studyPeriod =
          r.studyPeriod().map(StudyPeriod::toString).orElse("none (no records)")
              + " ("
              + periodSource
              + ")";
      Run.finish(
          r,
          a,
          outDir,
          new RunInfo(
              "Medical Productivity Index",
              "Input: "
                  + format
                  + " "
                  + inputFormat
                  + " "
                  + String.join(" ", beneficiaries)
                  + ", "
                  + String.join(" ", claims)
                  + " on Spark "
                  + spark.version()
                  + "; work RVUs from "
                  + rvu.source()
                  + ".",
              studyPeriod,
              caveats),
          out,
          err);
      if (rejects.isPresent()) {
        java.util.Iterator<org.mpindex.core.spi.MalformedRecordException> it =
            format.equals("desynpuf")
                ? job.rejectionsSynpuf(summaries, synpufClaims)
                : job.rejections(people, spans, lines);
        it.forEachRemaining(rejects.get()::add);
        rejects.get().commit();
        err.println(
            "rejected rows listed in " + rejects.get().path() + " (" + rejects.get().count() + ")");
      }
      return 0;
    } finally {
      rejects.ifPresent(Rejects::discard);
    }
  }

  /**
   * The spec recipe: {@code mpi compute}'s arguments, and the study period the driver derived from
   * the data (its dates), if any. Plain values only, so that it is serializable by construction: the
   * executors rebuild the spec from them.
   */
  static final class SpecRecipe implements MpiSpark.Recipe<MpiSpec> {
    private static final long serialVersionUID = 1L;
    private final String[] args;
    private final LocalDate from; // null: the spec's own study period (declared, or none)
    private final LocalDate to;

    SpecRecipe(String[] args, Optional<StudyPeriod> derived) {
      this.args = args.clone();
      this.from = derived.map(StudyPeriod::from).orElse(null);
      this.to = derived.map(StudyPeriod::to).orElse(null);
    }

    @Override
    public MpiSpec get() {
      MpiSpec spec = SpecOptions.build(parse(args));
      return from == null
          ? spec
          : SpecOptions.rebuild(spec.toBuilder().studyPeriod(StudyPeriod.of(from, to)));
    }
  }

  /**
   * The effort recipe: the arguments, the bytes of the RVU files given on the driver (written to a
   * temporary directory of each executor JVM) and the days whose effort the index prices.
   */
  static final class EffortRecipe implements MpiSpark.Recipe<EffortCalculator> {
    private static final long serialVersionUID = 1L;
    private final String[] args;
    private final Map<String, byte[]> rvuFiles; // a LinkedHashMap: serializable, in the given order
    private final LocalDate from;
    private final LocalDate to;

    EffortRecipe(String[] args, Map<String, byte[]> rvuFiles, LocalDate from, LocalDate to) {
      this.args = args.clone();
      this.rvuFiles = new LinkedHashMap<>(rvuFiles);
      this.from = from;
      this.to = to;
    }

    @Override
    public EffortCalculator get() {
      Args parsed = parse(args);
      return RvuOptions.setup(parsed, materialise(rvuFiles), from, to).calculator(parsed);
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

    static GrouperRecipe of(Args a, String health) {
      byte[] map =
          a.get("adg-map")
              .map(
                  f -> {
                    Path p = ComputeCommand.existing("adg-map", f);
                    try {
                      return Files.readAllBytes(p);
                    } catch (IOException e) {
                      throw new UncheckedIOException("cannot read " + p + ": " + e.getMessage(), e);
                    }
                  })
              .orElse(null);
      String name = a.get("adg-map").map(f -> Path.of(f).getFileName().toString()).orElse(null);
      return new GrouperRecipe(health, a.flag("hierarchy"), map, name);
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
  private static Optional<Path> localFile(String given) {
    if (given.matches("^[A-Za-z][A-Za-z0-9+.-]+:.*") && !given.startsWith("file:")) {
      return Optional.empty(); // another file system (s3:, abfss:, dbfs:, hdfs:)
    }
    try {
      Path p = given.startsWith("file:") ? Path.of(java.net.URI.create(given)) : Path.of(given);
      return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
    } catch (IllegalArgumentException e) { // InvalidPathException included
      return Optional.empty();
    }
  }

  private static List<String> required(Args a, String option) {
    List<String> v = a.all(option);
    if (v.isEmpty()) {
      throw new UsageException("--" + option + " is required");
    }
    return v;
  }

  static Dataset<Row> read(SparkSession spark, List<String> paths, String inputFormat) {
    String[] p = paths.toArray(new String[0]);
    // CSV cells are read as text: an inferred schema would drop the leading zeros of codes
    return inputFormat.equals("parquet")
        ? spark.read().parquet(p)
        : spark.read().option("header", "true").csv(p);
  }

  /** The RVU files of the driver, written to a temporary directory of this JVM (once per computation). */
  private static List<Path> materialise(Map<String, byte[]> files) {
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
