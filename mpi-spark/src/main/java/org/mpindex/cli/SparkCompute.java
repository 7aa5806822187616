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

  public static void main(String[] args) {
    int code;
    SparkSession spark = SparkSession.builder().appName("Medical Productivity Index").getOrCreate();
    try {
      code = run(args, spark, System.out, System.err);
    } finally {
      spark.stop();
    }
    System.exit(code);
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
    }
  }

  private static Args parse(String[] argv) {
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
    Optional<Rejects> rejects = a.get("rejects").map(f -> Rejects.open(Path.of(f), outDir));
    try {
      // the recipes rebuild the components on every executor from the arguments (and the bytes of
      // the
      // RVU files given), with the code mpi compute uses
      String[] args = argv.clone();
      boolean hierarchy = a.flag("hierarchy");
      // a licensed user's ADG map travels as bytes in the recipe; without one (ACG output only) no
      // grouper
      byte[] adgMap =
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
      String adgMapName =
          a.get("adg-map").map(f -> Path.of(f).getFileName().toString()).orElse(null);
      MpiSpark.Recipe<BurdenGrouper> grouper =
          !health.equals("adg")
              ? () -> ComorbidityGrouper.of(ComorbidityIndex.parse(health), hierarchy)
              : adgMap == null
                  ? () -> BurdenGrouper.NONE
                  : () ->
                      org.mpindex.adg.AdgMapGrouper.read(
                          adgMapName,
                          new java.io.StringReader(
                              new String(adgMap, java.nio.charset.StandardCharsets.UTF_8)));
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
              .spec(() -> SpecOptions.build(parse(args)))
              .effort(() -> (line, day, tally) -> 0L)
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
          specRecipe =
              () -> SpecOptions.rebuild(SpecOptions.build(parse(args)).toBuilder().studyPeriod(p));
          spec = specRecipe.get();
        } else {
          specRecipe = () -> SpecOptions.build(parse(args));
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
        specRecipe = () -> SpecOptions.build(parse(args));
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
      MpiSpark.Recipe<EffortCalculator> effort =
          () -> {
            Args parsed = parse(args);
            return RvuOptions.setup(parsed, materialise(rvuBytes), from, to).calculator(parsed);
          };
      MpiSpark.Builder b =
          MpiSpark.on(spark)
              .spec(specRecipe)
              .effort(effort)
              .grouper(grouper)
              .partitions(partitions)
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
