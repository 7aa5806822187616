package org.mpindex.core.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mpindex.core.index.IndexAssemblerTest.EFFORT;
import static org.mpindex.core.index.IndexAssemblerTest.GROUPER;
import static org.mpindex.core.index.IndexAssemblerTest.ffs;
import static org.mpindex.core.index.IndexAssemblerTest.line;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.mpindex.core.claims.Beneficiary;
import org.mpindex.core.claims.ClaimLine;
import org.mpindex.core.claims.Geography;
import org.mpindex.core.claims.ProcedureCode;
import org.mpindex.core.claims.Sex;
import org.mpindex.core.claims.UsState;
import org.mpindex.core.spi.EffortCalculator;
import org.mpindex.core.spi.RejectedRecordException;

/**
 * The rules at the edges (issue 8): a rejected effort keeps its line's diagnoses, the study period
 * is declared, decedents stay in until they die, look-back eligibility, no cohort look-ahead, claim
 * dating, combine on overlapping sets. Every expected value is derived by hand in the comments.
 */
class EdgeRulesTest {

  static final LocalDate Y2008 = LocalDate.of(2008, 1, 1);
  static final StudyPeriod STUDY_2008 = StudyPeriod.of(Y2008, LocalDate.of(2008, 12, 31));
  static final Geography WY = Geography.of(UsState.WY);

  /** The test calculator, but lines dated in 2008Q2 have no price list: rejected. */
  static final EffortCalculator NO_Q2_RELEASE =
      (line, day, tally) -> {
        if (!day.isBefore(LocalDate.of(2008, 4, 1)) && day.isBefore(LocalDate.of(2008, 7, 1))) {
          throw new RejectedRecordException(
              () -> "no RVU release in force on the service date", "no release on " + day);
        }
        return EFFORT.effortMicros(line, day, tally);
      };

  static Beneficiary p(String id) {
    return Beneficiary.of(id, LocalDate.of(1930, 5, 10), Sex.FEMALE, WY);
  }

  static IndexCell national(MpiResult r, int quarter) {
    return r.national().stream()
        .filter(c -> c.window().label().equals("2008Q" + quarter))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void aRejectedEffortKeepsTheLinesDiagnosesAndWindow() {
    MpiSpec spec = MpiSpec.builder().studyPeriod(STUDY_2008).build();
    IndexAssembler a = IndexAssembler.create(spec, NO_Q2_RELEASE, GROUPER);
    a.add(p("P")).add(ffs("P", "2008-01-01", "2008-12-31"));
    a.add(line("P", "2008-02-01", "99213", 1, "496")); // Q1: valued, 0.92
    a.add(line("P", "2008-05-01", "99214", 1, "4019", "25000")); // Q2: effort rejected
    a.add(line("P", "2008-08-01", "99213", 1)); // Q3: valued, 0.92
    MpiResult r = a.assemble();
    // Q2: H from 401.9 + 250.00 = {htn, dm, any}, b = 3, H = 1/3 (before: the line was dropped,
    // b = 0 and H = 1); M(Q1) = 0.92.
    IndexCell q2 = national(r, 2);
    assertEquals(1, q2.patients());
    assertEquals((1.0 / 3) / 0.92, q2.mpi(), 1e-12);
    assertEquals(1.0 / 3, q2.meanHealth(), 1e-12);
    assertEquals(0, q2.effortIncomplete());
    // Q3: M(Q2) = 0, since the only Q2 line could not be valued: excluded for zero effort, and the
    // cell says that one candidate's effort window had an unvalued line.
    IndexCell q3 = national(r, 3);
    assertEquals(0, q3.patients());
    assertEquals(1, q3.excluded(ExclusionReason.ZERO_EFFORT));
    assertEquals(1, q3.effortIncomplete());
    // Accounting: 3 lines read and accepted; 3 efforts read, 2 valued, 1 rejected by reason.
    IngestAccounting acc = r.accounting();
    assertEquals(
        new RecordCounts(3, 3, new java.util.TreeMap<>()), acc.of(IngestTally.CLAIM_LINES));
    assertEquals(
        new RecordCounts(
            3,
            2,
            new java.util.TreeMap<>(Map.of("no RVU release in force on the service date", 1L))),
        acc.of(IngestTally.LINE_EFFORTS));
    assertTrue(acc.balanced());
  }

  @Test
  void aRejectedEffortStillPlacesItsWindowInTheStudy() {
    // No enrollment at all: the study period falls back to the claims' windows. The Q2 line's
    // effort is rejected, yet its window counts: the study is 2008Q1-2008Q2 (before: Q1 only).
    IndexAssembler a = IndexAssembler.create(MpiSpec.PARENTE_2011, NO_Q2_RELEASE, GROUPER);
    a.add(p("P"));
    a.add(line("P", "2008-02-01", "99213", 1));
    a.add(line("P", "2008-05-01", "99214", 1, "4019"));
    assertEquals(Optional.of(StudyPeriod.of(Y2008, LocalDate.of(2008, 6, 30))), a.studyPeriod());
    assertEquals(List.of("2008Q2"), a.assemble().windows().stream().map(w -> w.label()).toList());
  }

  @Test
  void strictModeStillStopsAtARejectedEffort() {
    MpiSpec strict =
        MpiSpec.builder().studyPeriod(STUDY_2008).ingestMode(IngestMode.STRICT).build();
    IndexAssembler a = IndexAssembler.create(strict, NO_Q2_RELEASE, GROUPER);
    RejectedRecordException e =
        assertThrows(
            RejectedRecordException.class,
            () -> a.add(line("P", "2008-05-01", "99214", 1, "4019")));
    assertEquals("no RVU release in force on the service date", e.reason().text());
    assertTrue(e.getMessage().contains("beneficiary P"), e.getMessage());
  }

  @Test
  void anEffortSumThatWouldOverflowIsRejectedNotWrapped() {
    // 99213 is 0.92 work RVU = 920,000 micro-units; units 10^7 give 9.2e12 per line. A calculator
    // multiplying that by 10^6 again would pass Long.MAX_VALUE (9.22e18) on the second line.
    EffortCalculator huge = (line, day, tally) -> 5_000_000_000_000_000_000L;
    MpiSpec spec = MpiSpec.builder().studyPeriod(STUDY_2008).minimumEligibleWindows(1).build();
    IndexAssembler a = IndexAssembler.create(spec, huge, GROUPER);
    a.add(p("P")).add(ffs("P", "2008-01-01", "2008-12-31"));
    a.add(line("P", "2008-02-01", "99213", 1, "4019"));
    a.add(line("P", "2008-02-02", "99213", 1, "4019"));
    a.add(line("P", "2008-05-02", "99213", 1, "4019"));
    MpiResult r = a.assemble();
    // Q2: M(Q1) = 5e18 (the second line's effort rejected, not wrapped to a negative sum), H = 1/2.
    IndexCell q2 = national(r, 2);
    assertEquals(1, q2.patients());
    assertEquals(5e12, q2.meanEffort(), 0); // 5e18 micro-units = 5e12 RVUs
    assertEquals(1, q2.effortIncomplete());
    assertEquals(
        Map.of(IndexAssembler.EFFORT_OVERFLOW.text(), 1L),
        r.accounting().of(IngestTally.LINE_EFFORTS).rejected());
  }

  @Test
  void theStudyPeriodComesFromEnrollmentAndAStrayClaimNeverStretchesIt() {
    IndexAssembler a = IndexAssembler.create(MpiSpec.PARENTE_2011, EFFORT, GROUPER);
    a.add(p("P")).add(ffs("P", "2008-01-01", "2008-12-31"));
    a.add(line("P", "2008-02-01", "99213", 1, "4019"));
    a.add(line("P", "2011-05-01", "99213", 1, "4019")); // a stray claim three years later
    MpiResult r = a.assemble();
    // Enrollment spans 2008: windows 2008Q1-Q4, index windows Q2-Q4 (before: 2008Q2-2011Q2, 13
    // windows).
    assertEquals(Optional.of(STUDY_2008), r.studyPeriod());
    assertEquals(
        List.of("2008Q2", "2008Q3", "2008Q4"), r.windows().stream().map(w -> w.label()).toList());
    assertEquals(1L, r.accounting().notes().get(IndexAssembler.OUTSIDE_STUDY_PERIOD));
  }

  @Test
  void aDecedentCoveredUntilDeathIsInTheIndexForTheDeathWindow() {
    // D died 2008-08-20, covered (as CMS counts months) to the end of the death month.
    Beneficiary d =
        new Beneficiary(
            "D", LocalDate.of(1930, 1, 1), Optional.of(LocalDate.of(2008, 8, 20)), Sex.MALE, WY);
    List<Object> recs =
        new ArrayList<>(
            List.of(
                d,
                ffs("D", "2008-01-01", "2008-08-31"),
                line("D", "2008-05-01", "99214", 1, "4019"),
                line("D", "2008-07-01", "99213", 1, "4019", "496")));
    MpiSpec base = MpiSpec.builder().studyPeriod(STUDY_2008).minimumEligibleWindows(3).build();
    // While alive (default): Q3 runs 07-01..09-30 but D was alive to 08-20 only, covered to 08-31:
    // covered while alive. Eligible windows: Q1, Q2, Q3 = 3 (Q4 starts after death: not eligible).
    // Q3: H from 401.9 + 496 = {htn, copd, any}, b = 3, H = 1/3; M(Q2) = 1.42; ratio (1/3)/1.42.
    MpiResult alive = IndexAssembler.create(base, EFFORT, GROUPER).addAll(recs).assemble();
    assertEquals(1, national(alive, 3).patients());
    assertEquals((1.0 / 3) / 1.42, national(alive, 3).mpi(), 1e-12);
    // Q4: no span or claim touches it: D is not even a candidate.
    assertEquals(0, national(alive, 4).candidates());
    // The old rule (every day of the window): Q3 is not covered (08-31 < 09-30), D is not enrolled
    // in Q3, and with 2 eligible windows D is out everywhere.
    MpiResult full =
        IndexAssembler.create(
                base.toBuilder().coverage(Coverage.FULL_WINDOW).build(), EFFORT, GROUPER)
            .addAll(recs)
            .assemble();
    assertEquals(1, national(full, 3).excluded(ExclusionReason.NOT_ENROLLED));
    assertEquals(1, national(full, 2).excluded(ExclusionReason.TOO_FEW_ELIGIBLE_WINDOWS));
  }

  @Test
  void lookBackCountsEligibleWindowsUpToTOnly() {
    // P is FFS all 2008 (4 eligible quarters); minimum 3.
    List<Object> recs =
        new ArrayList<>(
            List.of(
                p("P"),
                ffs("P", "2008-01-01", "2008-12-31"),
                line("P", "2008-02-01", "99213", 1, "4019"),
                line("P", "2008-05-01", "99213", 1, "4019"),
                line("P", "2008-08-01", "99213", 1, "4019")));
    MpiSpec whole = MpiSpec.builder().studyPeriod(STUDY_2008).minimumEligibleWindows(3).build();
    MpiSpec lookBack = whole.toBuilder().eligibility(Eligibility.LOOK_BACK).build();
    // Whole study: 4 >= 3 in every window: Q2 = (1/2)/0.92.
    MpiResult w = IndexAssembler.create(whole, EFFORT, GROUPER).addAll(recs).assemble();
    assertEquals(0.5 / 0.92, national(w, 2).mpi(), 1e-12);
    // Look-back: at Q2 only Q1, Q2 = 2 < 3: too few; at Q3, 3: in, (1/2)/0.92.
    MpiResult l = IndexAssembler.create(lookBack, EFFORT, GROUPER).addAll(recs).assemble();
    assertEquals(1, national(l, 2).excluded(ExclusionReason.TOO_FEW_ELIGIBLE_WINDOWS));
    assertEquals(0.5 / 0.92, national(l, 3).mpi(), 1e-12);
    assertEquals(Eligibility.LOOK_BACK, MpiSpec.REAL_TIME.eligibility());
    assertEquals(Eligibility.WHOLE_STUDY, MpiSpec.PARENTE_2011.eligibility());
  }

  @Test
  void cohortMarkersDoNotLookAhead() {
    // "Ever had a knee replacement, by t": firstMarked must not find a Q4 claim from Q2 or Q3.
    Cohort kneeByT =
        Cohort.of(
            "knee replaced by t",
            List.of(
                new ClaimMarker(
                    "knee", l -> l.procedure().equals(Optional.of(ProcedureCode.of("27447"))))),
            v -> v.firstMarked("knee").isPresent());
    List<Object> recs =
        new ArrayList<>(
            List.of(
                p("P"),
                ffs("P", "2008-01-01", "2008-12-31"),
                line("P", "2008-02-01", "99213", 1, "4019"),
                line("P", "2008-05-01", "99213", 1, "4019"),
                line("P", "2008-08-01", "99213", 1, "4019"),
                line("P", "2008-11-01", "27447", 1, "4019")));
    MpiSpec spec = MpiSpec.builder().studyPeriod(STUDY_2008).cohort(kneeByT).build();
    MpiResult r = IndexAssembler.create(spec, EFFORT, GROUPER).addAll(recs).assemble();
    assertEquals(1, national(r, 2).excluded(ExclusionReason.NOT_IN_COHORT));
    assertEquals(1, national(r, 3).excluded(ExclusionReason.NOT_IN_COHORT));
    // Q4: the knee claim is in t: in the cohort. H(Q4) = 1/2 (401.9), M(Q3) = 0.92.
    assertEquals(0.5 / 0.92, national(r, 4).mpi(), 1e-12);
    // Offsets ahead of t are not seen under look-back eligibility either.
    Cohort kneeNextQuarter = Cohort.withProcedure("knee", Set.of(ProcedureCode.of("27447")), 1, 1);
    MpiSpec ahead =
        MpiSpec.builder()
            .studyPeriod(STUDY_2008)
            .eligibility(Eligibility.LOOK_BACK)
            .minimumEligibleWindows(1)
            .cohort(kneeNextQuarter)
            .build();
    MpiResult r2 = IndexAssembler.create(ahead, EFFORT, GROUPER).addAll(recs).assemble();
    assertEquals(1, national(r2, 3).excluded(ExclusionReason.NOT_IN_COHORT));
  }

  @Test
  void firstMarkedGivesTheEarliestWindowUpToT() {
    List<OptionalInt> seen = new ArrayList<>();
    Cohort probe =
        Cohort.of(
            "probe",
            List.of(new ClaimMarker("any", l -> true)),
            v -> {
              seen.add(v.firstMarked("any"));
              return true;
            });
    MpiSpec spec = MpiSpec.builder().studyPeriod(STUDY_2008).cohort(probe).build();
    IndexAssembler.create(spec, EFFORT, GROUPER)
        .addAll(
            List.of(
                p("P"),
                ffs("P", "2008-01-01", "2008-12-31"),
                line("P", "2008-05-01", "99213", 1),
                line("P", "2008-08-01", "99213", 1)))
        .assemble();
    // The cohort is asked before the zero-effort check, in Q2, Q3, Q4: the first marked window is
    // Q2, at offsets 0, -1, -2 (before: always the earliest in the whole study).
    assertEquals(List.of(OptionalInt.of(0), OptionalInt.of(-1), OptionalInt.of(-2)), seen);
  }

  @Test
  void claimDatingPicksTheWindowAndTheDayTheEffortIsPricedOn() {
    List<LocalDate> priced = new ArrayList<>();
    EffortCalculator recording =
        (line, day, tally) -> {
          priced.add(day);
          return EFFORT.effortMicros(line, day, tally);
        };
    ClaimLine straddling =
        line("P", "2008-03-30", "99213", 1, "4019").toBuilder()
            .serviceThrough(LocalDate.of(2008, 4, 2))
            .build();
    MpiSpec through =
        MpiSpec.builder().studyPeriod(STUDY_2008).claimDating(ClaimDating.SERVICE_THROUGH).build();
    IndexAssembler a = IndexAssembler.create(through, recording, GROUPER);
    a.add(p("P")).add(ffs("P", "2008-01-01", "2008-12-31")).add(straddling);
    MpiResult r = a.assemble();
    assertEquals(List.of(LocalDate.of(2008, 4, 2)), priced);
    // Dated 04-02, the line is in Q2: Q2 has H = 1/2 but M(Q1) = 0 (excluded); Q3 has M(Q2) = 0.92
    // and H = 1 (no diagnosis in Q3).
    assertEquals(1, national(r, 2).excluded(ExclusionReason.ZERO_EFFORT));
    assertEquals(1 / 0.92, national(r, 3).mpi(), 1e-12);
  }

  @Test
  void combiningOverlappingRecordSetsCountsTheOverlapTwice() {
    List<Object> recs =
        List.of(
            p("P"),
            ffs("P", "2008-01-01", "2008-12-31"),
            line("P", "2008-02-01", "99213", 1, "4019"),
            line("P", "2008-05-01", "99213", 1, "4019"));
    MpiSpec spec = MpiSpec.builder().studyPeriod(STUDY_2008).build();
    IndexAssembler left = IndexAssembler.create(spec, EFFORT, GROUPER).addAll(recs);
    IndexAssembler right = IndexAssembler.create(spec, EFFORT, GROUPER).addAll(recs.subList(2, 4));
    MpiResult r = left.combine(right).assemble();
    // Both folded the two lines: M(Q1) = 2 x 0.92; H(Q2) = 1/2 (a union, unchanged).
    assertEquals(0.5 / 1.84, national(r, 2).mpi(), 1e-12);
    assertEquals(4, r.accounting().of(IngestTally.CLAIM_LINES).read());
  }

  @Test
  void aClaimIsFoldedWithItsClaimLevelEfforts() {
    // a calculator whose claim rule halves every line but the first; alone, lines are valued in
    // full
    EffortCalculator halving =
        new EffortCalculator() {
          @Override
          public long effortMicros(
              ClaimLine line, LocalDate day, org.mpindex.core.spi.CodeTally tally) {
            return EFFORT.effortMicros(line, day, tally);
          }

          @Override
          public long[] claimEffortMicros(
              List<ClaimLine> lines, List<LocalDate> days, org.mpindex.core.spi.CodeTally t) {
            long[] out = new long[lines.size()];
            for (int i = 0; i < out.length; i++) {
              out[i] = effortMicros(lines.get(i), days.get(i), t) / (i == 0 ? 1 : 2);
            }
            return out;
          }
        };
    MpiSpec spec = MpiSpec.builder().studyPeriod(STUDY_2008).build();
    ClaimLine a = line("P", "2008-02-01", "99214", 1, "4019");
    ClaimLine b = a.toBuilder().procedure("99213").build();
    ClaimLine dxOnly =
        ClaimLine.builder()
            .claimId(a.claimId())
            .beneficiaryId("P")
            .serviceFrom(a.serviceFrom())
            .diagnosis(org.mpindex.core.claims.DiagnosisCode.icd9("496"))
            .build();
    IndexAssembler asClaim = IndexAssembler.create(spec, halving, GROUPER);
    asClaim.add(p("P")).add(ffs("P", "2008-01-01", "2008-12-31"));
    asClaim.add(new org.mpindex.core.claims.Claim(List.of(a, b, dxOnly)));
    asClaim.add(line("P", "2008-05-01", "99213", 1));
    MpiResult r = asClaim.assemble();
    // M(Q1) = 1.42 + 0.92 / 2 = 1.88 (the diagnosis-only line carries no effort and is not valued);
    // H(Q2) = 1 (no diagnosis in Q2): 1/1.88
    assertEquals(1 / 1.88, national(r, 2).mpi(), 1e-12);
    assertEquals(
        new RecordCounts(4, 4, new java.util.TreeMap<>()),
        r.accounting().of(IngestTally.CLAIM_LINES));
    assertEquals(
        new RecordCounts(3, 3, new java.util.TreeMap<>()),
        r.accounting().of(IngestTally.LINE_EFFORTS));
    // the same lines one by one: 1.42 + 0.92 = 2.34
    IndexAssembler byLine = IndexAssembler.create(spec, halving, GROUPER);
    byLine.addAll(
        List.of(
            p("P"),
            ffs("P", "2008-01-01", "2008-12-31"),
            a,
            b,
            dxOnly,
            line("P", "2008-05-01", "99213", 1)));
    assertEquals(1 / 2.34, national(byLine.assemble(), 2).mpi(), 1e-12);
  }

  @Test
  void aRejectedClaimIsValuedLineByLine() {
    // the claim rule fails; line by line, only the Q2-dated line's effort is rejected
    EffortCalculator failing =
        new EffortCalculator() {
          @Override
          public long effortMicros(
              ClaimLine line, LocalDate day, org.mpindex.core.spi.CodeTally tally) {
            return NO_Q2_RELEASE.effortMicros(line, day, tally);
          }

          @Override
          public long[] claimEffortMicros(
              List<ClaimLine> lines, List<LocalDate> days, org.mpindex.core.spi.CodeTally t) {
            t.unknownCode("HCPCS", "XXXXX"); // reported, then the claim fails: must not be counted
            throw new RejectedRecordException(() -> "claim rule", "no");
          }
        };
    MpiSpec spec = MpiSpec.builder().studyPeriod(STUDY_2008).build();
    ClaimLine q1 = line("P", "2008-03-31", "99213", 1);
    ClaimLine q2 =
        q1.toBuilder()
            .serviceFrom(LocalDate.of(2008, 4, 1))
            .serviceThrough(LocalDate.of(2008, 4, 1))
            .build();
    IndexAssembler a = IndexAssembler.create(spec, failing, GROUPER);
    a.add(p("P")).add(new org.mpindex.core.claims.Claim(List.of(q1, q2)));
    MpiResult r = a.assemble();
    assertEquals(
        new RecordCounts(
            2,
            1,
            new java.util.TreeMap<>(Map.of("no RVU release in force on the service date", 1L))),
        r.accounting().of(IngestTally.LINE_EFFORTS));
    assertEquals(Map.of(), r.accounting().unknownCodes());
  }
}
