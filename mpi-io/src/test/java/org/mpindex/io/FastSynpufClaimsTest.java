package org.mpindex.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.zip.GZIPOutputStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.mpindex.core.claims.Beneficiary;
import org.mpindex.core.claims.DiagnosisCode;
import org.mpindex.core.claims.Enrollment;
import org.mpindex.core.claims.Geography;
import org.mpindex.core.claims.ProcedureCode;
import org.mpindex.core.claims.Program;
import org.mpindex.core.claims.Sex;
import org.mpindex.core.claims.UsState;
import org.mpindex.core.index.ClaimDating;
import org.mpindex.core.index.IndexAssembler;
import org.mpindex.core.index.IngestMode;
import org.mpindex.core.index.MpiResult;
import org.mpindex.core.index.MpiSpec;
import org.mpindex.core.index.RecordSink;
import org.mpindex.core.index.StudyPeriod;
import org.mpindex.testkit.Mutations;
import org.mpindex.testkit.SimpleBurdenGrouper;
import org.mpindex.testkit.SimpleEffortCalculator;

/**
 * The fast DE-SynPUF claims path is the row reader, faster: for any file (carrier, inpatient or
 * outpatient; valid, edited at the edges, or mutated at random), any chunk size, thread count and
 * reader option, it gives the same index, the same accounting (rows read, accepted and rejected by
 * reason, line efforts, notes, unknown codes), the same listed rejections (file, line, reason,
 * message) in the same order, and in strict mode the same first error, as {@link
 * SynpufClaimReader} reading the file row by row.
 */
class FastSynpufClaimsTest {
  static final String CARRIER = SynpufEdgeTest.CARRIER;
  static final String OUTPATIENT = SynpufEdgeTest.OUTPATIENT;
  static final String INPATIENT =
      SynpufEdgeTest.header("DE1_0_2008_to_2010_Inpatient_Claims_Sample_1.csv");

  /** A row of {@code header}: pairs of column name and value, every other cell empty. */
  static String row(String header, String... pairs) {
    Map<String, String> cells = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      cells.put(pairs[i], pairs[i + 1]);
    }
    return SynpufEdgeTest.row(header, cells);
  }

  /** What a read leaves: the result (with its accounting) and the rejections, or the error. */
  private record Outcome(MpiResult result, List<String> rejects, String error) {}

  private interface Reading {
    void read(Path file, IndexAssembler a);
  }

  private static Reading slow(SynpufClaimReader r) {
    return (f, a) -> r.read(f, RecordSink.into(a), a.tally());
  }

  private static Function<SynpufClaimReader, Reading> fast(int threads, int chunk) {
    return r -> (f, a) -> new FastSynpufClaims(r, threads, chunk).read(f, a, a.tally());
  }

  /**
   * The records rows are checked against (bit 1 of a variant): C dies on 2008-06-15, D is born on
   * 2008-07-01; E has no record.
   */
  private static final Map<String, Beneficiary> KNOWN = known();

  private static Map<String, Beneficiary> known() {
    Map<String, Beneficiary> m = new LinkedHashMap<>();
    for (String id : new String[] {"A", "B", "C", "D"}) {
      m.put(
          id,
          new Beneficiary(
              id,
              id.equals("D") ? LocalDate.of(2008, 7, 1) : LocalDate.of(1930, 5, 10),
              id.equals("C") ? Optional.of(LocalDate.of(2008, 6, 15)) : Optional.empty(),
              Sex.FEMALE,
              Geography.of(UsState.WY)));
    }
    return m;
  }

  /**
   * The reader of a variant: bit 0 dates rows by CLM_THRU_DT; bit 1 checks rows against {@link
   * #KNOWN}; bit 2 lets denied lines carry effort; bit 3 reads only the claim's own diagnoses, bit
   * 4 only line and admitting diagnoses.
   */
  private static SynpufClaimReader reader(boolean strict, int variant, List<String> rejects) {
    SynpufClaimReader r =
        new SynpufClaimReader(strict ? IngestMode.STRICT : IngestMode.LENIENT)
            .rejectsTo(
                e ->
                    rejects.add(
                        e.file() + ":" + e.line() + ":" + e.reason() + ":" + e.getMessage()));
    if ((variant & 2) != 0) {
      r =
          r.checkedAgainst(
              id -> Optional.ofNullable(KNOWN.get(id)),
              (variant & 1) == 0 ? ClaimDating.SERVICE_FROM : ClaimDating.SERVICE_THROUGH);
    }
    if ((variant & 4) != 0) {
      r = r.deniedLinesCarryEffort(true);
    }
    if ((variant & 8) != 0) {
      r = r.diagnosisSources(EnumSet.of(SynpufClaimReader.DiagnosisSource.HEADER));
    } else if ((variant & 16) != 0) {
      r =
          r.diagnosisSources(
              EnumSet.of(
                  SynpufClaimReader.DiagnosisSource.LINE,
                  SynpufClaimReader.DiagnosisSource.ADMITTING));
    }
    return r;
  }

  private static IndexAssembler assembler(boolean strict, int variant) {
    MpiSpec spec =
        MpiSpec.builder()
            .studyPeriod(StudyPeriod.of(LocalDate.of(2008, 1, 1), LocalDate.of(2008, 12, 31)))
            .minimumEligibleWindows(2)
            .claimDating(
                (variant & 1) == 0 ? ClaimDating.SERVICE_FROM : ClaimDating.SERVICE_THROUGH)
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
    for (String id : new String[] {"A", "B", "C", "D"}) {
      a.add(Beneficiary.of(id, LocalDate.of(1930, 5, 10), Sex.FEMALE, Geography.of(UsState.WY)));
      a.add(
          Enrollment.of(
              id, LocalDate.of(2008, 1, 1), LocalDate.of(2008, 12, 31), Program.MEDICARE_FFS));
    }
    return a;
  }

  /** Reads {@code files} in order with one reader (the row reader, or the fast path over it). */
  private static Outcome run(
      List<Path> files, boolean strict, int variant, Function<SynpufClaimReader, Reading> how) {
    List<String> rejects = new ArrayList<>();
    SynpufClaimReader reader = reader(strict, variant, rejects);
    IndexAssembler a = assembler(strict, variant);
    try {
      Reading r = how.apply(reader);
      for (Path f : files) {
        r.read(f, a);
      }
      return new Outcome(a.assemble(), rejects, null);
    } catch (org.mpindex.core.spi.RejectedRecordException | java.io.UncheckedIOException e) {
      return new Outcome(null, rejects, e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  private static void assertSame(Outcome slow, Outcome fast) {
    assertEquals(slow.error(), fast.error());
    assertEquals(slow.rejects(), fast.rejects());
    if (slow.result() != null) {
      assertEquals(slow.result().accounting(), fast.result().accounting());
      assertEquals(slow.result().national(), fast.result().national());
      assertEquals(slow.result().groupCells(), fast.result().groupCells());
    }
  }

  /** Both readers on {@code file} alone and read twice (claims read before), strict and lenient. */
  private static void compare(String name, byte[] file, int threads, int chunk, int variant)
      throws IOException {
    Path dir = Files.createTempDirectory("fast-synpuf");
    Path claims = dir.resolve(name);
    Files.write(claims, file);
    try {
      for (boolean strict : new boolean[] {false, true}) {
        assertSame(
            run(List.of(claims), strict, variant, FastSynpufClaimsTest::slow),
            run(List.of(claims), strict, variant, fast(threads, chunk)));
        assertSame(
            run(List.of(claims, claims), strict, variant, FastSynpufClaimsTest::slow),
            run(List.of(claims, claims), strict, variant, fast(threads, chunk)));
      }
    } finally {
      Files.delete(claims);
      Files.delete(dir);
    }
  }

  /** Carrier rows at every edge the fast path takes itself or hands to the row reader. */
  static final String CARRIER_EDGES =
      String.join(
          "\n",
          CARRIER,
          // two allowed lines, line diagnoses
          row(
              CARRIER,
              "DESYNPUF_ID",
              "A",
              "CLM_ID",
              "1",
              "CLM_FROM_DT",
              "20080215",
              "CLM_THRU_DT",
              "20080215",
              "ICD9_DGNS_CD_1",
              "4019",
              "ICD9_DGNS_CD_2",
              "25000",
              "HCPCS_CD_1",
              "99213",
              "HCPCS_CD_2",
              "99214",
              "LINE_PRCSG_IND_CD_1",
              "A",
              "LINE_PRCSG_IND_CD_2",
              "A",
              "LINE_ICD9_DGNS_CD_1",
              "4019",
              "LINE_ICD9_DGNS_CD_2",
              "4280"),
          // its exact duplicate: counted once
          row(
              CARRIER,
              "DESYNPUF_ID",
              "A",
              "CLM_ID",
              "1",
              "CLM_FROM_DT",
              "20080215",
              "CLM_THRU_DT",
              "20080215",
              "ICD9_DGNS_CD_1",
              "4019",
              "ICD9_DGNS_CD_2",
              "25000",
              "HCPCS_CD_1",
              "99213",
              "HCPCS_CD_2",
              "99214",
              "LINE_PRCSG_IND_CD_1",
              "A",
              "LINE_PRCSG_IND_CD_2",
              "A",
              "LINE_ICD9_DGNS_CD_1",
              "4019",
              "LINE_ICD9_DGNS_CD_2",
              "4280"),
          // the same claim again, another row of it
          row(
              CARRIER,
              "DESYNPUF_ID",
              "A",
              "CLM_ID",
              "1",
              "CLM_FROM_DT",
              "20080216",
              "HCPCS_CD_1",
              "71020"),
          // the same claim, another beneficiary
          row(
              CARRIER,
              "DESYNPUF_ID",
              "B",
              "CLM_ID",
              "1",
              "CLM_FROM_DT",
              "20080216",
              "HCPCS_CD_1",
              "71020"),
          // a denied line, a line slot with a diagnosis and no code, a blank indicator
          row(
              CARRIER,
              "DESYNPUF_ID",
              "B",
              "CLM_ID",
              "2",
              "CLM_FROM_DT",
              "20080301",
              "HCPCS_CD_1",
              "99213",
              "LINE_PRCSG_IND_CD_1",
              "D",
              "HCPCS_CD_2",
              "",
              "LINE_ICD9_DGNS_CD_2",
              "4280",
              "HCPCS_CD_3",
              "99214",
              "LINE_ICD9_DGNS_CD_3",
              "496"),
          // invalid diagnoses: counted as unknown codes, left out
          row(
              CARRIER,
              "DESYNPUF_ID",
              "B",
              "CLM_ID",
              "3",
              "CLM_FROM_DT",
              "20080401",
              "ICD9_DGNS_CD_1",
              "401.9X",
              "HCPCS_CD_1",
              "99213",
              "LINE_ICD9_DGNS_CD_1",
              "XYZ"),
          // an invalid HCPCS code: its effort rejected, its diagnoses kept
          row(
              CARRIER,
              "DESYNPUF_ID",
              "B",
              "CLM_ID",
              "4",
              "CLM_FROM_DT",
              "20080401",
              "ICD9_DGNS_CD_1",
              "4019",
              "HCPCS_CD_1",
              "99A1!"),
          // diagnoses only; no codes at all
          row(
              CARRIER,
              "DESYNPUF_ID",
              "C",
              "CLM_ID",
              "5",
              "CLM_FROM_DT",
              "20080501",
              "ICD9_DGNS_CD_1",
              "4280"),
          row(CARRIER, "DESYNPUF_ID", "C", "CLM_ID", "6", "CLM_FROM_DT", "20080501"),
          // dates: blank from, bad, through before from, ISO, after C's death, before D's birth
          row(CARRIER, "DESYNPUF_ID", "C", "CLM_ID", "7", "HCPCS_CD_1", "99213"),
          row(
              CARRIER,
              "DESYNPUF_ID",
              "C",
              "CLM_ID",
              "8",
              "CLM_FROM_DT",
              "20080231",
              "HCPCS_CD_1",
              "99213"),
          row(
              CARRIER,
              "DESYNPUF_ID",
              "C",
              "CLM_ID",
              "9",
              "CLM_FROM_DT",
              "20080601",
              "CLM_THRU_DT",
              "20080531",
              "HCPCS_CD_1",
              "99213"),
          row(
              CARRIER,
              "DESYNPUF_ID",
              "C",
              "CLM_ID",
              "10",
              "CLM_FROM_DT",
              "2008-06-01",
              "HCPCS_CD_1",
              "99213",
              "ICD9_DGNS_CD_1",
              "4280"),
          row(
              CARRIER,
              "DESYNPUF_ID",
              "C",
              "CLM_ID",
              "11",
              "CLM_FROM_DT",
              "20080610",
              "CLM_THRU_DT",
              "20080620",
              "HCPCS_CD_1",
              "99213",
              "ICD9_DGNS_CD_1",
              "4280"),
          row(
              CARRIER,
              "DESYNPUF_ID",
              "D",
              "CLM_ID",
              "12",
              "CLM_FROM_DT",
              "20080630",
              "CLM_THRU_DT",
              "20080702",
              "HCPCS_CD_1",
              "99214",
              "ICD9_DGNS_CD_1",
              "496"),
          // no record (checked variants), a blank beneficiary, a blank claim id
          row(
              CARRIER,
              "DESYNPUF_ID",
              "E",
              "CLM_ID",
              "13",
              "CLM_FROM_DT",
              "20080801",
              "HCPCS_CD_1",
              "99214",
              "ICD9_DGNS_CD_1",
              "496"),
          row(
              CARRIER,
              "DESYNPUF_ID",
              "",
              "CLM_ID",
              "14",
              "CLM_FROM_DT",
              "20080801",
              "HCPCS_CD_1",
              "99214"),
          row(
              CARRIER,
              "DESYNPUF_ID",
              "D",
              "CLM_ID",
              "",
              "CLM_FROM_DT",
              "20080801",
              "HCPCS_CD_1",
              "99214"),
          // spaces around cells, quotes, non-ASCII, CRLF, blank lines, a wrong column count
          row(
                  CARRIER,
                  "DESYNPUF_ID",
                  " D ",
                  "CLM_ID",
                  " 15",
                  "CLM_FROM_DT",
                  "20080901 ",
                  "HCPCS_CD_1",
                  " 99213 ",
                  "LINE_PRCSG_IND_CD_1",
                  " A ")
              + "\r",
          row(
              CARRIER,
              "DESYNPUF_ID",
              "\"D\"",
              "CLM_ID",
              "16",
              "CLM_FROM_DT",
              "20080902",
              "HCPCS_CD_1",
              "99213"),
          row(
              CARRIER,
              "DESYNPUF_ID",
              "Dé",
              "CLM_ID",
              "17",
              "CLM_FROM_DT",
              "20080903",
              "HCPCS_CD_1",
              "99213"),
          "",
          "   ",
          "\t",
          "D,18,20080904",
          // the first claim again, later: read before
          row(
              CARRIER,
              "DESYNPUF_ID",
              "A",
              "CLM_ID",
              "1",
              "CLM_FROM_DT",
              "20080215",
              "HCPCS_CD_1",
              "99213"),
          row(
              CARRIER,
              "DESYNPUF_ID",
              "D",
              "CLM_ID",
              "19",
              "CLM_FROM_DT",
              "20081001",
              "CLM_THRU_DT",
              "20081001",
              "ICD9_DGNS_CD_1",
              "4019",
              "HCPCS_CD_1",
              "99213",
              "HCPCS_CD_13",
              "99214",
              "LINE_ICD9_DGNS_CD_13",
              "25000"));

  /** Outpatient and inpatient rows: segments, continuation rows, admitting diagnoses. */
  static final String OUTPATIENT_EDGES =
      String.join(
          "\n",
          OUTPATIENT,
          row(
              OUTPATIENT,
              "DESYNPUF_ID",
              "A",
              "CLM_ID",
              "1",
              "SEGMENT",
              "1",
              "CLM_FROM_DT",
              "20080220",
              "CLM_THRU_DT",
              "20080221",
              "ICD9_DGNS_CD_1",
              "496",
              "HCPCS_CD_1",
              "71020",
              "HCPCS_CD_2",
              "85025"),
          // its continuation row: dated by segment 1
          row(
              OUTPATIENT,
              "DESYNPUF_ID",
              "A",
              "CLM_ID",
              "1",
              "SEGMENT",
              "2",
              "ICD9_DGNS_CD_1",
              "4280",
              "HCPCS_CD_1",
              "99213"),
          // a continuation row without its segment 1
          row(
              OUTPATIENT,
              "DESYNPUF_ID",
              "B",
              "CLM_ID",
              "2",
              "SEGMENT",
              "2",
              "ICD9_DGNS_CD_1",
              "4280"),
          row(
              OUTPATIENT,
              "DESYNPUF_ID",
              "B",
              "CLM_ID",
              "3",
              "SEGMENT",
              "1",
              "CLM_FROM_DT",
              "20080605",
              "CLM_THRU_DT",
              "20080605",
              "ICD9_DGNS_CD_1",
              "V5861",
              "ICD9_DGNS_CD_10",
              "2500",
              "HCPCS_CD_45",
              "99214"),
          row(
              OUTPATIENT,
              "DESYNPUF_ID",
              "C",
              "CLM_ID",
              "4",
              "SEGMENT",
              "",
              "CLM_FROM_DT",
              "20080605",
              "HCPCS_CD_1",
              "ZZZZZZ"),
          row(
              OUTPATIENT,
              "DESYNPUF_ID",
              "C",
              "CLM_ID",
              "5",
              "SEGMENT",
              "1",
              "CLM_FROM_DT",
              "20080607"));

  static final String INPATIENT_EDGES =
      String.join(
              "\n",
              INPATIENT,
              row(
                  INPATIENT,
                  "DESYNPUF_ID",
                  "A",
                  "CLM_ID",
                  "1",
                  "SEGMENT",
                  "1",
                  "CLM_FROM_DT",
                  "20080504",
                  "CLM_THRU_DT",
                  "20080508",
                  "ADMTNG_ICD9_DGNS_CD",
                  "78650",
                  "CLM_DRG_CD",
                  "292",
                  "ICD9_DGNS_CD_1",
                  "4280",
                  "ICD9_DGNS_CD_2",
                  "42731"),
              row(
                  INPATIENT,
                  "DESYNPUF_ID",
                  "D",
                  "CLM_ID",
                  "2",
                  "SEGMENT",
                  "1",
                  "CLM_FROM_DT",
                  "20080704",
                  "CLM_THRU_DT",
                  "20080708",
                  "ADMTNG_ICD9_DGNS_CD",
                  "4019",
                  "CLM_DRG_CD",
                  "292",
                  "HCPCS_CD_1",
                  "99213"))
          + "\n";

  private static final String[][] EDGE_FILES = {
    {"carrier.csv", CARRIER_EDGES},
    {"outpatient.csv", OUTPATIENT_EDGES},
    {"inpatient.csv", INPATIENT_EDGES}
  };

  @Test
  void everyEdgeGivesWhatTheRowReaderGives() throws IOException {
    for (String[] f : EDGE_FILES) {
      byte[] bytes = f[1].getBytes(StandardCharsets.UTF_8);
      for (int chunk : new int[] {16, 700, 1 << 16}) {
        for (int threads = 1; threads <= 2; threads++) {
          for (int variant = 0; variant < 32; variant++) {
            compare(f[0], bytes, threads, chunk, variant);
          }
        }
      }
    }
  }

  /** The edge files give what they should, counted by hand (so the comparison compares something). */
  @Test
  void theEdgesAreReadAndRejectedAsExpected() throws IOException {
    Path dir = Files.createTempDirectory("fast-synpuf");
    Path claims = dir.resolve("carrier.csv");
    Files.writeString(claims, CARRIER_EDGES);
    Outcome fast = run(List.of(claims), false, 2, fast(2, 700));
    var rows = fast.result().accounting().of(SynpufClaimReader.Kind.CARRIER.rows());
    // lines 2 to 28, three of them blank; rejected (dated by CLM_FROM_DT, checked against the
    // records): 3 duplicate row, 5 another beneficiary, 11 blank from, 12 bad date, 13 through
    // before from, 16 before D's birth, 18 blank id, 19 blank claim id, 26 column count, 27 read
    // before
    assertEquals(24, rows.read(), rows.toString());
    assertEquals(14, rows.accepted(), rows.toString());
    List<Long> lines =
        fast.rejects().stream()
            .filter(r -> !r.contains("no beneficiary record"))
            .map(r -> Long.parseLong(r.split(":", -1)[1]))
            .toList();
    assertEquals(
        List.of(3L, 5L, 11L, 12L, 13L, 16L, 18L, 19L, 26L, 27L), lines, fast.rejects().toString());
    assertTrue(fast.rejects().get(fast.rejects().size() - 1).contains("was read before"));
    Files.delete(claims);
    Files.delete(dir);
  }

  @Test
  void gzipIsReadToo() throws IOException {
    Path dir = Files.createTempDirectory("fast-synpuf");
    Path gz = dir.resolve("carrier.csv.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      out.write(CARRIER_EDGES.getBytes(StandardCharsets.UTF_8));
    }
    for (boolean strict : new boolean[] {false, true}) {
      assertSame(
          run(List.of(gz), strict, 2, FastSynpufClaimsTest::slow),
          run(List.of(gz), strict, 2, fast(2, 64)));
    }
    Files.delete(gz);
    Files.delete(dir);
  }

  @Provide
  Arbitrary<byte[]> hostileCarrier() {
    return Mutations.hostile(CARRIER_EDGES.getBytes(StandardCharsets.UTF_8));
  }

  @Provide
  Arbitrary<byte[]> hostileOutpatient() {
    return Mutations.hostile(OUTPATIENT_EDGES.getBytes(StandardCharsets.UTF_8));
  }

  @Property(tries = 400)
  void anyMutatedCarrierFileGivesWhatTheRowReaderGives(
      @ForAll("hostileCarrier") byte[] file,
      @ForAll @IntRange(min = 1, max = 3) int threads,
      @ForAll @IntRange(min = 16, max = 2000) int chunk,
      @ForAll @IntRange(min = 0, max = 31) int variant)
      throws IOException {
    compare("carrier.csv", file, threads, chunk, variant);
  }

  @Property(tries = 300)
  void anyMutatedOutpatientFileGivesWhatTheRowReaderGives(
      @ForAll("hostileOutpatient") byte[] file,
      @ForAll @IntRange(min = 1, max = 3) int threads,
      @ForAll @IntRange(min = 16, max = 2000) int chunk,
      @ForAll @IntRange(min = 0, max = 31) int variant)
      throws IOException {
    compare("outpatient.csv", file, threads, chunk, variant);
  }

  @Provide
  Arbitrary<String> validCarrier() {
    Arbitrary<String> row =
        net.jqwik.api.Combinators.combine(
                Arbitraries.of("1", "2", "3", "4"),
                Arbitraries.of("A", "B", "C", "D", "E"),
                Arbitraries.integers().between(1, 360),
                Arbitraries.of(-1, 0, 5),
                Arbitraries.of("99213", "99214", "27447", "J1100", "", "9921X"),
                Arbitraries.of("", "A", "D", "R"),
                Arbitraries.of("4019", "25000", "", "X99", "4280"),
                Arbitraries.of("496", "", "V700"))
            .as(
                (claim, bene, day, through, proc, status, dx, lineDx) -> {
                  LocalDate from = LocalDate.of(2008, 1, 1).plusDays(day);
                  String f = from.format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE);
                  String t =
                      through < 0
                          ? ""
                          : from.plusDays(through)
                              .format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE);
                  return row(
                      CARRIER,
                      "DESYNPUF_ID",
                      bene,
                      "CLM_ID",
                      claim,
                      "CLM_FROM_DT",
                      f,
                      "CLM_THRU_DT",
                      t,
                      "ICD9_DGNS_CD_1",
                      dx,
                      "HCPCS_CD_1",
                      proc,
                      "LINE_PRCSG_IND_CD_1",
                      status,
                      "LINE_ICD9_DGNS_CD_1",
                      lineDx,
                      "HCPCS_CD_2",
                      proc.isEmpty() ? "" : "99213");
                });
    return row.list().ofMaxSize(40).map(rows -> CARRIER + "\n" + String.join("\n", rows) + "\n");
  }

  @Property(tries = 200)
  void anyValidCarrierFileGivesWhatTheRowReaderGives(
      @ForAll("validCarrier") String file,
      @ForAll @IntRange(min = 1, max = 3) int threads,
      @ForAll @IntRange(min = 16, max = 2000) int chunk,
      @ForAll @IntRange(min = 0, max = 31) int variant)
      throws IOException {
    compare("carrier.csv", file.getBytes(StandardCharsets.UTF_8), threads, chunk, variant);
  }
}
