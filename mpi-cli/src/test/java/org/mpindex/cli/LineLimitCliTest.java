package org.mpindex.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mpindex.core.text.LineReader;

/** {@code --max-line-length}: a longer line of any input is one rejected row, or a strict error. */
class LineLimitCliTest {
  @TempDir Path dir;

  @AfterEach
  void restoreTheDefault() {
    LineReader.setDefaultMaxLineBytes(LineReader.DEFAULT_MAX_LINE_BYTES);
  }

  private String[] compute(Path claims, String... extra) {
    List<String> a =
        new java.util.ArrayList<>(
            List.of(
                "compute",
                "--format",
                "csv",
                "--beneficiaries",
                CliTestSupport.fixture("beneficiaries.csv"),
                "--enrollment",
                CliTestSupport.fixture("enrollment.csv"),
                "--claims",
                claims.toString(),
                "--rvu",
                CliTestSupport.fixture("PPRRVU08.csv"),
                "--study-period",
                "2008-01-01..2008-12-31",
                "--min-eligible",
                "3",
                "--out",
                dir.resolve("out").toString()));
    a.addAll(List.of(extra));
    return a.toArray(new String[0]);
  }

  /**
   * The fixture's 13 lines (header and 12 rows) and a 14th row of 2,000 bytes (a diagnosis list
   * of 400 codes): under {@code --max-line-length 1000} it is rejected as {@code line too long}
   * at line 14 (listed in the rejects file); strict, the run stops with one line naming the file
   * and line 14; under the default 1 MiB it is read (nothing rejected).
   */
  @Test
  void aLineOverTheLimitIsOneRejectedRow() throws IOException {
    String fixture = Files.readString(Path.of(CliTestSupport.fixture("claims.csv")));
    assertEquals(13, fixture.lines().count());
    String row = "C99,A,2008-05-01,,professional,99213,,1,11,icd9,";
    String longRow = row + "401.9 ".repeat((2000 - row.length()) / 6);
    Path claims = dir.resolve("claims.csv");
    Files.writeString(claims, fixture + longRow + "\n");
    Path rejects = dir.resolve("rejects.csv");
    CliTestSupport.Outcome o =
        CliTestSupport.run(
            compute(claims, "--max-line-length", "1000", "--rejects", rejects.toString()));
    assertEquals(0, o.code(), o.err());
    List<String> listed = CliTestSupport.withoutTheFixturesOrphan(Files.readAllLines(rejects));
    assertEquals(2, listed.size(), listed.toString());
    assertTrue(listed.get(1).startsWith("claims.csv,14,,line too long,"), listed.toString());
    assertTrue(listed.get(1).contains("longer than 1,000 bytes"), listed.toString());
    CliTestSupport.Outcome strict =
        CliTestSupport.run(compute(claims, "--max-line-length", "1000", "--strict"));
    assertEquals(1, strict.code(), strict.err());
    assertTrue(
        strict.err().startsWith("mpi compute: claims.csv:14: the line is longer than 1,000 bytes"),
        strict.err());
    assertEquals(1, strict.err().strip().lines().count(), strict.err());
    CliTestSupport.Outcome fits =
        CliTestSupport.run(compute(claims, "--rejects", dir.resolve("fits.csv").toString()));
    assertEquals(0, fits.code(), fits.err());
    // the header only, and E's line 12 (no beneficiary record, issue #25 point 10)
    assertEquals(
        1,
        CliTestSupport.withoutTheFixturesOrphan(Files.readAllLines(dir.resolve("fits.csv")))
            .size());
  }

  @Test
  void theLimitIsCheckedAsAnOption() {
    Path claims = Path.of(CliTestSupport.fixture("claims.csv"));
    CliTestSupport.Outcome zero = CliTestSupport.run(compute(claims, "--max-line-length", "0"));
    assertEquals(2, zero.code(), zero.err());
    assertTrue(zero.err().startsWith("mpi compute: --max-line-length must be at least 1"));
    CliTestSupport.Outcome huge =
        CliTestSupport.run(compute(claims, "--max-line-length", "2000000000"));
    assertEquals(2, huge.code(), huge.err());
    assertTrue(
        huge.err().startsWith("mpi compute: --max-line-length must be at most 1073741824"),
        huge.err());
  }
}
