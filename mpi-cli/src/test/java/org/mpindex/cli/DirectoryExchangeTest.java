package org.mpindex.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Platform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --out} replacement is one atomic step (issue 25, point 2): an earlier run's outputs are
 * swapped with the new ones by one exchange of directories, so no observer ever finds {@code --out}
 * missing or half replaced; where the system cannot swap, two renames (the documented fallback).
 */
class DirectoryExchangeTest {
  @TempDir Path dir;

  @Test
  void twoDirectoriesSwapInOneStep() throws IOException {
    Path a = Files.createDirectory(dir.resolve("a"));
    Path b = Files.createDirectory(dir.resolve("b"));
    Files.writeString(a.resolve("x"), "in a");
    Files.writeString(b.resolve("y"), "in b");
    DirectoryExchange.Outcome o = DirectoryExchange.exchange(a, b);
    if (Platform.isLinux() || Platform.isMac()) {
      // this project's build machines (Linux ext4 and tmpfs, macOS APFS) support the swap
      assertEquals(DirectoryExchange.Outcome.EXCHANGED, o);
      assertEquals("in b", Files.readString(a.resolve("y")));
      assertEquals("in a", Files.readString(b.resolve("x")));
      assertFalse(Files.exists(a.resolve("x")));
      assertFalse(Files.exists(b.resolve("y")));
    } else {
      assertEquals(DirectoryExchange.Outcome.UNSUPPORTED, o);
      assertEquals("in a", Files.readString(a.resolve("x")), "nothing changed");
    }
  }

  @Test
  void aMissingDirectoryIsAnErrorNamingBoth() throws IOException {
    Path a = Files.createDirectory(dir.resolve("a"));
    Path gone = dir.resolve("gone");
    if (Platform.isLinux()) {
      IOException e =
          org.junit.jupiter.api.Assertions.assertThrows(
              IOException.class, () -> DirectoryExchange.exchange(a, gone));
      assertTrue(
          e.getMessage().contains(a.toString()) && e.getMessage().contains("gone"), e.getMessage());
      assertTrue(Files.isDirectory(a), "nothing changed");
    }
  }

  /** Writes one run's outputs ({@code series.csv} saying {@code text}) through {@link OutputDir}. */
  private static OutputDir write(Path out, String text) throws IOException {
    OutputDir d = OutputDir.check(out);
    Path tmp = d.begin();
    Files.writeString(tmp.resolve("series.csv"), text);
    d.commit();
    return d;
  }

  @Test
  void anEarlierRunsOutputsAreReplacedAtomicallyAndNeverSeenMissing() throws Exception {
    Path out = dir.resolve("out");
    write(out, "run 0");
    AtomicBoolean stop = new AtomicBoolean();
    AtomicLong missing = new AtomicLong();
    AtomicLong looks = new AtomicLong();
    Thread observer =
        new Thread(
            () -> {
              while (!stop.get()) {
                looks.incrementAndGet();
                if (!Files.isRegularFile(out.resolve("series.csv"))) {
                  missing.incrementAndGet();
                }
              }
            });
    observer.start();
    try {
      for (int run = 1; run <= 100; run++) {
        OutputDir d = write(out, "run " + run);
        if (Platform.isLinux() || Platform.isMac()) {
          assertTrue(d.replacedAtomically(), "run " + run + " replaced by one exchange");
        }
      }
    } finally {
      stop.set(true);
      observer.join();
    }
    assertEquals("run 100", Files.readString(out.resolve("series.csv")));
    assertTrue(looks.get() > 0);
    if (Platform.isLinux() || Platform.isMac()) {
      assertEquals(
          0, missing.get(), "--out was seen missing " + missing + " of " + looks + " times");
    }
    try (var s = Files.list(dir)) {
      assertEquals(java.util.List.of(out), s.toList(), "no temporary or old directory left");
    }
  }

  @Test
  void withoutTheSwapTwoRenamesStillReplaceTheOutputs() throws Exception {
    Path out = dir.resolve("out");
    write(out, "first");
    DirectoryExchange.enabled = false;
    try {
      OutputDir d = write(out, "second");
      assertFalse(d.replacedAtomically());
    } finally {
      DirectoryExchange.enabled = true;
    }
    assertEquals("second", Files.readString(out.resolve("series.csv")));
    try (var s = Files.list(dir)) {
      assertEquals(java.util.List.of(out), s.toList(), "no temporary or old directory left");
    }
  }
}
