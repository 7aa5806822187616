package org.mpindex.adg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mpindex.core.claims.Beneficiary;
import org.mpindex.core.claims.ClaimLine;
import org.mpindex.core.claims.DiagnosisCode;
import org.mpindex.core.claims.Enrollment;
import org.mpindex.core.claims.Geography;
import org.mpindex.core.claims.ProcedureCode;
import org.mpindex.core.claims.Program;
import org.mpindex.core.claims.Sex;
import org.mpindex.core.claims.UsState;
import org.mpindex.core.index.Cohort;
import org.mpindex.core.index.ExclusionReason;
import org.mpindex.core.index.IndexAssembler;
import org.mpindex.core.index.IndexCell;
import org.mpindex.core.index.MpiResult;
import org.mpindex.core.index.MpiSpec;
import org.mpindex.core.index.StudyPeriod;
import org.mpindex.testkit.SimpleEffortCalculator;

/**
 * The ready-made cohorts on a hand-made population: 2008, one eligible quarter needed, a visit
 * (99213, 0.92 work RVUs) every quarter for everyone so every quarter has effort.
 *
 * <pre>
 * D: diabetes (250.00) in 2008Q2 only                -> diabetes in Q2, Q3, Q4 (year up to t)
 * K: knee replacement 27447 in 2008Q1; 428.0 in Q3    -> knee-replacement in Q2-Q4 (year before t); chf in Q3, Q4
 * N: nothing but visits; Medicare Advantage in 2008  -> ma
 * </pre>
 */
class CohortsTest {
  static final SimpleEffortCalculator EFFORT =
      SimpleEffortCalculator.of(
          Map.of(ProcedureCode.of("99213"), 920_000L, ProcedureCode.of("27447"), 20_720_000L));

  static List<Object> records() {
    List<Object> r = new ArrayList<>();
    for (String id : List.of("D", "K", "N")) {
      r.add(Beneficiary.of(id, LocalDate.of(1935, 1, 1), Sex.FEMALE, Geography.of(UsState.MN)));
      r.add(
          Enrollment.of(
              id,
              LocalDate.of(2008, 1, 1),
              LocalDate.of(2008, 12, 31),
              id.equals("N") ? Program.MEDICARE_ADVANTAGE : Program.MEDICARE_FFS));
      for (int q = 0; q < 4; q++) {
        r.add(line(id, LocalDate.of(2008, 1 + 3 * q, 15), "99213"));
      }
    }
    r.add(line("D", LocalDate.of(2008, 5, 2), "99213", DiagnosisCode.icd9("25000")));
    r.add(line("K", LocalDate.of(2008, 2, 2), "27447"));
    r.add(line("K", LocalDate.of(2008, 8, 2), "99213", DiagnosisCode.icd9("4280")));
    return r;
  }

  static ClaimLine line(String id, LocalDate day, String code, DiagnosisCode... dx) {
    ClaimLine.Builder b =
        ClaimLine.builder()
            .claimId(id + day + code)
            .beneficiaryId(id)
            .serviceFrom(day)
            .procedure(code);
    for (DiagnosisCode d : dx) {
      b.diagnosis(d);
    }
    return b.build();
  }

  static Map<String, MpiResult> run(String... names) {
    List<Cohort> cohorts = new ArrayList<>();
    for (String n : names) {
      cohorts.add(Cohorts.parse(n, 4));
    }
    MpiSpec spec =
        MpiSpec.builder()
            .studyPeriod(StudyPeriod.of(LocalDate.of(2008, 1, 1), LocalDate.of(2008, 12, 31)))
            .minimumEligibleWindows(1)
            .anyProgram()
            .cohorts(cohorts)
            .build();
    return IndexAssembler.create(spec, EFFORT, ComorbidityGrouper.elixhauser())
        .addAll(records())
        .assembleCohorts(1);
  }

  static long[] patients(MpiResult r) {
    return r.national().stream().mapToLong(IndexCell::patients).toArray();
  }

  @Test
  void conditionsTreatmentsAndProgramsPickTheirPatients() {
    Map<String, MpiResult> r =
        run(
            "everyone",
            "diabetes",
            "chf",
            "knee-replacement",
            "ffs",
            "ma",
            "chronic>=1",
            "cancer-survivor:1");
    // index windows Q2, Q3, Q4; everyone has effort in every quarter and qualifies
    assertEquals(
        List.of(3L, 3L, 3L),
        List.of(
            patients(r.get("everyone"))[0],
            patients(r.get("everyone"))[1],
            patients(r.get("everyone"))[2]));
    // D's diabetes in Q2 counts for Q2, Q3, Q4 (windows t-3 .. t)
    assertArrayEquals(new long[] {1, 1, 1}, patients(r.get("diabetes")));
    // K's heart failure in Q3: Q3 and Q4
    assertArrayEquals(new long[] {0, 1, 1}, patients(r.get("chf")));
    // K's knee in Q1: the year before t holds Q1 for t = Q2, Q3, Q4
    assertArrayEquals(new long[] {1, 1, 1}, patients(r.get("knee-replacement")));
    assertArrayEquals(new long[] {2, 2, 2}, patients(r.get("ffs")));
    assertArrayEquals(new long[] {1, 1, 1}, patients(r.get("ma")));
    // at least one Elixhauser category over the year up to t: D from Q2, K from Q3
    assertArrayEquals(new long[] {1, 2, 2}, patients(r.get("chronic>=1")));
    // nobody has cancer
    assertArrayEquals(new long[] {0, 0, 0}, patients(r.get("cancer-survivor:1")));
    assertEquals(2, r.get("diabetes").national().get(0).excluded(ExclusionReason.NOT_IN_COHORT));
    assertEquals("diabetes", r.get("diabetes").spec().cohort().name());
  }

  static void assertArrayEquals(long[] expected, long[] actual) {
    org.junit.jupiter.api.Assertions.assertArrayEquals(
        expected, actual, java.util.Arrays.toString(actual));
  }

  @Test
  void namesAreCheckedAndListed() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Cohorts.parse("asthma", 4));
    assertTrue(e.getMessage().contains("diabetes, chf, copd"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Cohorts.parse("chronic>=x", 4));
    assertThrows(IllegalArgumentException.class, () -> Cohorts.parse("cancer-survivor:0", 4));
    assertEquals(Cohort.ALL, Cohorts.parse("Everyone", 4));
    // COPD: CCW prefixes in both code systems, and not asthma
    assertTrue(
        Cohorts.parse("copd", 4)
            .markers()
            .get(0)
            .matches()
            .test(line("X", LocalDate.of(2016, 1, 5), "99213", DiagnosisCode.icd10("J449"))));
    assertTrue(
        !Cohorts.parse("copd", 4)
            .markers()
            .get(0)
            .matches()
            .test(line("X", LocalDate.of(2016, 1, 5), "99213", DiagnosisCode.icd10("J45909"))));
  }
}
