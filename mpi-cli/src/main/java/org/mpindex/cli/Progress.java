package org.mpindex.cli;

import java.io.PrintStream;

/**
 * A progress bar on stderr for runs over a few seconds: silent for the first two seconds, then
 * redrawn at most four times a second, and finished with a newline. Drawn only when the command
 * runs on a terminal ({@link #onTerminal}): redirected to a file or a pipe, stderr gets no
 * carriage returns and no bar.
 */
final class Progress {
  private final PrintStream err;
  private final String what;
  private final long total;
  private final boolean terminal;
  private final long started = System.nanoTime();
  private long lastDraw;
  private boolean drawn;

  Progress(PrintStream err, String what, long total) {
    this(err, what, total, onTerminal());
  }

  /** A bar drawn on {@code err} only when {@code terminal}. */
  Progress(PrintStream err, String what, long total, boolean terminal) {
    this.err = ConsoleStream.raw(err);
    this.what = org.mpindex.core.text.Echo.value(what);
    this.total = Math.max(1, total);
    this.terminal = terminal;
  }

  /**
   * Whether the JVM's standard streams are a terminal: {@code System.console()} is there and, on
   * Java 22 or later (where it is there for redirected streams too), says it is a terminal.
   */
  @SuppressWarnings("SystemConsoleNull") // isTerminal is asked for where it exists (Java 22+)
  static boolean onTerminal() {
    java.io.Console console = System.console();
    if (console == null) {
      return false;
    }
    try {
      return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return true; // Java 17 to 21: a console is a terminal
    }
  }

  void update(long done) {
    if (!terminal) {
      return;
    }
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
