package org.mpindex.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mpindex.cli.CliTestSupport.fixture;
import static org.mpindex.cli.CliTestSupport.run;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mpindex.core.text.Echo;

/**
 * Issue 25 point 6 and 9: what the command echoes from data, file names and arguments cannot drive
 * the user's terminal or spreadsheet, nor flood a message; the report draws the n-tiles asked for;
 * the progress bar is for terminals only; {@code --by national} writes each national row once.
 */
class OutputHygieneTest {
  @TempDir Path dir;

  /**
   * ESC ] (OSC) hyperlink ended by BEL, ESC [ 2 J (clear screen), RLO, FSI, C1 CSI (a CR or NUL in a
   * data row is a line break or a binary file to the readers: they go into the file name and the
   * arguments instead).
   */
  static final String HOSTILE = "\u001b]8;;http://evil.example\u0007x\u001b[2J\u202e\u2068\u009b";

  /** The first character that could drive a terminal or reorder text, or -1 (line feed and tab pass). */
  static int unsafeAt(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != '\n' && c != '\t' && Echo.isEscaped(c)) {
        return i;
      }
    }
    return -1;
  }

  static void assertSafe(String what, String text) {
    int at = unsafeAt(text);
    assertEquals(
        -1,
        at,
        () ->
            what
                + " holds U+"
                + Integer.toHexString(text.charAt(at))
                + " raw near: "
                + text.substring(Math.max(0, at - 40), Math.min(text.length(), at + 40)));
    for (String line : text.lines().toList()) {
      // a message echoes at most 1,000 characters of input, each escaped at most 6 long
      assertTrue(line.length() <= 8_000, what + " has a line of " + line.length() + " characters");
    }
  }

  String[] tidy(Path claims, String... more) {
    return CliTestSupport.e2eTidy(dir.resolve("out"), claims, more);
  }

  @Test
  void controlCharactersAndHugeValuesFromDataFileNamesAndArgumentsAreEscapedAndCut()
      throws IOException {
    // a procedure code and a diagnosis carrying terminal sequences and a 5,000,000-character code
    // (listed as unknown codes), a date carrying them and a 5,000,000-character date (rejected
    // rows), in a claims file whose name starts a spreadsheet formula and holds ESC and CR
    String huge = "9".repeat(5_000_000);
    String claims =
        Files.readString(Path.of(fixture("claims.csv")))
            + "C90,A,2008-02-01,2008-02-01,professional,99213"
            + HOSTILE
            + ",,1,11,icd9,401.9\n"
            + "C91,A,2008-02-01,2008-02-01,professional,99213,,1,11,icd9,401.9"
            + HOSTILE
            + "\n"
            + "C92,A,2008-02-01,2008-02-01,professional,"
            + huge
            + ",,1,11,icd9,401.9\n"
            + "C93,A,2008-02-01"
            + HOSTILE
            + ",2008-02-01,professional,99213,,1,11,icd9,401.9\n"
            + "C94,A,2008-02-01"
            + huge
            + ",2008-02-01,professional,99213,,1,11,icd9,401.9\n";
    Path file = dir.resolve("=HYPERLINK(1)\u001b[31m\r.csv");
    Files.writeString(file, claims, StandardCharsets.UTF_8);
    Path rejects = dir.resolve("rejects.csv");
    // lines of 5 MB are past the default line limit (1 MiB): raised, so that the values are read
    CliTestSupport.Outcome o =
        run(tidy(file, "--rejects", rejects.toString(), "--max-line-length", "16777216"));
    assertEquals(0, o.code(), o.err());
    assertSafe("stdout", o.out());
    assertSafe("stderr", o.err());
    Path out = dir.resolve("out");
    String spec = Files.readString(out.resolve("spec.txt"));
    String report = Files.readString(out.resolve("report.html"));
    assertSafe("spec.txt", spec);
    assertSafe("report.html", report);
    assertSafe("series.csv", Files.readString(out.resolve("series.csv")));
    assertSafe("groups.csv", Files.readString(out.resolve("groups.csv")));
    // the unknown-code listing: escapes to read, and the key "invalid HCPCS " + 5,000,000 nines
    // (5,000,014 characters) cut to its first 200: 4,999,814 cut
    for (String text : List.of(o.err(), spec, report)) {
      assertTrue(text.contains("99213\\u001B]8;;http://evil.example\\u0007x\\u001B[2J"), text);
      assertTrue(text.contains("...(+4999814 chars)"), text);
      assertFalse(text.contains("9".repeat(1_000)), "the 5,000,000-character code is cut");
    }
    String rej = Files.readString(rejects);
    assertSafe("rejects.csv", rej);
    assertTrue(rej.contains("\\u001B]8;;http://evil.example\\u0007x"), rej);
    assertTrue(rej.contains("\\u202E"), rej);
    assertTrue(rej.contains(" chars cut)..."), rej);
    assertFalse(rej.contains("9".repeat(1_000)), "the 5,000,000-character date is cut");
    // every rejected row is one line, its file cell escaped and neutralised
    // (the two bad dates, and the fixture's line 12 of E, who has no beneficiary record)
    List<String> rows = rej.lines().skip(1).toList();
    assertEquals(3, rows.size(), rej);
    for (String row : rows) {
      assertTrue(row.startsWith("'=HYPERLINK(1)\\u001B[31m\\u000D.csv,"), row);
    }
    // the file name in spec.txt's command line: escaped
    assertTrue(spec.contains("=HYPERLINK(1)\\u001B[31m\\u000D.csv"), spec);
  }

  @Test
  void aHostileArgumentIsEscapedAndCutInTheOneLineUsageError() {
    // an unknown command and an option value: ESC and RLO come back escaped, 1,000,000 characters
    // come back as at most 1,000 (the message cut) each at most 6 long
    CliTestSupport.Outcome unknown = run("\u001b]0;owned\u0007" + "\u202e\r\u0000");
    assertEquals(2, unknown.code());
    assertTrue(
        unknown
            .err()
            .startsWith("mpi: unknown command '\\u001B]0;owned\\u0007\\u202E\\u000D\\u0000'"),
        unknown.err());
    CliTestSupport.Outcome format =
        run("compute", "--format", "csv\u001b[2J" + "x".repeat(1_000_000), "--claims", "c.csv");
    assertEquals(2, format.code(), format.err());
    assertEquals(1, format.err().lines().count(), format.err());
    assertSafe("stderr", format.err());
    // (the value is shown lower-cased, as the option compares it)
    assertTrue(format.err().contains("csv\\u001B[2j"), format.err());
    assertTrue(format.err().length() < 2_000, "cut: " + format.err().length());
  }

  @Test
  void rejectsCsvCellsFromFileNamesAreNeutralisedForSpreadsheets() throws IOException {
    // a claims file whose name starts with each formula character, each with one bad date: the
    // file cell and the message cell (which starts with the file name) get a single quote in front
    List<String> names = List.of("=1+1.csv", "+1.csv", "-1.csv", "@SUM(A1).csv");
    List<String> args = new ArrayList<>(List.of(tidy(Path.of(fixture("claims.csv")))));
    int claims = args.indexOf("--claims") + 1;
    for (int i = 0; i < names.size(); i++) {
      Path f = dir.resolve(names.get(i));
      Files.writeString(
          f,
          "claim_id,beneficiary_id,from_date,through_date,claim_type,procedure,modifiers,units,"
              + "place_of_service,code_system,diagnoses\n"
              + "C8"
              + i
              + ",A,2008-13-01,,professional,99213,,1,11,icd9,401.9\n");
      args.add(claims + 1 + i, f.toString());
    }
    args.addAll(List.of("--rejects", dir.resolve("rej.csv").toString()));
    CliTestSupport.Outcome o = run(args.toArray(new String[0]));
    assertEquals(0, o.code(), o.err());
    List<String> lines =
        CliTestSupport.withoutTheFixturesOrphan(Files.readAllLines(dir.resolve("rej.csv")));
    List<String> expected = new ArrayList<>(List.of(Rejects.HEADER));
    for (String name : names) {
      expected.add(
          "'"
              + name
              + ",2,from_date,bad date (from_date),'"
              + name
              + ":2: column from_date: '2008-13-01' is not a date (YYYYMMDD or YYYY-MM-DD)");
    }
    assertEquals(expected, lines);
  }

  @Test
  void textCellsAreNeutralisedButNumbersTheToolWritesStayNumbers() throws IOException {
    assertEquals("'=cmd", Outputs.text("=cmd"));
    assertEquals("'-x", Outputs.text("-x"));
    assertEquals("\"'@a,b\"", Outputs.text("@a,b"));
    assertEquals("WY", Outputs.text("WY"));
    assertEquals("-0.5", Outputs.num(-0.5));
    // a run's negative changes are plain numbers in series.csv, never quoted or prefixed
    CliTestSupport.Outcome o = run(tidy(Path.of(fixture("claims.csv"))));
    assertEquals(0, o.code(), o.err());
    String series = Files.readString(dir.resolve("out").resolve("series.csv"));
    assertFalse(series.contains("'"), series);
    boolean negative = false;
    for (String line : series.lines().skip(1).toList()) {
      for (String cell : line.split(",", -1)) {
        if (cell.startsWith("-")) {
          Double.parseDouble(cell);
          negative = true;
        }
      }
    }
    assertTrue(negative, "the fixture has a falling MPI: " + series);
  }

  @Test
  void theTileMapDrawsNColoursWithALegendOfN() {
    // five tiles: five distinct colours, green first and red last, yellow in the middle; three
    // are the colours the report always had
    String[] five = Report.tileColours(5);
    assertEquals(List.of("#1a9850", "#fee08b", "#d73027"), List.of(Report.tileColours(3)));
    assertEquals("#1a9850", five[0]);
    assertEquals("#fee08b", five[2]);
    assertEquals("#d73027", five[4]);
    // halfway from #1a9850 to #fee08b: (0x1a+0xfe)/2 = 0x8c, (0x98+0xe0)/2 = 0xbc, (0x50+0x8b)/2 =
    // 0x6d.5, half-up 0x6e
    assertEquals("#8cbc6e", five[1]);
    assertEquals(5, java.util.Set.of(five).size());
  }

  @Test
  void aReportWithFiveTilesColoursTilesFourAndFiveApartAndNamesQuintiles() throws IOException {
    CliTestSupport.Outcome o =
        run(
            "demo",
            "--beneficiaries",
            "3000",
            "--tiles",
            "5",
            "--out",
            dir.resolve("demo").toString());
    assertEquals(0, o.code(), o.err());
    String report = Files.readString(dir.resolve("demo").resolve("report.html"));
    String map = report.substring(report.indexOf("<svg id=\"tilemap\""));
    map = map.substring(0, map.indexOf("</div>"));
    assertTrue(map.contains("in quintiles") || report.contains("in quintiles"), "heading");
    // every tile colour used is one of the five, and each of the five is in the legend once
    String legend = map.substring(map.indexOf("<div class=\"legend\">"));
    for (String colour : Report.tileColours(5)) {
      assertEquals(
          1,
          legend.split("background:" + colour, -1).length - 1,
          colour + " once in the legend: " + legend);
    }
    assertFalse(report.contains("tercile"), "no tercile left with --tiles 5");
    // the ranked states fall in tiles 4 and 5 too, and those are drawn in their own colours
    String[] colours = Report.tileColours(5);
    assertTrue(map.contains("fill=\"" + colours[3] + "\""), "tile 4 drawn");
    assertTrue(map.contains("fill=\"" + colours[4] + "\""), "tile 5 drawn");
  }

  @Test
  void noProgressBarOffATerminal() throws InterruptedException {
    // the streams of a test are no terminal: past the two silent seconds nothing is drawn
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    Progress p = new Progress(err, "claims files read", 10);
    Thread.sleep(2_100);
    p.update(5);
    p.done();
    assertEquals("", bytes.toString(StandardCharsets.UTF_8));
    // on a terminal it is drawn (with its carriage return, raw)
    Progress t = new Progress(ConsoleStream.of(err), "claims files read", 10, true);
    Thread.sleep(2_100);
    t.update(5);
    t.done();
    assertTrue(
        bytes.toString(StandardCharsets.UTF_8).startsWith("\r[=========="),
        bytes.toString(StandardCharsets.UTF_8));
  }

  @Test
  void byNationalWritesOneNationalRowPerWindow() throws IOException {
    CliTestSupport.Outcome o = run(tidy(Path.of(fixture("claims.csv")), "--by", "national"));
    assertEquals(0, o.code(), o.err());
    List<String> rows =
        Files.readAllLines(dir.resolve("out").resolve("series.csv")).stream().skip(1).toList();
    // 2008: four quarters, the first without an effort window before it in the study: each
    // window's row once, keyed period,US
    List<String> keys = rows.stream().map(r -> r.substring(0, r.indexOf(",", 7))).toList();
    assertEquals(keys.stream().distinct().toList(), keys, String.join("\n", rows));
    assertTrue(keys.contains("2008Q3,US"), keys.toString());
  }

  @Test
  void aSpecContradictionIsAUsageErrorNotAnInternalOne() {
    // --min-eligible 9 over a 4-quarter study: nobody could qualify; the spec says so, exit 2
    List<String> args = new ArrayList<>(List.of(tidy(Path.of(fixture("claims.csv")))));
    args.set(args.indexOf("--min-eligible") + 1, "9");
    CliTestSupport.Outcome o = run(args.toArray(new String[0]));
    assertEquals(2, o.code(), o.err());
    assertEquals(1, o.err().lines().count(), o.err());
    assertTrue(o.err().startsWith("mpi compute: "), o.err());
    assertTrue(o.err().contains("minimum eligible windows 9"), o.err());
    assertFalse(o.err().contains("internal error"), o.err());
    // a spec built deep in the run (the sensitivity grid's lag 9 over 2008's seven 60-day windows)
    // was an internal error (exit 1); it is the same usage error
    CliTestSupport.Outcome lag =
        run(tidy(Path.of(fixture("claims.csv")), "--sensitivity", "--sensitivity-lags", "9"));
    assertEquals(2, lag.code(), lag.err());
    assertEquals(1, lag.err().lines().count(), lag.err());
    assertTrue(lag.err().startsWith("mpi compute: study period"), lag.err());
    assertTrue(lag.err().contains("too few for lag 9"), lag.err());
  }

  @Test
  void realTimeWithDefaultOptionsStartsWhereTheMinimumEligibleWindowsCanBeMet() throws IOException {
    // default --min-eligible 4 and 90-day windows from 2008-01-01: the first window end with an
    // index is 2008-01-01 + 4 x 90 - 1 days = 2008-12-25 (2008 is a leap year: day 360 of it)
    Path rt = dir.resolve("rt");
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
            fixture("claims.csv"),
            "--rvu",
            fixture("PPRRVU08.csv"),
            fixture("PPRRVU09.csv"),
            "--study-period",
            "2008-01-01..2009-12-31",
            "--out",
            rt.toString(),
            "--realtime-until",
            "2009-12-31",
            "--step",
            "1d");
    assertEquals(0, o.code(), o.err());
    List<String> lines = Files.readAllLines(rt.resolve("realtime.csv"));
    assertTrue(lines.get(1).startsWith("2008-12-25,"), lines.get(1));
    // 2008-12-25 .. 2009-12-31: 7 days of 2008 and 365 of 2009, one row a day
    assertEquals(7 + 365, lines.size() - 1);
    // before it: a usage error naming the first day and why
    CliTestSupport.Outcome early =
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
            "--study-period",
            "2008-01-01..2008-12-31",
            "--out",
            dir.resolve("e").toString(),
            "--realtime-until",
            "2008-09-30");
    assertEquals(2, early.code(), early.err());
    assertTrue(
        early.err().contains("first window end with an index, 2008-12-25")
            && early.err().contains("--min-eligible 4"),
        early.err());
  }
}
