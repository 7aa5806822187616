package org.mpindex.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.mpindex.core.spi.MalformedRecordException;
import org.mpindex.core.text.Csv;
import org.mpindex.core.text.Echo;

/**
 * {@code --rejects FILE}: every row lenient mode rejected, with its file, line, column, reason and
 * message, so that a user can find them. Each text cell is escaped and cut ({@link Echo}) and
 * neutralised for spreadsheets ({@link Csv#textCell}). Written to a temporary file beside {@code FILE} while the
 * run reads, renamed into place when the run completes; on failure the temporary file is deleted.
 */
final class Rejects {
  static final String HEADER = "file,line,column,reason,message";

  private final Path path;
  private final Path temp;
  private final Writer out;
  private long count;
  private boolean committed;

  private Rejects(Path path, Path temp, Writer out) {
    this.path = path;
    this.temp = temp;
    this.out = out;
  }

  static Rejects open(Path file, OutputDir outDir) {
    Path path = file.toAbsolutePath().normalize();
    if (path.startsWith(outDir.target())) {
      throw new UsageException(
          "--rejects "
              + file
              + " lies in --out, which a run replaces as a whole: give a path"
              + " outside it");
    }
    if (Files.isDirectory(path)) {
      throw new UsageException("--rejects " + file + " is a directory; give a file name");
    }
    if (path.getParent() == null
        || !Files.isDirectory(path.getParent())
        || !Files.isWritable(path.getParent())) {
      throw new UsageException(
          "--rejects " + file + ": its directory does not exist or is not writable");
    }
    Path temp =
        path.resolveSibling("." + path.getFileName() + ".tmp-" + ProcessHandle.current().pid());
    try {
      Writer w = Files.newBufferedWriter(temp, StandardCharsets.UTF_8);
      w.write(HEADER + "\n");
      return new Rejects(path, temp, w);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + temp + ": " + e.getMessage(), e);
    }
  }

  void add(MalformedRecordException e) {
    try {
      // every cell can come from data or a file name: escaped, cut and neutralised (Echo, Csv)
      out.write(
          Csv.textCell(Echo.value(e.file()))
              + ","
              + e.line()
              + ","
              + Csv.textCell(e.column() == null ? "" : Echo.value(e.column()))
              + ","
              + Csv.textCell(Echo.value(e.reason()))
              + ","
              + Csv.textCell(Echo.escape(e.getMessage()))
              + "\n");
      count++;
    } catch (IOException ex) {
      throw new UncheckedIOException("cannot write " + temp + ": " + ex.getMessage(), ex);
    }
  }

  void commit() {
    try {
      out.close();
      Files.move(temp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      committed = true;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + path + ": " + e.getMessage(), e);
    }
  }

  /** Deletes the temporary file unless committed. */
  void discard() {
    if (!committed) {
      try {
        out.close();
        Files.deleteIfExists(temp);
      } catch (IOException ignored) {
        // best effort
      }
    }
  }

  Path path() {
    return path;
  }

  long count() {
    return count;
  }
}
