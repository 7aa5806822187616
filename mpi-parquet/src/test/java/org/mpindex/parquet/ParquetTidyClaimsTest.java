package org.mpindex.parquet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.junit.jupiter.api.Test;
import org.mpindex.adg.ComorbidityGrouper;
import org.mpindex.core.claims.Beneficiary;
import org.mpindex.core.claims.DiagnosisCode;
import org.mpindex.core.claims.Enrollment;
import org.mpindex.core.claims.ProcedureCode;
import org.mpindex.core.index.ClaimDating;
import org.mpindex.core.index.IndexAssembler;
import org.mpindex.core.index.IngestMode;
import org.mpindex.core.index.MpiResult;
import org.mpindex.core.index.MpiSpec;
import org.mpindex.core.index.StudyPeriod;
import org.mpindex.core.spi.RejectedRecordException;
import org.mpindex.io.FastTidyClaims;
import org.mpindex.io.TidyCsvReader;
import org.mpindex.io.input.ReadContext;
import org.mpindex.io.input.Tables;
import org.mpindex.rbrvs.RvuSchedule;
import org.mpindex.rbrvs.WorkRvuCalculator;
import org.mpindex.testkit.PaperScaleWorkload;
import org.mpindex.testkit.SimpleBurdenGrouper;
import org.mpindex.testkit.SimpleEffortCalculator;

/**
 * The columnar claims path is the row reader, faster: for any claims Parquet file (valid, or with
 * bad cells of every kind, in one file or in part files) it gives the same index, the same
 * accounting, the same rejections (file, line, reason, message) in the same order, and in strict
 * mode the same first error, as {@link TidyCsvReader} reading the same file row by row through
 * {@link ParquetTableOpener}; and a population written as tidy CSV and as Parquet (by DuckDB, with
 * typed DATE columns) gives one index and one accounting from either.
 */
class ParquetTidyClaimsTest {
  static final List<String> HEADER =
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

  static final String SCHEMA;

  static {
    StringBuilder s = new StringBuilder("message claims {");
    for (String h : HEADER) {
      s.append(" optional binary ").append(h).append(" (STRING);");
    }
    SCHEMA = s.append(" }").toString();
  }

  /** What a read leaves: the result (with its accounting) and the rejections, or the error. */
  record Outcome(MpiResult result, List<String> rejects, String error) {}

  /** How a test reads: the context, and whether claims are read once across files. */
  record How(boolean strict, boolean once, boolean checked) {}

  static IndexAssembler assembler(boolean strict) {
    MpiSpec spec =
        MpiSpec.builder()
            .studyPeriod(StudyPeriod.of(LocalDate.of(2008, 1, 1), LocalDate.of(2008, 12, 31)))
            .minimumEligibleWindows(2)
            .ingestMode(strict ? IngestMode.STRICT : IngestMode.LENIENT)
            .build();
    IndexAssembler a =
        IndexAssembler.create(
            spec,
            SimpleEffortCalculator.of(
                Map.of(
                    ProcedureCode.of("99213"), 920_000L,
                    ProcedureCode.of("99214"), 1_420_000L,
                    ProcedureCode.of("27447"), 20_720_000L,
                    ProcedureCode.of("71020"), 180_000L)),
            SimpleBurdenGrouper.of(
                List.of("htn", "dm", "chf", "copd"),
                Map.of(
                    DiagnosisCode.icd9("401"), 0,
                    DiagnosisCode.icd9("250"), 1,
                    DiagnosisCode.icd9("428"), 2,
                    DiagnosisCode.icd9("496"), 3)));
    // D dies mid-year: later claims of D are after death
    for (String id : new String[] {"A", "B", "C", "D"}) {
      a.add(
          Beneficiary.of(
              id,
              LocalDate.of(1930, 5, 10),
              org.mpindex.core.claims.Sex.FEMALE,
              org.mpindex.core.claims.Geography.of(org.mpindex.core.claims.UsState.WY)));
      a.add(
          Enrollment.of(
              id,
              LocalDate.of(2008, 1, 1),
              LocalDate.of(2008, 12, 31),
              org.mpindex.core.claims.Program.MEDICARE_FFS));
    }
    return a;
  }

  private static ReadContext context(How how, IndexAssembler a, List<String> rejects) {
    ReadContext c =
        new ReadContext(
            how.strict() ? IngestMode.STRICT : IngestMode.LENIENT,
            a.tally(),
            e -> rejects.add(e.file() + ":" + e.line() + ":" + e.reason() + ":" + e.getMessage()),
            ClaimDating.SERVICE_FROM,
            ReadContext.NOBODY_YET);
    return how.checked() ? c.withBeneficiaries(a::beneficiary) : c;
  }

  /** The row reader over the Parquet table(s), as every layout reader reads Parquet. */
  static Outcome rows(List<Path> files, How how) {
    List<String> rejects = new ArrayList<>();
    IndexAssembler a = assembler(how.strict());
    ReadContext c = context(how, a, rejects);
    TidyCsvReader r = new TidyCsvReader(c.mode(), c.dating()).rejectsTo(c.rejects());
    if (how.once()) {
      r = r.readingClaimsOnce();
    }
    if (how.checked()) {
      r = r.checkedAgainst(c.beneficiaries());
    }
    try {
      for (Path f : files) {
        r.read(
            Tables.open(f, StandardCharsets.UTF_8),
            TidyCsvReader.CLAIM_ROWS,
            org.mpindex.core.index.RecordSink.into(a),
            a.tally(),
            false);
      }
      return new Outcome(a.assemble(), rejects, null);
    } catch (RejectedRecordException | java.io.UncheckedIOException e) {
      return new Outcome(null, rejects, e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  /** The columnar path. */
  static Outcome columns(List<Path> files, How how) {
    List<String> rejects = new ArrayList<>();
    IndexAssembler a = assembler(how.strict());
    ParquetTidyClaims p = new ParquetTidyClaims(context(how, a, rejects));
    if (how.once()) {
      p = p.readingClaimsOnce();
    }
    try {
      for (Path f : files) {
        p.read(f, a);
      }
      return new Outcome(a.assemble(), rejects, null);
    } catch (RejectedRecordException | java.io.UncheckedIOException e) {
      return new Outcome(null, rejects, e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  static void assertSame(Outcome rows, Outcome columns) {
    assertEquals(rows.error(), columns.error());
    assertEquals(rows.rejects(), columns.rejects());
    if (rows.result() != null) {
      assertEquals(rows.result().accounting(), columns.result().accounting());
      assertEquals(rows.result().national(), columns.result().national());
      assertEquals(rows.result().groupCells(), columns.result().groupCells());
    }
  }

  /** Writes rows as string columns with parquet-java, cut into part files at {@code cuts}. */
  static Path write(Path dir, String name, List<String[]> rows, int parts, boolean v2) {
    try {
      Path table = dir.resolve(name);
      if (parts <= 1) {
        Writers.parquetJava(table, SCHEMA, asObjects(rows), style(v2));
        return table;
      }
      Files.createDirectories(table);
      int per = Math.max(1, (rows.size() + parts - 1) / parts);
      for (int k = 0, from = 0; k < parts; k++, from += per) {
        List<String[]> part =
            rows.subList(Math.min(from, rows.size()), Math.min(from + per, rows.size()));
        Writers.parquetJava(
            table.resolve(String.format("part-%05d.parquet", k)),
            SCHEMA,
            asObjects(part),
            style(v2));
      }
      return table;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static Writers.JavaStyle style(boolean v2) {
    return new Writers.JavaStyle(v2, true, CompressionCodecName.SNAPPY, 1 << 20, 1 << 16);
  }

  private static List<Object[]> asObjects(List<String[]> rows) {
    List<Object[]> out = new ArrayList<>();
    for (String[] r : rows) {
      out.add(Arrays.copyOf(r, r.length, Object[].class));
    }
    return out;
  }

  static String[] row(String... cells) {
    return Arrays.copyOf(cells, HEADER.size());
  }

  /** Every edge the columnar path hands to the row parser, or takes itself (cf. FastTidyClaimsTest). */
  static final List<String[]> EDGES =
      List.of(
          row(
              "C1",
              "A",
              "2008-02-01",
              "2008-02-01",
              "professional",
              "99213",
              null,
              "1",
              "11",
              "icd9",
              "401.9"),
          // line 3: an exact duplicate, counted once
          row(
              "C1",
              "A",
              "2008-02-01",
              "2008-02-01",
              "professional",
              "99213",
              null,
              "1",
              "11",
              "icd9",
              "401.9"),
          // line 4: not exact (a space), and "" where line 2 has null: not the same cells either
          row(
              "C1",
              "A",
              "2008-02-01",
              "2008-02-01",
              "professional",
              "99213",
              "",
              "1",
              "11",
              "icd9",
              " 401.9"),
          row(
              "  C2 ",
              "A",
              "20080315",
              null,
              null,
              "99214",
              null,
              null,
              null,
              null,
              "250.00|428.0;496"),
          row(
              "C4",
              "B",
              "2008-05-01",
              "2008-05-01",
              "professional",
              "99213",
              "25",
              "1",
              "11",
              "icd9",
              "401.9"),
          row("C5", "B", "2008-13-01", null, null, "99213", null, null, null, null, "401.9"),
          row(
              "C6",
              "B",
              "2008-06-01",
              "2008-05-01",
              null,
              "99213",
              null,
              null,
              null,
              null,
              "401.9"),
          row("C7", "B", "2008-06-01", null, null, "9921", null, null, null, null, "401.9"),
          row("C8", "C", "2008-06-01", null, null, "99213", null, "x", null, null, "401.9"),
          row("C9", "C", "2008-06-01", null, null, "99213", null, null, "ZZ", null, "401.9"),
          row("C10", "C", "2008-06-01", null, null, "99213", null, null, null, "icd11", "401.9"),
          row("C11", "C", "2008-06-01", null, null, "99213", null, null, null, null, "40X.9 401.9"),
          row("C12", "C", "2008-06-01", null, null, "99213", null, null, null, null, "|401.9"),
          row("C14", "D", "2008-07-01", null, "spaceship", "99213", null, null, null, null, "496"),
          row("C15", "D", "2008-07-01", null, "OUTPATIENT", "99213", null, null, null, null, "496"),
          row("C16", "Dé", "2008-07-01", null, null, "99213", null, null, null, null, "496"),
          row("C18", "", "2008-07-01", null, null, "99213", null, null, null, null, "496"),
          row(null, "D", "2008-07-01", null, null, "99213", null, null, null, null, "496"),
          row(
              "C19",
              "D",
              "2008-08-01",
              null,
              null,
              "99214",
              null,
              "2",
              "22",
              "icd9",
              "4280 2500 4019"),
          // another beneficiary's row within C19's run
          row("C19", "A", "2008-08-01", null, null, "99214", null, "2", "22", "icd9", "4280"),
          row(
              "C19",
              "D",
              "2008-08-01",
              null,
              null,
              "99214",
              null,
              "2",
              "22",
              "icd9",
              "4280 2500 4019"),
          row(
              "C20",
              "A",
              "2008-09-01",
              null,
              "carrier",
              "J1100",
              null,
              "1000001",
              null,
              null,
              null),
          row("C21", "B", "1920-09-01", null, null, "99213", null, null, null, null, "401.9"),
          row("C1", "A", "2008-10-01", null, null, "99213", null, null, null, null, "401.9"),
          row(
              "C22",
              "C",
              "2008-11-01",
              "2008-11-03",
              "inpatient",
              "27447",
              null,
              "1",
              "21",
              "icd9",
              "428.0 496"),
          row("C23", "C", "-2008-02-01", null, null, "99213", null, null, null, null, "401.9"),
          row("C24", "D", "2008-12-01", null, null, null, null, null, null, null, null));

  private static final List<How> EVERY_WAY =
      List.of(
          new How(false, false, false),
          new How(false, true, false),
          new How(false, false, true),
          new How(false, true, true),
          new How(true, false, false),
          new How(true, true, true));

  @Test
  void everyEdgeGivesWhatTheRowReaderGives() throws IOException {
    Path dir = Files.createTempDirectory("parquet-tidy");
    try {
      for (int parts = 1; parts <= 4; parts++) {
        for (boolean v2 : new boolean[] {false, true}) {
          Path f = write(dir, "edges-" + parts + "-" + v2 + ".parquet", EDGES, parts, v2);
          for (How how : EVERY_WAY) {
            assertSame(rows(List.of(f), how), columns(List.of(f), how));
            // the same file twice: every claim of the second is a repeat (once), or read again
            assertSame(rows(List.of(f, f), how), columns(List.of(f, f), how));
          }
        }
      }
      // and the lenient run did see the edges, at their lines
      Path f = write(dir, "edges.parquet", EDGES, 1, false);
      Outcome o = columns(List.of(f), new How(false, true, true));
      String all = String.join("\n", o.rejects());
      assertTrue(all.contains(f + ":3:exact duplicate"), all);
      assertTrue(all.contains(f + ":7:bad date (from_date)"), all);
      assertTrue(all.contains(f + ":21:claim id of another beneficiary (beneficiary_id)"), all);
      assertTrue(all.contains(f + ":22:exact duplicate"), all);
      assertTrue(all.contains(f + ":24:service before birth (from_date)"), all);
      assertTrue(all.contains(f + ":25:" + TidyCsvReader.REPEATED_CLAIM), all);
      assertTrue(all.contains(f + ":17:no beneficiary record"), all);
      Outcome strict = columns(List.of(f), new How(true, false, false));
      assertNotNull(strict.error());
      assertTrue(strict.error().contains(f + ":7: column from_date"), strict.error());
    } finally {
      delete(dir);
    }
  }

  @Provide
  Arbitrary<List<String[]>> anyRows() {
    Arbitrary<String> claim = Arbitraries.of("C1", "C2", "C3", "C4", " C1", "", null);
    Arbitrary<String> bene = Arbitraries.of("A", "B", "C", "D", "E", "", null);
    Arbitrary<String> date =
        Arbitraries.oneOf(
            Arbitraries.integers()
                .between(-400, 400)
                .map(d -> LocalDate.of(2008, 6, 1).plusDays(d).toString()),
            Arbitraries.of("20080301", "2008-02-30", "x", "", null));
    Arbitrary<String> through = Arbitraries.oneOf(date, Arbitraries.just((String) null));
    Arbitrary<String> type =
        Arbitraries.of(null, "", "professional", "carrier", "inpatient", "dme", "bad");
    Arbitrary<String> proc =
        Arbitraries.of("99213", "99214", "27447", "71020", "J1100", "9921", "", null);
    Arbitrary<String> mods = Arbitraries.of(null, null, null, "", "25", "XX|59");
    Arbitrary<String> units = Arbitraries.of(null, "", "1", "2", "0", "-1", "x", "1000001");
    Arbitrary<String> pos = Arbitraries.of(null, "", "11", "22", "ZZ");
    Arbitrary<String> system = Arbitraries.of(null, "", "icd9", "icd10", "icd11");
    Arbitrary<String> dx =
        Arbitraries.of(
            null,
            "",
            "401.9",
            "4019 496",
            "250.00|428.0",
            "X99",
            "401.9;496",
            "|401.9",
            "E11.9",
            " 496 ");
    Arbitrary<String[]> row =
        Combinators.combine(
                Combinators.combine(claim, bene, date, through, type, proc)
                    .as((a, b, c, d, e, f) -> Arrays.asList(a, b, c, d, e, f)),
                Combinators.combine(mods, units, pos, system, dx)
                    .as((a, b, c, d, e) -> Arrays.asList(a, b, c, d, e)))
            .as(
                (a, b) -> {
                  List<String> all = new ArrayList<>(a);
                  all.addAll(b);
                  return all.toArray(new String[0]);
                });
    // runs of repeated rows: a row, then maybe the same again
    return row.list()
        .ofMaxSize(40)
        .flatMap(
            rows ->
                Arbitraries.integers()
                    .between(0, 3)
                    .list()
                    .ofSize(rows.size())
                    .map(
                        times -> {
                          List<String[]> out = new ArrayList<>();
                          for (int i = 0; i < rows.size(); i++) {
                            for (int k = 0; k <= times.get(i) / 3; k++) {
                              out.add(rows.get(i));
                            }
                          }
                          return out;
                        }));
  }

  @Property(tries = 150)
  void anyRowsGiveWhatTheRowReaderGives(
      @ForAll("anyRows") List<String[]> rows,
      @ForAll @IntRange(min = 1, max = 3) int parts,
      @ForAll boolean v2,
      @ForAll boolean strict,
      @ForAll boolean once,
      @ForAll boolean checked)
      throws IOException {
    Path dir = Files.createTempDirectory("parquet-tidy");
    try {
      Path f = write(dir, "claims.parquet", rows, parts, v2);
      How how = new How(strict, once, checked);
      assertSame(rows(List.of(f), how), columns(List.of(f), how));
    } finally {
      delete(dir);
    }
  }

  // ------------------------------------------------- one population, CSV and Parquet: one index

  /** The index of a tidy directory as mpi compute makes it, claims read by {@code claims}. */
  static MpiResult index(
      Path dir, String claimsFile, java.util.function.BiConsumer<Path, IndexAssembler> claims) {
    IndexAssembler a =
        IndexAssembler.create(
            MpiSpec.builder()
                .studyPeriod(StudyPeriod.of(PaperScaleWorkload.START, PaperScaleWorkload.END))
                .build(),
            WorkRvuCalculator.of(RvuSchedule.bundled()),
            ComorbidityGrouper.elixhauser());
    TidyCsvReader rows = new TidyCsvReader(org.mpindex.core.index.IngestMode.LENIENT);
    rows.read(
        dir.resolve("beneficiaries.csv"),
        TidyCsvReader.BENEFICIARY_ROWS,
        org.mpindex.core.index.RecordSink.into(a),
        a.tally(),
        false);
    rows.read(
        dir.resolve("enrollment.csv"),
        TidyCsvReader.ENROLLMENT_ROWS,
        org.mpindex.core.index.RecordSink.into(a),
        a.tally(),
        false);
    claims.accept(dir.resolve(claimsFile), a);
    return a.assemble();
  }

  @Property(tries = 12)
  void aPopulationAsCsvAndAsParquetGivesOneIndex(
      @ForAll @LongRange(min = 1, max = 1_000_000) long seed,
      @ForAll @IntRange(min = 20, max = 400) int people,
      @ForAll boolean zstd)
      throws IOException {
    Path dir = Files.createTempDirectory("parquet-population");
    try {
      PaperScaleWorkload.generate(seed, people).writeTidy(dir);
      // DuckDB writes the claims as a DuckDB user would: from_date a DATE column
      Writers.duck(
          "COPY (SELECT * FROM read_csv("
              + Writers.lit(dir.resolve("claims.csv"))
              + ", columns = {'claim_id': 'VARCHAR', 'beneficiary_id': 'VARCHAR', 'from_date':"
              + " 'DATE', 'procedure': 'VARCHAR', 'code_system': 'VARCHAR', 'diagnoses':"
              + " 'VARCHAR'}, header = true)) TO "
              + Writers.lit(dir.resolve("claims.parquet"))
              + " (FORMAT PARQUET, COMPRESSION "
              + (zstd ? "zstd" : "snappy")
              + ")");
      MpiResult csv =
          index(
              dir,
              "claims.csv",
              (f, a) ->
                  new TidyCsvReader(org.mpindex.core.index.IngestMode.LENIENT)
                      .read(
                          f,
                          TidyCsvReader.CLAIM_ROWS,
                          org.mpindex.core.index.RecordSink.into(a),
                          a.tally(),
                          false));
      MpiResult fastCsv =
          index(
              dir,
              "claims.csv",
              (f, a) ->
                  new FastTidyClaims(
                          new TidyCsvReader(org.mpindex.core.index.IngestMode.LENIENT), 2)
                      .read(f, a, a.tally()));
      ParquetTidyClaims[] reader = new ParquetTidyClaims[1];
      MpiResult parquet =
          index(
              dir,
              "claims.parquet",
              (f, a) -> {
                reader[0] =
                    new ParquetTidyClaims(
                        new ReadContext(
                            IngestMode.LENIENT,
                            a.tally(),
                            e -> {},
                            ClaimDating.SERVICE_FROM,
                            ReadContext.NOBODY_YET));
                reader[0].read(f, a);
              });
      // every row of a valid file took the columnar path
      assertEquals(0, reader[0].rowParserRows);
      MpiResult parquetRows =
          index(
              dir,
              "claims.parquet",
              (f, a) ->
                  new TidyCsvReader(org.mpindex.core.index.IngestMode.LENIENT)
                      .read(
                          Tables.open(f, StandardCharsets.UTF_8),
                          TidyCsvReader.CLAIM_ROWS,
                          org.mpindex.core.index.RecordSink.into(a),
                          a.tally(),
                          false));
      for (MpiResult r : List.of(fastCsv, parquet, parquetRows)) {
        assertEquals(csv.accounting(), r.accounting());
        assertEquals(csv.national(), r.national());
        assertEquals(csv.groupCells(), r.groupCells());
      }
      assertTrue(csv.accounting().toString().contains("claim"), csv.accounting().toString());
    } finally {
      delete(dir);
    }
  }

  static void delete(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
