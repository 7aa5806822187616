package org.mpindex.rbrvs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RvuSchedule.of(a, b));
    assertEquals("releases RVU09A and OTHER both take effect on 2009-01-01", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> RvuSchedule.of(List.of()));
  }

  @Test
  void loadsFiles() {
    RvuSchedule s = RvuSchedule.load(Fixtures.path("PPRRVU09.csv"), Fixtures.path("PPRRVU10.csv"));
    assertEquals("RVU09A 2009-01-01, RVU10A 2010-01-01 .. 2010-12-31", s.coverage());
  }
}
