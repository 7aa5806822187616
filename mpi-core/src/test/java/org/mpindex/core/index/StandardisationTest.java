package org.mpindex.core.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mpindex.core.index.IndexAssemblerTest.ffs;
import static org.mpindex.core.index.IndexAssemblerTest.line;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mpindex.core.claims.Beneficiary;
import org.mpindex.core.claims.Geography;
import org.mpindex.core.claims.Sex;
import org.mpindex.core.claims.UsState;
import org.mpindex.core.time.Window;

/**
 * Direct age/sex standardisation on a hand-worked population. Study 2008Q1-Q2, lag 1, one eligible
 * quarter needed; ages on 2008-04-01 (start of Q2). Effort in Q1 from 99213 (0.92 work RVUs) x
 * units, health in Q2 from one diagnosis (401.9 = 2 categories, H = 1/2; 496 = 1, H = 1).
 *
 * <pre>
 * P1 WY female 70:  H 1/2, M 0.92 x 1:  r1 = 0.5 / 0.92
 * P2 WY male   86:  H 1,   M 0.92 x 2:  r2 = 1 / 1.84
 * P3 AK female 71:  H 1,   M 0.92 x 1:  r3 = 1 / 0.92
 * P4 AK female 72:  H 1/2, M 0.92 x 3:  r4 = 0.5 / 2.76
 * </pre>
 *
 * National mix: 70-74 female 3 of 4, 85+ male 1 of 4.
 */
class StandardisationTest {
  static final double R1 = 0.5 / 0.92;
  static final double R2 = 1 / 1.84;
  static final double R3 = 1 / 0.92;
  static final double R4 = 0.5 / 2.76;

  static final MpiSpec BASE =
      MpiSpec.builder()
          .studyPeriod(StudyPeriod.of(LocalDate.of(2008, 1, 1), LocalDate.of(2008, 6, 30)))
          .minimumEligibleWindows(1)
          .build();

  static List<Object> records() {
    List<Object> r = new ArrayList<>();
    person(r, "P1", LocalDate.of(1937, 3, 1), Sex.FEMALE, UsState.WY, 1, "4019");
    person(r, "P2", LocalDate.of(1921, 12, 1), Sex.MALE, UsState.WY, 2, "496");
    person(r, "P3", LocalDate.of(1936, 6, 1), Sex.FEMALE, UsState.AK, 1, "496");
    person(r, "P4", LocalDate.of(1935, 6, 1), Sex.FEMALE, UsState.AK, 3, "4019");
    return r;
  }

  static void person(
      List<Object> r, String id, LocalDate born, Sex sex, UsState state, int units, String dx) {
    r.add(Beneficiary.of(id, born, sex, Geography.of(state)));
    r.add(ffs(id, "2008-01-01", "2008-06-30"));
    r.add(line(id, "2008-02-01", "99213", units));
    r.add(line(id, "2008-05-01", "99999", 1, dx)); // unknown code: no effort, carries the diagnosis
  }

  static MpiResult compute(MpiSpec spec) {
    return IndexAssemblerTest.compute(spec, records());
  }

  @Test
  void toTheNationalPopulation() {
    MpiResult r =
        compute(BASE.toBuilder().standardisation(Standardisation.nationalPopulation()).build());
    Window q2 = IndexAssemblerTest.Window2008(2);
    // the crude values, as a check of the example
    assertEquals((R1 + R2) / 2, r.cell(q2, "WY").orElseThrow().mpi(), 1e-12);
    assertEquals((R3 + R4) / 2, r.cell(q2, "AK").orElseThrow().mpi(), 1e-12);
    Map<AgeSexStratum, Double> standard = r.standard(q2);
    assertEquals(0.75, standard.get(AgeSexStratum.of(70, Sex.FEMALE)), 0);
    assertEquals(0.25, standard.get(AgeSexStratum.of(86, Sex.MALE)), 0);
    assertEquals(1.0, standard.values().stream().mapToDouble(Double::doubleValue).sum(), 1e-15);
    // WY: 0.75 x mean(70-74 F in WY) + 0.25 x mean(85+ M in WY) = 0.75 r1 + 0.25 r2
    Standardisation.Values wy = r.standardised(q2, "WY").orElseThrow();
    assertEquals(0.75 * R1 + 0.25 * R2, wy.mpi(), 1e-12);
    assertEquals(0.75 * 0.5 + 0.25 * 1, wy.meanHealth(), 1e-12);
    assertEquals(0.75 * 0.92 + 0.25 * 1.84, wy.meanEffort(), 1e-12);
    assertEquals(0, wy.missingStrata());
    // AK has nobody 85+ male: no standardised value
    Standardisation.Values ak = r.standardised(q2, "AK").orElseThrow();
    assertTrue(Double.isNaN(ak.mpi()));
    assertEquals(1, ak.missingStrata());
    // the nation standardised to itself is its crude value
    Standardisation.Values us = r.standardised(q2, Grouping.NATIONAL_KEY).orElseThrow();
    assertEquals((R1 + R2 + R3 + R4) / 4, us.mpi(), 1e-12);
    assertEquals(r.national(q2).orElseThrow().mpi(), us.mpi(), 1e-12);
  }

  @Test
  void toAGivenStandardAndForTheRatioOfMeans() {
    // the standard: 70-74 women only (a count; normalised to share 1)
    MpiSpec spec =
        BASE.toBuilder()
            .standardisation(
                Standardisation.given(Map.of(AgeSexStratum.parse("70-74", "F"), 250.0)))
            .build();
    MpiResult r = compute(spec);
    Window q2 = IndexAssemblerTest.Window2008(2);
    assertEquals(R1, r.standardised(q2, "WY").orElseThrow().mpi(), 1e-12);
    assertEquals((R3 + R4) / 2, r.standardised(q2, "AK").orElseThrow().mpi(), 1e-12);
    assertEquals(1.0, r.standard(q2).get(AgeSexStratum.parse("70-74", "FEMALE")), 0);
    // ratio of means: (mean H of 70-74 F) / (mean M of 70-74 F); AK: (1 + 0.5)/2 over (0.92 +
    // 2.76)/2
    MpiResult rom = compute(spec.toBuilder().aggregation(Aggregation.ratioOfMeans()).build());
    assertEquals(1.5 / 3.68, rom.standardised(q2, "AK").orElseThrow().mpi(), 1e-12);
  }

  @Test
  void offByDefaultAndRefusedForOrderStatistics() {
    MpiResult r = compute(BASE);
    Window q2 = IndexAssemblerTest.Window2008(2);
    assertTrue(r.standardised(q2, "WY").isEmpty());
    assertTrue(r.standard(q2).isEmpty());
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                BASE.toBuilder()
                    .standardisation(Standardisation.nationalPopulation())
                    .aggregation(Aggregation.median())
                    .build());
    assertTrue(
        e.getMessage().contains("standardisation applies to the mean of ratios"), e.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> Standardisation.given(Map.of(AgeSexStratum.of(70, Sex.MALE), -1.0)));
    assertThrows(IllegalArgumentException.class, () -> Standardisation.given(Map.of()));
    assertThrows(IllegalArgumentException.class, () -> AgeSexStratum.parse("66-70", "F"));
    assertEquals("85+", AgeSexStratum.of(101, Sex.UNKNOWN).ageBand());
    assertEquals("<65", AgeSexStratum.of(64, Sex.MALE).ageBand());
    assertEquals("65-69", AgeSexStratum.of(69, Sex.MALE).ageBand());
  }
}
