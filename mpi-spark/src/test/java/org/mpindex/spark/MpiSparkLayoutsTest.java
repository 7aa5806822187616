package org.mpindex.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.mpindex.core.index.IndexAssembler;
import org.mpindex.core.index.IngestMode;
import org.mpindex.core.index.MpiResult;
import org.mpindex.core.index.MpiSpec;
import org.mpindex.core.index.RecordSink;
import org.mpindex.io.input.InputFiles;
import org.mpindex.io.input.InputFormat;
import org.mpindex.io.input.InputFormats;
import org.mpindex.io.input.ReadContext;

/**
 * The layouts beyond tidy and DE-SynPUF on Spark ({@link MpiSpark#compute(SparkInput)}): the RIF
 * (BFD samples), CCLF (an ACO delivery with MBI changes) and OMOP (ETL-CMS) fixtures of mpi-io give,
 * on 1 and 3 partitions, the result one assembler gives reading the same files with the same
 * {@link InputFormat}, every cell and the accounting.
 */
class MpiSparkLayoutsTest {
  private static final Path FIXTURES = Path.of("../mpi-io/src/test/resources/fixtures");

  /** The spec of every run here (a method: its reference is the recipe). */
  static MpiSpec spec() {
    return MpiSpec.PARENTE_2011.toBuilder()
        .ingestMode(IngestMode.LENIENT)
        .minimumEligibleWindows(1)
        .build();
  }

  private final SparkSession spark = LocalSpark.session();

  /** One machine: the layout's readers into one assembler, in mpi compute's order. */
  static MpiResult oneMachine(InputFiles files, MpiSpec spec) {
    InputFormat format = files.format();
    IndexAssembler a = IndexAssembler.create(spec, Fixtures.EFFORT.get(), Fixtures.GROUPER.get());
    spec.studyPeriod().or(() -> format.studyPeriod(files)).ifPresent(a::fixStudyPeriod);
    RecordSink sink = RecordSink.into(a);
    ReadContext people =
        new ReadContext(
            spec.ingestMode(), a.tally(), e -> {}, spec.claimDating(), ReadContext.NOBODY_YET);
    format.readPeople(files, people, sink);
    ReadContext known = people.withBeneficiaries(a::beneficiary);
    format.readCoverage(files, known, sink);
    if (a.studyPeriod().isPresent()) {
      a.fixStudyPeriod();
    }
    format.readClaims(files, known, sink);
    return a.assemble();
  }

  private Dataset<Row> read(Path file, String sep) {
    return spark.read().option("header", "true").option("sep", sep).csv(file.toString());
  }

  private void sameAsOneMachine(String layout, Map<String, List<Path>> byTable, String sep) {
    InputFormat format = InputFormats.byName(layout).orElseThrow();
    MpiResult one = oneMachine(new InputFiles(format, byTable), spec());
    Map<String, List<Dataset<Row>>> tables = new LinkedHashMap<>();
    byTable.forEach(
        (t, fs) -> {
          List<Dataset<Row>> ds = new ArrayList<>();
          fs.forEach(f -> ds.add(read(f, sep)));
          tables.put(t, ds);
        });
    for (int n : new int[] {1, 3}) {
      MpiResult r =
          MpiSpark.on(spark)
              .spec(MpiSparkLayoutsTest::spec)
              .effort(Fixtures.EFFORT)
              .grouper(Fixtures.GROUPER)
              .partitions(n)
              .build()
              .compute(SparkInput.of(layout, tables));
      assertEquals(
          one.accounting().summary(200), r.accounting().summary(200), layout + ", partitions " + n);
      assertEquals(one, r, layout + ", partitions " + n);
    }
  }

  @Test
  void cclfWithMbiChangesAsOnOneMachine() {
    Path d = FIXTURES.resolve("cclf");
    Map<String, List<Path>> m = new LinkedHashMap<>();
    m.put("CCLF9", List.of(d.resolve("beneficiary_xref.csv")));
    m.put("CCLF8", List.of(d.resolve("beneficiary_demographics.csv")));
    m.put("CCLF5", List.of(d.resolve("partb_physicians.csv")));
    m.put("CCLF1", List.of(d.resolve("parta_claims_header.csv")));
    m.put("CCLF4", List.of(d.resolve("parta_diagnosis_code.csv")));
    sameAsOneMachine("cclf", m, ",");
  }

  @Test
  void omopAsOnOneMachine() throws Exception {
    Path d = FIXTURES.resolve("omop/etl-cms/omop");
    InputFormat omop = InputFormats.byName("omop").orElseThrow();
    Map<String, List<Path>> m = new LinkedHashMap<>();
    try (var files = Files.list(d)) {
      for (Path f : files.sorted().toList()) {
        String table = f.getFileName().toString().replace(".csv", "");
        if (omop.tables().stream().anyMatch(t -> t.name().equals(table))) {
          m.put(table, List.of(f));
        }
      }
    }
    assertTrue(m.containsKey("location") && m.containsKey("person"), m.toString());
    sameAsOneMachine("omop", m, ",");
  }

  @Test
  void rifAsOnOneMachine() {
    Path d = FIXTURES.resolve("rif");
    Map<String, List<Path>> m = new LinkedHashMap<>();
    m.put("mbsf", List.of(d.resolve("sample-a-beneficiaries.txt")));
    InputFormat rif = InputFormats.byName("rif").orElseThrow();
    for (String f :
        List.of("sample-a-bcarrier.txt", "sample-a-inpatient.txt", "sample-a-outpatient.txt")) {
      Path p = d.resolve(f);
      String table = rif.recognise(p, header(p)).orElseThrow().name();
      m.computeIfAbsent(table, t -> new ArrayList<>()).add(p);
    }
    sameAsOneMachine("rif", m, "|");
  }

  private static List<String> header(Path p) {
    try (var lines = Files.lines(p)) {
      return List.of(lines.findFirst().orElseThrow().split("\\|"));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** CCLF files in {@code dir}: the fixture, each file's lines edited by {@code edit}. */
  private static Map<String, List<Path>> cclfCopy(
      Path dir, java.util.function.BiConsumer<String, List<String>> edit) throws Exception {
    Path d = FIXTURES.resolve("cclf");
    Map<String, String> files = new LinkedHashMap<>();
    files.put("CCLF9", "beneficiary_xref.csv");
    files.put("CCLF8", "beneficiary_demographics.csv");
    files.put("CCLF5", "partb_physicians.csv");
    files.put("CCLF1", "parta_claims_header.csv");
    files.put("CCLF4", "parta_diagnosis_code.csv");
    Map<String, List<Path>> m = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : files.entrySet()) {
      List<String> lines = new ArrayList<>(Files.readAllLines(d.resolve(e.getValue())));
      edit.accept(e.getKey(), lines);
      Path out = dir.resolve(e.getValue());
      Files.write(out, lines);
      m.put(e.getKey(), List.of(out));
    }
    return m;
  }

  /**
   * Hostile rows, one in a keyed table (a CCLF5 line from 2025-02-30) and one in the crosswalk
   * every partition holds (a CCLF9 row without its current MBI): counted as one machine counts
   * them on 1 and 3 partitions, and listed once each by {@link MpiSpark#rejections(SparkInput)},
   * naming the table's file and partition.
   */
  @Test
  void hostileRowsAreCountedAndListedOnce(@org.junit.jupiter.api.io.TempDir Path tmp)
      throws Exception {
    Map<String, List<Path>> m =
        cclfCopy(
            tmp,
            (table, lines) -> {
              if (table.equals("CCLF5")) {
                lines.set(
                    2,
                    lines
                        .get(2)
                        .replace(",2025-02-11,2025-02-11,93000,", ",2025-02-30,2025-02-11,93000,"));
              }
              if (table.equals("CCLF9")) {
                lines.set(3, lines.get(3).replaceFirst("^([^,]*),[^,]*,", "$1,,"));
              }
            });
    sameAsOneMachine("cclf", m, ",");
    // one machine's rejections, by reason
    InputFormat cclf = InputFormats.byName("cclf").orElseThrow();
    List<String> want = new ArrayList<>();
    IndexAssembler a = IndexAssembler.create(spec(), Fixtures.EFFORT.get(), Fixtures.GROUPER.get());
    ReadContext ctx =
        new ReadContext(
            IngestMode.LENIENT,
            a.tally(),
            e -> want.add(e.reason().text()),
            spec().claimDating(),
            ReadContext.NOBODY_YET);
    InputFiles files = new InputFiles(cclf, m);
    cclf.readPeople(files, ctx, RecordSink.into(a));
    cclf.readClaims(files, ctx.withBeneficiaries(a::beneficiary), RecordSink.into(a));
    assertEquals(2, want.size(), want.toString());
    Map<String, List<Dataset<Row>>> tables = new LinkedHashMap<>();
    m.forEach((t, fs) -> tables.put(t, List.of(read(fs.get(0), ","))));
    List<org.mpindex.core.spi.MalformedRecordException> got = new ArrayList<>();
    MpiSpark.on(spark)
        .spec(MpiSparkLayoutsTest::spec)
        .effort(Fixtures.EFFORT)
        .grouper(Fixtures.GROUPER)
        .partitions(3)
        .build()
        .rejections(SparkInput.of("cclf", tables))
        .forEachRemaining(got::add);
    assertEquals(
        want.stream().sorted().toList(),
        got.stream().map(e -> e.reason().text()).sorted().toList());
    for (var e : got) {
      assertTrue(
          e.file().startsWith("partb_physicians.csv (partition ")
              || e.file().equals("beneficiary_xref.csv (every partition)"),
          e.file());
    }
  }

  /** The CCLF delivery as Parquet (typed as Spark writes CSV strings) gives the same result. */
  @Test
  void cclfFromParquet(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
    Map<String, List<Path>> m = cclfCopy(tmp, (t, l) -> {});
    Map<String, List<Dataset<Row>>> tables = new LinkedHashMap<>();
    for (Map.Entry<String, List<Path>> e : m.entrySet()) {
      Path out = tmp.resolve(e.getKey() + ".parquet");
      read(e.getValue().get(0), ",").write().parquet(out.toString());
      tables.put(e.getKey(), List.of(spark.read().parquet(out.toString())));
    }
    MpiResult one =
        oneMachine(new InputFiles(InputFormats.byName("cclf").orElseThrow(), m), spec());
    MpiResult r =
        MpiSpark.on(spark)
            .spec(MpiSparkLayoutsTest::spec)
            .effort(Fixtures.EFFORT)
            .grouper(Fixtures.GROUPER)
            .partitions(3)
            .build()
            .compute(SparkInput.of("cclf", tables));
    assertEquals(one.accounting().summary(200), r.accounting().summary(200));
    assertEquals(one, r);
  }
}
