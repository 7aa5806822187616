package org.mpindex.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.mpindex.core.index.IndexAssembler;
import org.mpindex.core.index.IndexCell;
import org.mpindex.core.index.MpiResult;
import org.mpindex.core.index.MpiSpec;
import org.mpindex.core.index.Sensitivity;
import org.mpindex.core.index.StudyPeriod;
import org.mpindex.core.time.WindowScheme;

/** The sensitivity grid over the synthetic population, and reading every lag from one fold. */
class SensitivityTest {

  static final SimpleEffortCalculator EFFORT = IntervalCoverageTest.effort();

  @Property(tries = 60)
  void anyLagReadFromOneFoldEqualsAnAssemblerBuiltForThatLag(
      @ForAll("populations") Population p, @ForAll @IntRange(min = 0, max = 2) int lag) {
    MpiSpec base = IndexAssemblerProperties.BASE;
    MpiResult direct =
        IndexAssembler.create(
                base.toBuilder().lag(lag).build(),
                IndexAssemblerProperties.EFFORT,
                IndexAssemblerProperties.GROUPER)
            .addAll(p.records())
            .assemble();
    MpiResult fromFold =
        IndexAssembler.create(
                base, IndexAssemblerProperties.EFFORT, IndexAssemblerProperties.GROUPER)
            .addAll(p.records())
            .assembleWithLag(lag, 1);
    assertEquals(direct, fromFold);
  }

  @net.jqwik.api.Provide
  net.jqwik.api.Arbitrary<Population> populations() {
    return MpiArbitraries.populations();
  }

  @Test
  void gridSummariesAreTheNationalSeriesAndIdenticalRanksCorrelateFully() {
    SyntheticPopulation gen = SyntheticPopulation.medicare2007to2009(2011, 6000);
    StudyPeriod period = StudyPeriod.of(gen.studyStart(), gen.studyEnd());
    Map<Sensitivity.Configuration, MpiResult> results = new LinkedHashMap<>();
    for (int days : List.of(60, 120)) {
      MpiSpec spec =
          MpiSpec.builder()
              .windowScheme(WindowScheme.days(days, gen.studyStart()))
              .studyPeriod(period)
              .minimumEligibleWindows(2)
              .build();
      IndexAssembler a = IndexAssembler.create(spec, EFFORT, MpiArbitraries.populationGrouper());
      gen.forEachRecord(r -> a.addAll(List.of(r)));
      for (int lag : List.of(1, 2)) {
        results.put(new Sensitivity.Configuration(days, lag), a.assembleWithLag(lag, 2));
      }
    }
    // the same result under a second name: its ranks agree perfectly with the first
    results.put(
        new Sensitivity.Configuration(61, 1), results.get(new Sensitivity.Configuration(60, 1)));
    Sensitivity s = Sensitivity.of(results, 11);
    assertEquals(5, s.summaries().size());
    assertEquals(10, s.correlations().size());
    for (Sensitivity.Summary x : s.summaries()) {
      // windows wholly inside the study (2007-2009) with patients: a 60-day window running into
      // 2010
      // holds only decedents and is left out
      List<IndexCell> nat =
          results.get(x.configuration()).national().stream()
              .filter(
                  c -> c.patients() > 0 && !c.window().end().isAfter(LocalDate.of(2009, 12, 31)))
              .toList();
      assertEquals(nat.size(), x.indexWindows());
      assertEquals(nat.get(0).mpi(), x.first());
      assertEquals(nat.get(nat.size() - 1).mpi(), x.last());
      assertEquals(nat.stream().mapToDouble(IndexCell::mpi).min().getAsDouble(), x.min());
      assertTrue(x.rankedGroups() >= 20, x.toString());
    }
    Sensitivity.RankCorrelation same = s.correlations().get(3); // 60d lag 1 vs 61d lag 1
    assertEquals(new Sensitivity.Configuration(61, 1), same.b());
    assertEquals(1.0, same.spearman(), 1e-12);
    for (Sensitivity.RankCorrelation c : s.correlations()) {
      assertTrue(c.spearman() >= -1 - 1e-12 && c.spearman() <= 1 + 1e-12, c.toString());
    }
  }
}
