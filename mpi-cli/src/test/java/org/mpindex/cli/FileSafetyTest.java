package org.mpindex.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mpindex.cli.CliTestSupport.fixture;
import static org.mpindex.cli.CliTestSupport.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command never overwrites or deletes what it did not write (issue 25, point 2): {@code
 * --rejects} and {@code --out} replace only what a run wrote, {@code --out} is never the root, the
 * working directory or a link, and leftovers of killed runs are cleaned by the next run.
 */
class FileSafetyTest {
  @TempDir Path dir;

  Path out() {
    return dir.resolve("out");
  }

  /** The tidy fixture run into {@code out}, claims from {@code claims}, with {@code extra}. */
  String[] tidy(Path out, Path claims, String... extra) {
    return CliTestSupport.e2eTidy(out, claims, extra);
  }

  Path claims() throws IOException {
    Path c = dir.resolve("claims.csv");
    if (!Files.exists(c)) {
      Files.copy(Path.of(fixture("claims.csv")), c);
    }
    return c;
  }

  /** Claims with one bad date: a lenient run lists one rejected row. */
  Path badClaims() throws IOException {
    return Files.writeString(
        dir.resolve("bad.csv"),
        Files.readString(Path.of(fixture("claims.csv")))
            + "C99,A,2008-13-01,,professional,99213,,1,11,icd9,401.9\n");
  }

  static void usage(CliTestSupport.Outcome o, String startsWith) {
    assertEquals(2, o.code(), o.err());
    assertTrue(o.err().startsWith(startsWith), o.err());
    assertEquals(1, o.err().lines().count(), "one line: " + o.err());
  }

  /** The id of a process that has ended. */
  static long deadPid() throws IOException, InterruptedException {
    Process p = new ProcessBuilder("true").start();
    p.waitFor();
    return p.pid();
  }

  // ------------------------------------------------------------------ --rejects

  @Test
  void rejectsNeverReplacesAnInput() throws IOException {
    // today: the claims file is replaced by the rejects header, exit 0
    Path claims = claims();
    String before = Files.readString(claims);
    usage(
        run(tidy(out(), claims, "--rejects", claims.toString())),
        "mpi compute: --rejects " + claims + " is an input of the run");
    assertEquals(before, Files.readString(claims));
    // not even with --force
    usage(
        run(tidy(out(), claims, "--rejects", claims.toString(), "--force")),
        "mpi compute: --rejects " + claims + " is an input of the run");
    assertEquals(before, Files.readString(claims));
    // nor under another name (a hard link)
    Path link = Files.createLink(dir.resolve("link.csv"), claims);
    usage(
        run(tidy(out(), claims, "--rejects", link.toString(), "--force")),
        "mpi compute: --rejects " + link + " is an input of the run");
    assertEquals(before, Files.readString(claims));
  }

  @Test
  void rejectsNeverReplacesADeviceOrAFifoOrALink() throws IOException {
    // a FIFO stands for /dev/null here (today both are replaced by a regular file): a test must not
    // risk the machine's /dev/null
    Path fifo = dir.resolve("fifo");
    if (HostileInputTest.mkfifo(fifo)) {
      usage(
          run(tidy(out(), claims(), "--rejects", fifo.toString(), "--force")),
          "mpi compute: --rejects " + fifo + " is not a regular file");
      assertFalse(Files.isRegularFile(fifo, LinkOption.NOFOLLOW_LINKS));
      assertTrue(Files.exists(fifo, LinkOption.NOFOLLOW_LINKS));
    }
    // a symbolic link: neither the link nor what it points to is replaced
    Path target = Files.writeString(dir.resolve("notes.txt"), "my notes\n");
    Path link = Files.createSymbolicLink(dir.resolve("rejects.csv"), target);
    usage(
        run(tidy(out(), claims(), "--rejects", link.toString(), "--force")),
        "mpi compute: --rejects " + link + " is a symbolic link");
    assertTrue(Files.isSymbolicLink(link));
    assertEquals("my notes\n", Files.readString(target));
  }

  @Test
  void rejectsReplacesOnlyWhatARunWroteUnlessForced() throws IOException {
    Path rejects = Files.writeString(dir.resolve("rejects.csv"), "my own table\n1,2,3\n");
    // today: replaced, exit 0
    usage(
        run(tidy(out(), badClaims(), "--rejects", rejects.toString())),
        "mpi compute: --rejects " + rejects + " exists and no run wrote it");
    assertEquals("my own table\n1,2,3\n", Files.readString(rejects));
    // --force replaces it
    CliTestSupport.Outcome forced =
        run(tidy(out(), badClaims(), "--rejects", rejects.toString(), "--force"));
    assertEquals(0, forced.code(), forced.err());
    List<String> lines = Files.readAllLines(rejects);
    assertEquals(Rejects.HEADER, lines.get(0));
    assertTrue(lines.stream().anyMatch(l -> l.startsWith("bad.csv,14,")), lines.toString());
    // a file a run wrote is replaced without --force
    CliTestSupport.Outcome again = run(tidy(out(), claims(), "--rejects", rejects.toString()));
    assertEquals(0, again.code(), again.err());
    lines = Files.readAllLines(rejects);
    assertEquals(Rejects.HEADER, lines.get(0));
    assertFalse(lines.stream().anyMatch(l -> l.startsWith("bad.csv,")), lines.toString());
  }

  @Test
  void leftoversOfKilledRunsAreCleanedByTheNextRun() throws Exception {
    long dead = deadPid();
    long alive = ProcessHandle.current().parent().orElseThrow().pid();
    Path rejects = dir.resolve("rej.csv");
    Path staleRejects =
        Files.writeString(dir.resolve(".rej.csv.tmp-" + dead), Rejects.HEADER + "\nx\n");
    Path liveRejects =
        Files.writeString(dir.resolve(".rej.csv.tmp-" + alive), Rejects.HEADER + "\nx\n");
    Path notOurs =
        Files.writeString(dir.resolve(".rej.csv.tmp-" + (dead + 1)), "not a rejects file");
    Path staleOut = Files.createDirectory(dir.resolve(".out.tmp-" + dead));
    Files.writeString(staleOut.resolve(OutputDir.MARKER), "# mpi output directory being written\n");
    Files.writeString(staleOut.resolve("series.csv"), "half");
    Path foreign = Files.createDirectory(dir.resolve(".out.tmp-" + (dead + 2)));
    Files.writeString(foreign.resolve("thesis.docx"), "precious");
    CliTestSupport.Outcome o = run(tidy(out(), claims(), "--rejects", rejects.toString()));
    assertEquals(0, o.code(), o.err());
    assertFalse(Files.exists(staleRejects), "a killed run's rejects file is deleted");
    assertFalse(Files.exists(staleOut), "a killed run's output directory is deleted");
    assertTrue(Files.exists(liveRejects), "a running process's file stays");
    assertTrue(Files.exists(notOurs), "a file that is not a run's stays");
    assertTrue(Files.exists(foreign.resolve("thesis.docx")), "a directory without a record stays");
  }

  // ------------------------------------------------------------------ --out

  @Test
  void aFolderNamedLikeAnOutputIsNeverDeleted() throws IOException {
    // today: --out holding only names a run writes is replaced whole, a folder named series.csv
    // with it
    Path folder = Files.createDirectories(out().resolve("series.csv"));
    Files.writeString(folder.resolve("thesis.docx"), "precious");
    usage(
        run(tidy(out(), claims())),
        "mpi compute: --out " + out() + " holds series.csv, which a run does not write");
    assertEquals("precious", Files.readString(folder.resolve("thesis.docx")));
    // the same folder in a directory a run wrote
    Path runOut = dir.resolve("run");
    assertEquals(0, run(tidy(runOut, claims())).code());
    Files.delete(runOut.resolve("report.html"));
    Files.createDirectory(runOut.resolve("report.html"));
    Files.writeString(runOut.resolve("report.html").resolve("draft.txt"), "mine");
    usage(
        run(tidy(runOut, claims())),
        "mpi compute: --out " + runOut + " holds report.html, which is not the file a run wrote");
    assertEquals("mine", Files.readString(runOut.resolve("report.html").resolve("draft.txt")));
  }

  @Test
  void anInputNamedLikeAnOutputIsNeverDeleted() throws IOException {
    Files.createDirectories(out());
    Path input = Files.copy(Path.of(fixture("claims.csv")), out().resolve("series.csv"));
    String before = Files.readString(input);
    usage(
        run(tidy(out(), input)),
        "mpi compute: --out " + out() + " holds series.csv, which a run does not write");
    assertEquals(before, Files.readString(input));
  }

  @Test
  void anOutputChangedByTheUserIsNotReplaced() throws IOException {
    assertEquals(0, run(tidy(out(), claims())).code());
    assertEquals(
        Set.of("series.csv", "groups.csv", "report.html", "spec.txt"), OutputDir.recorded(out()));
    Files.writeString(out().resolve("groups.csv"), "my edits\n");
    usage(
        run(tidy(out(), claims())),
        "mpi compute: --out " + out() + " holds groups.csv, changed since the run that wrote it");
    assertEquals("my edits\n", Files.readString(out().resolve("groups.csv")));
    // an unchanged earlier run's directory is replaced
    Files.delete(out().resolve("groups.csv"));
    CliTestSupport.Outcome o = run(tidy(out(), claims()));
    assertEquals(0, o.code(), o.err());
    assertTrue(Files.exists(out().resolve("groups.csv")));
  }

  @Test
  void theRootTheWorkingDirectoryAndALinkAreNotAnOutputDirectory() throws Exception {
    // today: a NullPointerException
    usage(run(tidy(Path.of("/"), claims())), "mpi compute: --out / is the root of the file system");
    usage(run(tidy(Path.of("."), claims())), "mpi compute: --out . is the working directory");
    usage(run(tidy(Path.of(".."), claims())), "mpi compute: --out .. is the working directory");
    // a symbolic link to a directory a run wrote: today the link is replaced by a directory
    Path real = dir.resolve("real");
    assertEquals(0, run(tidy(real, claims())).code());
    Path link = Files.createSymbolicLink(dir.resolve("link"), real);
    usage(run(tidy(link, claims())), "mpi compute: --out " + link + " is a symbolic link");
    assertTrue(Files.isSymbolicLink(link));
    // --out . from a working directory an earlier run wrote: today that directory is replaced
    List<String> cmd =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName()));
    cmd.addAll(List.of(tidy(Path.of("."), claims())));
    Path log = dir.resolve("log");
    Process p =
        new ProcessBuilder(cmd)
            .directory(real.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    assertEquals(2, p.waitFor(), Files.readString(log));
    assertTrue(Files.readString(log).contains("is the working directory"), Files.readString(log));
  }

  @Test
  void aRunKilledBetweenItsTwoRenamesLeavesTheOutputsToTheNextRun() throws Exception {
    assertEquals(0, run(tidy(out(), claims())).code());
    String series = Files.readString(out().resolve("series.csv"));
    // what SIGKILL between the two renames leaves: --out moved aside, the new outputs beside it
    long dead = deadPid();
    Files.move(out(), dir.resolve(".out.old-" + dead));
    Path half = Files.createDirectory(dir.resolve(".out.tmp-" + dead));
    Files.writeString(half.resolve(OutputDir.MARKER), "# mpi output directory being written\n");
    // the next run, even one that fails, puts the earlier outputs back first
    CliTestSupport.Outcome o = run(tidy(out(), badClaims(), "--strict"));
    assertEquals(1, o.code(), o.err());
    assertEquals(series, Files.readString(out().resolve("series.csv")));
    try (Stream<Path> s = Files.list(dir)) {
      assertEquals(
          List.of(),
          s.filter(f -> f.getFileName().toString().startsWith(".out.")).toList(),
          "no leftover");
    }
  }
}
