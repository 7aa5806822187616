package org.mpindex.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.mpindex.testkit.PaperScaleWorkload;

/**
 * The job jar on a real cluster: a Spark standalone master and two workers, each a process of its
 * own, executors started by the workers as their child processes, the shaded {@code mpi-spark.jar}
 * submitted as {@code spark-submit} does (client deploy mode: the driver is the submitting JVM). The
 * outputs equal {@code mpi compute}'s on the same files, cell for cell, and so do the printed results
 * and the accounting; with one worker and its executor killed in the middle of the job's tasks, Spark
 * runs the lost tasks again on the other worker and the outputs are still the same.
 *
 * <p>Tagged {@code cluster}: it needs {@code target/mpi-spark.jar}, so Maven runs it in the {@code
 * integration-test} phase (after {@code package}), not in {@code test}.
 */
@Tag("cluster")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StandaloneClusterTest {
  @TempDir static Path tmp;
  static StandaloneCluster cluster;
  static Path tidy;

  /** The job jar that {@code package} builds (the module's folder is the tests' working folder). */
  static final Path JOB_JAR = Path.of("target", "mpi-spark.jar").toAbsolutePath();

  /** How long one submitted job may take before the test gives up on it. */
  static final long JOB_TIMEOUT_SECONDS = 240;

  @BeforeAll
  static void startCluster() throws IOException {
    assertTrue(
        Files.isRegularFile(JOB_JAR),
        JOB_JAR + " is missing: the cluster test runs after package (mvn verify)");
    tidy = tmp.resolve("tidy");
    PaperScaleWorkload.generate(27, 1000).writeTidy(tidy);
    long t0 = System.nanoTime();
    cluster = StandaloneCluster.start(tmp.resolve("spark-home"), 2, "1g");
    System.err.printf(
        "cluster: master and 2 workers up in %.1f s%n", (System.nanoTime() - t0) / 1e9);
  }

  @AfterAll
  static void stopCluster() {
    if (cluster != null) {
      cluster.close();
    }
    List<ProcessHandle> left = ProcessHandle.current().descendants().toList();
    assertEquals(List.of(), left, "processes left after the cluster stopped");
  }

  record Ran(int code, String out, String err) {}

  /** {@code mpi compute} in this JVM, into {@code out}. */
  static Ran mpiCompute(List<String> inputs, Path out) {
    List<String> args = new ArrayList<>(List.of("compute"));
    args.addAll(inputs);
    args.addAll(List.of("--out", out.toString()));
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    int code =
        org.mpindex.cli.Main.run(
            args.toArray(new String[0]),
            new PrintStream(o, true, StandardCharsets.UTF_8),
            new PrintStream(e, true, StandardCharsets.UTF_8));
    return new Ran(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
  }

  /** spark-submit's arguments for the job jar on this cluster, then the job's. */
  static List<String> submitArgs(String name, List<String> job) {
    List<String> a =
        new ArrayList<>(
            List.of(
                "--master",
                cluster.masterUrl(),
                "--deploy-mode",
                "client",
                "--name",
                name,
                "--class",
                "org.mpindex.spark.SparkCompute",
                "--executor-memory",
                "512m",
                "--executor-cores",
                "1",
                "--total-executor-cores",
                "2",
                "--conf",
                "spark.driver.host=127.0.0.1",
                "--conf",
                "spark.driver.bindAddress=127.0.0.1",
                "--conf",
                "spark.ui.enabled=false",
                "--conf",
                "spark.sql.shuffle.partitions=4",
                "--conf",
                "spark.executor.extraJavaOptions=" + cluster.executorJavaOptions(),
                JOB_JAR.toString()));
    a.addAll(job);
    return a;
  }

  /** A submitted job that ended: its exit code, standard output and error (its own lines only). */
  static Ran await(String name, Process driver) throws IOException, InterruptedException {
    if (!driver.waitFor(JOB_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      throw new AssertionError(
          name + " did not end within " + JOB_TIMEOUT_SECONDS + " s; its log: " + log(name));
    }
    return new Ran(
        driver.exitValue(),
        Files.readString(cluster.logs().resolve(name + ".out")),
        Files.readString(cluster.logs().resolve(name + ".err")));
  }

  static String log(String name) throws IOException {
    Path f = cluster.logs().resolve(name + ".log");
    return Files.exists(f) ? Files.readString(f) : "(none)";
  }

  /**
   * Both runs wrote the same series and groups, every cell, and printed the same results and
   * accounting (their output folders named alike); {@code mpi compute}'s files have more than {@code
   * minRows} rows each (header included), so that the comparison is not one of empty tables.
   */
  static void assertSameAsMpiCompute(
      String what, Ran local, Path localOut, Ran onCluster, Path out, int minRows)
      throws IOException {
    assertEquals(0, local.code(), what + " mpi compute: " + local.err());
    for (String f : List.of("series.csv", "groups.csv")) {
      List<List<String>> expected = CsvCells.read(localOut.resolve(f));
      assertTrue(expected.size() > minRows, what + " " + f + ": " + expected.size() + " rows");
      Optional<String> diff = CsvCells.firstDifference(expected, CsvCells.read(out.resolve(f)));
      assertEquals(Optional.empty(), diff, what + " " + f);
    }
    assertEquals(
        local.out().replace(localOut.toString(), "OUT"),
        onCluster.out().replace(out.toString(), "OUT"),
        what + ": printed results");
    assertEquals(
        local.err().replace(localOut.toString(), "OUT"),
        onCluster.err().replace(out.toString(), "OUT"),
        what + ": accounting");
  }

  /**
   * The CCLF fixture (Tuva's synthetic seeds: MBIs that changed, keyed by the CCLF9 crosswalk across
   * partitions) submitted to the two workers with 4 partitions: what {@code mpi compute} writes and
   * prints.
   */
  @Test
  @Order(1)
  void theJobJarOnTwoWorkersAsMpiCompute() throws IOException, InterruptedException {
    // the fixture's CSV files without its SOURCE.md (a file of the folder that is no CCLF table,
    // which mpi compute notes as not read and the Spark job does not)
    Path fixture = Path.of("..", "mpi-io", "src", "test", "resources", "fixtures", "cclf");
    Path cclf = Files.createDirectories(tmp.resolve("cclf"));
    try (var files = Files.list(fixture)) {
      for (Path f : files.filter(f -> f.toString().endsWith(".csv")).toList()) {
        Files.copy(f, cclf.resolve(f.getFileName()));
      }
    }
    List<String> inputs =
        List.of(
            "--format",
            "cclf",
            "--input",
            cclf.toString(),
            "--min-cell-size",
            "1",
            "--rvu-year-fallback",
            "nearest",
            "--by",
            "state");
    long t0 = System.nanoTime();
    Ran local = mpiCompute(inputs, tmp.resolve("cclf-local"));
    List<String> job = new ArrayList<>(inputs);
    job.addAll(List.of("--partitions", "4", "--out", tmp.resolve("cclf-cluster").toString()));
    Ran onCluster = await("cclf", cluster.submit("cclf", "768m", submitArgs("cclf", job)));
    assertEquals(0, onCluster.code(), onCluster.err() + log("cclf"));
    assertSameAsMpiCompute(
        "CCLF", local, tmp.resolve("cclf-local"), onCluster, tmp.resolve("cclf-cluster"), 1);
    System.err.printf("cluster: CCLF job %.1f s%n", (System.nanoTime() - t0) / 1e9);
  }

  /**
   * A worker killed while its executor ran a task: the worker's place in the cluster's list, the
   * task, and the executor processes that were alive (with their executor ids) when it was killed.
   */
  record Killed(
      int worker,
      SparkLog.TaskStart task,
      List<String> executorIds,
      List<ProcessHandle> executors) {}

  /**
   * Watches the driver's log for result stages with one task per patient partition (the job's
   * passes over the partitioned claims: the study period's, the fold's); when a task of the latest
   * one starts, stops that task's executor ({@code SIGSTOP}) so that the task cannot finish, and
   * when the log shows it had not finished, kills the executor's worker with all its processes
   * ({@code SIGKILL}). A task that finished before its executor stopped lets the executor go on and
   * waits for the next one.
   */
  static Killed killAWorkerWhileItsExecutorRunsATask(String name, Process driver, int partitions)
      throws IOException {
    SparkLog.Tail tail = new SparkLog.Tail(cluster.logs().resolve(name + ".log"));
    int stage = -1;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(JOB_TIMEOUT_SECONDS);
    while (driver.isAlive() && System.nanoTime() < deadline) {
      for (String line : tail.newLines()) {
        java.util.OptionalInt submitted = SparkLog.resultStage(line, partitions);
        if (submitted.isPresent()) {
          stage = submitted.getAsInt();
        }
        Optional<SparkLog.TaskStart> start = SparkLog.taskStart(line);
        if (start.isEmpty() || start.get().stage() != stage) {
          continue;
        }
        for (int w = 0; w < cluster.workers().size(); w++) {
          Process worker = cluster.workers().get(w);
          for (ProcessHandle executor : StandaloneCluster.executors(worker)) {
            if (!StandaloneCluster.executorId(executor)
                .equals(Optional.of(start.get().executor()))) {
              continue;
            }
            StandaloneCluster.signal(executor, "STOP");
            // a status update already on its way arrives within this pause; a stopped executor
            // sends none
            StandaloneCluster.sleep(1000);
            if (SparkLog.finished(log(name), start.get().tid())) {
              StandaloneCluster.signal(executor, "CONT");
              continue;
            }
            List<String> ids =
                StandaloneCluster.executors(worker).stream()
                    .map(StandaloneCluster::executorId)
                    .flatMap(Optional::stream)
                    .toList();
            return new Killed(w, start.get(), ids, StandaloneCluster.kill(worker));
          }
        }
      }
      StandaloneCluster.sleep(20);
    }
    throw new AssertionError(
        "no task was caught running before the job ended; the driver's log: " + log(name));
  }

  /**
   * The synthetic tidy files (1,000 beneficiaries) with one of the two workers killed (the worker and
   * its executor at once, as when a machine fails) while its executor runs a task over the patient
   * partitions: Spark runs the lost task again on the other worker (and the tasks whose shuffle
   * output died with the executor), and the outputs are still {@code mpi compute}'s, cell for cell.
   */
  @Test
  @Order(2)
  void aWorkerKilledWhileItsExecutorRunsATaskChangesNothing()
      throws IOException, InterruptedException {
    long t0 = System.nanoTime();
    Ran local = mpiCompute(tidyInputs(), tmp.resolve("tidy-local"));
    List<String> job = new ArrayList<>(tidyInputs());
    job.addAll(List.of("--partitions", "4", "--out", tmp.resolve("tidy-cluster").toString()));
    Process driver = cluster.submit("tidy", "768m", submitArgs("tidy", job));
    Killed killed = killAWorkerWhileItsExecutorRunsATask("tidy", driver, 4);
    Ran onCluster = await("tidy", driver);
    String log = log("tidy");
    assertEquals(0, onCluster.code(), onCluster.err() + log);
    // the killed worker had the executor that ran the caught task, and nothing of it is left
    assertTrue(killed.executorIds().contains(killed.task().executor()), killed.toString());
    assertFalse(cluster.workers().get(killed.worker()).isAlive());
    assertTrue(killed.executors().stream().noneMatch(ProcessHandle::isAlive));
    // the driver lost that task (it never finished on the killed executor) and ran it again
    assertTrue(SparkLog.lost(log, killed.task().tid()), killed + ": " + log);
    assertFalse(SparkLog.finished(log, killed.task().tid()), killed + ": " + log);
    assertSameAsMpiCompute(
        "tidy", local, tmp.resolve("tidy-local"), onCluster, tmp.resolve("tidy-cluster"), 20);
    System.err.printf(
        "cluster: tidy job with worker-%d killed during task %s of stage %d (TID %d): %.1f s%n",
        killed.worker(),
        killed.task().task(),
        killed.task().stage(),
        killed.task().tid(),
        (System.nanoTime() - t0) / 1e9);
  }

  static List<String> tidyInputs() {
    return List.of(
        "--format",
        "csv",
        "--beneficiaries",
        tidy.resolve("beneficiaries.csv").toString(),
        "--enrollment",
        tidy.resolve("enrollment.csv").toString(),
        "--claims",
        tidy.resolve("claims.csv").toString(),
        "--by",
        "state",
        "--tiles",
        "4");
  }
}
