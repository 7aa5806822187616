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
    int code =
        Main.run(
            args,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Ran(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  static Ran sparkMpi(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        SparkCompute.run(
            args,
            spark,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Ran(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  static String[] args(Path out, String... extra) {
    List<String> a =
        new ArrayList<>(
            List.of(
                "--format",
                "csv",
                "--beneficiaries",
                data.resolve("beneficiaries.csv").toString(),
                "--enrollment",
                data.resolve("enrollment.csv").toString(),
                "--claims",
                data.resolve("claims.csv").toString(),
                "--out",
                out.toString()));
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
    Ran onSpark =
        sparkMpi(args(tmp.resolve("spark"), concat(extra, new String[] {"--partitions", "7"})));
    assertEquals(0, onSpark.code(), onSpark.err());
    for (String f : List.of("series.csv", "groups.csv")) {
      List<String> expected = content(tmp.resolve("local").resolve(f));
      assertTrue(expected.size() > 20, f + ": " + expected.size() + " lines");
      assertEquals(expected, content(tmp.resolve("spark").resolve(f)), f);
    }
    assertEquals(
        local.out().replace(tmp.resolve("local").toString(), "OUT"),
        onSpark.out().replace(tmp.resolve("spark").toString(), "OUT"));
    assertTrue(Files.exists(tmp.resolve("spark").resolve("report.html")));
  }

  @Test
  void adgFromAMapAndAcgOutputAsMpiCompute() throws IOException {
    // a made-up map (the real one is licensed): the first diagnoses of the workload to ADGs 1-12,
    // and ACG output rows (long layout) for a few patients and quarters
    StringBuilder map = new StringBuilder("code_system,code,adg\n");
    for (int i = 0; i < 24; i++) {
      map.append("icd9,")
          .append(PaperScaleWorkload.DIAGNOSES.get(i))
          .append(',')
          .append(1 + i % 12)
          .append('\n');
    }
    Path mapFile = tmp.resolve("adg-map.csv");
    Files.writeString(mapFile, map);
    StringBuilder acg = new StringBuilder("patient_id,period,adg,count\n");
    for (int p = 0; p < 40; p++) {
      acg.append(PaperScaleWorkload.id(p))
          .append(",2012Q")
          .append(1 + p % 4)
          .append(',')
          .append(20 + p % 10)
          .append(",1\n");
    }
    Path acgFile = tmp.resolve("acg.csv");
    Files.writeString(acgFile, acg);
    String[] extra = {
      "--health", "adg", "--adg-map", mapFile.toString(), "--acg-output", acgFile.toString()
    };
    Ran local = mpi(concat(new String[] {"compute"}, args(tmp.resolve("adg-local"), extra)));
    assertEquals(0, local.code(), local.err());
    Ran onSpark =
        sparkMpi(args(tmp.resolve("adg-spark"), concat(extra, new String[] {"--partitions", "5"})));
    assertEquals(0, onSpark.code(), onSpark.err());
    for (String f : List.of("series.csv", "groups.csv")) {
      assertEquals(
          content(tmp.resolve("adg-local").resolve(f)),
          content(tmp.resolve("adg-spark").resolve(f)),
          f);
    }
    assertTrue(onSpark.err().contains("ACG output rows: read 40, accepted 40"), onSpark.err());
  }

  @Test
  void rejectedRowsAreListedAsByMpiCompute() throws IOException {
    Path dir = tmp.resolve("hostile");
    Files.createDirectories(dir);
    Files.copy(data.resolve("beneficiaries.csv"), dir.resolve("beneficiaries.csv"));
    Files.copy(data.resolve("enrollment.csv"), dir.resolve("enrollment.csv"));
    List<String> lines = new ArrayList<>(Files.readAllLines(data.resolve("claims.csv")));
    lines.set(5, lines.get(5).replaceFirst(",2\\d{3}-\\d\\d-\\d\\d,", ",2012-02-31,"));
    lines.set(9, lines.get(9).replaceFirst(",icd9,", ",icd11,"));
    lines.add(12, lines.get(11));
    Files.write(dir.resolve("claims.csv"), lines);
    List<String> files =
        List.of(
            "--format",
            "csv",
            "--beneficiaries",
            dir.resolve("beneficiaries.csv").toString(),
            "--enrollment",
            dir.resolve("enrollment.csv").toString(),
            "--claims",
            dir.resolve("claims.csv").toString());
    List<String> local = new ArrayList<>(List.of("compute"));
    local.addAll(files);
    local.addAll(
        List.of(
            "--out",
            tmp.resolve("rej-local").toString(),
            "--rejects",
            tmp.resolve("rej-local.csv").toString()));
    Ran l = mpi(local.toArray(new String[0]));
    assertEquals(0, l.code(), l.err());
    List<String> onSpark = new ArrayList<>(files);
    onSpark.addAll(
        List.of(
            "--out",
            tmp.resolve("rej-spark").toString(),
            "--rejects",
            tmp.resolve("rej-spark.csv").toString(),
            "--partitions",
            "3"));
    Ran r = sparkMpi(onSpark.toArray(new String[0]));
    assertEquals(0, r.code(), r.err());
    assertTrue(r.err().contains("rejected rows listed in"), r.err());
    // the same rejections (reason, column and message); file and line say where: the file's line on
    // one machine, the dataset, partition and place in it on Spark
    assertEquals(reasons(tmp.resolve("rej-local.csv")), reasons(tmp.resolve("rej-spark.csv")));
    assertEquals(3, reasons(tmp.resolve("rej-spark.csv")).size());
  }

  /** The rejects file's rows without file and line, sorted. */
  static List<String> reasons(Path rejects) throws IOException {
    List<String> rows = new ArrayList<>();
    for (String line : Files.readAllLines(rejects).subList(1, Files.readAllLines(rejects).size())) {
      List<String> cells = org.mpindex.core.text.Csv.split(line);
      // the message starts with "file:line: ", as the first two columns say
      // (and a repeat names the line of its first copy)
      rows.add(
          cells.get(2)
              + "|"
              + cells.get(3)
              + "|"
              + cells.get(4).replaceFirst("^.*?:\\d+: ", "").replaceAll("line \\d+", "line N"));
    }
    java.util.Collections.sort(rows);
    return rows;
  }

  @Test
  void usageErrorsExitWithTwo() {
    Ran r = sparkMpi(args(tmp.resolve("bad1"), "--health", "adg"));
    assertEquals(2, r.code());
    assertTrue(r.err().contains("--health adg needs --adg-map"), r.err());
    r = sparkMpi(args(tmp.resolve("bad4"), "--adg-map", "x.csv"));
    assertEquals(2, r.code());
    assertTrue(r.err().contains("--adg-map is for --health adg"), r.err());
    r = sparkMpi("--format", "csv", "--claims", "x.csv", "--out", tmp.resolve("bad3").toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("--beneficiaries is required"), r.err());
  }

  @Test
  void uncoveredEffortExitsWithThree() {
    // 2011-2013 claims priced with a study period reaching into 2010, which no bundled release
    // covers
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
