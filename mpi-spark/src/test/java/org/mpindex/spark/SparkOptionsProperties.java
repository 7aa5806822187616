package org.mpindex.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.mpindex.testkit.PaperScaleWorkload;

/**
 * The options that read side indices from partials (issue 27, point 5) do not depend on how the
 * patients are partitioned: for a generated population and any number of partitions, the Spark
 * job's side-by-side cohorts ({@code --cohort}) and sensitivity grid ({@code --sensitivity}) files
 * are {@code mpi compute}'s, byte for byte. Few tries: each is a Spark job.
 */
class SparkOptionsProperties {
  static final List<String> FILES =
      List.of("series.csv", "groups.csv", "sensitivity.csv", "sensitivity-ranks.csv");

  @Property(tries = 2)
  void cohortsAndTheGridDoNotDependOnThePartitions(
      @ForAll @IntRange(min = 60, max = 200) int beneficiaries,
      @ForAll @IntRange(min = 1, max = 12) int partitions,
      @ForAll long seed)
      throws IOException {
    Path dir = Files.createTempDirectory("mpi-spark-options");
    try {
      PaperScaleWorkload.generate(seed, beneficiaries).writeTidy(dir);
      List<String> a =
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
              "1",
              "--cohort",
              "diabetes",
              "--sensitivity",
              "--sensitivity-windows",
              "90,120",
              "--sensitivity-lags",
              "1,2");
      List<String> local = new ArrayList<>(List.of("compute"));
      local.addAll(a);
      local.addAll(List.of("--out", dir.resolve("local").toString()));
      String[] l = run(local, false);
      List<String> onSpark = new ArrayList<>(a);
      onSpark.addAll(
          List.of(
              "--out",
              dir.resolve("spark").toString(),
              "--partitions",
              String.valueOf(partitions)));
      String[] s = run(onSpark, true);
      assertEquals(l[0], s[0], "exit code: " + l[1] + " / " + s[1]);
      for (String f : FILES) {
        assertEquals(
            SparkComputeTest.content(dir.resolve("local").resolve(f)),
            SparkComputeTest.content(dir.resolve("spark").resolve(f)),
            f + " on " + partitions + " partitions");
      }
    } finally {
      try (var files = Files.walk(dir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /** Exit code and stderr of {@code mpi compute} or of the Spark job. */
  private static String[] run(List<String> args, boolean onSpark) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
    String[] argv = args.toArray(new String[0]);
    int code =
        onSpark
            ? SparkCompute.run(argv, LocalSpark.session(), out, e)
            : org.mpindex.cli.Main.run(argv, out, e);
    return new String[] {String.valueOf(code), err.toString(StandardCharsets.UTF_8)};
  }
}
