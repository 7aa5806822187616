package org.mpindex.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;
import org.mpindex.core.text.CsvTable;

/** The worker's date reading agrees with the row reader's date parser wherever it answers. */
class IsoDayProperties {
  private static int isoDay(String s) {
    byte[] b = ("x" + s + "y").getBytes(StandardCharsets.ISO_8859_1);
    return FastTidyClaims.isoDay(b, 1, b.length - 1);
  }

  /** Every day of years 1 to 9999 written yyyy-mm-dd reads as LocalDate's epoch day. */
  @Property(tries = 3000)
  void everyValidDayReadsAsLocalDateCountsIt(
      @ForAll @LongRange(min = -719_162, max = 2_932_896) long epochDay) {
    LocalDate d = LocalDate.ofEpochDay(epochDay);
    assertEquals(epochDay, isoDay(d.toString()));
  }

  @Provide
  Arbitrary<String> nearDates() {
    Arbitrary<Character> c = Arbitraries.of('0', '1', '2', '3', '9', '-', ' ', '+', 'a', '/');
    return Arbitraries.oneOf(
        c.list().ofSize(10).map(l -> l.stream().map(String::valueOf).reduce("", String::concat)),
        Arbitraries.strings()
            .withChars("0123456789")
            .ofLength(4)
            .flatMap(
                y ->
                    Arbitraries.strings()
                        .withChars("0123456789")
                        .ofLength(2)
                        .flatMap(
                            m ->
                                Arbitraries.strings()
                                    .withChars("0123456789")
                                    .ofLength(2)
                                    .map(d -> y + "-" + m + "-" + d))));
  }

  /**
   * Any ten characters: a day only where the row reader's parser gives the same day; and every
   * digits-and-dashes cell it leaves to the parser is one the parser refuses.
   */
  @Property(tries = 3000)
  void anyCellIsADayOnlyWhereTheParserSaysSo(@ForAll("nearDates") String cell) {
    int d = isoDay(cell);
    if (d != FastTidyClaims.NO_DAY) {
      assertEquals(java.util.Optional.of(LocalDate.ofEpochDay(d)), CsvTable.parseDate(cell), cell);
    } else if (cell.matches("\\d{4}-\\d{2}-\\d{2}")) {
      assertEquals(java.util.Optional.empty(), CsvTable.parseDate(cell), cell);
    }
  }

  @Example
  void edges() {
    assertEquals(0, isoDay("1970-01-01"));
    assertEquals(-1, isoDay("1969-12-31"));
    assertEquals(LocalDate.of(2012, 2, 29).toEpochDay(), isoDay("2012-02-29"));
    assertEquals(FastTidyClaims.NO_DAY, isoDay("2011-02-29"));
    assertEquals(FastTidyClaims.NO_DAY, isoDay("2100-02-29"));
    assertEquals(LocalDate.of(2000, 2, 29).toEpochDay(), isoDay("2000-02-29"));
    assertEquals(FastTidyClaims.NO_DAY, isoDay("0000-01-01"));
    assertEquals(LocalDate.of(1, 1, 1).toEpochDay(), isoDay("0001-01-01"));
    assertEquals(LocalDate.of(9999, 12, 31).toEpochDay(), isoDay("9999-12-31"));
    assertEquals(FastTidyClaims.NO_DAY, isoDay("2011-13-01"));
    assertEquals(FastTidyClaims.NO_DAY, isoDay("2011-00-10"));
    assertEquals(FastTidyClaims.NO_DAY, isoDay("2011-01-00"));
    assertEquals(FastTidyClaims.NO_DAY, isoDay("20110101"));
    assertEquals(FastTidyClaims.NO_DAY, isoDay("2011/01/01"));
  }
}
