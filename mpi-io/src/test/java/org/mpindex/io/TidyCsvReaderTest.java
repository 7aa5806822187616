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
import org.junit.jupiter.api.Test;
import org.mpindex.core.claims.Beneficiary;
import org.mpindex.core.claims.ClaimLine;
import org.mpindex.core.claims.ClaimType;
import org.mpindex.core.claims.DiagnosisCode;
import org.mpindex.core.claims.Enrollment;
import org.mpindex.core.claims.Modifier;
import org.mpindex.core.claims.Program;
import org.mpindex.core.claims.UsState;
import org.mpindex.core.index.IngestMode;
import org.mpindex.core.index.IngestTally;
import org.mpindex.core.index.RecordCounts;
import org.mpindex.core.index.RecordSink;
import org.mpindex.core.spi.MalformedRecordException;

class TidyCsvReaderTest {

  static Path fixture(String name) {
    try {
      return Path.of(TidyCsvReaderTest.class.getResource("/tidy/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void readsTheThreeFiles() {
    TidyCsvReader r = new TidyCsvReader(IngestMode.STRICT);
    List<Object> out = new ArrayList<>();
    r.readBeneficiaries(fixture("beneficiaries.csv"), RecordSink.each(out::add));
    r.readEnrollment(fixture("enrollment.csv"), RecordSink.each(out::add));
    IngestTally claims = r.readClaims(fixture("claims.csv"), RecordSink.each(out::add));
    Beneficiary a = (Beneficiary) out.get(0);
    assertEquals("A", a.id());
    assertEquals(Optional.of("56021"), a.geography().countyFips());
    assertEquals(Optional.of(LocalDate.of(2008, 8, 20)), ((Beneficiary) out.get(3)).deathDate());
    Enrollment ma = (Enrollment) out.get(7);
    assertEquals(Program.MEDICARE_ADVANTAGE, ma.program());
    Enrollment withResidence = (Enrollment) out.get(8);
    assertEquals(Optional.of("02170"), withResidence.residence().orElseThrow().countyFips());
    ClaimLine tenth = (ClaimLine) out.get(18);
    assertEquals(List.of(DiagnosisCode.icd9("4019"), DiagnosisCode.icd9("496")), tenth.diagnoses());
    ClaimLine knee = (ClaimLine) out.get(14);
    assertEquals(List.of(Modifier.of("RT")), knee.modifiers());
    ClaimLine xray = (ClaimLine) out.get(20);
    assertEquals(ClaimType.OUTPATIENT, xray.claimType());
    assertEquals(LocalDate.of(2008, 2, 2), xray.serviceThrough());
    // no code_system: ICD-9-CM by the 2008 service date
    assertEquals(List.of(DiagnosisCode.icd9("78650")), xray.diagnoses());
    assertEquals(
        new RecordCounts(12, 12, new java.util.TreeMap<>()),
        claims.snapshot().of(TidyCsvReader.CLAIM_ROWS));
  }

  static final String CLAIMS =
      "claim_id,beneficiary_id,from_date,procedure,modifiers,units,code_system,diagnoses\n";

  @Test
  void errorsNameFileLineAndColumn() {
    TidyCsvReader strict = new TidyCsvReader(IngestMode.STRICT);
    MalformedRecordException dx =
        assertThrows(
            MalformedRecordException.class,
            () ->
                strict.readClaims(
                    "claims.csv",
                    new StringReader(CLAIMS + "C1,A,2016-01-05,99213,,1,icd10,I10|I5\n"),
                    RecordSink.each(o -> {})));
    assertEquals(
        "claims.csv:2: column diagnoses: ICD-10-CM diagnosis code 'I5' is not an ICD-10-CM code: expected 3 to 7"
            + " characters",
        dx.getMessage());
    MalformedRecordException mod =
        assertThrows(
            MalformedRecordException.class,
            () ->
                strict.readClaims(
                    "claims.csv",
                    new StringReader(CLAIMS + "C1,A,2016-01-05,99213,2,1,icd10,I10\n"),
                    RecordSink.each(o -> {})));
    assertEquals(
        "claims.csv:2: column modifiers: modifier '2' is not a modifier: expected 2 letters or digits",
        mod.getMessage());
    MalformedRecordException units =
        assertThrows(
            MalformedRecordException.class,
            () ->
                strict.readClaims(
                    "claims.csv",
                    new StringReader(CLAIMS + "C1,A,2016-01-05,99213,,x,icd10,I10\n"),
                    RecordSink.each(o -> {})));
    assertEquals("claims.csv:2: column units: 'x' is not a whole number", units.getMessage());
    MalformedRecordException date =
        assertThrows(
            MalformedRecordException.class,
            () ->
                strict.readClaims(
                    "claims.csv",
                    new StringReader(CLAIMS + "C1,A,2016-02-30,99213,,1,icd10,I10\n"),
                    RecordSink.each(o -> {})));
    assertTrue(
        date.getMessage().startsWith("claims.csv:2: column from_date: '2016-02-30' is not a date"),
        date.getMessage());
    MalformedRecordException state =
        assertThrows(
            MalformedRecordException.class,
            () ->
                strict.readBeneficiaries(
                    "b.csv",
                    new StringReader("beneficiary_id,birth_date,sex,state\nA,1930-01-01,F,XX\n"),
                    RecordSink.each(o -> {})));
    assertEquals(
        "b.csv:2: column state: state 'XX' is not a USPS code of the 50 states, DC, PR, VI, GU, AS or MP"
            + " (or OT: others)",
        state.getMessage());
    MalformedRecordException order =
        assertThrows(
            MalformedRecordException.class,
            () ->
                strict.readEnrollment(
                    "e.csv",
                    new StringReader(
                        "beneficiary_id,start_date,end_date,program\nA,2009-01-01,2008-12-31,MEDICARE_FFS\n"),
                    RecordSink.each(o -> {})));
    assertEquals(
        "e.csv:2: enrollment end '2008-12-31' is before its start 2009-01-01", order.getMessage());
    MalformedRecordException header =
        assertThrows(
            MalformedRecordException.class,
            () ->
                strict.readClaims(
                    "claims.csv",
                    new StringReader("claim,beneficiary_id\n"),
                    RecordSink.each(o -> {})));
    assertTrue(
        header.getMessage().startsWith("claims.csv:1: no column claim_id in header"),
        header.getMessage());
  }

  @Test
  void territoriesAreStatesOfTheirOwn() {
    List<Object> out = new ArrayList<>();
    IngestTally t =
        new TidyCsvReader(IngestMode.STRICT)
            .readBeneficiaries(
                "b.csv",
                new StringReader(
                    "beneficiary_id,birth_date,sex,state\nA,1930-01-01,F,VI\nB,1930-01-01,F,GU\nC,1930-01-01,M,AS\nD,1930-01-01,M,MP\n"),
                RecordSink.each(out::add));
    assertEquals(4, t.snapshot().of(TidyCsvReader.BENEFICIARY_ROWS).accepted());
    assertEquals(
        List.of(UsState.VI, UsState.GU, UsState.AS, UsState.MP),
        out.stream().map(o -> ((Beneficiary) o).geography().state().orElseThrow()).toList());
  }

  @Test
  void theCodeSystemOfABlankFieldFollowsTheClaimDatingRule() {
    // from 2015-09-30 through 2015-10-02: ICD-9-CM by the from-date, ICD-10-CM by the through-date
    String row =
        "claim_id,beneficiary_id,from_date,through_date,diagnoses\nC1,A,2015-09-30,2015-10-02,4019\n";
    List<Object> out = new ArrayList<>();
    new TidyCsvReader(IngestMode.STRICT)
        .readClaims("c.csv", new StringReader(row), RecordSink.each(out::add));
    assertEquals(List.of(DiagnosisCode.icd9("4019")), ((ClaimLine) out.get(0)).diagnoses());
    out.clear();
    IngestTally t =
        new TidyCsvReader(IngestMode.LENIENT, org.mpindex.core.index.ClaimDating.SERVICE_THROUGH)
            .readClaims(
                "c.csv", new StringReader(row.replace("4019", "I10")), RecordSink.each(out::add));
    assertEquals(List.of(DiagnosisCode.icd10("I10")), ((ClaimLine) out.get(0)).diagnoses());
    assertEquals(Map.of(), t.snapshot().unknownCodes());
  }

  @Test
  void lenientCountsBadRowsAndInvalidCodes() {
    List<Object> out = new ArrayList<>();
    IngestTally t =
        new TidyCsvReader(IngestMode.LENIENT)
            .readClaims(
                "claims.csv",
                new StringReader(
                    CLAIMS
                        + "C1,A,2016-01-05,99213,,1,icd10,I10|I5\n"
                        + "C2,A,2016-01-05,99213,,x,icd10,I10\n"
                        + "C3,A,2016-01-05,99213,,1\n"
                        + "C4,A,2016-01-05,99213,,1,,E11.9\n"
                        + "C5,A,2016-01-05,99A13,,1,icd10,I50.9\n"),
                RecordSink.each(out::add));
    RecordCounts c = t.snapshot().of(TidyCsvReader.CLAIM_ROWS);
    // C3 has too few columns: rejected. C2 (bad units) and C5 (invalid HCPCS code) lose their
    // effort
    // only: the rows and their diagnoses are kept, the efforts rejected by reason.
    assertEquals(
        new RecordCounts(5, 4, new java.util.TreeMap<>(Map.of("wrong column count", 1L))), c);
    assertEquals(
        new RecordCounts(
            2,
            0,
            new java.util.TreeMap<>(
                Map.of("bad number (units)", 1L, "invalid HCPCS code (procedure)", 1L))),
        t.snapshot().of(IngestTally.LINE_EFFORTS));
    assertEquals(
        Map.of("invalid ICD-10-CM I5", 1L, "invalid HCPCS 99A13", 1L), t.snapshot().unknownCodes());
    assertEquals(List.of(DiagnosisCode.icd10("I10")), ((ClaimLine) out.get(0)).diagnoses());
    ClaimLine badUnits = (ClaimLine) out.get(1);
    assertEquals(Optional.empty(), badUnits.procedure());
    assertEquals(List.of(DiagnosisCode.icd10("I10")), badUnits.diagnoses());
    // code system by date: 2016 is ICD-10-CM
    assertEquals(List.of(DiagnosisCode.icd10("E119")), ((ClaimLine) out.get(2)).diagnoses());
    ClaimLine badCode = (ClaimLine) out.get(3);
    assertEquals(Optional.empty(), badCode.procedure());
    assertEquals(List.of(DiagnosisCode.icd10("I509")), badCode.diagnoses());
  }

  @Test
  void aCallerWhoCatchesAStrictRejectionHoldsABalancedTally() throws java.io.IOException {
    Path f = java.nio.file.Files.createTempFile("claims", ".csv");
    java.nio.file.Files.writeString(
        f, CLAIMS + "C1,A,2016-01-05,99213,,1,icd10,I10\nC2,A,2016-13-05,99213,,1,icd10,I10\n");
    IngestTally t = new IngestTally();
    assertThrows(
        MalformedRecordException.class,
        () ->
            new TidyCsvReader(IngestMode.STRICT)
                .read(f, TidyCsvReader.CLAIM_ROWS, RecordSink.each(o -> {}), t, false));
    assertEquals(
        new RecordCounts(2, 1, new java.util.TreeMap<>(Map.of("bad date (from_date)", 1L))),
        t.snapshot().of(TidyCsvReader.CLAIM_ROWS));
    java.nio.file.Files.delete(f);
  }
}
