package org.mpindex.core.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Examples of {@link Echo} and {@link Csv#textCell}, the expected strings written by hand. */
class EchoTest {

  @Test
  void controlCharactersAreEscapedAsBackslashUAndFourHexDigits() {
    // ESC [ 3 1 m: a colour sequence; OSC 8 hyperlink ended by BEL; CR; NUL; RLO (U+202E); FSI
    // (U+2068); C1 CSI (U+009B); DEL
    assertEquals("\\u001B[31mred", Echo.escape("\u001b[31mred"));
    assertEquals("\\u001B]8;;http://x\\u0007link", Echo.escape("\u001b]8;;http://x\u0007link"));
    assertEquals("a\\u000Db\\u0000c", Echo.escape("a\rb\u0000c"));
    assertEquals("txt.\\u202Efdp", Echo.escape("txt.\u202efdp"));
    assertEquals("\\u2068x\\u009By\\u007F", Echo.escape("\u2068x\u009by\u007f"));
    assertEquals("a\\u000Ab\\u0009c", Echo.escape("a\nb\tc"));
    // line feeds and tabs of the tool's own layout are kept by escapeKeepingLayout only
    assertEquals("a\nb\tc\\u000D", Echo.escapeKeepingLayout("a\nb\tc\r"));
  }

  @Test
  void ordinaryTextIsUnchangedBackslashAndNonLatinIncluded() {
    String s = "C:\\data\\claims.csv 401.9 Zürich 東京 \uD83D\uDE00";
    assertEquals(s, Echo.escape(s));
    assertEquals(s, Echo.value(s));
    assertEquals(s, Echo.message(s));
  }

  @Test
  void anUnpairedSurrogateIsEscaped() {
    assertEquals("a\\uD83Db", Echo.escape("a\uD83Db"));
    assertEquals("\\uDE00", Echo.escape("\uDE00"));
  }

  @Test
  void aLongValueIsCutAt200CharactersSayingHowManyWereCut() {
    // 50,000,000 characters: the first 200 are kept, 49,999,800 cut
    String code = "9".repeat(50_000_000);
    assertEquals("9".repeat(200) + "...(+49999800 chars)", Echo.value(code));
    assertEquals("9".repeat(200), Echo.value("9".repeat(200)));
    // a pair is not split: 199 x, then an emoji (2 chars) at 199..200 is dropped whole
    String pair = "x".repeat(199) + "\uD83D\uDE00" + "y";
    assertEquals("x".repeat(199) + "...(+3 chars)", Echo.value(pair));
  }

  @Test
  void aLongMessageKeepsItsHeadAndItsTail() {
    // 700 + 5,000 + 300 characters: the 5,000 in the middle are cut, the end stays readable
    String m = "h".repeat(700) + "v".repeat(5_000) + "t".repeat(300);
    assertEquals("h".repeat(700) + "...(5000 chars cut)..." + "t".repeat(300), Echo.message(m));
    String fits = "m".repeat(1_000);
    assertEquals(fits, Echo.message(fits));
  }

  @Test
  void csvTextCellsThatASpreadsheetWouldRunAreNeutralised() {
    // OWASP CSV injection: = + - @ tab CR at the start get a single quote in front
    assertEquals("'=HYPERLINK(\"http://x\")", Csv.neutralise("=HYPERLINK(\"http://x\")"));
    assertEquals("'+1", Csv.neutralise("+1"));
    assertEquals("'-2+3", Csv.neutralise("-2+3"));
    assertEquals("'@SUM(A1)", Csv.neutralise("@SUM(A1)"));
    assertEquals("'\tx", Csv.neutralise("\tx"));
    assertEquals("'\rx", Csv.neutralise("\rx"));
    assertEquals("WY", Csv.neutralise("WY"));
    assertEquals("", Csv.neutralise(""));
    assertEquals("a=b", Csv.neutralise("a=b"));
    // then quoted when it holds a comma or a quote
    assertEquals("\"'=1,2\"", Csv.textCell("=1,2"));
    assertEquals("\"'=\"\"x\"\"\"", Csv.textCell("=\"x\""));
  }
}
