package org.mpindex.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mpindex.cli.CliTestSupport.csv;
import static org.mpindex.cli.CliTestSupport.fixture;
import static org.mpindex.cli.CliTestSupport.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mpi compute} at the edges (issue 8); expected values derived by hand in the comments. */
class ComputeEdgeTest {

  @TempDir Path out;

  String[] tidy(String... extra) {
    String[] base = {
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
      "--min-cell-size",
      "1"
    }; // one-patient cells: suppression off (GroupTableTest has it)
    String[] all = new String[base.length + extra.length];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(extra, 0, all, base.length, extra.length);
    return all;
  }

  @Test
  void uncoveredEffortWindowsStopTheRunWithExitCode3() {
    // No --study-period: the study is the enrollment span, 2007-01-01..2009-12-31 (A's span).
    // Effort
    // is needed for 2007Q1..2009Q3, and PPRRVU08 prices 2008 only.
    CliTestSupport.Outcome o = run(tidy());
    assertEquals(3, o.code(), o.err());
    assertEquals(
        "mpi compute: the RVU files given (PPRRVU08.csv) do not cover 2007-01-01..2007-12-31,"
            + " 2009-01-01..2009-09-30, whose effort the index needs (study period 2007-01-01 .. 2009-12-31): add the"
            + " PPRRVU file of each missing year, or --allow-missing-rvu to compute anyway with those windows marked\n",
        o.err());
    assertFalse(Files.exists(out.resolve("series.csv")));
  }

  @Test
  void allowMissingRvuComputesAndMarksEveryAffectedWindow() throws IOException {
    CliTestSupport.Outcome o = run(tidy("--allow-missing-rvu"));
    assertEquals(0, o.code(), o.err());
    assertTrue(
        o.out()
            .startsWith(
                "mpi "
                    + org.mpindex.core.MpiVersion.get()
                    + "; study period: 2007-01-01 .. 2009-12-31 (the span of the enrollment records)"),
        o.out());
    Map<String, Map<String, String>> series = csv(out.resolve("series.csv"));
    // index windows 2007Q2..2009Q4; effort windows 2007Q1..2009Q3. Those in 2007 and 2009 are not
    // priced: index windows 2007Q2..2008Q1 and 2009Q2..2009Q4 carry the caveat; 2008Q2..2009Q1 not.
    for (String w :
        new String[] {"2007Q2", "2007Q3", "2007Q4", "2008Q1", "2009Q2", "2009Q3", "2009Q4"}) {
      assertTrue(series.get(w + ",US").get("caveat").startsWith("effort window "), w);
      assertTrue(series.get(w + ",WY").get("caveat").contains("not fully priced"), w);
    }
    for (String w : new String[] {"2008Q2", "2008Q3", "2008Q4", "2009Q1"}) {
      assertEquals("", series.get(w + ",US").get("caveat"), w);
    }
    Map<String, Map<String, String>> groups = csv(out.resolve("groups.csv"));
    assertTrue(groups.get("2009Q4,WY").get("caveat").contains("2009Q3"));
    String report = Files.readString(out.resolve("report.html"));
    assertTrue(
        report.contains("id=\"caveats\"") && report.contains("<li>2009Q4: effort window 2009Q3"),
        "report marks them");
    assertTrue(o.out().contains("  * 2009Q4: effort window 2009Q3 is not fully priced"), o.out());
  }

  @Test
  void aDecedentCountsTheWindowsWhileAliveAndTheOldRuleIsAnOption() throws IOException {
    // 2008 study, minimum 4 eligible quarters. D died 2008-08-20, enrolled all 2008.
    // While alive (default): D's eligible quarters are Q1-Q3 (Q4 starts after death) = 3 < 4: out.
    //   2008Q2: A alone, 1/2.34 (H = 1 from 401.9; M(Q1) = 0.92 + 1.42).
    CliTestSupport.Outcome o = run(tidy("--study-period", "2008-01-01..2008-12-31"));
    assertEquals(0, o.code(), o.err());
    Map<String, String> q2 = csv(out.resolve("series.csv")).get("2008Q2,US");
    assertEquals(1 / 2.34, Double.parseDouble(q2.get("mpi")), 1e-15);
    assertEquals("2", q2.get("excluded_too_few_eligible_windows")); // C (2 quarters) and D (3)
    // --coverage full (the rule before): D's span covers Q4 too: 4 quarters, in; (1/2.34 +
    // 1/1.42)/2.
    CliTestSupport.Outcome full =
        run(tidy("--study-period", "2008-01-01..2008-12-31", "--coverage", "full"));
    assertEquals(0, full.code(), full.err());
    Map<String, String> fullQ2 = csv(out.resolve("series.csv")).get("2008Q2,US");
    assertEquals((1 / 2.34 + 1 / 1.42) / 2, Double.parseDouble(fullQ2.get("mpi")), 1e-15);
  }

  @Test
  void lookBackEligibilityAndClaimDatingAreOptions() throws IOException {
    CliTestSupport.Outcome o =
        run(
            tidy(
                "--study-period",
                "2008-01-01..2008-12-31",
                "--eligibility",
                "look-back",
                "--claim-dating",
                "through",
                "--min-eligible",
                "3"));
    assertEquals(0, o.code(), o.err());
    String report = Files.readString(out.resolve("report.html"));
    assertTrue(report.contains("eligibility counted over: LOOK_BACK"), report);
    assertTrue(report.contains("claim dating: SERVICE_THROUGH"), report);
    Map<String, Map<String, String>> series = csv(out.resolve("series.csv"));
    // Look-back with minimum 3: in 2008Q2 only Q1-Q2 count: A and D are too few; in 2008Q3, A
    // (Q1-Q3 = 3) is in: H(Q3) = 1 (no diagnosis), M(Q2) = 0.92; D (Q1-Q3 while alive) too:
    // H(Q3) = 1/2 (401.9 + 496), M(Q2) = 2 x 0.92.
    assertEquals("0", series.get("2008Q2,US").get("patients"));
    assertEquals(
        (1 / 0.92 + 0.5 / 1.84) / 2, Double.parseDouble(series.get("2008Q3,US").get("mpi")), 1e-15);
    CliTestSupport.Outcome bad = run(tidy("--eligibility", "sometimes"));
    assertEquals(2, bad.code());
    assertEquals(
        "mpi compute: --eligibility is one of whole-study, look-back, got 'sometimes'\n",
        bad.err());
  }

  @Test
  void desynpufStudyPeriodIsTheYearsOfTheSummaryFiles() {
    CliTestSupport.Outcome o =
        run(
            "compute",
            "--format",
            "desynpuf",
            "--beneficiaries",
            fixture("DE1_0_2008_Beneficiary_Summary_File_Sample_1.csv"),
            fixture("DE1_0_2009_Beneficiary_Summary_File_Sample_1.csv"),
            "--claims",
            fixture("DE1_0_2008_to_2010_Carrier_Claims_Sample_1A.csv"),
            "--rvu",
            fixture("PPRRVU08.csv"),
            fixture("PPRRVU09.csv"),
            "--out",
            out.toString());
    assertEquals(0, o.code(), o.err());
    assertTrue(
        o.out()
            .startsWith(
                "mpi "
                    + org.mpindex.core.MpiVersion.get()
                    + "; study period: 2008-01-01 .. 2009-12-31 (the years of the DE-SynPUF summary files)"),
        o.out());
  }

  @Property(tries = 1000)
  void everyNumberReadsBackToTheSameBits(@ForAll double d) {
    String s = Outputs.num(d);
    if (Double.isNaN(d)) {
      assertEquals("", s);
      return;
    }
    assertEquals(
        Double.doubleToLongBits(d == 0 ? 0.0 : d),
        Double.doubleToLongBits(Double.parseDouble(s)),
        s);
    // at most the 17 significant digits that always suffice
    String digits =
        s.split("E", -1)[0].replaceAll("[^0-9]", "").replaceAll("^0+", "").replaceAll("0+$", "");
    assertTrue(digits.length() <= 17, s);
  }

  @Test
  void numbersAreShortAndExact() {
    assertEquals("0.1", Outputs.num(0.1));
    assertEquals("0.30000000000000004", Outputs.num(0.1 + 0.2));
    assertEquals("1.42", Outputs.num(1.42));
    assertEquals("100", Outputs.num(100.0));
    assertEquals("1.0E-10", Outputs.num(1e-10).replace("1E-10", "1.0E-10"));
    assertEquals("", Outputs.num(Double.NaN));
    assertEquals("0", Outputs.num(-0.0));
  }
}
