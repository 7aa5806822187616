package org.mpindex.core.index;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mpindex.core.claims.Beneficiary;
import org.mpindex.core.claims.Enrollment;
import org.mpindex.core.claims.Geography;
import org.mpindex.core.claims.Program;
import org.mpindex.core.claims.Sex;
import org.mpindex.core.claims.UsState;
import org.mpindex.core.time.Window;
import org.mpindex.core.time.WindowScheme;

/**
 * Which study windows a span touches and covers, at the windows' edges: the four quarters of 2011
 * (Q1 ends 03-31, Q2 starts 04-01). Expected arrays are read off the calendar.
 */
class EnrollmentCoverageTest {
  static final WindowScheme Q = WindowScheme.calendarQuarters();

  static final Window[] WINDOWS = {
    Q.window(Q.indexOf(LocalDate.of(2011, 1, 1))),
    Q.window(Q.indexOf(LocalDate.of(2011, 4, 1))),
    Q.window(Q.indexOf(LocalDate.of(2011, 7, 1))),
    Q.window(Q.indexOf(LocalDate.of(2011, 10, 1)))
  };

  static final Beneficiary ALIVE =
      new Beneficiary(
          "A", LocalDate.of(1940, 1, 1), Optional.empty(), Sex.FEMALE, Geography.of(UsState.OH));

  static Enrollment span(LocalDate from, LocalDate to) {
    return Enrollment.of("A", from, to, Program.MEDICARE_FFS);
  }

  static EnrollmentCoverage coverage(Coverage rule, Enrollment... spans) {
    EnrollmentCoverage c =
        new EnrollmentCoverage(MpiSpec.builder().coverage(rule).build(), WINDOWS);
    c.coverage(List.of(spans), ALIVE);
    return c;
  }

  @Test
  void aSpanFromTheLastDayOfAQuarterToTheFirstDayOfAnotherTouchesBoth() {
    // 2011-03-31 is Q1's last day, 2011-07-01 Q3's first: Q1, Q2, Q3 touched, Q4 not
    EnrollmentCoverage c =
        coverage(Coverage.ANY_DAY, span(LocalDate.of(2011, 3, 31), LocalDate.of(2011, 7, 1)));
    assertArrayEquals(new boolean[] {true, true, true, false}, c.touched);
    // any day covers the same windows; full windows: only Q2 (04-01..06-30) lies inside
    assertArrayEquals(new boolean[] {true, true, true, false}, c.covered);
    EnrollmentCoverage full =
        coverage(Coverage.FULL_WINDOW, span(LocalDate.of(2011, 3, 31), LocalDate.of(2011, 7, 1)));
    assertArrayEquals(new boolean[] {false, true, false, false}, full.covered);
    assertArrayEquals(new int[] {0, 1, 1, 1}, full.coveredUpTo);
  }

  @Test
  void spansOutsideTheStudyTouchNothingAndAdjacentSpansJoin() {
    EnrollmentCoverage before =
        coverage(Coverage.ANY_DAY, span(LocalDate.of(2010, 1, 1), LocalDate.of(2010, 12, 31)));
    assertArrayEquals(new boolean[4], before.touched);
    EnrollmentCoverage after =
        coverage(Coverage.ANY_DAY, span(LocalDate.of(2012, 1, 1), LocalDate.of(2012, 3, 31)));
    assertArrayEquals(new boolean[4], after.touched);
    // 2010-11-01..2011-05-15 and 2011-05-16..2011-09-30 join: Q1-Q3 fully covered
    EnrollmentCoverage joined =
        coverage(
            Coverage.FULL_WINDOW,
            span(LocalDate.of(2010, 11, 1), LocalDate.of(2011, 5, 15)),
            span(LocalDate.of(2011, 5, 16), LocalDate.of(2011, 9, 30)));
    assertArrayEquals(new boolean[] {true, true, true, false}, joined.covered);
    assertEquals(3, joined.coveredUpTo[3]);
  }

  @Test
  void residenceIsTheSpansOnTheWindowsFirstDayElseTheFirstOverlappingElseTheRecords() {
    Enrollment ny =
        new Enrollment(
            "A",
            LocalDate.of(2011, 1, 1),
            LocalDate.of(2011, 4, 1),
            Program.MEDICARE_FFS,
            Optional.of(Geography.of(UsState.NY)));
    Enrollment tx =
        new Enrollment(
            "A",
            LocalDate.of(2011, 5, 1),
            LocalDate.of(2011, 8, 31),
            Program.MEDICARE_FFS,
            Optional.of(Geography.of(UsState.TX)));
    List<Enrollment> spans = List.of(ny, tx);
    EnrollmentCoverage c = new EnrollmentCoverage(MpiSpec.builder().build(), WINDOWS);
    c.coverage(spans, ALIVE);
    // Q1: NY holds 01-01; Q2: NY holds 04-01; Q3: TX holds 07-01; Q4: none overlaps, the record's
    // OH
    assertEquals(Geography.of(UsState.NY), c.residence(spans, 0, ALIVE));
    assertEquals(Geography.of(UsState.NY), c.residence(spans, 1, ALIVE));
    assertEquals(Geography.of(UsState.TX), c.residence(spans, 2, ALIVE));
    assertEquals(Geography.of(UsState.OH), c.residence(spans, 3, ALIVE));
  }
}
