package org.mpindex.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mpindex.cli.CliTestSupport.fixture;
import static org.mpindex.cli.CliTestSupport.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same data given twice is refused or counted once (issue 25, point 3): files are recognised by
 * content, not by path, and a claim whose rows come again apart from its first rows is read once.
 */
class RepeatedInputTest {
  @TempDir Path dir;

  String[] tidy(Path out, String... claims) {
    List<String> a =
        new ArrayList<>(
            List.of(
                "compute",
                "--format",
                "csv",
                "--beneficiaries",
                fixture("beneficiaries.csv"),
                "--enrollment",
                fixture("enrollment.csv"),
                "--rvu",
                fixture("PPRRVU08.csv"),
                "--study-period",
                "2008-01-01..2008-12-31",
                "--min-eligible",
                "3",
                "--min-cell-size",
                "1",
                "--out",
                out.toString(),
                "--claims"));
    a.addAll(List.of(claims));
    return a.toArray(new String[0]);
  }

  static void usage(CliTestSupport.Outcome o, String startsWith) {
    assertEquals(2, o.code(), o.err());
    assertTrue(o.err().startsWith(startsWith), o.err());
    assertEquals(1, o.err().lines().count(), o.err());
  }

  @Test
  void aHardLinkOfAnInputIsTheSameFile() throws IOException {
    // today: read twice, every effort doubled (the MPI halved), exit 0
    Path claims = Files.copy(Path.of(fixture("claims.csv")), dir.resolve("claims.csv"));
    Path link = Files.createLink(dir.resolve("hard-link.csv"), claims);
    usage(
        run(tidy(dir.resolve("out"), claims.toString(), link.toString())),
        "mpi compute: the file " + link + " is given twice (" + claims + " and " + link);
  }

  @Test
  void aCopyOfAnInputIsRefusedByItsContent() throws IOException {
    Path claims = Path.of(fixture("claims.csv"));
    Path copy = Files.copy(claims, dir.resolve("copy.csv"));
    usage(
        run(tidy(dir.resolve("out"), claims.toString(), copy.toString())),
        "mpi compute: " + claims + " and " + copy + " hold the same data (");
    // a copy given in another role (as the enrollment) is the same data too
    String[] a = tidy(dir.resolve("out"), claims.toString());
    a[java.util.Arrays.asList(a).indexOf(fixture("enrollment.csv"))] =
        Files.copy(Path.of(fixture("enrollment.csv")), dir.resolve("e.csv")).toString();
    // enrollment.csv as the beneficiaries and its copy as the enrollment: one content twice
    a[java.util.Arrays.asList(a).indexOf(fixture("beneficiaries.csv"))] = fixture("enrollment.csv");
    usage(
        run(a),
        "mpi compute: "
            + fixture("enrollment.csv")
            + " and "
            + dir.resolve("e.csv")
            + " hold the same data");
    // files of equal size and different bytes are both read
    Path one =
        Files.writeString(
            dir.resolve("one.csv"), "claim_id,beneficiary_id,from_date\nC1,A,2008-02-01\n");
    Path two =
        Files.writeString(
            dir.resolve("two.csv"), "claim_id,beneficiary_id,from_date\nC2,A,2008-02-01\n");
    CliTestSupport.Outcome o = run(tidy(dir.resolve("out"), one.toString(), two.toString()));
    assertEquals(0, o.code(), o.err());
  }

  @Test
  void aFileAppendedToItselfIsCountedOnce() throws IOException {
    Path out1 = dir.resolve("once");
    CliTestSupport.Outcome once = run(tidy(out1, fixture("claims.csv")));
    assertEquals(0, once.code(), once.err());
    String text = Files.readString(Path.of(fixture("claims.csv")));
    String body = text.substring(text.indexOf('\n') + 1);
    Path twice = Files.writeString(dir.resolve("claims.csv"), text + body);
    Path out2 = dir.resolve("twice");
    Path rejects = dir.resolve("rejects.csv");
    String[] a = tidy(out2, twice.toString());
    List<String> args = new ArrayList<>(List.of(a));
    args.addAll(List.of("--rejects", rejects.toString()));
    CliTestSupport.Outcome o = run(args.toArray(new String[0]));
    assertEquals(0, o.code(), o.err());
    // the same index: not one effort counted twice
    assertEquals(
        Files.readString(out1.resolve("series.csv")), Files.readString(out2.resolve("series.csv")));
    assertEquals(
        Files.readString(out1.resolve("groups.csv")), Files.readString(out2.resolve("groups.csv")));
    // 12 rows, then the same 12 again (lines 14 to 25): each of the 12 is a counted rejection
    assertTrue(
        o.err()
            .contains(
                "tidy CSV claim line rows: read 24, accepted 12, rejected 12"
                    + " {claim id read before (duplicate claim) (claim_id)=12}"),
        o.err());
    // E's line 12 is listed too (no beneficiary record); its copy in the repeat is a repeat
    List<String> all = Files.readAllLines(rejects);
    List<String> listed = CliTestSupport.withoutTheFixturesOrphan(all);
    assertEquals(all.size() - 1, listed.size(), all.toString());
    assertEquals(13, listed.size(), listed.toString());
    for (int i = 1; i <= 12; i++) {
      String row = body.lines().toList().get(i - 1);
      String claim = row.substring(0, row.indexOf(','));
      assertTrue(listed.get(i).startsWith("claims.csv," + (13 + i) + ",claim_id,"), listed.get(i));
      assertTrue(listed.get(i).contains("claim " + claim + " was read before"), listed.get(i));
    }
  }

  @Test
  void aClaimRepeatedInASecondFileIsCountedOnceOnEveryReadingPath() throws IOException {
    Path out1 = dir.resolve("once");
    assertEquals(0, run(tidy(out1, fixture("claims.csv"))).code());
    String text = Files.readString(Path.of(fixture("claims.csv")));
    String header = text.substring(0, text.indexOf('\n') + 1);
    // claims C2 and C9 again, in another file, under another line end
    List<String> rows = text.lines().toList();
    Path again =
        Files.writeString(
            dir.resolve("again.csv"), header + rows.get(2) + "\r\n" + rows.get(9) + "\r\n");
    // the fast reader, and the row reader (a sensitivity grid reads rows one by one)
    for (String[] extra : List.of(new String[0], new String[] {"--sensitivity"})) {
      Path out2 = dir.resolve("again-out" + extra.length);
      List<String> a =
          new ArrayList<>(List.of(tidy(out2, fixture("claims.csv"), again.toString())));
      a.addAll(List.of(extra));
      CliTestSupport.Outcome o = run(a.toArray(new String[0]));
      assertEquals(0, o.code(), o.err());
      assertTrue(
          o.err()
              .contains(
                  "tidy CSV claim line rows: read 14, accepted 12, rejected 2"
                      + " {claim id read before (duplicate claim) (claim_id)=2}"),
          o.err());
      assertEquals(
          Files.readString(out1.resolve("series.csv")),
          Files.readString(out2.resolve("series.csv")));
    }
  }
}
