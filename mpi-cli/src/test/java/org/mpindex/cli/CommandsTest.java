package org.mpindex.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mpindex.cli.CliTestSupport.fixture;
import static org.mpindex.cli.CliTestSupport.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mpindex.core.claims.UsState;

class CommandsTest {

  @TempDir Path out;

  @Test
  void rvuPrintsTheDerivationAndEndsWithTheValue() {
    // 27447 (fixture 2008): 21.79 work x 2 units x 0.90 (-54: pre 0.10 + intra 0.80) = 39.222
    CliTestSupport.Outcome o =
        run(
            "rvu",
            "--rvu",
            fixture("PPRRVU08.csv"),
            "--date",
            "2008-05-01",
            "27447-54",
            "--units",
            "2");
    assertEquals(0, o.code(), o.err());
    List<String> lines = o.outLines();
    assertEquals("work_rvu=39.222", lines.get(lines.size() - 1));
    assertEquals("work RVUs from RVU files PPRRVU08.csv", lines.get(0));
    assertTrue(lines.get(1).startsWith("release RVU08A"), o.out());
    CliTestSupport.Outcome tc =
        run("rvu", "--rvu", fixture("PPRRVU08.csv"), "--date", "2008-05-01", "71020-TC");
    assertEquals("work_rvu=0", tc.outLines().get(tc.outLines().size() - 1));
    CliTestSupport.Outcome unknown =
        run("rvu", "--rvu", fixture("PPRRVU08.csv"), "--date", "2008-05-01", "99999");
    assertEquals("99999 is not in RVU08A: unknown code, 0", unknown.outLines().get(2));
    // only the files given are used: 2011 is not covered by them (the bundled 2011 is not mixed in)
    CliTestSupport.Outcome outside =
        run("rvu", "--rvu", fixture("PPRRVU08.csv"), "--date", "2011-05-01", "99213");
    assertEquals(3, outside.code());
    assertTrue(outside.err().contains("no RVU release in force on 2011-05-01"), outside.err());
  }

  @Test
  void aTrailingSeparatorIsAUsageErrorNotCutOff() {
    // found by Error Prone (StringSplitter): String.split dropped the empty last item, so these
    // values were read as 99213-26, 2:3 and 2008-01-01..2008-12-31
    CliTestSupport.Outcome rvu = run("rvu", "--date", "2009-03-02", "99213-26-");
    assertEquals(2, rvu.code(), rvu.out() + rvu.err());
    CliTestSupport.Outcome confirm =
        ComputeCommandTest.tidy(
            Path.of("target", "trailing-confirm"), "--confirm-diagnoses", "2:3:");
    assertEquals(2, confirm.code(), confirm.err());
    assertTrue(
        confirm.err().contains("--confirm-diagnoses") && confirm.err().contains("2:3:"),
        confirm.err());
    CliTestSupport.Outcome period =
        ComputeCommandTest.tidy(
            Path.of("target", "trailing-period"), "--study-period", "2008-01-01..2008-12-31..");
    assertEquals(2, period.code(), period.err());
    assertTrue(period.err().contains("--study-period"), period.err());
    CliTestSupport.Outcome sources =
        ComputeCommandTest.tidy(
            Path.of("target", "trailing-list"), "--diagnosis-claims", "professional,");
    assertEquals(2, sources.code(), sources.err());
    assertTrue(sources.err().contains("--diagnosis-claims"), sources.err());
  }

  @Test
  void withoutRvuFilesTheBundledCmsReleasesPrice() {
    // CMS 2009 (RVU09A): 27447 work 23.04, pre-op .10, intra-op .69 (rvu_values.tsv, the TXT line
    // of the real file): -54 = 23.04 x 0.79 = 18.2016
    CliTestSupport.Outcome o = run("rvu", "--date", "2009-03-02", "27447-54");
    assertEquals(0, o.code(), o.err());
    assertEquals("work_rvu=18.2016", o.outLines().get(o.outLines().size() - 1));
    assertTrue(
        o.outLines()
            .get(0)
            .startsWith("work RVUs from bundled CMS PPRRVU January releases (2009, 2011-2025)"));
    // 99213 in 2021: 1.30 (README sanity value)
    CliTestSupport.Outcome y2021 = run("rvu", "--date", "2021-06-30", "99213");
    assertEquals("work_rvu=1.3", y2021.outLines().get(y2021.outLines().size() - 1));
    // 2010 is not bundled: exit 3 naming the year and the way out
    CliTestSupport.Outcome missing = run("rvu", "--date", "2010-03-02", "99213");
    assertEquals(3, missing.code());
    assertTrue(
        missing
                .err()
                .startsWith(
                    "mpi rvu: no RVU release for 2010 among the bundled CMS releases (2009,"
                        + " 2011-2025)")
            && missing.err().contains("--rvu-year-fallback nearest"),
        missing.err());
    // the nearest year only when asked, and said: 2010 is as near to 2009 as to 2011, the earlier
    // wins
    CliTestSupport.Outcome nearest =
        run("rvu", "--date", "2010-03-02", "99213", "--rvu-year-fallback", "nearest");
    assertEquals(0, nearest.code(), nearest.err());
    assertTrue(
        nearest
            .outLines()
            .get(0)
            .contains("2010 priced with RVU09A (--rvu-year-fallback nearest)"));
    assertEquals("work_rvu=0.92", nearest.outLines().get(nearest.outLines().size() - 1));
    // base year: every date priced with 2011 (99213 0.97), 2009 included
    CliTestSupport.Outcome base =
        run("rvu", "--date", "2009-03-02", "99213", "--rvu-base-year", "2011");
    assertEquals("work_rvu=0.97", base.outLines().get(base.outLines().size() - 1));
    // budget neutrality: 2008 at 0.8806 x 0.92 (priced with the nearest year, 2009) = 0.810152
    CliTestSupport.Outcome bn =
        run(
            "rvu",
            "--date",
            "2008-03-02",
            "99213",
            "--rvu-year-fallback",
            "nearest",
            "--rvu-budget-neutrality");
    assertEquals("work_rvu=0.810152", bn.outLines().get(bn.outLines().size() - 1));
  }

  @Test
  void burdenPrintsCategoriesAndEndsWithBurdenAndHealth() {
    // Elixhauser ICD-9: 428.0 chf, 250.40 diabc, 401.9 hypunc: 3 categories, H = 1/3
    CliTestSupport.Outcome o =
        run("burden", "--health", "elixhauser", "--code-system", "icd9", "428.0", "25040", "401.9");
    assertEquals(0, o.code(), o.err());
    assertEquals(
        List.of(
            "chf\tCongestive heart failure",
            "hypunc\tHypertension, uncomplicated",
            "diabc\tDiabetes, complicated",
            "burden=3 health=0.333333333333"),
        o.outLines());
    // with an invalid code: reported on stderr, counted, not matched
    CliTestSupport.Outcome bad =
        run("burden", "--health", "charlson", "--code-system", "icd10", "I50.9", "I5");
    assertEquals(List.of("chf\tCongestive heart failure", "burden=1 health=1"), bad.outLines());
    assertTrue(
        bad.err().contains("ICD-10-CM diagnosis code 'I5'")
            && bad.err().contains("invalid codes: 1 of 2"),
        bad.err());
    // hierarchy: diabetes uncomplicated + complicated -> complicated only
    CliTestSupport.Outcome h =
        run("burden", "--code-system", "icd9", "--hierarchy", "25000", "25040");
    assertEquals(List.of("diabc\tDiabetes, complicated", "burden=1 health=1"), h.outLines());
    CliTestSupport.Outcome none = run("burden", "--code-system", "icd9", "V700");
    assertEquals(List.of("burden=0 health=1"), none.outLines());
  }

  @ParameterizedTest
  @ValueSource(strings = {"demo", "compute", "inspect", "rvu", "burden"})
  void everySubcommandHasHelp(String command) {
    CliTestSupport.Outcome o = run(command, "--help");
    assertEquals(0, o.code());
    assertTrue(o.out().startsWith("usage: mpi " + command), o.out());
  }

  @Test
  void badArgumentsExitWithCode2AndOneLine() {
    CliTestSupport.Outcome xml = run("compute", "--format", "xml");
    assertEquals(2, xml.code(), xml.err());
    assertTrue(
        xml.err().startsWith("mpi compute: --format is tidy (or csv), desynpuf")
            && xml.err().endsWith(", got 'xml'\n")
            && xml.err().lines().count() == 1,
        xml.err());
    assertBad(
        run("compute", "--frobnicate"),
        "mpi compute: unknown option --frobnicate (see mpi compute --help)");
    assertBad(
        run("rvu", "--date", "2009-01-01", "99213", "--rvu-year-fallback", "furthest"),
        "mpi rvu: --rvu-year-fallback is nearest, got 'furthest'");
    assertBad(
        run("rvu", "--date", "2009-01-01", "99213", "--rvu-base-year", "2010"),
        "mpi rvu: --rvu-base-year 2010: no release for 2010 in the bundled releases (2009, 2011-2025)");
    assertBad(
        run("burden", "--code-system", "icd11", "I10"),
        "mpi burden: --code-system: code system 'icd11' is not icd9 or icd10");
    assertBad(
        run("demo", "--beneficiaries", "many"),
        "mpi demo: --beneficiaries needs a whole number, got 'many'");
    assertBad(
        run("nonsense"),
        "mpi: unknown command 'nonsense' (demo, compute, inspect, rvu, burden; see mpi --help)");
    assertBad(
        run("compute", "--format", "csv", "--beneficiaries", "/no/such/file"),
        "mpi compute: --beneficiaries: no such file /no/such/file");
    assertBad(
        run(
            "compute",
            "--format",
            "csv",
            "--beneficiaries",
            fixture("beneficiaries.csv"),
            "--enrollment",
            fixture("enrollment.csv"),
            "--claims",
            fixture("claims.csv"),
            "--rvu",
            fixture("PPRRVU08.csv"),
            "--out",
            out.toString(),
            "--zero-burden",
            "ONE_PLUS_B",
            "--health-function",
            "1/(1+b)"),
        "mpi compute: --zero-burden is one of as-one, exclude, one-plus-b, got 'ONE_PLUS_B'");
    assertEquals(2, run().code());
  }

  static void assertBad(CliTestSupport.Outcome o, String line) {
    assertEquals(2, o.code(), o.err());
    assertEquals(line + "\n", o.err());
  }

  @Test
  void demoWritesTheThreeFiles() throws IOException {
    CliTestSupport.Outcome o = run("demo", "--beneficiaries", "600", "--out", out.toString());
    assertEquals(0, o.code(), o.err());
    List<String> series = Files.readAllLines(out.resolve("series.csv"));
    assertEquals(Outputs.SERIES_HEADER, series.get(0));
    // 11 index quarters 2011Q2-2013Q4, national first in each, priced with the bundled CMS releases
    assertEquals(11, series.stream().filter(l -> l.contains(",US,")).count());
    assertTrue(series.get(1).startsWith("2011Q2,US,"));
    assertTrue(Files.readString(out.resolve("report.html")).contains("RVU11A"));
    assertEquals(Outputs.GROUPS_HEADER, Files.readAllLines(out.resolve("groups.csv")).get(0));
    String html = Files.readString(out.resolve("report.html"));
    int tiles = html.split("class=\"tile\"", -1).length - 1;
    assertEquals(52, tiles);
    assertTrue(!html.matches("(?s).*(src|href)=\"https?:.*"), "self-contained");
    assertTrue(o.err().contains("claim lines: read"), o.err());
  }

  @Test
  void tileMapPlacesEveryStateOnce() {
    assertEquals(52, Report.TILES.size());
    Set<String> positions = new HashSet<>();
    for (UsState s : UsState.REFERENCE) {
      int[] p = Report.TILES.get(s);
      assertTrue(positions.add(p[0] + "," + p[1]), "two states at " + p[0] + "," + p[1]);
    }
  }

  @Test
  void versionIsPrintedAndNamedInTheReport() throws IOException {
    CliTestSupport.Outcome o = run("--version");
    assertEquals(0, o.code());
    assertTrue(o.out().strip().matches("mpi \\d+\\.\\d+\\.\\d+.*"), o.out());
    assertEquals("mpi " + org.mpindex.core.MpiVersion.get(), o.out().strip());
    CliTestSupport.Outcome d =
        run("demo", "--beneficiaries", "300", "--out", out.resolve("v").toString());
    assertEquals(0, d.code(), d.err());
    assertTrue(
        Files.readString(out.resolve("v").resolve("report.html"))
            .contains("Computed with mpi " + org.mpindex.core.MpiVersion.get()));
  }
}
