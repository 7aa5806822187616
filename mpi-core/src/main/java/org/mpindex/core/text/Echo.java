package org.mpindex.core.text;

/**
 * Input values (codes, ids, file names, arguments) made safe to echo in messages, on a console and
 * in text outputs: control characters are escaped and long values cut, so that a value from a file
 * can neither drive the user's terminal (ESC sequences, OSC hyperlinks, a carriage return that
 * overwrites a line, bidirectional overrides that reorder it) nor flood a message with megabytes.
 *
 * <p><b>Escaped</b> ({@link #isEscaped}): C0 controls U+0000-U+001F (tab, line feed and carriage
 * return included), DEL U+007F, C1 controls U+0080-U+009F, the bidirectional marks and overrides
 * U+061C, U+200E, U+200F, U+202A-U+202E, U+2066-U+2069, the line and paragraph separators
 * U+2028-U+2029, and unpaired surrogates. Each becomes a backslash, {@code u} and four upper-case
 * hex digits: ESC is shown as <code>&#92;u001B</code>. Other characters, the backslash included, are kept: the
 * escaped text is for reading, not for parsing back.
 *
 * <p><b>Cut</b>: {@link #value} keeps the first {@value #MAX_VALUE_CHARS} characters of a value and
 * says how many were cut ({@code ...(+49999800 chars)}); {@link #message} keeps the first {@value
 * #MESSAGE_HEAD_CHARS} and the last {@value #MESSAGE_TAIL_CHARS} characters of a longer message,
 * so that its end (what is wrong) stays readable. A surrogate pair is never split.
 */
public final class Echo {
  private Echo() {}

  /** The most characters of one echoed value (before escaping): {@value}. */
  public static final int MAX_VALUE_CHARS = 200;

  /** Characters kept from the start of a message longer than {@link #MAX_MESSAGE_CHARS}. */
  public static final int MESSAGE_HEAD_CHARS = 700;

  /** Characters kept from the end of a message longer than {@link #MAX_MESSAGE_CHARS}. */
  public static final int MESSAGE_TAIL_CHARS = 300;

  /** The most characters of one echoed message (before escaping): {@value}. */
  public static final int MAX_MESSAGE_CHARS = MESSAGE_HEAD_CHARS + MESSAGE_TAIL_CHARS;

  /**
   * One input value for a message or an output: cut to {@value #MAX_VALUE_CHARS} characters, then
   * escaped.
   *
   * @param value any text; null gives {@code "null"}
   * @return at most {@value #MAX_VALUE_CHARS} characters of {@code value} (each escaped one six
   *     characters long), followed by {@code ...(+N chars)} when N were cut
   */
  public static String value(CharSequence value) {
    if (value == null) {
      return "null";
    }
    int n = value.length();
    if (n <= MAX_VALUE_CHARS) {
      return escape(value);
    }
    int end = boundary(value, MAX_VALUE_CHARS);
    return escape(value.subSequence(0, end)) + "...(+" + (n - end) + " chars)";
  }

  /**
   * A message that may quote input values (an exception's message, a note): longer than {@value
   * #MAX_MESSAGE_CHARS} characters, its middle is replaced by {@code ...(N chars cut)...}; then
   * escaped (a line break too: the result is one line).
   *
   * @param message any text; null gives {@code "null"}
   */
  public static String message(CharSequence message) {
    if (message == null) {
      return "null";
    }
    int n = message.length();
    if (n <= MAX_MESSAGE_CHARS) {
      return escape(message);
    }
    int head = boundary(message, MESSAGE_HEAD_CHARS);
    int tail = boundary(message, n - MESSAGE_TAIL_CHARS);
    return escape(message.subSequence(0, head))
        + "...("
        + (tail - head)
        + " chars cut)..."
        + escape(message.subSequence(tail, n));
  }

  /**
   * {@code text} with every {@linkplain #isEscaped escaped character} written as <code>&#92;uXXXX</code>,
   * nothing cut.
   */
  public static String escape(CharSequence text) {
    return escape(text, false);
  }

  /**
   * {@code text} escaped as {@link #escape} does, except line feeds and tabs, which are kept: for
   * output laid out in lines and columns by the tool itself (a console, {@code spec.txt}).
   */
  public static String escapeKeepingLayout(CharSequence text) {
    return escape(text, true);
  }

  private static String escape(CharSequence text, boolean keepLineFeeds) {
    int n = text.length();
    int i = 0;
    while (i < n && !needsEscape(text, i, keepLineFeeds)) {
      i++;
    }
    if (i == n) {
      return text.toString();
    }
    StringBuilder b = new StringBuilder(n + 16).append(text, 0, i);
    for (; i < n; i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < n
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        b.append(c).append(text.charAt(++i));
      } else if (needsEscape(text, i, keepLineFeeds)) {
        b.append(String.format("\\u%04X", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  private static boolean needsEscape(CharSequence text, int i, boolean keepLineFeeds) {
    char c = text.charAt(i);
    if ((c == '\n' || c == '\t') && keepLineFeeds) {
      return false;
    }
    if (Character.isHighSurrogate(c)) {
      return i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1));
    }
    if (Character.isLowSurrogate(c)) {
      return i == 0 || !Character.isHighSurrogate(text.charAt(i - 1));
    }
    return isEscaped(c);
  }

  /**
   * Whether {@code c} is escaped: a C0 or C1 control, DEL, a bidirectional mark, embedding,
   * override or isolate, or a line or paragraph separator (unpaired surrogates are escaped too, by
   * {@link #escape}).
   */
  public static boolean isEscaped(char c) {
    return c < 0x20
        || (c >= 0x7F && c <= 0x9F)
        || c == '\u061C'
        || c == '\u200E'
        || c == '\u200F'
        || (c >= '\u2028' && c <= '\u202E')
        || (c >= '\u2066' && c <= '\u2069');
  }

  /** {@code at}, or one less when it would split a surrogate pair. */
  private static int boundary(CharSequence s, int at) {
    return at > 0
            && at < s.length()
            && Character.isHighSurrogate(s.charAt(at - 1))
            && Character.isLowSurrogate(s.charAt(at))
        ? at - 1
        : at;
  }
}
