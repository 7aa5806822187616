package org.mpindex.spark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The lines of a Spark driver's log (its scheduler at level INFO) that say which task runs where,
 * as Spark 4.0's {@code DAGScheduler} and {@code TaskSetManager} write them:
 *
 * <pre>
 * Submitting 4 missing tasks from ResultStage 37 (MapPartitionsRDD[80] at treeReduce at ...)
 * Starting task 2.0 in stage 37.0 (TID 44) (127.0.0.1,executor 0, partition 2, ...)
 * Finished task 2.0 in stage 37.0 (TID 44) in 6058 ms on 127.0.0.1 (executor 0) (3/4)
 * task 2.0 in stage 37.0 (TID 44) failed because while it was being computed, its executor exited ...
 * </pre>
 */
final class SparkLog {
  private SparkLog() {}

  /** A task the driver sent to an executor: task "index.attempt", stage id, task id, executor id. */
  record TaskStart(String task, int stage, long tid, String executor) {}

  private static final Pattern START =
      Pattern.compile(
          "Starting task (\\S+) in stage (\\d+)\\.\\d+ \\(TID (\\d+)\\) \\([^,]*, ?executor (\\S+?),");
  private static final Pattern RESULT_STAGE =
      Pattern.compile("Submitting (\\d+) missing tasks from ResultStage (\\d+) ");

  /** The task a "Starting task" line starts; empty for any other line. */
  static Optional<TaskStart> taskStart(String line) {
    Matcher m = START.matcher(line);
    if (!m.find()) {
      return Optional.empty();
    }
    return Optional.of(
        new TaskStart(
            m.group(1), Integer.parseInt(m.group(2)), Long.parseLong(m.group(3)), m.group(4)));
  }

  /**
   * The stage id of a result stage (one that computes what an action returns, such as the
   * partials of a fold) submitted with exactly {@code tasks} tasks; empty for any other line.
   */
  static OptionalInt resultStage(String line, int tasks) {
    Matcher m = RESULT_STAGE.matcher(line);
    if (m.find() && Integer.parseInt(m.group(1)) == tasks) {
      return OptionalInt.of(Integer.parseInt(m.group(2)));
    }
    return OptionalInt.empty();
  }

  /** Whether {@code log} says task {@code tid} finished (succeeded). */
  static boolean finished(String log, long tid) {
    return Pattern.compile("Finished task \\S+ in stage \\S+ \\(TID " + tid + "\\)")
        .matcher(log)
        .find();
  }

  /**
   * Whether {@code log} says task {@code tid} failed, to be run again: {@code Lost task ...} (a
   * failure that counts towards {@code spark.task.maxFailures}) or, for a task whose executor died
   * under it, {@code task 2.0 in stage 37.0 (TID 44) failed because while it was being computed, its
   * executor exited for a reason unrelated to the task}.
   */
  static boolean lost(String log, long tid) {
    String task = "task \\S+ in stage \\S+ \\(TID " + tid + "\\)";
    return Pattern.compile("Lost " + task).matcher(log).find()
        || Pattern.compile(task + " failed because").matcher(log).find();
  }

  /** The lines appended to a log file since the last call (complete lines only). */
  static final class Tail {
    private final Path file;
    private long consumed;

    Tail(Path file) {
      this.file = file;
    }

    List<String> newLines() throws IOException {
      if (!Files.exists(file)) {
        return List.of();
      }
      byte[] all = Files.readAllBytes(file);
      int end = all.length;
      while (end > consumed && all[end - 1] != '\n') {
        end--;
      }
      if (end <= consumed) {
        return List.of();
      }
      String text = new String(all, (int) consumed, end - (int) consumed, StandardCharsets.UTF_8);
      consumed = end;
      return new ArrayList<>(text.lines().toList());
    }
  }
}
