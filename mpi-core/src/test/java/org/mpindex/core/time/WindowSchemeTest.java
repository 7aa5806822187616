package org.mpindex.core.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.OptionalInt;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.mpindex.core.claims.InvalidValueException;

class WindowSchemeTest {

  @Test
  void quarters() {
    WindowScheme q = WindowScheme.calendarQuarters();
    Window w = q.window(q.indexOf(LocalDate.of(2009, 8, 15)));
    assertEquals("2009Q3", w.label());
    assertEquals(LocalDate.of(2009, 7, 1), w.start());
    assertEquals(LocalDate.of(2009, 9, 30), w.end());
    assertEquals(92, w.lengthDays());
    assertEquals(Quarter.of(2009, 3), Quarter.parse("2009-q3"));
    assertEquals(Quarter.of(2010, 1), Quarter.of(2009, 4).plus(1));
    assertEquals(OptionalInt.of(4), q.windowsPerYear());
    assertThrows(InvalidValueException.class, () -> Quarter.parse("2009Q5"));
    assertThrows(InvalidValueException.class, () -> Quarter.parse("Q3 2009"));
  }

  @Test
  void monthsAndDays() {
    WindowScheme m = WindowScheme.months(2, YearMonth.of(2008, 1));
    assertEquals(0, m.indexOf(LocalDate.of(2008, 2, 29)));
    assertEquals(1, m.indexOf(LocalDate.of(2008, 3, 1)));
    assertEquals(-1, m.indexOf(LocalDate.of(2007, 12, 31)));
    assertEquals("2008-03..2008-04", m.window(1).label());
    assertEquals(OptionalInt.of(6), m.windowsPerYear());
    assertEquals(
        OptionalInt.empty(), WindowScheme.months(5, YearMonth.of(2008, 1)).windowsPerYear());

    // a moving 90-day window ending on 2009-06-30 is window -1 of days(90, 2009-07-01)
    WindowScheme d = WindowScheme.days(90, LocalDate.of(2009, 7, 1));
    Window last = d.window(-1);
    assertEquals(LocalDate.of(2009, 4, 2), last.start());
    assertEquals(LocalDate.of(2009, 6, 30), last.end());
    assertEquals(-1, d.indexOf(LocalDate.of(2009, 4, 2)));
    assertEquals(-2, d.indexOf(LocalDate.of(2009, 4, 1)));
    assertThrows(InvalidValueException.class, () -> WindowScheme.days(0, LocalDate.of(2009, 1, 1)));
  }

  @Provide
  Arbitrary<WindowScheme> schemes() {
    return Arbitraries.oneOf(
        Arbitraries.just(WindowScheme.calendarQuarters()),
        Arbitraries.integers()
            .between(1, 12)
            .map(n -> WindowScheme.months(n, YearMonth.of(2005, 3))),
        Arbitraries.integers()
            .between(1, 200)
            .map(n -> WindowScheme.days(n, LocalDate.of(2007, 2, 11))));
  }

  @Property
  void windowsTileTheCalendar(
      @ForAll("schemes") WindowScheme scheme, @ForAll @IntRange(min = -300, max = 300) int k) {
    int i = scheme.indexOf(LocalDate.of(2008, 1, 1)) + k;
    Window w = scheme.window(i);
    Window next = scheme.window(i + 1);
    assertEquals(i, scheme.indexOf(w.start()));
    assertEquals(i, scheme.indexOf(w.end()));
    assertEquals(w.end().plusDays(1), next.start());
    assertTrue(w.lengthDays() >= 1);
  }

  @Property
  void everyDayIsInTheWindowOfItsIndex(
      @ForAll("schemes") WindowScheme scheme,
      @ForAll @IntRange(min = 0, max = 20_000) int dayOffset) {
    LocalDate day = LocalDate.of(1995, 1, 1).plusDays(dayOffset);
    assertTrue(scheme.window(scheme.indexOf(day)).contains(day));
  }
}
