package org.mpindex.spark;

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
import java.util.Map;
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
    spark = LocalSpark.session();
  }

  record Ran(int code, String out, String err) {}

  static Ran mpi(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        org.mpindex.cli.Main.run(
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

  /**
   * The same input options run by {@code mpi compute} into {@code <name>-local} and by the Spark job
   * (3 partitions) into {@code <name>-spark}, each listing its rejects in {@code <name>-local.csv} /
   * {@code <name>-spark.csv}; both must exit 0.
   */
  static Ran[] bothWays(List<String> inputs, String name) {
    List<String> local = new ArrayList<>(List.of("compute"));
    local.addAll(inputs);
    local.addAll(
        List.of(
            "--out",
            tmp.resolve(name + "-local").toString(),
            "--rejects",
            tmp.resolve(name + "-local.csv").toString()));
    Ran l = mpi(local.toArray(new String[0]));
    assertEquals(0, l.code(), l.err());
    List<String> onSpark = new ArrayList<>(inputs);
    onSpark.addAll(
        List.of(
            "--out",
            tmp.resolve(name + "-spark").toString(),
            "--rejects",
            tmp.resolve(name + "-spark.csv").toString(),
            "--partitions",
            "3"));
    Ran r = sparkMpi(onSpark.toArray(new String[0]));
    assertEquals(0, r.code(), r.err());
    return new Ran[] {l, r};
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

  /**
   * {@code mpi compute} into {@code <name>-local} and the Spark job on {@code partitions} partitions
   * into {@code <name>-spark}, both with the tidy inputs and {@code extra}: the same series, groups
   * (more than 20 lines each) and console output.
   */
  static void sameAsMpiCompute(String name, int partitions, String... extra) throws IOException {
    Path l = tmp.resolve(name + "-local");
    Path s = tmp.resolve(name + "-spark");
    Ran local = mpi(concat(new String[] {"compute"}, args(l, extra)));
    assertEquals(0, local.code(), local.err());
    Ran onSpark =
        sparkMpi(args(s, concat(extra, new String[] {"--partitions", String.valueOf(partitions)})));
    assertEquals(0, onSpark.code(), onSpark.err());
    for (String f : List.of("series.csv", "groups.csv")) {
      List<String> expected = content(l.resolve(f));
      assertTrue(expected.size() > 20, f + ": " + expected.size() + " lines");
      assertEquals(expected, content(s.resolve(f)), f);
    }
    assertEquals(
        local.out().replace(l.toString(), "OUT"), onSpark.out().replace(s.toString(), "OUT"));
    assertTrue(Files.exists(s.resolve("report.html")));
  }

  @Test
  void theSameOutputsAsMpiCompute() throws IOException {
    sameAsMpiCompute("same", 7, "--by", "state", "--tiles", "4");
  }

  /**
   * The Spark main is mpi compute's own run ({@code ComputeRun}): an option it could not take before,
   * {@code --health-weights} (the spec recipe now rebuilds it on every executor), gives the same
   * outputs as on one machine.
   */
  @Test
  void healthWeightsAsMpiCompute() throws IOException {
    sameAsMpiCompute(
        "w", 3, "--by", "state", "--health", "charlson", "--health-weights", "quan-2011");
    assertTrue(
        Files.readString(tmp.resolve("w-spark").resolve("spec.txt"))
            .contains("quan-2011 weighted score"),
        "the weights are in the spec");
  }

  /**
   * Every layout mpi compute reads, from the public fixtures (CMS's BFD research-file samples, Tuva's
   * CCLF seeds, ETL-CMS's DE-SynPUF input and its OMOP output), gives on Spark (3 partitions) the
   * same series, groups and console output as mpi compute on the same files: one run, one input
   * pipeline, another engine.
   */
  @Test
  void everyLayoutAsMpiCompute() throws IOException {
    Path fixtures = Path.of("..", "mpi-io", "src", "test", "resources", "fixtures");
    Path rif = fixtures.resolve("rif");
    Map<String, List<String>> layouts = new java.util.LinkedHashMap<>();
    layouts.put(
        "rif",
        List.of(
            rif.resolve("sample-a-beneficiaries.txt").toString(),
            rif.resolve("sample-a-bcarrier.txt").toString()));
    layouts.put("cclf", List.of(fixtures.resolve("cclf").toString()));
    layouts.put("omop", List.of(fixtures.resolve("omop/etl-cms/omop").toString()));
    layouts.put("desynpuf", List.of(fixtures.resolve("omop/etl-cms/desynpuf").toString()));
    for (Map.Entry<String, List<String>> layout : layouts.entrySet()) {
      String name = layout.getKey();
      List<String> a = new ArrayList<>(List.of("--format", name, "--input"));
      a.addAll(layout.getValue());
      a.addAll(List.of("--min-cell-size", "1", "--rvu-year-fallback", "nearest", "--by", "state"));
      List<String> local = new ArrayList<>(List.of("compute"));
      local.addAll(a);
      local.addAll(List.of("--out", tmp.resolve(name + "-local").toString()));
      Ran l = mpi(local.toArray(new String[0]));
      assertEquals(0, l.code(), name + ": " + l.err());
      a.addAll(List.of("--out", tmp.resolve(name + "-spark").toString(), "--partitions", "3"));
      Ran r = sparkMpi(a.toArray(new String[0]));
      assertEquals(0, r.code(), name + ": " + r.err());
      for (String f : List.of("series.csv", "groups.csv")) {
        List<String> expected = content(tmp.resolve(name + "-local").resolve(f));
        // the research-file sample is one beneficiary: a national series, no ranked group
        assertTrue(f.equals("groups.csv") || expected.size() > 1, name + " " + f + ": " + expected);
        assertEquals(expected, content(tmp.resolve(name + "-spark").resolve(f)), name + " " + f);
      }
      assertEquals(
          l.out().replace(tmp.resolve(name + "-local").toString(), "OUT"),
          r.out().replace(tmp.resolve(name + "-spark").toString(), "OUT"),
          name);
      // the accounting's notes too: a folder's files that are none of the layout's tables
      List<String> notes = new ArrayList<>();
      for (String line : l.err().lines().toList()) {
        if (line.strip().startsWith("note:")) {
          notes.add(line.strip());
          assertTrue(r.err().contains(line.strip()), name + ": " + line + " in\n" + r.err());
        }
      }
      if (name.equals("cclf")) {
        assertTrue(notes.stream().anyMatch(n -> n.contains("SOURCE.md not read")), l.err());
      }
    }
  }

  /**
   * Every file both runs write in their output directories, byte for byte, but the lines that name
   * the input; and the console output. {@code files} must each exist and hold more than 2 lines.
   */
  static void sameFiles(Path l, Ran local, Path s, Ran onSpark, List<String> files)
      throws IOException {
    for (String f : files) {
      List<String> expected = content(l.resolve(f));
      assertTrue(expected.size() > 2, f + ": " + expected);
      assertEquals(expected, content(s.resolve(f)), f);
    }
    assertEquals(
        local.out().replace(l.toString(), "OUT"), onSpark.out().replace(s.toString(), "OUT"));
  }

  /**
   * {@code --sensitivity} and {@code --realtime-until} (issue 27, point 5): the grid's folds and the
   * real-time index fed each partition's records beside its assembler, their partials merged per
   * configuration and per window end: sensitivity.csv, sensitivity-ranks.csv, realtime.csv, the
   * report (Figure 1c) and the console as {@code mpi compute} writes them.
   */
  @Test
  void sensitivityAndRealTimeAsMpiCompute() throws IOException {
    String[] extra = {
      "--by", "state", "--sensitivity", "--realtime-until", "2012-12-31", "--step", "30d"
    };
    Path l = tmp.resolve("side-local");
    Path s = tmp.resolve("side-spark");
    Ran local = mpi(concat(new String[] {"compute"}, args(l, extra)));
    assertEquals(0, local.code(), local.err());
    Ran onSpark = sparkMpi(args(s, concat(extra, new String[] {"--partitions", "3"})));
    assertEquals(0, onSpark.code(), onSpark.err());
    sameFiles(
        l,
        local,
        s,
        onSpark,
        List.of(
            "series.csv",
            "groups.csv",
            "sensitivity.csv",
            "sensitivity-ranks.csv",
            "realtime.csv",
            "report.html"));
    // 6 configurations (60, 90, 120 days x lags 1, 2); window ends every 30 days from 2011-12-26
    // (4 x 90 days after 2011-01-01, less a day) to 2012-12-31: (371 days / 30) + 1 = 13
    assertEquals(1 + 6, Files.readAllLines(s.resolve("sensitivity.csv")).size());
    assertEquals(1 + 13, Files.readAllLines(s.resolve("realtime.csv")).size());
    assertTrue(
        Files.readAllLines(s.resolve("realtime.csv")).get(1).startsWith("2011-12-26,"),
        "the first real-time window end");
  }

  /**
   * {@code --cohort} (issue 27, point 5): the side-by-side cohorts' partials merged by cohort give
   * the cohort rows of the outputs and the report as {@code mpi compute} writes them: tidy files,
   * and DE-SynPUF files (ETL-CMS's fixture).
   */
  @Test
  void cohortsAsMpiCompute() throws IOException {
    String[] extra = {"--by", "state", "--cohort", "diabetes", "--cohort", "chronic>=2"};
    Path l = tmp.resolve("cohort-local");
    Path s = tmp.resolve("cohort-spark");
    Ran local = mpi(concat(new String[] {"compute"}, args(l, extra)));
    assertEquals(0, local.code(), local.err());
    Ran onSpark = sparkMpi(args(s, concat(extra, new String[] {"--partitions", "3"})));
    assertEquals(0, onSpark.code(), onSpark.err());
    sameFiles(l, local, s, onSpark, List.of("series.csv", "groups.csv", "report.html"));
    List<String> series = content(s.resolve("series.csv"));
    assertTrue(
        series.stream().anyMatch(x -> x.contains("diabetes"))
            && series.stream().anyMatch(x -> x.contains("chronic")),
        "the cohorts' rows: " + series.subList(0, 3));
    assertEquals(withoutInput(local.err()), withoutInput(onSpark.err()));

    Path synpuf =
        Path.of("..", "mpi-io", "src", "test", "resources", "fixtures", "omop/etl-cms/desynpuf");
    List<String> a =
        new ArrayList<>(
            List.of(
                "--format",
                "desynpuf",
                "--input",
                synpuf.toString(),
                "--min-cell-size",
                "1",
                "--rvu-year-fallback",
                "nearest",
                "--cohort",
                "everyone",
                "--cohort",
                "chronic>=1"));
    Path ls = tmp.resolve("cohort-synpuf-local");
    Path ss = tmp.resolve("cohort-synpuf-spark");
    List<String> la = new ArrayList<>(List.of("compute"));
    la.addAll(a);
    la.addAll(List.of("--out", ls.toString()));
    Ran lr = mpi(la.toArray(new String[0]));
    assertEquals(0, lr.code(), lr.err());
    a.addAll(List.of("--out", ss.toString(), "--partitions", "3"));
    Ran sr = sparkMpi(a.toArray(new String[0]));
    assertEquals(0, sr.code(), sr.err());
    sameFiles(ls, lr, ss, sr, List.of("series.csv", "report.html"));
  }

  /**
   * {@code --acg-by-year} (issue 27, point 5): an annual ACG run (period a bare year, refused
   * without the option) applied to every window of its year in the partitions as by {@code mpi
   * compute}.
   */
  @Test
  void acgByYearAsMpiCompute() throws IOException {
    StringBuilder acg = new StringBuilder("patient_id,period,adg,count\n");
    for (int p = 0; p < 60; p++) {
      acg.append(PaperScaleWorkload.id(p))
          .append(',')
          .append(2011 + p % 3)
          .append(',')
          .append(1 + p % 12)
          .append(",1\n");
    }
    Path acgFile = tmp.resolve("acg-annual.csv");
    Files.writeString(acgFile, acg);
    String[] extra = {
      "--health", "adg", "--acg-output", acgFile.toString(), "--acg-by-year", "--by", "state"
    };
    Path l = tmp.resolve("acgyear-local");
    Path s = tmp.resolve("acgyear-spark");
    Ran local = mpi(concat(new String[] {"compute"}, args(l, extra)));
    assertEquals(0, local.code(), local.err());
    Ran onSpark = sparkMpi(args(s, concat(extra, new String[] {"--partitions", "3"})));
    assertEquals(0, onSpark.code(), onSpark.err());
    sameFiles(l, local, s, onSpark, List.of("series.csv", "groups.csv"));
    assertTrue(onSpark.err().contains("ACG output rows: read 60, accepted 60"), onSpark.err());
    assertEquals(withoutInput(local.err()), withoutInput(onSpark.err()));
  }

  /** The real-time index takes no precomputed burden: said before the job, with mpi's words. */
  @Test
  void realTimeWithAcgOutputIsAUsageError() throws IOException {
    Path acgFile = tmp.resolve("acg-rt.csv");
    Files.writeString(
        acgFile, "patient_id,period,adg,count\n" + PaperScaleWorkload.id(1) + ",2012Q1,3,1\n");
    Ran r =
        sparkMpi(
            args(
                tmp.resolve("rt-acg"),
                "--health",
                "adg",
                "--acg-output",
                acgFile.toString(),
                "--realtime-until",
                "2013-06-30"));
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("--realtime-until does not take precomputed burdens"), r.err());
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
    Ran r = bothWays(files, "rej")[1];
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

  /** As mpi compute (issue #25, point 2): --rejects never replaces an input, data twice is refused. */
  @Test
  void rejectsNeverReplacesAnInputAndTheSameFileTwiceIsRefused() throws IOException {
    Path claims = data.resolve("claims.csv");
    long size = Files.size(claims);
    Ran r = sparkMpi(args(tmp.resolve("rej-input"), "--rejects", claims.toString()));
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("--rejects"), r.err());
    assertEquals(size, Files.size(claims));
    Path copy = tmp.resolve("claims-copy.csv");
    Files.copy(claims, copy);
    String[] twice = args(tmp.resolve("twice"));
    List<String> withCopy = new ArrayList<>(List.of(twice));
    withCopy.add(withCopy.indexOf("--out"), copy.toString());
    r = sparkMpi(withCopy.toArray(new String[0]));
    assertEquals(2, r.code(), r.err());
  }

  @Test
  void uncoveredEffortExitsWithThree() {
    // 2011-2013 claims priced with a study period reaching into 2010, which no bundled release
    // covers
    Ran r = sparkMpi(args(tmp.resolve("uncovered"), "--study-period", "2010-01-01..2013-12-31"));
    assertEquals(3, r.code(), r.err());
    assertTrue(r.err().contains("2010"), r.err());
  }

  /**
   * The README's DE-SynPUF command (issue #30) on the DE-SynPUF fixture (rows of CMS's Sample 1):
   * with the study period left to the summary files (2008-2009) the job broadcast a recipe holding a
   * {@code StudyPeriod} and died of {@code NotSerializableException}; declared or derived, tidy or
   * DE-SynPUF, it now writes what {@code mpi compute} writes.
   */
  @org.junit.jupiter.params.ParameterizedTest(name = "{0}, study period {1}")
  @org.junit.jupiter.params.provider.CsvSource({
    "desynpuf, derived",
    "desynpuf, declared",
    "csv, derived",
    "csv, declared"
  })
  void declaredAndDerivedStudyPeriodsAsMpiCompute(String format, String period) throws IOException {
    List<String> files = new ArrayList<>();
    if (format.equals("desynpuf")) {
      Path dir = tmp.resolve("synpuf-files");
      if (!Files.isDirectory(dir)) {
        Files.createDirectories(dir);
        for (String f :
            List.of(
                "DE1_0_2008_Beneficiary_Summary_File_Sample_1.csv",
                "DE1_0_2009_Beneficiary_Summary_File_Sample_1.csv",
                "DE1_0_2008_to_2010_Carrier_Claims_Sample_1A.csv",
                "DE1_0_2008_to_2010_Outpatient_Claims_Sample_1.csv",
                "DE1_0_2008_to_2010_Inpatient_Claims_Sample_1.csv",
                "PPRRVU08.csv",
                "PPRRVU09.csv")) {
          try (var in = SparkComputeTest.class.getResourceAsStream("/synpuf/" + f)) {
            Files.copy(in, dir.resolve(f));
          }
        }
      }
      files.addAll(List.of("--format", "desynpuf", "--beneficiaries"));
      files.add(dir.resolve("DE1_0_2008_Beneficiary_Summary_File_Sample_1.csv").toString());
      files.add(dir.resolve("DE1_0_2009_Beneficiary_Summary_File_Sample_1.csv").toString());
      files.add("--claims");
      files.add(dir.resolve("DE1_0_2008_to_2010_Carrier_Claims_Sample_1A.csv").toString());
      files.add(dir.resolve("DE1_0_2008_to_2010_Outpatient_Claims_Sample_1.csv").toString());
      files.add(dir.resolve("DE1_0_2008_to_2010_Inpatient_Claims_Sample_1.csv").toString());
      files.add("--rvu");
      files.add(dir.resolve("PPRRVU08.csv").toString());
      files.add(dir.resolve("PPRRVU09.csv").toString());
      files.addAll(List.of("--health", "elixhauser"));
      if (period.equals("declared")) {
        files.addAll(List.of("--study-period", "2008-01-01..2009-12-31"));
      }
    } else {
      files.addAll(List.of(args(tmp.resolve("unused"))).subList(0, 8));
      if (period.equals("declared")) {
        files.addAll(List.of("--study-period", "2011-04-01..2013-09-30"));
      }
    }
    files.addAll(List.of("--by", "state", "--min-cell-size", "1"));
    Path localOut = tmp.resolve("period-local-" + format + "-" + period);
    Path sparkOut = tmp.resolve("period-spark-" + format + "-" + period);
    List<String> local = new ArrayList<>(List.of("compute"));
    local.addAll(files);
    local.addAll(List.of("--out", localOut.toString()));
    Ran l = mpi(local.toArray(new String[0]));
    assertEquals(0, l.code(), l.err());
    List<String> onSpark = new ArrayList<>(files);
    onSpark.addAll(List.of("--out", sparkOut.toString(), "--partitions", "3"));
    Ran r = sparkMpi(onSpark.toArray(new String[0]));
    assertEquals(0, r.code(), r.err());
    for (String f : List.of("series.csv", "groups.csv", "spec.txt")) {
      List<String> expected = content(localOut.resolve(f));
      assertTrue(expected.size() > 4, f + ": " + expected);
      List<String> actual = content(sparkOut.resolve(f));
      if (f.equals("spec.txt")) { // the command line names the output and --partitions
        expected.removeIf(line -> line.startsWith("command: "));
        actual.removeIf(line -> line.startsWith("command: "));
        assertTrue(expected.contains("accounting:"), expected.toString());
      }
      assertEquals(expected, actual, f);
    }
    // the study period, where it came from, the national series and the accounting, as printed
    assertEquals(
        l.out().replace(localOut.toString(), "OUT"), r.out().replace(sparkOut.toString(), "OUT"));
    assertEquals(withoutInput(l.err()), withoutInput(r.err()));
    assertTrue(r.out().contains(period.equals("declared") ? "--study-period" : "(the "), r.out());
  }

  /**
   * A claim line after the beneficiary's death (and one before their birth) is rejected on Spark as
   * by {@code mpi compute} (issue #25, point 7): the same cells, the same accounting and the same
   * listed rejections.
   */
  @Test
  void claimsOutsideTheBeneficiarysLifeAreRejectedAsByMpiCompute() throws IOException {
    Path dir = tmp.resolve("life");
    Files.createDirectories(dir);
    Files.copy(data.resolve("beneficiaries.csv"), dir.resolve("beneficiaries.csv"));
    Files.copy(data.resolve("enrollment.csv"), dir.resolve("enrollment.csv"));
    String dead = null;
    java.time.LocalDate death = null;
    java.time.LocalDate birth = null;
    for (String line : Files.readAllLines(data.resolve("beneficiaries.csv")).subList(1, 801)) {
      List<String> cells = org.mpindex.core.text.Csv.split(line);
      if (!cells.get(2).isEmpty()) {
        dead = cells.get(0);
        birth = java.time.LocalDate.parse(cells.get(1));
        death = java.time.LocalDate.parse(cells.get(2));
        break;
      }
    }
    assertTrue(dead != null, "the workload has a decedent");
    List<String> claims = new ArrayList<>(Files.readAllLines(data.resolve("claims.csv")));
    claims.add("AFTER-DEATH," + dead + "," + death.plusDays(5) + ",99214,icd9,428.0|401.9");
    claims.add("BEFORE-BIRTH," + dead + "," + birth.minusDays(1) + ",99213,icd9,250.00");
    Files.write(dir.resolve("claims.csv"), claims);
    List<String> files =
        List.of(
            "--format",
            "csv",
            "--beneficiaries",
            dir.resolve("beneficiaries.csv").toString(),
            "--enrollment",
            dir.resolve("enrollment.csv").toString(),
            "--claims",
            dir.resolve("claims.csv").toString(),
            "--by",
            "state",
            "--min-cell-size",
            "1");
    Ran[] ran = bothWays(files, "life");
    Ran l = ran[0];
    Ran r = ran[1];
    assertTrue(l.err().contains("service after death"), l.err());
    assertTrue(l.err().contains("service before birth"), l.err());
    for (String f : List.of("series.csv", "groups.csv")) {
      assertEquals(
          content(tmp.resolve("life-local").resolve(f)),
          content(tmp.resolve("life-spark").resolve(f)),
          f);
    }
    assertEquals(
        withoutInput(l.err()).replaceAll("rejected rows listed in .*", ""),
        withoutInput(r.err()).replaceAll("rejected rows listed in .*", ""));
    assertEquals(reasons(tmp.resolve("life-local.csv")), reasons(tmp.resolve("life-spark.csv")));
    assertEquals(2, reasons(tmp.resolve("life-spark.csv")).size());
  }

  /** Console text without the lines that name the input files. */
  static String withoutInput(String text) {
    StringBuilder kept = new StringBuilder();
    for (String line : text.lines().toList()) {
      if (!line.contains("Input: ")) {
        kept.append(line).append('\n');
      }
    }
    return kept.toString();
  }

  @Test
  void aSparkFailureIsOneLineWithoutAStackTrace() {
    Ran r =
        sparkMpi(
            "--format",
            "csv",
            "--beneficiaries",
            tmp.resolve("no-such-beneficiaries.csv").toString(),
            "--claims",
            tmp.resolve("no-such-claims.csv").toString(),
            "--out",
            tmp.resolve("failed").toString());
    assertEquals(1, r.code(), r.err());
    assertEquals(1, r.err().strip().lines().count(), r.err());
    assertTrue(r.err().startsWith("mpi-spark: "), r.err());
    assertTrue(r.err().contains("no-such-beneficiaries.csv"), r.err());
    assertTrue(r.err().contains("MPI_DEBUG=1"), r.err());
  }

  /**
   * The spark-submit main as a process of its own, started without a master URL (issue #30): it
   * says in one line that it runs on {@code local[*]}, and a failure is one line and exit code 1, not
   * {@code SparkException: A master URL must be set} nor any other stack trace.
   */
  @Test
  void theMainWithoutAMasterRunsLocallyAndFailsInOneLine() throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String flag :
        java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (flag.startsWith("--add-opens") || flag.startsWith("-Djdk.") || flag.startsWith("-Dio.")) {
        command.add(flag);
      }
    }
    command.addAll(
        List.of(
            "-Xmx512m",
            "-Dspark.ui.enabled=false",
            "-Dspark.driver.host=127.0.0.1",
            "-Dspark.driver.bindAddress=127.0.0.1",
            "-cp",
            System.getProperty("java.class.path"),
            SparkCompute.class.getName(),
            "--format",
            "csv",
            "--beneficiaries",
            tmp.resolve("absent-beneficiaries.csv").toString(),
            "--claims",
            tmp.resolve("absent-claims.csv").toString(),
            "--out",
            tmp.resolve("main-out").toString()));
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().remove("MPI_DEBUG");
    pb.redirectOutput(tmp.resolve("main.out").toFile());
    pb.redirectError(tmp.resolve("main.err").toFile());
    Process p = pb.start();
    assertTrue(p.waitFor(180, java.util.concurrent.TimeUnit.SECONDS), "the main did not end");
    String err = Files.readString(tmp.resolve("main.err"));
    assertEquals(1, p.exitValue(), err);
    List<String> ours = err.lines().filter(l -> l.startsWith("mpi-spark: ")).toList();
    assertEquals(2, ours.size(), err);
    assertTrue(ours.get(0).contains("no master URL set") && ours.get(0).contains("local[*]"), err);
    assertTrue(ours.get(1).contains("absent-beneficiaries.csv"), err);
    assertTrue(
        err.lines().noneMatch(l -> l.startsWith("\tat ") || l.contains("Exception in")), err);
  }

  static String[] concat(String[] a, String[] b) {
    String[] c = new String[a.length + b.length];
    System.arraycopy(a, 0, c, 0, a.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }
}
