package org.mpindex.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --by zip} over 100,000 ZIP codes runs in a 1 GiB heap: 100,000 beneficiaries, each in a
 * ZIP code of its own, enrolled 2007-2009 with a claim in every quarter (1,200,000 claim lines), so
 * that the run holds up to 1,200,000 group cells (100,000 ZIP codes x 12 quarters). At 2,832 bytes
 * a one-patient cell (three exact sums of 800 bytes of digits and window each; see {@code
 * CellMemoryTest}) the cells alone needed 3.4 GB (the code of 962db89 ran out of memory here after
 * 247 s); at 456 bytes they need 550 MB.
 *
 * <p>It writes 80 MB of input and runs the command in a child JVM: 93 s on this project's shared
 * 2-core machine under load, over CI's budget for one test, so it runs only when asked for (the
 * per-cell figure is held in CI by {@code CellMemoryTest}):
 *
 * <pre>{@code
 * mvn -pl mpi-cli -am test -Dtest=ZipGroupsMemoryTest -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dmpi.memoryTest=true
 * }</pre>
 */
class ZipGroupsMemoryTest {
  @TempDir Path dir;

  @Test
  @org.junit.jupiter.api.condition.EnabledIfSystemProperty(
      named = "mpi.memoryTest",
      matches = "true")
  void aHundredThousandZipCodesRunInOneGibibyte() throws Exception {
    int n = 100_000;
    Path beneficiaries = dir.resolve("beneficiaries.csv");
    Path enrollment = dir.resolve("enrollment.csv");
    Path claims = dir.resolve("claims.csv");
    try (BufferedWriter b = Files.newBufferedWriter(beneficiaries);
        BufferedWriter e = Files.newBufferedWriter(enrollment);
        BufferedWriter c = Files.newBufferedWriter(claims)) {
      b.write("beneficiary_id,birth_date,sex,state,zip5\n");
      e.write("beneficiary_id,start_date,end_date,program\n");
      c.write("claim_id,beneficiary_id,from_date,procedure,diagnoses\n");
      for (int i = 0; i < n; i++) {
        String id = "B" + i;
        b.write(id + ",1930-05-10," + (i % 2 == 0 ? "F" : "M") + ",WY," + String.format("%05d", i));
        b.write('\n');
        e.write(id + ",2007-01-01,2009-12-31,MEDICARE_FFS\n");
        for (int q = 0; q < 12; q++) {
          c.write(
              String.format(
                  "C%d-%d,%s,%d-%02d-15,99213,401.9\n", i, q, id, 2007 + q / 4, 2 + 3 * (q % 4)));
        }
      }
    }
    Path out = dir.resolve("out");
    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g",
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName(),
                "compute",
                "--format",
                "csv",
                "--beneficiaries",
                beneficiaries.toString(),
                "--enrollment",
                enrollment.toString(),
                "--claims",
                claims.toString(),
                "--rvu",
                CliTestSupport.fixture("PPRRVU08.csv"),
                "--rvu-year-fallback",
                "nearest", // the 2008 release prices 2007 and 2009 too
                "--study-period",
                "2007-01-01..2009-12-31",
                "--min-eligible",
                "3",
                "--by",
                "zip",
                "--out",
                out.toString())
            .redirectOutput(dir.resolve("o").toFile())
            .redirectError(dir.resolve("e").toFile())
            .start();
    assertTrue(p.waitFor(5, TimeUnit.MINUTES), "the run took more than 5 minutes");
    String err = Files.readString(dir.resolve("e"));
    assertEquals(0, p.exitValue(), err);
    // one row a (window, ZIP code) with patients, 100,000 ZIP codes in each of 2008Q2-Q4
    long zips;
    try (var lines = Files.lines(out.resolve("groups.csv"))) {
      var rows = lines.iterator();
      int group = java.util.Arrays.asList(rows.next().split(",", -1)).indexOf("group");
      java.util.Set<String> seen = new java.util.HashSet<>();
      rows.forEachRemaining(l -> seen.add(l.split(",", -1)[group]));
      zips = seen.size();
    }
    assertTrue(zips >= n, "ZIP codes in groups.csv: " + zips);
  }
}
