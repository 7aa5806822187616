package org.mpindex.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mpindex.cli.CliTestSupport.fixture;
import static org.mpindex.cli.CliTestSupport.run;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command against hostile but realistic input and faults (issue 10): every failure ends in one
 * line and exit code 2 (bad arguments), 3 (RVU coverage) or 1 (bad data, I/O), never a stack trace
 * or a half-written output; lenient runs go on past bad rows, counting them.
 */
class HostileInputTest {

  @TempDir Path dir;

  Path out() {
    return dir.resolve("out");
  }

  String[] tidy(String... extra) {
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
                "--claims",
                fixture("claims.csv"),
                "--rvu",
                fixture("PPRRVU08.csv"),
                "--study-period",
                "2008-01-01..2008-12-31",
                "--min-eligible",
                "3",
                "--min-cell-size",
                "1", // one-patient cells: suppression off
                "--out",
                out().toString())); // last: tests replace it
    a.addAll(List.of(extra));
    return a.toArray(new String[0]);
  }

  /** The tidy run with the claims file replaced by {@code claims}. */
  String[] tidyWithClaims(Path claims, String... extra) {
    String[] a = tidy(extra);
    for (int i = 0; i < a.length; i++) {
      if (a[i].equals(fixture("claims.csv"))) {
        a[i] = claims.toString();
      }
    }
    return a;
  }

  static void oneLine(CliTestSupport.Outcome o, int code, String startsWith) {
    assertEquals(code, o.code(), o.err());
    assertTrue(o.err().startsWith(startsWith), o.err());
    assertEquals(1, o.err().lines().count(), "one line: " + o.err());
    assertFalse(o.err().contains("\tat "), "no stack trace");
  }

  Path write(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, text, StandardCharsets.UTF_8);
    return p;
  }

  static String claimsFixture() throws IOException {
    return Files.readString(Path.of(fixture("claims.csv")));
  }

  // ------------------------------------------------------------------ atomic outputs

  @Test
  void aFailedRunLeavesThePreviousOutputsAsTheyWereAndNothingHalfWritten() throws IOException {
    assertEquals(0, run(tidy()).code());
    String series = Files.readString(out().resolve("series.csv"));
    // a strict run that fails on a bad row: nothing of it is written, the old outputs stay
    Path bad =
        write(
            "claims.csv",
            claimsFixture() + "C99,A,2008-13-01,,professional,99213,,1,11,icd9,401.9\n");
    CliTestSupport.Outcome o = run(tidyWithClaims(bad, "--strict"));
    oneLine(o, 1, "mpi compute: claims.csv:14: column from_date: '2008-13-01' is not a date");
    assertEquals(series, Files.readString(out().resolve("series.csv")));
    try (Stream<Path> s = Files.list(dir)) {
      assertEquals(
          List.of(),
          s.filter(p -> p.getFileName().toString().startsWith(".out.")).toList(),
          "no temporary directory left behind");
    }
  }

  @Test
  void theOutputDirectoryIsCheckedBeforeComputing() throws IOException {
    Path file = write("plain-file", "x");
    String[] args = tidy();
    args[args.length - 1] = file.toString();
    oneLine(run(args), 2, "mpi compute: --out " + file + " is a file, not a directory");
    Files.createDirectories(out());
    Files.writeString(out().resolve("thesis.docx"), "precious");
    oneLine(
        run(tidy()),
        2,
        "mpi compute: --out " + out() + " holds thesis.docx, which a run does not write");
    args[args.length - 1] = dir.resolve("no/such/parent").toString();
    oneLine(
        run(args),
        2,
        "mpi compute: --out " + dir.resolve("no/such/parent") + ": its parent directory");
  }

  @Test
  void outputDirectoryCommitAndAbort() throws IOException {
    Path target = dir.resolve("results");
    OutputDir first = OutputDir.check(target);
    Files.writeString(first.begin().resolve("series.csv"), "old");
    first.commit();
    OutputDir second = OutputDir.check(target);
    Files.writeString(second.begin().resolve("series.csv"), "half-writ");
    second.abort(); // a full disk, an exception, a signal
    assertEquals("old", Files.readString(target.resolve("series.csv")));
    try (Stream<Path> s = Files.list(dir)) {
      assertEquals(List.of(target), s.toList());
    }
  }

  @Test
  void killedWhileWritingLeavesEitherTheOldOrTheNewOutputsWhole() throws Exception {
    Path target = dir.resolve("demo");
    assertEquals(0, run("demo", "--beneficiaries", "300", "--out", target.toString()).code());
    String before = Files.readString(target.resolve("series.csv"));
    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName(),
                "demo",
                "--beneficiaries",
                "20000",
                "--seed",
                "9",
                "--out",
                target.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("log").toFile())
            .start();
    Path temp = dir.resolve(".demo.tmp-" + p.pid());
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (!Files.exists(temp) && p.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(1);
    }
    p.destroy(); // SIGTERM
    p.waitFor();
    String after = Files.readString(target.resolve("series.csv"));
    assertTrue(
        after.equals(before)
            || (after.endsWith("\n") && after.lines().count() == before.lines().count()),
        "whole old or whole new outputs");
    assertFalse(Files.exists(temp), "the temporary directory is removed on SIGTERM");
  }

  // ------------------------------------------------------------------ lenient means lenient

  @Test
  void undecodableBytesRejectTheirRowOnly() throws IOException {
    byte[] head = claimsFixture().getBytes(StandardCharsets.UTF_8);
    byte[] latin1 =
        "C99,A,2008-05-01,,professional,99213,,1,11,icd9,401.9 caf\u00e9\n"
            .getBytes(StandardCharsets.ISO_8859_1);
    Path bad = dir.resolve("claims.csv");
    Files.write(bad, concat(head, latin1));
    CliTestSupport.Outcome lenient = run(tidyWithClaims(bad));
    assertEquals(0, lenient.code(), lenient.err());
    assertTrue(
        lenient
            .err()
            .contains(
                "tidy CSV claim line rows: read 13, accepted 12, rejected 1 {undecodable bytes=1}"),
        lenient.err());
    CliTestSupport.Outcome strict = run(tidyWithClaims(bad, "--strict"));
    oneLine(
        strict,
        1,
        "mpi compute: claims.csv:14: byte 0xE9 at byte 58 of the line is not UTF-8: is the file in"
            + " another encoding");
  }

  @Test
  void gzipAndUtf16InputsAreSimplyRead() throws IOException {
    assertEquals(0, run(tidy()).code());
    String expected = Files.readString(out().resolve("series.csv"));
    Path gz = dir.resolve("claims.csv.gz");
    try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(gz))) {
      o.write(claimsFixture().getBytes(StandardCharsets.UTF_8));
    }
    CliTestSupport.Outcome fromGzip = run(tidyWithClaims(gz));
    assertEquals(0, fromGzip.code(), fromGzip.err());
    assertEquals(expected, Files.readString(out().resolve("series.csv")));
    Path utf16 = dir.resolve("claims16.csv");
    Files.write(utf16, claimsFixture().getBytes(StandardCharsets.UTF_16)); // with a byte order mark
    assertEquals(0, run(tidyWithClaims(utf16)).code());
    assertEquals(expected, Files.readString(out().resolve("series.csv")));
  }

  static byte[] concat(byte[] a, byte[] b) {
    byte[] c = new byte[a.length + b.length];
    System.arraycopy(a, 0, c, 0, a.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }

  // ------------------------------------------------------------------ no stack traces

  @Test
  void everyUserReachableFailureIsOneLine() throws IOException {
    Path fees = dir.resolve("fees.csv");
    Files.copy(Path.of(fixture("PPRRVU08.csv")), fees);
    oneLine(
        run(rvu(fees)), 2, "mpi rvu: --rvu " + fees + ": cannot tell the release from 'fees.csv'");
    Path duplicate =
        write(
            "PPRRVU08.csv",
            Files.readString(Path.of(fixture("PPRRVU08.csv")))
                + "99213,,,A,,0.99,0.80,0.40,0.05,0\n");
    oneLine(run(rvu(duplicate)), 1, "mpi rvu: PPRRVU08.csv:");
    Path copy = dir.resolve("RVU08A_PPRRVU08.csv");
    Files.copy(Path.of(fixture("PPRRVU08.csv")), copy);
    oneLine(
        run(
            "rvu",
            "--rvu",
            fixture("PPRRVU08.csv"),
            copy.toString(),
            "--date",
            "2008-05-01",
            "99213"),
        2,
        "mpi rvu: --rvu PPRRVU08.csv and RVU08A_PPRRVU08.csv are both release");
    Path huge =
        write("PPRRVU07.csv", "HCPCS,MOD,DESCRIPTION,STATUS CODE,WORK RVU\n99213,,,A,1E+30\n");
    oneLine(run(rvu(huge)), 1, "mpi rvu: PPRRVU07.csv:2: column WORK RVU: '1E+30' is above 100000");
    oneLine(
        run(
            "compute",
            "--format",
            "desynpuf",
            "--beneficiaries",
            fixture("beneficiaries.csv"),
            "--claims",
            fixture("DE1_0_2008_to_2010_Carrier_Claims_Sample_1A.csv"),
            "--out",
            out().toString()),
        2,
        "mpi compute: --beneficiaries: cannot tell the year");
    // a tidy claims file given as DE-SynPUF claims: told by its header before anything is read
    oneLine(
        run(
            "compute",
            "--format",
            "desynpuf",
            "--beneficiaries",
            fixture("DE1_0_2008_Beneficiary_Summary_File_Sample_1.csv"),
            "--claims",
            fixture("claims.csv"),
            "--out",
            out().toString()),
        2,
        "mpi compute: "
            + fixture("claims.csv")
            + " is none of the desynpuf claims tables (carrier claims, inpatient claims,"
            + " outpatient claims)");
    Path summary = dir.resolve("DE1_0_2008_Beneficiary_Summary_File_Sample_1.csv");
    Files.copy(Path.of(fixture("beneficiaries.csv")), summary);
    oneLine(
        run(
            "compute",
            "--format",
            "desynpuf",
            "--beneficiaries",
            summary.toString(),
            "--claims",
            fixture("DE1_0_2008_to_2010_Carrier_Claims_Sample_1A.csv"),
            "--rvu",
            fixture("PPRRVU08.csv"),
            "--out",
            out().toString()),
        1,
        "mpi compute: DE1_0_2008_Beneficiary_Summary_File_Sample_1.csv:1: no column DESYNPUF_ID in header");
    Path quote = write("claims.csv", "claim_id,\"beneficiary_id,from_date\n");
    oneLine(
        run(tidyWithClaims(quote)),
        1,
        "mpi compute: claims.csv:1: malformed header: unclosed quote");
    oneLine(
        run(tidy("--study-period", "2009-01-01..2008-01-01").clone()),
        2,
        "mpi compute: --study-period given twice");
    String[] reversed = tidy();
    reversed[java.util.Arrays.asList(reversed).indexOf("2008-01-01..2008-12-31")] =
        "2009-01-01..2008-01-01";
    oneLine(
        run(reversed),
        2,
        "mpi compute: --study-period: study period ends (2008-01-01) before it starts");
    for (String eps : List.of("-1", "NaN", "Infinity", "0")) {
      oneLine(
          run(tidy("--zero-effort", "floor:" + eps)),
          2,
          "mpi compute: --zero-effort floor:EPS needs a finite EPS");
    }
  }

  String[] rvu(Path file) {
    return new String[] {"rvu", "--rvu", file.toString(), "--date", "2008-05-01", "99213"};
  }

  @Test
  void tooSmallAHeapSaysHowToGiveMore() throws Exception {
    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx24m",
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName(),
                "demo",
                "--beneficiaries",
                "200000",
                "--out",
                dir.resolve("big").toString())
            .redirectOutput(dir.resolve("o").toFile())
            .redirectError(dir.resolve("e").toFile())
            .start();
    assertEquals(1, p.waitFor());
    String err = Files.readString(dir.resolve("e"));
    assertTrue(err.contains("mpi demo: out of memory") && err.contains("MPI_JAVA_OPTS"), err);
    assertFalse(err.contains("\tat "), err);
  }

  // ------------------------------------------------------------------ arithmetic, duplicates

  @Test
  void effortThatWouldOverflowIsRejectedByReasonNeverWrapped() throws IOException {
    // 99213 at 100,000 work RVUs (the largest value read) x 1,000,000 units = 1e17 micro-RVUs a
    // line; A's 100 such lines in 2008Q1 pass Long.MAX_VALUE (9.2e18) at the 93rd: lines 93-100
    // have their effort rejected, and A keeps a positive effort of 92e17 micro-RVUs.
    Path rvu =
        write("PPRRVU08.csv", "HCPCS,MOD,DESCRIPTION,STATUS CODE,WORK RVU\n99213,,,A,100000\n");
    StringBuilder c =
        new StringBuilder("claim_id,beneficiary_id,from_date,procedure,units,diagnoses\n");
    for (int i = 0; i < 100; i++) {
      c.append("X").append(i).append(",A,2008-02-01,99213,1000000,401.9\n");
    }
    c.append("Y,A,2008-05-01,99213,1,401.9\n");
    Path claims = write("claims.csv", c.toString());
    String[] args = tidyWithClaims(claims);
    args[java.util.Arrays.asList(args).indexOf(fixture("PPRRVU08.csv"))] = rvu.toString();
    CliTestSupport.Outcome o = run(args);
    assertEquals(0, o.code(), o.err());
    assertTrue(
        o.err()
            .contains(
                "claim line efforts: read 101, accepted 93, rejected 8 {effort sum overflows=8}"),
        o.err());
    // A's 2008Q2: H = 1 (401.9, hypunc), M = 92e17 micro = 9.2e12 RVUs
    assertEquals(
        9.2e12,
        Double.parseDouble(
            CliTestSupport.csv(out().resolve("series.csv")).get("2008Q2,US").get("mean_effort")),
        0);
  }

  @Test
  void theSameFileTwiceIsRefusedAndExactDuplicateRowsCountOnce() throws IOException {
    String[] twice = tidy("--claims", fixture("claims.csv"));
    oneLine(run(twice), 2, "mpi compute: the file ");
    // an exact repeat of a claim's row is read once: C1 twice gives the same series as once
    assertEquals(0, run(tidy()).code());
    String expected = Files.readString(out().resolve("series.csv"));
    String text = claimsFixture();
    String c1 = text.lines().filter(l -> l.startsWith("C1,")).findFirst().orElseThrow();
    Path dup = write("claims.csv", text.replace(c1 + "\n", c1 + "\n" + c1 + "\n"));
    CliTestSupport.Outcome o = run(tidyWithClaims(dup));
    assertEquals(expected, Files.readString(out().resolve("series.csv")));
    assertTrue(
        o.err().contains("rejected 1 {" + org.mpindex.core.text.CsvTable.DUPLICATE_ROW + "=1}"),
        o.err());
  }

  // ------------------------------------------------------------------ options that do not apply

  @Test
  void optionsThatDoNotApplyAreRefused() throws IOException {
    Path map = write("adg.csv", "code_system,code,adg\nicd9,4019,1\n");
    oneLine(
        run(tidy("--adg-map", map.toString())), 2, "mpi compute: --adg-map is for --health adg");
    oneLine(
        run(tidy("--acg-output", map.toString())),
        2,
        "mpi compute: --acg-output is for --health adg");
    oneLine(
        run(
            "rvu",
            "--rvu",
            fixture("PPRRVU08.csv"),
            "--date",
            "2008-05-01",
            "99213",
            "--units",
            "2",
            "--no-units"),
        2,
        "mpi rvu: --units and --no-units contradict each other");
    oneLine(
        run(tidy("--window-anchor", "2008-01-01")),
        2,
        "mpi compute: --window-anchor is for month or day windows");
    oneLine(run(tidy("--program", ",")), 2, "mpi compute: --program needs");
    oneLine(
        run(
            "burden",
            "--code-system",
            "icd9",
            "--zero-burden",
            "one-plus-b",
            "--health-function",
            "1/(1+b)",
            "4019"),
        2,
        "mpi burden: zero burden ONE_PLUS_B contradicts");
  }

  // ------------------------------------------------------------------ accounting, paths, bounds

  @Test
  void rejectsAreListedWithFileAndLine() throws IOException {
    Path bad =
        write(
            "claims.csv",
            claimsFixture() + "C99,A,2008-13-01,,professional,99213,,1,11,icd9,401.9\n");
    Path rejects = dir.resolve("rejects.csv");
    CliTestSupport.Outcome o = run(tidyWithClaims(bad, "--rejects", rejects.toString()));
    assertEquals(0, o.code(), o.err());
    List<String> lines = Files.readAllLines(rejects);
    assertEquals(
        List.of(
            Rejects.HEADER,
            // E has no beneficiary record: counted at assembly, listed since issue 25
            "claims.csv,12,beneficiary_id,no beneficiary record,\"claims.csv:12: column"
                + " beneficiary_id: no beneficiary record for 'E': read, and counted as rejected (no"
                + " beneficiary record) when the index is assembled\"",
            "claims.csv,14,from_date,bad date (from_date),"
                + "claims.csv:14: column from_date: '2008-13-01' is not a date (YYYYMMDD or YYYY-MM-DD)"),
        lines);
    // the RVU file's own accounting is part of the run's
    assertTrue(o.err().contains("RVU file rows: read"), o.err());
  }

  @Test
  void pathMessagesSayWhatIsWrong() throws IOException {
    oneLine(
        run(tidyWithClaims(dir)),
        2,
        "mpi compute: --claims: " + dir + " is a directory, not a file");
    Path fifo = dir.resolve("fifo");
    if (mkfifo(fifo)) {
      oneLine(
          run(tidyWithClaims(fifo)),
          2,
          "mpi compute: --claims: " + fifo + " is not a regular file (a FIFO");
    }
  }

  static boolean mkfifo(Path p) {
    try {
      return new ProcessBuilder("mkfifo", p.toString()).start().waitFor() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  @Test
  void aStudyOfTooManyWindowsIsRefusedAtOnce() {
    // 2000-01-01 to 9999-12-31: 2,921,940 days
    String[] far = tidy("--window", "1d", "--allow-missing-rvu");
    far[java.util.Arrays.asList(far).indexOf("2008-01-01..2008-12-31")] = "2000-01-01..9999-12-31";
    oneLine(
        run(far),
        2,
        "mpi compute: the study period 2000-01-01 .. 9999-12-31 holds 2921940 windows");
    // the same from the enrollment span, with no --study-period: checked once the enrollment is
    // read
    Path enrollment = dir.resolve("enrollment.csv");
    try {
      Files.writeString(
          enrollment,
          "beneficiary_id,start_date,end_date,program\nA,2000-01-01,9999-12-31,MEDICARE_FFS\n");
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    List<String> open = new ArrayList<>(List.of(tidy("--window", "1d", "--allow-missing-rvu")));
    int at = open.indexOf("--study-period");
    open.remove(at);
    open.remove(at);
    open.set(open.indexOf(fixture("enrollment.csv")), enrollment.toString());
    oneLine(
        run(open.toArray(new String[0])),
        2,
        "mpi compute: the study period 2000-01-01 .. 9999-12-31 holds");
  }

  // ------------------------------------------------------------------ standard output

  @Test
  void aClosedStandardOutputIsAnError() {
    PrintStream closed =
        new PrintStream(
            new OutputStream() {
              @Override
              public void write(int b) throws IOException {
                throw new IOException("Broken pipe");
              }
            },
            true,
            StandardCharsets.UTF_8);
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    for (String[] args :
        List.of(
            rvu(Path.of(fixture("PPRRVU08.csv"))),
            new String[] {"burden", "--code-system", "icd9", "4019"},
            tidy())) {
      err.reset();
      int code = Main.run(args, closed, new PrintStream(err, true, StandardCharsets.UTF_8));
      assertEquals(1, code, args[0]);
      assertTrue(
          err.toString(StandardCharsets.UTF_8).contains("cannot write to standard output"),
          args[0]);
    }
  }

  @Test
  void rvuEndsWithTheValueOnEveryPath() {
    for (String code : List.of("99999", "00142", "99396", "G0008", "71020-TC", "27447-54")) {
      CliTestSupport.Outcome o =
          run("rvu", "--rvu", fixture("PPRRVU08.csv"), "--date", "2008-05-01", code);
      assertEquals(0, o.code(), o.err());
      List<String> lines = o.outLines();
      assertTrue(lines.get(lines.size() - 1).startsWith("work_rvu="), code + ": " + o.out());
    }
  }
}
