package org.mpindex.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/**
 * What the cluster test's helpers must get right whatever the input: {@link CsvCells} finds every
 * changed cell, and no other; {@link SparkLog} reads back any task line Spark writes and never takes
 * one task for another.
 */
class ClusterHelpersProperties {
  @Provide
  Arbitrary<List<List<String>>> tables() {
    return Arbitraries.integers()
        .between(1, 6)
        .flatMap(
            columns ->
                Arbitraries.strings()
                    .ofMaxLength(4)
                    .list()
                    .ofSize(columns)
                    .list()
                    .ofMinSize(1)
                    .ofMaxSize(8));
  }

  @Property
  void aTableDiffersFromItselfNowhere(@ForAll("tables") List<List<String>> table) {
    assertEquals(Optional.empty(), CsvCells.firstDifference(table, copy(table)));
  }

  /** One cell changed: the difference is that cell, named by row and column. */
  @Property
  void oneChangedCellIsTheDifferenceFound(
      @ForAll("tables") List<List<String>> table,
      @ForAll @IntRange(min = 0, max = 7) int row,
      @ForAll @IntRange(min = 0, max = 5) int column) {
    Assume.that(row < table.size() && column < table.get(0).size());
    List<List<String>> changed = copy(table);
    changed.get(row).set(column, table.get(row).get(column) + "x");
    Optional<String> diff = CsvCells.firstDifference(table, changed);
    assertTrue(diff.isPresent());
    assertTrue(
        diff.get().startsWith("row " + row + " (line " + (row + 1) + "), column " + column),
        diff.get());
  }

  /** A row missing at the end, or one too many: the row counts differ, every other cell is equal. */
  @Property
  void aMissingRowIsFound(@ForAll("tables") List<List<String>> table) {
    List<List<String>> shorter = copy(table).subList(0, table.size() - 1);
    assertTrue(
        CsvCells.firstDifference(table, shorter).orElseThrow().startsWith(table.size() + " rows"));
    assertTrue(
        CsvCells.firstDifference(shorter, table)
            .orElseThrow()
            .startsWith(shorter.size() + " rows"));
  }

  /**
   * The line Spark 4.0's {@code TaskSetManager} writes when it starts a task (host, then {@code
   * executor N} after a comma, as the driver's log of the cluster test shows) reads back as the task.
   */
  @Property
  void aTaskStartReadsBack(
      @ForAll @IntRange(min = 0, max = 9999) int index,
      @ForAll @IntRange(min = 0, max = 3) int attempt,
      @ForAll @IntRange(min = 0, max = 9999) int stage,
      @ForAll @LongRange(min = 0, max = 9_999_999) long tid,
      @ForAll @IntRange(min = 0, max = 999) int executor,
      @ForAll boolean spaceAfterHost) {
    String line =
        "23:38:07.229 INFO TaskSetManager: Starting task "
            + index
            + "."
            + attempt
            + " in stage "
            + stage
            + ".0 (TID "
            + tid
            + ") (127.0.0.1,"
            + (spaceAfterHost ? " " : "")
            + "executor "
            + executor
            + ", partition "
            + index
            + ", NODE_LOCAL, 9804 bytes) ";
    assertEquals(
        Optional.of(
            new SparkLog.TaskStart(index + "." + attempt, stage, tid, String.valueOf(executor))),
        SparkLog.taskStart(line));
  }

  /** Task 2's lines never say anything of task 22 or 12, nor the other way round. */
  @Property
  void oneTaskIsNeverTakenForAnother(
      @ForAll @LongRange(min = 0, max = 999_999) long tid,
      @ForAll @LongRange(min = 0, max = 999_999) long other) {
    Assume.that(tid != other);
    String finished =
        "Finished task 2.0 in stage 37.0 (TID " + tid + ") in 6058 ms on 127.0.0.1 (executor 0)";
    String failed =
        "task 0.0 in stage 21.0 (TID "
            + tid
            + ") failed because while it was being computed, its executor exited for a reason"
            + " unrelated to the task.";
    assertTrue(SparkLog.finished(finished, tid));
    assertFalse(SparkLog.finished(finished, other));
    assertTrue(SparkLog.lost(failed, tid));
    assertFalse(SparkLog.lost(failed, other));
    assertFalse(SparkLog.lost(finished, tid));
    assertFalse(SparkLog.finished(failed, tid));
  }

  private static List<List<String>> copy(List<List<String>> table) {
    List<List<String>> copy = new ArrayList<>();
    for (List<String> row : table) {
      copy.add(new ArrayList<>(row));
    }
    return copy;
  }
}
