package org.mpindex.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mpindex.core.index.IndexCell;
import org.mpindex.core.index.IngestMode;
import org.mpindex.core.index.IngestTally;
import org.mpindex.core.index.MpiResult;
import org.mpindex.core.index.MpiSpec;
import org.mpindex.core.index.StudyPeriod;
import org.mpindex.core.spi.MalformedRecordException;
import org.mpindex.io.TidyCsvReader;
import org.mpindex.testkit.PaperScaleWorkload;

/**
 * Spark gives the numbers of one machine, bit for bit: every cell, the study period and the
 * accounting, for 1, 2, 7 and 64 partitions, shuffled input, Parquet with typed columns, DE-SynPUF
 * tables, hostile rows, a skewed patient and retried tasks.
 */
class MpiSparkTest {
  static final MpiSpark.Recipe<MpiSpec> PAPER = () -> MpiSpec.PARENTE_2011;
  static SparkSession spark;
  @TempDir static Path tmp;
  static Path tidy;
  static MpiResult expected;

  @BeforeAll
  static void setUp() {
    spark = LocalSpark.session();
    tidy = tmp.resolve("tidy");
    PaperScaleWorkload.generate(12, 2_000).writeTidy(tidy);
    expected = Fixtures.oneMachine(tidy, MpiSpec.PARENTE_2011);
  }

  /**
   * A copy of the generated files in {@code tmp/name}, with the claim lines edited by {@code edit}
   * (and without enrollment when {@code enrollment} is false).
   */
  static Path variant(
      String name, boolean enrollment, java.util.function.Consumer<List<String>> edit)
      throws IOException {
    Path dir = tmp.resolve(name);
    Files.createDirectories(dir);
    Files.copy(tidy.resolve("beneficiaries.csv"), dir.resolve("beneficiaries.csv"));
    if (enrollment) {
      Files.copy(tidy.resolve("enrollment.csv"), dir.resolve("enrollment.csv"));
    }
    List<String> lines = new ArrayList<>(Files.readAllLines(tidy.resolve("claims.csv")));
    edit.accept(lines);
    Files.write(dir.resolve("claims.csv"), lines);
    return dir;
  }

  static Dataset<Row> csv(Path file) {
    return spark.read().option("header", "true").csv(file.toString());
  }

  static MpiResult onSpark(Path dir, int partitions, MpiSpark.Recipe<MpiSpec> spec) {
    return MpiSpark.on(spark)
        .spec(spec)
        .effort(Fixtures.EFFORT)
        .grouper(Fixtures.GROUPER)
        .partitions(partitions)
        .build()
        .compute(
            csv(dir.resolve("beneficiaries.csv")),
            Files.exists(dir.resolve("enrollment.csv")) ? csv(dir.resolve("enrollment.csv")) : null,
            csv(dir.resolve("claims.csv")));
  }

  @Test
  void theReferenceIsNotEmpty() {
    // guards every equality below against comparing two empty results
    // 2011-2013 (the enrollment's span) is 12 quarters; with a lag of one, 11 have an index
    assertEquals(11, expected.windows().size(), expected.windows().toString());
    assertTrue(
        expected.national().stream().allMatch(c -> c.patients() > 500),
        expected.national().toString());
    assertTrue(expected.accounting().balanced());
    assertTrue(expected.groupCells().size() > 9 * 40, "states per window");
  }

  @Test
  void sameBitsFor1_2_7_64Partitions() {
    for (int n : new int[] {1, 2, 7, 64}) {
      MpiResult r = onSpark(tidy, n, PAPER);
      assertEquals(expected, r, "partitions: " + n);
    }
  }

  @Test
  void bootstrapIntervalsAndStandardisationAreTheSameOnSpark() {
    // the Poisson bootstrap's weights depend on seed, patient and replicate only, and stratum sums
    // merge exactly: any partitioning gives one machine's intervals and standardised values
    MpiSpark.Recipe<MpiSpec> spec =
        () ->
            MpiSpec.PARENTE_2011.toBuilder()
                .intervals(org.mpindex.core.index.Intervals.bootstrapBca(200, 5))
                .standardisation(org.mpindex.core.index.Standardisation.nationalPopulation())
                .build();
    MpiResult one = Fixtures.oneMachine(tidy, spec.get());
    assertEquals(
        org.mpindex.core.index.IntervalMethod.BOOTSTRAP_BCA,
        one.national().get(3).intervalMethod());
    assertTrue(one.nationalSeries().points().get(3).changeFromPreviousInterval().present());
    assertTrue(one.standardised(one.windows().get(3), "US").isPresent());
    for (int n : new int[] {1, 7}) {
      assertEquals(one, onSpark(tidy, n, spec), "partitions: " + n);
    }
  }

  @Test
  void shuffledInputAndSparkDefaultPartitions() {
    Dataset<Row> claims = csv(tidy.resolve("claims.csv")).orderBy(functions.rand(7)).repartition(5);
    Dataset<Row> people = csv(tidy.resolve("beneficiaries.csv")).orderBy(functions.rand(8));
    MpiResult r =
        MpiSpark.compute(
            spark,
            people,
            csv(tidy.resolve("enrollment.csv")).orderBy(functions.rand(9)),
            claims,
            () -> MpiSpec.PARENTE_2011,
            Fixtures.EFFORT,
            Fixtures.GROUPER);
    assertEquals(expected, r);
  }

  @Test
  void parquetWithTypedColumnsAndRenamedColumns() {
    Path pq = tmp.resolve("parquet");
    // dates as DATE, diagnoses as ARRAY<STRING>, the id column under a payer's name
    csv(tidy.resolve("beneficiaries.csv"))
        .withColumnRenamed("beneficiary_id", "member_id")
        .withColumn("birth_date", functions.to_date(functions.col("birth_date")))
        .withColumn("death_date", functions.to_date(functions.col("death_date")))
        .write()
        .parquet(pq.resolve("b").toString());
    csv(tidy.resolve("enrollment.csv"))
        .withColumnRenamed("beneficiary_id", "member_id")
        .withColumn("start_date", functions.to_date(functions.col("start_date")))
        .withColumn("end_date", functions.to_timestamp(functions.col("end_date")))
        .write()
        .parquet(pq.resolve("e").toString());
    csv(tidy.resolve("claims.csv"))
        .withColumnRenamed("beneficiary_id", "member_id")
        .withColumn("from_date", functions.to_date(functions.col("from_date")))
        .withColumn("diagnoses", functions.split(functions.col("diagnoses"), "\\|"))
        .write()
        .parquet(pq.resolve("c").toString());
    MpiResult r =
        MpiSpark.on(spark)
            .spec(() -> MpiSpec.PARENTE_2011)
            .effort(Fixtures.EFFORT)
            .grouper(Fixtures.GROUPER)
            .column("beneficiary_id", "member_id")
            .partitions(3)
            .build()
            .compute(
                spark.read().parquet(pq.resolve("b").toString()),
                spark.read().parquet(pq.resolve("e").toString()),
                spark.read().parquet(pq.resolve("c").toString()));
    assertEquals(expected, r);
  }

  @Test
  void declaredStudyPeriodAndNoEnrollment() throws IOException {
    Path dir = variant("noenrollment", false, lines -> {});
    // the claims' windows give the study period, as on one machine
    assertEquals(Fixtures.oneMachine(dir, MpiSpec.PARENTE_2011), onSpark(dir, 3, PAPER));
    MpiSpark.Recipe<MpiSpec> declared =
        () ->
            MpiSpec.PARENTE_2011.toBuilder()
                .studyPeriod(StudyPeriod.of(LocalDate.of(2011, 4, 1), LocalDate.of(2012, 12, 31)))
                .build();
    MpiResult one = Fixtures.oneMachine(tidy, declared.get());
    assertEquals(one, onSpark(tidy, 7, declared));
    assertEquals(6, one.windows().size());
  }

  @Test
  void hostileRowsAreCountedAsOnOneMachine() throws IOException {
    Path dir = tmp.resolve("hostile");
    Files.createDirectories(dir);
    Files.copy(tidy.resolve("enrollment.csv"), dir.resolve("enrollment.csv"));
    List<String> people = new ArrayList<>(Files.readAllLines(tidy.resolve("beneficiaries.csv")));
    people.set(3, people.get(3).replaceFirst(",\\d{4}-", ",19x-")); // bad birth date
    people.add(people.get(5)); // exact duplicate record
    people.set(7, people.get(7).replace(",M,", ",Q,").replace(",F,", ",Q,")); // bad sex
    Files.write(dir.resolve("beneficiaries.csv"), people);
    List<String> lines = new ArrayList<>(Files.readAllLines(tidy.resolve("claims.csv")));
    lines.set(
        10, lines.get(10).replaceFirst(",2\\d{3}-\\d\\d-\\d\\d,", ",2011-13-45,")); // bad date
    lines.set(
        20, lines.get(20).replaceFirst(",icd9,", ",icd9,XYZ|")); // invalid diagnosis, kept row
    lines.set(30, lines.get(30).replaceFirst("^C\\d+,[^,]+,", "C30,,")); // no beneficiary id
    lines.set(40, lines.get(40).replaceFirst(",icd9,", ",icd11,")); // bad code system
    lines.add(51, lines.get(50)); // duplicate row of its claim, next to it (as files have them)
    lines.add("C9,B-nobody,2012-02-02,99213,icd9,4019"); // no beneficiary record
    Files.write(dir.resolve("claims.csv"), lines);
    MpiResult one = Fixtures.oneMachine(dir, MpiSpec.PARENTE_2011);
    assertTrue(one.accounting().toString().contains("bad date"), one.accounting().toString());
    assertTrue(one.accounting().balanced());
    for (int n : new int[] {1, 7}) {
      MpiResult r = onSpark(dir, n, PAPER);
      assertEquals(one.accounting().summary(100), r.accounting().summary(100), "partitions " + n);
      assertEquals(one.national(), r.national(), "partitions " + n);
      assertEquals(one.groupCells(), r.groupCells(), "partitions " + n);
      assertEquals(one, r, "partitions " + n);
    }
  }

  @Test
  void aRepeatedRowOfAClaimIsCountedOnceWhereverItIs() throws IOException {
    // a file reader streams: it sees a repeat only next to its claim's rows. On Spark the rows of a
    // claim always come together, so a repeat anywhere in the input is counted once, by reason.
    Path dir = variant("repeat", true, lines -> lines.add(lines.get(50)));
    MpiResult r = onSpark(dir, 3, PAPER);
    assertEquals(
        1L,
        r.accounting()
            .of(TidyCsvReader.CLAIM_ROWS)
            .rejected(org.mpindex.core.text.CsvTable.DUPLICATE_ROW));
    assertEquals(expected.national(), r.national());
    assertEquals(expected.groupCells(), r.groupCells());
  }

  @Test
  void theColumnarAndTheRowFoldAgreeOnHostileRowsInAnyOrder() throws IOException {
    // hostile rows, a repeat far from its claim, and a line-number column the index does not read
    // (two rows differing only there are two lines, not a repeat)
    Path dir =
        variant(
            "columnar-vs-rows",
            true,
            lines -> {
              lines.set(10, lines.get(10).replaceFirst(",2\\d{3}-\\d\\d-\\d\\d,", ",2011-13-45,"));
              lines.set(30, lines.get(30).replaceFirst("^C\\d+,[^,]+,", "C30,,"));
              lines.add("C9,B-nobody,2012-02-02,99213,icd9,4019");
              for (int i = 0; i < lines.size(); i++) {
                lines.set(i, lines.get(i) + "," + (i == 0 ? "line_num" : String.valueOf(i)));
              }
              lines.add(lines.get(50)); // a repeat (line number too), far from its claim
              lines.add(lines.get(60).replaceFirst(",[^,]*$", ",9999")); // same cells, other line
            });
    Dataset<Row> claims = csv(dir.resolve("claims.csv")).orderBy(functions.rand(7)).repartition(5);
    // the row fold on 4 partitions, the columnar fold on 64
    MpiResult rows = hostile(dir, claims, false, 4);
    assertEquals(rows, hostile(dir, claims, true, 64));
    var counts = rows.accounting().of(TidyCsvReader.CLAIM_ROWS);
    assertEquals(1L, counts.rejected(org.mpindex.core.text.CsvTable.DUPLICATE_ROW));
    assertTrue(counts.rejectedTotal() >= 3, counts.toString());
  }

  private static MpiResult hostile(Path dir, Dataset<Row> claims, boolean columnar, int n) {
    return MpiSpark.on(spark)
        .spec(PAPER)
        .effort(Fixtures.EFFORT)
        .grouper(Fixtures.GROUPER)
        .partitions(n)
        .columnar(columnar)
        .build()
        .compute(csv(dir.resolve("beneficiaries.csv")), csv(dir.resolve("enrollment.csv")), claims);
  }

  @Test
  void claimsPartitionedByBeneficiaryAreNotShuffledAgain() {
    Dataset<Row> plain = csv(tidy.resolve("claims.csv"));
    assertEquals(0, MpiSpark.partitionedByBeneficiary(plain));
    Dataset<Row> byId = plain.repartition(6, functions.col("beneficiary_id")).cache();
    assertEquals(6, MpiSpark.partitionedByBeneficiary(byId));
    // partitioned by something else, or by the id and more: shuffled as any input
    assertEquals(
        0, MpiSpark.partitionedByBeneficiary(plain.repartition(6, functions.col("claim_id"))));
    assertEquals(
        0,
        MpiSpark.partitionedByBeneficiary(
            plain.repartition(6, functions.col("beneficiary_id"), functions.col("claim_id"))));
    MpiResult r =
        MpiSpark.on(spark)
            .spec(PAPER)
            .effort(Fixtures.EFFORT)
            .grouper(Fixtures.GROUPER)
            .partitions(3) // ignored: the claims' own 6 partitions are kept
            .build()
            .compute(
                csv(tidy.resolve("beneficiaries.csv")), csv(tidy.resolve("enrollment.csv")), byId);
    assertEquals(expected, r);
    byId.unpersist();
  }

  @Test
  void aTableBucketedByBeneficiaryIsReadWithoutAShuffle() {
    String table = "mpi_claims_bucketed";
    String was = spark.conf().get("spark.sql.sources.bucketing.autoBucketedScan.enabled");
    try {
      csv(tidy.resolve("claims.csv"))
          .write()
          .bucketBy(4, "beneficiary_id")
          .option("path", tmp.resolve("bucketed").toString())
          .mode("overwrite")
          .saveAsTable(table);
      // a bucketed scan even for a plain read (Spark skips it by default where no join or
      // aggregate uses it)
      spark.conf().set("spark.sql.sources.bucketing.autoBucketedScan.enabled", "false");
      Dataset<Row> claims = spark.table(table);
      assertEquals(4, MpiSpark.partitionedByBeneficiary(claims));
      MpiResult r = onSparkWith(claims, 0);
      assertEquals(expected, r);
    } finally {
      spark.conf().set("spark.sql.sources.bucketing.autoBucketedScan.enabled", was);
      spark.sql("DROP TABLE IF EXISTS " + table);
    }
  }

  private static MpiResult onSparkWith(Dataset<Row> claims, int partitions) {
    return MpiSpark.on(spark)
        .spec(PAPER)
        .effort(Fixtures.EFFORT)
        .grouper(Fixtures.GROUPER)
        .partitions(partitions)
        .build()
        .compute(
            csv(tidy.resolve("beneficiaries.csv")), csv(tidy.resolve("enrollment.csv")), claims);
  }

  @Test
  void strictModeRethrowsTheReadersErrorOnTheDriver() throws IOException {
    Path dir =
        variant(
            "strict",
            true,
            lines ->
                lines.set(
                    10, lines.get(10).replaceFirst(",2\\d{3}-\\d\\d-\\d\\d,", ",2011-13-45,")));
    MpiSpark.Recipe<MpiSpec> strict =
        () -> MpiSpec.PARENTE_2011.toBuilder().ingestMode(IngestMode.STRICT).build();
    MalformedRecordException e =
        assertThrows(MalformedRecordException.class, () -> onSpark(dir, 2, strict));
    assertEquals("bad date (from_date)", e.reason().text());
    assertTrue(e.getMessage().contains("claims (partition"), e.getMessage());
    assertTrue(e.getMessage().contains("2011-13-45"), e.getMessage());
  }

  @Test
  void aMissingColumnNamesTheDataset() {
    Dataset<Row> claims = csv(tidy.resolve("claims.csv")).drop("from_date");
    MalformedRecordException e =
        assertThrows(
            MalformedRecordException.class,
            () ->
                MpiSpark.compute(
                    spark,
                    csv(tidy.resolve("beneficiaries.csv")),
                    csv(tidy.resolve("enrollment.csv")),
                    claims,
                    () -> MpiSpec.PARENTE_2011,
                    Fixtures.EFFORT,
                    Fixtures.GROUPER));
    assertTrue(
        e.getMessage().contains("from_date") && e.getMessage().contains("claims"), e.getMessage());
  }

  @Test
  void aSkewedPatientWithManyLines() throws IOException {
    String id = PaperScaleWorkload.id(17);
    Path dir =
        variant(
            "skew",
            true,
            lines -> {
              for (int i = 0; i < 60_000; i++) {
                lines.add(
                    "S"
                        + i
                        + ","
                        + id
                        + ","
                        + LocalDate.of(2011, 1, 1).plusDays(i % 1095)
                        + ",99213,icd9,4019|25000");
              }
            });
    assertEquals(Fixtures.oneMachine(dir, MpiSpec.PARENTE_2011), onSpark(dir, 7, PAPER));
  }

  @Test
  void retriedTasksGiveTheSameBits() {
    // the grouper fails the first attempt of every task that folds claims; Spark retries it
    MpiResult r =
        MpiSpark.on(spark)
            .spec(() -> MpiSpec.PARENTE_2011)
            .effort(Fixtures.EFFORT)
            .grouper(() -> new FlakyGrouper(Fixtures.GROUPER.get()))
            .partitions(3)
            .build()
            .compute(
                csv(tidy.resolve("beneficiaries.csv")),
                csv(tidy.resolve("enrollment.csv")),
                csv(tidy.resolve("claims.csv")));
    assertTrue(
        FlakyGrouper.failures.get() >= 3, "failures injected: " + FlakyGrouper.failures.get());
    assertEquals(expected.national(), r.national());
    assertEquals(expected.groupCells(), r.groupCells());
    assertEquals(expected.accounting(), r.accounting());
  }

  @Test
  void deSynpufTablesAsFromFiles() {
    Path dir = tmp.resolve("synpuf");
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    String base = "synpuf/DE1_0_";
    List<Path> summaries =
        List.of(
            Fixtures.copyResource(base + "2008_Beneficiary_Summary_File_Sample_1.csv", dir),
            Fixtures.copyResource(base + "2009_Beneficiary_Summary_File_Sample_1.csv", dir));
    List<Path> claims =
        List.of(
            Fixtures.copyResource(base + "2008_to_2010_Carrier_Claims_Sample_1A.csv", dir),
            Fixtures.copyResource(base + "2008_to_2010_Inpatient_Claims_Sample_1.csv", dir),
            Fixtures.copyResource(base + "2008_to_2010_Outpatient_Claims_Sample_1.csv", dir));
    MpiSpark.Recipe<MpiSpec> spec =
        () ->
            MpiSpec.PARENTE_2011.toBuilder()
                .studyPeriod(StudyPeriod.of(LocalDate.of(2008, 1, 1), LocalDate.of(2009, 12, 31)))
                .minimumEligibleWindows(1)
                .build();
    MpiResult one = Fixtures.oneMachineSynpuf(summaries, claims, spec.get());
    assertTrue(one.accounting().toString().contains("DE-SynPUF"), one.accounting().toString());
    for (int n : new int[] {1, 2, 7, 64}) {
      List<Dataset<Row>> c = new ArrayList<>();
      claims.forEach(f -> c.add(csv(f)));
      // the year comes from the file names, as mpi compute takes it
      Dataset<Row> s =
          spark
              .read()
              .option("header", "true")
              .csv(summaries.get(0).toString(), summaries.get(1).toString());
      MpiResult r =
          MpiSpark.on(spark)
              .spec(spec)
              .effort(Fixtures.EFFORT)
              .grouper(Fixtures.GROUPER)
              .partitions(n)
              .build()
              .computeSynpuf(s, c);
      assertEquals(one.accounting().summary(100), r.accounting().summary(100), "partitions " + n);
      assertEquals(one, r, "partitions " + n);
    }
    // and with the years of the summaries as the study period (the spec declares none)
    MpiSpark.Recipe<MpiSpec> open =
        () -> MpiSpec.PARENTE_2011.toBuilder().minimumEligibleWindows(1).build();
    List<Dataset<Row>> c = new ArrayList<>();
    claims.forEach(f -> c.add(csv(f)));
    Dataset<Row> s =
        csv(summaries.get(0))
            .withColumn("YEAR", functions.lit(2008))
            .unionByName(csv(summaries.get(1)).withColumn("YEAR", functions.lit(2009)));
    MpiResult r =
        MpiSpark.on(spark)
            .spec(open)
            .effort(Fixtures.EFFORT)
            .grouper(Fixtures.GROUPER)
            .partitions(2)
            .build()
            .computeSynpuf(s, c);
    assertEquals(one.national(), r.national());
    assertEquals(one.groupCells(), r.groupCells());
    assertEquals(one.accounting(), r.accounting());
  }

  /** The README's recipe: reference files of your own travel as bytes inside the recipe. */
  static org.mpindex.core.spi.EffortCalculator fromBytes(java.util.Map<Integer, byte[]> files) {
    List<org.mpindex.rbrvs.RvuRelease> releases = new ArrayList<>();
    files.forEach(
        (year, bytes) ->
            releases.add(
                org.mpindex.rbrvs.RvuFileReader.strict()
                    .release("RVU" + (year % 100) + "A", LocalDate.of(year, 1, 1))
                    .read(
                        "PPRRVU" + (year % 100) + ".csv",
                        new java.io.InputStreamReader(
                            new java.io.ByteArrayInputStream(bytes),
                            org.mpindex.rbrvs.RvuFileReader.CMS_CHARSET))
                    .release()));
    return org.mpindex.rbrvs.WorkRvuCalculator.of(org.mpindex.rbrvs.RvuSchedule.of(releases));
  }

  @Test
  void aRecipeCarriesReferenceFilesAsBytes() throws IOException {
    // the CMS files of 2011-2013 given as a user's own files (bytes read on the driver): the same
    // numbers as the bundled releases, which are the same CMS files
    java.util.Map<Integer, byte[]> files = new java.util.TreeMap<>();
    for (int year = 2011; year <= 2013; year++) {
      try (var in =
          new java.util.zip.GZIPInputStream(
              org.mpindex.rbrvs.RvuSchedule.class.getResourceAsStream(
                  "/org/mpindex/rbrvs/data/pprrvu-" + year + ".csv.gz"))) {
        files.put(year, in.readAllBytes());
      }
    }
    MpiResult r =
        MpiSpark.on(spark)
            .spec(PAPER)
            .effort(() -> fromBytes(files))
            .grouper(Fixtures.GROUPER)
            .partitions(3)
            .build()
            .compute(
                csv(tidy.resolve("beneficiaries.csv")),
                csv(tidy.resolve("enrollment.csv")),
                csv(tidy.resolve("claims.csv")));
    assertEquals(expected.national(), r.national());
    assertEquals(expected.groupCells(), r.groupCells());
    assertEquals(expected.accounting(), r.accounting());
  }

  /** A cell as the cell table's row gives it, for comparing with a row. */
  static List<Object> asRow(IndexCell c, boolean national) {
    List<Object> v =
        new ArrayList<>(
            List.of(
                c.window().label(),
                java.sql.Date.valueOf(c.window().start()),
                java.sql.Date.valueOf(c.window().end()),
                national,
                c.group(),
                c.patients(),
                c.mpi(),
                c.meanHealth(),
                c.meanEffort(),
                c.standardError(),
                c.ciLow(),
                c.ciHigh(),
                c.candidates(),
                c.effortIncomplete()));
    for (org.mpindex.core.index.ExclusionReason r :
        org.mpindex.core.index.ExclusionReason.values()) {
      v.add(c.exclusions().getOrDefault(r, 0L));
    }
    return v;
  }

  @Test
  void theCellTableHoldsTheResultsCellsReducedOnTheCluster() {
    java.util.Set<List<Object>> want = new java.util.HashSet<>();
    expected.national().forEach(c -> want.add(asRow(c, true)));
    expected.groupCells().forEach(c -> want.add(asRow(c, false)));
    for (int n : new int[] {1, 7}) {
      try (CellTable t =
          MpiSpark.on(spark)
              .spec(PAPER)
              .effort(Fixtures.EFFORT)
              .grouper(Fixtures.GROUPER)
              .partitions(n)
              .build()
              .cells(
                  csv(tidy.resolve("beneficiaries.csv")),
                  csv(tidy.resolve("enrollment.csv")),
                  csv(tidy.resolve("claims.csv")))) {
        assertEquals(expected.accounting(), t.accounting());
        assertEquals(expected.windows(), t.windows());
        assertEquals(expected.studyPeriod(), t.studyPeriod());
        java.util.Set<List<Object>> got = new java.util.HashSet<>();
        for (Row r : t.cells().collectAsList()) {
          List<Object> v = new ArrayList<>();
          for (int i = 0; i < r.size(); i++) {
            v.add(r.get(i));
          }
          got.add(v);
        }
        // Double.equals: bit for bit, NaN equal to NaN
        assertEquals(want, got, "partitions " + n);
        assertEquals(expected.national().size() + expected.groupCells().size(), t.cells().count());
        assertEquals(
            expected.groupCells().stream().mapToLong(IndexCell::patients).sum(),
            t.cells().where("not national").agg(functions.sum("patients")).first().getLong(0));
      }
    }
  }

  static long readOf(MpiResult r, org.mpindex.core.spi.RecordKind kind) {
    return r.accounting().of(kind).read();
  }

  @Test
  void everyRowIsAccountedFor() {
    MpiResult r = onSpark(tidy, 2, PAPER);
    long rows = csv(tidy.resolve("claims.csv")).count();
    assertEquals(rows, readOf(r, TidyCsvReader.CLAIM_ROWS));
    assertEquals(rows, readOf(r, IngestTally.CLAIM_LINES));
    assertTrue(r.accounting().balanced());
    for (IndexCell c : r.national()) {
      assertTrue(c.patients() > 0);
    }
  }
}
