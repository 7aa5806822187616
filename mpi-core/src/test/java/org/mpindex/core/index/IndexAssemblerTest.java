package org.mpindex.core.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.mpindex.core.claims.Beneficiary;
import org.mpindex.core.claims.ClaimLine;
import org.mpindex.core.claims.ClaimType;
import org.mpindex.core.claims.DiagnosisCode;
import org.mpindex.core.claims.Enrollment;
import org.mpindex.core.claims.Geography;
import org.mpindex.core.claims.Program;
import org.mpindex.core.claims.Sex;
import org.mpindex.core.claims.UsState;
import org.mpindex.core.spi.BurdenGrouper;
import org.mpindex.core.spi.CodeTally;
import org.mpindex.core.spi.EffortCalculator;
import org.mpindex.core.spi.HealthLevelProvider;
import org.mpindex.core.spi.PrecomputedBurden;
import org.mpindex.core.spi.RejectedRecordException;
import org.mpindex.core.time.Quarter;
import org.mpindex.core.time.Window;

/**
 * A hand-worked example of the whole method. Every expected value below is derived in the comments
 * from the input, not read off the code's output.
 */
class IndexAssemblerTest {

  // Work RVUs per unit: 99213 0.92, 99214 1.42, 27447 21.79 (values chosen for the example).
  static final EffortCalculator EFFORT =
      new EffortCalculator() {
        final Map<String, Long> micros =
            Map.of("99213", 920_000L, "99214", 1_420_000L, "27447", 21_790_000L);

        @Override
        public long effortMicros(ClaimLine line, LocalDate day, CodeTally tally) {
          String code = line.procedure().orElseThrow().code();
          Long m = micros.get(code);
          if (m == null) {
            tally.unknownCode("HCPCS", code);
            return 0;
          }
          return m * line.units();
        }
      };

  // Categories: 401* -> {htn(0), any(4)}, 250* -> {dm(1), any(4)}, 428* -> {chf(2)}, 496 ->
  // {copd(3)}.
  static final BurdenGrouper GROUPER =
      new BurdenGrouper() {
        @Override
        public long categoriesOf(DiagnosisCode code) {
          String c = code.code();
          if (c.startsWith("401")) {
            return 1L | 1L << 4;
          }
          if (c.startsWith("250")) {
            return 1L << 1 | 1L << 4;
          }
          if (c.startsWith("428")) {
            return 1L << 2;
          }
          return c.startsWith("496") ? 1L << 3 : 0L;
        }

        @Override
        public List<String> categoryNames() {
          return List.of("htn", "dm", "chf", "copd", "any");
        }
      };

  // At least 3 eligible quarters: D (died 2008-08-20) is eligible in Q1-Q3 only, since a window
  // after death is not covered (coverage while alive); C has 2 (Q1, Q2) and stays out.
  static final MpiSpec SPEC =
      MpiSpec.builder()
          .studyPeriod(StudyPeriod.of(LocalDate.of(2008, 1, 1), LocalDate.of(2008, 12, 31)))
          .minimumEligibleWindows(3)
          .build();

  static final Window Q2 = Window2008(2);
  static final Window Q3 = Window2008(3);
  static final Window Q4 = Window2008(4);

  static Window Window2008(int q) {
    Quarter quarter = Quarter.of(2008, q);
    return new Window(quarter.index(), quarter.start(), quarter.end(), quarter.toString());
  }

  static ClaimLine line(String id, String date, String code, int units, String... dx) {
    ClaimLine.Builder b =
        ClaimLine.builder()
            .claimId(id + date + code)
            .beneficiaryId(id)
            .serviceFrom(LocalDate.parse(date))
            .procedure(code)
            .units(units);
    for (String d : dx) {
      b.diagnosis(DiagnosisCode.icd9(d));
    }
    return b.build();
  }

  static Enrollment ffs(String id, String from, String to) {
    return Enrollment.of(id, LocalDate.parse(from), LocalDate.parse(to), Program.MEDICARE_FFS);
  }

  /** The example population; see the derivations in {@link #handWorkedExample()}. */
  static List<Object> records() {
    List<Object> r = new ArrayList<>();
    Geography wy = Geography.of(UsState.WY);
    Geography ak = Geography.of(UsState.AK);
    // A: 77-78 years old, traditional Medicare all study long, Wyoming.
    r.add(Beneficiary.of("A", LocalDate.of(1930, 5, 10), Sex.FEMALE, wy));
    r.add(ffs("A", "2007-01-01", "2009-12-31"));
    r.add(line("A", "2008-02-01", "99213", 1, "4019"));
    r.add(line("A", "2008-03-15", "99214", 1, "25000"));
    r.add(line("A", "2008-05-20", "99213", 1, "4019"));
    r.add(line("A", "2008-11-02", "99213", 1, "496"));
    // B: turns 65 on 2009-08-15, so under 65 all 2008; Wyoming.
    r.add(Beneficiary.of("B", LocalDate.of(1944, 8, 15), Sex.MALE, wy));
    r.add(ffs("B", "2008-01-01", "2008-12-31"));
    r.add(line("B", "2008-01-10", "99213", 1, "4280"));
    // C: traditional Medicare Q1-Q2, Medicare Advantage Q3-Q4; Alaska.
    r.add(Beneficiary.of("C", LocalDate.of(1920, 1, 1), Sex.FEMALE, ak));
    r.add(ffs("C", "2008-01-01", "2008-06-30"));
    r.add(
        Enrollment.of(
            "C", LocalDate.of(2008, 7, 1), LocalDate.of(2008, 12, 31), Program.MEDICARE_ADVANTAGE));
    r.add(line("C", "2008-01-20", "27447", 1, "4019"));
    r.add(line("C", "2008-04-20", "99214", 1, "4280", "25000"));
    // D: traditional Medicare all 2008, died 2008-08-20; Alaska.
    r.add(
        new Beneficiary(
            "D", LocalDate.of(1935, 3, 3), Optional.of(LocalDate.of(2008, 8, 20)), Sex.MALE, ak));
    r.add(ffs("D", "2008-01-01", "2008-12-31"));
    r.add(line("D", "2008-03-01", "99214", 1, "4019"));
    r.add(line("D", "2008-06-01", "99213", 2, "496"));
    r.add(line("D", "2008-07-01", "99213", 1, "4019", "496"));
    // E: a claim line without a beneficiary record.
    r.add(line("E", "2008-05-05", "99213", 1, "4019"));
    return r;
  }

  static MpiResult compute(MpiSpec spec, List<Object> records) {
    return IndexAssembler.create(spec, EFFORT, GROUPER).addAll(records).assemble();
  }

  @Test
  void handWorkedExample() {
    MpiResult r = compute(SPEC, records());
    // Study 2008Q1-2008Q4 with lag 1: index windows Q2, Q3, Q4.
    assertEquals(List.of(Q2, Q3, Q4), r.windows());

    // Q2. A: H(Q2) from 401.9 = {htn, any}, b = 2, H = 1/2; M(Q1) = 0.92 + 1.42 = 2.34; ratio
    // 0.5/2.34.
    //     B: age 63 on 2008-04-01: under 65.
    //     C: eligible quarters (FFS, full quarter) = Q1, Q2 = 2 < 3: too few.
    //     D: H(Q2) from 496 = {copd}, b = 1, H = 1; M(Q1) = 1.42; ratio 1/1.42.
    IndexCell q2 = r.national(Q2).orElseThrow();
    double a2 = 0.5 / 2.34;
    double d2 = 1 / 1.42;
    assertEquals(2, q2.patients());
    assertEquals(4, q2.candidates());
    assertEquals((a2 + d2) / 2, q2.mpi(), 1e-12);
    assertEquals((0.5 + 1) / 2, q2.meanHealth(), 1e-12);
    assertEquals((2.34 + 1.42) / 2, q2.meanEffort(), 1e-12);
    assertEquals(1, q2.excluded(ExclusionReason.UNDER_MINIMUM_AGE));
    assertEquals(1, q2.excluded(ExclusionReason.TOO_FEW_ELIGIBLE_WINDOWS));
    // Two ratios: sample sd = |a - d| / sqrt 2, SE = sd / sqrt 2 = |a - d| / 2.
    assertEquals(Math.abs(a2 - d2) / 2, q2.standardError(), 1e-12);
    // 95% interval with Student's t, 1 degree of freedom (two patients): 12.7062047361747 (tables)
    assertEquals(q2.mpi() - 12.706204736174707 * q2.standardError(), q2.ciLow(), 1e-9);
    assertEquals(q2.mpi() + 12.706204736174707 * q2.standardError(), q2.ciHigh(), 1e-9);

    // Q3. A: no diagnosis in Q3, b = 0, H = 1 (zero burden AS_ONE); M(Q2) = 0.92; ratio 1/0.92.
    //     B: under 65. C: Medicare Advantage in Q3: not enrolled.
    //     D: H(Q3) from 401.9 + 496 = {htn, copd, any}, b = 3, H = 1/3; M(Q2) = 2 x 0.92; ratio
    // (1/3)/1.84.
    IndexCell q3 = r.national(Q3).orElseThrow();
    assertEquals(2, q3.patients());
    assertEquals((1 / 0.92 + (1.0 / 3) / 1.84) / 2, q3.mpi(), 1e-12);
    assertEquals((1 + 1.0 / 3) / 2, q3.meanHealth(), 1e-12);
    assertEquals((0.92 + 1.84) / 2, q3.meanEffort(), 1e-12);
    assertEquals(1, q3.excluded(ExclusionReason.NOT_ENROLLED));

    // Q4. A: M(Q3) = 0: zero effort. B: under 65. C: not enrolled. D: died 2008-08-20: deceased.
    IndexCell q4 = r.national(Q4).orElseThrow();
    assertEquals(0, q4.patients());
    assertTrue(Double.isNaN(q4.mpi()));
    assertEquals(
        Map.of(
            ExclusionReason.ZERO_EFFORT,
            1L,
            ExclusionReason.UNDER_MINIMUM_AGE,
            1L,
            ExclusionReason.NOT_ENROLLED,
            1L,
            ExclusionReason.DECEASED,
            1L),
        nonZero(q4.exclusions()));

    // Groups: A and B live in WY, C and D in AK.
    assertEquals(a2, r.cell(Q2, "WY").orElseThrow().mpi(), 1e-12);
    assertEquals(d2, r.cell(Q2, "AK").orElseThrow().mpi(), 1e-12);
    assertEquals(List.of("AK", "WY"), List.copyOf(r.groupKeys()));

    // Accounting: 11 lines read, E's line rejected; 4 beneficiaries; 5 spans.
    IngestAccounting acc = r.accounting();
    assertEquals(
        new RecordCounts(
            11, 10, new java.util.TreeMap<>(Map.of(IndexAssembler.NO_BENEFICIARY.text(), 1L))),
        acc.of(IngestTally.CLAIM_LINES));
    assertEquals(4, acc.of(IngestTally.BENEFICIARIES).accepted());
    assertEquals(5, acc.of(IngestTally.ENROLLMENTS).accepted());
    assertTrue(acc.balanced());
  }

  static Map<ExclusionReason, Long> nonZero(Map<ExclusionReason, Long> m) {
    Map<ExclusionReason, Long> out = new java.util.EnumMap<>(ExclusionReason.class);
    m.forEach(
        (k, v) -> {
          if (v != 0) {
            out.put(k, v);
          }
        });
    return out;
  }

  @Test
  void aPatientsHintOnlySizesMemory() {
    MpiResult expected = compute(SPEC, records());
    // the example has five ids (A-E): hints below, at and above that give the hand-worked result
    for (int hint : new int[] {0, 1, 5, 4096}) {
      IndexAssembler a = IndexAssembler.create(SPEC, EFFORT, GROUPER).expectPatients(hint);
      assertEquals(expected, a.addAll(records()).assemble(), "hint " + hint);
    }
    IllegalArgumentException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalArgumentException.class,
            () -> IndexAssembler.create(SPEC, EFFORT, GROUPER).expectPatients(-1));
    assertTrue(e.getMessage().contains("-1"), e.getMessage());
  }

  @Test
  void inputOrderDoesNotMatter() {
    List<Object> recs = records();
    MpiResult expected = compute(SPEC, recs);
    for (long seed = 1; seed <= 5; seed++) {
      List<Object> shuffled = new ArrayList<>(recs);
      Collections.shuffle(shuffled, new Random(seed));
      assertEquals(expected, compute(SPEC, shuffled));
    }
  }

  @Test
  void policiesChangeTheOutcomeAsDocumented() {
    // Zero effort floored at 0.5: A in Q4 gets M = 0.5 and H(Q4) from 496 = 1: ratio 2.
    MpiResult floored =
        compute(SPEC.toBuilder().zeroEffort(ZeroEffort.floor(0.5)).build(), records());
    IndexCell q4 = floored.national(Q4).orElseThrow();
    assertEquals(1, q4.patients());
    assertEquals(2.0, q4.mpi(), 1e-12);

    // Zero burden EXCLUDE: A in Q3 has b = 0 and drops out; D alone: (1/3)/1.84.
    MpiResult excl = compute(SPEC.toBuilder().zeroBurden(ZeroBurden.EXCLUDE).build(), records());
    assertEquals((1.0 / 3) / 1.84, excl.national(Q3).orElseThrow().mpi(), 1e-12);
    assertEquals(1, excl.national(Q3).orElseThrow().excluded(ExclusionReason.ZERO_BURDEN));

    // ONE_PLUS_B: Q3 A: H = 1/(0+1) = 1; D: H = 1/(3+1).
    MpiResult shifted =
        compute(SPEC.toBuilder().zeroBurden(ZeroBurden.ONE_PLUS_B).build(), records());
    assertEquals((1 / 0.92 + 0.25 / 1.84) / 2, shifted.national(Q3).orElseThrow().mpi(), 1e-12);

    // Health population WITH_CLAIM_IN_WINDOW: A has no claim in Q3 and drops out.
    MpiResult withClaim =
        compute(
            SPEC.toBuilder().healthPopulation(HealthPopulation.WITH_CLAIM_IN_WINDOW).build(),
            records());
    assertEquals(
        1, withClaim.national(Q3).orElseThrow().excluded(ExclusionReason.NO_CLAIM_IN_WINDOW));

    // Minimum eligible windows 2 and any program: C qualifies in Q2 with H(Q2) from 428 + 250 =
    // {chf, dm, any} = 1/3 over M(Q1) = 21.79; in Q3 C is in MA, now accepted, H = 1 (no dx) over
    // M(Q2) = 1.42.
    MpiResult loose =
        compute(SPEC.toBuilder().minimumEligibleWindows(2).anyProgram().build(), records());
    assertEquals(
        (0.5 / 2.34 + 1 / 1.42 + (1.0 / 3) / 21.79) / 3,
        loose.national(Q2).orElseThrow().mpi(),
        1e-12);
    assertEquals(3, loose.national(Q3).orElseThrow().patients());

    // Ratio of means in Q2: (0.5 + 1) / (2.34 + 1.42).
    MpiResult rom =
        compute(SPEC.toBuilder().aggregation(Aggregation.ratioOfMeans()).build(), records());
    assertEquals(1.5 / 3.76, rom.national(Q2).orElseThrow().mpi(), 1e-12);
    // Delta method: R = 1.5/3.76, u_i = H_i - R M_i: u = (0.5 - 2.34 R, 1 - 1.42 R), which sum to
    // 0, so
    // |u_1| = |u_2| = 1 - 1.42 * 1.5 / 3.76; s_u^2 = 2 u^2 / (n - 1) = 2 u^2; SE = sqrt(s_u^2 / n)
    // / mean M
    // = u / 1.88; interval R +- t(0.975, 1 df) SE with t = 12.7062047 (tables).
    IndexCell romQ2 = rom.national(Q2).orElseThrow();
    double u = 1 - 1.42 * 1.5 / 3.76;
    assertEquals(IntervalMethod.DELTA, romQ2.intervalMethod());
    assertEquals(u / 1.88, romQ2.standardError(), 1e-12);
    assertEquals(1.5 / 3.76 - 12.7062047 * u / 1.88, romQ2.ciLow(), 1e-6);
    assertEquals(1.5 / 3.76 + 12.7062047 * u / 1.88, romQ2.ciHigh(), 1e-6);

    // Diagnoses of inpatient claims only: every line here is professional or outpatient, so every
    // burden is 0 and H = 1 (zero burden as one). Q2: A 1/2.34, D 1/1.42; efforts unchanged.
    MpiResult inpatientDx =
        compute(
            SPEC.toBuilder().diagnosisClaimTypes(Set.of(ClaimType.INPATIENT)).build(), records());
    assertEquals((1 / 2.34 + 1 / 1.42) / 2, inpatientDx.national(Q2).orElseThrow().mpi(), 1e-12);
    assertThrows(
        IllegalArgumentException.class,
        () -> SPEC.toBuilder().diagnosisClaimTypes(Set.of()).build());

    // Minimum age 60: B (63-64) qualifies in Q2 with H(Q2) = 1 (no dx), M(Q1) = 0.92 (99213 / 428).
    MpiResult young = compute(SPEC.toBuilder().minimumAge(60).build(), records());
    assertEquals(3, young.national(Q2).orElseThrow().patients());

    // Cohort: patients with a 401 diagnosis in t-1 or t. Q2: A (Q1 401, Q2 401) yes; D (Q1 401)
    // yes.
    // Q3: A has 401 in Q2: yes; D has 401 in Q3: yes. Same as everyone here; narrow to Q2 only.
    Cohort htnInT = Cohort.withDiagnosis("htn", dx -> dx.startsWith("401"), 0, 0);
    MpiResult cohort = compute(SPEC.toBuilder().cohort(htnInT).build(), records());
    // Q2: A has 401.9 in Q2, D only 496 in Q2: D is out.
    assertEquals(a2(), cohort.national(Q2).orElseThrow().mpi(), 1e-12);
    assertEquals(1, cohort.national(Q2).orElseThrow().excluded(ExclusionReason.NOT_IN_COHORT));
  }

  static double a2() {
    return 0.5 / 2.34;
  }

  @Test
  void lagZeroAndCoverageAnyDay() {
    // Lag 0 with ANY_DAY coverage: C is now eligible in Q1-Q4 windows touched by FFS days only (Q1,
    // Q2).
    MpiSpec spec =
        SPEC.toBuilder().lag(0).coverage(Coverage.ANY_DAY).minimumEligibleWindows(1).build();
    MpiResult r = compute(spec, records());
    assertEquals(4, r.windows().size());
    // 2008Q1 with lag 0: A: H(Q1) from 401 + 250 = {htn, dm, any} = 1/3, M(Q1) = 2.34.
    //   B under 65; C: H(Q1) from 401 = 1/2, M(Q1) = 21.79; D: H = 1/2 (401), M = 1.42.
    IndexCell q1 = r.national().get(0);
    assertEquals(((1.0 / 3) / 2.34 + 0.5 / 21.79 + 0.5 / 1.42) / 3, q1.mpi(), 1e-12);
  }

  @Test
  void precomputedBurdenIsOredIn() {
    // Give A the copd category in Q2 from outside: b(A, Q2) = {htn, any, copd} = 3.
    List<Object> recs = records();
    recs.add(new PrecomputedBurden("A", LocalDate.of(2008, 4, 1), 1L << 3));
    MpiResult r = compute(SPEC, recs);
    assertEquals(((1.0 / 3) / 2.34 + 1 / 1.42) / 2, r.national(Q2).orElseThrow().mpi(), 1e-12);
    assertEquals(1, r.accounting().of(IngestTally.BURDENS).accepted());
  }

  @Test
  void institutionalLinesCarryDiagnosesButNoEffortByDefault() {
    List<Object> recs = records();
    // An outpatient line for A in Q1 with a costly code: no effort by default, and its 428
    // diagnosis
    // does not matter for Q2 health (it is in Q1).
    recs.add(
        line("A", "2008-02-02", "27447", 1, "4280").toBuilder()
            .claimType(ClaimType.OUTPATIENT)
            .build());
    assertEquals(
        compute(SPEC, records()).national(Q2).orElseThrow().mpi(),
        compute(SPEC, recs).national(Q2).orElseThrow().mpi(),
        0);
    MpiSpec withInstitutional =
        SPEC.toBuilder()
            .effortClaimTypes(Set.of(ClaimType.PROFESSIONAL, ClaimType.OUTPATIENT))
            .build();
    // now A's M(Q1) = 2.34 + 21.79
    assertEquals(
        (0.5 / (2.34 + 21.79) + 1 / 1.42) / 2,
        compute(withInstitutional, recs).national(Q2).orElseThrow().mpi(),
        1e-12);
  }

  @Test
  void unknownCodesAreCountedByCode() {
    List<Object> recs = records();
    recs.add(line("A", "2008-02-03", "99499", 1));
    recs.add(line("A", "2008-02-04", "99499", 1));
    MpiResult r = compute(SPEC, recs);
    assertEquals(Map.of("HCPCS 99499", 2L), r.accounting().unknownCodes());
    assertEquals(List.of(Map.entry("HCPCS 99499", 2L)), r.accounting().topUnknownCodes(5));
  }

  @Test
  void strictModeNamesTheRecord() {
    MpiSpec strict = SPEC.toBuilder().ingestMode(IngestMode.STRICT).build();
    RejectedRecordException e =
        assertThrows(RejectedRecordException.class, () -> compute(strict, records()));
    assertEquals(IndexAssembler.NO_BENEFICIARY, e.reason());
    assertTrue(e.getMessage().contains("'E'"), e.getMessage());

    EffortCalculator rejecting =
        (line, day, tally) -> {
          throw new RejectedRecordException(
              () -> "no RVU release for date", "no release in force on " + line.serviceFrom());
        };
    IndexAssembler lenient = IndexAssembler.create(SPEC, rejecting, GROUPER);
    lenient.add(line("A", "2008-02-01", "99213", 1));
    // lenient: the line's effort is rejected, not the line (it has no beneficiary record here, so
    // the line itself is rejected for that reason at assembly)
    assertEquals(
        Map.of("no RVU release for date", 1L),
        lenient.assemble().accounting().of(IngestTally.LINE_EFFORTS).rejected());
    IndexAssembler strictAssembler = IndexAssembler.create(strict, rejecting, GROUPER);
    RejectedRecordException e2 =
        assertThrows(
            RejectedRecordException.class,
            () -> strictAssembler.add(line("A", "2008-02-01", "99213", 1)));
    assertTrue(
        e2.getMessage()
            .startsWith(
                "claim A2008-02-0199213 of beneficiary A: no release in force on 2008-02-01"),
        e2.getMessage());
  }

  @Test
  void duplicateBeneficiaries() {
    List<Object> recs = records();
    recs.add(Beneficiary.of("A", LocalDate.of(1930, 5, 10), Sex.FEMALE, Geography.of(UsState.WY)));
    recs.add(Beneficiary.of("A", LocalDate.of(1931, 5, 10), Sex.FEMALE, Geography.of(UsState.WY)));
    RecordCounts c = compute(SPEC, recs).accounting().of(IngestTally.BENEFICIARIES);
    assertEquals(6, c.read());
    assertEquals(4, c.accepted());
    assertEquals(
        Map.of(
            IndexAssembler.DUPLICATE_BENEFICIARY.text(),
            1L,
            IndexAssembler.CONFLICTING_BENEFICIARY.text(),
            1L),
        c.rejected());
    MpiSpec strict = SPEC.toBuilder().ingestMode(IngestMode.STRICT).build();
    IndexAssembler a = IndexAssembler.create(strict, EFFORT, GROUPER);
    a.add(Beneficiary.of("A", LocalDate.of(1930, 5, 10), Sex.FEMALE, Geography.of(UsState.WY)));
    assertThrows(
        RejectedRecordException.class,
        () ->
            a.add(
                Beneficiary.of(
                    "A", LocalDate.of(1931, 5, 10), Sex.FEMALE, Geography.of(UsState.WY))));
  }

  @Test
  void assembleIsRepeatableAndMoreRecordsGoToANewAssembler() {
    IndexAssembler a = IndexAssembler.create(SPEC, EFFORT, GROUPER);
    List<Object> recs = records();
    a.addAll(recs.subList(0, 10));
    MpiResult partial = a.assemble();
    assertEquals(partial, a.assemble());
    // an assembled assembler takes no more records (IndexAssemblerMisuseTest); it combines into a
    // new one that takes the rest
    IndexAssembler next = IndexAssembler.create(SPEC, EFFORT, GROUPER).combine(a);
    next.addAll(recs.subList(10, recs.size()));
    assertEquals(compute(SPEC, recs), next.assemble());
    assertEquals(partial, a.assemble());
  }

  @Test
  void combineEqualsWhole() {
    List<Object> recs = records();
    IndexAssembler left = IndexAssembler.create(SPEC, EFFORT, GROUPER);
    IndexAssembler right = IndexAssembler.create(SPEC, EFFORT, GROUPER);
    for (Object o : recs) {
      String id =
          o instanceof Beneficiary beneficiary
              ? beneficiary.id()
              : o instanceof Enrollment enrollment
                  ? enrollment.beneficiaryId()
                  : ((ClaimLine) o).beneficiaryId();
      (id.compareTo("C") < 0 ? left : right).addAll(List.of(o));
    }
    assertEquals(compute(SPEC, recs), left.combine(right).assemble());
    IndexAssembler other = IndexAssembler.create(SPEC.toBuilder().lag(2).build(), EFFORT, GROUPER);
    assertThrows(IllegalArgumentException.class, () -> left.combine(other));
  }

  @Test
  void userHealthFunctionUndefinedAboveZeroIsCounted() {
    HealthLevelProvider onlyOne =
        HealthLevelProvider.of("H = 1 if b <= 1", b -> b <= 1 ? 1.0 : Double.NaN);
    MpiResult r = compute(SPEC.toBuilder().healthLevel(onlyOne).build(), records());
    // Q2: A has b = 2: undefined. D has b = 1: H = 1, ratio 1/1.42.
    assertEquals(1 / 1.42, r.national(Q2).orElseThrow().mpi(), 1e-12);
    assertEquals(1, r.national(Q2).orElseThrow().excluded(ExclusionReason.HEALTH_UNDEFINED));
  }

  @Test
  void aShardGivenTheWholesStudyPeriodMergesWithTheOthers() {
    List<Object> recs = records();
    MpiSpec fromRecords = SPEC.toBuilder().studyPeriodFromRecords().build();
    IndexAssembler whole = IndexAssembler.create(fromRecords, EFFORT, GROUPER).addAll(recs);
    StudyPeriod period = whole.studyPeriod().orElseThrow();
    IndexAssembler left =
        IndexAssembler.create(fromRecords, EFFORT, GROUPER).fixStudyPeriod(period);
    IndexAssembler right =
        IndexAssembler.create(fromRecords, EFFORT, GROUPER).fixStudyPeriod(period);
    for (Object o : recs) {
      String id =
          o instanceof Beneficiary beneficiary
              ? beneficiary.id()
              : o instanceof Enrollment enrollment
                  ? enrollment.beneficiaryId()
                  : ((ClaimLine) o).beneficiaryId();
      (id.compareTo("C") < 0 ? left : right).addAll(List.of(o));
    }
    // each shard alone would take the span of its own enrollment; fixed, their partials merge
    IndexPartial merged = left.partial(1).merge(right.partial(1));
    assertEquals(
        whole.assemble(),
        IndexAssembler.create(fromRecords, EFFORT, GROUPER).fixStudyPeriod(period).result(merged));
    // the same period again is allowed; another one, or one after claims, is not
    assertEquals(left, left.fixStudyPeriod(period));
    StudyPeriod other = StudyPeriod.of(period.from(), period.to().plusDays(1));
    assertThrows(IllegalStateException.class, () -> left.fixStudyPeriod(other));
    IndexAssembler late = IndexAssembler.create(fromRecords, EFFORT, GROUPER).addAll(recs);
    assertThrows(IllegalStateException.class, () -> late.fixStudyPeriod(period));
    IndexAssembler declared =
        IndexAssembler.create(SPEC.toBuilder().studyPeriod(other).build(), EFFORT, GROUPER);
    assertThrows(IllegalStateException.class, () -> declared.fixStudyPeriod(period));
  }

  @Test
  void diagnosisConfirmationRule() {
    // Q3 (see handWorkedExample): A has no diagnosis, H = 1 over 0.92. D's only Q3 claim C10 holds
    // 401.9
    // ({htn, any}) and 496 ({copd}); 496 was also on C9 in Q2, 401.9 on C8 in Q1.
    // Two other claims needed, t only: nothing of D's is confirmed, burden 0, H = 1 over 1.84.
    MpiResult tOnly =
        compute(SPEC.toBuilder().confirmation(Confirmation.of(0, 2)).build(), records());
    assertEquals((1 / 0.92 + 1 / 1.84) / 2, tOnly.national(Q3).orElseThrow().mpi(), 1e-12);
    // looking back one window: copd confirmed (C9, C10), htn/any not (C8 is two back): burden 1, H
    // = 1
    MpiResult one =
        compute(SPEC.toBuilder().confirmation(Confirmation.of(1, 2)).build(), records());
    assertEquals((1 / 0.92 + 1 / 1.84) / 2, one.national(Q3).orElseThrow().mpi(), 1e-12);
    // two back: all three confirmed, H = 1/3, as without a rule
    MpiResult two =
        compute(SPEC.toBuilder().confirmation(Confirmation.of(2, 2)).build(), records());
    assertEquals((1 / 0.92 + (1.0 / 3) / 1.84) / 2, two.national(Q3).orElseThrow().mpi(), 1e-12);
    assertEquals(compute(SPEC, records()).national(Q3), two.national(Q3));
    // one inpatient claim confirms on its own: C10 as an inpatient claim, t only: H = 1/3
    List<Object> inpatient = new ArrayList<>();
    for (Object r : records()) {
      boolean c10 =
          r instanceof ClaimLine claimLine
              && claimLine.serviceFrom().equals(LocalDate.of(2008, 7, 1));
      inpatient.add(c10 ? ((ClaimLine) r).toBuilder().claimType(ClaimType.INPATIENT).build() : r);
    }
    MpiResult inp =
        compute(SPEC.toBuilder().confirmation(Confirmation.of(0, 2)).build(), inpatient);
    assertEquals((1 / 0.92 + (1.0 / 3) / 1.84) / 2, inp.national(Q3).orElseThrow().mpi(), 1e-12);
    assertThrows(IllegalArgumentException.class, () -> Confirmation.of(1, 0));
  }
}
