package org.mpindex.io.rif;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mpindex.core.claims.Beneficiary;
import org.mpindex.core.claims.Claim;
import org.mpindex.core.claims.ClaimLine;
import org.mpindex.core.claims.ClaimType;
import org.mpindex.core.claims.DiagnosisCode;
import org.mpindex.core.claims.Enrollment;
import org.mpindex.core.claims.Modifier;
import org.mpindex.core.claims.PlaceOfService;
import org.mpindex.core.claims.Sex;
import org.mpindex.core.claims.UsState;
import org.mpindex.core.index.ClaimDating;
import org.mpindex.core.index.IngestAccounting;
import org.mpindex.core.index.IngestMode;
import org.mpindex.core.index.IngestTally;
import org.mpindex.core.index.RecordCounts;
import org.mpindex.core.index.RecordSink;
import org.mpindex.core.index.StudyPeriod;
import org.mpindex.core.spi.MalformedRecordException;
import org.mpindex.core.spi.PrecomputedBurden;
import org.mpindex.io.SynpufBeneficiaryReader;
import org.mpindex.io.TidyCsvReader;
import org.mpindex.io.input.InputFiles;
import org.mpindex.io.input.InputTable;
import org.mpindex.io.input.ReadContext;
import org.mpindex.io.input.Tables;

/**
 * The research-file reader on the Beneficiary FHIR Data server's RIF samples (fixtures/rif,
 * CC0; see SOURCE.md there). Every expected value is read off the fixture rows by hand, as the
 * comments say.
 */
class RifFixtureTest {
  @TempDir Path dir;

  static Path fixture(String name) {
    try {
      return Path.of(RifFixtureTest.class.getResource("/fixtures/rif/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static final Path BENES_2018 = fixture("sample-a-beneficiaries.txt");
  static final Path BENES_2019 = fixture("sample-u-beneficiaries.txt");
  static final Path BENES_8_MONTHS = fixture("sample-u-with-8-months.txt");
  static final Path BENES_NO_YEAR = fixture("sample-a-beneficiaries-without-reference-year.txt");
  static final Path CARRIER = fixture("sample-a-bcarrier.txt");
  static final Path CARRIER_LINES = fixture("sample-a-bcarrier-multiple-lines.txt");
  static final Path OUTPATIENT = fixture("sample-a-outpatient.txt");
  static final Path INPATIENT = fixture("sample-a-inpatient.txt");

  /** Collects what a reader gives. */
  static final class Collect implements RecordSink {
    final List<Beneficiary> beneficiaries = new ArrayList<>();
    final List<Enrollment> spans = new ArrayList<>();
    final List<ClaimLine> lines = new ArrayList<>();

    @Override
    public void beneficiary(Beneficiary b) {
      beneficiaries.add(b);
    }

    @Override
    public void enrollment(Enrollment e) {
      spans.add(e);
    }

    @Override
    public void line(ClaimLine line) {
      lines.add(line);
    }

    @Override
    public void claim(Claim claim) {
      lines.addAll(claim.lines());
    }

    @Override
    public void burden(PrecomputedBurden burden) {
      throw new AssertionError("no burden in research files");
    }

    List<String> spanText() {
      return spans.stream()
          .map(e -> e.beneficiaryId() + " " + e.start() + ".." + e.end() + " " + e.program())
          .toList();
    }
  }

  static ReadContext lenient(List<MalformedRecordException> rejects) {
    return new ReadContext(
        IngestMode.LENIENT,
        new IngestTally(),
        rejects::add,
        ClaimDating.SERVICE_FROM,
        ReadContext.NOBODY_YET);
  }

  static InputFiles files(Map<String, List<Path>> byTable) {
    return new InputFiles(new RifFormat(), byTable);
  }

  /** A copy of a fixture with its DEATH_DT cell (written 17-Mar-1981, once per row) blank. */
  Path withoutDeath(Path fixture) throws IOException {
    String text = Files.readString(fixture, StandardCharsets.ISO_8859_1);
    String changed = text.replace("|17-Mar-1981|", "||");
    assertTrue(!changed.equals(text), "the fixture's DEATH_DT cell is 17-Mar-1981");
    return Files.writeString(dir.resolve("no-death-" + fixture.getFileName()), changed);
  }

  @Test
  void theSampleBeneficiaryDiedBeforeHerCoverageYear() {
    // sample-a-beneficiaries.txt, one row: BENE_ID 567834, RFRNC_YR 2018, BENE_BIRTH_DT
    // 17-MAR-1981,
    // DEATH_DT 17-Mar-1981, BENE_SEX_IDENT_CD 1 (male), STATE_CODE MO (a USPS code, not an SSA
    // one), BENE_COUNTY_CD 123; buy-in C every month, HMO 1 Jan-Oct and 0 Nov-Dec. Every 2018 month
    // begins after the death in 1981: no month is covered, 12 months counted as after death.
    List<MalformedRecordException> rejects = new ArrayList<>();
    ReadContext context = lenient(rejects);
    Collect out = new Collect();
    new RifFormat().readPeople(files(Map.of("mbsf", List.of(BENES_2018))), context, out);
    assertEquals(1, out.beneficiaries.size());
    Beneficiary b = out.beneficiaries.get(0);
    assertEquals("567834", b.id());
    assertEquals(LocalDate.of(1981, 3, 17), b.birthDate());
    assertEquals(Optional.of(LocalDate.of(1981, 3, 17)), b.deathDate());
    assertEquals(Sex.MALE, b.sex());
    // MO is Missouri, SSA state 26 (alphabetical SSA table: ... 25 MS, 26 MO); SSA county 26123
    // is not in the bundled crosswalk (Missouri's SSA codes there go 26000, 26010, ...): SSA key
    assertEquals(Optional.of(UsState.MO), b.geography().state());
    assertEquals(Optional.of("26123"), b.geography().countySsa());
    assertEquals(List.of(), out.spans);
    IngestAccounting acc = context.tally().snapshot();
    assertEquals(
        new RecordCounts(1, 1, new java.util.TreeMap<>()), acc.of(RifBeneficiaryReader.ROWS));
    assertEquals(12L, acc.notes().get(RifBeneficiaryReader.AFTER_DEATH));
    assertEquals(1L, acc.notes().get(RifBeneficiaryReader.USPS_STATE));
    assertEquals(1L, acc.notes().get(SynpufBeneficiaryReader.UNMAPPED_COUNTY));
    assertEquals(1L, acc.unknownCodes().get("SSA county 26123"));
    assertEquals(List.of(), rejects);
  }

  @Test
  void monthlyCoverageOfTheSampleRowsWithoutTheirDeathDate() throws IOException {
    // the same rows with DEATH_DT blank. 2018 (sample-a): buy-in C (Parts A and B, state buy-in)
    // all year; HMO 1 (non-lock-in MA plan) January to October -> Medicare Advantage, HMO 0
    // November and December -> fee-for-service. 2019 (sample-u): buy-in C and HMO C (lock-in, the
    // plan pays all claims) all year -> Medicare Advantage.
    Collect out = new Collect();
    ReadContext context = lenient(new ArrayList<>());
    new RifFormat()
        .readPeople(
            files(Map.of("mbsf", List.of(withoutDeath(BENES_2019), withoutDeath(BENES_2018)))),
            context,
            out);
    assertEquals(
        List.of(
            "567834 2019-01-01..2019-12-31 MEDICARE_ADVANTAGE",
            "567834 2018-01-01..2018-10-31 MEDICARE_ADVANTAGE",
            "567834 2018-11-01..2018-12-31 MEDICARE_FFS"),
        out.spanText());
    assertEquals(1, out.beneficiaries.size());
    assertEquals(Optional.empty(), out.beneficiaries.get(0).deathDate());
    // each span carries its year's residence: Missouri
    assertTrue(
        out.spans.stream()
            .allMatch(e -> e.residence().orElseThrow().state().equals(Optional.of(UsState.MO))));
    assertEquals(2, context.tally().snapshot().of(RifBeneficiaryReader.ROWS).accepted());
  }

  @Test
  void blankMonthsAreNotCovered() throws IOException {
    // sample-u-with-8-months, DEATH_DT blank: buy-in C January to August, blank September to
    // December; HMO C January to July, blank August to December. January-July: Medicare
    // Advantage; August is entitled but its HMO indicator is blank: not covered, counted once;
    // September-December have both blank: not entitled, nothing to count.
    Collect out = new Collect();
    ReadContext context = lenient(new ArrayList<>());
    new RifFormat()
        .readPeople(files(Map.of("mbsf", List.of(withoutDeath(BENES_8_MONTHS)))), context, out);
    assertEquals(List.of("567834 2019-01-01..2019-07-31 MEDICARE_ADVANTAGE"), out.spanText());
    assertEquals(1L, context.tally().snapshot().notes().get(RifBeneficiaryReader.BLANK_MONTH));
  }

  @Test
  void theStudyPeriodIsTheReferenceYearsOfTheMbsfFiles() {
    // RFRNC_YR 2018 (sample-a) and 2019 (sample-u): 2018-01-01 .. 2019-12-31; the file without a
    // year adds nothing
    Optional<StudyPeriod> p =
        new RifFormat()
            .studyPeriod(files(Map.of("mbsf", List.of(BENES_2019, BENES_NO_YEAR, BENES_2018))));
    assertEquals(
        Optional.of(StudyPeriod.of(LocalDate.of(2018, 1, 1), LocalDate.of(2019, 12, 31))), p);
    assertEquals(
        Optional.empty(),
        new RifFormat().studyPeriod(files(Map.of("mbsf", List.of(BENES_NO_YEAR)))));
  }

  @Test
  void aRowWithoutItsReferenceYearIsOneCountedRejectionNamingFileLineColumn() {
    List<MalformedRecordException> rejects = new ArrayList<>();
    ReadContext context = lenient(rejects);
    Collect out = new Collect();
    new RifFormat().readPeople(files(Map.of("mbsf", List.of(BENES_NO_YEAR))), context, out);
    RecordCounts rows = context.tally().snapshot().of(RifBeneficiaryReader.ROWS);
    assertEquals(1, rows.read());
    assertEquals(0, rows.accepted());
    assertEquals(Map.of("missing value (RFRNC_YR)", 1L), rows.rejected());
    assertEquals(1, rejects.size());
    MalformedRecordException e = rejects.get(0);
    assertTrue(e.file().endsWith("sample-a-beneficiaries-without-reference-year.txt"), e.file());
    assertEquals(2, e.line());
    assertEquals("RFRNC_YR", e.column());
    assertEquals(List.of(), out.beneficiaries);

    ReadContext strict =
        new ReadContext(
            IngestMode.STRICT,
            new IngestTally(),
            x -> {},
            ClaimDating.SERVICE_FROM,
            ReadContext.NOBODY_YET);
    MalformedRecordException thrown =
        assertThrows(
            MalformedRecordException.class,
            () ->
                new RifFormat()
                    .readPeople(
                        files(Map.of("mbsf", List.of(BENES_NO_YEAR))), strict, new Collect()));
    assertEquals(2, thrown.line());
    assertEquals("RFRNC_YR", thrown.column());
    assertTrue(thrown.getMessage().contains("sample-a-beneficiaries-without-reference-year.txt"));
    // the strict tally balances too: read 1, rejected 1
    assertTrue(strict.tally().snapshot().balanced());
  }

  @Test
  void carrierLinesOfTheBfdExtract() {
    // sample-a-bcarrier-multiple-lines.txt: 7 rows of claim 9991831999 (BENE_ID 567834,
    // CLM_FROM_DT = CLM_THRU_DT = 27-OCT-1999), LINE_NUM 1..7 with HCPCS_CD 92999, 92998, ...,
    // 92993, each HCPCS_1ST_MDFR_CD LT, LINE_SRVC_CNT 1.0, LINE_PLACE_OF_SRVC_CD 11,
    // LINE_PRCSG_IND_CD A (allowed), LINE_ICD_DGNS_CD A52 (version 0: ICD-10-CM); the claim's
    // ICD_DGNS_CD1..4 A02, A06, B04, B05, all version 0.
    Collect out = new Collect();
    ReadContext context = lenient(new ArrayList<>());
    new RifFormat().readClaims(files(Map.of("carrier", List.of(CARRIER_LINES))), context, out);
    assertEquals(7, out.lines.size());
    List<String> codes = new ArrayList<>();
    for (ClaimLine l : out.lines) {
      assertEquals("9991831999", l.claimId());
      assertEquals("567834", l.beneficiaryId());
      assertEquals(LocalDate.of(1999, 10, 27), l.serviceFrom());
      assertEquals(LocalDate.of(1999, 10, 27), l.serviceThrough());
      assertEquals(ClaimType.PROFESSIONAL, l.claimType());
      assertEquals(List.of(Modifier.of("LT")), l.modifiers());
      assertEquals(1, l.units());
      assertEquals(Optional.of(PlaceOfService.of("11")), l.placeOfService());
      assertEquals(
          Set.of(
              DiagnosisCode.icd10("A02"),
              DiagnosisCode.icd10("A06"),
              DiagnosisCode.icd10("B04"),
              DiagnosisCode.icd10("B05"),
              DiagnosisCode.icd10("A52")),
          Set.copyOf(l.diagnoses()));
      codes.add(l.procedure().orElseThrow().code());
    }
    assertEquals(List.of("92999", "92998", "92997", "92996", "92995", "92994", "92993"), codes);
    IngestAccounting acc = context.tally().snapshot();
    assertEquals(7, acc.of(RifClaimReader.Table.CARRIER.rows()).read());
    assertEquals(7, acc.of(RifClaimReader.Table.CARRIER.rows()).accepted());
    assertEquals(7L, acc.notes().get(RifClaimReader.LINES_PRODUCED));
  }

  @Test
  void theSameLineInTwoExtractsIsReadOnce() {
    // sample-a-bcarrier.txt holds line 6 of claim 9991831999 (HCPCS 92999); the multiple-lines
    // file holds lines 1-7 of the same claim, its line 6 (HCPCS 92994, file line 7) a repeat:
    // 8 rows read, 7 accepted, the repeat rejected naming LINE_NUM.
    List<MalformedRecordException> rejects = new ArrayList<>();
    Collect out = new Collect();
    ReadContext context = lenient(rejects);
    new RifFormat()
        .readClaims(files(Map.of("carrier", List.of(CARRIER, CARRIER_LINES))), context, out);
    assertEquals(
        List.of("92999", "92999", "92998", "92997", "92996", "92995", "92993"),
        out.lines.stream().map(l -> l.procedure().orElseThrow().code()).toList());
    RecordCounts rows = context.tally().snapshot().of(RifClaimReader.Table.CARRIER.rows());
    assertEquals(8, rows.read());
    assertEquals(7, rows.accepted());
    assertEquals(Map.of(RifClaimReader.DUPLICATE_LINE + " (LINE_NUM)", 1L), rows.rejected());
    assertEquals(1, rejects.size());
    assertEquals(7, rejects.get(0).line());
    assertEquals("LINE_NUM", rejects.get(0).column());
    assertTrue(rejects.get(0).file().endsWith("sample-a-bcarrier-multiple-lines.txt"));
  }

  @Test
  void outpatientAndInpatientRevenueCenterLines() {
    // sample-a-outpatient.txt: claim 1234567890, 24-JAN-2011; ICD_DGNS_CD1 A40 and CD2 A52
    // (version 0); revenue center line 25 with HCPCS_CD M99 (not a HCPCS code: its effort is
    // rejected and counted, its diagnoses kept); the external-cause codes (ICD_DGNS_E_CDn) are not
    // read. The row has one cell more than the header (a trailing |): read.
    // sample-a-inpatient.txt: claim 333333222222, 15-JAN-2016 .. 27-JAN-2016; ICD_DGNS_CD1..5 A40,
    // A52, A06, A15, B01 and ADMTG_DGNS_CD A37 (version 0); HCPCS_CD M55 (not a HCPCS code).
    Collect out = new Collect();
    ReadContext context = lenient(new ArrayList<>());
    new RifFormat()
        .readClaims(
            files(Map.of("outpatient", List.of(OUTPATIENT), "inpatient", List.of(INPATIENT))),
            context,
            out);
    assertEquals(2, out.lines.size());
    ClaimLine op = out.lines.get(0);
    assertEquals("1234567890", op.claimId());
    assertEquals(ClaimType.OUTPATIENT, op.claimType());
    assertEquals(LocalDate.of(2011, 1, 24), op.serviceFrom());
    assertEquals(Optional.empty(), op.procedure());
    assertEquals(
        Set.of(DiagnosisCode.icd10("A40"), DiagnosisCode.icd10("A52")), Set.copyOf(op.diagnoses()));
    ClaimLine ip = out.lines.get(1);
    assertEquals("333333222222", ip.claimId());
    assertEquals(ClaimType.INPATIENT, ip.claimType());
    assertEquals(LocalDate.of(2016, 1, 15), ip.serviceFrom());
    assertEquals(LocalDate.of(2016, 1, 27), ip.serviceThrough());
    assertEquals(
        Set.of(
            DiagnosisCode.icd10("A40"),
            DiagnosisCode.icd10("A52"),
            DiagnosisCode.icd10("A06"),
            DiagnosisCode.icd10("A15"),
            DiagnosisCode.icd10("B01"),
            DiagnosisCode.icd10("A37")),
        Set.copyOf(ip.diagnoses()));
    IngestAccounting acc = context.tally().snapshot();
    assertEquals(1, acc.of(RifClaimReader.Table.OUTPATIENT.rows()).accepted());
    assertEquals(1, acc.of(RifClaimReader.Table.INPATIENT.rows()).accepted());
    RecordCounts efforts = acc.of(IngestTally.LINE_EFFORTS);
    assertEquals(2, efforts.read());
    assertEquals(Map.of("invalid HCPCS code (HCPCS_CD)", 2L), efforts.rejected());
    assertEquals(1L, acc.unknownCodes().get("invalid HCPCS M99"));
    assertEquals(1L, acc.unknownCodes().get("invalid HCPCS M55"));
  }

  @Test
  void withThePeopleKnownEverySampleClaimIsAfterTheDeath() {
    // the sample beneficiary died on 1981-03-17; the carrier claim is of 1999-10-27, the outpatient
    // one of 2011-01-24, the inpatient one of 2016-01-15: each row is rejected, service after
    // death,
    // naming its file, line 2 and the dating column
    for (ClaimDating dating : ClaimDating.values()) {
      List<MalformedRecordException> rejects = new ArrayList<>();
      ReadContext context =
          new ReadContext(
              IngestMode.LENIENT, new IngestTally(), rejects::add, dating, ReadContext.NOBODY_YET);
      Collect out = new Collect();
      InputFiles in =
          files(
              Map.of(
                  "mbsf", List.of(BENES_2018),
                  "carrier", List.of(CARRIER),
                  "outpatient", List.of(OUTPATIENT),
                  "inpatient", List.of(INPATIENT)));
      RifFormat f = new RifFormat();
      f.readPeople(in, context, out);
      Map<String, Beneficiary> known = new java.util.HashMap<>();
      out.beneficiaries.forEach(b -> known.put(b.id(), b));
      f.readClaims(in, context.withBeneficiaries(id -> Optional.ofNullable(known.get(id))), out);
      assertEquals(List.of(), out.lines);
      String column = dating == ClaimDating.SERVICE_FROM ? "CLM_FROM_DT" : "CLM_THRU_DT";
      IngestAccounting acc = context.tally().snapshot();
      for (RifClaimReader.Table t :
          List.of(
              RifClaimReader.Table.CARRIER,
              RifClaimReader.Table.OUTPATIENT,
              RifClaimReader.Table.INPATIENT)) {
        assertEquals(
            new RecordCounts(
                1,
                0,
                new java.util.TreeMap<>(
                    Map.of(TidyCsvReader.SERVICE_AFTER_DEATH + " (" + column + ")", 1L))),
            acc.of(t.rows()),
            t.name());
      }
      assertEquals(3, rejects.size());
      assertTrue(rejects.stream().allMatch(e -> e.line() == 2 && column.equals(e.column())));
      assertTrue(acc.balanced());
    }
  }

  @Test
  void eachFixtureIsRecognisedAsItsTable() {
    RifFormat f = new RifFormat();
    Map<Path, String> expected =
        Map.of(
            BENES_2018, "mbsf",
            BENES_NO_YEAR, "mbsf",
            CARRIER, "carrier",
            CARRIER_LINES, "carrier",
            OUTPATIENT, "outpatient",
            INPATIENT, "inpatient");
    expected.forEach(
        (file, table) -> {
          try (var t = Tables.open(file, StandardCharsets.ISO_8859_1)) {
            assertEquals(
                Optional.of(table),
                f.recognise(file, t.header()).map(InputTable::name),
                file.toString());
            assertEquals('|', t.delimiter());
          }
        });
    // the research files' separate line files
    assertEquals(
        Optional.of("carrier_line"),
        f.recognise(
                Path.of("x"), List.of("BENE_ID", "CLM_ID", "CLM_THRU_DT", "LINE_NUM", "HCPCS_CD"))
            .map(InputTable::name));
    assertEquals(
        Optional.of("revenue_center"),
        f.recognise(
                Path.of("x"), List.of("BENE_ID", "CLM_ID", "CLM_LINE_NUM", "REV_CNTR", "HCPCS_CD"))
            .map(InputTable::name));
    assertEquals(
        Optional.empty(),
        f.recognise(Path.of("x"), List.of("claim_id", "beneficiary_id", "from_date")));
    // BFD's beneficiary history file has birth dates but no monthly indicators: not an MBSF
    assertEquals(
        Optional.empty(),
        f.recognise(Path.of("x"), List.of("BENE_ID", "BENE_BIRTH_DT", "BENE_SEX_IDENT_CD")));
    Set<String> names = new TreeSet<>();
    f.tables().forEach(t -> names.add(t.name()));
    assertEquals(
        Set.of("mbsf", "carrier", "carrier_line", "outpatient", "inpatient", "revenue_center"),
        names);
  }
}
