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
import org.mpindex.core.index.IngestTally;
import org.mpindex.core.index.MpiResult;
import org.mpindex.core.index.MpiSpec;
import org.mpindex.core.index.StudyPeriod;
import org.mpindex.core.spi.BurdenGrouper;
import org.mpindex.core.spi.EffortCalculator;
import org.mpindex.core.spi.MalformedRecordException;
import org.mpindex.core.spi.RejectedRecordException;
import org.mpindex.core.text.ReadRejection;
import org.mpindex.io.SynpufBeneficiaryReader;
import org.mpindex.io.input.DesynpufFormat;
import org.mpindex.io.input.InputFiles;
import org.mpindex.io.input.InputFormat;
import org.mpindex.io.input.InputTable;
import org.mpindex.io.input.ReadContext;
import org.mpindex.io.input.ReadOptions;
import org.mpindex.io.input.TidyFormat;

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
 * tables with {@link #computeSynpuf}; any layout the library reads (tidy, desynpuf, rif, cclf,
 * omop) with {@link #compute(SparkInput)}, each table read by the layout's own readers. Read text
 * inputs as strings (Spark's default for CSV): a schema inferred from CSV drops the leading zeros
 * of codes.
 *
 * <p><b>Skew.</b> All records of one beneficiary are folded by one task, and a task holds its
 * partition's rows in memory as text while its readers read them (a layout reads its tables in its
 * own order): a beneficiary with millions of lines makes one task longer and larger; give more
 * partitions ({@link Builder#partitions}) for large inputs.
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

  /** The tidy beneficiary columns, in the order the reader is given them (the layout's own list). */
  static final List<String> BENEFICIARY_COLUMNS = TidyFormat.BENEFICIARIES.columns();

  static final List<String> ENROLLMENT_COLUMNS = TidyFormat.ENROLLMENT.columns();

  /** claim_id first: the rows of a claim sort together within a patient. */
  static final List<String> CLAIM_COLUMNS = TidyFormat.CLAIMS.columns();

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
  private final boolean columnar;
  private final boolean acgByYear;

  private MpiSpark(Builder b) {
    this.spark = b.spark;
    this.recipes =
        new Recipes(
            java.util.UUID.randomUUID().toString(),
            Objects.requireNonNull(b.spec, "spec recipe"),
            Objects.requireNonNull(b.effort, "effort recipe"),
            Objects.requireNonNull(b.grouper, "grouper recipe"),
            b.readOptions);
    this.partitions = b.partitions;
    this.driverTally = b.driverTally.copy();
    this.groupedClaims = b.groupedClaims;
    this.columns = Map.copyOf(b.columns);
    this.yearColumn = b.yearColumn;
    this.knownPeriod = Optional.ofNullable(b.studyPeriod);
    this.acgOutput = b.acgOutput;
    this.acgDefaultDay = b.acgDefaultDay;
    this.columnar = b.columnar;
    this.acgByYear = b.acgByYear;
    checkSerializable("spec", recipes.spec());
    checkSerializable("effort", recipes.effort());
    checkSerializable("grouper", recipes.grouper());
    checkSerializable("read options", recipes.options());
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
    private boolean acgByYear;
    private Recipe<ReadOptions> readOptions = ReadOptions::defaults;
    private boolean columnar = true;

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

    /**
     * {@link #acgOutput(Dataset, java.time.LocalDate)} of an annual ACG run when {@code byYear}
     * ({@code AcgOutputReader.byYear()}, {@code mpi compute --acg-by-year}): each row's flags apply
     * to every window of its calendar year (its period a year such as {@code 2009}, a quarter or a
     * date inside it) instead of the one window of its period; without it a bare year is refused,
     * as on one machine.
     */
    public Builder acgOutput(
        Dataset<Row> acgOutput, java.time.LocalDate defaultDay, boolean byYear) {
      acgOutput(acgOutput, defaultDay);
      this.acgByYear = byYear;
      return this;
    }

    /**
     * The layout choices the readers honour ({@code --denied-lines}, {@code --diagnoses}, {@code
     * --county-crosswalk}: {@link ReadOptions}), built on each executor; {@link
     * ReadOptions#defaults()} unless told. {@link #groupedClaims} adds to its {@code
     * claimsTogether}.
     */
    public Builder readOptions(Recipe<ReadOptions> options) {
      this.readOptions = Objects.requireNonNull(options, "options");
      return this;
    }

    /**
     * Whether tidy claims may take the columnar partition fold (default true): each partition's
     * claim rows go from Spark's rows straight into the assembler's columns, in any order (no sort
     * within partitions), the claims dataset shuffled once with only the columns the index reads,
     * or not at all when it is already partitioned by beneficiary. Runs that need claims as records
     * take the row fold whatever this says: {@link #groupedClaims}, a spec with confirmation, a
     * layout other than tidy. The two folds give the same result and accounting; false is for
     * comparing them.
     */
    public Builder columnar(boolean columnar) {
      this.columnar = columnar;
      return this;
    }

    public MpiSpark build() {
      return new MpiSpark(this);
    }
  }

  // ------------------------------------------------------------------------------------ any layout

  /**
   * The column a dataset not read from files may carry to name the source file of each row (its
   * text, e.g. {@code DE1_0_2009_Beneficiary_Summary_File_Sample_1.csv}): a layout that takes
   * something from file names (DE-SynPUF summary years, CCLF delivery dates) reads it there. A
   * dataset read from files names them itself (Spark's {@code _metadata.file_name}); any other
   * dataset is one file named after its table.
   */
  public static final String SOURCE_FILE = "_mpi_source_file";

  /**
   * The index of the tables of any layout: every table keyed by its beneficiary column ({@link
   * InputTable#personColumn()}; the id changed to its final id where the layout says so, {@link
   * InputFormat#idChanges}), each partition read by the layout's own readers from in-memory tables
   * and folded; tables not keyed by beneficiary (an OMOP {@code location}, a CCLF9 crosswalk) are
   * brought to the driver and given whole to every partition (their rows counted once). The study
   * period is the spec's, else {@link Builder#studyPeriod}, else the layout's declared one ({@link
   * InputFormat#studyPeriod(InputFiles, ReadContext)}), else the span of the coverage read, as
   * {@code mpi compute --format} takes it.
   *
   * @throws IllegalArgumentException naming a table the layout does not have
   * @throws MalformedRecordException in strict mode, for the first bad row (naming table, partition
   *     and column); and in any mode for a keyed dataset without its beneficiary column
   */
  public MpiResult compute(SparkInput input) {
    return run(prepare(input, true));
  }

  /** {@link #compute(SparkInput)}'s cells as a dataset reduced on the cluster ({@link CellTable}). */
  public CellTable cells(SparkInput input) {
    return cellTable(prepare(input, true));
  }

  /**
   * The rows of {@code input} the readers reject in lenient mode (file: the table's source file
   * and partition, line: the row's place in that partition's rows), as {@code mpi compute
   * --rejects} lists them; rows of a table every partition holds are listed once.
   */
  public Iterator<MalformedRecordException> rejections(SparkInput input) {
    // the row fold: rejections named by their place among a partition's sorted rows, the same in
    // every run
    return rejections(prepare(input, false));
  }

  /**
   * The study period one assembler would take from {@code input} when the spec declares none:
   * the layout's declared one, else the span of the coverage it accepts, else of the claims'
   * windows; empty when none gives one.
   */
  public Optional<StudyPeriod> studyPeriod(SparkInput input) {
    Inputs in = prepare(input, true);
    Components c = Components.of(recipes);
    return derivePeriod(in, c, byPatient(in, 0));
  }

  // ------------------------------------------------------------------------------------ tidy and
  // DE-SynPUF

  /**
   * The index of tidy-layout datasets (see the class comment for columns and types).
   *
   * @param enrollment may be null
   * @throws MalformedRecordException in strict mode, for the first bad row (naming dataset, partition
   *     and column); and in any mode for a dataset without a required column
   */
  public MpiResult compute(
      Dataset<Row> beneficiaries, Dataset<Row> enrollment, Dataset<Row> claims) {
    return compute(tidyInput(beneficiaries, enrollment, claims));
  }

  /**
   * The cells of the index of tidy-layout datasets as a {@code Dataset}, reduced by cell on the
   * cluster: for group sets too large to bring to the driver (counties by cohort by week). See
   * {@link CellTable} for the columns; its cells are those {@link #compute} returns.
   */
  public CellTable cells(Dataset<Row> beneficiaries, Dataset<Row> enrollment, Dataset<Row> claims) {
    return cells(tidyInput(beneficiaries, enrollment, claims));
  }

  /** {@link #cells} of DE-SynPUF tables ({@link #computeSynpuf}). */
  public CellTable cellsSynpuf(Dataset<Row> summaries, List<Dataset<Row>> claims) {
    return cells(synpufInput(summaries, claims));
  }

  /**
   * The rows of tidy-layout datasets that the readers reject in lenient mode, with file (dataset and
   * partition), line (place in the partition), column, reason and message, as {@code mpi compute
   * --rejects} lists them from files: a second pass over the inputs, streamed to the driver one
   * partition at a time (their counts by reason are in every result's accounting without it).
   */
  public Iterator<MalformedRecordException> rejections(
      Dataset<Row> beneficiaries, Dataset<Row> enrollment, Dataset<Row> claims) {
    return rejections(tidyInput(beneficiaries, enrollment, claims));
  }

  /** {@link #rejections} of DE-SynPUF tables. */
  public Iterator<MalformedRecordException> rejectionsSynpuf(
      Dataset<Row> summaries, List<Dataset<Row>> claims) {
    return rejections(synpufInput(summaries, claims));
  }

  /**
   * The index of CMS DE-SynPUF tables: the Beneficiary Summary rows of one or more years (the year
   * in {@link Builder#yearColumn} or the source file's name) and any number of carrier, outpatient
   * and inpatient claims datasets (told apart by their columns, as in files). The study period is
   * the summaries' years unless the spec declares one, as in {@code mpi compute --format desynpuf}.
   */
  public MpiResult computeSynpuf(Dataset<Row> summaries, List<Dataset<Row>> claims) {
    return compute(synpufInput(summaries, claims));
  }

  /**
   * The study period one assembler would take from these records when the spec declares none: the
   * span of the enrollment records it accepts, else (no enrollment at all) the windows of the claim
   * lines; empty when neither gives one.
   *
   * @param enrollment may be null
   */
  public Optional<StudyPeriod> studyPeriod(Dataset<Row> enrollment, Dataset<Row> claims) {
    Map<String, List<Dataset<Row>>> m = new LinkedHashMap<>();
    if (enrollment != null) {
      m.put(
          TidyFormat.ENROLLMENT.name(),
          List.of(tidy(enrollment, "enrollment", ENROLLMENT_COLUMNS)));
    }
    m.put(TidyFormat.CLAIMS.name(), List.of(tidy(claims, "claims", CLAIM_COLUMNS)));
    return studyPeriod(new SparkInput(TidyFormat::new, m));
  }

  /**
   * The study period of DE-SynPUF summaries, as {@code mpi compute} takes it: 1 January of the
   * first year to 31 December of the last; empty without rows.
   */
  public Optional<StudyPeriod> studyPeriodSynpuf(Dataset<Row> summaries) {
    Dataset<Row> named = withSourceFile(summaries);
    org.apache.spark.sql.expressions.UserDefinedFunction yearOf =
        functions.udf(
            (org.apache.spark.sql.api.java.UDF1<String, Integer>) SynpufBeneficiaryReader::yearOf,
            DataTypes.IntegerType);
    List<Row> years =
        named
            .select(yearOf.apply(functions.col(SOURCE_FILE)).as("y"))
            .agg(functions.min("y"), functions.max("y"))
            .collectAsList();
    if (years.isEmpty() || years.get(0).isNullAt(0)) {
      return Optional.empty();
    }
    return Optional.of(
        StudyPeriod.of(
            LocalDate.of(years.get(0).getInt(0), 1, 1),
            LocalDate.of(years.get(0).getInt(1), 12, 31)));
  }

  private SparkInput tidyInput(
      Dataset<Row> beneficiaries, Dataset<Row> enrollment, Dataset<Row> claims) {
    Objects.requireNonNull(beneficiaries, "beneficiaries");
    Objects.requireNonNull(claims, "claims");
    Map<String, List<Dataset<Row>>> m = new LinkedHashMap<>();
    m.put(
        TidyFormat.BENEFICIARIES.name(),
        List.of(tidy(beneficiaries, "beneficiaries", BENEFICIARY_COLUMNS)));
    if (enrollment != null) {
      m.put(
          TidyFormat.ENROLLMENT.name(),
          List.of(tidy(enrollment, "enrollment", ENROLLMENT_COLUMNS)));
    }
    m.put(TidyFormat.CLAIMS.name(), List.of(tidy(claims, "claims", CLAIM_COLUMNS)));
    return new SparkInput(TidyFormat::new, m);
  }

  /**
   * A tidy dataset with its columns renamed ({@link Builder#column}) to the tidy names; its other
   * columns kept as they are (the index does not read them, but they tell two rows apart: two lines
   * differing only in a line number are not a repeat), except one named as a tidy column that
   * another column is renamed to.
   */
  private Dataset<Row> tidy(Dataset<Row> d, String name, List<String> tidyColumns) {
    List<Column> cols = new ArrayList<>();
    boolean keyed = false;
    java.util.Set<String> renamed = new java.util.HashSet<>();
    java.util.Set<String> taken = new java.util.HashSet<>();
    for (String tidy : tidyColumns) {
      Optional<String> actual = column(d, columns.getOrDefault(tidy, tidy));
      if (actual.isPresent()) {
        cols.add(d.col("`" + actual.get().replace("`", "``") + "`").as(tidy));
        renamed.add(actual.get());
        taken.add(tidy.toLowerCase(Locale.ROOT));
        keyed |= tidy.equals("beneficiary_id");
      }
    }
    if (!keyed) {
      throw new MalformedRecordException(
          ReadRejection.MISSING_COLUMN,
          name,
          1,
          null,
          "no column "
              + columns.getOrDefault("beneficiary_id", "beneficiary_id")
              + " in "
              + String.join(",", d.columns()));
    }
    for (String c : d.columns()) {
      if (!renamed.contains(c)
          && !taken.contains(c.toLowerCase(Locale.ROOT))
          && !c.equals(SOURCE_FILE)) {
        cols.add(d.col("`" + c.replace("`", "``") + "`"));
      }
    }
    cols.add(functions.lit(name).as(SOURCE_FILE));
    return d.select(cols.toArray(new Column[0]));
  }

  private SparkInput synpufInput(Dataset<Row> summaries, List<Dataset<Row>> claims) {
    Objects.requireNonNull(summaries, "summaries");
    DesynpufFormat format = new DesynpufFormat();
    Map<String, List<Dataset<Row>>> m = new LinkedHashMap<>();
    m.put(DesynpufFormat.SUMMARY.name(), List.of(withSourceFile(summaries)));
    int k = 0;
    for (Dataset<Row> c : claims) {
      String name = "claims " + ++k;
      InputTable t =
          format
              .recognise(java.nio.file.Path.of(name), List.of(c.columns()))
              .filter(x -> x.role() == InputTable.Role.CLAIMS)
              .orElseThrow(
                  () ->
                      new MalformedRecordException(
                          ReadRejection.MISSING_COLUMN,
                          name,
                          1,
                          null,
                          "not a DE-SynPUF carrier, inpatient or outpatient table: "
                              + String.join(",", c.columns())));
      m.computeIfAbsent(t.name(), x -> new ArrayList<>()).add(c);
    }
    return new SparkInput(DesynpufFormat::new, m);
  }

  /**
   * The summaries with {@value #SOURCE_FILE}: from the year column ({@code beneficiary summary
   * 2009}, the column dropped), else the file each row was read from.
   */
  private Dataset<Row> withSourceFile(Dataset<Row> summaries) {
    if (column(summaries, SOURCE_FILE).isPresent()) {
      return summaries;
    }
    Optional<String> year = column(summaries, yearColumn);
    if (year.isPresent()) {
      return summaries
          .withColumn(
              SOURCE_FILE,
              functions.concat(
                  functions.lit("beneficiary summary "),
                  functions
                      .col("`" + year.get() + "`")
                      .cast(DataTypes.IntegerType)
                      .cast(DataTypes.StringType)))
          .drop(year.get());
    }
    // the file source's own metadata column names each row's file: a column of the scan, not a
    // thread-local like input_file_name(), which a shared session was seen to attribute rows of one
    // small file to the next one read in the same task
    try {
      return summaries.withColumn(SOURCE_FILE, functions.col("_metadata.file_name"));
    } catch (
        RuntimeException
            e) { // an AnalysisException (checked in Java's eyes, thrown unchecked by Scala)
      // not a plain file scan (the metadata column is gone): input_file_name() right above the
      // scan, the names kept (checkpointed), never re-evaluated inside the union and shuffle
      org.apache.spark.sql.expressions.UserDefinedFunction nameOf =
          functions.udf(
              (org.apache.spark.sql.api.java.UDF1<String, String>)
                  f -> f.substring(f.lastIndexOf('/') + 1),
              DataTypes.StringType);
      return summaries
          .withColumn(SOURCE_FILE, nameOf.asNondeterministic().apply(functions.input_file_name()))
          .localCheckpoint(true);
    }
  }

  // ------------------------------------------------------------------------------------ internals

  /**
   * A computation's input made ready: the layout's recipe, what every partition is given, the
   * keyed rows ({@code s, f, key, cells}), and the driver's reading of the shared tables.
   */
  private record Inputs(
      SparkInput input,
      Recipe<? extends InputFormat> format,
      PartitionInput.Job job,
      List<Dataset<Row>> rows,
      boolean hasShared,
      ColumnarClaims claims) {
    boolean columnar() {
      return claims != null;
    }
  }

  /**
   * The claims of the columnar fold: the rows ({@link SparkTidyClaims} layout) of every claims
   * dataset, each dataset's names of the tidy claim columns, and the partition count when the
   * claims are already partitioned by beneficiary (0: they are shuffled once).
   */
  private record ColumnarClaims(
      Dataset<Row> rows, List<List<String>> headers, int prePartitioned) {}

  private Inputs prepare(SparkInput input, boolean mayBeColumnar) {
    InputFormat format = input.format().get();
    boolean col = mayBeColumnar && columnarFold(format);
    List<Dataset<Row>> claimRows = new ArrayList<>();
    List<List<String>> claimHeaders = new ArrayList<>();
    List<Dataset<Row>> claimInputs = new ArrayList<>();
    java.util.Set<String> known = new java.util.HashSet<>();
    format.tables().forEach(t -> known.add(t.name()));
    for (String name : input.tables().keySet()) {
      if (!known.contains(name)) {
        throw new IllegalArgumentException(
            "the "
                + format.name()
                + " layout has no table '"
                + name
                + "': its tables are "
                + known);
      }
    }
    List<PartitionInput.Source> sources = new ArrayList<>();
    Map<Integer, Map<String, List<List<String>>>> shared = new java.util.HashMap<>();
    java.util.Set<Integer> nonEmpty = new java.util.HashSet<>();
    List<Dataset<Row>> named = new ArrayList<>();
    List<InputTable> tableOf = new ArrayList<>();
    for (InputTable t : format.tables()) {
      List<Dataset<Row>> given = input.tables().getOrDefault(t.name(), List.of());
      for (int i = 0; i < given.size(); i++) {
        Dataset<Row> d = given.get(i);
        String name = t.name() + (given.size() > 1 ? " " + (i + 1) : "");
        Dataset<Row> n = named(d, name);
        if (col && t.role() == InputTable.Role.CLAIMS) {
          // no pass to list the files: the fold names them as it meets them
          claimInputs.add(d);
          claimRows.add(columnarClaims(n, name, claimHeaders));
          continue;
        }
        List<String> header = new ArrayList<>();
        for (String c : d.columns()) {
          if (!c.equals(SOURCE_FILE)) {
            header.add(c);
          }
        }
        List<String> files = new ArrayList<>();
        for (Row r : n.select(SOURCE_FILE).distinct().collectAsList()) {
          files.add(r.isNullAt(0) ? name : r.getString(0));
        }
        java.util.Collections.sort(files);
        if (files.isEmpty()) {
          files.add(name);
        }
        int s = sources.size();
        boolean every = t.personColumn().isEmpty();
        sources.add(
            new PartitionInput.Source(s, t.name(), header, files, every, false, null, false));
        if (every) {
          Map<String, List<List<String>>> byFile = new LinkedHashMap<>();
          for (Row r : n.select(functions.col(SOURCE_FILE), cells(n, header)).collectAsList()) {
            byFile
                .computeIfAbsent(r.isNullAt(0) ? name : r.getString(0), x -> new ArrayList<>())
                .add(new ArrayList<>(r.<String>getList(1)));
          }
          shared.put(s, byFile);
        } else if (!files.isEmpty() && !d.isEmpty()) {
          nonEmpty.add(s);
        }
        named.add(n);
        tableOf.add(t);
      }
    }
    PartitionInput.Job bare = new PartitionInput.Job(sources, shared, nonEmpty);
    Map<String, String> changes = Map.of();
    if (!shared.isEmpty()) {
      PartitionInput driver = new PartitionInput(bare, 0, null, false);
      changes =
          Map.copyOf(
              format.idChanges(driver.files(format), ReadContext.lenient().withTables(driver)));
    }
    List<Dataset<Row>> rows = new ArrayList<>();
    for (int s = 0; s < sources.size(); s++) {
      InputTable t = tableOf.get(s);
      if (t.personColumn().isEmpty()) {
        continue;
      }
      Dataset<Row> n = named.get(s);
      String person = t.personColumn().get();
      String keyName =
          column(n, person)
              .orElseThrow(
                  () ->
                      new MalformedRecordException(
                          ReadRejection.MISSING_COLUMN,
                          t.name(),
                          1,
                          person,
                          "no column " + person + " in " + String.join(",", n.columns())));
      rows.add(
          n.select(
              functions.lit(s).as("s"),
              functions.col(SOURCE_FILE).as("f"),
              finalId(functions.trim(text(n, keyName)), changes).as("key"),
              cells(n, sources.get(s).header()).as("cells"),
              text(n, keyName).as("pk")));
    }
    addAcg(sources, rows);
    ColumnarClaims claims = null;
    if (col) {
      Dataset<Row> all = claimRows.get(0);
      for (int i = 1; i < claimRows.size(); i++) {
        all = all.unionAll(claimRows.get(i));
      }
      int pre = claimInputs.size() == 1 ? partitionedByBeneficiary(claimInputs.get(0)) : 0;
      claims = new ColumnarClaims(all, claimHeaders, pre);
    }
    // the untrimmed id ("pk") puts the people and coverage rows where the claims' own partitioning
    // put each beneficiary; without that, the rows are partitioned by their key and it goes
    boolean byClaims = claims != null && claims.prePartitioned() > 0;
    List<Dataset<Row>> keyedRows = new ArrayList<>();
    for (Dataset<Row> r : rows) {
      keyedRows.add(byClaims ? r : r.drop("pk"));
    }
    return new Inputs(
        input,
        input.format(),
        new PartitionInput.Job(sources, shared, nonEmpty),
        keyedRows,
        !shared.isEmpty(),
        claims);
  }

  /**
   * A physical plan's output partitioning, seen through adaptive execution (its plan before
   * re-optimisation: an explicit partition count is never coalesced) and cached relations.
   */
  private static org.apache.spark.sql.catalyst.plans.physical.Partitioning partitioning(
      org.apache.spark.sql.execution.SparkPlan plan) {
    if (plan instanceof org.apache.spark.sql.execution.adaptive.AdaptiveSparkPlanExec a) {
      return partitioning(a.inputPlan());
    }
    if (plan instanceof org.apache.spark.sql.execution.columnar.InMemoryTableScanExec m) {
      org.apache.spark.sql.catalyst.plans.physical.Partitioning own = m.outputPartitioning();
      return own instanceof org.apache.spark.sql.catalyst.plans.physical.HashPartitioning
          ? own
          : partitioning(m.relation().cachedPlan());
    }
    return plan.outputPartitioning();
  }

  /** Whether {@code format}'s claims may take the columnar fold under this computation's options. */
  private boolean columnarFold(InputFormat format) {
    if (!columnar || groupedClaims || !(format instanceof TidyFormat)) {
      return false;
    }
    Components c = Components.of(recipes);
    return !c.spec.confirmation().enabled() && !c.options.claimsTogether();
  }

  /**
   * A tidy claims dataset as the columnar fold's rows ({@link SparkTidyClaims}): its source index,
   * file, beneficiary key, a hash of the columns the index does not read, and the tidy claim cells
   * as text. Checks the header on the driver as the row reader checks it.
   */
  private static Dataset<Row> columnarClaims(
      Dataset<Row> n, String name, List<List<String>> headers) {
    List<String> header = new ArrayList<>();
    for (String c : n.columns()) {
      if (!c.equals(SOURCE_FILE)) {
        header.add(c);
      }
    }
    // a missing required column fails here, with the row reader's own message
    new org.mpindex.io.TidyCsvReader(
            org.mpindex.core.index.IngestMode.LENIENT,
            org.mpindex.core.index.ClaimDating.SERVICE_FROM)
        .read(
            org.mpindex.core.text.CsvTable.of(
                name, header, java.util.Collections.<List<String>>emptyIterator()),
            org.mpindex.io.TidyCsvReader.CLAIM_ROWS,
            org.mpindex.core.index.RecordSink.each(r -> {}),
            new IngestTally(),
            false);
    List<String> names = new ArrayList<>();
    List<Column> cols = new ArrayList<>();
    cols.add(functions.lit(headers.size()).as("s"));
    cols.add(functions.col(SOURCE_FILE).as("f"));
    String id = column(n, "beneficiary_id").orElseThrow();
    cols.add(functions.trim(text(n, id)).as("key"));
    List<Column> others = new ArrayList<>();
    java.util.Set<String> used = new java.util.HashSet<>();
    List<Column> cells = new ArrayList<>();
    for (int i = 0; i < SparkTidyClaims.COLUMNS.size(); i++) {
      Optional<String> actual = column(n, SparkTidyClaims.COLUMNS.get(i));
      names.add(actual.orElse(null));
      actual.ifPresent(used::add);
      cells.add(
          (actual.isPresent() ? text(n, actual.get()) : functions.lit(null).cast("string"))
              .as("c" + i));
    }
    for (String h : header) {
      if (!used.contains(h)) {
        others.add(text(n, h));
      }
    }
    // the cells the index does not read still tell two rows apart (a line number, say)
    cols.add(
        (others.isEmpty()
                ? functions.lit(null).cast("long")
                : functions.xxhash64(others.toArray(new Column[0])))
            .as("x"));
    cols.addAll(cells);
    headers.add(names);
    return n.select(cols.toArray(new Column[0]));
  }

  /**
   * The partition count of {@code claims} when Spark's plan says it is hash-partitioned by its
   * beneficiary column alone, a text column (a table bucketed by it and read with a bucketed scan,
   * or a dataset repartitioned by it upstream); 0 otherwise.
   */
  static int partitionedByBeneficiary(Dataset<Row> claims) {
    if (column(claims, "beneficiary_id").isEmpty()) {
      return 0;
    }
    org.apache.spark.sql.catalyst.plans.physical.Partitioning p =
        partitioning(claims.queryExecution().executedPlan());
    if (!(p instanceof org.apache.spark.sql.catalyst.plans.physical.HashPartitioning h)
        || h.expressions().size() != 1
        || !(h.expressions().head()
            instanceof org.apache.spark.sql.catalyst.expressions.AttributeReference a)
        || !a.name().equalsIgnoreCase("beneficiary_id")
        || !a.dataType().equals(DataTypes.StringType)) {
      return 0;
    }
    return h.numPartitions();
  }

  /** The beneficiary key: the id, or the final id it changed to. */
  private static Column finalId(Column id, Map<String, String> changes) {
    if (changes.isEmpty()) {
      return id;
    }
    java.util.HashMap<String, String> map = new java.util.HashMap<>(changes);
    org.apache.spark.sql.expressions.UserDefinedFunction to =
        functions.udf(
            (org.apache.spark.sql.api.java.UDF1<String, String>)
                x -> x == null ? null : map.getOrDefault(x, x),
            DataTypes.StringType);
    return to.apply(id);
  }

  /** The dataset with {@value #SOURCE_FILE}: its own, the scan's file names, or {@code name}. */
  private static Dataset<Row> named(Dataset<Row> d, String name) {
    if (column(d, SOURCE_FILE).isPresent()) {
      return d;
    }
    try {
      return d.withColumn(SOURCE_FILE, functions.col("_metadata.file_name"));
    } catch (RuntimeException e) { // not a file scan (AnalysisException, unchecked from Scala)
      return d.withColumn(SOURCE_FILE, functions.lit(name));
    }
  }

  private static Column cells(Dataset<Row> d, List<String> header) {
    List<Column> cells = new ArrayList<>();
    for (String h : header) {
      cells.add(text(d, h));
    }
    return functions.array(cells.toArray(new Column[0]));
  }

  private void addAcg(List<PartitionInput.Source> sources, List<Dataset<Row>> rows) {
    if (acgOutput == null) {
      return;
    }
    String id = null;
    for (String c : List.of("patient_id", "beneficiary_id", "DESYNPUF_ID")) {
      id = id != null ? id : column(acgOutput, c).orElse(null);
    }
    if (id == null) {
      throw new MalformedRecordException(
          ReadRejection.MISSING_COLUMN,
          "ACG output",
          1,
          null,
          "no column patient_id, beneficiary_id or DESYNPUF_ID in "
              + String.join(",", acgOutput.columns()));
    }
    int s = sources.size();
    List<String> header = List.of(acgOutput.columns());
    sources.add(
        new PartitionInput.Source(
            s, "ACG output", header, List.of("ACG output"), false, true, acgDefaultDay, acgByYear));
    rows.add(
        acgOutput.select(
            functions.lit(s).as("s"),
            functions.lit("ACG output").as("f"),
            functions.trim(text(acgOutput, id)).as("key"),
            cells(acgOutput, header).as("cells"),
            text(acgOutput, id).as("pk")));
  }

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

  /** The computation's partition count: the builder's, else Spark's shuffle partitions. */
  private int partitionCount() {
    return partitions > 0 ? partitions : spark.sessionState().conf().numShufflePartitions();
  }

  /**
   * The keyed rows partitioned by beneficiary and sorted within partitions; with {@code n} 0, into
   * {@link #partitionCount()} partitions, or as the claims already are when they are partitioned by
   * beneficiary.
   */
  private Dataset<Row> byPatient(Inputs in, int n) {
    boolean pre = in.columnar() && in.claims().prePartitioned() > 0;
    if (n == 0) {
      n = pre ? in.claims().prePartitioned() : partitionCount();
    }
    Dataset<Row> all;
    if (in.rows().isEmpty()) {
      all =
          spark.createDataFrame(
              List.<Row>of(),
              DataTypes.createStructType(
                  List.of(
                      DataTypes.createStructField("s", DataTypes.IntegerType, false),
                      DataTypes.createStructField("f", DataTypes.StringType, true),
                      DataTypes.createStructField("key", DataTypes.StringType, true),
                      DataTypes.createStructField(
                          "cells", DataTypes.createArrayType(DataTypes.StringType), false),
                      DataTypes.createStructField("pk", DataTypes.StringType, true))));
    } else {
      all = in.rows().get(0);
      for (int i = 1; i < in.rows().size(); i++) {
        all = all.unionAll(in.rows().get(i));
      }
    }
    // within a partition, by table, file, beneficiary and the row's cells (a claim's rows together
    // where its id comes first, as in the tidy and CCLF layouts): a deterministic order whatever
    // the input's
    // with the claims partitioned by their own beneficiary column, the rest by the same hash of the
    // same text: every beneficiary's rows meet in one partition
    return all.repartition(n, functions.col(pre ? "pk" : "key"))
        .sortWithinPartitions(
            functions.col("s"), functions.col("f"), functions.col("key"), functions.col("cells"));
  }

  /** The period of {@code in}: declared by the tables (asked on the driver first), else a pass. */
  private Optional<StudyPeriod> derivePeriod(Inputs in, Components c, Dataset<Row> byPatient) {
    return periods(in, c, byPatient).first();
  }

  /**
   * The study periods the tables of a computation give, as one assembler on one machine would find
   * them, from one pass over the partitions (none when the tables' names declare the period).
   *
   * @param declared the period the layout's tables declare themselves ({@link
   *     InputFormat#studyPeriod(InputFiles, ReadContext)}: the years of DE-SynPUF summary files, the
   *     MBSF reference years of research files); empty for a layout that declares none
   * @param coverage the span of the coverage records read
   * @param claims the span of the claim lines' windows
   */
  public record StudyPeriods(
      Optional<StudyPeriod> declared,
      Optional<StudyPeriod> coverage,
      Optional<StudyPeriod> claims) {
    /** The first there is of the declared period, the coverage's span, the claims' span. */
    public Optional<StudyPeriod> first() {
      return declared.or(() -> coverage).or(() -> claims);
    }
  }

  /** {@link StudyPeriods} of {@code input} (one pass over the partitions unless declared by name). */
  public StudyPeriods studyPeriods(SparkInput input) {
    Inputs in = prepare(input, true);
    return periods(in, Components.of(recipes), byPatient(in, 0));
  }

  private StudyPeriods periods(Inputs in, Components c, Dataset<Row> byPatient) {
    InputFormat format = in.format().get();
    PartitionInput driver = new PartitionInput(in.job(), 0, null, false);
    Optional<StudyPeriod> named =
        format.studyPeriod(
            driver.files(format), ReadContext.lenient().withOptions(c.options).withTables(driver));
    if (named.isPresent()) {
      return new StudyPeriods(named, Optional.empty(), Optional.empty());
    }
    Broadcast<Recipes> shipped =
        JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(recipes);
    try {
      List<long[]> spans =
          byPatient
              .javaRDD()
              .mapPartitionsWithIndex(
                  new PartitionFold.Period(
                      new PartitionFold(shipped, in.format(), in.job(), null, null, false)),
                  true)
              .collect();
      if (in.columnar() && spans.stream().noneMatch(x -> x[0] <= 1)) {
        // no coverage: the claims' windows, which the columnar inputs' people rows do not hold
        Inputs rows = prepare(in.input(), false);
        return periods(rows, c, byPatient(rows, 0));
      }
      List<Optional<StudyPeriod>> byKind = new ArrayList<>();
      for (int kind = 0; kind <= 2; kind++) {
        long from = Long.MAX_VALUE;
        long to = Long.MIN_VALUE;
        for (long[] s : spans) {
          if (s[0] == kind) {
            from = Math.min(from, s[1]);
            to = Math.max(to, s[2]);
          }
        }
        byKind.add(
            from <= to
                ? Optional.of(StudyPeriod.of(LocalDate.ofEpochDay(from), LocalDate.ofEpochDay(to)))
                : Optional.empty());
      }
      return new StudyPeriods(byKind.get(0), byKind.get(1), byKind.get(2));
    } catch (Exception e) {
      throw unwrap(e);
    } finally {
      shipped.destroy();
    }
  }

  private Fold fold(Inputs in) {
    Components c = Components.of(recipes);
    Dataset<Row> byPatient = byPatient(in, 0);
    Optional<StudyPeriod> period =
        c.spec.studyPeriod().isPresent()
            ? c.spec.studyPeriod()
            : knownPeriod.isPresent() ? knownPeriod : derivePeriod(in, c, byPatient);
    Broadcast<Recipes> shipped =
        JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(recipes);
    IngestTally shared = null;
    if (in.hasShared()) {
      // what the tables every partition holds count when read alone: subtracted from every
      // partition but the first, so that their rows are counted once
      shared =
          new PartitionFold(
                  shipped, in.format(), in.job(), null, period.orElse(null), groupedClaims)
              .read(0, null, e -> {})
              .tally()
              .copy();
    }
    PartitionFold function =
        new PartitionFold(
            shipped,
            in.format(),
            in.job(),
            shared,
            period.orElse(null),
            groupedClaims,
            in.columnar() ? in.claims().headers() : null);
    JavaRDD<IndexPartial> partials;
    if (in.columnar()) {
      // the claims shuffled once by beneficiary (or not at all), never sorted; zipped partition by
      // partition with the people and coverage rows, hash-partitioned alike
      Dataset<Row> claims = in.claims().rows();
      if (in.claims().prePartitioned() == 0) {
        claims = claims.repartition(partitionCount(), functions.col("key"));
      }
      JavaRDD<org.apache.spark.sql.catalyst.InternalRow> claimRows =
          claims.queryExecution().toRdd().toJavaRDD();
      JavaRDD<Row> people = byPatient.javaRDD();
      if (claimRows.getNumPartitions() != people.getNumPartitions()) {
        throw new IllegalStateException(
            "claims in "
                + claimRows.getNumPartitions()
                + " partitions, people in "
                + people.getNumPartitions()
                + ": Spark changed a partition count (adaptive execution?)");
      }
      partials = people.zipPartitions(claimRows, new PartitionFold.Columnar(function));
    } else {
      partials = byPatient.javaRDD().mapPartitionsWithIndex(function, true);
    }
    return new Fold(partials, shipped, c, period, byPatient, function);
  }

  private Iterator<MalformedRecordException> rejections(Inputs in) {
    Fold f = fold(in);
    JavaRDD<MalformedRecordException> out =
        f.byPatient()
            .javaRDD()
            .mapPartitionsWithIndex(new PartitionFold.Rejections(f.function()), true);
    return out.toLocalIterator();
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

  /**
   * What a run with side-by-side cohorts or side indices gives: the index, each cohort's index (by
   * name, the spec's order; empty without) and the side indices' merged partials ({@link
   * SideIndices.Partials#none()} without).
   */
  record Everything(
      MpiResult result,
      Map<String, MpiResult> cohorts,
      org.mpindex.cli.SideIndices.Partials side) {}

  /**
   * {@link #compute(SparkInput)} with the spec's side-by-side cohorts and {@code sides}' side
   * indices (null for none) from the same single pass over the partitions ({@link FullFold}).
   */
  Everything computeEverything(SparkInput input, FullFold.Sides sides) {
    // the row fold: the side indices take records
    Fold f = fold(prepare(input, false));
    FullFold.Partials merged;
    try {
      merged =
          f.byPatient()
              .javaRDD()
              .mapPartitionsWithIndex(new FullFold(f.function(), sides), true)
              .treeReduce(FullFold.Partials::merge);
    } catch (Exception e) { // Spark throws its checked SparkException from Scala code
      throw unwrap(e);
    } finally {
      f.shipped().destroy();
    }
    IndexAssembler reader = f.reader();
    Map<String, IndexPartial> cohorts = merged.cohorts();
    if (f.period().isPresent() && !driverTally.snapshot().equals(new IngestTally().snapshot())) {
      // each cohort's accounting holds the driver's records too, as the index's does
      IndexAssembler driver = f.reader();
      driver.tally().addAll(driverTally);
      driver.cohortPartials(1).forEach((name, p) -> cohorts.get(name).merge(p));
    }
    return new Everything(
        reader.result(withDriverAccounting(merged.main(), f)),
        reader.cohortResults(cohorts),
        merged.side());
  }

  /** {@code merged} with the driver's records (an empty partial holding only their tally). */
  private IndexPartial withDriverAccounting(IndexPartial merged, Fold f) {
    if (f.period().isEmpty() || driverTally.snapshot().equals(new IngestTally().snapshot())) {
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

  /** The recipes of a computation, broadcast once; {@code id} keys the executors' cache. */
  record Recipes(
      String id,
      Recipe<MpiSpec> spec,
      Recipe<? extends EffortCalculator> effort,
      Recipe<? extends BurdenGrouper> grouper,
      Recipe<ReadOptions> options)
      implements Serializable {}

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
    final ReadOptions options;

    private Components(Recipes r) {
      this.spec = Objects.requireNonNull(r.spec().get(), "the spec recipe gave null");
      this.effort = Objects.requireNonNull(r.effort().get(), "the effort recipe gave null");
      this.grouper = Objects.requireNonNull(r.grouper().get(), "the grouper recipe gave null");
      this.options = Objects.requireNonNull(r.options().get(), "the read options recipe gave null");
    }

    static Components of(Recipes r) {
      synchronized (BUILT) {
        return BUILT.computeIfAbsent(r.id(), id -> new Components(r));
      }
    }
  }
}
