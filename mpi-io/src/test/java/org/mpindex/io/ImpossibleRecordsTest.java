package org.mpindex.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
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
import org.mpindex.core.index.IngestAccounting;
import org.mpindex.core.index.IngestMode;
import org.mpindex.core.index.IngestTally;
import org.mpindex.core.index.MpiSpec;
import org.mpindex.core.index.RecordCounts;
import org.mpindex.core.index.RecordSink;
import org.mpindex.core.index.StudyPeriod;
import org.mpindex.core.spi.MalformedRecordException;
import org.mpindex.testkit.SimpleBurdenGrouper;
import org.mpindex.testkit.SimpleEffortCalculator;

/**
 * Issue 25 points 7 and 10: records that cannot be true (a service before birth or after death, one
 * claim id for two beneficiaries, a column named twice, an empty code from a leading separator) are
 * counted rejections or notes, and rows of an id without a beneficiary record are listed with their
 * line; the fast claims path and the row reader agree on all of it.
 */
class ImpossibleRecordsTest {
  private static final String HEADER =
      "claim_id,beneficiary_id,from_date,through_date,claim_type,procedure,modifiers,units,place_of_service,code_system,diagnoses\n";

  /** A born 1930-05-10, alive; D born 1935-03-03, died 2008-08-20. */
  private static IndexAssembler assembler(boolean strict) {
    MpiSpec spec =
        MpiSpec.builder()
            .studyPeriod(StudyPeriod.of(LocalDate.of(2008, 1, 1), LocalDate.of(2008, 12, 31)))
            .minimumEligibleWindows(2)
            .ingestMode(strict ? IngestMode.STRICT : IngestMode.LENIENT)
            .build();
    IndexAssembler a =
        IndexAssembler.create(
            spec,
            SimpleEffortCalculator.of(Map.of(ProcedureCode.of("99213"), 920_000L)),
            SimpleBurdenGrouper.of(List.of("htn"), Map.of(DiagnosisCode.icd9("401"), 0)));
    Geography wy = Geography.of(UsState.WY);
    a.add(Beneficiary.of("A", LocalDate.of(1930, 5, 10), Sex.FEMALE, wy));
    a.add(
        new Beneficiary(
            "D", LocalDate.of(1935, 3, 3), Optional.of(LocalDate.of(2008, 8, 20)), Sex.MALE, wy));
    for (String id : new String[] {"A", "D"}) {
      a.add(
          Enrollment.of(
              id, LocalDate.of(2008, 1, 1), LocalDate.of(2008, 12, 31), Program.MEDICARE_FFS));
    }
    return a;
  }

  private record Outcome(IngestAccounting accounting, List<String> rejects) {}

  private Outcome read(String text, boolean fast, boolean strict) throws IOException {
    Path dir = Files.createTempDirectory("impossible");
    Path f = dir.resolve("claims.csv");
    Files.writeString(f, text, StandardCharsets.UTF_8);
    try {
      return read(f, fast, strict);
    } finally {
      Files.delete(f);
      Files.delete(dir);
    }
  }

  private static Outcome read(Path f, boolean fast, boolean strict) {
    List<String> rejects = new ArrayList<>();
    IndexAssembler a = assembler(strict);
    TidyCsvReader r =
        new TidyCsvReader(
                (strict ? IngestMode.STRICT : IngestMode.LENIENT), ClaimDating.SERVICE_FROM)
            .rejectsTo(
                e ->
                    rejects.add(
                        e.line() + ":" + e.column() + ":" + e.reason() + ":" + e.getMessage()))
            .checkedAgainst(a::beneficiary);
    if (fast) {
      new FastTidyClaims(r, 2, 64).read(f, a, a.tally());
    } else {
      r.read(f, TidyCsvReader.CLAIM_ROWS, RecordSink.into(a), a.tally(), false);
    }
    return new Outcome(a.assemble().accounting(), rejects);
  }

  static final String LIFE =
      HEADER
          + "C1,D,2008-08-20,,professional,99213,,1,11,icd9,401.9\n" // the day of death: kept
          + "C2,D,2008-08-21,,professional,99213,,1,11,icd9,401.9\n" // the day after: rejected
          + "C3,A,1930-05-09,,professional,99213,,1,11,icd9,401.9\n" // the day before birth
          + "C4,A,1930-05-10,,professional,99213,,1,11,icd9,401.9\n" // the day of birth: kept
          + "C5,E,2008-03-01,,professional,99213,,1,11,icd9,401.9\n" // no beneficiary record
          + "C6,A,2008-03-01,,professional,99213,,1,11,icd9,401.9\n"
          + "C6,D,2008-03-01,,professional,99213,,1,11,icd9,401.9\n" // C6 is A's claim
          + "C6,A,2008-03-02,,professional,99213,,1,11,icd9,401.9\n"; // A's again: kept

  @Test
  void serviceOutsideTheLifeAndAClaimOfTwoBeneficiariesAreRejectedAndOrphansListed()
      throws IOException {
    for (boolean fast : new boolean[] {false, true}) {
      Outcome o = read(LIFE, fast, false);
      // 8 rows: C2 (after death), C3 (before birth), the D row of C6 rejected; 5 accepted
      RecordCounts rows = o.accounting().of(TidyCsvReader.CLAIM_ROWS);
      assertEquals(8, rows.read(), "fast " + fast);
      assertEquals(5, rows.accepted(), "fast " + fast);
      assertEquals(
          Map.of(
              "service after death (from_date)", 1L,
              "service before birth (from_date)", 1L,
              "claim id of another beneficiary (beneficiary_id)", 1L),
          rows.rejected(),
          "fast " + fast);
      // the 5 accepted lines reach the assembler; E's is rejected there (no beneficiary record)
      RecordCounts lines = o.accounting().of(IngestTally.CLAIM_LINES);
      assertEquals(5, lines.read());
      assertEquals(Map.of(IndexAssembler.NO_BENEFICIARY.text(), 1L), lines.rejected());
      // each rejection listed with its line (header = line 1), E's row too
      assertEquals(4, o.rejects().size(), o.rejects().toString());
      assertTrue(
          o.rejects().get(0).startsWith("3:from_date:service after death"), o.rejects().toString());
      assertTrue(
          o.rejects().get(1).startsWith("4:from_date:service before birth"),
          o.rejects().toString());
      assertTrue(
          o.rejects().get(2).startsWith("6:beneficiary_id:no beneficiary record:"),
          o.rejects().toString());
      assertTrue(
          o.rejects().get(3).startsWith("8:beneficiary_id:claim id of another beneficiary"),
          o.rejects().toString());
    }
    assertEquals(read(LIFE, false, false), read(LIFE, true, false));
  }

  @Test
  void strictModeStopsAtTheFirstImpossibleRow() {
    for (boolean fast : new boolean[] {false, true}) {
      MalformedRecordException e =
          assertThrows(MalformedRecordException.class, () -> read(LIFE, fast, true));
      assertEquals(3, e.line());
      assertEquals("from_date", e.column());
      assertTrue(
          e.getMessage().contains("after beneficiary D's death on 2008-08-20"), e.getMessage());
    }
  }

  /**
   * Whatever the chunking, the fast path and the row reader give the same accounting and listing
   * for a file with rows of impossible dates, another beneficiary, and no beneficiary record.
   */
  @Property(tries = 30)
  void fastAndRowReaderAgree(@ForAll @IntRange(min = 0, max = 7) int cut) throws IOException {
    List<String> rows = LIFE.substring(HEADER.length()).lines().toList();
    StringBuilder b = new StringBuilder(HEADER);
    for (int i = 0; i < rows.size(); i++) {
      b.append(rows.get((i + cut) % rows.size())).append('\n');
    }
    assertEquals(read(b.toString(), false, false), read(b.toString(), true, false));
  }

  @Test
  void aColumnNamedTwiceIsAnErrorNamingFileLineAndColumn() throws IOException {
    String text =
        """
        claim_id,beneficiary_id,from_date,diagnoses,FROM_DATE
        C1,A,2008-02-01,401.9,2008-03-01
        """;
    for (boolean fast : new boolean[] {false, true}) {
      for (boolean strict : new boolean[] {false, true}) {
        MalformedRecordException e =
            assertThrows(MalformedRecordException.class, () -> read(text, fast, strict));
        assertTrue(e.file().endsWith("claims.csv"), e.file());
        assertEquals(1, e.line());
        assertEquals("FROM_DATE", e.column());
        assertEquals(org.mpindex.core.text.CsvTable.REPEATED_COLUMN, e.reason());
        assertTrue(e.getMessage().contains("columns 3 and 5"), e.getMessage());
      }
    }
    // a column the reader does not use may repeat
    Outcome o =
        read("claim_id,beneficiary_id,from_date,note,note\nC1,A,2008-02-01,x,y\n", false, false);
    assertEquals(1, o.accounting().of(TidyCsvReader.CLAIM_ROWS).accepted());
  }

  /**
   * Any column of the claims layout written a second time, in any case and at any place of the
   * header, is an error at line 1 naming it, on both read paths.
   */
  @Property(tries = 40)
  void anyUsedColumnRepeatedIsNamed(
      @ForAll @IntRange(min = 0, max = 10) int column,
      @ForAll @IntRange(min = 0, max = 11) int at,
      @ForAll boolean upper,
      @ForAll boolean fast)
      throws IOException {
    List<String> names = new ArrayList<>(List.of(HEADER.strip().split(",", -1)));
    String name = names.get(column);
    String again = upper ? name.toUpperCase(java.util.Locale.ROOT) : name;
    names.add(at, again);
    String text = String.join(",", names) + "\n";
    MalformedRecordException e =
        assertThrows(MalformedRecordException.class, () -> read(text, fast, false));
    assertEquals(1, e.line());
    assertEquals(org.mpindex.core.text.CsvTable.REPEATED_COLUMN, e.reason());
    assertTrue(e.column().equalsIgnoreCase(name), e.column() + " for " + name);
  }

  @Test
  void anEmptyCodeFromALeadingSeparatorIsANoteAndTheCodesAfterItCount() throws IOException {
    String text =
        HEADER
            + "C1,A,2008-02-01,,professional,99213,|25,1,11,icd9,|401.9\n"
            + "C2,A,2008-02-01,,professional,99213,,1,11,icd9,;401.9 250.00\n";
    for (boolean fast : new boolean[] {false, true}) {
      for (boolean strict : new boolean[] {false, true}) {
        Outcome o = read(text, fast, strict);
        // three cells start with a separator: C1's modifiers and diagnoses, C2's diagnoses
        assertEquals(3L, o.accounting().notes().get(TidyCsvReader.LEADING_SEPARATOR));
        // no row, effort or code is lost: today "|25" rejected C1's effort (bad modifier) and
        // "|401.9" counted an empty invalid diagnosis code
        assertEquals(2, o.accounting().of(TidyCsvReader.CLAIM_ROWS).accepted());
        RecordCounts efforts = o.accounting().of(IngestTally.LINE_EFFORTS);
        assertEquals(Map.of(), efforts.rejected());
        assertEquals(
            List.of(),
            o.accounting().unknownCodes().keySet().stream()
                .filter(k -> k.startsWith("invalid"))
                .toList());
      }
    }
  }

  private static String carrier(String id, String claim, String day) {
    return SynpufEdgeTest.row(
            SynpufEdgeTest.CARRIER,
            Map.of(
                "DESYNPUF_ID", id,
                "CLM_ID", claim,
                "CLM_FROM_DT", day,
                "CLM_THRU_DT", day,
                "HCPCS_CD_1", "99213",
                "LINE_ICD9_DGNS_CD_1", "4019"))
        + "\n";
  }

  /** The DE-SynPUF carrier reader: the same checks against the summaries read before. */
  @Test
  void synpufClaimsAreCheckedAgainstTheSummaries() {
    String csv =
        SynpufEdgeTest.CARRIER
            + "\n"
            + carrier("D", "1", "20080820") // the day of death: kept
            + carrier("D", "2", "20080821") // after death
            + carrier("E", "3", "20080301") // no summary record: listed
            + carrier("A", "4", "20080301")
            + carrier("D", "4", "20080301"); // claim 4 is A's
    List<String> rejects = new ArrayList<>();
    IndexAssembler a = assembler(false);
    IngestTally t =
        new SynpufClaimReader(IngestMode.LENIENT)
            .rejectsTo(e -> rejects.add(e.line() + ":" + e.column() + ":" + e.reason()))
            .checkedAgainst(a::beneficiary, ClaimDating.SERVICE_FROM)
            .read("carrier.csv", new java.io.StringReader(csv), RecordSink.into(a));
    RecordCounts rows = t.snapshot().records().get("DE-SynPUF carrier claim rows");
    assertEquals(5, rows.read());
    assertEquals(3, rows.accepted());
    assertEquals(
        Map.of(
            "service after death (CLM_FROM_DT)", 1L,
            "claim id of another beneficiary (DESYNPUF_ID)", 1L),
        rows.rejected());
    assertEquals(
        List.of(
            "3:CLM_FROM_DT:service after death (CLM_FROM_DT)",
            "4:DESYNPUF_ID:no beneficiary record",
            "6:DESYNPUF_ID:claim id of another beneficiary (DESYNPUF_ID)"),
        rejects);
  }
}
