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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mpindex.io.SynpufBeneficiaryReader;

/** End-to-end runs of {@code mpi compute} whose expected values are derived by hand in the comments. */
class ComputeCommandTest {

  /** {@code mpi compute} on the tidy fixture (beneficiaries, enrollment, claims, 2008 RVUs) into {@code dir}. */
  static CliTestSupport.Outcome tidy(Path dir, String... more) {
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
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
                dir.toString()));
    args.addAll(List.of(more));
    return run(args.toArray(new String[0]));
  }

  @TempDir Path out;

  @Test
  void tidyCsvEndToEnd() throws IOException {
    CliTestSupport.Outcome o =
        tidy(
            out,
            "--study-period",
            "2008-01-01..2008-12-31",
            "--min-eligible",
            "3",
            "--normalisation",
            "min-max",
            "--min-cell-size",
            "1");
    assertEquals(0, o.code(), o.err());
    Map<String, Map<String, String>> series = csv(out.resolve("series.csv"));
    assertEquals(Outputs.SERIES_HEADER, Files.readAllLines(out.resolve("series.csv")).get(0));
    // Study 2008Q1-Q4 (minimum 3 eligible quarters: D, who died 2008-08-20, is eligible in Q1-Q3,
    // covered while alive; Q4 starts after death), Elixhauser categories:
    // 401.9 hypunc, 250.00 diabunc, 428.0 chf, 496 cpd, 786.50 none. Work RVUs: 99213 0.92, 99214
    // 1.42.
    // 2008Q2. A (WY): H from 401.9 = 1 category, H = 1; M(Q1) = 0.92 + 1.42 = 2.34 (the outpatient
    // 71020
    //   line carries no effort by default): 1/2.34.
    //   D (AK): H from 496 = 1, H = 1; M(Q1) = 1.42: 1/1.42.
    //   B is 63: under 65. C has 2 eligible quarters: too few. E has no beneficiary record.
    //   Candidates: A, B, C, D (E has no record): 4 = 2 patients + 1 under 65 + 1 too few.
    double q2 = (1 / 2.34 + 1 / 1.42) / 2;
    Map<String, String> us2 = series.get("2008Q2,US");
    assertEquals(q2, Double.parseDouble(us2.get("mpi")), 1e-8);
    assertEquals("2", us2.get("patients"));
    assertEquals((2.34 + 1.42) / 2, Double.parseDouble(us2.get("mean_effort")), 1e-8);
    assertEquals(1.0, Double.parseDouble(us2.get("mean_health")), 1e-8);
    assertEquals("4", us2.get("candidates"));
    assertEquals("1", us2.get("excluded_under_minimum_age"));
    assertEquals("1", us2.get("excluded_too_few_eligible_windows"));
    assertEquals("0", us2.get("effort_incomplete"));
    assertEquals("0", us2.get("no_residence"));
    // SE of two ratios = |a - d| / 2; CI = mpi -/+ t(0.975, 1 df) SE, t = 12.7062047361747 (tables)
    double se = Math.abs(1 / 2.34 - 1 / 1.42) / 2;
    assertEquals(q2 - 12.706204736174707 * se, Double.parseDouble(us2.get("ci_low")), 1e-8);
    assertEquals(q2 + 12.706204736174707 * se, Double.parseDouble(us2.get("ci_high")), 1e-8);
    assertEquals(1 / 2.34, Double.parseDouble(series.get("2008Q2,WY").get("mpi")), 1e-8);
    assertEquals(1 / 1.42, Double.parseDouble(series.get("2008Q2,AK").get("mpi")), 1e-8);
    // 2008Q3. A: no diagnosis, H = 1 (burden 0 as one); M(Q2) = 0.92: 1/0.92.
    //   D: 401.9 + 496 = 2 categories, H = 1/2; M(Q2) = 2 units x 0.92 = 1.84: 0.5/1.84.
    assertEquals(
        (1 / 0.92 + 0.5 / 1.84) / 2, Double.parseDouble(series.get("2008Q3,US").get("mpi")), 1e-8);
    // The change Q2 -> Q3, decomposed: h 1 -> 0.75, m 1.88 -> (0.92 + 1.84) / 2 = 1.38.
    //   health (0.75 - 1) / 1.88; effort 1 * (1/1.38 - 1/1.88); interaction (0.75 - 1)(1/1.38 -
    // 1/1.88);
    //   aggregation: the rest, (MPI3 - 0.75/1.38) - (MPI2 - 1/1.88). Q2, the first window, has
    // none.
    Map<String, String> us3 = series.get("2008Q3,US");
    double q3 = (1 / 0.92 + 0.5 / 1.84) / 2;
    assertEquals(q3 - q2, Double.parseDouble(us3.get("change")), 1e-12);
    assertEquals(-0.25 / 1.88, Double.parseDouble(us3.get("change_health")), 1e-12);
    assertEquals(1 / 1.38 - 1 / 1.88, Double.parseDouble(us3.get("change_effort")), 1e-12);
    assertEquals(
        -0.25 * (1 / 1.38 - 1 / 1.88), Double.parseDouble(us3.get("change_interaction")), 1e-12);
    assertEquals(
        (q3 - 0.75 / 1.38) - (q2 - 1 / 1.88),
        Double.parseDouble(us3.get("change_aggregation")),
        1e-12);
    assertEquals("", us2.get("change"));
    // 2008Q4. A: M(Q3) = 0, excluded for zero effort; D died 2008-08-20. No index value.
    Map<String, String> us4 = series.get("2008Q4,US");
    assertEquals("", us4.get("mpi"));
    assertEquals("0", us4.get("patients"));
    assertEquals("1", us4.get("excluded_zero_effort"));

    assertEquals(Outputs.GROUPS_HEADER, Files.readAllLines(out.resolve("groups.csv")).get(0));
    Map<String, Map<String, String>> groups = csv(out.resolve("groups.csv"));
    // 2008Q2: AK 1/1.42 ranks above WY 1/2.34. Min-max over the two: MPI AK 100, WY 0; effort AK
    // 1.42 is the lowest (0), WY 2.34 the highest (100); health equal (1 and 1): 50 each. Two
    // groups in
    // terciles: tiles 1 and 2. One patient each: no standard error, empty CI.
    Map<String, String> ak = groups.get("2008Q2,AK");
    assertEquals(1 / 1.42, Double.parseDouble(ak.get("mpi")), 1e-15);
    assertEquals(
        List.of("1", "1.42", "1", "", "", "100", "0", "50", "1", "1"),
        List.of(
            ak.get("mean_health"),
            ak.get("mean_effort"),
            ak.get("patients"),
            ak.get("ci_low"),
            ak.get("standard_error"),
            ak.get("mpi_norm"),
            ak.get("effort_norm"),
            ak.get("health_norm"),
            ak.get("rank"),
            ak.get("tile")));
    Map<String, String> wy = groups.get("2008Q2,WY");
    assertEquals(1 / 2.34, Double.parseDouble(wy.get("mpi")), 1e-15);
    assertEquals(
        List.of("0", "100", "50", "2", "2"),
        List.of(
            wy.get("mpi_norm"),
            wy.get("effort_norm"),
            wy.get("health_norm"),
            wy.get("rank"),
            wy.get("tile")));
    String report = Files.readString(out.resolve("report.html"));
    assertTrue(report.contains("id=\"tilemap\"") && report.contains("id=\"trend\""));
    // the trend line carries each window's interval where it is defined (2008Q2 and Q3: two
    // patients)
    assertTrue(report.contains("class=\"ci\"") && report.contains("(Student's t, 1 df)"), report);
    // the report window 2008Q4 has no patients: its change is NaN but listed
    assertTrue(report.contains("id=\"change\""), "Table 2 of the report");

    // the defaults: the paper's Table 1 scale (MPI and health x100, effort in work RVUs), and
    // groups of
    // fewer than 11 patients (here 1 each) not ranked, with the reason
    Path plain = out.resolve("defaults");
    CliTestSupport.Outcome d =
        tidy(plain, "--study-period", "2008-01-01..2008-12-31", "--min-eligible", "3");
    assertEquals(0, d.code(), d.err());
    // with one patient each, AK and WY are small cells: suppressed in every output (no count, no
    // value),
    // and so is the national cell of 2 patients
    Map<String, String> akPaper = csv(plain.resolve("groups.csv")).get("2008Q2,AK");
    assertEquals(
        // one label for every suppressed group, small or complementary (issue #25)
        List.of("", "", "", "", "", "", "", "suppressed (small cell or complement)", "1"),
        List.of(
            akPaper.get("mpi"),
            akPaper.get("patients"),
            akPaper.get("mpi_norm"),
            akPaper.get("effort_norm"),
            akPaper.get("health_norm"),
            akPaper.get("rank"),
            akPaper.get("tile"),
            akPaper.get("not_ranked"),
            akPaper.get("suppressed")));
    Map<String, Map<String, String>> plainSeries = csv(plain.resolve("series.csv"));
    assertEquals(
        List.of("", "", "1"),
        List.of(
            plainSeries.get("2008Q2,AK").get("mpi"),
            plainSeries.get("2008Q2,AK").get("change"),
            plainSeries.get("2008Q2,AK").get("suppressed")));
    assertEquals(
        List.of("", "1"),
        List.of(
            plainSeries.get("2008Q2,US").get("patients"),
            plainSeries.get("2008Q2,US").get("suppressed")));
    // with the paper's scale and no suppression, AK's MPI reads x100, effort in work RVUs
    Map<String, String> akOpen = csv(out.resolve("groups.csv")).get("2008Q2,AK");
    assertEquals("0", akOpen.get("suppressed"));
    assertTrue(
        d.out().contains("   - AK") && d.out().contains("not ranked: no patients"),
        d.out()); // 2008Q4, empty
    // accounting summary on stderr: E's line rejected
    assertTrue(
        o.err().contains("claim lines: read 12, accepted 11, rejected 1 {no beneficiary record=1}"),
        o.err());
    assertTrue(
        o.err().contains("tidy CSV claim line rows: read 12, accepted 12, rejected 0"), o.err());
    // printed series
    assertTrue(o.out().contains("2008Q2"), o.out());
  }

  @Test
  void everyRunWritesItsSpecBlockWithTheVersionAndTheCommand() throws IOException {
    CliTestSupport.Outcome o =
        tidy(
            out,
            "--study-period",
            "2008-01-01..2008-12-31",
            "--min-eligible",
            "3",
            "--min-cell-size",
            "1",
            "--intervals",
            "bootstrap-percentile");
    assertEquals(0, o.code(), o.err());
    List<String> spec = Files.readAllLines(out.resolve("spec.txt"));
    assertEquals("mpi " + org.mpindex.core.MpiVersion.get(), spec.get(0));
    // the command as given, so that the run can be repeated from the file
    assertTrue(
        spec.get(1).startsWith("command: mpi compute --format csv --beneficiaries "), spec.get(1));
    assertTrue(
        spec.get(1).endsWith("--min-cell-size 1 --intervals bootstrap-percentile"), spec.get(1));
    // the same study period as the console's first line
    String consoleFirst = o.out().lines().findFirst().orElseThrow();
    assertTrue(consoleFirst.contains("; study period: 2008-01-01 .. 2008-12-31"), consoleFirst);
    assertEquals(
        "study period: " + consoleFirst.substring(consoleFirst.indexOf("; study period: ") + 16),
        spec.get(3));
    assertTrue(
        spec.contains("files: series.csv, groups.csv, report.html, spec.txt"), spec.toString());
    // the spec's own rendering and the accounting follow
    String text = Files.readString(out.resolve("spec.txt"));
    assertTrue(text.contains("\nspec:\n") && text.contains("\naccounting:\n"), text);
    assertTrue(text.contains("bootstrap"), "the interval option reaches the block: " + text);
    // the console names the version too
    assertTrue(
        o.out().startsWith("mpi " + org.mpindex.core.MpiVersion.get() + "; study period: "),
        o.out());
  }

  @Test
  void aCommandLineWordWithBlanksIsQuotedInTheSpecBlock() {
    Args a =
        Args.parse(
            new String[] {"--title", "My run's title", "--out", "x"},
            java.util.Set.of("title", "out"),
            java.util.Set.of(),
            java.util.Set.of(),
            "compute");
    assertEquals("mpi compute --title 'My run'\\''s title' --out x", a.commandLine());
  }

  @Test
  void desynpufEndToEnd() throws IOException {
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
            fixture("DE1_0_2008_to_2010_Outpatient_Claims_Sample_1.csv"),
            fixture("DE1_0_2008_to_2010_Inpatient_Claims_Sample_1.csv"),
            "--rvu",
            fixture("PPRRVU08.csv"),
            fixture("PPRRVU09.csv"),
            "--study-period",
            "2008-01-01..2009-12-31",
            "--out",
            out.toString(),
            "--min-cell-size",
            "1");
    assertEquals(0, o.code(), o.err());
    Map<String, Map<String, String>> series = csv(out.resolve("series.csv"));
    // 2009Q2 (effort 2009Q1):
    //  00013D2EFD8E45D1 (MO, SSA 26): Q2 diagnoses 428.0 (carrier), 428.0 + 427.31 + 786.50
    // (inpatient):
    //    chf + carit = 2 categories, H = 1/2; M(Q1) = 99213 + 99214 = 2.34: 0.5/2.34.
    //  00016F745862898F (PA, SSA 39; 65 in June 2008, 6 eligible quarters): Q2 diagnoses 401.9
    // (hypunc)
    //    and V58.61 (none): H = 1; M(Q1) = 99214 = 1.42: 1/1.42.
    //  0001FDD721E223DC: its Q1 row with a valid date has only invalid codes (no effort); the other
    //    row is rejected (through date before from date): M(Q1) = 0, excluded for zero effort.
    //  0002A0E6F8C4D3B7 (Virgin Islands, SSA 48: group VI; no claims): M = 0, excluded for zero
    // effort.
    Map<String, String> us = series.get("2009Q2,US");
    assertEquals((0.5 / 2.34 + 1 / 1.42) / 2, Double.parseDouble(us.get("mpi")), 1e-8);
    assertEquals("2", us.get("patients"));
    assertEquals("2", us.get("excluded_zero_effort"));
    assertEquals(0.5 / 2.34, Double.parseDouble(series.get("2009Q2,MO").get("mpi")), 1e-8);
    assertEquals(1 / 1.42, Double.parseDouble(series.get("2009Q2,PA").get("mpi")), 1e-8);
    assertEquals("0", series.get("2009Q2,VI").get("patients"));
    assertEquals("1", series.get("2009Q2,VI").get("excluded_zero_effort"));
    assertEquals(null, series.get("2009Q2,UNKNOWN"));
    assertTrue(
        o.err()
            .contains(
                "DE-SynPUF carrier claim rows: read 6, accepted 5, rejected 1 {bad dates (CLM_THRU_DT)=1}"),
        o.err());
    assertTrue(o.err().contains("invalid HCPCS 99A13 x1"), o.err());
  }

  /**
   * DE-SynPUF county groups carry FIPS keys through the bundled crosswalk. The fixture's counties:
   * SSA 26950 is St. Louis city, MO, and SSA 39230 Clearfield County, PA, whose census FIPS codes
   * are 29510 and 42033 (Census Bureau county list, independent of the crosswalk file); SSA 48010
   * (Virgin Islands) is not in the 2017 crosswalk: it keeps its SSA key and is counted.
   */
  @Test
  void deSynpufCountyGroupsCarryFipsKeysByDefaultAndSsaKeysWithNone() throws IOException {
    for (String crosswalk : List.of("default", "bundled", "none")) {
      Path dir = out.resolve(crosswalk);
      List<String> args =
          new ArrayList<>(
              List.of(
                  "compute",
                  "--format",
                  "desynpuf",
                  "--beneficiaries",
                  fixture("DE1_0_2008_Beneficiary_Summary_File_Sample_1.csv"),
                  fixture("DE1_0_2009_Beneficiary_Summary_File_Sample_1.csv"),
                  "--claims",
                  fixture("DE1_0_2008_to_2010_Carrier_Claims_Sample_1A.csv"),
                  fixture("DE1_0_2008_to_2010_Inpatient_Claims_Sample_1.csv"),
                  "--rvu",
                  fixture("PPRRVU08.csv"),
                  fixture("PPRRVU09.csv"),
                  "--study-period",
                  "2008-01-01..2009-12-31",
                  "--by",
                  "county",
                  "--out",
                  dir.toString(),
                  "--min-cell-size",
                  "1"));
      if (!crosswalk.equals("default")) {
        args.addAll(List.of("--county-crosswalk", crosswalk));
      }
      CliTestSupport.Outcome o = run(args.toArray(String[]::new));
      assertEquals(0, o.code(), o.err());
      Map<String, Map<String, String>> series = csv(dir.resolve("series.csv"));
      String spec = Files.readString(dir.resolve("spec.txt"));
      if (crosswalk.equals("none")) {
        assertTrue(series.containsKey("2009Q2,SSA26950"), series.keySet().toString());
        assertTrue(series.containsKey("2009Q2,SSA39230"), series.keySet().toString());
        assertFalse(o.err().contains(SynpufBeneficiaryReader.UNMAPPED_COUNTY), o.err());
        assertTrue(spec.contains("counties by SSA code"), spec);
      } else {
        // the MO patient's ratio as derived in desynpufEndToEnd: 0.5 / 2.34
        assertEquals(0.5 / 2.34, Double.parseDouble(series.get("2009Q2,29510").get("mpi")), 1e-8);
        assertEquals("1", series.get("2009Q2,42033").get("patients"));
        assertTrue(series.containsKey("2009Q2,SSA48010"), series.keySet().toString());
        assertFalse(series.containsKey("2009Q2,SSA26950"), series.keySet().toString());
        assertTrue(o.err().contains(SynpufBeneficiaryReader.UNMAPPED_COUNTY), o.err());
        assertTrue(spec.contains("SSA-to-FIPS crosswalk of 2017"), spec);
      }
    }
  }

  @Test
  void strictModeStopsWithTheRecordNamed() {
    CliTestSupport.Outcome o =
        run(
            "compute",
            "--format",
            "desynpuf",
            "--beneficiaries",
            fixture("DE1_0_2009_Beneficiary_Summary_File_Sample_1.csv"),
            "--claims",
            fixture("DE1_0_2008_to_2010_Carrier_Claims_Sample_1A.csv"),
            "--rvu",
            fixture("PPRRVU09.csv"),
            "--strict",
            "--out",
            out.toString());
    assertEquals(1, o.code());
    assertTrue(
        o.err()
            .startsWith(
                "mpi compute: DE1_0_2008_to_2010_Carrier_Claims_Sample_1A.csv:6: column CLM_THRU_DT"),
        o.err());
  }

  @Test
  void methodOptionsReachTheSpec() throws IOException {
    CliTestSupport.Outcome o =
        tidy(
            out,
            "--study-period",
            "2008-01-01..2008-12-31",
            "--zero-effort",
            "floor:0.5",
            "--aggregation",
            "ratio-of-means",
            "--by",
            "national",
            "--min-eligible",
            "2",
            "--program",
            "any",
            "--min-cell-size",
            "1");
    assertEquals(0, o.code(), o.err());
    String report = Files.readString(out.resolve("report.html"));
    assertTrue(report.contains("zero effort: floor at 0.5"), report);
    assertTrue(report.contains("aggregation: ratio of means"));
    assertTrue(report.contains("programs: any"));
    // 2008Q4 with the 0.5 floor: A has H(Q4) from 496 = 1 over M = max(0, 0.5);
    // C (Advantage in Q4, any program accepted, 2 eligible quarters) has no Q4 diagnosis: H = 1,
    // M(Q3) = 0 -> 0.5.
    // Ratio of means: (1 + 1) / (0.5 + 0.5) = 2.
    Map<String, Map<String, String>> series = csv(out.resolve("series.csv"));
    assertEquals(2.0, Double.parseDouble(series.get("2008Q4,US").get("mpi")), 1e-8);
  }

  @Test
  void bootstrapIntervalsAreWrittenAndDoNotDependOnInputOrder() throws IOException {
    // the claims file with its data lines reversed: the same records in another order
    List<String> lines = Files.readAllLines(Path.of(fixture("claims.csv")));
    List<String> reversed = new java.util.ArrayList<>(lines.subList(1, lines.size()));
    java.util.Collections.reverse(reversed);
    reversed.add(0, lines.get(0));
    Path claims = out.resolve("claims-reversed.csv");
    Files.write(claims, reversed);
    Path a = out.resolve("a");
    Path b = out.resolve("b");
    for (Path[] run : new Path[][] {{Path.of(fixture("claims.csv")), a}, {claims, b}}) {
      CliTestSupport.Outcome o =
          run(
              "compute",
              "--format",
              "csv",
              "--beneficiaries",
              fixture("beneficiaries.csv"),
              "--enrollment",
              fixture("enrollment.csv"),
              "--claims",
              run[0].toString(),
              "--rvu",
              fixture("PPRRVU08.csv"),
              "--out",
              run[1].toString(),
              "--study-period",
              "2008-01-01..2008-12-31",
              "--min-eligible",
              "3",
              "--min-cell-size",
              "1",
              "--intervals",
              "bootstrap-bca",
              "--bootstrap-replicates",
              "400",
              "--bootstrap-seed",
              "7");
      assertEquals(0, o.code(), o.err());
    }
    assertEquals(
        Files.readString(a.resolve("series.csv")), Files.readString(b.resolve("series.csv")));
    assertEquals(
        Files.readString(a.resolve("groups.csv")), Files.readString(b.resolve("groups.csv")));
    Map<String, Map<String, String>> series = csv(a.resolve("series.csv"));
    // 2008Q2: A's ratio 1/2.34 and D's 1/1.42 (see tidyCsvEndToEnd). Every replicate is a weighted
    // mean
    // of the two, so the interval lies between them; BCa's ends are quantiles of the replicates.
    Map<String, String> us2 = series.get("2008Q2,US");
    assertEquals("bootstrap-bca", us2.get("interval_method"));
    double low = Double.parseDouble(us2.get("ci_low"));
    double high = Double.parseDouble(us2.get("ci_high"));
    assertTrue(
        1 / 2.34 - 1e-12 <= low && low < high && high <= 1 / 1.42 + 1e-12, low + " .. " + high);
    // the standard error of a replicate drawing A and D with Poisson(1) weights is at most half the
    // spread of the two ratios (the spread of a two-point mean)
    assertTrue(Double.parseDouble(us2.get("standard_error")) <= (1 / 1.42 - 1 / 2.34) / 2 + 1e-12);
    // 2008Q3 against Q2: the percent change (q3 - q2) / q2 * 100 with a bootstrap interval around
    // it
    double q2 = (1 / 2.34 + 1 / 1.42) / 2;
    double q3 = (1 / 0.92 + 0.5 / 1.84) / 2;
    Map<String, String> us3 = series.get("2008Q3,US");
    assertEquals((q3 - q2) / q2 * 100, Double.parseDouble(us3.get("qoq_pct")), 1e-9);
    assertEquals("bootstrap-bca", us3.get("change_interval_method"));
    assertTrue(
        !us3.get("qoq_ci_low").isEmpty()
            && Double.parseDouble(us3.get("qoq_ci_low"))
                <= Double.parseDouble(us3.get("qoq_ci_high")));
    // no window a year before in a one-year study
    assertEquals("", us3.get("yoy_ci_low"));
    // one-patient groups have no interval
    assertEquals("none", series.get("2008Q2,AK").get("interval_method"));
    assertEquals("", series.get("2008Q2,AK").get("ci_low"));
  }

  @Test
  void standardisationToTheNationAndToAGivenStandard() throws IOException {
    // 2008Q2 (see tidyCsvEndToEnd): A, Wyoming, female, 77 on 2008-04-01 (75-79 F), ratio 1/2.34;
    // D, Alaska, male, 73 (70-74 M), ratio 1/1.42. The nation's mix: half each.
    Path a = out.resolve("national");
    CliTestSupport.Outcome o =
        tidy(
            a,
            "--study-period",
            "2008-01-01..2008-12-31",
            "--min-eligible",
            "3",
            "--min-cell-size",
            "1",
            "--standardise",
            "age-sex");
    assertEquals(0, o.code(), o.err());
    Map<String, Map<String, String>> series = csv(a.resolve("series.csv"));
    // the nation standardised to itself: 0.5/2.34 + 0.5/1.42, its crude mean
    assertEquals(
        (1 / 2.34 + 1 / 1.42) / 2,
        Double.parseDouble(series.get("2008Q2,US").get("std_mpi")),
        1e-12);
    // Wyoming has nobody 70-74 male: no standardised value, one stratum missing
    assertEquals(
        List.of("", "1"),
        List.of(
            series.get("2008Q2,WY").get("std_mpi"),
            series.get("2008Q2,WY").get("std_missing_strata")));
    List<String> standard = Files.readAllLines(a.resolve("standard.csv"));
    assertTrue(
        standard.contains("2008Q2,75-79,F,0.5") && standard.contains("2008Q2,70-74,M,0.5"),
        standard.toString());
    assertTrue(o.out().contains("Standard population of"), o.out());
    assertTrue(Files.readString(a.resolve("report.html")).contains("id=\"standardised\""));

    // a given standard of 75-79 women only: Wyoming's value is A's ratio, Alaska has none
    Path file = out.resolve("standard-in.csv");
    Files.writeString(file, "age_band,sex,weight\n75-79,F,1200\n70-74,M,0\n");
    Path b = out.resolve("given");
    o =
        tidy(
            b,
            "--study-period",
            "2008-01-01..2008-12-31",
            "--min-eligible",
            "3",
            "--min-cell-size",
            "1",
            "--standard",
            file.toString());
    assertEquals(0, o.code(), o.err());
    series = csv(b.resolve("series.csv"));
    assertEquals(1 / 2.34, Double.parseDouble(series.get("2008Q2,WY").get("std_mpi")), 1e-12);
    assertEquals(1 / 2.34, Double.parseDouble(series.get("2008Q2,US").get("std_mpi")), 1e-12);
    assertEquals("", series.get("2008Q2,AK").get("std_mpi"));

    // a bad standard file: the file, line and column are named
    Files.writeString(file, "age_band,sex,weight\n75-79,F,1200\n66-70,M,3\n");
    o = tidy(out.resolve("bad"), "--standard", file.toString());
    assertEquals(1, o.code());
    assertTrue(
        o.err().contains("standard-in.csv:3: column age_band") && o.err().contains("66-70"),
        o.err());
  }

  @Test
  void cohortsSideBySide() throws IOException {
    // any program: C (FFS in Q1-Q2, Medicare Advantage in Q3-Q4, 4 eligible quarters) joins A and
    // D.
    // 2008Q2: A (250.00 in Q1), C (27447 in Q1, 428.0 and 250.00 in Q2), D.
    //   diabetes (diagnosis in Q(t-3)..Q(t)): A and C; knee-replacement (27447 in Q(t-4)..Q(t-1)):
    // C;
    //   ffs: all three; ma: nobody.
    // 2008Q3: the same three; C is in Medicare Advantage: ma = C, ffs = A and D; diabetes A and C;
    // knee C.
    Path dir = out.resolve("cohorts");
    CliTestSupport.Outcome o =
        tidy(
            dir,
            "--study-period",
            "2008-01-01..2008-12-31",
            "--min-eligible",
            "3",
            "--min-cell-size",
            "1",
            "--program",
            "any",
            "--cohort",
            "diabetes",
            "knee-replacement",
            "--cohort",
            "ffs",
            "--cohort",
            "ma");
    assertEquals(0, o.code(), o.err());
    List<String> lines = Files.readAllLines(dir.resolve("series.csv"));
    List<String> header = List.of(lines.get(0).split(",", -1));
    int period = header.indexOf("period");
    int group = header.indexOf("group");
    int cohort = header.indexOf("cohort");
    int patients = header.indexOf("patients");
    assertEquals(header.size() - 1, cohort, "cohort is the last column");
    Map<String, String> national = new java.util.HashMap<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] c = line.split(",", -1);
      if (c[group].equals("US")) {
        national.put(c[period] + "/" + c[cohort], c[patients]);
      }
    }
    assertEquals(
        List.of("3", "2", "1", "3", "0"),
        List.of(
            national.get("2008Q2/everyone"),
            national.get("2008Q2/diabetes"),
            national.get("2008Q2/knee-replacement"),
            national.get("2008Q2/ffs"),
            national.get("2008Q2/ma")));
    assertEquals(
        List.of("3", "2", "1", "2", "1"),
        List.of(
            national.get("2008Q3/everyone"),
            national.get("2008Q3/diabetes"),
            national.get("2008Q3/knee-replacement"),
            national.get("2008Q3/ffs"),
            national.get("2008Q3/ma")));
    assertTrue(o.out().contains("Cohort ma: national MPI"), o.out());
    assertTrue(Files.readString(dir.resolve("report.html")).contains("id=\"cohorts\""));
    List<String> groups = Files.readAllLines(dir.resolve("groups.csv"));
    assertTrue(
        groups.stream().anyMatch(l -> l.endsWith(",ma")) && groups.get(0).endsWith(",cohort"));

    // ma without --program any is refused, and an unknown name lists the known ones
    CliTestSupport.Outcome bad = tidy(out.resolve("x"), "--cohort", "ma");
    assertEquals(2, bad.code());
    assertTrue(bad.err().contains("--program any"), bad.err());
    bad = tidy(out.resolve("y"), "--cohort", "asthma");
    assertEquals(2, bad.code());
    assertTrue(bad.err().contains("diabetes, chf, copd"), bad.err());
  }

  @Test
  void weightedBurdenOfVanWalraven() throws IOException {
    // van Walraven 2009 weights: hypertension (uncomplicated) 0, chronic pulmonary disease 3.
    // 2008Q2: A's 401.9 weighs 0: burden 0, H = 1 (zero burden as one), ratio 1/2.34; D's 496:
    // burden 3,
    //   H = 1/3 over 1.42. 2008Q3: A no diagnosis, 1/0.92; D 401.9 and 496: 0 + 3, H = 1/3 over
    // 1.84.
    Path dir = out.resolve("weighted");
    CliTestSupport.Outcome o =
        tidy(
            dir,
            "--study-period",
            "2008-01-01..2008-12-31",
            "--min-eligible",
            "3",
            "--min-cell-size",
            "1",
            "--health-weights",
            "van-walraven-2009");
    assertEquals(0, o.code(), o.err());
    Map<String, Map<String, String>> series = csv(dir.resolve("series.csv"));
    assertEquals(
        (1 / 2.34 + (1.0 / 3) / 1.42) / 2,
        Double.parseDouble(series.get("2008Q2,US").get("mpi")),
        1e-12);
    assertEquals(
        (1 / 0.92 + (1.0 / 3) / 1.84) / 2,
        Double.parseDouble(series.get("2008Q3,US").get("mpi")),
        1e-12);
    assertTrue(
        Files.readString(dir.resolve("report.html")).contains("van-walraven-2009 weighted score"));
    CliTestSupport.Outcome bad = tidy(out.resolve("b"), "--health-weights", "charlson-1987");
    assertEquals(2, bad.code());
    assertTrue(bad.err().contains("--health charlson"), bad.err());
  }

  @Test
  void annualAcgOutputAppliesToEveryQuarterOfItsYear() throws IOException {
    // --health adg without a map: only the ACG flags count. A has 2 ADGs for 2008, D has 1.
    // 2008Q2: A H = 1/2 over 2.34, D H = 1 over 1.42; 2008Q3: A 1/2 over 0.92, D 1 over 1.84.
    Path acg = out.resolve("acg-2008.csv");
    Files.writeString(acg, "patient_id,period,ADG02,ADG10\nA,2008,1,1\nD,2008,1,0\n");
    Path dir = out.resolve("acg");
    CliTestSupport.Outcome o =
        tidy(
            dir,
            "--study-period",
            "2008-01-01..2008-12-31",
            "--min-eligible",
            "3",
            "--min-cell-size",
            "1",
            "--health",
            "adg",
            "--acg-output",
            acg.toString(),
            "--acg-by-year");
    assertEquals(0, o.code(), o.err());
    Map<String, Map<String, String>> series = csv(dir.resolve("series.csv"));
    assertEquals(
        (0.5 / 2.34 + 1 / 1.42) / 2, Double.parseDouble(series.get("2008Q2,US").get("mpi")), 1e-12);
    assertEquals(
        (0.5 / 0.92 + 1 / 1.84) / 2, Double.parseDouble(series.get("2008Q3,US").get("mpi")), 1e-12);
    // without --acg-by-year the year is refused, naming the option
    CliTestSupport.Outcome bad =
        tidy(
            out.resolve("b"),
            "--study-period",
            "2008-01-01..2008-12-31",
            "--health",
            "adg",
            "--acg-output",
            acg.toString());
    assertEquals(1, bad.code());
    assertTrue(
        bad.err().contains("acg-2008.csv:2") && bad.err().contains("--acg-by-year"), bad.err());
  }

  @Test
  void realTimeSeriesOfWindowEnds() throws IOException {
    // 90-day windows ending 2008-09-26: health 2008-06-29..09-26, effort 2008-03-31..06-28.
    // A: no diagnosis in the health window, H = 1, effort 99213 of 05-20 = 0.92; D (died 08-20,
    // covered
    // while alive): 401.9 and 496 on 07-01, H = 1/2, effort 2 x 99213 on 06-01 = 1.84; C is in
    // Medicare
    // Advantage from 07-01, B is under 65. MPI = (1/0.92 + 0.5/1.84) / 2.
    Path dir = out.resolve("realtime");
    CliTestSupport.Outcome o =
        tidy(
            dir,
            "--study-period",
            "2008-01-01..2008-12-31",
            "--min-eligible",
            "2",
            "--min-cell-size",
            "1",
            "--realtime-until",
            "2008-12-31",
            "--step",
            "30d");
    assertEquals(0, o.code(), o.err());
    List<String> lines = Files.readAllLines(dir.resolve("realtime.csv"));
    assertEquals(RealTimeRun.HEADER, lines.get(0));
    // the first window end with an index: two 90-day windows after 2008-01-01, then every 30 days
    assertTrue(lines.get(1).startsWith("2008-06-28,"), lines.get(1));
    String sep26 =
        lines.stream().filter(l -> l.startsWith("2008-09-26,")).findFirst().orElseThrow();
    assertEquals((1 / 0.92 + 0.5 / 1.84) / 2, Double.parseDouble(sep26.split(",", -1)[1]), 1e-12);
    assertEquals("2", sep26.split(",", -1)[4]);
    assertTrue(
        Files.readString(dir.resolve("report.html")).contains("id=\"realtime\""), "Figure 1c");
    CliTestSupport.Outcome early =
        tidy(
            out.resolve("e"),
            "--study-period",
            "2008-01-01..2008-12-31",
            "--realtime-until",
            "2008-03-01");
    // with the default --min-eligible 4 the first end is four 90-day windows after 2008-01-01:
    // 2008-01-01 + 359 days = 2008-12-25 (a leap year)
    assertEquals(2, early.code());
    assertTrue(early.err().contains("first window end with an index, 2008-12-25"), early.err());
  }

  @Test
  void diagnosisConfirmation() throws IOException {
    // two other claims in t only: D's 401.9 and 496 of 2008Q3 stand on one claim (C10): burden 0, H
    // = 1
    // over 1.84; A has no Q3 diagnosis, 1/0.92. Without the rule D's H is 1/2 (two categories).
    Path dir = out.resolve("confirm");
    CliTestSupport.Outcome o =
        tidy(
            dir,
            "--study-period",
            "2008-01-01..2008-12-31",
            "--min-eligible",
            "3",
            "--min-cell-size",
            "1",
            "--confirm-diagnoses",
            "2:0");
    assertEquals(0, o.code(), o.err());
    Map<String, Map<String, String>> series = csv(dir.resolve("series.csv"));
    assertEquals(
        (1 / 0.92 + 1 / 1.84) / 2, Double.parseDouble(series.get("2008Q3,US").get("mpi")), 1e-12);
    assertEquals(2, tidy(out.resolve("bad"), "--confirm-diagnoses", "two").code());
  }
}
