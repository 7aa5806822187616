package org.mpindex.spark;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.mpindex.cli.ComputeOptions;
import org.mpindex.cli.ComputeRun;
import org.mpindex.cli.SideIndices;
import org.mpindex.cli.UsageException;
import org.mpindex.core.index.MpiResult;
import org.mpindex.core.index.MpiSpec;
import org.mpindex.core.index.StudyPeriod;
import org.mpindex.core.spi.BurdenGrouper;
import org.mpindex.core.spi.MalformedRecordException;
import org.mpindex.io.input.InputDetection;
import org.mpindex.io.input.InputFiles;
import org.mpindex.io.input.InputFormat;
import org.mpindex.io.input.InputLayoutException;
import org.mpindex.io.input.InputTable;

/**
 * {@link ComputeRun}'s engine on Spark: every layout {@code mpi compute} reads ({@code --format
 * tidy|desynpuf|rif|cclf|omop}), each input read by Spark as a dataset (CSV, its separator told by
 * the header line as in files, or Parquet; or a catalog table, {@code table:NAME}) and told which of
 * the layout's tables it is by its columns, then folded by {@link MpiSpark} partition by partition
 * with the layout's own readers ({@link SparkInput}). Local files and folders are assigned to tables
 * as {@code mpi compute} assigns them. Side-by-side cohorts ({@code --cohort}) and the side indices
 * ({@code --sensitivity}, {@code --realtime-until}: {@link SideIndices}) come from the same pass, a
 * partial of each per partition ({@link FullFold}), merged and read on the driver; {@code
 * --acg-by-year} reads the ACG output by year in the partitions.
 */
final class SparkEngine implements ComputeRun.Engine {
  private final SparkSession spark;
  private final ComputeOptions o;
  private final SideFiles side;
  private String inputFormat; // csv | parquet | null: by each path's extension
  private int partitions;
  private final Map<String, List<Dataset<Row>>> tables = new LinkedHashMap<>();
  private final List<String> given = new ArrayList<>();
  private final List<Path> local = new ArrayList<>();
  // notes on the inputs, as mpi compute's: folder files not read, claims inputs of a header only
  private final List<String> ignored = new ArrayList<>();
  private MpiSpark.Recipe<BurdenGrouper> grouper;
  private MpiSpec spec;
  private Optional<StudyPeriod> period = Optional.empty();
  private MpiSpark.StudyPeriods periods;
  private SideIndices sides; // --sensitivity, --realtime-until: read from the partitions' partials

  SparkEngine(SparkSession spark, ComputeOptions o) {
    this.spark = spark;
    this.o = o;
    this.side = SideFiles.of(o.argv());
  }

  @Override
  public void check(ComputeOptions options) {
    if (o.engineOption("realtime-until").isPresent() && o.acgOutput().isPresent()) {
      // mpi compute says so once the ACG rows reach the real-time index; here before the job
      throw new UsageException("--realtime-until does not take precomputed burdens (--acg-output)");
    }
    inputFormat = o.engineOption("input-format").map(f -> f.toLowerCase(Locale.ROOT)).orElse(null);
    if (inputFormat != null && !inputFormat.equals("csv") && !inputFormat.equals("parquet")) {
      throw new UsageException("--input-format is csv or parquet, got '" + inputFormat + "'");
    }
    partitions = o.engineInteger("partitions", 0, 0);
    o.readOptions(); // a --county-crosswalk file is checked on the driver
    grouper = SparkCompute.GrouperRecipe.of(o);
    assign();
  }

  /** The inputs by table: local files as mpi compute assigns them, other paths by their columns. */
  private void assign() {
    InputFormat format = o.format();
    boolean byRole = false;
    List<String> paths = new ArrayList<>(o.input());
    Map<String, InputTable.Role> roles = new LinkedHashMap<>();
    for (String role : List.of("beneficiaries", "enrollment", "claims")) {
      for (String p : o.byRole(role)) {
        byRole = true;
        paths.add(p);
        roles.put(
            p,
            switch (role) {
              case "beneficiaries" -> InputTable.Role.PEOPLE;
              case "enrollment" -> InputTable.Role.COVERAGE;
              default -> InputTable.Role.CLAIMS;
            });
      }
    }
    if (byRole && !o.input().isEmpty()) {
      throw new UsageException(
          "give the inputs either with --input or with --beneficiaries/--enrollment/--claims, not"
              + " both");
    }
    if (byRole) {
      for (String role : List.of("beneficiaries", "claims")) {
        if (o.byRole(role).isEmpty()) {
          throw new UsageException("--" + role + " is required");
        }
      }
    }
    if (paths.isEmpty()) {
      throw new UsageException("--input is required (or --beneficiaries and --claims)");
    }
    if (!byRole
        && !paths.isEmpty()
        && paths.stream().allMatch(p -> SparkCompute.localPath(p).isPresent())) {
      // local files and folders: told by their headers, as mpi compute tells them
      try {
        InputDetection.Assignment assignment =
            InputDetection.assign(
                format, paths.stream().map(p -> SparkCompute.localPath(p).orElseThrow()).toList());
        // files of an --input folder that are none of the layout's tables: said, never read
        assignment
            .ignored()
            .forEach(
                (f, why) -> ignored.add("--input: " + f.getFileName() + " not read (" + why + ")"));
        InputFiles files = assignment.files();
        files.byTable().forEach((t, fs) -> fs.forEach(f -> add(t, f.toString())));
        local.addAll(files.all());
      } catch (InputLayoutException e) {
        throw new UsageException(e.getMessage());
      }
      return;
    }
    Map<String, List<Path>> named = new LinkedHashMap<>();
    for (String p : paths) {
      Dataset<Row> d = read(p);
      Optional<InputTable.Role> role = Optional.ofNullable(roles.get(p));
      InputTable table =
          InputDetection.tableOf(format, Path.of(fileName(p)), List.of(d.columns()), role)
              .orElseThrow(
                  () ->
                      new UsageException(
                          InputDetection.noneOf(
                                  format,
                                  p,
                                  role,
                                  ": its columns are " + String.join(",", d.columns()))
                              .getMessage()));
      noteIfHeaderOnly(table.name(), p, d);
      tables.computeIfAbsent(table.name(), k -> new ArrayList<>()).add(d);
      named.computeIfAbsent(table.name(), k -> new ArrayList<>()).add(Path.of(fileName(p)));
      given.add(p);
      SparkCompute.localFile(p).ifPresent(local::add);
    }
    try {
      InputDetection.requireTables(new InputFiles(format, named));
    } catch (InputLayoutException e) {
      throw new UsageException(e.getMessage());
    }
  }

  private void add(String table, String path) {
    Dataset<Row> d = read(path);
    noteIfHeaderOnly(table, path, d);
    tables.computeIfAbsent(table, k -> new ArrayList<>()).add(d);
    given.add(path);
  }

  /** A claims input of a header and no row is noted, as mpi compute notes such a file. */
  private void noteIfHeaderOnly(String table, String path, Dataset<Row> d) {
    boolean claims =
        o.format().tables().stream()
            .anyMatch(t -> t.name().equals(table) && t.role() == InputTable.Role.CLAIMS);
    if (claims && d.isEmpty()) {
      ignored.add(fileName(path) + ": " + ComputeRun.HEADER_ONLY);
    }
  }

  /** A path Spark reads: a catalog table ({@code table:NAME}), Parquet, or delimited text. */
  private Dataset<Row> read(String path) {
    if (path.startsWith("table:")) {
      return spark.table(path.substring("table:".length()));
    }
    String how =
        inputFormat != null
            ? inputFormat
            : path.toLowerCase(Locale.ROOT).matches(".*\\.parquet/?$") ? "parquet" : "csv";
    if (how.equals("parquet")) {
      return spark.read().parquet(path);
    }
    // CSV cells are read as text (an inferred schema would drop the leading zeros of codes); the
    // separator is the one of , | TAB the header line holds most of, as for files
    String header = spark.read().textFile(path).first();
    char sep = org.mpindex.core.text.CsvTable.delimiterOf(header);
    return spark.read().option("header", "true").option("sep", String.valueOf(sep)).csv(path);
  }

  private static String fileName(String path) {
    String p = path.replaceAll("/+$", "");
    return p.substring(p.lastIndexOf('/') + 1);
  }

  @Override
  public List<Path> localInputs() {
    // the inputs on the driver's file system: the same data given twice is refused, and --rejects
    // may not replace one (paths on other file systems, s3:// say, are Spark's to read)
    return List.copyOf(local);
  }

  private SparkInput input() {
    String name = o.format().name();
    return new SparkInput(new FormatRecipe(name), tables);
  }

  private MpiSpark.Builder builder() {
    return MpiSpark.on(spark)
        .grouper(grouper)
        .partitions(partitions)
        .readOptions(new ReadOptionsRecipe(side));
  }

  @Override
  public Optional<StudyPeriod> declaredPeriod() {
    periods =
        builder()
            .spec(new SparkCompute.SpecRecipe(side, Optional.empty()))
            .effort(new SparkCompute.NoEffort())
            .build()
            .studyPeriods(input());
    return periods.declared();
  }

  @Override
  public Optional<StudyPeriod> readPeople(
      MpiSpec spec, Consumer<MalformedRecordException> rejects) {
    this.spec = spec;
    if (spec.studyPeriod().isPresent()) {
      period = spec.studyPeriod();
    } else {
      if (periods == null) {
        declaredPeriod();
      }
      period = periods.first();
    }
    // the side indices on the driver hold no record: they read the partitions' merged partials
    sides = SideIndices.of(o, spec, o.grouper());
    period.ifPresent(sides::start);
    return period;
  }

  @Override
  public List<StudyPeriod> moreEffortDays(StudyPeriod period) {
    return sides.effortDays(period);
  }

  @Override
  public String periodRule() {
    return periods != null && periods.coverage().isEmpty() && periods.claims().isPresent()
        ? "the windows of the claims"
        : o.format().studyPeriodRule();
  }

  @Override
  public ComputeRun.Folded fold(
      ComputeRun.Pricing pricing, Consumer<MalformedRecordException> rejects) {
    Map<String, byte[]> rvuBytes = new LinkedHashMap<>();
    for (Path f : pricing.rvuFiles()) {
      try {
        rvuBytes.put(f.getFileName().toString(), Files.readAllBytes(f));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + f + ": " + e.getMessage(), e);
      }
    }
    MpiSpark.Builder b =
        builder()
            .spec(new SparkCompute.SpecRecipe(side, spec.studyPeriod()))
            .effort(new SparkCompute.EffortRecipe(side, rvuBytes, pricing.from(), pricing.to()))
            .driverAccounting(driverAccounting(pricing))
            .groupedClaims(o.claimsTogether());
    period.ifPresent(b::studyPeriod);
    o.acgOutput()
        .ifPresent(
            p -> b.acgOutput(spark.read().option("header", "true").csv(p), null, o.acgByYear()));
    MpiSpark job = b.build();
    SparkInput in = input();
    MpiResult r;
    Map<String, MpiResult> cohorts = Map.of();
    if (spec.cohorts().isEmpty() && sides.isEmpty()) {
      r = job.compute(in);
    } else {
      // the cohorts and side indices from the same pass: a partial of each per partition
      MpiSpark.Everything all =
          job.computeEverything(in, sides.isEmpty() ? null : new SidesRecipe(side));
      r = all.result();
      cohorts = all.cohorts();
      sides.effort(pricing.calculator());
      sides.finish(all.side());
    }
    if (o.engineOption("rejects").isPresent()) {
      // the rows the partitions rejected, by a second pass of the same reading
      job.rejections(in).forEachRemaining(rejects);
    }
    return new ComputeRun.Folded(r, cohorts);
  }

  @Override
  public String moreFigures(int minCellSize) {
    return sides.figures(minCellSize);
  }

  @Override
  public Optional<Function<Path, List<String>>> moreOutputs(int minCellSize, PrintStream out) {
    return sides.outputs(minCellSize, out);
  }

  /** The driver's records: the RVU files' rows and the notes on inputs not read, as mpi compute's. */
  private org.mpindex.core.index.IngestTally driverAccounting(ComputeRun.Pricing pricing) {
    org.mpindex.core.index.IngestTally t = new org.mpindex.core.index.IngestTally();
    ignored.forEach(t::note);
    t.addAll(pricing.accounting());
    return t;
  }

  @Override
  public String describeInput() {
    return (o.format().name().equals("tidy") ? "csv" : o.format().name())
        + " "
        + (inputFormat == null ? "files" : inputFormat)
        + " "
        + String.join(" ", given)
        + " on Spark "
        + spark.version();
  }

  /** The side indices of the arguments, rebuilt on every executor for the fold's components. */
  private static final class SidesRecipe implements FullFold.Sides {
    private static final long serialVersionUID = 1L;
    private final SideFiles side;

    SidesRecipe(SideFiles side) {
      this.side = side;
    }

    @Override
    public SideIndices of(MpiSpec spec, BurdenGrouper grouper) {
      return SideIndices.of(SparkCompute.parse(side.argv()), spec, grouper);
    }
  }

  /** The layout by name, built on every JVM that reads (a layout object need not serialize). */
  private static final class FormatRecipe implements MpiSpark.Recipe<InputFormat> {
    private static final long serialVersionUID = 1L;
    private final String name;

    FormatRecipe(String name) {
      this.name = name;
    }

    @Override
    public InputFormat get() {
      return org.mpindex.io.input.InputFormats.byName(name).orElseThrow();
    }
  }

  /** The layout's reading options of the arguments, rebuilt on every executor. */
  private static final class ReadOptionsRecipe
      implements MpiSpark.Recipe<org.mpindex.io.input.ReadOptions> {
    private static final long serialVersionUID = 1L;
    private final SideFiles side;

    ReadOptionsRecipe(SideFiles side) {
      this.side = side;
    }

    @Override
    public org.mpindex.io.input.ReadOptions get() {
      return SparkCompute.parse(side.argv()).readOptions();
    }
  }
}
