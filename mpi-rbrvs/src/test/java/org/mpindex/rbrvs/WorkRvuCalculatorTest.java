package org.mpindex.rbrvs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mpindex.core.claims.ClaimLine;
import org.mpindex.core.claims.ProcedureCode;
import org.mpindex.core.index.IngestTally;

/**
 * Examples over the fixture schedule RVU09A (2009-01-01), RVU09B (2009-04-01), RVU10A (2010). Each
 * expected value is computed by hand from the fixture rows named in the comment.
 */
class WorkRvuCalculatorTest {

  static final RvuSchedule SCHEDULE = Fixtures.schedule();
  static final WorkRvuCalculator DEFAULT = WorkRvuCalculator.of(SCHEDULE);
  static final WorkRvuCalculator PAYMENT =
      WorkRvuCalculator.builder(SCHEDULE)
          .bilateral(true)
          .multipleProcedure(true)
          .assistantAtSurgery(true)
          .coSurgery(true)
          .reducedServices(true, 0.5)
          .build();

  static ClaimLine line(String date, String code, int units, String... modifiers) {
    ClaimLine.Builder b =
        ClaimLine.builder()
            .claimId("C")
            .beneficiaryId("B")
            .serviceFrom(LocalDate.parse(date))
            .procedure(code)
            .units(units);
    for (String m : modifiers) {
      b.modifier(m);
    }
    return b.build();
  }

  static double rvu(WorkRvuCalculator c, ClaimLine l) {
    return c.effortMicros(l, new IngestTally()) / 1e6;
  }

  @Test
  void releaseInForceOnTheServiceDate() {
    // 99213: 0.92 in RVU09A, 0.93 in the April update RVU09B, 0.97 in RVU10A
    assertEquals(0.92, rvu(DEFAULT, line("2009-03-31", "99213", 1)));
    assertEquals(0.93, rvu(DEFAULT, line("2009-04-01", "99213", 1)));
    assertEquals(0.97, rvu(DEFAULT, line("2010-12-31", "99213", 1)));
    NoReleaseException before =
        assertThrows(
            NoReleaseException.class,
            () -> DEFAULT.effortMicros(line("2008-12-31", "99213", 1), new IngestTally()));
    assertEquals(
        "no RVU release in force on 2008-12-31 (loaded: RVU09A 2009-01-01..2009-03-31,"
            + " RVU09B 2009-04-01..2009-12-31, RVU10A 2010-01-01..2010-12-31)",
        before.getMessage());
    assertThrows(
        NoReleaseException.class,
        () -> DEFAULT.effortMicros(line("2011-01-01", "99213", 1), new IngestTally()));
    assertEquals(NoReleaseException.REASON, before.reason());
  }

  @Test
  void unitsMultiply() {
    // 99213 2009-02: 3 x 0.92
    assertEquals(2.76, rvu(DEFAULT, line("2009-02-10", "99213", 3)), 1e-12);
    assertEquals(0.0, rvu(DEFAULT, line("2009-02-10", "99213", 0)));
    assertEquals(
        0.92,
        rvu(
            WorkRvuCalculator.builder(SCHEDULE).units(false).build(),
            line("2009-02-10", "99213", 3)));
  }

  @Test
  void professionalAndTechnicalComponents() {
    // 71020 rows: global 0.22, -26 0.22, -TC 0.00 (PC/TC indicator 1)
    assertEquals(0.22, rvu(DEFAULT, line("2009-02-10", "71020", 1)));
    assertEquals(0.22, rvu(DEFAULT, line("2009-02-10", "71020", 1, "26")));
    assertEquals(0.00, rvu(DEFAULT, line("2009-02-10", "71020", 1, "TC")));
    // a TC line on a PC/TC 1 code without a TC row carries no physician work
    RvuRecord global =
        new RvuRecord(
            ProcedureCode.of("76700"),
            Optional.empty(),
            StatusCode.ACTIVE,
            false,
            new BigDecimal("0.81"),
            BigDecimal.ZERO,
            BigDecimal.ZERO,
            Optional.empty(),
            Optional.empty(),
            BigDecimal.ZERO,
            1,
            Optional.empty(),
            BigDecimal.ZERO,
            BigDecimal.ZERO,
            BigDecimal.ZERO,
            0,
            0,
            0,
            0,
            0,
            Optional.empty(),
            Optional.empty());
    WorkRvuCalculator c =
        WorkRvuCalculator.of(
            RvuSchedule.of(new RvuRelease("X", LocalDate.of(2009, 1, 1), List.of(global))));
    IngestTally t = new IngestTally();
    assertEquals(0, c.effortMicros(line("2009-02-10", "76700", 1, "TC"), t));
    assertEquals(810_000, c.effortMicros(line("2009-02-10", "76700", 1, "26"), t));
    assertEquals(
        Map.of("technical component (-TC) without a TC row: no physician work", 1L),
        t.snapshot().notes());
  }

  @Test
  void operativeShares() {
    // 24138 (2009): work 8.33, pre 0.10, intra 0.80, post 0.10
    assertEquals(8.33 * 0.90, rvu(DEFAULT, line("2009-02-10", "24138", 1, "54")), 1e-9); // 7.497
    assertEquals(0.833, rvu(DEFAULT, line("2009-02-10", "24138", 1, "55")), 1e-9);
    assertEquals(0.833, rvu(DEFAULT, line("2009-02-10", "24138", 1, "56")), 1e-9);
    assertEquals(8.33, rvu(DEFAULT, line("2009-02-10", "24138", 1, "54", "55")), 1e-9);
    // 33213 (2009): 6.36 x (0.09 + 0.84) = 5.9148
    assertEquals(5.9148, rvu(DEFAULT, line("2009-02-10", "33213", 1, "54")), 1e-9);
    // component modifiers off: full work
    assertEquals(
        8.33,
        rvu(
            WorkRvuCalculator.builder(SCHEDULE).componentModifiers(false).build(),
            line("2009-02-10", "24138", 1, "54")),
        1e-9);
    // 99213 has no split: full work, counted
    IngestTally t = new IngestTally();
    assertEquals(920_000, DEFAULT.effortMicros(line("2009-02-10", "99213", 1, "54"), t));
    assertEquals(
        1L,
        t.snapshot()
            .notes()
            .get("-54/-55/-56 on a code without a pre/intra/post split: full work"));
  }

  @Test
  void statusesWithoutWorkAreCountedByStatus() {
    IngestTally t = new IngestTally();
    assertEquals(0, DEFAULT.effortMicros(line("2009-02-10", "99396", 1), t)); // N, non-covered
    assertEquals(
        0, DEFAULT.effortMicros(line("2009-02-10", "G0008", 1), t)); // X, statutory exclusion
    assertEquals(0, DEFAULT.effortMicros(line("2009-02-10", "00142", 1), t)); // anesthesia
    assertEquals(
        0, DEFAULT.effortMicros(line("2009-02-10", "99499", 1), t)); // C, carrier priced at 0.00
    assertEquals(0, DEFAULT.effortMicros(line("2009-02-10", "99999", 1), t)); // not in the file
    assertEquals(
        Map.of(
            "status N (non-covered): no work",
            1L,
            "status X (statutory exclusion): no work",
            1L,
            "anesthesia code (base and time units, not RVUs): no work",
            1L),
        t.snapshot().notes());
    assertEquals(Map.of("HCPCS 99999", 1L), t.snapshot().unknownCodes());
    // anesthesia work given by the user: 5 units of 00142 at 0.5 work RVU each
    WorkRvuCalculator anesthesia =
        WorkRvuCalculator.builder(SCHEDULE)
            .anesthesiaWork(Map.of(ProcedureCode.of("00142"), new BigDecimal("0.5")))
            .build();
    assertEquals(2.5, rvu(anesthesia, line("2009-02-10", "00142", 5)), 1e-12);
  }

  @Test
  void paymentPolicyAdjustmentsAreOptional() {
    // off by default: 24138-50 stays 8.33
    assertEquals(8.33, rvu(DEFAULT, line("2009-02-10", "24138", 1, "50")), 1e-9);
    // 24138 bilateral indicator 1: 8.33 x 1.5 = 12.495; 33213 indicator 0: unchanged 6.36
    assertEquals(12.495, rvu(PAYMENT, line("2009-02-10", "24138", 1, "50")), 1e-9);
    assertEquals(6.36, rvu(PAYMENT, line("2009-02-10", "33213", 1, "50")), 1e-9);
    // multiple procedure indicator 2: 8.33 x 0.5 = 4.165
    assertEquals(4.165, rvu(PAYMENT, line("2009-02-10", "24138", 1, "51")), 1e-9);
    // assistant indicator 2: 8.33 x 0.16 = 1.3328; -AS: 8.33 x 0.136 = 1.13288
    assertEquals(1.3328, rvu(PAYMENT, line("2009-02-10", "24138", 1, "80")), 1e-9);
    assertEquals(1.13288, rvu(PAYMENT, line("2009-02-10", "24138", 1, "AS")), 1e-9);
    // 20103 assistant indicator 1 (not payable): 0
    assertEquals(0, rvu(PAYMENT, line("2009-02-10", "20103", 1, "80")));
    // co-surgery indicator 1: 8.33 x 0.625 = 5.20625
    assertEquals(5.20625, rvu(PAYMENT, line("2009-02-10", "24138", 1, "62")), 1e-9);
    // team surgery: by report, full work
    assertEquals(8.33, rvu(PAYMENT, line("2009-02-10", "24138", 1, "66")), 1e-9);
    // 45378-53 has its own row (0.96); -52 has none: 3.69 x 0.5 = 1.845
    assertEquals(0.96, rvu(PAYMENT, line("2009-02-10", "45378", 1, "53")), 1e-9);
    assertEquals(1.845, rvu(PAYMENT, line("2009-02-10", "45378", 1, "52")), 1e-9);
    // by default too, the file's own row wins for every modifier, 53 included (docs/method.md
    // section 3)
    assertEquals(0.96, rvu(DEFAULT, line("2009-02-10", "45378", 1, "53")), 1e-9);
    // only with modifier rows off is the global row used: 3.69, and -53 at the reduced share 1.845
    WorkRvuCalculator globalRows = WorkRvuCalculator.builder(SCHEDULE).modifierRows(false).build();
    assertEquals(3.69, rvu(globalRows, line("2009-02-10", "45378", 1, "53")), 1e-9);
    WorkRvuCalculator globalReduced =
        WorkRvuCalculator.builder(SCHEDULE).modifierRows(false).reducedServices(true, 0.5).build();
    assertEquals(1.845, rvu(globalReduced, line("2009-02-10", "45378", 1, "53")), 1e-9);
    // with the 53 row in use, the reduced-service share is not applied on top of it
    assertEquals(0.96, rvu(PAYMENT, line("2009-02-10", "45378", 1, "53")), 1e-9);
    // combined: 24138-50-51 = 8.33 x 1.5 x 0.5 = 6.2475
    assertEquals(6.2475, rvu(PAYMENT, line("2009-02-10", "24138", 1, "50", "51")), 1e-9);
  }

  @Test
  void workGpciIsOptionalWithStatutoryFloors() {
    GpciTable t = GpciTable.read(Fixtures.path("GPCI2009.csv"), 2009);
    assertEquals(Optional.of(new BigDecimal("1.017")), t.work("01102/01"));
    assertEquals(Optional.of(new BigDecimal("0.978")), t.work("00")); // unique locality number
    WorkGpci floored = new WorkGpci(Map.of(2009, t), l -> Optional.of(l.claimId()), true, 2025);
    WorkGpci raw = new WorkGpci(Map.of(2009, t), l -> Optional.of(l.claimId()), false, 2025);
    WorkRvuCalculator withFloor = WorkRvuCalculator.builder(SCHEDULE).workGpci(floored).build();
    WorkRvuCalculator without = WorkRvuCalculator.builder(SCHEDULE).workGpci(raw).build();
    // the locality travels in the claim id here: Alaska 01, Alabama 00, Anaheim 26
    ClaimLine ak = line("2009-02-10", "99213", 1).toBuilder().claimId("01").build();
    ClaimLine al = line("2009-02-10", "99213", 1).toBuilder().claimId("00").build();
    ClaimLine ca = line("2009-02-10", "99213", 1).toBuilder().claimId("26").build();
    ClaimLine nowhere = line("2009-02-10", "99213", 1).toBuilder().claimId("77").build();
    assertEquals(0.92 * 1.5, rvu(withFloor, ak), 1e-9); // Alaska floor 1.5
    assertEquals(0.92, rvu(withFloor, al), 1e-9); // 0.978 raised to 1.000
    assertEquals(0.92 * 1.034, rvu(withFloor, ca), 1e-9); // above the floor
    assertEquals(0.92 * 1.017, rvu(without, ak), 1e-9);
    assertEquals(0.92 * 0.978, rvu(without, al), 1e-9);
    IngestTally tally = new IngestTally();
    assertEquals(920_000, withFloor.effortMicros(nowhere, tally));
    assertEquals(
        1L, tally.snapshot().notes().get("no work GPCI for the line's locality: unadjusted"));
  }

  @Test
  void explainShowsEveryStepAndEndsWithTheValue() {
    WorkRvuCalculator.Derivation d = DEFAULT.explain(line("2009-02-10", "24138", 2, "54"));
    // 2 x 8.33 x 0.90 = 14.994
    assertEquals(new BigDecimal("14.994"), d.workRvu());
    assertEquals("work_rvu=14.994", d.steps().get(d.steps().size() - 1));
    assertTrue(d.steps().get(0).startsWith("release RVU09A"), d.steps().toString());
    assertTrue(
        d.steps().stream().anyMatch(s -> s.contains("operative share")), d.steps().toString());
    assertTrue(DEFAULT.describe().contains("RVU09A 2009-01-01"));
  }

  @Test
  void halfEvenRounding() {
    assertEquals(2, WorkRvuCalculator.mulPpm(5, 500_000)); // 2.5 -> 2
    assertEquals(4, WorkRvuCalculator.mulPpm(7, 500_000)); // 3.5 -> 4
    assertEquals(1, WorkRvuCalculator.mulPpm(1, 600_000)); // 0.6 -> 1
  }

  @Test
  void nonPayableStatusesValuedForOtherPayers() {
    // 99396 (preventive visit) has status N and work 1.53 flagged "not used for Medicare payment":
    // Medicare's rule gives 0; a commercial payer valuing status N gets 1.53 (RVU09A file)
    assertEquals(0.0, rvu(DEFAULT, line("2009-02-10", "99396", 1)));
    WorkRvuCalculator commercial =
        WorkRvuCalculator.builder(SCHEDULE)
            .valueStatuses(
                java.util.Set.of(StatusCode.NON_COVERED, StatusCode.NOT_VALID, StatusCode.BUNDLED))
            .build();
    IngestTally t = new IngestTally();
    assertEquals(1.53, commercial.effortMicros(line("2009-02-10", "99396", 1), t) / 1e6, 1e-12);
    assertEquals(Map.of(WorkRvuCalculator.VALUED_NON_PAYABLE + " N", 1L), t.snapshot().notes());
    // a status without work in the file stays 0 (00142, status J, not chosen; G0008 status X)
    assertEquals(0.0, rvu(commercial, line("2009-02-10", "G0008", 1)));
    assertTrue(
        commercial.describe().contains("non-payable statuses valued: B,I,N"),
        commercial.describe());
    assertThrows(
        IllegalArgumentException.class,
        () ->
            WorkRvuCalculator.builder(SCHEDULE).valueStatuses(java.util.Set.of(StatusCode.ACTIVE)));
  }
}
