package org.mpindex.core.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** The dates every reader takes: CMS's YYYYMMDD and ISO's YYYY-MM-DD, years 1 to 9999. */
class CsvDateTest {
  @Test
  void cmsAndIsoDatesOfFourDigitYears() {
    assertEquals(Optional.of(LocalDate.of(2008, 2, 1)), CsvTable.parseDate("20080201"));
    assertEquals(Optional.of(LocalDate.of(2008, 2, 1)), CsvTable.parseDate("2008-02-01"));
    assertEquals(Optional.of(LocalDate.of(1, 1, 1)), CsvTable.parseDate("0001-01-01"));
    assertEquals(Optional.of(LocalDate.of(9999, 12, 31)), CsvTable.parseDate("99991231"));
  }

  /**
   * ISO's signed and five-digit years parse as {@code LocalDate}s (year -2008 is epoch day
   * -1,452,904) but are no claim date: the fold refuses days outside 0001..9999, so a reader that
   * took them ended in an exception instead of a rejected row (found by
   * FastTidyClaimsTest#anyMutatedFileGivesWhatTheRowReaderGives).
   */
  @Test
  void signedAndFiveDigitYearsAreNoDate() {
    assertEquals(Optional.empty(), CsvTable.parseDate("-2008-02-01"));
    assertEquals(Optional.empty(), CsvTable.parseDate("+2008-02-01"));
    assertEquals(Optional.empty(), CsvTable.parseDate("+12008-02-01"));
    assertEquals(Optional.empty(), CsvTable.parseDate("0000-01-01"));
    assertEquals(Optional.empty(), CsvTable.parseDate("2008-13-01"));
    assertEquals(Optional.empty(), CsvTable.parseDate("not a date"));
  }

  @Property(tries = 200)
  void everyDayOfTheYearsOneTo9999ReadsBackInBothLayouts(
      @ForAll @IntRange(min = 1, max = 9999) int year,
      @ForAll @IntRange(min = 1, max = 365) int d) {
    LocalDate day = LocalDate.ofYearDay(year, d);
    assertEquals(Optional.of(day), CsvTable.parseDate(day.format(CsvTable.CMS_DATE)));
    assertEquals(
        Optional.of(day),
        CsvTable.parseDate(
            String.format("%04d-%02d-%02d", year, day.getMonthValue(), day.getDayOfMonth())));
  }
}
