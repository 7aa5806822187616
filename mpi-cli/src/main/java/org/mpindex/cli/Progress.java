package org.mpindex.cli;

import java.io.PrintStream;

/**
 * A progress bar on stderr for runs over a few seconds: silent for the first two seconds, then
 * redrawn at most four times a second, and finished with a newline.
 */
final class Progress {
  private final PrintStream err;
  private final String what;
  private final long total;
  private final long started = System.nanoTime();
  private long lastDraw;
  private boolean drawn;

  Progress(PrintStream err, String what, long total) {
    this.err = err;
    this.what = what;
    this.total = Math.max(1, total);
  }

  void update(long done) {
    long now = System.nanoTime();
    if (now - started < 2_000_000_000L || now - lastDraw < 250_000_000L) {
      return;
    }
    lastDraw = now;
    drawn = true;
    int pct = (int) Math.min(100, done * 100 / total);
    int bars = pct / 5;
    err.print("\r[" + "=".repeat(bars) + " ".repeat(20 - bars) + "] " + pct + "% " + what);
    err.flush();
  }

  void done() {
    if (drawn) {
      err.print("\r[" + "=".repeat(20) + "] 100% " + what + "\n");
      err.flush();
    }
  }
}
