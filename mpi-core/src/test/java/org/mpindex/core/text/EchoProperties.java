package org.mpindex.core.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.StringLength;

/** Invariants of {@link Echo} and {@link Csv#neutralise} over any text. */
class EchoProperties {

  /** Whether {@code s} holds a character that could drive a terminal or reorder a line. */
  static boolean unsafe(String s, boolean layoutAllowed) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (layoutAllowed && (c == '\n' || c == '\t')) {
        continue;
      }
      if (Echo.isEscaped(c)) {
        return true;
      }
      if (Character.isSurrogate(c)) {
        boolean paired =
            Character.isHighSurrogate(c)
                ? i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))
                : i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
        if (!paired) {
          return true;
        }
      }
    }
    return false;
  }

  @Property(tries = 2000)
  void nothingUnsafeSurvivesAndTheLengthIsBounded(
      @ForAll @StringLength(max = 3000) @CharRange(from = '\u0000', to = '\uFFFF') String s) {
    String value = Echo.value(s);
    String message = Echo.message(s);
    assertFalse(unsafe(value, false), value);
    assertFalse(unsafe(message, false), message);
    assertFalse(unsafe(Echo.escape(s), false));
    assertFalse(unsafe(Echo.escapeKeepingLayout(s), true));
    // each kept character is at most 6 long escaped; the cut notes are at most 40 characters
    assertTrue(value.length() <= 6 * Echo.MAX_VALUE_CHARS + 40, value);
    assertTrue(message.length() <= 6 * Echo.MAX_MESSAGE_CHARS + 40, message);
  }

  @Property(tries = 2000)
  void textWithoutEscapedCharactersIsKeptWhole(
      @ForAll @StringLength(max = 200) @CharRange(from = ' ', to = '~') String s) {
    assertEquals(s, Echo.value(s));
    assertEquals(s, Echo.message(s));
  }

  @Property(tries = 2000)
  void escapingTwiceChangesNothingMore(@ForAll @StringLength(max = 300) String s) {
    String once = Echo.escape(s);
    assertEquals(once, Echo.escape(once));
  }

  @Property(tries = 2000)
  void aNeutralisedCellNeverStartsAFormulaAndKeepsTheValueAfterTheQuote(@ForAll String s) {
    String cell = Csv.neutralise(s);
    assertFalse(!cell.isEmpty() && "=+-@\t\r".indexOf(cell.charAt(0)) >= 0, cell);
    assertEquals(s, cell.equals(s) ? s : cell.substring(1));
    if (s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
      // one field, read back as the neutralised value
      assertEquals(java.util.List.of(cell), Csv.split(Csv.textCell(s)));
    }
  }
}
