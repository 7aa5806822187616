package org.mpindex.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command the documentation shows runs, through {@link Main#run} in-process: the {@code bash}
 * blocks and the inline {@code `mpi ...`} commands of {@code README.md}, {@code CONTRIBUTING.md},
 * the module READMEs and {@code docs/*.md}, the option examples of the README's "Study options at a
 * glance" table (each added to the DE-SynPUF example run), and every subcommand's {@code --help}.
 * A command that breaks fails this test; a new kind of command in the documentation fails it too
 * until it is run here or listed in {@link #EXCLUDED} with the reason.
 *
 * <p>What a test changes, and nothing else: file names of the user's downloads become fixtures of
 * the same layout ({@link #fixtures}: the {@code e2e} DE-SynPUF files, the 2010 summary, a second
 * carrier file and the 2010 RVU file derived from them; the tidy files moved to 2011-2013, the
 * years the bundled RVU files price, as the README's comment says); the placeholders {@code F}
 * (an ACG output) and {@code FILE} (a standard population) of the options table become small files
 * of their layout; {@code --out} goes to a
 * temporary folder; {@code mpi demo} generates 2,000 beneficiaries instead of 50,000 unless the
 * command says how many.
 */
class DocumentedCommandsTest {
  /**
   * Commands that cannot run in a unit test, with the reason: a key ending with a blank (or
   * starting {@code java }) is a prefix, the others are whole commands or option examples.
   */
  static final Map<String, String> EXCLUDED =
      Map.ofEntries(
          Map.entry("mvn ", "builds and tests the whole project: it is what CI runs"),
          Map.entry(
              "MAVEN_OPTS=\"-XX:TieredStopAtLevel=1 -XX:+UseSerialGC\" mvn -B -q -Plean -pl mpi-cli"
                  + " -am package",
              "the launcher's own lean build (mpi-cli/README.md): ./mpi runs it, and every ./mpi"
                  + " command here runs the jar it makes"),
          Map.entry(
              "java -jar benchmarks",
              "JMH benchmarks: minutes to hours each (benchmarks/README.md)"),
          Map.entry(
              "java -cp benchmarks/target/benchmarks.jar",
              "a JMH benchmark with parquet-java on the class path (benchmarks/README.md)"),
          Map.entry(
              "java -Xmx14g -cp benchmarks",
              "a 14 GB paper-scale measurement (benchmarks/README.md)"),
          Map.entry("apt-get ", "installs system packages"),
          Map.entry(
              "scripts/check-report.sh",
              "renders the report in headless Chromium, not part of the build"),
          Map.entry(
              "scripts/spark-race ",
              "races Spark against the library for minutes (benchmarks/README.md)"),
          Map.entry(
              "spark-submit ", "needs a Spark cluster; SparkComputeTest runs SparkCompute's main"),
          Map.entry(
              "scripts/spark-java ",
              "a benchmark or measurement with Spark's class path, minutes (benchmarks/README.md)"),
          Map.entry(
              "JAVA_OPTS=-Xmx8g scripts/spark-java ",
              "weighs one Spark task's memory with an 8 GB heap (benchmarks/README.md)"),
          Map.entry(
              "$SPARK_HOME/sbin/start-master.sh ",
              "a Spark distribution's script on a cluster; StandaloneClusterTest starts a master"),
          Map.entry(
              "$SPARK_HOME/sbin/start-worker.sh ",
              "a Spark distribution's script on a cluster; StandaloneClusterTest starts workers"),
          Map.entry(
              "$SPARK_HOME/bin/spark-submit ",
              "needs a Spark cluster; StandaloneClusterTest submits the job jar the same way"),
          Map.entry(
              "mpi compute --realtime-until DATE --step Nd",
              "a synopsis (DATE, N); the README's --realtime-until 2009-12-31 --step 1d runs"),
          Map.entry(
              "mpi compute --intervals",
              "names the option; its values are in docs/method.md's table"));

  /** What the documentation says a command prints, checked too. */
  static final Map<String, String> PRINTS =
      Map.of(
          "./mpi rvu --date 2009-03-02 27447-54", "18.2016",
          "./mpi burden --code-system icd9 428.0 250.40", "burden=2 health=0.5");

  static final Pattern INLINE_COMMAND =
      Pattern.compile("`((?:\\./)?mpi (?:demo|compute|inspect|rvu|burden|--)[^`]*)`");

  @TempDir static Path dir;
  static Map<String, Path> fixtures = new LinkedHashMap<>();

  /** One documented command: where it is shown and its words. */
  record Command(String where, String text) {}

  static Path root() {
    Path p = Path.of("").toAbsolutePath();
    while (p != null && !Files.exists(p.resolve("mpi-cli").resolve("pom.xml"))) {
      p = p.getParent();
    }
    if (p == null) {
      throw new IllegalStateException("no project root above " + Path.of("").toAbsolutePath());
    }
    return p;
  }

  static List<Path> documents() throws IOException {
    Path root = root();
    List<Path> docs =
        new ArrayList<>(List.of(root.resolve("README.md"), root.resolve("CONTRIBUTING.md")));
    try (Stream<Path> s = Files.list(root)) {
      s.filter(m -> Files.isRegularFile(m.resolve("README.md")))
          .sorted()
          .forEach(m -> docs.add(m.resolve("README.md")));
    }
    try (Stream<Path> s = Files.list(root.resolve("docs"))) {
      s.filter(f -> f.toString().endsWith(".md")).sorted().forEach(docs::add);
    }
    return docs;
  }

  /** The commands of {@code bash} blocks (continued lines joined, comments dropped, split on &&). */
  static List<Command> blockCommands(Path doc, List<String> lines) {
    List<Command> out = new ArrayList<>();
    boolean inBash = false;
    boolean inOther = false;
    StringBuilder pending = new StringBuilder();
    int start = 0;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      String fence = line.strip();
      if (fence.startsWith("```")) {
        if (inBash || inOther) {
          inBash = false;
          inOther = false;
        } else if (Set.of("```bash", "```sh", "```shell", "```console").contains(fence)) {
          inBash = true;
        } else {
          inOther = true;
        }
        continue;
      }
      if (!inBash) {
        continue;
      }
      String code = line.replaceAll("\\s+#.*$", "");
      if (pending.length() == 0) {
        start = i + 1;
      }
      if (code.endsWith("\\")) {
        pending.append(code, 0, code.length() - 1).append(' ');
        continue;
      }
      pending.append(code);
      for (String part : pending.toString().split("&&", -1)) {
        String words = String.join(" ", part.strip().split("\\s+"));
        if (!words.isEmpty()) {
          out.add(new Command(root().relativize(doc) + ":" + start, words));
        }
      }
      pending.setLength(0);
    }
    return out;
  }

  /** Inline {@code `mpi ...`} commands with arguments (a bare {@code `mpi compute`} names one). */
  static List<Command> inlineCommands(Path doc, String text) {
    List<Command> out = new ArrayList<>();
    Matcher m = INLINE_COMMAND.matcher(text.replaceAll("(?s)```.*?```", ""));
    while (m.find()) {
      String words = String.join(" ", m.group(1).strip().split("\\s+"));
      if (words.split(" ", -1).length > 2 || words.contains("--")) {
        out.add(new Command(root().relativize(doc) + " inline", words));
      }
    }
    return out;
  }

  /**
   * The option examples of the README's "Study options at a glance" table, each a {@code mpi
   * compute} on the DE-SynPUF example: {@code [X]} gives the example without and with X, {@code a
   * \| b} inside it either value.
   */
  static List<Command> tableOptions(String readme) {
    List<Command> out = new ArrayList<>();
    boolean inTable = false;
    for (String line : readme.lines().toList()) {
      if (line.startsWith("## Study options at a glance")) {
        inTable = true;
        continue;
      }
      if (inTable && line.startsWith("## ")) {
        break;
      }
      if (!inTable
          || !line.startsWith("| ")
          || line.startsWith("| what")
          || line.startsWith("|--")) {
        continue;
      }
      String[] cells = line.split(" \\| ", -1);
      Matcher m = Pattern.compile("`([^`]+)`").matcher(cells[1]);
      while (m.find()) {
        String example = m.group(1);
        for (String variant : variants(example)) {
          out.add(new Command("README.md options table: `" + example + "`", variant));
        }
      }
    }
    return out;
  }

  static List<String> variants(String example) {
    int open = example.indexOf('[');
    if (open < 0) {
      return List.of(example.strip());
    }
    int close = example.indexOf(']', open);
    String before = example.substring(0, open).strip();
    String inside = example.substring(open + 1, close).strip();
    List<String> out = new ArrayList<>(List.of(before));
    String[] alternatives = inside.split("\\s*\\\\?\\|\\s*", -1);
    if (alternatives.length == 1) {
      out.add(before + " " + inside);
    } else {
      // "--county-crosswalk ssa.csv | none": the last word of the first is the alternative
      String first = alternatives[0];
      String head = first.substring(0, first.lastIndexOf(' ') + 1);
      out.add(before + " " + first);
      for (int i = 1; i < alternatives.length; i++) {
        out.add(before + " " + head + alternatives[i]);
      }
    }
    return out;
  }

  static List<Command> documented() throws IOException {
    List<Command> all = new ArrayList<>();
    for (Path doc : documents()) {
      String text = Files.readString(doc);
      all.addAll(blockCommands(doc, List.of(text.split("\n", -1))));
      all.addAll(inlineCommands(doc, text));
      if (doc.getFileName().toString().equals("README.md") && doc.getParent().equals(root())) {
        all.addAll(tableOptions(text));
      }
    }
    return all;
  }

  static String excluded(String command) {
    for (Map.Entry<String, String> e : EXCLUDED.entrySet()) {
      // a key ending with a blank, or naming the benchmarks jar, is a prefix; the others are exact
      String key = e.getKey();
      boolean prefix = key.endsWith(" ") || key.startsWith("java ");
      if (command.equals(key.strip()) || (prefix && command.startsWith(key))) {
        return e.getValue();
      }
    }
    return null;
  }

  /** The fixtures the documented file names stand for. */
  @BeforeAll
  static void fixtures() throws IOException {
    Path e2e = Path.of(CliTestSupport.fixture("claims.csv")).getParent();
    try (Stream<Path> s = Files.list(e2e)) {
      s.forEach(f -> fixtures.put(f.getFileName().toString(), f));
    }
    Path own = Files.createDirectories(dir.resolve("fixtures"));
    // DE-SynPUF: the 2010 summary (the 2009 people, one fewer), a second carrier file (one claim of
    // the first under a new claim id), the 2010 RVU file (the 2009 fixture's rows)
    List<String> summary2009 =
        Files.readAllLines(e2e.resolve("DE1_0_2009_Beneficiary_Summary_File_Sample_1.csv"));
    put(
        own,
        "DE1_0_2010_Beneficiary_Summary_File_Sample_1.csv",
        String.join("\n", summary2009.subList(0, summary2009.size() - 1)) + "\n");
    List<String> carrier =
        Files.readAllLines(e2e.resolve("DE1_0_2008_to_2010_Carrier_Claims_Sample_1A.csv"));
    put(
        own,
        "DE1_0_2008_to_2010_Carrier_Claims_Sample_1B.csv",
        carrier.get(0)
            + "\n"
            + carrier.get(1).replace("887733359123456", "887733359199999")
            + "\n");
    put(
        own,
        "PPRRVU10.csv",
        Files.readString(e2e.resolve("PPRRVU09.csv")).replace(", 2009;", ", 2010;"));
    try (InputStream in =
        org.mpindex.io.SsaFipsCrosswalk.class.getResourceAsStream(
            "/org/mpindex/io/ssa_fips_state_county2017.csv")) {
      put(
          own,
          "ssa_fips_state_county2011.csv",
          new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
    // the placeholders of the options table: F an annual ACG output, FILE a standard population
    put(
        own,
        "F",
        """
        patient_id,period,ADG02,ADG10
        00013D2EFD8E45D1,2008,1,1
        00013D2EFD8E45D1,2009,1,0
        00016F745862898F,2009,0,1
        """);
    put(own, "FILE", "age_band,sex,weight\n65-69,F,10\n70-74,M,10\n75-79,F,20\n85+,M,5\n");
    // the folders of docs/bring-your-own-claims.md: the layouts' fixtures of mpi-io's tests (OMOP's
    // ETL-CMS tables four years later, priced by the bundled CMS releases), the e2e DE-SynPUF files
    Path layouts = root().resolve("mpi-io/src/test/resources/fixtures");
    Path omop = Files.createDirectories(own.resolve("omop"));
    try (Stream<Path> s = Files.list(layouts.resolve("omop/etl-cms/omop"))) {
      for (Path f : s.toList()) {
        Files.writeString(
            omop.resolve(f.getFileName()),
            Files.readString(f)
                .replace("2008-", "2012-")
                .replace("2009-", "2013-")
                .replace("2010-", "2014-"));
      }
    }
    fixtures.put("my-export/", omop);
    fixtures.put("cdm-export/", omop);
    fixtures.put("cclf-delivery/", layouts.resolve("cclf"));
    // research files: the BFD sample MBSF and carrier extract, each in a folder of its own
    Path mbsf = Files.createDirectories(own.resolve("mbsf"));
    Files.copy(
        layouts.resolve("rif/sample-a-beneficiaries.txt"), mbsf.resolve("beneficiaries.txt"));
    Path rifCarrier = Files.createDirectories(own.resolve("carrier"));
    Files.copy(
        layouts.resolve("rif/sample-a-bcarrier-multiple-lines.txt"),
        rifCarrier.resolve("carrier.txt"));
    fixtures.put("mbsf/", mbsf);
    fixtures.put("carrier/", rifCarrier);
    Path synpuf = Files.createDirectories(own.resolve("synpuf"));
    for (String f :
        List.of(
            "DE1_0_2008_Beneficiary_Summary_File_Sample_1.csv",
            "DE1_0_2009_Beneficiary_Summary_File_Sample_1.csv",
            "DE1_0_2008_to_2010_Carrier_Claims_Sample_1A.csv",
            "DE1_0_2008_to_2010_Outpatient_Claims_Sample_1.csv",
            "DE1_0_2008_to_2010_Inpatient_Claims_Sample_1.csv")) {
      Files.copy(e2e.resolve(f), synpuf.resolve(f));
    }
    fixtures.put("synpuf-sample-1/", synpuf);
    // tidy CSV: the e2e files four years later (2011-2013), priced by the bundled CMS releases
    for (String name : List.of("beneficiaries.csv", "enrollment.csv", "claims.csv")) {
      put(
          own,
          name,
          Files.readString(e2e.resolve(name))
              .replace("2007-", "2011-")
              .replace("2008-", "2012-")
              .replace("2009-", "2013-"));
    }
    // DIR of `mpi inspect DIR`: a folder of the tidy files
    Path tidy = Files.createDirectories(own.resolve("tidy"));
    for (String name : List.of("beneficiaries.csv", "enrollment.csv", "claims.csv")) {
      Files.copy(fixtures.get(name), tidy.resolve(name));
    }
    fixtures.put("DIR", tidy);
  }

  private static void put(Path own, String name, String text) throws IOException {
    Path f = own.resolve(name);
    Files.writeString(f, text, StandardCharsets.UTF_8);
    fixtures.put(name, f);
  }

  /** The README's DE-SynPUF run, to which an option example of the table is added. */
  static String synpufExample() throws IOException {
    for (Command c :
        blockCommands(
            root().resolve("README.md"), Files.readAllLines(root().resolve("README.md")))) {
      if (c.text().contains("--format desynpuf")) {
        return c.text();
      }
    }
    throw new AssertionError("README.md shows no DE-SynPUF run");
  }

  /**
   * {@code command} with {@code options} added; an option of {@code command} that {@code options}
   * gives again (the example's {@code --by state} under {@code --by county}) is dropped with its
   * values.
   */
  static String withOptions(String command, String options) {
    Set<String> given = new LinkedHashSet<>();
    for (String w : options.split(" ", -1)) {
      if (w.startsWith("--")) {
        given.add(w);
      }
    }
    List<String> kept = new ArrayList<>();
    boolean dropping = false;
    for (String w : command.split(" ", -1)) {
      if (w.startsWith("--")) {
        dropping = given.contains(w);
      }
      if (!dropping) {
        kept.add(w);
      }
    }
    return String.join(" ", kept) + " " + options;
  }

  /** The arguments of {@link Main#run} for a documented command; null when it is not an mpi one. */
  static List<String> arguments(String command, Path out) {
    List<String> words = new ArrayList<>(List.of(command.split(" ", -1)));
    if (!words.get(0).equals("./mpi") && !words.get(0).equals("mpi")) {
      return null;
    }
    words.remove(0);
    List<String> args = new ArrayList<>();
    boolean hasOut = false;
    for (int i = 0; i < words.size(); i++) {
      String w = words.get(i);
      if (w.equals("--out") && i + 1 < words.size()) {
        args.add(w);
        args.add(out.toString());
        i++;
        hasOut = true;
      } else if (fixtures.containsKey(w)) {
        args.add(fixtures.get(w).toString());
      } else {
        args.add(w);
      }
    }
    if (!args.isEmpty() && args.get(0).equals("demo")) {
      if (!args.contains("--beneficiaries")) {
        args.addAll(List.of("--beneficiaries", "2000"));
      }
      if (!hasOut) {
        args.addAll(List.of("--out", out.toString()));
      }
    }
    if (!args.isEmpty() && args.get(0).equals("compute") && !hasOut && !args.contains("--help")) {
      args.addAll(List.of("--out", out.toString()));
    }
    return args;
  }

  @TestFactory
  Stream<DynamicTest> everyDocumentedCommandRuns() throws IOException {
    String synpuf = synpufExample();
    Set<String> seen = new LinkedHashSet<>();
    List<DynamicTest> tests = new ArrayList<>();
    for (Command c : documented()) {
      String reason = excluded(c.text());
      if (reason != null || !seen.add(c.text())) {
        continue;
      }
      boolean option = c.where().startsWith("README.md options table");
      boolean needsInput = c.text().startsWith("mpi compute --") && !c.text().contains("--claims");
      String command =
          option
              ? withOptions(synpuf, c.text())
              : needsInput
                  ? withOptions(synpuf, c.text().substring("mpi compute ".length()))
                  : c.text();
      tests.add(
          DynamicTest.dynamicTest(
              c.where() + ": " + c.text(),
              () -> {
                Path out = Files.createTempDirectory(dir, "out");
                Files.delete(out); // --out is created by the run
                List<String> args = arguments(command, out);
                if (args == null) {
                  fail(
                      c.where()
                          + " shows `"
                          + c.text()
                          + "`: run it here or list it in EXCLUDED with the reason");
                }
                CliTestSupport.Outcome o = CliTestSupport.run(args.toArray(new String[0]));
                assertEquals(
                    0,
                    o.code(),
                    c.where() + ": `" + command + "` exited " + o.code() + ": " + o.err());
                String prints = PRINTS.get(c.text());
                if (prints != null) {
                  assertTrue(
                      o.out().contains(prints), c.text() + " prints " + prints + ": " + o.out());
                }
              }));
    }
    return tests.stream();
  }

  @TestFactory
  Stream<DynamicTest> everyHelpRunsAndShowsNoExampleThatIsNotRun() {
    return Stream.of("demo", "compute", "rvu", "burden")
        .map(
            command ->
                DynamicTest.dynamicTest(
                    "mpi " + command + " --help",
                    () -> {
                      CliTestSupport.Outcome o = CliTestSupport.run(command, "--help");
                      assertEquals(0, o.code(), o.err());
                      // the help texts show synopses (placeholders such as F, N, DATE), no
                      // concrete example: one would have to be added to the documented commands
                      for (String line : o.out().lines().toList()) {
                        assertFalse(
                            line.strip().startsWith("e.g. mpi ")
                                || line.strip().startsWith("example: mpi "),
                            "mpi " + command + " --help shows an example to run here: " + line);
                      }
                    }));
  }

  /** The extraction finds what the documentation shows (a broken extractor would run nothing). */
  @Test
  void theExtractionFindsTheReadmeCommands() throws IOException {
    List<String> texts = documented().stream().map(Command::text).toList();
    for (String expected :
        List.of(
            "./mpi demo",
            "./mpi --version",
            "./mpi rvu --date 2009-03-02 27447-54",
            "./mpi burden --code-system icd9 428.0 250.40",
            "--realtime-until 2009-12-31 --step 1d",
            "--by county --county-crosswalk none",
            "mpi compute --denied-lines effort",
            "scripts/check-report.sh",
            "mvn -B verify")) {
      assertTrue(texts.contains(expected), expected + " not found in " + texts);
    }
    assertTrue(
        texts.stream().anyMatch(t -> t.startsWith("./mpi compute --format csv --beneficiaries")),
        texts.toString());
    assertTrue(
        texts.stream()
            .anyMatch(
                t ->
                    t.startsWith("./mpi compute --format desynpuf")
                        && t.endsWith("--by state --out synpuf-out")),
        texts.toString());
  }
}
