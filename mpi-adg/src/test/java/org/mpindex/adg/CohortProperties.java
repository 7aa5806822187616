package org.mpindex.adg;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.mpindex.core.index.Cohort;
import org.mpindex.core.index.IndexAssembler;
import org.mpindex.core.index.IndexCell;
import org.mpindex.core.index.MpiResult;
import org.mpindex.core.index.MpiSpec;
import org.mpindex.testkit.MpiArbitraries;
import org.mpindex.testkit.Population;

/** Side-by-side cohorts from one fold (issue #14, point 2). */
class CohortProperties {
  static final MpiSpec BASE =
      MpiSpec.builder()
          .studyPeriod(
              org.mpindex.core.index.StudyPeriod.of(
                  MpiArbitraries.POPULATION_START, MpiArbitraries.POPULATION_END))
          .minimumEligibleWindows(2)
          .build();
  static final org.mpindex.testkit.SimpleEffortCalculator EFFORT =
      MpiArbitraries.populationEffort();
  static final org.mpindex.testkit.SimpleBurdenGrouper GROUPER = MpiArbitraries.populationGrouper();

  @Provide
  net.jqwik.api.Arbitrary<Population> populations() {
    return MpiArbitraries.populations();
  }

  static IndexAssembler fold(MpiSpec spec, Population p) {
    return IndexAssembler.create(spec, EFFORT, GROUPER).addAll(p.records());
  }

  static void assertSameCells(MpiResult a, MpiResult b) {
    assertEquals(a.national(), b.national());
    assertEquals(a.groupCells(), b.groupCells());
    assertEquals(a.accounting(), b.accounting());
  }

  @Property(tries = 200)
  void aCohortAdmittingEveryoneEqualsNoCohort(@ForAll("populations") Population p) {
    MpiSpec spec =
        BASE.toBuilder().cohorts(List.of(Cohort.of("all", List.of(), v -> true))).build();
    IndexAssembler a = fold(spec, p);
    assertSameCells(a.assemble(), a.assembleCohorts(1).get("all"));
  }

  @Property(tries = 200)
  void disjointCohortsPartitionThePatients(
      @ForAll("populations") Population p, @ForAll @IntRange(min = 60, max = 90) int age) {
    // by age, and by program (with both programs accepted)
    MpiSpec spec =
        BASE.toBuilder()
            .anyProgram()
            .cohorts(
                List.of(
                    Cohort.of("young", List.of(), v -> v.age() < age),
                        Cohort.of("old", List.of(), v -> v.age() >= age),
                    Cohorts.parse("ffs", 4), Cohorts.parse("ma", 4)))
            .build();
    IndexAssembler a = fold(spec, p);
    MpiResult all = a.assemble();
    Map<String, MpiResult> c = a.assembleCohorts(2);
    for (List<String> pair : List.of(List.of("young", "old"), List.of("ffs", "ma"))) {
      MpiResult x = c.get(pair.get(0));
      MpiResult y = c.get(pair.get(1));
      for (int w = 0; w < all.national().size(); w++) {
        IndexCell whole = all.national().get(w);
        assertEquals(
            whole.patients(),
            x.national().get(w).patients() + y.national().get(w).patients(),
            pair.toString());
        assertEquals(whole.candidates(), x.national().get(w).candidates(), "the same candidates");
        for (IndexCell g : all.groups(whole.window())) {
          long sum =
              x.cell(whole.window(), g.group()).map(IndexCell::patients).orElse(0L)
                  + y.cell(whole.window(), g.group()).map(IndexCell::patients).orElse(0L);
          assertEquals(g.patients(), sum, pair + " " + g.group());
        }
      }
    }
  }

  @Property(tries = 150)
  void aSideBySideCohortEqualsTheSameCohortAlone(@ForAll("populations") Population p) {
    Cohort dx = Cohort.withDiagnosis("htn", d -> d.code().startsWith("401"), -2, 0);
    Cohort proc =
        Cohort.withProcedure(
            "visit", java.util.Set.of(org.mpindex.core.claims.ProcedureCode.of("99214")), -1, -1);
    MpiSpec spec = BASE.toBuilder().cohorts(List.of(dx, proc)).build();
    Map<String, MpiResult> side = fold(spec, p).assembleCohorts(1);
    for (Cohort c : List.of(dx, proc)) {
      MpiResult alone = fold(BASE.toBuilder().cohort(c).build(), p).assemble();
      assertSameCells(alone, side.get(c.name()));
    }
  }
}
