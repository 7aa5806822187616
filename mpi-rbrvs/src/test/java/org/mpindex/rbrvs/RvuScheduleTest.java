package org.mpindex.rbrvs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class RvuScheduleTest {
  @Test
  void picksTheReleaseInForce() {
    RvuSchedule s = Fixtures.schedule();
    assertEquals("RVU09A", s.releaseFor(LocalDate.of(2009, 1, 1)).name());
    assertEquals("RVU09A", s.releaseFor(LocalDate.of(2009, 3, 31)).name());
    assertEquals("RVU09B", s.releaseFor(LocalDate.of(2009, 4, 1)).name());
    assertEquals("RVU09B", s.releaseFor(LocalDate.of(2009, 12, 31)).name());
    assertEquals("RVU10A", s.releaseFor(LocalDate.of(2010, 12, 31)).name());
    assertEquals(LocalDate.of(2009, 1, 1), s.start());
    assertEquals(LocalDate.of(2010, 12, 31), s.end());
    assertThrows(NoReleaseException.class, () -> s.releaseFor(LocalDate.of(2008, 12, 31)));
    assertThrows(NoReleaseException.class, () -> s.releaseFor(LocalDate.of(2011, 1, 1)));
  }

  @Test
  void twoReleasesOnOneDateAreAnError() {
    RvuRelease a = Fixtures.release("PPRRVU09.csv");
    RvuRelease b = new RvuRelease("OTHER", a.effectiveFrom(), List.of());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> RvuSchedule.of(a, b));
    assertEquals("releases RVU09A and OTHER both take effect on 2009-01-01", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> RvuSchedule.of(List.of()));
  }

  @Test
  void loadsFiles() {
    RvuSchedule s = RvuSchedule.load(Fixtures.path("PPRRVU09.csv"), Fixtures.path("PPRRVU10.csv"));
    assertEquals("RVU09A 2009-01-01..2009-12-31, RVU10A 2010-01-01..2010-12-31", s.coverage());
  }

  @Test
  void aYearWithoutItsOwnReleaseIsNotCovered() {
    // 2009 (January and April releases) and 2011: 2010 has no release of its own. Before, the April
    // 2009 release silently priced all of 2010.
    RvuRelease jan09 = Fixtures.release("PPRRVU09.csv");
    RvuRelease apr09 = Fixtures.release("RVU09B_PPRRVU09.csv");
    RvuRelease jan11 = new RvuRelease("RVU11A", LocalDate.of(2011, 1, 1), List.of());
    RvuSchedule s = RvuSchedule.of(jan09, apr09, jan11);
    assertEquals("RVU09B", s.releaseFor(LocalDate.of(2009, 12, 31)).name());
    assertThrows(NoReleaseException.class, () -> s.releaseFor(LocalDate.of(2010, 6, 1)));
    assertEquals("RVU11A", s.releaseFor(LocalDate.of(2011, 1, 1)).name());
    assertEquals(
        List.of(
            new RvuSchedule.Gap(LocalDate.of(2008, 7, 1), LocalDate.of(2008, 12, 31)),
            new RvuSchedule.Gap(LocalDate.of(2010, 1, 1), LocalDate.of(2010, 12, 31)),
            new RvuSchedule.Gap(LocalDate.of(2012, 1, 1), LocalDate.of(2012, 3, 31))),
        s.uncovered(LocalDate.of(2008, 7, 1), LocalDate.of(2012, 3, 31)));
    assertEquals(List.of(), s.uncovered(LocalDate.of(2009, 2, 1), LocalDate.of(2009, 11, 30)));
    assertEquals(
        List.of(new RvuSchedule.Gap(LocalDate.of(2010, 5, 5), LocalDate.of(2010, 5, 5))),
        s.uncovered(LocalDate.of(2010, 5, 5), LocalDate.of(2010, 5, 5)));
    assertTrue(s.covers(LocalDate.of(2011, 12, 31)));
    assertFalse(s.covers(LocalDate.of(2010, 1, 1)));
  }
}
