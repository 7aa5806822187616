package org.mpindex.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mpindex.cli.CliTestSupport.csv;
import static org.mpindex.cli.CliTestSupport.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mpindex.adg.ComorbidityGrouper;
import org.mpindex.core.index.IndexAssembler;
import org.mpindex.core.index.IndexCell;
import org.mpindex.core.index.MpiResult;
import org.mpindex.core.index.MpiSpec;
import org.mpindex.core.index.StudyPeriod;
import org.mpindex.core.time.WindowScheme;
import org.mpindex.rbrvs.RvuSchedule;
import org.mpindex.rbrvs.WorkRvuCalculator;
import org.mpindex.testkit.SyntheticPopulation;

/** {@code --sensitivity}: the grid's files, checked against the library run configuration by configuration. */
class SensitivityCommandTest {

  @TempDir Path out;

  @Test
  void demoWithSensitivityWritesTheGridAndItsRankCorrelations() throws IOException {
    CliTestSupport.Outcome o =
        run(
            "demo",
            "--beneficiaries",
            "3000",
            "--out",
            out.toString(),
            "--sensitivity",
            "--sensitivity-windows",
            "90,120",
            "--sensitivity-lags",
            "1,2");
    assertEquals(0, o.code(), o.err());
    List<String> summary = Files.readAllLines(out.resolve("sensitivity.csv"));
    assertEquals(SensitivityGrid.SUMMARY_HEADER, summary.get(0));
    assertEquals(5, summary.size(), "4 configurations");
    List<String> ranks = Files.readAllLines(out.resolve("sensitivity-ranks.csv"));
    assertEquals(SensitivityGrid.RANKS_HEADER, ranks.get(0));
    assertEquals(7, ranks.size(), "4 choose 2 pairs");
    assertTrue(o.out().contains("rank correlation 90d lag 1 vs 120d lag 2"), o.out());

    // configuration 120 days, lag 2, computed directly: 120-day windows from 2011-01-01, the
    // study's
    // 4 eligible quarters = 365.25 days = 3.04 windows of 120 days, so 4 (rounded up)
    SyntheticPopulation gen = SyntheticPopulation.medicare2011to2013(2011, 3000);
    MpiSpec spec =
        MpiSpec.PARENTE_2011.toBuilder()
            .windowScheme(WindowScheme.days(120, gen.studyStart()))
            .lag(2)
            .minimumEligibleWindows(4)
            .studyPeriod(StudyPeriod.of(gen.studyStart(), gen.studyEnd()))
            .build();
    IndexAssembler a =
        IndexAssembler.create(
            spec, WorkRvuCalculator.of(RvuSchedule.bundled()), ComorbidityGrouper.elixhauser());
    gen.forEachRecord(r -> a.addAll(List.of(r)));
    MpiResult direct = a.assemble();
    // 1096 study days hold 9 full 120-day windows (the 10th runs into 2014); lag 2 leaves 7 index
    // windows
    List<IndexCell> complete =
        direct.national().stream()
            .filter(c -> c.patients() > 0 && !c.window().end().isAfter(gen.studyEnd()))
            .toList();
    assertEquals(7, complete.size());
    Map<String, String> row = csv(out.resolve("sensitivity.csv")).get("120,2");
    assertEquals("7", row.get("index_windows"));
    assertEquals(complete.get(0).mpi(), Double.parseDouble(row.get("national_first")), 0);
    assertEquals(complete.get(6).mpi(), Double.parseDouble(row.get("national_last")), 0);
  }

  @Test
  void gridOptionsNeedTheFlag() {
    CliTestSupport.Outcome o =
        run("demo", "--beneficiaries", "50", "--out", out.toString(), "--sensitivity-lags", "1");
    assertEquals(2, o.code());
    assertTrue(
        o.err().contains("--sensitivity-windows and --sensitivity-lags need --sensitivity"),
        o.err());
    CliTestSupport.Outcome bad =
        run(
            "demo",
            "--beneficiaries",
            "50",
            "--out",
            out.toString(),
            "--sensitivity",
            "--sensitivity-windows",
            "90,ninety");
    assertEquals(2, bad.code());
    assertTrue(bad.err().contains("--sensitivity-windows needs whole numbers"), bad.err());
  }
}
