package org.mpindex.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mpindex.core.spi.MalformedRecordException;
import org.mpindex.core.text.Csv;
import org.mpindex.core.text.Echo;

/**
 * {@code --rejects FILE}: every row lenient mode rejected, with its file, line, column, reason and
 * message, so that a user can find them. Each text cell is escaped and cut ({@link Echo}) and
 * neutralised for spreadsheets ({@link Csv#textCell}). Written to a temporary file beside {@code FILE} ({@code
 * .FILE.tmp-<pid>}) while the run reads, renamed into place when the run completes; on failure the
 * temporary file is deleted, and temporary files of killed runs (their process gone, their first
 * line the header) are deleted by the next run.
 *
 * <p>It never replaces what a run did not write: {@code FILE} may not be an input of the run, a
 * symbolic link, a directory, a device or a FIFO, or lie in {@code --out}; an existing regular file
 * is replaced only when a run wrote it (its first line is {@link #HEADER}, the first line of every
 * rejects file) or with {@code --force}.
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
    return open(file, outDir, List.of(), false);
  }

  /**
   * Opens {@code --rejects file} after checking it.
   *
   * @param inputs the run's input files, which it may not be
   * @param force replace an existing regular file that a run did not write
   * @throws UsageException naming what {@code file} is instead
   */
  static Rejects open(Path file, OutputDir outDir, List<Path> inputs, boolean force) {
    Path path = file.toAbsolutePath().normalize();
    if (path.startsWith(outDir.target())) {
      throw new UsageException(
          "--rejects "
              + file
              + " lies in --out, which a run replaces as a whole: give a path"
              + " outside it");
    }
    if (Files.isSymbolicLink(path)) {
      throw new UsageException(
          "--rejects " + file + " is a symbolic link; give the path of a regular file");
    }
    if (Files.isDirectory(path)) {
      throw new UsageException("--rejects " + file + " is a directory; give a file name");
    }
    if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
      if (!Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
        throw new UsageException(
            "--rejects " + file + " is not a regular file (a device or a FIFO?); give a file name");
      }
      for (Path input : inputs) {
        if (sameFile(path, input)) {
          throw new UsageException(
              "--rejects " + file + " is an input of the run (" + input + "); give another file");
        }
      }
      if (!force && !written(path)) {
        throw new UsageException(
            "--rejects "
                + file
                + " exists and no run wrote it (its first line is not "
                + HEADER
                + "): give a new file, or --force to replace it");
      }
    }
    if (path.getParent() == null
        || !Files.isDirectory(path.getParent())
        || !Files.isWritable(path.getParent())) {
      throw new UsageException(
          "--rejects " + file + ": its directory does not exist or is not writable");
    }
    deleteLeftovers(path);
    Path temp =
        path.resolveSibling("." + path.getFileName() + ".tmp-" + ProcessHandle.current().pid());
    try {
      Writer w =
          new java.io.OutputStreamWriter(
              Files.newOutputStream(
                  temp,
                  StandardOpenOption.CREATE_NEW,
                  StandardOpenOption.WRITE,
                  LinkOption.NOFOLLOW_LINKS),
              StandardCharsets.UTF_8);
      w = new java.io.BufferedWriter(w);
      w.write(HEADER + "\n");
      return new Rejects(path, temp, w);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + temp + ": " + e.getMessage(), e);
    }
  }

  /** Whether a run wrote {@code f}: its first line is the header. */
  private static boolean written(Path f) {
    byte[] head = (HEADER + "\n").getBytes(StandardCharsets.UTF_8);
    try (java.io.InputStream in = Files.newInputStream(f, LinkOption.NOFOLLOW_LINKS)) {
      byte[] first = in.readNBytes(head.length);
      return java.util.Arrays.equals(first, head);
    } catch (IOException e) {
      return false;
    }
  }

  private static boolean sameFile(Path a, Path b) {
    try {
      return Files.isSameFile(a, b);
    } catch (IOException e) {
      return false;
    }
  }

  /** Deletes temporary rejects files of killed runs beside {@code path}. */
  private static void deleteLeftovers(Path path) {
    Pattern leftover = Pattern.compile(Pattern.quote("." + path.getFileName()) + "\\.tmp-(\\d+)");
    try (DirectoryStream<Path> s = Files.newDirectoryStream(path.getParent())) {
      for (Path p : s) {
        Matcher m = leftover.matcher(p.getFileName().toString());
        if (m.matches()
            && !ProcessHandle.of(Long.parseLong(m.group(1)))
                .map(ProcessHandle::isAlive)
                .orElse(false)
            && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)
            && written(p)) {
          Files.deleteIfExists(p);
        }
      }
    } catch (IOException | NumberFormatException e) {
      // best effort: a leftover stays until a later run
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
              + Csv.textCell(Echo.value(e.reason().text()))
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
