package org.mpindex.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * {@code --out} is replaced only when it holds nothing but what a run wrote, unchanged: for any
 * earlier run's directory edited at random by a user (files added, edited, deleted, replaced by a
 * folder or a link), {@link OutputDir#check} refuses exactly when an entry is not an unchanged file
 * of the run, a refusal leaves every entry as it was, and an accepted directory is replaced whole by
 * the new outputs.
 */
class OutputDirProperties {

  /** One user edit of the directory. */
  record Edit(int kind, String name, String text) {}

  @Provide
  Arbitrary<List<Edit>> edits() {
    Arbitrary<Edit> edit =
        Combinators.combine(
                Arbitraries.integers().between(0, 4),
                Arbitraries.of(
                    "series.csv",
                    "groups.csv",
                    "report.html",
                    "spec.txt",
                    "thesis.docx",
                    ".mpi-out"),
                Arbitraries.strings().alpha().ofMaxLength(5))
            .as(Edit::new);
    return edit.list().ofMaxSize(3);
  }

  @Property(tries = 300)
  void onlyAnUnchangedRunDirectoryIsReplaced(@ForAll("edits") List<Edit> edits) throws IOException {
    Path dir = Files.createTempDirectory("out-prop");
    try {
      Path target = dir.resolve("out");
      OutputDir first = OutputDir.check(target);
      Path tmp = first.begin();
      Map<String, String> written = new TreeMap<>();
      for (String f : List.of("series.csv", "groups.csv", "spec.txt")) {
        Files.writeString(tmp.resolve(f), "run " + f);
        written.put(f, "run " + f);
      }
      first.commit();
      boolean recordEdited = false;
      for (Edit e : edits) {
        Path p = target.resolve(e.name());
        switch (e.kind()) {
          case 0 -> { // write a file (new, or over an output or the record)
            if (!Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
              Files.deleteIfExists(p);
              Files.writeString(p, e.text());
              recordEdited |= e.name().equals(OutputDir.MARKER);
            }
          }
          case 1 -> { // delete a file of the run (the rest is still the run's)
            if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)
                && !e.name().equals(OutputDir.MARKER)) {
              Files.delete(p);
            }
          }
          case 2 -> { // a folder under the name
            if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
              Files.createDirectory(p);
              Files.writeString(p.resolve("inside.txt"), "mine");
            }
          }
          case 3 -> { // a symbolic link under the name
            if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
              Files.createSymbolicLink(p, dir.resolve("elsewhere"));
            }
          }
          default -> { // nothing
          }
        }
      }
      // expected from the final state: every entry but the intact record is a file the run wrote,
      // as it wrote it
      boolean ours = !recordEdited;
      try (Stream<Path> s = Files.list(target)) {
        for (Path p : s.toList()) {
          String name = p.getFileName().toString();
          if (name.equals(OutputDir.MARKER)) {
            continue;
          }
          ours &=
              Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)
                  && written.containsKey(name)
                  && Files.readString(p).equals(written.get(name));
        }
      }
      Map<String, String> before = snapshot(dir);
      boolean accepted;
      OutputDir second = null;
      try {
        second = OutputDir.check(target);
        accepted = true;
      } catch (UsageException refused) {
        accepted = false;
      }
      assertEquals(ours, accepted, before.toString());
      if (!accepted) {
        assertEquals(before, snapshot(dir), "a refusal touches nothing");
      } else {
        Files.writeString(second.begin().resolve("series.csv"), "new");
        second.commit();
        assertEquals("new", Files.readString(target.resolve("series.csv")));
        try (Stream<Path> s = Files.list(target)) {
          assertEquals(
              List.of(OutputDir.MARKER, "series.csv"),
              s.map(p -> p.getFileName().toString()).sorted().toList());
        }
        try (Stream<Path> s = Files.list(dir)) {
          assertTrue(
              s.noneMatch(p -> p.getFileName().toString().startsWith(".out.")), "no leftover");
        }
      }
    } finally {
      try (Stream<Path> s = Files.walk(dir)) {
        for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  /** Every path under {@code dir} (links not followed) with its content, or its kind. */
  static Map<String, String> snapshot(Path dir) throws IOException {
    Map<String, String> m = new TreeMap<>();
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.toList()) {
        String key = dir.relativize(p).toString();
        if (Files.isSymbolicLink(p)) {
          m.put(key, "link to " + Files.readSymbolicLink(p));
        } else if (Files.isDirectory(p)) {
          m.put(key, "dir");
        } else {
          m.put(key, new String(Files.readAllBytes(p), StandardCharsets.UTF_8));
        }
      }
    }
    return m;
  }
}
