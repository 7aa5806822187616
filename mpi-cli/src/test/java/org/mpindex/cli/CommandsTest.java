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

  @TempDir
  Path out;

  @Test
  void rvuPrintsTheDerivationAndEndsWithTheValue() {
    // 27447 (fixture 2008): 21.79 work x 2 units x 0.90 (-54: pre 0.10 + intra 0.80) = 39.222
    CliTestSupport.Outcome o = run("rvu", "--rvu", fixture("PPRRVU08.csv"), "--date", "2008-05-01", "27447-54",
        "--units", "2");
    assertEquals(0, o.code(), o.err());
    List<String> lines = o.outLines();
    assertEquals("work_rvu=39.222", lines.get(lines.size() - 1));
    assertTrue(lines.get(0).startsWith("release RVU08A"), o.out());
    CliTestSupport.Outcome tc = run("rvu", "--rvu", fixture("PPRRVU08.csv"), "--date", "2008-05-01", "71020-TC");
    assertEquals("work_rvu=0", tc.outLines().get(tc.outLines().size() - 1));
    CliTestSupport.Outcome unknown = run("rvu", "--rvu", fixture("PPRRVU08.csv"), "--date", "2008-05-01", "99999");
    assertEquals("99999 is not in RVU08A: unknown code, 0", unknown.outLines().get(1));
    CliTestSupport.Outcome outside = run("rvu", "--rvu", fixture("PPRRVU08.csv"), "--date", "2011-05-01", "99213");
    assertEquals(1, outside.code());
    assertTrue(outside.err().contains("no RVU release in force on 2011-05-01"), outside.err());
  }

  @Test
  void burdenPrintsCategoriesAndEndsWithBurdenAndHealth() {
    // Elixhauser ICD-9: 428.0 chf, 250.40 diabc, 401.9 hypunc: 3 categories, H = 1/3
    CliTestSupport.Outcome o = run("burden", "--health", "elixhauser", "--code-system", "icd9", "428.0", "25040", "401.9");
    assertEquals(0, o.code(), o.err());
    assertEquals(List.of("chf\tCongestive heart failure", "hypunc\tHypertension, uncomplicated",
        "diabc\tDiabetes, complicated", "burden=3 health=0.333333333333"), o.outLines());
    // with an invalid code: reported on stderr, counted, not matched
    CliTestSupport.Outcome bad = run("burden", "--health", "charlson", "--code-system", "icd10", "I50.9", "I5");
    assertEquals(List.of("chf\tCongestive heart failure", "burden=1 health=1"), bad.outLines());
    assertTrue(bad.err().contains("ICD-10-CM diagnosis code 'I5'") && bad.err().contains("invalid codes: 1 of 2"), bad.err());
    // hierarchy: diabetes uncomplicated + complicated -> complicated only
    CliTestSupport.Outcome h = run("burden", "--code-system", "icd9", "--hierarchy", "25000", "25040");
    assertEquals(List.of("diabc\tDiabetes, complicated", "burden=1 health=1"), h.outLines());
    CliTestSupport.Outcome none = run("burden", "--code-system", "icd9", "V700");
    assertEquals(List.of("burden=0 health=1"), none.outLines());
  }

  @ParameterizedTest
  @ValueSource(strings = {"demo", "compute", "rvu", "burden"})
  void everySubcommandHasHelp(String command) {
    CliTestSupport.Outcome o = run(command, "--help");
    assertEquals(0, o.code());
    assertTrue(o.out().startsWith("usage: mpi " + command), o.out());
  }

  @Test
  void badArgumentsExitWithCode2AndOneLine() {
    assertBad(run("compute", "--format", "xml"), "mpi compute: --format is desynpuf or csv, got 'xml'");
    assertBad(run("compute", "--frobnicate"), "mpi compute: unknown option --frobnicate (see mpi compute --help)");
    assertBad(run("rvu", "--date", "2008-01-01", "99213"), "mpi rvu: --rvu is required");
    assertBad(run("burden", "--code-system", "icd11", "I10"),
        "mpi burden: --code-system: code system 'icd11' is not icd9 or icd10");
    assertBad(run("demo", "--beneficiaries", "many"), "mpi demo: --beneficiaries needs a whole number, got 'many'");
    assertBad(run("nonsense"), "mpi: unknown command 'nonsense' (demo, compute, rvu, burden; see mpi --help)");
    assertBad(run("compute", "--format", "csv", "--beneficiaries", "/no/such/file"),
        "mpi compute: --beneficiaries: no such file /no/such/file");
    assertBad(run("compute", "--format", "csv", "--beneficiaries", fixture("beneficiaries.csv"), "--enrollment",
        fixture("enrollment.csv"), "--claims", fixture("claims.csv"), "--rvu", fixture("PPRRVU08.csv"), "--out",
        out.toString(), "--zero-burden", "ONE_PLUS_B", "--health-function", "1/(1+b)"),
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
    // 11 index quarters 2007Q2-2009Q4, national first in each
    assertEquals(11, series.stream().filter(l -> l.contains(",US,")).count());
    assertTrue(series.get(1).startsWith("2007Q2,US,"));
    assertTrue(Files.readAllLines(out.resolve("groups.csv")).get(0).endsWith("rank,tile"));
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
}
