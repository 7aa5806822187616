package org.mpindex.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cluster test's helpers on lines and files as they come (Spark 4.0.1's driver log). */
class ClusterHelpersTest {
  @TempDir Path tmp;

  @Test
  void theSchedulerLinesOfADriverLog() {
    assertEquals(
        OptionalInt.of(37),
        SparkLog.resultStage(
            "23:32:21.010 INFO DAGScheduler: Submitting 4 missing tasks from ResultStage 37"
                + " (MapPartitionsRDD[146] at treeReduce at MpiSpark.java:921) (first 15 tasks are"
                + " for partitions Vector(0, 1, 2, 3))",
            4));
    // a stage of another number of tasks, and a shuffle map stage, are not the one looked for
    assertEquals(
        OptionalInt.empty(),
        SparkLog.resultStage(
            "Submitting 1 missing tasks from ResultStage 34 (MapPartitionsRDD[127] at isEmpty)",
            4));
    assertEquals(
        OptionalInt.empty(),
        SparkLog.resultStage(
            "Submitting 4 missing tasks from ShuffleMapStage 35 (MapPartitionsRDD[138])", 4));
    assertEquals(
        Optional.of(new SparkLog.TaskStart("0.0", 21, 22, "1")),
        SparkLog.taskStart(
            "23:38:07.229 INFO TaskSetManager: Starting task 0.0 in stage 21.0 (TID 22)"
                + " (127.0.0.1,executor 1, partition 0, NODE_LOCAL, 9804 bytes) "));
    String log =
        """
        23:38:07.946 INFO TaskSetManager: task 0.0 in stage 21.0 (TID 22) failed because while it \
        was being computed, its executor exited for a reason unrelated to the task. Not counting \
        this failure towards the maximum number of failures for the task.
        23:38:09.205 INFO TaskSetManager: Finished task 0.1 in stage 21.0 (TID 24) in 142 ms on \
        127.0.0.1 (executor 0) (2/4)
        """;
    assertTrue(SparkLog.lost(log, 22));
    assertTrue(
        !SparkLog.finished(log, 22) && SparkLog.finished(log, 24) && !SparkLog.lost(log, 24));
  }

  @Test
  void aTailGivesEachCompleteLineOnce() throws IOException {
    Path f = tmp.resolve("driver.log");
    SparkLog.Tail tail = new SparkLog.Tail(f);
    assertEquals(List.of(), tail.newLines());
    Files.writeString(f, "one\ntw");
    assertEquals(List.of("one"), tail.newLines());
    Files.writeString(f, "o\nthree\n", java.nio.file.StandardOpenOption.APPEND);
    assertEquals(List.of("two", "three"), tail.newLines());
    assertEquals(List.of(), tail.newLines());
  }

  @Test
  void theFirstDifferentCellIsNamedByItsHeader() {
    List<List<String>> expected =
        List.of(List.of("window", "group", "mpi"), List.of("2012", "CA", "1.02"));
    List<List<String>> actual =
        List.of(List.of("window", "group", "mpi"), List.of("2012", "CA", "1.03"));
    assertEquals(
        Optional.of("row 1 (line 2), column 2 'mpi': expected '1.02' but was '1.03'"),
        CsvCells.firstDifference(expected, actual));
  }
}
