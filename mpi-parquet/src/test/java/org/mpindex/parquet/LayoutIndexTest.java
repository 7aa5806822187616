package org.mpindex.parquet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mpindex.core.claims.Beneficiary;
import org.mpindex.core.claims.ClaimLine;
import org.mpindex.core.claims.ClaimType;
import org.mpindex.core.claims.DiagnosisCode;
import org.mpindex.core.claims.Enrollment;
import org.mpindex.core.claims.Geography;
import org.mpindex.core.claims.PlaceOfService;
import org.mpindex.core.claims.Program;
import org.mpindex.core.claims.Sex;
import org.mpindex.core.claims.UsState;
import org.mpindex.core.index.ExclusionReason;
import org.mpindex.core.index.Grouping;
import org.mpindex.core.index.IndexCell;
import org.mpindex.core.index.IngestTally;
import org.mpindex.core.index.MpiResult;
import org.mpindex.core.time.Window;
import org.mpindex.testkit.Population;

/**
 * Three people written in every layout (tidy CSV and Parquet, research files, CCLF, OMOP CSV and
 * Parquet) give the index worked out by hand below, whichever layout is read.
 *
 * <p>The spec: 2015-2016 in calendar quarters, lag 1, at least 4 eligible windows, age 65 or more,
 * traditional Medicare the whole window. Effort, work units per unit ({@code
 * MpiArbitraries.POPULATION_EFFORT}): 99213 0.92, 99214 1.42, 99232 1.39, 71020 0.22. Categories
 * (prefixes): htn 401/I10, dm 250/E11, chf 428/I50, copd 496/J44, dm-or-htn 4019/2500. H = 1/b, and
 * 1 when b = 0.
 *
 * <ul>
 *   <li>A (Cook, IL; born 1940, covered 2015-2016): 2015-02-10 99213 x1 with 401.9; 2015-05-04
 *       99214 x2 with 250.00 and 428.0 (b = dm, dm-or-htn, chf = 3 in 2015Q2; effort 2.84 in
 *       2015Q2).
 *   <li>B (Los Angeles, CA; born 1945, covered 2015-2016): 2015-04-15 71020 x1 with 496 (effort
 *       0.22 in 2015Q2); an inpatient stay 2015-07-01..03 with 401.9 and 496 (b = htn, dm-or-htn,
 *       copd = 3 in 2015Q3; no effort: facility claims carry none).
 *   <li>C (Laramie, WY; born 1930, died 2016-02-14, covered 2015-01 to 2016-02): 2015-08-01 99232
 *       x1 with 401.9 (effort 1.39 in 2015Q3).
 * </ul>
 *
 * <p>2015Q2: A has H = 1/3 over M(2015Q1) = 0.92; B and C had no effort in 2015Q1 (zero effort):
 * one patient, MPI (1/3)/0.92. 2015Q3: A has b = 0, H = 1, over M(2015Q2) = 2.84; B has H = 1/3
 * over 0.22; C had no effort in 2015Q2: MPI (1/2.84 + (1/3)/0.22)/2, mean H (1 + 1/3)/2, mean M
 * (2.84 + 0.22)/2. 2015Q4: only C had effort in 2015Q3: H = 1 over 1.39. By state in 2015Q3: IL
 * is A alone, CA is B alone, WY has C excluded for zero effort.
 */
class LayoutIndexTest {
  @TempDir Path dir;

  private static final LocalDate Q2 = LocalDate.of(2015, 4, 1);
  private static final LocalDate Q3 = LocalDate.of(2015, 7, 1);
  private static final LocalDate Q4 = LocalDate.of(2015, 10, 1);

  static Population threePeople() {
    LocalDate start = LocalDate.of(2015, 1, 1);
    LocalDate end = LocalDate.of(2016, 12, 31);
    List<Beneficiary> people =
        List.of(
            new Beneficiary(
                "A1",
                LocalDate.of(1940, 5, 10),
                Optional.empty(),
                Sex.MALE,
                Geography.of(UsState.IL, "17031", null)),
            new Beneficiary(
                "B1",
                LocalDate.of(1945, 8, 20),
                Optional.empty(),
                Sex.FEMALE,
                Geography.of(UsState.CA, "06037", null)),
            new Beneficiary(
                "C1",
                LocalDate.of(1930, 1, 1),
                Optional.of(LocalDate.of(2016, 2, 14)),
                Sex.FEMALE,
                Geography.of(UsState.WY, "56021", null)));
    List<Enrollment> spans =
        List.of(
            Enrollment.of("A1", start, end, Program.MEDICARE_FFS),
            Enrollment.of("B1", start, end, Program.MEDICARE_FFS),
            Enrollment.of("C1", start, LocalDate.of(2016, 2, 29), Program.MEDICARE_FFS));
    List<ClaimLine> lines =
        List.of(
            visit("A1", "A1-1", LocalDate.of(2015, 2, 10), "99213", 1, "11", "4019"),
            visit("A1", "A1-2", LocalDate.of(2015, 5, 4), "99214", 2, "11", "25000", "4280"),
            visit("B1", "B1-1", LocalDate.of(2015, 4, 15), "71020", 1, "22", "496"),
            ClaimLine.builder()
                .claimId("B1-2")
                .beneficiaryId("B1")
                .serviceFrom(LocalDate.of(2015, 7, 1))
                .serviceThrough(LocalDate.of(2015, 7, 3))
                .claimType(ClaimType.INPATIENT)
                .units(0)
                .diagnosis(DiagnosisCode.icd9("4019"))
                .diagnosis(DiagnosisCode.icd9("496"))
                .build(),
            visit("C1", "C1-1", LocalDate.of(2015, 8, 1), "99232", 1, "21", "4019"));
    return new Population(people, spans, lines);
  }

  private static ClaimLine visit(
      String person,
      String claim,
      LocalDate day,
      String code,
      int units,
      String pos,
      String... dx) {
    ClaimLine.Builder b =
        ClaimLine.builder()
            .claimId(claim)
            .beneficiaryId(person)
            .serviceFrom(day)
            .serviceThrough(day)
            .procedure(code)
            .units(units)
            .placeOfService(PlaceOfService.of(pos));
    for (String d : dx) {
      b.diagnosis(DiagnosisCode.icd9(d));
    }
    return b.build();
  }

  @Test
  void everyLayoutGivesTheHandWorkedIndex() {
    Map<String, EveryLayout.Read> reads =
        EveryLayout.readAll(threePeople(), dir, true, Grouping.STATE);
    assertEquals(
        List.of("tidy CSV", "tidy Parquet", "research files", "CCLF", "OMOP CSV", "OMOP Parquet"),
        List.copyOf(reads.keySet()));
    double eps = 1e-12;
    for (Map.Entry<String, EveryLayout.Read> e : reads.entrySet()) {
      String layout = e.getKey();
      assertEquals(List.of(), e.getValue().rejects(), layout);
      MpiResult r = e.getValue().result();
      assertEquals(3, r.accounting().of(IngestTally.BENEFICIARIES).accepted(), layout);
      assertEquals(5, r.accounting().of(IngestTally.CLAIM_LINES).accepted(), layout);

      IndexCell q2 = national(r, Q2);
      assertEquals(1, q2.patients(), layout);
      assertEquals(3, q2.candidates(), layout);
      assertEquals(2, q2.excluded(ExclusionReason.ZERO_EFFORT), layout);
      assertEquals((1.0 / 3) / 0.92, q2.mpi(), eps, layout);

      IndexCell q3 = national(r, Q3);
      assertEquals(2, q3.patients(), layout);
      assertEquals((1 / 2.84 + (1.0 / 3) / 0.22) / 2, q3.mpi(), eps, layout);
      assertEquals((1 + 1.0 / 3) / 2, q3.meanHealth(), eps, layout);
      assertEquals((2.84 + 0.22) / 2, q3.meanEffort(), eps, layout);

      IndexCell q4 = national(r, Q4);
      assertEquals(1, q4.patients(), layout);
      assertEquals(1 / 1.39, q4.mpi(), eps, layout);

      Window w3 = EveryLayout.window(r, Q3);
      IndexCell il = r.cell(w3, "IL").orElseThrow();
      assertEquals(1, il.patients(), layout);
      assertEquals(1 / 2.84, il.mpi(), eps, layout);
      IndexCell ca = r.cell(w3, "CA").orElseThrow();
      assertEquals(1, ca.patients(), layout);
      assertEquals((1.0 / 3) / 0.22, ca.mpi(), eps, layout);
      IndexCell wy = r.cell(w3, "WY").orElseThrow();
      assertEquals(0, wy.patients(), layout);
      assertEquals(1, wy.excluded(ExclusionReason.ZERO_EFFORT), layout);
    }
  }

  private static IndexCell national(MpiResult r, LocalDate windowStart) {
    return r.national(EveryLayout.window(r, windowStart)).orElseThrow();
  }

  /**
   * A documented difference: CCLF cannot carry a Medicare Advantage spell. B switches to Medicare
   * Advantage from 2015-07-01, so in tidy CSV (and the research files and OMOP) 2015Q3 is not an
   * eligible window of hers and A is the only patient; CCLF's one Part B span keeps her in
   * traditional Medicare, and she is a patient of 2015Q3 there.
   */
  @Test
  void aMedicareAdvantageSpellIsLostInCclfOnly() {
    Population three = threePeople();
    List<Enrollment> spans =
        List.of(
            three.enrollments().get(0),
            Enrollment.of(
                "B1", LocalDate.of(2015, 1, 1), LocalDate.of(2015, 6, 30), Program.MEDICARE_FFS),
            Enrollment.of(
                "B1",
                LocalDate.of(2015, 7, 1),
                LocalDate.of(2016, 12, 31),
                Program.MEDICARE_ADVANTAGE),
            three.enrollments().get(2));
    Population switched = new Population(three.beneficiaries(), spans, three.claimLines());
    Map<String, EveryLayout.Read> reads = EveryLayout.readAll(switched, dir, true, Grouping.STATE);
    for (Map.Entry<String, EveryLayout.Read> e : reads.entrySet()) {
      IndexCell q3 = national(e.getValue().result(), Q3);
      if (e.getKey().equals("CCLF")) {
        assertEquals(2, q3.patients(), e.getKey());
      } else {
        assertEquals(1, q3.patients(), e.getKey());
        assertEquals(1, q3.excluded(ExclusionReason.NOT_ENROLLED), e.getKey());
        assertEquals(1 / 2.84, q3.mpi(), 1e-12, e.getKey());
      }
    }
  }
}
