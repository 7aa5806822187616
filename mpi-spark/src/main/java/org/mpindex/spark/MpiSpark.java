package org.mpindex.spark;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.mpindex.core.index.CellPartial;
import org.mpindex.core.index.IndexAssembler;
import org.mpindex.core.index.IndexPartial;
import org.mpindex.core.index.MpiResult;
import org.mpindex.core.index.MpiSpec;
import org.mpindex.core.index.StudyPeriod;
import org.mpindex.core.spi.BurdenGrouper;
import org.mpindex.core.spi.EffortCalculator;
import org.mpindex.core.spi.MalformedRecordException;
import org.mpindex.core.spi.RejectedRecordException;
import org.mpindex.io.SynpufBeneficiaryReader;

/**
 * The Medical Productivity Index on Apache Spark, with exactly the numbers of one machine.
 *
 * <p>The records are partitioned by beneficiary (Spark's hash partitioning of the beneficiary id),
 * each partition's rows are read by the library's own readers (the same checks, rejections and
 * accounting as the CSV files) and folded by the core {@link IndexAssembler}, and each partition
 * gives an {@link IndexPartial}: per cell (window, group) exact accumulators and the record counts.
 * Partials merge exactly (integer counts, exact sums of ratios, ratio multisets), so the result is
 * bit for bit that of one assembler over all records, for any number of partitions and executors,
 * any input order and any task retry (a retried task recomputes its partial from its input; only
 * finished tasks' partials are merged). Only the partials, one per partition, reach the driver.
 *
 * <p>The method's components are not shipped as objects: each is given as a {@link Recipe}, a
 * serializable function that builds it. The recipes are broadcast once, and every executor JVM
 * builds the components once per computation (bundled reference data, such as the CMS RVU
 * releases and the comorbidity code lists, is read there from the jars; data of your own, such as
 * an RVU file, travels inside the recipe as bytes and is broadcast with it).
 *
 * <pre>{@code
 * SparkSession spark = SparkSession.builder().getOrCreate();
 * Dataset<Row> people = spark.read().parquet("s3://claims/beneficiaries");
 * Dataset<Row> spans = spark.read().parquet("s3://claims/enrollment");
 * Dataset<Row> lines = spark.read().parquet("s3://claims/claim_lines");
 * MpiResult r = MpiSpark.compute(spark, people, spans, lines,
 *     () -> MpiSpec.PARENTE_2011,
 *     () -> WorkRvuCalculator.of(RvuSchedule.bundled()),
 *     () -> ComorbidityGrouper.of(ComorbidityIndex.ELIXHAUSER, false));
 * }</pre>
 *
 * <p><b>Inputs.</b> Tidy layout ({@code mpi-io/README.md}): beneficiaries, enrollment (may be
 * null) and claim lines, columns named as there or renamed with {@link Builder#column}; any Spark
 * type: dates as {@code DATE}, {@code TIMESTAMP} (its date) or text ({@code 2009-07-15} or {@code
 * 20090715}), arrays of modifiers or diagnoses as {@code ARRAY}, or text as in the CSV. DE-SynPUF
 * tables with {@link #computeSynpuf}. Read text inputs as strings (Spark's default for CSV): a
 * schema inferred from CSV drops the leading zeros of codes.
 *
 * <p><b>Skew.</b> All records of one beneficiary are folded by one task; the fold streams (a
 * patient's state is one slot per window, whatever their line count), and Spark's sort spills to
 * disk, so a beneficiary with millions of lines makes one task longer, never out of memory.
 *
 * <p><b>Errors.</b> In strict mode ({@link org.mpindex.core.index.IngestMode#STRICT}) the first bad
 * row fails the job and is rethrown on the driver as the reader's {@link MalformedRecordException}
 * (or the assembler's {@link RejectedRecordException}); its "file" names the dataset and partition,
 * its "line" the row's place in that partition's sorted rows, and its message the row's values.
 * In lenient mode bad rows are counted by reason in the result's accounting, as from files.
 */
public final class MpiSpark {
  /** A serializable function that builds a component on whichever JVM runs it. */
  @FunctionalInterface
  public interface Recipe<T> extends Supplier<T>, Serializable {}

  /** The tidy beneficiary columns, in the order the reader is given them. */
  static final List<String> BENEFICIARY_COLUMNS =
      List.of("beneficiary_id", "birth_date", "death_date", "sex", "state", "county_fips", "zip5");

  static final List<String> ENROLLMENT_COLUMNS =
      List.of(
          "beneficiary_id", "start_date", "end_date", "program", "state", "county_fips", "zip5");

  /** claim_id first: the rows of a claim sort together within a patient. */
  static final List<String> CLAIM_COLUMNS =
      List.of(
          "claim_id",
          "beneficiary_id",
          "from_date",
          "through_date",
          "claim_type",
          "procedure",
          "modifiers",
          "units",
          "place_of_service",
          "code_system",
          "diagnoses");

  private final SparkSession spark;
  private final Recipes recipes;
  private final int partitions;
  private final org.mpindex.core.index.IngestTally driverTally;
  private final boolean groupedClaims;
  private final Map<String, String> columns;
  private final String yearColumn;
  private final Optional<StudyPeriod> knownPeriod;
  private final Dataset<Row> acgOutput;
  private final String acgDefaultDay;

  private MpiSpark(Builder b) {
    this.spark = b.spark;
    this.recipes =
        new Recipes(
            java.util.UUID.randomUUID().toString(),
            Objects.requireNonNull(b.spec, "spec recipe"),
            Objects.requireNonNull(b.effort, "effort recipe"),
            Objects.requireNonNull(b.grouper, "grouper recipe"));
    this.partitions = b.partitions;
    this.driverTally = b.driverTally.copy();
    this.groupedClaims = b.groupedClaims;
    this.columns = Map.copyOf(b.columns);
    this.yearColumn = b.yearColumn;
    this.knownPeriod = Optional.ofNullable(b.studyPeriod);
    this.acgOutput = b.acgOutput;
    this.acgDefaultDay = b.acgDefaultDay;
    checkSerializable("spec", recipes.spec());
    checkSerializable("effort", recipes.effort());
    checkSerializable("grouper", recipes.grouper());
  }

  /**
   * Serializes a recipe as the broadcast will, so that one capturing something that is not
   * serializable (a {@code StudyPeriod}, a calculator) fails here, naming the recipe and the class,
   * instead of as a stack trace from inside Spark when the job starts.
   */
  private static void checkSerializable(String name, Recipe<?> recipe) {
    try (java.io.ObjectOutputStream out =
        new java.io.ObjectOutputStream(java.io.OutputStream.nullOutputStream())) {
      out.writeObject(recipe);
    } catch (java.io.NotSerializableException e) {
      throw new IllegalArgumentException(
          "the "
              + name
              + " recipe captures an object that is not serializable ("
              + e.getMessage()
              + "): a recipe must capture plain values (strings, numbers, dates, bytes) and build"
              + " the objects in get()",
          e);
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException(
          "the " + name + " recipe cannot be serialized: " + e.getMessage(), e);
    }
  }

  /** A computation on {@code spark}; the three recipes are required. */
  public static Builder on(SparkSession spark) {
    return new Builder(spark);
  }

  /**
   * The index of tidy-layout datasets, with default options (Spark's shuffle partition count,
   * columns named as in the tidy layout).
   *
   * @param enrollment may be null: no enrollment records (the study period must then be declared,
   *     or comes from the claims' windows, as on one machine)
   */
  public static MpiResult compute(
      SparkSession spark,
      Dataset<Row> beneficiaries,
      Dataset<Row> enrollment,
      Dataset<Row> claims,
      Recipe<MpiSpec> spec,
      Recipe<? extends EffortCalculator> effort,
      Recipe<? extends BurdenGrouper> grouper) {
    return on(spark)
        .spec(spec)
        .effort(effort)
        .grouper(grouper)
        .build()
        .compute(beneficiaries, enrollment, claims);
  }

  /** Options of a computation. */
  public static final class Builder {
    private final SparkSession spark;
    private Recipe<MpiSpec> spec;
    private Recipe<? extends EffortCalculator> effort;
    private Recipe<? extends BurdenGrouper> grouper;
    private int partitions;
    private org.mpindex.core.index.IngestTally driverTally =
        new org.mpindex.core.index.IngestTally();
    private boolean groupedClaims;
    private final Map<String, String> columns = new LinkedHashMap<>();
    private String yearColumn = "YEAR";
    private StudyPeriod studyPeriod;
    private Dataset<Row> acgOutput;
    private String acgDefaultDay;

    private Builder(SparkSession spark) {
      this.spark = Objects.requireNonNull(spark, "spark");
    }

    /** The method's choices (built on each executor). */
    public Builder spec(Recipe<MpiSpec> spec) {
      this.spec = Objects.requireNonNull(spec, "spec");
      return this;
    }

    /** The effort calculator (built once per executor and computation). */
    public Builder effort(Recipe<? extends EffortCalculator> effort) {
      this.effort = Objects.requireNonNull(effort, "effort");
      return this;
    }

    /** The burden grouper (built once per executor and computation). */
    public Builder grouper(Recipe<? extends BurdenGrouper> grouper) {
      this.grouper = Objects.requireNonNull(grouper, "grouper");
      return this;
    }

    /**
     * Records read on the driver that belong in the result's accounting, as they do in {@code mpi
     * compute}'s: the rows of the RVU files the caller read there, say. Added once to the accounting
     * of every result and cell table this job gives (a copy is taken).
     */
    public Builder driverAccounting(org.mpindex.core.index.IngestTally tally) {
      this.driverTally = Objects.requireNonNull(tally, "tally").copy();
      return this;
    }

    /**
     * The number of patient partitions (tasks that fold); 0 (default) takes {@code
     * spark.sql.shuffle.partitions}. The result does not depend on it.
     */
    public Builder partitions(int partitions) {
      if (partitions < 0) {
        throw new IllegalArgumentException(
            "partitions must be 0 (Spark's default) or more, got " + partitions);
      }
      this.partitions = partitions;
      return this;
    }

    /**
     * Gives the effort calculator the rows of one claim together ({@code mpi compute
     * --multiple-procedure}): needed when it applies claim-level rules. Off by default.
     */
    public Builder groupedClaims(boolean grouped) {
      this.groupedClaims = grouped;
      return this;
    }

    /**
     * Reads the tidy column {@code tidyName} (e.g. {@code beneficiary_id}) from the dataset column
     * {@code datasetColumn} (e.g. {@code member_id}), in every tidy dataset that has it.
     */
    public Builder column(String tidyName, String datasetColumn) {
      columns.put(
          tidyName.toLowerCase(Locale.ROOT),
          Objects.requireNonNull(datasetColumn, "datasetColumn"));
      return this;
    }

    /**
     * DE-SynPUF summaries: the column holding the year a row describes (default {@code YEAR}); when
     * the dataset has no such column the year is read from the name of the file each row came from
     * ({@code DE1_0_2009_...}), as {@code mpi compute} does.
     */
    public Builder yearColumn(String column) {
      this.yearColumn = Objects.requireNonNull(column, "column");
      return this;
    }

    /**
     * The study period of the whole population when the caller has it already (from {@link
     * MpiSpark#studyPeriod} or {@link MpiSpark#studyPeriodSynpuf}): the pass that derives it is
     * skipped. It must be the period the spec's rule gives, or the result is that of another study.
     * A period the spec declares wins.
     */
    public Builder studyPeriod(StudyPeriod period) {
      this.studyPeriod = Objects.requireNonNull(period, "period");
      return this;
    }

    /**
     * Precomputed burdens: ADG flags per patient and period exported from a licensed ACG run (the
     * layouts of {@code AcgOutputReader}, patient column {@code patient_id}, {@code beneficiary_id}
     * or {@code DESYNPUF_ID}), read strictly as {@code mpi compute --acg-output} reads them, with
     * the grouper usually {@code BurdenGrouper.NONE}.
     *
     * @param defaultDay the day of rows without a period (an annual run), or null
     */
    public Builder acgOutput(Dataset<Row> acgOutput, java.time.LocalDate defaultDay) {
      this.acgOutput = Objects.requireNonNull(acgOutput, "acgOutput");
      this.acgDefaultDay = defaultDay == null ? null : defaultDay.toString();
      return this;
    }

    public MpiSpark build() {
      return new MpiSpark(this);
    }
  }

  // ------------------------------------------------------------------------------------ entry
  // points

  /**
   * The index of tidy-layout datasets (see the class comment for columns and types).
   *
   * @param enrollment may be null
   * @throws MalformedRecordException in strict mode, for the first bad row (naming dataset, partition
   *     and column); and in any mode for a dataset without a required column
   */
  public MpiResult compute(
      Dataset<Row> beneficiaries, Dataset<Row> enrollment, Dataset<Row> claims) {
    return run(tidyInputs(beneficiaries, enrollment, claims));
  }

  /**
   * The cells of the index of tidy-layout datasets as a {@code Dataset}, reduced by cell on the
   * cluster: for group sets too large to bring to the driver (counties by cohort by week). See
   * {@link CellTable} for the columns; its cells are those {@link #compute} returns.
   */
  public CellTable cells(Dataset<Row> beneficiaries, Dataset<Row> enrollment, Dataset<Row> claims) {
    return cellTable(tidyInputs(beneficiaries, enrollment, claims));
  }

  /** {@link #cells} of DE-SynPUF tables ({@link #computeSynpuf}). */
  public CellTable cellsSynpuf(Dataset<Row> summaries, List<Dataset<Row>> claims) {
    return cellTable(synpufInputs(summaries, claims));
  }

  /**
   * The rows of tidy-layout datasets that the readers reject in lenient mode, with file (dataset and
   * partition), line (place in the partition), column, reason and message, as {@code mpi compute
   * --rejects} lists them from files: a second pass over the inputs, streamed to the driver one
   * partition at a time (their counts by reason are in every result's accounting without it).
   */
  public Iterator<MalformedRecordException> rejections(
      Dataset<Row> beneficiaries, Dataset<Row> enrollment, Dataset<Row> claims) {
    return rejections(tidyInputs(beneficiaries, enrollment, claims));
  }

  /** {@link #rejections} of DE-SynPUF tables. */
  public Iterator<MalformedRecordException> rejectionsSynpuf(
      Dataset<Row> summaries, List<Dataset<Row>> claims) {
    return rejections(synpufInputs(summaries, claims));
  }

  private Iterator<MalformedRecordException> rejections(Inputs in) {
    Fold f = fold(in);
    JavaRDD<MalformedRecordException> out =
        f.byPatient()
            .javaRDD()
            .mapPartitionsWithIndex(new PartitionFold.Rejections(f.function()), true);
    return out.toLocalIterator();
  }

  /** The tables of a computation, their rows, and how the study period is derived. */
  private record Inputs(
      List<Table> tables, List<Dataset<Row>> rows, Supplier<Optional<StudyPeriod>> period) {}

  private Inputs tidyInputs(
      Dataset<Row> beneficiaries, Dataset<Row> enrollment, Dataset<Row> claims) {
    Objects.requireNonNull(beneficiaries, "beneficiaries");
    Objects.requireNonNull(claims, "claims");
    List<Table> tables = new ArrayList<>();
    List<Dataset<Row>> rows = new ArrayList<>();
    add(
        tables,
        rows,
        beneficiaries,
        Table.Kind.BENEFICIARIES,
        "beneficiaries",
        BENEFICIARY_COLUMNS);
    if (enrollment != null) {
      add(tables, rows, enrollment, Table.Kind.ENROLLMENT, "enrollment", ENROLLMENT_COLUMNS);
    }
    add(tables, rows, claims, Table.Kind.CLAIMS, "claims", CLAIM_COLUMNS);
    addAcg(tables, rows);
    return new Inputs(tables, rows, () -> tidyPeriod(tables, rows));
  }

  private Optional<StudyPeriod> tidyPeriod(List<Table> tables, List<Dataset<Row>> rows) {
    Optional<StudyPeriod> p = periodOf(tables, rows, Table.Kind.ENROLLMENT);
    return p.isPresent() ? p : periodOf(tables, rows, Table.Kind.CLAIMS);
  }

  /**
   * The study period one assembler would take from these records when the spec declares none: the
   * span of the enrollment records it accepts, else (no enrollment at all) the windows of the claim
   * lines; empty when neither gives one. One light pass over the enrollment (the claims only when
   * there is no enrollment).
   *
   * @param enrollment may be null
   */
  public Optional<StudyPeriod> studyPeriod(Dataset<Row> enrollment, Dataset<Row> claims) {
    List<Table> tables = new ArrayList<>();
    List<Dataset<Row>> rows = new ArrayList<>();
    if (enrollment != null) {
      add(tables, rows, enrollment, Table.Kind.ENROLLMENT, "enrollment", ENROLLMENT_COLUMNS);
    }
    add(tables, rows, claims, Table.Kind.CLAIMS, "claims", CLAIM_COLUMNS);
    return tidyPeriod(tables, rows);
  }

  /**
   * The study period of DE-SynPUF summaries, as {@code mpi compute} takes it: 1 January of the
   * first year to 31 December of the last; empty without rows.
   */
  public Optional<StudyPeriod> studyPeriodSynpuf(Dataset<Row> summaries) {
    return yearSpan(withYear(summaries));
  }

  private static Optional<StudyPeriod> yearSpan(Dataset<Row> d) {
    List<Row> years =
        d.select(functions.min(functions.col(YEAR)), functions.max(functions.col(YEAR)))
            .collectAsList();
    if (years.isEmpty() || years.get(0).isNullAt(0)) {
      return Optional.empty();
    }
    return Optional.of(
        StudyPeriod.of(
            LocalDate.of(years.get(0).getInt(0), 1, 1),
            LocalDate.of(years.get(0).getInt(1), 12, 31)));
  }

  private static final String YEAR = "__mpi_year";

  /** The summaries with an integer year column {@value #YEAR}: the year column's, or the file name's. */
  private Dataset<Row> withYear(Dataset<Row> summaries) {
    Optional<String> year = column(summaries, yearColumn);
    if (year.isPresent()) {
      return summaries.withColumn(
          YEAR, functions.col("`" + year.get() + "`").cast(DataTypes.IntegerType));
    }
    org.apache.spark.sql.expressions.UserDefinedFunction yearOf =
        functions.udf(
            (org.apache.spark.sql.api.java.UDF1<String, Integer>) SynpufBeneficiaryReader::yearOf,
            DataTypes.IntegerType);
    // the file source's own metadata column names each row's file: a column of the scan, not a
    // thread-local like input_file_name(), which a shared session was seen to attribute rows of one
    // small file to the next one read in the same task
    try {
      return summaries.withColumn(YEAR, yearOf.apply(functions.col("_metadata.file_name")));
    } catch (
        RuntimeException
            e) { // an AnalysisException (checked in Java's eyes, thrown unchecked by Scala)
      // not a plain file scan (the metadata column is gone): input_file_name() right above the
      // scan,
      // the years kept (checkpointed), never re-evaluated inside the union and shuffle of the fold
      return summaries
          .withColumn(YEAR, yearOf.asNondeterministic().apply(functions.input_file_name()))
          .localCheckpoint(true);
    }
  }

  /**
   * The index of CMS DE-SynPUF tables: the Beneficiary Summary rows of one or more years (the year
   * in {@link Builder#yearColumn} or the source file's name) and any number of carrier, outpatient
   * and inpatient claims datasets (told apart by their columns, as in files). The study period is
   * the summaries' years unless the spec declares one, as in {@code mpi compute --format desynpuf}.
   */
  public MpiResult computeSynpuf(Dataset<Row> summaries, List<Dataset<Row>> claims) {
    return run(synpufInputs(summaries, claims));
  }

  private Inputs synpufInputs(Dataset<Row> summaries, List<Dataset<Row>> claims) {
    Objects.requireNonNull(summaries, "summaries");
    List<Table> tables = new ArrayList<>();
    List<Dataset<Row>> rows = new ArrayList<>();
    Dataset<Row> withYear = withYear(summaries);
    List<String> header = new ArrayList<>();
    for (String c : summaries.columns()) {
      if (!c.equalsIgnoreCase(yearColumn)) {
        header.add(c);
      }
    }
    addRaw(
        tables,
        rows,
        withYear,
        Table.Kind.SUMMARIES,
        "beneficiary summaries",
        header,
        "DESYNPUF_ID",
        functions.col(YEAR));
    int k = 0;
    for (Dataset<Row> c : claims) {
      addRaw(
          tables,
          rows,
          c,
          Table.Kind.SYNPUF_CLAIMS,
          "claims " + ++k,
          List.of(c.columns()),
          "DESYNPUF_ID",
          functions.lit(0));
    }
    addAcg(tables, rows);
    return new Inputs(tables, rows, () -> yearSpan(withYear));
  }

  // ------------------------------------------------------------------------------------ internals

  /** The fold of a computation: one partial per patient partition (lazy), and what reads them. */
  private record Fold(
      JavaRDD<IndexPartial> partials,
      Broadcast<Recipes> shipped,
      Components components,
      Optional<StudyPeriod> period,
      Dataset<Row> byPatient,
      PartitionFold function) {
    IndexAssembler reader() {
      IndexAssembler reader =
          IndexAssembler.create(components.spec, components.effort, components.grouper);
      period.ifPresent(reader::fixStudyPeriod);
      return reader;
    }
  }

  private Fold fold(Inputs in) {
    Components c = Components.of(recipes);
    Optional<StudyPeriod> period =
        c.spec.studyPeriod().isPresent()
            ? c.spec.studyPeriod()
            : knownPeriod.isPresent() ? knownPeriod : in.period().get();
    int n = partitions > 0 ? partitions : spark.sessionState().conf().numShufflePartitions();
    Dataset<Row> all = in.rows().get(0);
    for (int i = 1; i < in.rows().size(); i++) {
      all = all.unionAll(in.rows().get(i));
    }
    Dataset<Row> byPatient =
        all.repartition(n, functions.col("key"))
            .sortWithinPartitions(
                functions.col("k"),
                functions.col("y"),
                functions.col("key"),
                functions.col("cells"));
    Broadcast<Recipes> shipped =
        JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(recipes);
    PartitionFold function =
        new PartitionFold(shipped, List.copyOf(in.tables()), period.orElse(null), groupedClaims);
    JavaRDD<IndexPartial> partials = byPatient.javaRDD().mapPartitionsWithIndex(function, true);
    return new Fold(partials, shipped, c, period, byPatient, function);
  }

  private MpiResult run(Inputs in) {
    Fold f = fold(in);
    IndexPartial merged;
    try {
      merged = f.partials().treeReduce(IndexPartial::merge);
    } catch (Exception e) { // Spark throws its checked SparkException from Scala code
      throw unwrap(e);
    } finally {
      f.shipped().destroy();
    }
    return f.reader().result(withDriverAccounting(merged, f));
  }

  /** {@code merged} with the driver's records (an empty partial holding only their tally). */
  private IndexPartial withDriverAccounting(IndexPartial merged, Fold f) {
    if (f.period().isEmpty()
        || driverTally.snapshot().equals(new org.mpindex.core.index.IngestTally().snapshot())) {
      return merged;
    }
    IndexAssembler driver = f.reader();
    driver.tally().addAll(driverTally);
    return merged.merge(driver.partial(1));
  }

  private CellTable cellTable(Inputs in) {
    Fold f = fold(in);
    JavaRDD<IndexPartial> partials =
        f.partials().persist(org.apache.spark.storage.StorageLevel.MEMORY_AND_DISK());
    IndexPartial counts;
    try {
      counts = partials.map(IndexPartial::withoutCells).treeReduce(IndexPartial::merge);
    } catch (Exception e) {
      partials.unpersist(false);
      f.shipped().destroy();
      throw unwrap(e);
    }
    // the empty partial of the whole: checks the windows, and gives the accounting as one machine
    // would
    MpiResult shape = f.reader().result(withDriverAccounting(counts, f));
    int lag = f.components().spec.lag();
    JavaRDD<Row> cells =
        partials
            .flatMapToPair(
                p -> {
                  List<scala.Tuple2<String, CellPartial>> out = new ArrayList<>();
                  for (CellPartial c : p.cells(lag)) {
                    out.add(
                        new scala.Tuple2<>(
                            c.window() + (c.national() ? "|N|" : "|G|") + c.group(), c));
                  }
                  return out.iterator();
                })
            .reduceByKey(CellPartial::merge)
            .map(new CellRow(f.shipped()));
    Dataset<Row> table = spark.createDataFrame(cells, CellRow.SCHEMA);
    return new CellTable(
        table,
        shape.accounting(),
        shape.studyPeriod(),
        shape.windows(),
        () -> {
          partials.unpersist(false);
          f.shipped().destroy();
        });
  }

  /** The study period the records of {@code kind} give (enrollment span, or claim windows). */
  private Optional<StudyPeriod> periodOf(
      List<Table> tables, List<Dataset<Row>> rows, Table.Kind kind) {
    for (int i = 0; i < tables.size(); i++) {
      if (tables.get(i).kind == kind) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Broadcast<Recipes> shipped = jsc.broadcast(recipes);
        try {
          List<long[]> spans =
              rows.get(i)
                  .sortWithinPartitions(functions.col("key"), functions.col("cells"))
                  .javaRDD()
                  .mapPartitionsWithIndex(
                      new PartitionFold.Period(shipped, List.copyOf(tables)), true)
                  .collect();
          long from = Long.MAX_VALUE;
          long to = Long.MIN_VALUE;
          for (long[] s : spans) {
            from = Math.min(from, s[0]);
            to = Math.max(to, s[1]);
          }
          return from <= to
              ? Optional.of(StudyPeriod.of(LocalDate.ofEpochDay(from), LocalDate.ofEpochDay(to)))
              : Optional.empty();
        } catch (Exception e) {
          throw unwrap(e);
        } finally {
          shipped.destroy();
        }
      }
    }
    return Optional.empty();
  }

  /**
   * A task's record error as the reader or assembler threw it (the job failure's cause); anything
   * else as it came (Spark's {@code SparkException} unchanged, though checked).
   */
  static RuntimeException unwrap(Exception e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof MalformedRecordException || t instanceof RejectedRecordException) {
        return (RuntimeException) t;
      }
    }
    return MpiSpark.<RuntimeException>sneaky(e);
  }

  // the "sneaky throw" idiom: T is inferred as RuntimeException, so the checked cause leaves
  // unwrapped
  @SuppressWarnings({"unchecked", "TypeParameterUnusedInFormals"})
  private static <T extends Exception> T sneaky(Exception e) throws T {
    throw (T) e;
  }

  private void add(
      List<Table> tables,
      List<Dataset<Row>> rows,
      Dataset<Row> d,
      Table.Kind kind,
      String name,
      List<String> tidyColumns) {
    List<String> header = new ArrayList<>();
    List<Column> cells = new ArrayList<>();
    Column key = null;
    for (String tidy : tidyColumns) {
      String wanted = columns.getOrDefault(tidy, tidy);
      Optional<String> actual = column(d, wanted);
      if (actual.isPresent()) {
        header.add(tidy);
        cells.add(text(d, actual.get()));
        if (tidy.equals("beneficiary_id")) {
          key = functions.trim(text(d, actual.get()));
        }
      }
    }
    if (key == null) {
      throw new MalformedRecordException(
          "missing column",
          name,
          1,
          null,
          "no column "
              + columns.getOrDefault("beneficiary_id", "beneficiary_id")
              + " in "
              + String.join(",", d.columns()));
    }
    int k = tables.size();
    tables.add(new Table(kind, name, header));
    rows.add(
        d.select(
            functions.lit(k).as("k"),
            functions.lit(0).as("y"),
            key.as("key"),
            functions.array(cells.toArray(new Column[0])).as("cells")));
  }

  private void addRaw(
      List<Table> tables,
      List<Dataset<Row>> rows,
      Dataset<Row> d,
      Table.Kind kind,
      String name,
      List<String> header,
      String keyColumn,
      Column year) {
    String keyName =
        column(d, keyColumn)
            .orElseThrow(
                () ->
                    new MalformedRecordException(
                        "missing column",
                        name,
                        1,
                        null,
                        "no column " + keyColumn + " in " + String.join(",", d.columns())));
    List<Column> cells = new ArrayList<>();
    for (String h : header) {
      cells.add(text(d, h));
    }
    int k = tables.size();
    tables.add(new Table(kind, name, header));
    rows.add(
        d.select(
            functions.lit(k).as("k"),
            year.as("y"),
            functions.trim(text(d, keyName)).as("key"),
            functions.array(cells.toArray(new Column[0])).as("cells")));
  }

  private void addAcg(List<Table> tables, List<Dataset<Row>> rows) {
    if (acgOutput == null) {
      return;
    }
    String id = null;
    for (String c : List.of("patient_id", "beneficiary_id", "DESYNPUF_ID")) {
      id = id != null ? id : column(acgOutput, c).orElse(null);
    }
    if (id == null) {
      throw new MalformedRecordException(
          "missing column",
          "ACG output",
          1,
          null,
          "no column patient_id, beneficiary_id or DESYNPUF_ID in "
              + String.join(",", acgOutput.columns()));
    }
    addRaw(
        tables,
        rows,
        acgOutput,
        Table.Kind.ACG,
        "ACG output",
        List.of(acgOutput.columns()),
        id,
        functions.lit(0));
    tables.get(tables.size() - 1).defaultDay = acgDefaultDay;
  }

  /** The dataset's name of {@code wanted}, matched without case. */
  private static Optional<String> column(Dataset<Row> d, String wanted) {
    for (String c : d.columns()) {
      if (c.equalsIgnoreCase(wanted)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  /** A column as the text the CSV readers take: dates ISO, arrays space-separated, nulls blank. */
  static Column text(Dataset<Row> d, String name) {
    Column c = d.col("`" + name.replace("`", "``") + "`");
    DataType t = null;
    for (StructField f : d.schema().fields()) {
      if (f.name().equals(name)) {
        t = f.dataType();
      }
    }
    if (t == null) {
      return c.cast(DataTypes.StringType);
    }
    if (t.equals(DataTypes.DateType)
        || t.equals(DataTypes.TimestampType)
        || t.equals(DataTypes.TimestampNTZType)) {
      return functions.date_format(c, "yyyy-MM-dd");
    }
    if (t instanceof ArrayType) {
      return functions.array_join(c.cast(DataTypes.createArrayType(DataTypes.StringType)), " ");
    }
    return c.cast(DataTypes.StringType);
  }

  /** The three recipes of a computation, broadcast once; {@code id} keys the executors' cache. */
  record Recipes(
      String id,
      Recipe<MpiSpec> spec,
      Recipe<? extends EffortCalculator> effort,
      Recipe<? extends BurdenGrouper> grouper)
      implements Serializable {}

  /** What a table is and how it reads. */
  static final class Table implements Serializable {
    private static final long serialVersionUID = 1L;

    enum Kind {
      BENEFICIARIES,
      ENROLLMENT,
      CLAIMS,
      SUMMARIES,
      SYNPUF_CLAIMS,
      ACG
    }

    final Kind kind;
    final String name;
    final List<String> header;

    /** ACG output: the ISO day of rows without a period, or null. */
    String defaultDay;

    Table(Kind kind, String name, List<String> header) {
      this.kind = kind;
      this.name = name;
      this.header = List.copyOf(header);
    }
  }

  /** The components built from recipes, once per JVM and computation (a few kept). */
  static final class Components {
    private static final int KEEP = 4;
    private static final Map<String, Components> BUILT =
        new LinkedHashMap<>(8, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Components> eldest) {
            return size() > KEEP;
          }
        };

    final MpiSpec spec;
    final EffortCalculator effort;
    final BurdenGrouper grouper;

    private Components(Recipes r) {
      this.spec = Objects.requireNonNull(r.spec().get(), "the spec recipe gave null");
      this.effort = Objects.requireNonNull(r.effort().get(), "the effort recipe gave null");
      this.grouper = Objects.requireNonNull(r.grouper().get(), "the grouper recipe gave null");
    }

    static Components of(Recipes r) {
      synchronized (BUILT) {
        return BUILT.computeIfAbsent(r.id(), id -> new Components(r));
      }
    }
  }
}
