package org.mpindex.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mpindex.testkit.PaperScaleWorkload;

/** The spark-submit main writes what {@code mpi compute} writes, from the same files. */
class SparkComputeTest {
  @TempDir static Path tmp;
  static Path data;
  static SparkSession spark;

  @BeforeAll
  static void setUp() {
    data = tmp.resolve("data");
    PaperScaleWorkload.generate(5, 800).writeTidy(data);
    spark = org.mpindex.spark.LocalSpark.session();
  }

  record Ran(int code, String out, String err) {}

  static Ran mpi(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Ran(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  static Ran sparkMpi(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = SparkCompute.run(args, spark, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Ran(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  static String[] args(Path out, String... extra) {
    List<String> a = new ArrayList<>(List.of("--format", "csv", "--beneficiaries", data.resolve("beneficiaries.csv").toString(),
        "--enrollment", data.resolve("enrollment.csv").toString(), "--claims", data.resolve("claims.csv").toString(),
        "--out", out.toString()));
    a.addAll(List.of(extra));
    return a.toArray(new String[0]);
  }

  /** An output file without the lines that name the input (files and platform differ by design). */
  static List<String> content(Path file) throws IOException {
    List<String> kept = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      if (!line.contains("Input: ")) {
        kept.add(line);
      }
    }
    return kept;
  }

  @Test
  void theSameOutputsAsMpiCompute() throws IOException {
    String[] extra = {"--by", "state", "--tiles", "4"};
    Ran local = mpi(concat(new String[] {"compute"}, args(tmp.resolve("local"), extra)));
    assertEquals(0, local.code(), local.err());
    Ran onSpark = sparkMpi(args(tmp.resolve("spark"), concat(extra, new String[] {"--partitions", "7"})));
    assertEquals(0, onSpark.code(), onSpark.err());
    for (String f : List.of("series.csv", "groups.csv")) {
      List<String> expected = content(tmp.resolve("local").resolve(f));
      assertTrue(expected.size() > 20, f + ": " + expected.size() + " lines");
      assertEquals(expected, content(tmp.resolve("spark").resolve(f)), f);
    }
    assertEquals(local.out().replace(tmp.resolve("local").toString(), "OUT"),
        onSpark.out().replace(tmp.resolve("spark").toString(), "OUT"));
    assertTrue(Files.exists(tmp.resolve("spark").resolve("report.html")));
  }

  @Test
  void usageErrorsExitWithTwo() {
    Ran r = sparkMpi(args(tmp.resolve("bad1"), "--health", "adg"));
    assertEquals(2, r.code());
    assertTrue(r.err().contains("--health"), r.err());
    r = sparkMpi(args(tmp.resolve("bad2"), "--adg-map", "x.csv"));
    assertEquals(2, r.code());
    assertTrue(r.err().contains("not available on Spark"), r.err());
    r = sparkMpi("--format", "csv", "--claims", "x.csv", "--out", tmp.resolve("bad3").toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("--beneficiaries is required"), r.err());
  }

  @Test
  void uncoveredEffortExitsWithThree() {
    // 2011-2013 claims priced with a study period reaching into 2010, which no bundled release covers
    Ran r = sparkMpi(args(tmp.resolve("uncovered"), "--study-period", "2010-01-01..2013-12-31"));
    assertEquals(3, r.code(), r.err());
    assertTrue(r.err().contains("2010"), r.err());
  }

  static String[] concat(String[] a, String[] b) {
    String[] c = new String[a.length + b.length];
    System.arraycopy(a, 0, c, 0, a.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }
}
