package org.mpindex.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mpindex.cli.CliTestSupport.csv;
import static org.mpindex.cli.CliTestSupport.fixture;
import static org.mpindex.cli.CliTestSupport.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 25 points 7 and 10 through the command: nothing impossible is used silently, every
 * rejected row is listed, and the costly options are bounded.
 */
class ImpossibleInputTest {

  @TempDir Path dir;

  Path out() {
    return dir.resolve("out");
  }

  String[] tidy(Path claims, String... extra) {
    return CliTestSupport.e2eTidy(out(), claims, extra);
  }

  Path write(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, text, StandardCharsets.UTF_8);
    return p;
  }

  static String claimsFixture() throws IOException {
    return Files.readString(Path.of(fixture("claims.csv")));
  }

  /**
   * D died on 2008-08-20. A line of D's on 2008-08-25 (99214, diagnosis 250.00) is after death: it
   * is rejected, listed in rejects.csv, and 2008Q3 is as without it. By hand (Elixhauser, 1/b,
   * lag 1): Q3 patients A and D. A has no Q3 diagnosis: b = 0, H = 1; M(Q2) = 0.92 (C3). D's Q3
   * diagnoses 401.9 and 496 (C10): b = 2, H = 1/2; M(Q2) = 2 x 0.92 = 1.84 (C9). Mean health
   * (1 + 0.5) / 2 = 0.75; MPI (1/0.92 + 0.5/1.84) / 2. Had the line been used, D's Q3 would hold
   * diabetes too: b = 3, H = 1/3, mean health 0.6667.
   */
  @Test
  void aClaimAfterDeathIsRejectedListedAndNotUsed() throws IOException {
    Path claims =
        write(
            "claims.csv",
            claimsFixture() + "C13,D,2008-08-25,,professional,99214,,1,11,icd9,250.00\n");
    Path rejects = dir.resolve("rejects.csv");
    CliTestSupport.Outcome o = run(tidy(claims, "--rejects", rejects.toString()));
    assertEquals(0, o.code(), o.err());
    Map<String, String> q3 = csv(out().resolve("series.csv")).get("2008Q3,US");
    assertEquals(0.75, Double.parseDouble(q3.get("mean_health")), 1e-8);
    assertEquals((1 / 0.92 + 0.5 / 1.84) / 2, Double.parseDouble(q3.get("mpi")), 1e-8);
    assertTrue(o.err().contains("rejected 1 {service after death (from_date)=1}"), o.err());
    List<String> listed = Files.readAllLines(rejects);
    assertEquals(Rejects.HEADER, listed.get(0));
    // line 12: C11 of E, who has no beneficiary record (counted at assembly, listed now); line 14:
    // the line after death
    assertEquals(3, listed.size(), listed.toString());
    assertTrue(
        listed.get(1).contains("claims.csv,12,beneficiary_id,no beneficiary record,"),
        listed.get(1));
    assertTrue(
        listed.get(2).contains("claims.csv,14,from_date,service after death (from_date),"),
        listed.get(2));
  }

  /** The rows of an id without a beneficiary record are listed, by the row reader too. */
  @Test
  void rowsWithoutABeneficiaryRecordAreListedOnEveryReadPath() throws IOException {
    Path enrollment =
        write(
            "enrollment.csv",
            Files.readString(Path.of(fixture("enrollment.csv")))
                + "F,2008-01-01,2008-12-31,MEDICARE_FFS,,,\n");
    for (String[] extra :
        new String[][] {{}, {"--multiple-procedure"}}) { // the fast reader, the row reader
      Path rejects = dir.resolve("rejects.csv");
      String[] args = tidy(Path.of(fixture("claims.csv")), extra);
      List<String> a = new ArrayList<>(List.of(args));
      a.set(a.indexOf(fixture("enrollment.csv")), enrollment.toString());
      a.add("--rejects");
      a.add(rejects.toString());
      CliTestSupport.Outcome o = run(a.toArray(new String[0]));
      assertEquals(0, o.code(), o.err());
      assertTrue(
          o.err()
              .contains(
                  "enrollment spans: read 6, accepted 5, rejected 1 {no beneficiary record=1}"),
          o.err());
      List<String> listed = Files.readAllLines(rejects);
      assertEquals(3, listed.size(), listed.toString());
      assertTrue(
          listed.get(1).contains("enrollment.csv,7,beneficiary_id,no beneficiary record,"),
          listed.toString());
      assertTrue(
          listed.get(2).contains("claims.csv,12,beneficiary_id,no beneficiary record,"),
          listed.toString());
    }
  }

  @Test
  void aHeaderOnlyClaimsFileSaysSo() throws IOException {
    Path claims = write("no-rows.csv", claimsFixture().lines().findFirst().orElseThrow() + "\n");
    CliTestSupport.Outcome o = run(tidy(claims));
    assertEquals(0, o.code(), o.err());
    assertTrue(o.err().contains("note: no-rows.csv: header only, no claim rows: 1"), o.err());
    assertTrue(
        Files.readString(out().resolve("spec.txt"))
            .contains("note: no-rows.csv: header only, no claim rows: 1"));
    // a file with rows has no such note
    CliTestSupport.Outcome full = run(tidy(Path.of(fixture("claims.csv"))));
    assertFalse(full.err().contains("header only"), full.err());
  }

  @Test
  void bootstrapReplicatesAreBounded() {
    CliTestSupport.Outcome o =
        run(
            tidy(
                Path.of(fixture("claims.csv")),
                "--intervals",
                "bootstrap-percentile",
                "--bootstrap-replicates",
                "100001"));
    assertEquals(2, o.code(), o.err());
    assertTrue(
        o.err().startsWith("mpi compute: --bootstrap-replicates must be at most 100000"), o.err());
    assertEquals(1, o.err().lines().count(), o.err());
  }

  /**
   * The real-time index from the first window end with an index (2008-06-28: two 90-day windows
   * after 2008-01-01) to 2013-12-31 daily is 2,013 window ends: above --max-windows 100, a usage
   * error; at the default 10,000 it runs (ComputeCommandTest).
   */
  @Test
  void realTimeWindowEndsAreBoundedByMaxWindows() {
    CliTestSupport.Outcome o =
        run(
            tidy(
                Path.of(fixture("claims.csv")),
                "--realtime-until",
                "2013-12-31",
                "--max-windows",
                "100"));
    assertEquals(2, o.code(), o.err());
    // the first window end with an index is --min-eligible (3) windows of 90 days after 2008-01-01:
    // 2008-01-01 + 270 - 1 = 2008-09-26; to 2013-12-31 are 5 x 365 + 1 (2012-02-29) = 1,826 days to
    // 2013-09-26, then 4 + 31 + 30 + 31 = 96: 1,922 days, so 1,923 daily ends
    assertTrue(
        o.err().contains("--realtime-until 2013-12-31 asks for 1923 real-time window ends"),
        o.err());
    assertTrue(o.err().contains("more than --max-windows 100"), o.err());
  }
}
