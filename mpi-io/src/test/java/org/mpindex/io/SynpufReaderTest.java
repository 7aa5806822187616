package org.mpindex.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.mpindex.core.claims.Beneficiary;
import org.mpindex.core.claims.ClaimLine;
import org.mpindex.core.claims.ClaimType;
import org.mpindex.core.claims.DiagnosisCode;
import org.mpindex.core.claims.Enrollment;
import org.mpindex.core.claims.Program;
import org.mpindex.core.claims.Sex;
import org.mpindex.core.claims.UsState;
import org.mpindex.core.index.IngestMode;
import org.mpindex.core.index.IngestTally;
import org.mpindex.core.index.RecordCounts;
import org.mpindex.core.index.RecordSink;
import org.mpindex.core.spi.MalformedRecordException;

class SynpufReaderTest {

  static Path fixture(String name) {
    try {
      return Path.of(SynpufReaderTest.class.getResource("/synpuf/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static final Path BENE08 = fixture("DE1_0_2008_Beneficiary_Summary_File_Sample_1.csv");
  static final Path BENE09 = fixture("DE1_0_2009_Beneficiary_Summary_File_Sample_1.csv");
  static final Path CARRIER = fixture("DE1_0_2008_to_2010_Carrier_Claims_Sample_1A.csv");

  @Test
  void beneficiariesAndEnrollmentFromTwoYears() {
    List<Object> out = new ArrayList<>();
    IngestTally t =
        new SynpufBeneficiaryReader(IngestMode.LENIENT, SynpufCoverage.DEFAULT)
            .read(List.of(BENE08, BENE09), RecordSink.each(out::add));
    List<Beneficiary> bens =
        out.stream().filter(o -> o instanceof Beneficiary).map(o -> (Beneficiary) o).toList();
    assertEquals(4, bens.size(), "one beneficiary per DESYNPUF_ID");
    Beneficiary died =
        bens.stream().filter(b -> b.id().equals("0001FDD721E223DC")).findFirst().orElseThrow();
    assertEquals(Optional.of(LocalDate.of(2009, 8, 15)), died.deathDate());
    assertEquals(Sex.FEMALE, died.sex());
    // SSA 10 is Florida; SSA county 10470 is Orange County, FL, census FIPS 12095: the bundled
    // crosswalk gives the county key, the SSA code is kept beside it
    assertEquals(Optional.of(UsState.FL), died.geography().state());
    assertEquals(Optional.of("10470"), died.geography().countySsa());
    assertEquals(Optional.of("12095"), died.geography().countyKey());
    // SSA 48 is the Virgin Islands (DE-SynPUF codebook): a group of its own, not UNKNOWN
    Beneficiary vi =
        bens.stream().filter(b -> b.id().equals("0002A0E6F8C4D3B7")).findFirst().orElseThrow();
    assertEquals(Optional.of(UsState.VI), vi.geography().state());
    assertEquals(null, t.snapshot().notes().get(SynpufBeneficiaryReader.NO_STATE));
    RecordCounts rows = t.snapshot().of(SynpufBeneficiaryReader.ROWS);
    assertEquals(7, rows.read());
    assertEquals(7, rows.accepted());

    Map<String, List<String>> spans =
        out.stream()
            .filter(o -> o instanceof Enrollment)
            .map(o -> (Enrollment) o)
            .collect(
                Collectors.groupingBy(
                    Enrollment::beneficiaryId,
                    Collectors.mapping(
                        e -> e.start() + ".." + e.end() + " " + e.program(), Collectors.toList())));
    // 12 months of A and B, no HMO: traditional Medicare all year, both years
    assertEquals(
        List.of("2008-01-01..2008-12-31 MEDICARE_FFS", "2009-01-01..2009-12-31 MEDICARE_FFS"),
        spans.get("00013D2EFD8E45D1"));
    // turns 65 in June 2008: 7 months counted from the end (June-December); all 2009
    assertEquals(
        List.of("2008-06-01..2008-12-31 MEDICARE_FFS", "2009-01-01..2009-12-31 MEDICARE_FFS"),
        spans.get("00016F745862898F"));
    // 2008: 12 months of B with 5 HMO months from January: Jan-May Advantage, Jun-Dec FFS; 2009: 8
    // months
    assertEquals(
        List.of(
            "2008-01-01..2008-05-31 MEDICARE_ADVANTAGE",
            "2008-06-01..2008-12-31 MEDICARE_FFS",
            "2009-01-01..2009-08-31 MEDICARE_FFS"),
        spans.get("0001FDD721E223DC"));
    // every span carries the year's residence
    Enrollment e =
        out.stream()
            .filter(o -> o instanceof Enrollment)
            .map(o -> (Enrollment) o)
            .filter(x -> x.beneficiaryId().equals("00016F745862898F"))
            .findFirst()
            .orElseThrow();
    assertEquals(Optional.of(UsState.PA), e.residence().orElseThrow().state());
  }

  @Test
  void badSummaryRowsNameFileLineAndColumn() {
    String header =
        "DESYNPUF_ID,BENE_BIRTH_DT,BENE_DEATH_DT,BENE_SEX_IDENT_CD,SP_STATE_CODE,BENE_COUNTY_CD,"
            + "BENE_HI_CVRAGE_TOT_MONS,BENE_SMI_CVRAGE_TOT_MONS,BENE_HMO_CVRAGE_TOT_MONS\n";
    SynpufBeneficiaryReader strict =
        new SynpufBeneficiaryReader(IngestMode.STRICT, SynpufCoverage.DEFAULT);
    MalformedRecordException date =
        assertThrows(
            MalformedRecordException.class,
            () ->
                strict.read(
                    "DE1_0_2008_Beneficiary_Summary_File_Sample_1.csv",
                    2008,
                    new StringReader(header + "X1,19301301,,1,05,200,12,12,0\n"),
                    RecordSink.each(o -> {})));
    assertEquals(
        "DE1_0_2008_Beneficiary_Summary_File_Sample_1.csv:2: column BENE_BIRTH_DT: '19301301' is not a date"
            + " (YYYYMMDD or YYYY-MM-DD)",
        date.getMessage());
    MalformedRecordException months =
        assertThrows(
            MalformedRecordException.class,
            () ->
                strict.read(
                    "f.csv",
                    2008,
                    new StringReader(header + "X1,19300101,,1,05,200,13,12,0\n"),
                    RecordSink.each(o -> {})));
    assertEquals(
        "f.csv:2: column BENE_HI_CVRAGE_TOT_MONS: '13' is not between 0 and 12",
        months.getMessage());
    MalformedRecordException columns =
        assertThrows(
            MalformedRecordException.class,
            () ->
                strict.read(
                    "f.csv",
                    2008,
                    new StringReader(header + "X1,19300101,,1\n"),
                    RecordSink.each(o -> {})));
    assertEquals("f.csv:2: expected 9 columns, found 4", columns.getMessage());
    MalformedRecordException missing =
        assertThrows(
            MalformedRecordException.class,
            () ->
                strict.read(
                    "f.csv",
                    2008,
                    new StringReader("DESYNPUF_ID,BENE_BIRTH_DT\n"),
                    RecordSink.each(o -> {})));
    assertTrue(
        missing.getMessage().startsWith("f.csv:1: no column BENE_DEATH_DT in header"),
        missing.getMessage());

    IngestTally lenient =
        new SynpufBeneficiaryReader(IngestMode.LENIENT, SynpufCoverage.DEFAULT)
            .read(
                "f.csv",
                2008,
                new StringReader(
                    header
                        + "X1,19301301,,1,05,200,12,12,0\nX2,19300101,,1,05,200,12,12,0\nX3,19300101,,7,05,200,12,12,0\n"),
                RecordSink.each(o -> {}));
    RecordCounts c = lenient.snapshot().of(SynpufBeneficiaryReader.ROWS);
    assertEquals(
        new RecordCounts(
            3,
            1,
            new java.util.TreeMap<>(
                Map.of("bad date (BENE_BIRTH_DT)", 1L, "bad sex (BENE_SEX_IDENT_CD)", 1L))),
        c);
  }

  @Test
  void carrierRowsBecomeOneLinePerHcpcs() {
    List<Object> out = new ArrayList<>();
    IngestTally t =
        new SynpufClaimReader(IngestMode.LENIENT).read(CARRIER, RecordSink.each(out::add));
    List<ClaimLine> lines = out.stream().map(o -> (ClaimLine) o).toList();
    // row 1: 2 lines; row 2: 1; row 3: 1; row 4: no HCPCS -> 1 diagnosis-only line; row 5 rejected
    // (through date before from date); row 6: 1 line whose HCPCS and diagnosis are invalid
    assertEquals(6, lines.size());
    ClaimLine first = lines.get(0);
    assertEquals("887733359123456", first.claimId());
    assertEquals(LocalDate.of(2009, 2, 15), first.serviceFrom());
    assertEquals("99213", first.procedure().orElseThrow().code());
    assertEquals(ClaimType.PROFESSIONAL, first.claimType());
    assertEquals(1, first.units());
    assertEquals(
        List.of(
            DiagnosisCode.icd9("4019"), DiagnosisCode.icd9("25000"), DiagnosisCode.icd9("4019")),
        first.diagnoses());
    ClaimLine dxOnly = lines.get(4);
    assertTrue(dxOnly.procedure().isEmpty());
    assertEquals(
        List.of(DiagnosisCode.icd9("4019"), DiagnosisCode.icd9("2724")), dxOnly.diagnoses());
    RecordCounts rows = t.snapshot().of(SynpufClaimReader.Kind.CARRIER.rows());
    assertEquals(
        new RecordCounts(6, 5, new java.util.TreeMap<>(Map.of("bad dates (CLM_THRU_DT)", 1L))),
        rows);
    assertEquals(
        Map.of("invalid HCPCS 99A13", 1L, "invalid ICD-9-CM 401.9X", 1L),
        t.snapshot().unknownCodes());
    assertEquals(6L, t.snapshot().notes().get(SynpufClaimReader.LINES_PRODUCED));
  }

  @Test
  void strictCarrierReadingStopsAtTheFirstBadRow() {
    MalformedRecordException e =
        assertThrows(
            MalformedRecordException.class,
            () -> new SynpufClaimReader(IngestMode.STRICT).read(CARRIER, RecordSink.each(o -> {})));
    assertEquals(
        "DE1_0_2008_to_2010_Carrier_Claims_Sample_1A.csv:6: column CLM_THRU_DT: '20090302' is before"
            + " CLM_FROM_DT 20090303",
        e.getMessage());
  }

  @Test
  void institutionalClaims() {
    List<Object> out = new ArrayList<>();
    IngestTally t =
        new SynpufClaimReader(IngestMode.STRICT)
            .read(
                fixture("DE1_0_2008_to_2010_Outpatient_Claims_Sample_1.csv"),
                RecordSink.each(out::add));
    List<ClaimLine> lines = out.stream().map(o -> (ClaimLine) o).toList();
    // row 1: two HCPCS lines with the claim diagnosis; row 2: no HCPCS, one diagnosis-only line
    assertEquals(3, lines.size());
    assertTrue(lines.stream().allMatch(l -> l.claimType() == ClaimType.OUTPATIENT));
    assertEquals("71020", lines.get(0).procedure().orElseThrow().code());
    assertEquals(List.of(DiagnosisCode.icd9("V5861")), lines.get(2).diagnoses());
    assertEquals(2, t.snapshot().of(SynpufClaimReader.Kind.OUTPATIENT.rows()).accepted());

    out.clear();
    new SynpufClaimReader(IngestMode.STRICT)
        .read(
            fixture("DE1_0_2008_to_2010_Inpatient_Claims_Sample_1.csv"), RecordSink.each(out::add));
    ClaimLine stay = (ClaimLine) out.get(0);
    assertEquals(ClaimType.INPATIENT, stay.claimType());
    assertEquals(LocalDate.of(2009, 5, 8), stay.serviceThrough());
    // claim diagnoses then the admitting diagnosis
    assertEquals(
        List.of(
            DiagnosisCode.icd9("4280"), DiagnosisCode.icd9("42731"), DiagnosisCode.icd9("78650")),
        stay.diagnoses());
  }

  @Test
  void ssaStates() {
    assertEquals(Optional.of(UsState.AL), SsaStates.of("01"));
    assertEquals(Optional.of(UsState.DC), SsaStates.of("9"));
    assertEquals(Optional.of(UsState.PR), SsaStates.of("40"));
    assertEquals(Optional.of(UsState.VA), SsaStates.of("49"));
    assertEquals(Optional.of(UsState.WY), SsaStates.of("53"));
    // DE-SynPUF codebook: 48 Virgin Islands, 54 others
    assertEquals(Optional.of(UsState.VI), SsaStates.of("48"));
    assertEquals(Optional.of(UsState.OT), SsaStates.of("54"));
    assertEquals(Optional.empty(), SsaStates.of("55"));
    assertEquals(Optional.empty(), SsaStates.of("0"));
    assertEquals(Optional.empty(), SsaStates.of("XX"));
    long reference =
        java.util.stream.IntStream.rangeClosed(1, 54)
            .filter(i -> SsaStates.of(Integer.toString(i)).map(UsState::isReference).orElse(false))
            .count();
    assertEquals(52, reference);
  }

  @Test
  void yearFromFileName() {
    assertEquals(
        2009, SynpufBeneficiaryReader.yearOf("DE1_0_2009_Beneficiary_Summary_File_Sample_20.csv"));
    assertThrows(
        IllegalArgumentException.class, () -> SynpufBeneficiaryReader.yearOf("summary.csv"));
  }

  @Test
  void programOfSpans() {
    List<Enrollment> spans =
        SynpufBeneficiaryReader.spans(
            "X",
            2009,
            SynpufCoverage.DEFAULT.months(
                2009, LocalDate.of(1930, 1, 1), java.util.Optional.empty(), 12, 6, 0),
            org.mpindex.core.claims.Geography.UNKNOWN);
    // Part A all year, Part B first 6 months: FFS Jan-Jun, Part A only Jul-Dec
    assertEquals(
        List.of(Program.MEDICARE_FFS, SynpufBeneficiaryReader.PART_A_ONLY),
        spans.stream().map(Enrollment::program).toList());
    assertEquals(LocalDate.of(2009, 6, 30), spans.get(0).end());
  }
}
