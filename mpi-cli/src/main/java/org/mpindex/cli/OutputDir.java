package org.mpindex.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The output directory of a run, written atomically: the files go into a temporary directory beside
 * {@code --out} ({@code .name.tmp-<pid>}), which replaces {@code --out} by renaming only once every
 * file is complete. On any failure (a full disk, an exception, SIGTERM or SIGINT) the temporary
 * directory is deleted and the previous outputs stay exactly as they were.
 *
 * <p>{@link #check} runs before any computation: {@code --out} must be a directory (or not exist)
 * whose parent is writable, holding nothing but what a run writes, since the whole directory is
 * replaced.
 */
final class OutputDir {
  /** What a run writes; a directory holding anything else is not replaced. */
  static final Set<String> OUR_FILES =
      Set.of(
          "series.csv",
          "groups.csv",
          "report.html",
          "spec.txt",
          "rejects.csv",
          "sensitivity.csv",
          "sensitivity-ranks.csv",
          "standard.csv",
          "realtime.csv");

  private final Path target;
  private final Path temp;
  private final Thread cleanup;
  private volatile boolean done;

  private OutputDir(Path target) {
    this.target = target.toAbsolutePath().normalize();
    Path parent = this.target.getParent();
    this.temp =
        parent.resolve("." + this.target.getFileName() + ".tmp-" + ProcessHandle.current().pid());
    this.cleanup = new Thread(this::discard, "mpi-output-cleanup");
  }

  /**
   * Checks {@code --out} before the run computes anything.
   *
   * @throws UsageException naming what is wrong: a file, a directory holding other files, a parent
   *     that does not exist or cannot be written
   */
  static OutputDir check(Path out) {
    OutputDir d = new OutputDir(out);
    Path target = d.target;
    if (Files.exists(target) && !Files.isDirectory(target)) {
      throw new UsageException("--out " + out + " is a file, not a directory");
    }
    if (Files.isDirectory(target)) {
      try (DirectoryStream<Path> s = Files.newDirectoryStream(target)) {
        for (Path p : s) {
          if (!OUR_FILES.contains(p.getFileName().toString())) {
            throw new UsageException(
                "--out "
                    + out
                    + " holds "
                    + p.getFileName()
                    + ", which a run does not write;"
                    + " the directory is replaced as a whole: give a new or empty directory, or one an earlier run wrote");
          }
        }
      } catch (IOException e) {
        throw new UsageException("--out " + out + " cannot be listed: " + e.getMessage());
      }
    }
    Path parent = target.getParent();
    if (!Files.isDirectory(parent)) {
      throw new UsageException(
          "--out " + out + ": its parent directory " + parent + " does not exist");
    }
    if (!Files.isWritable(parent)) {
      throw new UsageException(
          "--out " + out + ": its parent directory " + parent + " is not writable");
    }
    return d;
  }

  /** Creates the temporary directory the run writes into, removed on SIGTERM/SIGINT until committed. */
  Path begin() {
    try {
      deleteTree(temp);
      Files.createDirectory(temp);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + temp + ": " + e.getMessage(), e);
    }
    Runtime.getRuntime().addShutdownHook(cleanup);
    return temp;
  }

  /** Replaces {@code --out} with the complete temporary directory. */
  void commit() {
    Path old =
        temp.resolveSibling("." + target.getFileName() + ".old-" + ProcessHandle.current().pid());
    try {
      if (Files.exists(target)) {
        Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
      }
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
      done = true;
      deleteTree(old);
    } catch (IOException e) {
      // put the previous outputs back if they were moved away
      try {
        if (!Files.exists(target) && Files.exists(old)) {
          Files.move(old, target, StandardCopyOption.ATOMIC_MOVE);
        }
      } catch (IOException ignored) {
        // the message below names both directories
      }
      throw new UncheckedIOException(
          "cannot move the outputs into " + target + ": " + e.getMessage(), e);
    } finally {
      removeHook();
    }
  }

  /** Deletes the temporary directory; the previous outputs are untouched. */
  void discard() {
    if (!done) {
      try {
        deleteTree(temp);
      } catch (IOException ignored) {
        // best effort: a stale temporary directory is replaced by the next run
      }
    }
  }

  /** Discards the temporary directory after a failure. */
  void abort() {
    discard();
    removeHook();
  }

  private void removeHook() {
    try {
      Runtime.getRuntime().removeShutdownHook(cleanup);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running or has run
    }
  }

  Path target() {
    return target;
  }

  private static void deleteTree(Path p) throws IOException {
    if (!Files.exists(p)) {
      return;
    }
    try (Stream<Path> s = Files.walk(p)) {
      for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(q);
      }
    }
  }
}
