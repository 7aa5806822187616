package org.mpindex.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The output directory of a run, written atomically: the files go into a temporary directory beside
 * {@code --out} ({@code .name.tmp-<pid>}), which replaces {@code --out} only once every file is
 * complete. On any failure (a full disk, an exception, SIGTERM or SIGINT) the temporary directory is
 * deleted and the previous outputs stay exactly as they were.
 *
 * <p><b>Only what a run wrote is ever replaced.</b> Every directory a run writes holds a record,
 * {@value #MARKER}, naming each file with its size and SHA-256 digest. {@code --out} is replaced
 * only when it does not exist, is empty, or holds nothing but the files its record names, each
 * unchanged (a regular file, not a folder or a link, of the recorded size and digest); anything
 * else (a user's file, a folder named {@code series.csv}, an edited output, a directory written by
 * an older mpi without the record) is a usage error naming it, and nothing is touched. {@code --out}
 * may not be the file system root, the working directory or one holding it, or a symbolic link.
 *
 * <p><b>Replacing.</b> A new or empty {@code --out} is replaced by one atomic rename (rename(2) of
 * the temporary directory onto it). A directory holding an earlier run's outputs is replaced by one
 * atomic exchange of the two directories ({@link DirectoryExchange}: Linux renameat2
 * RENAME_EXCHANGE, macOS renamex_np RENAME_SWAP), after which the temporary name holds the earlier
 * outputs and is deleted: at no moment is {@code --out} missing or mixed. Where the system cannot
 * swap (another OS, a file system refusing the flag), it falls back to two renames: {@code --out} to
 * {@code .name.old-<pid>}, then the temporary directory to {@code --out}; SIGTERM and SIGINT wait
 * for both, and only SIGKILL or a power loss between the two (microseconds) can leave {@code --out}
 * missing, with the earlier outputs whole in {@code .name.old-<pid>}: the next run with that {@code
 * --out} puts them back before anything else. Leftovers of killed runs ({@code .name.tmp-<pid>},
 * {@code .name.old-<pid>} holding a record, whose process is gone) are deleted by the next run.
 */
final class OutputDir {
  /** The record of what a run wrote, in every output directory. */
  static final String MARKER = ".mpi-out";

  private static final String MARKER_FIRST_LINE =
      "# mpi output directory: the files a run wrote (name, bytes, SHA-256);"
          + " a later run replaces the directory only while they are all unchanged";

  private static final String IN_PROGRESS = "# mpi output directory being written";

  private final Path target;
  private final Path temp;
  private final Path old;
  private final Thread cleanup;
  private final Object lock = new Object();
  private boolean done;
  // how the last commit replaced an earlier run's outputs (for tests): one exchange, or two renames
  private boolean replacedAtomically;

  private OutputDir(Path target) {
    this.target = target;
    Path parent = target.getParent();
    long pid = ProcessHandle.current().pid();
    this.temp = parent.resolve("." + target.getFileName() + ".tmp-" + pid);
    this.old = parent.resolve("." + target.getFileName() + ".old-" + pid);
    this.cleanup = new Thread(this::discard, "mpi-output-cleanup");
  }

  /**
   * Checks {@code --out} before the run computes anything; puts back the outputs of a run killed
   * between its two renames and deletes leftovers of killed runs.
   *
   * @throws UsageException naming what is wrong: the root, the working directory, a symbolic link, a
   *     file, a directory holding anything a run did not write, a parent that does not exist or
   *     cannot be written
   */
  static OutputDir check(Path out) {
    Path target = out.toAbsolutePath().normalize();
    if (target.getParent() == null || target.getFileName() == null) {
      throw new UsageException(
          "--out " + out + " is the root of the file system; give a directory for the outputs");
    }
    Path cwd = Path.of("").toAbsolutePath().normalize();
    if (cwd.startsWith(target) || realPath(cwd).startsWith(realPath(target))) {
      throw new UsageException(
          "--out "
              + out
              + " is the working directory or holds it, which a run would replace;"
              + " give a new directory for the outputs");
    }
    if (Files.isSymbolicLink(target)) {
      throw new UsageException(
          "--out " + out + " is a symbolic link; give the directory itself (a run replaces --out)");
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
    OutputDir d = new OutputDir(target);
    d.recover();
    if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)
        && !Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
      throw new UsageException("--out " + out + " is a file, not a directory");
    }
    d.verifyOurs(out.toString());
    return d;
  }

  /**
   * Deletes what killed runs left beside {@code --out} (their process gone, the entry holding a
   * record), after putting back {@code --out} if a run was killed between its two renames.
   */
  private void recover() {
    Pattern leftover =
        Pattern.compile(Pattern.quote("." + target.getFileName()) + "\\.(tmp|old)-(\\d+)");
    List<Path> tmps = new ArrayList<>();
    List<Path> olds = new ArrayList<>();
    try (DirectoryStream<Path> s = Files.newDirectoryStream(target.getParent())) {
      for (Path p : s) {
        Matcher m = leftover.matcher(p.getFileName().toString());
        if (m.matches()
            && !alive(Long.parseLong(m.group(2)))
            && Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)
            && Files.isRegularFile(p.resolve(MARKER), LinkOption.NOFOLLOW_LINKS)) {
          (m.group(1).equals("tmp") ? tmps : olds).add(p);
        }
      }
    } catch (IOException | NumberFormatException e) {
      return; // nothing to clean that can be listed
    }
    try {
      if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !olds.isEmpty()) {
        // killed between the two renames: the latest earlier outputs go back
        Path latest = olds.stream().max(Comparator.comparing(OutputDir::modified)).orElseThrow();
        Files.move(latest, target, StandardCopyOption.ATOMIC_MOVE);
        olds.remove(latest);
      }
      for (Path p : tmps) {
        deleteTree(p);
      }
      for (Path p : olds) {
        deleteTree(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot clean up what a killed run left beside " + target + ": " + e.getMessage(), e);
    }
  }

  private static java.nio.file.attribute.FileTime modified(Path p) {
    try {
      return Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS);
    } catch (IOException e) {
      return java.nio.file.attribute.FileTime.fromMillis(0);
    }
  }

  private static boolean alive(long pid) {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }

  /**
   * Whether {@code target} is absent, empty, or holds only the unchanged files its record names.
   *
   * @throws UsageException naming the first entry that is not so
   */
  private void verifyOurs(String given) {
    if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    List<Path> entries = new ArrayList<>();
    try (DirectoryStream<Path> s = Files.newDirectoryStream(target)) {
      s.forEach(entries::add);
    } catch (IOException e) {
      throw new UsageException("--out " + given + " cannot be listed: " + e.getMessage());
    }
    if (entries.isEmpty()) {
      return;
    }
    String refusal =
        ": the directory is replaced as a whole, so only what a run wrote may be in it;"
            + " give a new or empty directory";
    Path marker = target.resolve(MARKER);
    Optional<Map<String, String>> record = readRecord(marker);
    if (record.isEmpty()) {
      Path first = entries.stream().min(Comparator.naturalOrder()).orElseThrow();
      throw new UsageException(
          "--out "
              + given
              + " holds "
              + first.getFileName()
              + ", which a run does not write (no record "
              + MARKER
              + " of a run that wrote the directory)"
              + refusal);
    }
    for (Path p : entries) {
      String name = p.getFileName().toString();
      if (name.equals(MARKER)) {
        continue;
      }
      String recorded = record.get().get(name);
      if (recorded == null) {
        throw new UsageException(
            "--out " + given + " holds " + name + ", which a run does not write" + refusal);
      }
      if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
        throw new UsageException(
            "--out "
                + given
                + " holds "
                + name
                + ", which is not the file a run wrote (a folder or a link)"
                + refusal);
      }
      if (!recorded.equals(sizeAndDigest(p))) {
        throw new UsageException(
            "--out "
                + given
                + " holds "
                + name
                + ", changed since the run that wrote it (size or SHA-256)"
                + refusal);
      }
    }
  }

  /** The record's entries (name to "bytes digest"), or empty when there is none. */
  private static Optional<Map<String, String>> readRecord(Path marker) {
    if (!Files.isRegularFile(marker, LinkOption.NOFOLLOW_LINKS)) {
      return Optional.empty();
    }
    List<String> lines;
    try {
      lines = Files.readAllLines(marker, StandardCharsets.UTF_8);
    } catch (IOException | UncheckedIOException e) {
      return Optional.empty();
    }
    if (lines.isEmpty() || !lines.get(0).equals(MARKER_FIRST_LINE)) {
      return Optional.empty();
    }
    Map<String, String> entries = new TreeMap<>();
    for (String line : lines.subList(1, lines.size())) {
      // name<TAB>bytes digest: a tab never appears in the names a run writes
      int tab = line.indexOf('\t');
      if (tab > 0) {
        entries.put(line.substring(0, tab), line.substring(tab + 1));
      }
    }
    return Optional.of(entries);
  }

  /** "bytes sha256-hex" of a file. */
  static String sizeAndDigest(Path f) {
    try (InputStream in = Files.newInputStream(f, LinkOption.NOFOLLOW_LINKS)) {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      byte[] buf = new byte[1 << 16];
      long size = 0;
      for (int n; (n = in.read(buf)) > 0; ) {
        md.update(buf, 0, n);
        size += n;
      }
      return size + " " + HexFormat.of().formatHex(md.digest());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + f + ": " + e.getMessage(), e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java platform", e);
    }
  }

  /** Creates the temporary directory the run writes into, removed on SIGTERM/SIGINT until committed. */
  Path begin() {
    try {
      if (Files.exists(temp, LinkOption.NOFOLLOW_LINKS)) {
        throw new IOException(temp + " exists (a run of this process id is under way?)");
      }
      Files.createDirectory(temp);
      // a record from the start: a killed run's directory is recognised as a run's and deleted
      Files.writeString(temp.resolve(MARKER), IN_PROGRESS + "\n", StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + temp + ": " + e.getMessage(), e);
    }
    Runtime.getRuntime().addShutdownHook(cleanup);
    return temp;
  }

  /**
   * Replaces {@code --out} with the complete temporary directory, after checking again that {@code
   * --out} holds only what a run wrote.
   */
  void commit() {
    synchronized (lock) {
      try {
        writeRecord();
        verifyOurs(target.toString());
        if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS) || isEmptyDirectory(target)) {
          // one atomic rename: rename(2) replaces a missing or empty directory
          Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
          done = true;
        } else if (DirectoryExchange.exchange(temp, target)
            == DirectoryExchange.Outcome.EXCHANGED) {
          // one atomic step: --out holds the new outputs, the temporary name the earlier ones
          done = true;
          replacedAtomically = true;
          deleteTree(temp);
        } else {
          Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
          Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
          done = true;
          replacedAtomically = false;
          deleteTree(old);
        }
      } catch (IOException e) {
        // put the previous outputs back if they were moved away
        try {
          if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)
              && Files.exists(old, LinkOption.NOFOLLOW_LINKS)) {
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
  }

  /** Writes the record of the files in the temporary directory, last. */
  private void writeRecord() throws IOException {
    StringBuilder b = new StringBuilder(MARKER_FIRST_LINE).append('\n');
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> s = Files.newDirectoryStream(temp)) {
      s.forEach(files::add);
    }
    files.sort(Comparator.naturalOrder());
    for (Path f : files) {
      String name = f.getFileName().toString();
      if (!name.equals(MARKER) && Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
        b.append(name).append('\t').append(sizeAndDigest(f)).append('\n');
      }
    }
    Files.writeString(temp.resolve(MARKER), b.toString(), StandardCharsets.UTF_8);
  }

  private static boolean isEmptyDirectory(Path p) throws IOException {
    try (DirectoryStream<Path> s = Files.newDirectoryStream(p)) {
      return !s.iterator().hasNext();
    }
  }

  /** Deletes the temporary directory; the previous outputs are untouched. */
  void discard() {
    // a signal during commit waits for both renames to end
    synchronized (lock) {
      if (!done) {
        try {
          deleteTree(temp);
        } catch (IOException ignored) {
          // best effort: a stale temporary directory is deleted by the next run
        }
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

  /** Whether the commit replaced an earlier run's outputs by one atomic exchange (for tests). */
  boolean replacedAtomically() {
    synchronized (lock) {
      return replacedAtomically;
    }
  }

  private static Path realPath(Path p) {
    try {
      return p.toRealPath();
    } catch (IOException e) {
      return p;
    }
  }

  private static void deleteTree(Path p) throws IOException {
    if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> s = Files.walk(p)) {
      for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(q);
      }
    }
  }

  /** The names in {@code dir}'s record, for tests. */
  static Set<String> recorded(Path dir) {
    return readRecord(dir.resolve(MARKER)).map(Map::keySet).orElse(Set.of());
  }
}
