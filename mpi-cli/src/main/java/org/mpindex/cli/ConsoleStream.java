package org.mpindex.cli;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.mpindex.core.text.Echo;

/**
 * Standard output or error with every printed text passed through {@link
 * Echo#escapeKeepingLayout}: a control character from data, a file name or an argument (ESC, an
 * OSC sequence, a carriage return, NUL, a bidirectional override) is printed as <code>&#92;u001B
 * </code> and the like, never raw; line feeds and tabs the command writes itself are kept. Only the
 * progress bar, on a terminal, writes a carriage return, through {@link #raw}.
 */
final class ConsoleStream extends PrintStream {
  private final PrintStream raw;

  private ConsoleStream(PrintStream raw) {
    super(raw, true, StandardCharsets.UTF_8);
    this.raw = raw;
  }

  /** {@code stream} escaping what is printed (itself when it already does). */
  static PrintStream of(PrintStream stream) {
    return stream instanceof ConsoleStream ? stream : new ConsoleStream(stream);
  }

  /** The stream under {@code stream}, printing control characters as they are. */
  static PrintStream raw(PrintStream stream) {
    return stream instanceof ConsoleStream c ? c.raw : stream;
  }

  @Override
  public void print(String s) {
    super.print(Echo.escapeKeepingLayout(String.valueOf(s)));
  }

  @Override
  public void print(Object o) {
    print(String.valueOf(o));
  }

  @Override
  public void print(char c) {
    print(String.valueOf(c));
  }

  @Override
  public void print(char[] s) {
    print(new String(s));
  }

  @Override
  public boolean checkError() {
    return super.checkError() || raw.checkError();
  }
}
