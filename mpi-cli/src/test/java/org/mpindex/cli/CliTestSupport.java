package org.mpindex.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Runs the command in-process and reads its CSV outputs. */
final class CliTestSupport {
  private CliTestSupport() {}

  record Outcome(int code, String out, String err) {
    List<String> outLines() {
      return List.of(out.split("\n"));
    }
  }

  static Outcome run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        Main.run(
            args,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Outcome(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /**
   * The rows of a rejects file without those of the e2e fixture's claim line of E, who has no
   * beneficiary record (listed since issue #25, point 10: {@code claims.csv} line 12), after checking
   * that each file named {@code claims.csv} lists it exactly once.
   */
  static List<String> withoutTheFixturesOrphan(List<String> rejects) {
    long orphans =
        rejects.stream()
            .filter(l -> l.startsWith("claims.csv,12,beneficiary_id,no beneficiary record,"))
            .count();
    org.junit.jupiter.api.Assertions.assertTrue(orphans <= 1, rejects.toString());
    List<String> kept = new java.util.ArrayList<>(rejects);
    kept.removeIf(l -> l.contains(",beneficiary_id,no beneficiary record,"));
    return kept;
  }

  /**
   * {@code mpi compute} on the e2e tidy fixture (beneficiaries, enrollment, PPRRVU08, 2008, three
   * eligible quarters, every cell shown) with the claims of {@code claims}, into {@code out}, then
   * {@code extra}.
   */
  static String[] e2eTidy(Path out, Path claims, String... extra) {
    List<String> a =
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
                claims.toString(),
                "--rvu",
                fixture("PPRRVU08.csv"),
                "--study-period",
                "2008-01-01..2008-12-31",
                "--min-eligible",
                "3",
                "--min-cell-size",
                "1",
                "--out",
                out.toString()));
    a.addAll(List.of(extra));
    return a.toArray(new String[0]);
  }

  static String fixture(String name) {
    try {
      return Path.of(CliTestSupport.class.getResource("/e2e/" + name).toURI()).toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** CSV rows keyed by "period,group", each a map from column to value. */
  static Map<String, Map<String, String>> csv(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file);
    String[] header = lines.get(0).split(",", -1);
    Map<String, Map<String, String>> rows = new HashMap<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] cells = line.split(",", -1);
      Map<String, String> row = new HashMap<>();
      for (int i = 0; i < header.length; i++) {
        row.put(header[i], cells[i]);
      }
      rows.put(cells[0] + "," + cells[1], row);
    }
    return rows;
  }
}
