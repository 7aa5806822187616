package org.mpindex.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class SynpufCoverageProperties {

  @Property(tries = 1000)
  void monthCountsArePreservedAndContiguousFromTheRightEnd(
      @ForAll @IntRange(min = 0, max = 12) int a,
      @ForAll @IntRange(min = 0, max = 12) int b,
      @ForAll @IntRange(min = 0, max = 12) int hmo,
      @ForAll @IntRange(min = 1915, max = 1950) int birthYear,
      @ForAll @IntRange(min = 2008, max = 2010) int year) {
    int[] m =
        SynpufCoverage.DEFAULT.months(
            year, LocalDate.of(birthYear, 6, 15), Optional.empty(), a, b, hmo);
    assertEquals(a, count(m, SynpufCoverage.PART_A));
    assertEquals(b, count(m, SynpufCoverage.PART_B));
    assertEquals(hmo, count(m, SynpufCoverage.HMO));
    boolean fromEnd = birthYear + 65 == year;
    for (int flag : new int[] {SynpufCoverage.PART_A, SynpufCoverage.PART_B, SynpufCoverage.HMO}) {
      // covered months form one run touching January, or December in the year of turning 65
      for (int i = 0; i < 12; i++) {
        boolean covered = (m[i] & flag) != 0;
        int n = flag == SynpufCoverage.PART_A ? a : flag == SynpufCoverage.PART_B ? b : hmo;
        assertEquals(fromEnd ? i >= 12 - n : i < n, covered);
      }
    }
    assertTrue(m.length == 12);
  }

  @Property(tries = 1000)
  void inTheYearOfDeathCoveredMonthsEndAtTheDeathMonth(
      @ForAll @IntRange(min = 0, max = 12) int a,
      @ForAll @IntRange(min = 0, max = 12) int b,
      @ForAll @IntRange(min = 1, max = 12) int deathMonth,
      @ForAll @IntRange(min = 2008, max = 2010) int year,
      @ForAll boolean turns65) {
    LocalDate birth = LocalDate.of(turns65 ? year - 65 : 1930, 6, 15);
    int[] m =
        SynpufCoverage.DEFAULT.months(
            year, birth, Optional.of(LocalDate.of(year, deathMonth, 10)), a, b, 0);
    for (int flag : new int[] {SynpufCoverage.PART_A, SynpufCoverage.PART_B}) {
      int n = Math.min(flag == SynpufCoverage.PART_A ? a : b, deathMonth);
      // one run of min(n, death month) months ending at the death month; none after it
      assertEquals(n, count(m, flag));
      for (int i = 0; i < 12; i++) {
        assertEquals(i < deathMonth && i >= deathMonth - n, (m[i] & flag) != 0, "month " + (i + 1));
      }
    }
  }

  static int count(int[] months, int flag) {
    int c = 0;
    for (int x : months) {
      c += (x & flag) != 0 ? 1 : 0;
    }
    return c;
  }
}
