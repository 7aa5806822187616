package org.mpindex.io.omop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mpindex.core.claims.Beneficiary;
import org.mpindex.core.claims.ClaimLine;
import org.mpindex.core.claims.ClaimType;
import org.mpindex.core.claims.CodeSystem;
import org.mpindex.core.claims.DiagnosisCode;
import org.mpindex.core.claims.Enrollment;
import org.mpindex.core.claims.Modifier;
import org.mpindex.core.claims.Program;
import org.mpindex.core.claims.Sex;
import org.mpindex.core.claims.UsState;
import org.mpindex.core.index.ClaimDating;
import org.mpindex.core.index.IngestMode;
import org.mpindex.core.index.IngestTally;
import org.mpindex.core.index.RecordCounts;
import org.mpindex.core.spi.MalformedRecordException;
import org.mpindex.io.input.InputFiles;
import org.mpindex.io.input.ReadContext;

/** Hand-written OMOP 5.4 tables: the mapping, hostile rows, strict mode, the coverage refusal. */
class OmopFormatTest {

  @TempDir Path dir;

  static final String PERSON =
      "person_id,gender_concept_id,year_of_birth,month_of_birth,day_of_birth,birth_datetime,"
          + "location_id,gender_source_value\n";
  static final String PLAN =
      "payer_plan_period_id,person_id,payer_plan_period_start_date,payer_plan_period_end_date,"
          + "payer_concept_id,payer_source_value,plan_source_value\n";
  static final String VISIT =
      "visit_occurrence_id,person_id,visit_concept_id,visit_start_date,visit_end_date,"
          + "visit_source_value,visit_source_concept_id\n";
  static final String CONDITION =
      "condition_occurrence_id,person_id,condition_start_date,condition_end_date,"
          + "visit_occurrence_id,condition_source_value,condition_source_concept_id\n";
  static final String PROCEDURE =
      "procedure_occurrence_id,person_id,procedure_date,quantity,visit_occurrence_id,"
          + "procedure_source_value,procedure_source_concept_id,modifier_source_value\n";

  Path write(String name, String text) throws IOException {
    Path f = dir.resolve(name);
    Files.writeString(f, text);
    return f;
  }

  /** A small 5.4 database: two people, USPS states, one E&M visit, an ICD-10 era condition. */
  void database() throws IOException {
    write(
        "LOCATION.csv",
        "location_id,address_1,city,state,zip,county\n1,,Cheyenne,WY,82001-1234,56021\n2,,,wy,,Laramie\n");
    write(
        "PERSON.csv",
        PERSON
            + "1,8507,1940,5,10,,1,M\n" // male, 1940-05-10, WY county 56021, ZIP 82001
            + "2,0,1945,,,,2,F\n"); // unknown concept, F by source; no month: July 1
    write("death.csv", "person_id,death_date,death_type_concept_id\n2,2016-03-31,32817\n");
    write(
        "payer_plan_period.csv",
        PLAN
            + "1,1,2015-01-01,2016-12-31,,Medicare,Part B\n"
            + "2,1,2016-07-01,2016-12-31,,Medicare,Medicare Advantage HMO\n" // MA from July 2016
            + "3,2,2015-01-01,2016-12-31,,Medicare,Part A\n"); // Part A only
    write(
        "visit_occurrence.csv",
        VISIT
            + "10,1,9202,2015-09-30,2015-09-30,99213,\n" // an E&M visit (visit source = CPT)
            + "11,1,9201,2015-10-02,2015-10-05,IP,\n");
    write(
        "condition_occurrence.csv",
        CONDITION
            + "1,1,2015-09-30,,10,401.9,\n" // ICD-9 (before 2015-10-01)
            + "2,1,2015-10-02,,11,I10,\n" // ICD-10 from 2015-10-01
            + "3,1,2015-11-01,,,E11.9,\n"); // no visit: a claim of its own
    write(
        "procedure_occurrence.csv",
        PROCEDURE
            + "1,1,2015-10-03,2,11,93010,,26\n" // 2 units, modifier 26, inpatient visit
            + "2,1,2015-10-03,,11,0DTJ4ZZ,,\n"); // ICD-10-PCS: not a HCPCS code
  }

  record Read(List<Object> records, IngestTally tally, List<MalformedRecordException> rejects) {}

  Read read(OmopFormat format, boolean strict) {
    IngestTally tally = new IngestTally();
    List<MalformedRecordException> rejects = new ArrayList<>();
    OmopFixtures.Recorder r = new OmopFixtures.Recorder();
    ReadContext c =
        new ReadContext(
            strict ? IngestMode.STRICT : IngestMode.LENIENT,
            tally,
            rejects::add,
            ClaimDating.SERVICE_FROM,
            ReadContext.NOBODY_YET);
    InputFiles files = OmopFixtures.files(format, dir);
    format.readPeople(files, c, r);
    Map<String, Beneficiary> people = new TreeMap<>();
    r.of(Beneficiary.class).forEach(b -> people.put(b.id(), b));
    format.readClaims(
        files, c.withBeneficiaries(id -> java.util.Optional.ofNullable(people.get(id))), r);
    return new Read(r.records, tally, rejects);
  }

  @Test
  void aSmallDatabaseByHand() throws IOException {
    database();
    Read r = read(OmopFormat.DEFAULT, false);
    List<Beneficiary> people =
        r.records().stream()
            .filter(Beneficiary.class::isInstance)
            .map(Beneficiary.class::cast)
            .toList();
    // person 1: 8507 male, born 1940-05-10, WY, county 56021 (FIPS of Laramie County, in WY: 56),
    // ZIP 82001 (the first 5 of 82001-1234)
    assertEquals(LocalDate.of(1940, 5, 10), people.get(0).birthDate());
    assertEquals(Sex.MALE, people.get(0).sex());
    assertEquals(java.util.Optional.of(UsState.WY), people.get(0).geography().state());
    assertEquals(java.util.Optional.of("56021"), people.get(0).geography().countyFips());
    assertEquals(java.util.Optional.of("82001"), people.get(0).geography().zip5());
    // person 2: gender concept 0, source F; year only: July 1; died 2016-03-31; county a name
    assertEquals(LocalDate.of(1945, 7, 1), people.get(1).birthDate());
    assertEquals(Sex.FEMALE, people.get(1).sex());
    assertEquals(java.util.Optional.of(LocalDate.of(2016, 3, 31)), people.get(1).deathDate());
    assertEquals(java.util.Optional.empty(), people.get(1).geography().countyFips());
    // coverage: person 1 Part B 2015-2016, HMO from 2016-07-01; person 2 Part A only
    assertEquals(
        List.of(
            "1 2015-01-01..2016-06-30 MEDICARE_FFS",
            "1 2016-07-01..2016-12-31 MEDICARE_ADVANTAGE",
            "2 2015-01-01..2016-12-31 MEDICARE_PART_A_ONLY"),
        r.records().stream()
            .filter(Enrollment.class::isInstance)
            .map(Enrollment.class::cast)
            .map(e -> e.beneficiaryId() + " " + e.start() + ".." + e.end() + " " + e.program())
            .toList());
    OmopFixtures.Recorder rec = new OmopFixtures.Recorder();
    rec.records.addAll(r.records());
    List<ClaimLine> lines = rec.lines();
    // 3 lines: the no-visit E11.9 claim first (handed over as read), then visit 10 (99213 from
    // the visit source value, outpatient: 9202, with 401.9 as ICD-9), visit 11 (93010 x2 26,
    // inpatient, I10 as ICD-10; 0DTJ4ZZ not read)
    assertEquals(3, lines.size());
    ClaimLine alone = lines.get(0);
    assertEquals(List.of(DiagnosisCode.icd10("E119")), alone.diagnoses());
    assertEquals(ClaimType.PROFESSIONAL, alone.claimType());
    assertEquals(0, alone.units());
    ClaimLine em = lines.get(1);
    assertEquals("99213", em.procedure().orElseThrow().code());
    assertEquals(ClaimType.OUTPATIENT, em.claimType());
    assertEquals(List.of(DiagnosisCode.icd9("4019")), em.diagnoses());
    ClaimLine ip = lines.get(2);
    assertEquals("93010", ip.procedure().orElseThrow().code());
    assertEquals(2, ip.units());
    assertEquals(List.of(Modifier.PROFESSIONAL_COMPONENT), ip.modifiers());
    assertEquals(ClaimType.INPATIENT, ip.claimType());
    assertEquals(LocalDate.of(2015, 10, 3), ip.serviceFrom());
    assertEquals(LocalDate.of(2015, 10, 5), ip.serviceThrough(), "through the visit's end");
    assertEquals(List.of(new DiagnosisCode(CodeSystem.ICD10CM, "I10")), ip.diagnoses());
    assertEquals(1L, r.tally().snapshot().notes().get(OmopFormat.NOT_A_CODE));
    assertEquals(1L, r.tally().snapshot().notes().get(OmopFormat.BIRTH_MONTH_MISSING));
    assertEquals(1L, r.tally().snapshot().notes().get(OmopFormat.COUNTY_NOT_READ));
    // visit types for a database whose office visits are 9202: professional
    Read prof =
        read(
            OmopFormat.DEFAULT.withVisitTypes(
                Map.of(9201L, ClaimType.INPATIENT), ClaimType.PROFESSIONAL),
            false);
    OmopFixtures.Recorder rp = new OmopFixtures.Recorder();
    rp.records.addAll(prof.records());
    assertEquals(ClaimType.PROFESSIONAL, rp.lines().get(1).claimType());
  }

  @Test
  void aConceptTableTellsTheVocabulary() throws IOException {
    database();
    // concept 2000001 says the 5-character 'J1100' of a measurement row is ICD-10-CM (2000002, a
    // HCPCS concept, is not used by any row: a vocabulary table holds more than the rows need)
    write(
        "concept.csv",
        """
        concept_id,concept_name,domain_id,vocabulary_id,concept_class_id,standard_concept,concept_code
        2000001,x,Condition,ICD10CM,4-char billing code,,J11.00
        2000002,x,Device,HCPCS,HCPCS,S,V2020
        """);
    write(
        "measurement.csv",
        "measurement_id,person_id,measurement_date,visit_occurrence_id,measurement_source_value,"
            + "measurement_source_concept_id\n1,1,2016-01-05,,J1100,2000001\n2,1,2016-01-05,,J1100,\n");
    Read r = read(OmopFormat.DEFAULT, false);
    OmopFixtures.Recorder rec = new OmopFixtures.Recorder();
    rec.records.addAll(r.records());
    List<ClaimLine> m =
        rec.lines().stream().filter(l -> l.claimId().startsWith("measurement")).toList();
    // with the concept: a diagnosis; without: the HCPCS shape wins in measurement
    assertEquals(List.of(DiagnosisCode.icd10("J1100")), m.get(0).diagnoses());
    assertTrue(m.get(0).procedure().isEmpty());
    assertEquals("J1100", m.get(1).procedure().orElseThrow().code());
  }

  @Test
  void hostileRowsAreCountedRejectionsNamingFileLineAndColumn() throws IOException {
    database();
    write(
        "PERSON.csv",
        PERSON
            + "1,8507,1940,5,10,,1,M\n"
            + "2,0,1945,,,,2,F\n"
            + "3,9999,1950,1,1,,,\n" // line 4: not a gender concept
            + "4,8532,1950,13,1,,,\n"); // line 5: month 13
    write(
        "condition_occurrence.csv",
        CONDITION
            + "1,1,2015-09-30,,10,401.9,\n"
            + "2,1,2015-13-02,,11,I10,\n" // line 3: bad date
            + "3,7,2015-11-01,,,E11.9,\n" // line 4: no such person
            + "4,2,2016-04-01,,,E11.9,\n" // line 5: after person 2's death
            + "5,2,2016-03-01,,10,E11.9,\n"); // line 6: visit 10 is person 1's
    Read r = read(OmopFormat.DEFAULT, false);
    RecordCounts persons = r.tally().snapshot().of(OmopFormat.rowsOf("person"));
    assertEquals(
        new RecordCounts(
            4,
            2,
            new TreeMap<>(
                Map.of("bad gender (gender_concept_id)", 1L, "out of range (month_of_birth)", 1L))),
        persons);
    RecordCounts conditions = r.tally().snapshot().of(OmopFormat.rowsOf("condition_occurrence"));
    assertEquals(
        new RecordCounts(
            5,
            1,
            new TreeMap<>(
                Map.of(
                    "bad date (condition_start_date)", 1L,
                    "no beneficiary record (person_id)", 1L,
                    "service after death (condition_start_date)", 1L,
                    "visit of another person (visit_occurrence_id)", 1L))),
        conditions);
    List<String> where =
        r.rejects().stream()
            .map(e -> Path.of(e.file()).getFileName() + ":" + e.line() + ":" + e.column())
            .toList();
    assertEquals(
        List.of(
            "PERSON.csv:4:gender_concept_id",
            "PERSON.csv:5:month_of_birth",
            "condition_occurrence.csv:3:condition_start_date",
            "condition_occurrence.csv:4:person_id",
            "condition_occurrence.csv:5:condition_start_date",
            "condition_occurrence.csv:6:visit_occurrence_id"),
        where);
    // read = accepted + rejected, per kind
    r.tally()
        .snapshot()
        .records()
        .forEach(
            (k, c) ->
                assertEquals(
                    c.read(),
                    c.accepted() + c.rejected().values().stream().mapToLong(Long::longValue).sum(),
                    k));
  }

  @Test
  void strictModeThrowsTheFirstNamingFileLineAndColumn() throws IOException {
    database();
    write("PERSON.csv", PERSON + "1,8507,1940,5,10,,1,M\n2,8532,19x5,1,1,,,\n");
    MalformedRecordException e =
        assertThrows(MalformedRecordException.class, () -> read(OmopFormat.DEFAULT, true));
    assertEquals(3, e.line());
    assertEquals("year_of_birth", e.column());
    assertTrue(e.file().endsWith("PERSON.csv"), e.file());
  }

  @Test
  void anEmptyPayerPlanPeriodIsRefusedUnlessObservationPeriodsAreAskedFor() throws IOException {
    database();
    write("payer_plan_period.csv", PLAN);
    write(
        "observation_period.csv",
        "observation_period_id,person_id,observation_period_start_date,observation_period_end_date,"
            + "period_type_concept_id\n1,1,2015-01-01,2015-12-31,32817\n");
    for (boolean strict : new boolean[] {false, true}) {
      MalformedRecordException e =
          assertThrows(MalformedRecordException.class, () -> read(OmopFormat.DEFAULT, strict));
      assertEquals("no coverage (empty payer_plan_period)", e.reason().text());
      assertTrue(e.getMessage().contains("observation_period"), e.getMessage());
    }
    Read r = read(OmopFormat.DEFAULT.withObservationPeriodsAs(Program.MEDICARE_FFS), false);
    assertEquals(
        List.of("1 2015-01-01..2015-12-31 MEDICARE_FFS"),
        r.records().stream()
            .filter(Enrollment.class::isInstance)
            .map(Enrollment.class::cast)
            .map(e -> e.beneficiaryId() + " " + e.start() + ".." + e.end() + " " + e.program())
            .toList());
    // no payer_plan_period file at all: refused as well
    Files.delete(dir.resolve("payer_plan_period.csv"));
    assertThrows(MalformedRecordException.class, () -> read(OmopFormat.DEFAULT, false));
  }

  @Test
  void tablesAreRecognisedByNameThenHeader() {
    OmopFormat f = OmopFormat.DEFAULT;
    assertEquals("person", f.recognise(Path.of("x/PERSON.csv"), List.of()).orElseThrow().name());
    assertEquals(
        "person", f.recognise(Path.of("cdm.person.tsv.gz"), List.of()).orElseThrow().name());
    assertEquals(
        "procedure_occurrence",
        f.recognise(
                Path.of("export_7.csv"),
                List.of(
                    "procedure_occurrence_id",
                    "PERSON_ID",
                    "procedure_date",
                    "procedure_source_value"))
            .orElseThrow()
            .name());
    assertTrue(f.recognise(Path.of("notes.csv"), List.of("a", "b")).isEmpty());
  }
}
