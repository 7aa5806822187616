package org.mpindex.io.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.mpindex.core.claims.Beneficiary;
import org.mpindex.core.claims.Claim;
import org.mpindex.core.claims.ClaimLine;
import org.mpindex.core.claims.Enrollment;
import org.mpindex.core.index.ClaimDating;
import org.mpindex.core.index.IngestMode;
import org.mpindex.core.index.IngestTally;
import org.mpindex.core.index.RecordSink;
import org.mpindex.core.spi.PrecomputedBurden;
import org.mpindex.core.text.CsvTable;

/**
 * Every layout's row readers open their tables through the context's {@link TableSource}: the
 * fixtures of each layout, held in memory under names that are no files, read exactly as the files
 * (the same records in the same order, the same counts and rejections); the columnar path is not
 * taken from memory; every table names its beneficiary column as the layouts' documents do.
 */
class TableSourceTest {

  static Path resource(String name) {
    try {
      return Path.of(TableSourceTest.class.getResource("/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The files of a layout, each read once into memory and kept under {@code memory/<name>}. */
  static final class Memory implements TableSource {
    final Map<Path, List<String>> headers = new HashMap<>();
    final Map<Path, List<List<String>>> rows = new HashMap<>();
    final List<Path> opened = new ArrayList<>();

    Path hold(Path file, Charset cs) {
      Path name = Path.of("memory", file.getFileName().toString());
      List<List<String>> r = new ArrayList<>();
      try (CsvTable t = Tables.open(file, cs)) {
        headers.put(name, t.header());
        t.minimumColumns(0);
        t.forEachRow("rows", new IngestTally(), false, row -> r.add(cells(row)));
      }
      rows.put(name, r);
      return name;
    }

    private static List<String> cells(CsvTable.Row row) {
      List<String> c = new ArrayList<>();
      for (int i = 0; i < row.size(); i++) {
        c.add(row.get(i));
      }
      return c;
    }

    @Override
    public CsvTable open(Path file, Charset charset) {
      if (!rows.containsKey(file)) {
        throw new IllegalArgumentException("no table " + file);
      }
      opened.add(file);
      return CsvTable.of(file.toString(), headers.get(file), rows.get(file).iterator());
    }
  }

  /** What a run gave: the records as text, in sink order, the counts and the rejections. */
  record Run(List<String> records, Object accounting, List<String> rejects) {}

  static Run run(InputFiles files, Optional<TableSource> source) {
    IngestTally tally = new IngestTally();
    List<String> rejects = new ArrayList<>();
    List<String> records = new ArrayList<>();
    Map<String, Beneficiary> people = new HashMap<>();
    RecordSink sink =
        new RecordSink() {
          @Override
          public void beneficiary(Beneficiary b) {
            people.put(b.id(), b);
            records.add(b.toString());
          }

          @Override
          public void enrollment(Enrollment e) {
            records.add(e.toString());
          }

          @Override
          public void line(ClaimLine l) {
            records.add(l.toString());
          }

          @Override
          public void claim(Claim c) {
            records.add(c.toString());
          }

          @Override
          public void burden(PrecomputedBurden b) {
            records.add(b.toString());
          }
        };
    ReadContext ctx =
        new ReadContext(
            IngestMode.LENIENT,
            tally,
            e -> rejects.add(e.line() + " " + e.column() + " " + e.reason()),
            ClaimDating.SERVICE_FROM,
            ReadContext.NOBODY_YET);
    if (source.isPresent()) {
      ctx = ctx.withTables(source.get());
    }
    InputFormat f = files.format();
    f.readPeople(files, ctx, sink);
    ReadContext known = ctx.withBeneficiaries(id -> Optional.ofNullable(people.get(id)));
    f.readCoverage(files, known, sink);
    f.readClaims(files, known, sink);
    return new Run(records, tally.snapshot(), rejects);
  }

  /** Reads {@code byTable} from files and from memory, and checks the two runs are one. */
  static void sameFromMemory(InputFormat format, Map<String, List<Path>> byTable, Charset cs) {
    Memory memory = new Memory();
    Map<String, List<Path>> held = new LinkedHashMap<>();
    byTable.forEach((t, fs) -> held.put(t, fs.stream().map(f -> memory.hold(f, cs)).toList()));
    Run files = run(new InputFiles(format, byTable), Optional.empty());
    Run mem = run(new InputFiles(format, held), Optional.of(memory));
    assertFalse(files.records().isEmpty(), format.name());
    assertEquals(files.accounting(), mem.accounting(), format.name());
    assertEquals(files.rejects(), mem.rejects(), format.name());
    assertEquals(files.records(), mem.records(), format.name());
    // the tables were opened from memory (a reader going to the files would have failed: no file
    // is called memory/...); every one but those a layout reads only in want of another (OMOP's
    // observation_period, read when payer_plan_period has no rows)
    Set<Path> unopened = new java.util.HashSet<>(memory.rows.keySet());
    memory.opened.forEach(unopened::remove);
    unopened.removeIf(p -> p.getFileName().toString().startsWith("observation_period"));
    assertEquals(Set.of(), unopened, format.name());
  }

  private static final Charset CMS = Charset.forName("windows-1252");

  @Test
  void tidyFromMemory() {
    Map<String, List<Path>> m = new LinkedHashMap<>();
    m.put("beneficiaries", List.of(resource("tidy/beneficiaries.csv")));
    m.put("enrollment", List.of(resource("tidy/enrollment.csv")));
    m.put("claims", List.of(resource("tidy/claims.csv")));
    sameFromMemory(new TidyFormat(), m, java.nio.charset.StandardCharsets.UTF_8);
  }

  @Test
  void desynpufFromMemoryWithTheYearsInTheNames() {
    Map<String, List<Path>> m = new LinkedHashMap<>();
    m.put(
        "beneficiary summary",
        List.of(
            resource("synpuf/DE1_0_2008_Beneficiary_Summary_File_Sample_1.csv"),
            resource("synpuf/DE1_0_2009_Beneficiary_Summary_File_Sample_1.csv")));
    m.put(
        "carrier claims",
        List.of(resource("synpuf/DE1_0_2008_to_2010_Carrier_Claims_Sample_1A.csv")));
    m.put(
        "inpatient claims",
        List.of(resource("synpuf/DE1_0_2008_to_2010_Inpatient_Claims_Sample_1.csv")));
    m.put(
        "outpatient claims",
        List.of(resource("synpuf/DE1_0_2008_to_2010_Outpatient_Claims_Sample_1.csv")));
    sameFromMemory(new DesynpufFormat(), m, java.nio.charset.StandardCharsets.UTF_8);
  }

  @Test
  void cclfFromMemory() {
    Map<String, List<Path>> m = new LinkedHashMap<>();
    m.put("CCLF9", List.of(resource("fixtures/cclf/beneficiary_xref.csv")));
    m.put("CCLF8", List.of(resource("fixtures/cclf/beneficiary_demographics.csv")));
    m.put("CCLF5", List.of(resource("fixtures/cclf/partb_physicians.csv")));
    m.put("CCLF1", List.of(resource("fixtures/cclf/parta_claims_header.csv")));
    m.put("CCLF4", List.of(resource("fixtures/cclf/parta_diagnosis_code.csv")));
    sameFromMemory(InputFormats.byName("cclf").orElseThrow(), m, CMS);
  }

  @Test
  void rifFromMemoryAndItsYearsToo() {
    InputFormat rif = InputFormats.byName("rif").orElseThrow();
    Map<String, List<Path>> m = new LinkedHashMap<>();
    m.put("mbsf", List.of(resource("fixtures/rif/sample-a-beneficiaries.txt")));
    for (String f :
        List.of("sample-a-bcarrier.txt", "sample-a-inpatient.txt", "sample-a-outpatient.txt")) {
      Path p = resource("fixtures/rif/" + f);
      String table = rif.recognise(p, Tables.open(p, CMS).header()).orElseThrow().name();
      m.computeIfAbsent(table, t -> new ArrayList<>()).add(p);
    }
    sameFromMemory(rif, m, CMS);
    Memory memory = new Memory();
    Path mbsf = memory.hold(m.get("mbsf").get(0), CMS);
    InputFiles held = new InputFiles(rif, Map.of("mbsf", List.of(mbsf)));
    assertEquals(
        rif.studyPeriod(new InputFiles(rif, m)),
        rif.studyPeriod(held, ReadContext.lenient().withTables(memory)));
  }

  @Test
  void omopFromMemory() throws Exception {
    InputFormat omop = InputFormats.byName("omop").orElseThrow();
    Map<String, List<Path>> m = new LinkedHashMap<>();
    try (var files = Files.list(resource("fixtures/omop/etl-cms/omop"))) {
      for (Path f : files.sorted().toList()) {
        String table = f.getFileName().toString().replace(".csv", "");
        if (omop.tables().stream().anyMatch(t -> t.name().equals(table))) {
          m.put(table, List.of(f));
        }
      }
    }
    sameFromMemory(omop, m, java.nio.charset.StandardCharsets.UTF_8);
  }

  @Test
  void theColumnarPathIsNotTakenFromMemory() {
    Memory memory = new Memory();
    Path claims = memory.hold(resource("tidy/claims.csv"), java.nio.charset.StandardCharsets.UTF_8);
    TidyFormat tidy = new TidyFormat();
    InputFiles files = new InputFiles(tidy, Map.of("claims", List.of(claims)));
    org.mpindex.core.index.IndexAssembler a =
        org.mpindex.core.index.IndexAssembler.create(
            org.mpindex.core.index.MpiSpec.PARENTE_2011,
            org.mpindex.testkit.SimpleEffortCalculator.of(Map.of()),
            org.mpindex.testkit.SimpleBurdenGrouper.of(List.of("x"), Map.of()));
    ReadContext ctx = ReadContext.lenient().withTables(memory);
    assertFalse(ctx.readsFiles());
    assertTrue(ReadContext.lenient().readsFiles());
    assertFalse(tidy.readClaimsColumnar(files, ctx, a));
    assertTrue(memory.opened.isEmpty(), "nothing read");
  }

  @Test
  void theDesynpufColumnarPathIsNotTakenFromMemory() {
    Memory memory = new Memory();
    Path claims =
        memory.hold(
            resource("synpuf/DE1_0_2008_to_2010_Carrier_Claims_Sample_1A.csv"),
            java.nio.charset.StandardCharsets.UTF_8);
    DesynpufFormat synpuf = new DesynpufFormat();
    InputFiles files =
        new InputFiles(synpuf, Map.of(DesynpufFormat.CARRIER.name(), List.of(claims)));
    org.mpindex.core.index.IndexAssembler a =
        org.mpindex.core.index.IndexAssembler.create(
            org.mpindex.core.index.MpiSpec.PARENTE_2011,
            org.mpindex.testkit.SimpleEffortCalculator.of(Map.of()),
            org.mpindex.testkit.SimpleBurdenGrouper.of(List.of("x"), Map.of()));
    assertFalse(synpuf.readClaimsColumnar(files, ReadContext.lenient().withTables(memory), a));
    assertTrue(memory.opened.isEmpty(), "nothing read");
    // nor when the run needs a claim's lines together
    ReadContext together =
        ReadContext.lenient().withOptions(ReadOptions.defaults().withClaimsTogether(true));
    assertFalse(synpuf.readClaimsColumnar(files, together, a));
  }

  /**
   * {@link InputFormat#readAll} is the four steps a caller would write (people, coverage against
   * them, the study period fixed, claims): the same index and accounting from the tidy fixture as
   * those steps by hand with the row reader, the claims by the columnar reader from files and by rows
   * from memory, where it has none.
   */
  @Test
  void readAllIsTheStepsOfMpiCompute() {
    TidyFormat tidy = new TidyFormat();
    Map<String, List<Path>> byTable = new LinkedHashMap<>();
    for (String t : List.of("beneficiaries", "enrollment", "claims")) {
      byTable.put(t, List.of(resource("tidy/" + t + ".csv")));
    }
    InputFiles files = new InputFiles(tidy, byTable);
    java.util.function.Supplier<org.mpindex.core.index.IndexAssembler> fresh =
        () ->
            org.mpindex.core.index.IndexAssembler.create(
                org.mpindex.core.index.MpiSpec.PARENTE_2011,
                org.mpindex.testkit.SimpleEffortCalculator.of(
                    Map.of(
                        org.mpindex.core.claims.ProcedureCode.of("99213"), 1_000_000L,
                        org.mpindex.core.claims.ProcedureCode.of("99214"), 1_500_000L)),
                org.mpindex.testkit.SimpleBurdenGrouper.of(
                    List.of("x"),
                    Map.of(
                        org.mpindex.core.claims.DiagnosisCode.of(
                            org.mpindex.core.claims.CodeSystem.ICD9CM, "401"),
                        0)));
    org.mpindex.core.index.IndexAssembler byHand = fresh.get();
    ReadContext c =
        new ReadContext(
            IngestMode.LENIENT,
            byHand.tally(),
            e -> {},
            ClaimDating.SERVICE_FROM,
            ReadContext.NOBODY_YET);
    org.mpindex.core.index.RecordSink sink = org.mpindex.core.index.RecordSink.into(byHand);
    tidy.readPeople(files, c, sink);
    ReadContext known = c.withBeneficiaries(byHand::beneficiary);
    tidy.readCoverage(files, known, sink);
    byHand.fixStudyPeriod();
    tidy.readClaims(files, known, sink);
    org.mpindex.core.index.MpiResult expected = byHand.assemble();

    org.mpindex.core.index.IndexAssembler all = fresh.get();
    assertTrue(
        tidy.readAll(
            files,
            new ReadContext(
                IngestMode.LENIENT,
                all.tally(),
                e -> {},
                ClaimDating.SERVICE_FROM,
                ReadContext.NOBODY_YET),
            all));
    org.mpindex.core.index.MpiResult fromFiles = all.assemble();
    assertEquals(expected.national(), fromFiles.national());
    assertEquals(expected.accounting(), fromFiles.accounting());

    Memory memory = new Memory();
    Map<String, List<Path>> held = new LinkedHashMap<>();
    byTable.forEach(
        (t, fs) ->
            held.put(
                t,
                fs.stream()
                    .map(f -> memory.hold(f, java.nio.charset.StandardCharsets.UTF_8))
                    .toList()));
    org.mpindex.core.index.IndexAssembler rows = fresh.get();
    assertFalse(
        tidy.readAll(
            new InputFiles(tidy, held),
            new ReadContext(
                    IngestMode.LENIENT,
                    rows.tally(),
                    e -> {},
                    ClaimDating.SERVICE_FROM,
                    ReadContext.NOBODY_YET)
                .withTables(memory),
            rows));
    org.mpindex.core.index.MpiResult fromMemory = rows.assemble();
    assertEquals(expected.national(), fromMemory.national());
    assertTrue(expected.national().stream().anyMatch(x -> x.patients() > 0), "a real index");
  }

  /** The beneficiary column of every table, as each layout's documents name it. */
  @Test
  void everyTableNamesItsBeneficiaryColumn() {
    Map<String, String> keyed = new HashMap<>();
    // docs: mpi-io/README.md "Tidy CSV"; CMS DE-SynPUF codebook (DESYNPUF_ID); ResDAC RIF
    // (BENE_ID);
    // CCLF Information Packet (BENE_MBI_ID); OMOP CDM v5.4 (person_id)
    keyed.put("tidy", "beneficiary_id");
    keyed.put("desynpuf", "DESYNPUF_ID");
    keyed.put("rif", "BENE_ID");
    keyed.put("cclf", "BENE_MBI_ID");
    keyed.put("omop", "person_id");
    List<String> unkeyed = List.of("cclf CCLF9", "omop location", "omop concept");
    for (InputFormat f : InputFormats.all()) {
      for (InputTable t : f.tables()) {
        String name = f.name() + " " + t.name();
        if (unkeyed.contains(name)) {
          assertEquals(Optional.empty(), t.personColumn(), name);
        } else {
          assertEquals(Optional.of(keyed.get(f.name())), t.personColumn(), name);
          assertTrue(t.columns().contains(t.personColumn().get()), name + " lists its column");
        }
      }
    }
  }

  /**
   * The CCLF9 fixture's changes, read by hand off its rows: the latest delivery (2026-02-09) maps
   * 80 to 14, 81 to 82, 82 to 15, 83 to 17 (84 before), 85 and 86 to 18; 87 to 19 comes only in
   * the 2025 deliveries and stands; 16 to 16 changes nothing; 81's chain ends at 15.
   */
  @Test
  void cclfIdChangesAreTheCrosswalksFinalMbis() {
    InputFormat cclf = InputFormats.byName("cclf").orElseThrow();
    Memory memory = new Memory();
    Path xref = memory.hold(resource("fixtures/cclf/beneficiary_xref.csv"), CMS);
    IngestTally tally = new IngestTally();
    ReadContext ctx =
        new ReadContext(
                IngestMode.LENIENT,
                tally,
                e -> {},
                ClaimDating.SERVICE_FROM,
                ReadContext.NOBODY_YET)
            .withTables(memory);
    Map<String, String> changes =
        cclf.idChanges(new InputFiles(cclf, Map.of("CCLF9", List.of(xref))), ctx);
    String p = "9TT0FK0XX";
    Map<String, String> want = new HashMap<>();
    want.put(p + "80", p + "14");
    want.put(p + "81", p + "15");
    want.put(p + "82", p + "15");
    want.put(p + "83", p + "17");
    want.put(p + "85", p + "18");
    want.put(p + "86", p + "18");
    want.put(p + "87", p + "19");
    assertEquals(want, changes);
    assertEquals(new IngestTally().snapshot(), tally.snapshot(), "nothing counted");
    assertEquals(
        Map.of(), new TidyFormat().idChanges(new InputFiles(new TidyFormat(), Map.of()), ctx));
  }
}
