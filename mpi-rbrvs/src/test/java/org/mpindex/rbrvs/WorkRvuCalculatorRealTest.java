package org.mpindex.rbrvs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.mpindex.core.claims.ClaimLine;
import org.mpindex.core.index.IngestTally;

/**
 * The calculator on the real CMS 2009 release (bundled). Values from {@code rvu_values.tsv} (the TXT
 * lines of {@code PPRRVU09.txt}) and the bundled file: 27447 work 23.04, pre-op .10, intra-op .69,
 * post-op .21, multiple procedure 2, bilateral 1, assistant 2, co-surgery 1; 20610 work 0.79
 * (indicator 2); 45378 work 3.69 (indicator 2, the colonoscopy base); 45380 work 4.43 and 45385
 * work 5.30 (indicator 3, endoscopic base 45378); 99213 work 0.92 (indicator 0); 45378-53 0.96.
 */
class WorkRvuCalculatorRealTest {
  static final RvuSchedule CMS = RvuSchedule.bundled();
  static final WorkRvuCalculator DEFAULT = WorkRvuCalculator.of(CMS);
  static final WorkRvuCalculator MULTIPLE =
      WorkRvuCalculator.builder(CMS).multipleProcedure(true).build();
  static final LocalDate DAY = LocalDate.of(2009, 3, 2);

  static ClaimLine line(String code, String... modifiers) {
    ClaimLine.Builder b =
        ClaimLine.builder().claimId("C").beneficiaryId("P").serviceFrom(DAY).procedure(code);
    for (String m : modifiers) {
      b.modifier(m);
    }
    return b.build();
  }

  static long micros(WorkRvuCalculator c, ClaimLine l) {
    return c.effortMicros(l, new IngestTally());
  }

  @Test
  void componentAndPaymentRulesOnRealRows() {
    assertEquals(23_040_000, micros(DEFAULT, line("27447")));
    assertEquals(18_201_600, micros(DEFAULT, line("27447", "54"))); // 23.04 x (0.10 + 0.69)
    assertEquals(4_838_400, micros(DEFAULT, line("27447", "55"))); // 23.04 x 0.21
    assertEquals(960_000, micros(DEFAULT, line("45378", "53"))); // the file's own 53 row
    assertEquals(220_000, micros(DEFAULT, line("71020", "26")));
    assertEquals(0, micros(DEFAULT, line("71020", "TC")));
    WorkRvuCalculator payment =
        WorkRvuCalculator.builder(CMS)
            .bilateral(true)
            .assistantAtSurgery(true)
            .coSurgery(true)
            .build();
    assertEquals(34_560_000, micros(payment, line("27447", "50"))); // bilateral indicator 1: 150%
    assertEquals(3_686_400, micros(payment, line("27447", "80"))); // assistant indicator 2: 16%
    assertEquals(14_400_000, micros(payment, line("27447", "62"))); // co-surgery indicator 1: 62.5%
  }

  static List<ClaimLine> claim(ClaimLine... lines) {
    return List.of(lines);
  }

  static long[] claimEfforts(WorkRvuCalculator c, List<ClaimLine> lines) {
    List<LocalDate> days = new ArrayList<>();
    lines.forEach(l -> days.add(l.serviceFrom()));
    return c.claimEffortMicros(lines, days, new IngestTally());
  }

  @Test
  void aClaimsProceduresAreRankedByFeeAndEndoscopiesValuedAgainstTheirBase() {
    List<ClaimLine> lines =
        claim(
            line("20610"),
            line("45378"),
            line("45380"),
            line("45385"),
            line("27447", "51"),
            line("99213"));
    // The endoscopy family of 45378: 45385 (5.30) in full, 45380 at 4.43 - 3.69 = 0.74, the base
    // 45378 billed with them not separately (0). Ranking by fee: 27447 (23.04 work alone) first, at
    // 100% whatever its -51; 20610 and the family at 50%: 0.395, 2.65, 0.37. 99213 (indicator 0)
    // is not a multiple procedure: 0.92.
    assertArrayEquals(
        new long[] {395_000, 0, 370_000, 2_650_000, 23_040_000, 920_000},
        claimEfforts(MULTIPLE, lines));
    // without the rule every line is valued alone; the per-line -51 rule is off too
    assertArrayEquals(
        new long[] {790_000, 3_690_000, 4_430_000, 5_300_000, 23_040_000, 920_000},
        claimEfforts(DEFAULT, lines));
    // the base alone is an ordinary indicator-2 procedure: ranked below 27447, 50%
    assertArrayEquals(
        new long[] {23_040_000, 1_845_000},
        claimEfforts(MULTIPLE, claim(line("27447"), line("45378"))));
  }

  @Test
  void proceduresOnDifferentDaysAreRankedApart() {
    ClaimLine later =
        line("20610").toBuilder()
            .serviceFrom(DAY.plusDays(1))
            .serviceThrough(DAY.plusDays(1))
            .build();
    assertArrayEquals(
        new long[] {23_040_000, 790_000}, claimEfforts(MULTIPLE, claim(line("27447"), later)));
  }

  @Property(tries = 50)
  void rankingDoesNotDependOnTheOrderOfTheLines(@ForAll long seed) {
    List<ClaimLine> lines =
        new ArrayList<>(
            claim(
                line("20610"),
                line("45378"),
                line("45380"),
                line("45385"),
                line("27447"),
                line("99213"),
                line("66984")));
    long[] expected = claimEfforts(MULTIPLE, lines);
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      order.add(i);
    }
    Collections.shuffle(order, new Random(seed));
    List<ClaimLine> shuffled = new ArrayList<>();
    order.forEach(i -> shuffled.add(lines.get(i)));
    long[] got = claimEfforts(MULTIPLE, shuffled);
    for (int k = 0; k < order.size(); k++) {
      assertEquals(
          expected[order.get(k)], got[k], shuffled.get(k).procedure().orElseThrow().code());
    }
  }

  @Test
  void unitsTimesRvuThatWouldOverflowIsARejectionNotAWrappedEffort() {
    // 100,000 work RVUs (the largest value the reader takes) = 1e11 micro-RVUs; x 2^31 - 1 units =
    // 2.1e20, past Long.MAX_VALUE (9.2e18)
    RvuRelease big =
        new RvuRelease(
            "RVU09A",
            LocalDate.of(2009, 1, 1),
            List.of(
                RvuRecord.work(
                    org.mpindex.core.claims.ProcedureCode.of("99213"),
                    null,
                    StatusCode.ACTIVE,
                    new java.math.BigDecimal("100000"))));
    WorkRvuCalculator c = WorkRvuCalculator.of(RvuSchedule.of(big));
    ClaimLine huge = line("99213").toBuilder().units(Integer.MAX_VALUE).build();
    org.mpindex.core.spi.RejectedRecordException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            org.mpindex.core.spi.RejectedRecordException.class, () -> micros(c, huge));
    assertEquals(WorkRvuCalculator.OVERFLOW, e.reason());
    assertEquals(
        100_000_000_000L * 92_233_720L,
        micros(c, line("99213").toBuilder().units(92_233_720).build()));
  }

  @Test
  void modifiersWithoutAnEffortRuleAreCounted() {
    IngestTally t = new IngestTally();
    DEFAULT.effortMicros(line("27447", "RT"), t);
    assertEquals(
        java.util.Map.of("modifier without an effort rule (no effect) RT", 1L),
        t.snapshot().unknownCodes());
  }
}
