package org.mpindex.spark;

import java.io.IOException;
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
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.mpindex.cli.ComputeOptions;
import org.mpindex.cli.ComputeRun;
import org.mpindex.cli.UsageException;
import org.mpindex.core.index.MpiResult;
import org.mpindex.core.index.MpiSpec;
import org.mpindex.core.index.StudyPeriod;
import org.mpindex.core.spi.BurdenGrouper;
import org.mpindex.core.spi.MalformedRecordException;

/**
 * {@link ComputeRun}'s engine on Spark: the inputs are read by Spark (CSV with a header row, or
 * Parquet), every table keyed by beneficiary and folded by {@link MpiSpark} partition by partition.
 * The options a partition fold cannot honour yet are refused by name before anything is read.
 */
final class SparkEngine implements ComputeRun.Engine {
  private final SparkSession spark;
  private final ComputeOptions o;
  private final String[] argv;
  private String inputFormat;
  private int partitions;
  private final Map<String, List<String>> given = new LinkedHashMap<>();
  private MpiSpark.Recipe<BurdenGrouper> grouper;
  private Dataset<Row> summaries;
  private Dataset<Row> people;
  private Dataset<Row> spans;
  private Dataset<Row> lines;
  private final List<Dataset<Row>> synpufClaims = new ArrayList<>();
  private MpiSpec spec;
  private Optional<StudyPeriod> period = Optional.empty();

  SparkEngine(SparkSession spark, ComputeOptions o) {
    this.spark = spark;
    this.o = o;
    this.argv = o.argv();
  }

  private boolean synpuf() {
    return o.format().name().equals("desynpuf");
  }

  @Override
  public void check(ComputeOptions options) {
    // what the partition fold does not do yet: said by name, never ignored
    for (String option :
        List.of(
            "sensitivity",
            "realtime-until",
            "acg-by-year",
            "denied-lines",
            "diagnosis-sources",
            "county-crosswalk")) {
      if (o.engineOption(option).isPresent() || o.engineFlag(option)) {
        throw new UsageException(
            "--" + option + " is not on Spark yet: run mpi compute on one machine for it");
      }
    }
    if (!o.spec().cohorts().isEmpty()) {
      throw new UsageException(
          "--cohort is not on Spark yet: run mpi compute on one machine for it");
    }
    if (!List.of("tidy", "desynpuf").contains(o.format().name())) {
      throw new UsageException(
          "--format " + o.format().name() + " is not on Spark yet (tidy or desynpuf)");
    }
    if (!o.input().isEmpty()) {
      throw new UsageException(
          "the Spark job takes its tables with --beneficiaries, --enrollment and --claims");
    }
    for (String role : List.of("beneficiaries", "enrollment", "claims")) {
      given.put(role, o.byRole(role));
    }
    for (String role : List.of("beneficiaries", "claims")) {
      if (given.get(role).isEmpty()) {
        throw new UsageException("--" + role + " is required");
      }
    }
    if (synpuf() && !given.get("enrollment").isEmpty()) {
      throw new UsageException(
          "--enrollment is for layouts with coverage tables of their own; desynpuf coverage comes"
              + " from its beneficiary files");
    }
    String first = given.get("claims").get(0);
    inputFormat =
        o.engineOption("input-format")
            .orElse(first.endsWith(".parquet") ? "parquet" : "csv")
            .toLowerCase(Locale.ROOT);
    if (!inputFormat.equals("csv") && !inputFormat.equals("parquet")) {
      throw new UsageException("--input-format is csv or parquet, got '" + inputFormat + "'");
    }
    partitions = o.engineInteger("partitions", 0, 0);
    // the recipes rebuild the components on every executor from plain values: the arguments, the
    // bytes of the files given on the driver and the study period's dates
    grouper = SparkCompute.GrouperRecipe.of(o);
  }

  @Override
  public List<Path> localInputs() {
    // the inputs on the driver's file system: the same data given twice is refused, and --rejects
    // may not replace one (paths on other file systems, s3:// say, are Spark's to read)
    List<Path> local = new ArrayList<>();
    given.values().forEach(g -> g.forEach(f -> SparkCompute.localFile(f).ifPresent(local::add)));
    return local;
  }

  private MpiSpark probe() {
    return MpiSpark.on(spark)
        .spec(new SparkCompute.SpecRecipe(argv, Optional.empty()))
        .effort(new SparkCompute.NoEffort())
        .grouper(grouper)
        .build();
  }

  @Override
  public Optional<StudyPeriod> declaredPeriod() {
    if (synpuf()) {
      summaries = SparkCompute.read(spark, given.get("beneficiaries"), inputFormat);
      for (String c : given.get("claims")) {
        synpufClaims.add(SparkCompute.read(spark, List.of(c), inputFormat));
      }
      return Optional.of(
          probe()
              .studyPeriodSynpuf(summaries)
              .orElseThrow(() -> new UsageException("--beneficiaries: no summary rows")));
    }
    people = SparkCompute.read(spark, given.get("beneficiaries"), inputFormat);
    spans =
        given.get("enrollment").isEmpty()
            ? null
            : SparkCompute.read(spark, given.get("enrollment"), inputFormat);
    lines = SparkCompute.read(spark, given.get("claims"), inputFormat);
    return Optional.empty();
  }

  @Override
  public Optional<StudyPeriod> readPeople(
      MpiSpec spec, Consumer<MalformedRecordException> rejects) {
    this.spec = spec;
    if (summaries == null && people == null) {
      declaredPeriod(); // --study-period given: the tables are read now
    }
    period =
        spec.studyPeriod().isPresent() ? spec.studyPeriod() : probe().studyPeriod(spans, lines);
    return period;
  }

  @Override
  public String periodRule() {
    return synpuf()
        ? o.format().studyPeriodRule()
        : spans == null ? "the windows of the claims" : "the span of the enrollment records";
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
        MpiSpark.on(spark)
            .spec(new SparkCompute.SpecRecipe(argv, spec.studyPeriod()))
            .effort(new SparkCompute.EffortRecipe(argv, rvuBytes, pricing.from(), pricing.to()))
            .grouper(grouper)
            .partitions(partitions)
            .driverAccounting(pricing.accounting())
            .groupedClaims(o.claimsTogether());
    period.ifPresent(b::studyPeriod);
    o.acgOutput().ifPresent(p -> b.acgOutput(spark.read().option("header", "true").csv(p), null));
    MpiSpark job = b.build();
    MpiResult r =
        synpuf() ? job.computeSynpuf(summaries, synpufClaims) : job.compute(people, spans, lines);
    if (o.engineOption("rejects").isPresent()) {
      // the rows the partitions rejected, by a second pass of the same reading
      (synpuf()
              ? job.rejectionsSynpuf(summaries, synpufClaims)
              : job.rejections(people, spans, lines))
          .forEachRemaining(rejects);
    }
    return new ComputeRun.Folded(r, Map.of());
  }

  @Override
  public String describeInput() {
    return (synpuf() ? "desynpuf" : "csv")
        + " "
        + inputFormat
        + " "
        + String.join(" ", given.get("beneficiaries"))
        + ", "
        + String.join(" ", given.get("claims"))
        + " on Spark "
        + spark.version();
  }
}
