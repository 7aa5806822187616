package org.mpindex.io.omop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.mpindex.core.claims.Beneficiary;
import org.mpindex.core.claims.Claim;
import org.mpindex.core.claims.ClaimLine;
import org.mpindex.core.claims.DiagnosisCode;
import org.mpindex.core.claims.Enrollment;
import org.mpindex.core.claims.ProcedureCode;
import org.mpindex.core.claims.Sex;
import org.mpindex.core.claims.UsState;
import org.mpindex.core.index.ClaimDating;
import org.mpindex.core.index.ExclusionReason;
import org.mpindex.core.index.IndexAssembler;
import org.mpindex.core.index.IndexCell;
import org.mpindex.core.index.IngestAccounting;
import org.mpindex.core.index.IngestMode;
import org.mpindex.core.index.IngestTally;
import org.mpindex.core.index.MpiResult;
import org.mpindex.core.index.MpiSpec;
import org.mpindex.core.index.RecordCounts;
import org.mpindex.core.index.RecordSink;
import org.mpindex.core.index.StudyPeriod;
import org.mpindex.core.spi.BurdenGrouper;
import org.mpindex.core.spi.MalformedRecordException;
import org.mpindex.core.time.Window;
import org.mpindex.io.SynpufBeneficiaryReader;
import org.mpindex.io.SynpufClaimReader;
import org.mpindex.io.SynpufCoverage;
import org.mpindex.io.input.InputFiles;
import org.mpindex.io.input.ReadContext;
import org.mpindex.testkit.SimpleBurdenGrouper;
import org.mpindex.testkit.SimpleEffortCalculator;

/**
 * The ETL-CMS test data: a DE-SynPUF input (python_etl/test_data/DE_0) and the OMOP tables ETL-CMS's
 * authors wrote for the same two people (python_etl/test_data/output). The index from either must
 * be the same where the mapping keeps the information.
 */
class OmopEtlCmsTest {

  static final SimpleEffortCalculator EFFORT =
      SimpleEffortCalculator.of(
          Map.of(
              ProcedureCode.of("66984"), 10_000_000L,
              ProcedureCode.of("99213"), 920_000L,
              ProcedureCode.of("99282"), 880_000L,
              ProcedureCode.of("72114"), 320_000L,
              ProcedureCode.of("99337"), 2_320_000L,
              ProcedureCode.of("17003"), 40_000L));

  static MpiSpec spec(Optional<StudyPeriod> period) {
    MpiSpec.Builder b = MpiSpec.builder().minimumEligibleWindows(1);
    period.ifPresent(b::studyPeriod);
    return b.build();
  }

  static IndexAssembler desynpuf(BurdenGrouper grouper) {
    // as mpi compute wires DE-SynPUF: study period = the years of the summary files (2008-2010),
    // SynpufCoverage.DEFAULT, claims as claims, checked against the beneficiaries
    IndexAssembler a =
        IndexAssembler.create(
            spec(Optional.of(StudyPeriod.of(LocalDate.of(2008, 1, 1), LocalDate.of(2010, 12, 31)))),
            EFFORT,
            grouper);
    IngestTally tally = a.tally();
    RecordSink sink = RecordSink.into(a);
    List<Path> summaries =
        List.of(2008, 2009, 2010).stream()
            .map(
                y ->
                    OmopFixtures.DESYNPUF.resolve(
                        "DE1_0_" + y + "_Beneficiary_Summary_File_Sample_0.csv"))
            .toList();
    new SynpufBeneficiaryReader(IngestMode.LENIENT, SynpufCoverage.DEFAULT)
        .read(summaries, sink, tally);
    a.fixStudyPeriod();
    SynpufClaimReader claims =
        new SynpufClaimReader(IngestMode.LENIENT, true)
            .checkedAgainst(a::beneficiary, ClaimDating.SERVICE_FROM);
    for (String f :
        List.of(
            "DE1_0_2008_to_2010_Carrier_Claims_Sample_0A.csv",
            "DE1_0_2008_to_2010_Carrier_Claims_Sample_0B.csv",
            "DE1_0_2008_to_2010_Inpatient_Claims_Sample_0.csv",
            "DE1_0_2008_to_2010_Outpatient_Claims_Sample_0.csv")) {
      claims.read(OmopFixtures.DESYNPUF.resolve(f), sink, tally);
    }
    return a;
  }

  static IndexAssembler omop(OmopFormat format, InputFiles files, BurdenGrouper grouper) {
    IndexAssembler a = IndexAssembler.create(spec(Optional.empty()), EFFORT, grouper);
    ReadContext c =
        new ReadContext(
            IngestMode.LENIENT,
            a.tally(),
            e -> {},
            ClaimDating.SERVICE_FROM,
            ReadContext.NOBODY_YET);
    format.readPeople(files, c, RecordSink.into(a));
    a.fixStudyPeriod();
    format.readClaims(files, c.withBeneficiaries(a::beneficiary), RecordSink.into(a));
    return a;
  }

  /** The categories: codes both sides keep (the lost 7384, 7062, V1588, 0416 and the moved 416 touch none). */
  static final BurdenGrouper KEPT =
      SimpleBurdenGrouper.of(
          List.of("eye", "htn", "chf", "lipid", "asthma", "arthritis", "diabetes"),
          Map.of(
              DiagnosisCode.icd9("366"), 0,
              DiagnosisCode.icd9("401"), 1,
              DiagnosisCode.icd9("428"), 2,
              DiagnosisCode.icd9("272"), 3,
              DiagnosisCode.icd9("493"), 4,
              DiagnosisCode.icd9("715"), 5,
              DiagnosisCode.icd9("250"), 6));

  static InputFiles omopFiles() {
    return OmopFixtures.files(OmopFormat.DEFAULT, OmopFixtures.OMOP);
  }

  /**
   * The key test. Patient 0002056B40CEE448 (female, born 1920-10-01, Parts A and B all of 2008-2010,
   * no HMO: traditional Medicare throughout on both sides) carries the index; 0004D03F1BD5E607 has
   * 12 HMO months a year (DE-SynPUF) or an HMO period (OMOP): Medicare Advantage, never eligible.
   * Every cell is the same, bit for bit, but one count: in 2008Q2 the DE-SynPUF side has
   * 0004D03F1BD5E607 as a candidate excluded NOT_ENROLLED (his 2008 months are counted from the end
   * of the year he turns 65: all 12, January on, HMO), while the OMOP side's coverage of him starts
   * 2008-07-01, so he is not a candidate of 2008Q2 at all.
   */
  @Test
  void sameIndexAsTheDeSynpufFilesOfTheSamePeople() {
    MpiResult d = desynpuf(KEPT).assemble();
    MpiResult o = omop(OmopFormat.DEFAULT, omopFiles(), KEPT).assemble();
    assertEquals(d.studyPeriod(), o.studyPeriod());
    assertEquals(d.windows(), o.windows());
    assertEquals(d.groupKeys(), o.groupKeys());
    for (Window w : d.windows()) {
      IndexCell dn = d.national(w).orElseThrow();
      IndexCell on = o.national(w).orElseThrow();
      if (w.toString().equals("2008Q2")) {
        dn = lessOneNotEnrolled(dn);
      }
      assertEquals(dn, on, "national " + w);
      for (IndexCell dcell : d.groups(w)) {
        IndexCell dc = dcell;
        Optional<IndexCell> found = o.cell(w, dc.group());
        if (found.isEmpty() && w.toString().equals("2008Q2")) {
          // 0004D03F1BD5E607's own groups (CA): on the OMOP side he is nobody's candidate yet
          assertEquals(1, dc.candidates(), dc.group());
          assertEquals(1L, dc.exclusions().get(ExclusionReason.NOT_ENROLLED), dc.group());
          continue;
        }
        IndexCell oc = found.orElseThrow(() -> new AssertionError(dcell.group() + " " + w));
        if (w.toString().equals("2008Q2") && dc.candidates() != oc.candidates()) {
          dc = lessOneNotEnrolled(dc);
        }
        assertEquals(dc, oc, dc.group() + " " + w);
      }
    }
    // the index is there: 2008Q2 health 1/b over effort in 2008Q1 (66984 on 2008-02-29, 10 units)
    IndexCell q2 = o.national().get(0);
    assertEquals(1, q2.patients());
    assertEquals(10.0, q2.meanEffort());
  }

  private static IndexCell lessOneNotEnrolled(IndexCell c) {
    Map<ExclusionReason, Long> ex = new java.util.EnumMap<>(ExclusionReason.class);
    ex.putAll(c.exclusions());
    ex.merge(ExclusionReason.NOT_ENROLLED, -1L, Long::sum);
    return new IndexCell(
        c.window(),
        c.group(),
        c.mpi(),
        c.meanHealth(),
        c.meanEffort(),
        c.patients(),
        c.standardError(),
        c.ciLow(),
        c.ciHigh(),
        c.intervalMethod(),
        c.candidates() - 1,
        ex,
        c.effortIncomplete());
  }

  /** Per person and service day and claim type: the diagnoses, and the procedures with units. */
  static Map<String, String> byPersonDay(List<ClaimLine> lines) {
    Map<String, java.util.TreeSet<String>> dx = new TreeMap<>();
    Map<String, List<String>> procs = new TreeMap<>();
    for (ClaimLine l : lines) {
      String key =
          l.beneficiaryId()
              + " "
              + l.serviceFrom()
              + ".."
              + l.serviceThrough()
              + " "
              + l.claimType();
      dx.computeIfAbsent(key, k -> new java.util.TreeSet<>())
          .addAll(l.diagnoses().stream().map(DiagnosisCode::code).toList());
      procs.computeIfAbsent(key, k -> new java.util.ArrayList<>());
      l.procedure().ifPresent(p -> procs.get(key).add(p.code() + "x" + l.units() + l.modifiers()));
    }
    Map<String, String> out = new TreeMap<>();
    dx.forEach(
        (k, v) -> {
          List<String> p = procs.get(k);
          java.util.Collections.sort(p);
          out.put(k, "dx " + v + " procedures " + p);
        });
    return out;
  }

  /**
   * Line by line: the same claims (one per DE-SynPUF claim, one per OMOP visit), the same days, claim
   * types, procedures and units; the diagnoses differ in exactly the three places ETL-CMS's output
   * differs from its input (see fixtures/omop/SOURCE.md).
   */
  @Test
  void theLinesDifferOnlyWhereTheEtlChangedTheCodes() {
    OmopFixtures.Recorder d = new OmopFixtures.Recorder();
    IndexAssembler a = desynpuf(KEPT);
    // the DE-SynPUF records again, into a recorder
    RecordSink rec = d;
    SynpufClaimReader claims = new SynpufClaimReader(IngestMode.LENIENT, true);
    for (String f :
        List.of(
            "DE1_0_2008_to_2010_Carrier_Claims_Sample_0A.csv",
            "DE1_0_2008_to_2010_Carrier_Claims_Sample_0B.csv",
            "DE1_0_2008_to_2010_Inpatient_Claims_Sample_0.csv",
            "DE1_0_2008_to_2010_Outpatient_Claims_Sample_0.csv")) {
      claims.read(OmopFixtures.DESYNPUF.resolve(f), rec);
    }
    OmopFixtures.Recorder o = new OmopFixtures.Recorder();
    ReadContext c = ReadContext.lenient().withBeneficiaries(a::beneficiary);
    OmopFormat.DEFAULT.readClaims(omopFiles(), c, o);
    Map<String, String> want = byPersonDay(d.lines());
    // ETL-CMS's output: V1588 went to a person that does not exist (0002056B40CEE450), the
    // outpatient admitting diagnosis 7384 was not written; 0416 lost its leading zero (416)
    want.put(
        "0002056B40CEE448 2008-04-04..2008-04-04 OUTPATIENT",
        "dx [72402, 73603] procedures [72114x1[], 99282x1[]]");
    want.put(
        "0002056B40CEE448 2009-02-08..2009-02-10 INPATIENT",
        "dx [2720, 2811, 2875, 4019, 416, 4254, 4280, 49390, 71537, 7295] procedures []");
    // and 0004D03F1BD5E607's outpatient admitting diagnosis 7062, likewise not written
    want.put(
        "0004D03F1BD5E607 2008-08-31..2008-08-31 OUTPATIENT",
        "dx [70401] procedures [10061x1[], 99213x1[]]");
    assertEquals(want, byPersonDay(o.lines()));
    // 10 lines each side: carrier 1 + 3, outpatient 2 + 2, inpatient 1 diagnosis-only + 1
    assertEquals(10, d.lines().size());
    assertEquals(10, o.lines().size());
    assertEquals(6, o.of(Claim.class).size(), "one claim per visit");
  }

  /**
   * Coverage by hand from payer_plan_period.csv: 0002056B40CEE448 has Part A, B, D 2008-01-01 to
   * 2010-12-31 (Part D not read), so Part B without HMO: one FFS span; 0004D03F1BD5E607 has A, B,
   * HMO, D from 2008-07-01: the HMO makes it Medicare Advantage. Two Part D rows noted. Residence:
   * location 1 is SSA state 15 (Indiana) county 680, FIPS 18___ by the crosswalk; as DE-SynPUF.
   */
  @Test
  void coverageAndPeopleByHand() {
    OmopFixtures.Recorder r = new OmopFixtures.Recorder();
    ReadContext c = ReadContext.lenient();
    OmopFormat.DEFAULT.readPeople(omopFiles(), c, r);
    List<String> spans =
        r.of(Enrollment.class).stream()
            .map(e -> e.beneficiaryId() + " " + e.start() + ".." + e.end() + " " + e.program())
            .toList();
    assertEquals(
        List.of(
            "0002056B40CEE448 2008-01-01..2010-12-31 MEDICARE_FFS",
            "0004D03F1BD5E607 2008-07-01..2010-12-31 MEDICARE_ADVANTAGE"),
        spans);
    List<Beneficiary> people = r.of(Beneficiary.class);
    assertEquals(LocalDate.of(1920, 10, 1), people.get(0).birthDate());
    assertEquals(Sex.FEMALE, people.get(0).sex());
    assertEquals(Sex.MALE, people.get(1).sex());
    assertEquals(Optional.of(UsState.IN), people.get(0).geography().state());
    assertEquals(Optional.of("15680"), people.get(0).geography().countySsa());
    // the same residence the DE-SynPUF reader gives
    OmopFixtures.Recorder d = new OmopFixtures.Recorder();
    new SynpufBeneficiaryReader(IngestMode.LENIENT, SynpufCoverage.DEFAULT)
        .read(
            List.of(
                OmopFixtures.DESYNPUF.resolve("DE1_0_2010_Beneficiary_Summary_File_Sample_0.csv")),
            d);
    assertEquals(
        d.of(Beneficiary.class).stream().map(Beneficiary::geography).toList(),
        people.stream().map(Beneficiary::geography).toList());
    assertEquals(2L, c.tally().snapshot().notes().get(OmopFormat.PLAN_NOT_COVERAGE));
  }

  /**
   * Accounting by hand: observation.csv has 5 rows, line 4 names person 0002056B40CEE450 who has no
   * person row: 4 accepted, 1 rejected naming file, line and column; the two NDC drug rows and the
   * ICD-9 procedure 7869 are neither diagnoses nor HCPCS (3 notes); the 6 visit_source_values are
   * claim ids.
   */
  @Test
  void accountingByHand() {
    IndexAssembler a = IndexAssembler.create(spec(Optional.empty()), EFFORT, KEPT);
    List<MalformedRecordException> rejects = new java.util.ArrayList<>();
    ReadContext c =
        new ReadContext(
            IngestMode.LENIENT,
            a.tally(),
            rejects::add,
            ClaimDating.SERVICE_FROM,
            ReadContext.NOBODY_YET);
    OmopFormat.DEFAULT.readPeople(omopFiles(), c, RecordSink.into(a));
    OmopFormat.DEFAULT.readClaims(
        omopFiles(), c.withBeneficiaries(a::beneficiary), RecordSink.into(a));
    IngestAccounting acc = a.assemble().accounting();
    RecordCounts obs = acc.of(OmopFormat.rowsOf("observation"));
    assertEquals(
        new RecordCounts(5, 4, new TreeMap<>(Map.of("no beneficiary record (person_id)", 1L))),
        obs);
    assertEquals(1, rejects.size());
    MalformedRecordException e = rejects.get(0);
    assertTrue(e.file().endsWith("observation.csv"), e.file());
    assertEquals(4, e.line());
    assertEquals("person_id", e.column());
    assertEquals(
        new RecordCounts(28, 28, new TreeMap<>()),
        acc.of(OmopFormat.rowsOf("condition_occurrence")));
    assertEquals(3L, acc.notes().get(OmopFormat.NOT_A_CODE));
    assertEquals(6L, acc.notes().get(OmopFormat.VISIT_SOURCE_NOT_A_CODE));
    for (Map.Entry<String, RecordCounts> k : acc.records().entrySet()) {
      RecordCounts rc = k.getValue();
      long rejected = rc.rejected().values().stream().mapToLong(Long::longValue).sum();
      assertEquals(rc.read(), rc.accepted() + rejected, k.getKey());
    }
  }
}
