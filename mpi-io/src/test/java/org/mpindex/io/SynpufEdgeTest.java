package org.mpindex.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.mpindex.core.claims.Beneficiary;
import org.mpindex.core.claims.ClaimLine;
import org.mpindex.core.claims.DiagnosisCode;
import org.mpindex.core.claims.Enrollment;
import org.mpindex.core.claims.UsState;
import org.mpindex.core.index.IngestMode;
import org.mpindex.core.index.IngestTally;
import org.mpindex.core.index.RecordCounts;
import org.mpindex.core.index.RecordSink;
import org.mpindex.core.spi.MalformedRecordException;

/**
 * DE-SynPUF rows at the edges (issue 8): carrier line slots with a diagnosis and no HCPCS code,
 * continuation rows (SEGMENT 2) of institutional claims, territories, and summary rows that are
 * wrong in one field. Rows are written against the real headers of the fixture files.
 */
class SynpufEdgeTest {

  static String header(String fixture) {
    try {
      return Files.readAllLines(SynpufReaderTest.fixture(fixture)).get(0);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A row of {@code header} with the given cells set, every other cell empty. */
  static String row(String header, Map<String, String> cells) {
    String[] names = header.split(",", -1);
    String[] out = new String[names.length];
    for (int i = 0; i < names.length; i++) {
      out[i] = cells.getOrDefault(names[i], "");
    }
    assertEquals(
        cells.size(),
        cells.keySet().stream().filter(List.of(names)::contains).count(),
        "unknown column");
    return String.join(",", out);
  }

  static final String CARRIER = header("DE1_0_2008_to_2010_Carrier_Claims_Sample_1A.csv");
  static final String OUTPATIENT = header("DE1_0_2008_to_2010_Outpatient_Claims_Sample_1.csv");

  @Test
  void carrierLineSlotsWithADiagnosisAndNoHcpcsCodeKeepTheDiagnosis() {
    // One claim: slot 1 has 99213 with 401.9; slot 2 has no HCPCS code but line diagnosis 428.0;
    // slot 3 has neither. Before, 428.0 vanished.
    String csv =
        CARRIER
            + "\n"
            + row(
                CARRIER,
                Map.of(
                    "DESYNPUF_ID",
                    "P1",
                    "CLM_ID",
                    "C1",
                    "CLM_FROM_DT",
                    "20090215",
                    "CLM_THRU_DT",
                    "20090215",
                    "ICD9_DGNS_CD_1",
                    "25000",
                    "HCPCS_CD_1",
                    "99213",
                    "LINE_ICD9_DGNS_CD_1",
                    "4019",
                    "LINE_ICD9_DGNS_CD_2",
                    "4280"))
            + "\n"
            // a row with line diagnoses only, no claim diagnosis and no HCPCS code at all
            + row(
                CARRIER,
                Map.of(
                    "DESYNPUF_ID",
                    "P1",
                    "CLM_ID",
                    "C2",
                    "CLM_FROM_DT",
                    "20090301",
                    "CLM_THRU_DT",
                    "20090301",
                    "LINE_ICD9_DGNS_CD_1",
                    "496"))
            + "\n";
    List<Object> out = new ArrayList<>();
    IngestTally t =
        new SynpufClaimReader(IngestMode.STRICT)
            .read("carrier.csv", new StringReader(csv), RecordSink.each(out::add));
    List<ClaimLine> lines = out.stream().map(o -> (ClaimLine) o).toList();
    assertEquals(3, lines.size());
    assertEquals(
        List.of(DiagnosisCode.icd9("25000"), DiagnosisCode.icd9("4019")), lines.get(0).diagnoses());
    assertEquals("99213", lines.get(0).procedure().orElseThrow().code());
    // slot 2: a diagnosis-only line with the claim's diagnosis and its own
    assertEquals(Optional.empty(), lines.get(1).procedure());
    assertEquals(
        List.of(DiagnosisCode.icd9("25000"), DiagnosisCode.icd9("4280")), lines.get(1).diagnoses());
    assertEquals(List.of(DiagnosisCode.icd9("496")), lines.get(2).diagnoses());
    // two slots carried a diagnosis only; no row is "without any code"
    assertEquals(2L, t.snapshot().notes().get(SynpufClaimReader.DIAGNOSIS_ONLY_SLOTS));
    assertEquals(null, t.snapshot().notes().get(SynpufClaimReader.ROWS_WITHOUT_CODES));
    assertEquals(3L, t.snapshot().notes().get(SynpufClaimReader.LINES_PRODUCED));
  }

  @Test
  void segmentTwoRowsContinueTheirClaimWithItsDates() {
    String csv =
        OUTPATIENT
            + "\n"
            + row(
                OUTPATIENT,
                Map.of(
                    "DESYNPUF_ID",
                    "P1",
                    "CLM_ID",
                    "C1",
                    "SEGMENT",
                    "1",
                    "CLM_FROM_DT",
                    "20090220",
                    "CLM_THRU_DT",
                    "20090222",
                    "ICD9_DGNS_CD_1",
                    "496",
                    "HCPCS_CD_1",
                    "71020"))
            + "\n"
            + row(
                OUTPATIENT,
                Map.of(
                    "DESYNPUF_ID",
                    "P1",
                    "CLM_ID",
                    "C1",
                    "SEGMENT",
                    "2",
                    "ICD9_DGNS_CD_1",
                    "4280",
                    "HCPCS_CD_1",
                    "85025"))
            + "\n"
            // a segment 2 whose segment 1 is nowhere: rejected, naming the column
            + row(
                OUTPATIENT,
                Map.of(
                    "DESYNPUF_ID", "P1", "CLM_ID", "C9", "SEGMENT", "2", "ICD9_DGNS_CD_1", "4019"))
            + "\n";
    List<Object> out = new ArrayList<>();
    IngestTally t =
        new SynpufClaimReader(IngestMode.LENIENT)
            .read("outpatient.csv", new StringReader(csv), RecordSink.each(out::add));
    List<ClaimLine> lines = out.stream().map(o -> (ClaimLine) o).toList();
    assertEquals(2, lines.size());
    ClaimLine continued = lines.get(1);
    assertEquals("85025", continued.procedure().orElseThrow().code());
    assertEquals(LocalDate.of(2009, 2, 20), continued.serviceFrom());
    assertEquals(LocalDate.of(2009, 2, 22), continued.serviceThrough());
    assertEquals(List.of(DiagnosisCode.icd9("4280")), continued.diagnoses());
    RecordCounts rows = t.snapshot().of(SynpufClaimReader.Kind.OUTPATIENT.rows());
    assertEquals(
        new RecordCounts(
            3, 2, new TreeMap<>(Map.of("segment without its segment 1 (SEGMENT)", 1L))),
        rows);
    assertEquals(1L, t.snapshot().notes().get(SynpufClaimReader.CONTINUATION_ROWS));
  }

  static final String SUMMARY =
      "DESYNPUF_ID,BENE_BIRTH_DT,BENE_DEATH_DT,BENE_SEX_IDENT_CD,SP_STATE_CODE,BENE_COUNTY_CD,"
          + "BENE_HI_CVRAGE_TOT_MONS,BENE_SMI_CVRAGE_TOT_MONS,BENE_HMO_CVRAGE_TOT_MONS\n";

  @Test
  void oneBadSummaryRowIsACountedRejectionInLenientMode() {
    String csv =
        SUMMARY
            + "X1,19300101,19200101,1,05,200,12,12,0\n" // death before birth
            + "X2,19300101,,1,05,-1,12,12,0\n" // county -1
            + "X3,19300101,,1,AB,200,12,12,0\n" // bad state: blamed on the state column
            + "X4,19300101,,1,48,010,12,12,0\n" // Virgin Islands
            + "X5,19300101,,2,54,999,12,12,0\n"; // others
    List<Object> out = new ArrayList<>();
    IngestTally t =
        new SynpufBeneficiaryReader(IngestMode.LENIENT, SynpufCoverage.DEFAULT)
            .read("s.csv", 2009, new StringReader(csv), RecordSink.each(out::add));
    assertEquals(
        new RecordCounts(
            5,
            2,
            new TreeMap<>(
                Map.of(
                    "death before birth (BENE_DEATH_DT)",
                    1L,
                    "bad county (BENE_COUNTY_CD)",
                    1L,
                    "bad state (SP_STATE_CODE)",
                    1L))),
        t.snapshot().of(SynpufBeneficiaryReader.ROWS));
    List<Beneficiary> bens =
        out.stream().filter(o -> o instanceof Beneficiary).map(o -> (Beneficiary) o).toList();
    assertEquals(
        List.of(UsState.VI, UsState.OT),
        bens.stream().map(b -> b.geography().state().orElseThrow()).toList());
    assertEquals(Optional.of("48010"), bens.get(0).geography().countySsa());

    SynpufBeneficiaryReader strict =
        new SynpufBeneficiaryReader(IngestMode.STRICT, SynpufCoverage.DEFAULT);
    MalformedRecordException e =
        assertThrows(
            MalformedRecordException.class,
            () ->
                strict.read(
                    "s.csv",
                    2009,
                    new StringReader(SUMMARY + "X3,19300101,,1,AB,200,12,12,0\n"),
                    RecordSink.each(o -> {})));
    assertEquals(
        "s.csv:2: column SP_STATE_CODE: 'AB' is not an SSA state code (1-54)", e.getMessage());
  }

  @Test
  void inTheYearOfDeathCoverageRunsToTheDeathMonth() {
    // died 2009-05-12 with 5 months of Part A and B: January to May (the months up to death)
    List<Object> out = new ArrayList<>();
    new SynpufBeneficiaryReader(IngestMode.STRICT, SynpufCoverage.DEFAULT)
        .read(
            "s.csv",
            2009,
            new StringReader(SUMMARY + "X1,19300101,20090512,1,05,200,5,5,0\n"),
            RecordSink.each(out::add));
    Enrollment span =
        out.stream()
            .filter(o -> o instanceof Enrollment)
            .map(o -> (Enrollment) o)
            .findFirst()
            .orElseThrow();
    assertEquals(LocalDate.of(2009, 1, 1), span.start());
    assertEquals(LocalDate.of(2009, 5, 31), span.end());
    // 3 months of Part B dying in May: March to May, never after death
    out.clear();
    new SynpufBeneficiaryReader(IngestMode.STRICT, SynpufCoverage.DEFAULT)
        .read(
            "s.csv",
            2009,
            new StringReader(SUMMARY + "X1,19300101,20090512,1,05,200,3,3,0\n"),
            RecordSink.each(out::add));
    span =
        out.stream()
            .filter(o -> o instanceof Enrollment)
            .map(o -> (Enrollment) o)
            .findFirst()
            .orElseThrow();
    assertEquals(LocalDate.of(2009, 3, 1), span.start());
    assertTrue(span.end().equals(LocalDate.of(2009, 5, 31)));
  }

  @Test
  void linesMedicareDidNotAllowKeepTheirDiagnosesButNoEffort() {
    // slot 1 allowed (A), slot 2 denied as medically unnecessary (N), slot 3 no indicator (allowed)
    String csv =
        CARRIER
            + "\n"
            + row(
                CARRIER,
                Map.of(
                    "DESYNPUF_ID",
                    "P1",
                    "CLM_ID",
                    "C1",
                    "CLM_FROM_DT",
                    "20090215",
                    "CLM_THRU_DT",
                    "20090215",
                    "HCPCS_CD_1",
                    "99213",
                    "LINE_PRCSG_IND_CD_1",
                    "A",
                    "HCPCS_CD_2",
                    "99214",
                    "LINE_PRCSG_IND_CD_2",
                    "N",
                    "LINE_ICD9_DGNS_CD_2",
                    "4280",
                    "HCPCS_CD_3",
                    "93000"))
            + "\n";
    List<Object> out = new ArrayList<>();
    IngestTally t =
        new SynpufClaimReader(IngestMode.STRICT)
            .read("carrier.csv", new StringReader(csv), RecordSink.each(out::add));
    List<ClaimLine> lines = out.stream().map(o -> (ClaimLine) o).toList();
    assertEquals(3, lines.size());
    assertEquals("99213", lines.get(0).procedure().orElseThrow().code());
    // the denied line: no procedure, no units, its diagnosis kept; its effort counted as rejected
    assertEquals(Optional.empty(), lines.get(1).procedure());
    assertEquals(0, lines.get(1).units());
    assertEquals(List.of(DiagnosisCode.icd9("4280")), lines.get(1).diagnoses());
    assertEquals("93000", lines.get(2).procedure().orElseThrow().code());
    var efforts = t.snapshot().of(org.mpindex.core.index.IngestTally.LINE_EFFORTS);
    assertEquals(
        java.util.Map.of("line not allowed (LINE_PRCSG_IND_CD) N", 1L), efforts.rejected());
    // the option values it as allowed
    List<Object> all = new ArrayList<>();
    new SynpufClaimReader(IngestMode.STRICT)
        .deniedLinesCarryEffort(true)
        .read("carrier.csv", new StringReader(csv), RecordSink.each(all::add));
    assertEquals("99214", ((ClaimLine) all.get(1)).procedure().orElseThrow().code());
  }

  @Test
  void aClaimReadInTwoFilesIsReadOnce() {
    String c1 =
        row(
            CARRIER,
            Map.of(
                "DESYNPUF_ID",
                "P1",
                "CLM_ID",
                "C1",
                "CLM_FROM_DT",
                "20090215",
                "CLM_THRU_DT",
                "20090215",
                "HCPCS_CD_1",
                "99213"));
    String c2 =
        row(
            CARRIER,
            Map.of(
                "DESYNPUF_ID",
                "P1",
                "CLM_ID",
                "C2",
                "CLM_FROM_DT",
                "20090301",
                "CLM_THRU_DT",
                "20090301",
                "HCPCS_CD_1",
                "99214"));
    SynpufClaimReader reader = new SynpufClaimReader(IngestMode.LENIENT);
    List<Object> out = new ArrayList<>();
    IngestTally a =
        reader.read(
            "1A.csv",
            new StringReader(CARRIER + "\n" + c1 + "\n" + c2 + "\n"),
            RecordSink.each(out::add));
    // file 1B repeats C1 (the files overlap) and holds C3
    String c3 = c1.replace("C1", "C3");
    IngestTally b =
        reader.read(
            "1B.csv",
            new StringReader(CARRIER + "\n" + c1 + "\n" + c3 + "\n"),
            RecordSink.each(out::add));
    assertEquals(3, out.size(), "C1, C2 and C3 once each");
    var rows = b.snapshot().of(SynpufClaimReader.Kind.CARRIER.rows());
    assertEquals(2, rows.read());
    assertEquals(
        java.util.Map.of(SynpufClaimReader.DUPLICATE_CLAIM + " (CLM_ID)", 1L), rows.rejected());
    assertTrue(rows.balanced() && a.snapshot().balanced());
    // strict mode names the file, line and column
    SynpufClaimReader strict = new SynpufClaimReader(IngestMode.STRICT);
    strict.read("1A.csv", new StringReader(CARRIER + "\n" + c1 + "\n"), RecordSink.each(o -> {}));
    org.mpindex.core.spi.MalformedRecordException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            org.mpindex.core.spi.MalformedRecordException.class,
            () ->
                strict.read(
                    "1B.csv",
                    new StringReader(CARRIER + "\n" + c1 + "\n"),
                    RecordSink.each(o -> {})));
    assertTrue(e.getMessage().startsWith("1B.csv:2: column CLM_ID"), e.getMessage());
  }

  @Test
  void diagnosisSourcesChooseWhichCodesCount() {
    // header 250.00, line 401.9; an outpatient claim with header 428.0 and admitting 496
    String carrier =
        CARRIER
            + "\n"
            + row(
                CARRIER,
                Map.of(
                    "DESYNPUF_ID",
                    "P1",
                    "CLM_ID",
                    "C1",
                    "CLM_FROM_DT",
                    "20090215",
                    "CLM_THRU_DT",
                    "20090215",
                    "ICD9_DGNS_CD_1",
                    "25000",
                    "HCPCS_CD_1",
                    "99213",
                    "LINE_ICD9_DGNS_CD_1",
                    "4019"))
            + "\n";
    String outpatient =
        OUTPATIENT
            + "\n"
            + row(
                OUTPATIENT,
                Map.of(
                    "DESYNPUF_ID",
                    "P1",
                    "CLM_ID",
                    "O1",
                    "CLM_FROM_DT",
                    "20090301",
                    "CLM_THRU_DT",
                    "20090301",
                    "ICD9_DGNS_CD_1",
                    "4280",
                    "ADMTNG_ICD9_DGNS_CD",
                    "496"))
            + "\n";
    for (var c :
        List.of(
            List.of(
                java.util.Set.of(SynpufClaimReader.DiagnosisSource.HEADER),
                List.of("25000"),
                List.of("4280")),
            List.of(
                java.util.Set.of(SynpufClaimReader.DiagnosisSource.LINE),
                List.of("4019"),
                List.of()),
            List.of(
                java.util.Set.of(
                    SynpufClaimReader.DiagnosisSource.HEADER,
                    SynpufClaimReader.DiagnosisSource.ADMITTING),
                List.of("25000"),
                List.of("4280", "496")))) {
      @SuppressWarnings("unchecked")
      java.util.Set<SynpufClaimReader.DiagnosisSource> sources =
          (java.util.Set<SynpufClaimReader.DiagnosisSource>) c.get(0);
      SynpufClaimReader r = new SynpufClaimReader(IngestMode.STRICT).diagnosisSources(sources);
      List<Object> out = new ArrayList<>();
      r.read("carrier.csv", new StringReader(carrier), RecordSink.each(out::add));
      r.read("outpatient.csv", new StringReader(outpatient), RecordSink.each(out::add));
      assertEquals(
          c.get(1),
          ((ClaimLine) out.get(0)).diagnoses().stream().map(DiagnosisCode::code).toList(),
          sources.toString());
      List<String> second =
          out.size() > 1
              ? ((ClaimLine) out.get(1)).diagnoses().stream().map(DiagnosisCode::code).toList()
              : List.of();
      assertEquals(c.get(2), second, sources.toString());
    }
    assertThrows(
        IllegalArgumentException.class,
        () -> new SynpufClaimReader(IngestMode.STRICT).diagnosisSources(java.util.Set.of()));
  }
}
