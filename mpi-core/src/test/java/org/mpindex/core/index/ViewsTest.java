package org.mpindex.core.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.mpindex.core.time.Quarter;
import org.mpindex.core.time.Window;

class ViewsTest {

  static Window w(int year, int q) {
    Quarter quarter = Quarter.of(year, q);
    return new Window(quarter.index(), quarter.start(), quarter.end(), quarter.toString());
  }

  static IndexCell cell(Window w, String group, double mpi, double health, double effort, long n) {
    return new IndexCell(
        w,
        group,
        mpi,
        health,
        effort,
        n,
        Double.NaN,
        Double.NaN,
        Double.NaN,
        IntervalMethod.NONE,
        n,
        Map.of(),
        0);
  }

  @Test
  void seriesChanges() {
    // 2008Q4 0.1190 -> 2009Q1 0.1120 is (0.1120 - 0.1190) / 0.1190 = -5.882...% (the paper's 5.9%
    // fall)
    List<IndexCell> cells =
        List.of(
            cell(w(2008, 1), "US", 0.100, 0, 0, 1), cell(w(2008, 4), "US", 0.1190, 0, 0, 1),
            cell(w(2009, 1), "US", 0.1120, 0, 0, 1), cell(w(2008, 2), "US", 0.0, 0, 0, 1));
    TimeSeries s = TimeSeries.of("US", cells, OptionalInt.of(4));
    assertEquals(
        List.of("2008Q1", "2008Q2", "2008Q4", "2009Q1"),
        s.points().stream().map(p -> p.window().label()).toList());
    TimeSeries.Point q1 = s.points().get(3);
    assertEquals((0.1120 - 0.1190) / 0.1190 * 100, q1.changeFromPrevious(), 1e-12);
    assertEquals((0.1120 - 0.100) / 0.100 * 100, q1.changeFromYearBefore(), 1e-12);
    assertTrue(Double.isNaN(s.points().get(0).changeFromPrevious()));
    // 2008Q2 -> 2008Q3 missing, and 2008Q2 is 0: no change computable
    assertTrue(Double.isNaN(s.points().get(2).changeFromPrevious()));
    assertTrue(Double.isNaN(TimeSeries.percentChange(0.0, 1.0)));
  }

  @Test
  void fiftyTwoStatesInTercilesAre18_17_17() {
    int[] sizes = new int[3];
    for (int i = 0; i < 52; i++) {
      sizes[GroupTable.tileOf(i, 52, 3) - 1]++;
    }
    assertEquals(List.of(18, 17, 17), List.of(sizes[0], sizes[1], sizes[2]));
  }

  @Property
  void tilesAreOrderedAndEqualSized(
      @ForAll @IntRange(min = 1, max = 300) int n, @ForAll @IntRange(min = 1, max = 12) int tiles) {
    int[] sizes = new int[tiles];
    int previous = 1;
    for (int i = 0; i < n; i++) {
      int t = GroupTable.tileOf(i, n, tiles);
      assertTrue(t >= previous && t <= tiles);
      previous = t;
      sizes[t - 1]++;
    }
    int max = java.util.Arrays.stream(sizes).max().getAsInt();
    int min = java.util.Arrays.stream(sizes).min().getAsInt();
    assertTrue(max - min <= 1);
    for (int i = 1; i < tiles; i++) {
      assertTrue(sizes[i - 1] >= sizes[i]);
    }
  }

  @Test
  void groupTableNormalisesRanksAndTiles() {
    Window q = w(2009, 3);
    IndexCell nat = cell(q, "US", 0.11, 0.20, 2.0, 100);
    List<IndexCell> cells =
        new ArrayList<>(
            List.of(
                cell(q, "WY", 0.19, 0.27, 1.0, 10), cell(q, "FL", 0.09, 0.16, 3.0, 50),
                cell(q, "AK", 0.18, 0.27, 1.5, 5), cell(q, "NJ", 0.09, 0.16, 2.5, 35)));
    // every group ranked (minimum 1 patient); GroupTableTest covers the minimum
    GroupTable t = GroupTable.of(cells, nat, Normalisation.MIN_MAX, GroupTable.Column.MPI, 3, 1);
    // ranked by MPI: WY 0.19, AK 0.18, then the tie FL/NJ 0.09 by key, sharing rank 3
    assertEquals(
        List.of("WY", "AK", "FL", "NJ"), t.rows().stream().map(GroupTable.Row::group).toList());
    assertEquals(List.of(1, 2, 3, 3), t.rows().stream().map(GroupTable.Row::rank).toList());
    // 4 in terciles by position: 2, 1, 1; the tie takes the class of its first position (2)
    assertEquals(List.of(1, 1, 2, 2), t.rows().stream().map(GroupTable.Row::tile).toList());
    // min-max of MPI over 0.09..0.19: WY 100, AK (0.18-0.09)/0.10*100 = 90, FL 0
    assertEquals(100, t.rows().get(0).mpiNorm(), 1e-9);
    assertEquals(90, t.rows().get(1).mpiNorm(), 1e-9);
    assertEquals(0, t.rows().get(2).mpiNorm(), 1e-9);
    // effort min-max over 1.0..3.0: AK (1.5-1)/2*100 = 25
    assertEquals(25, t.rows().get(1).effortNorm(), 1e-9);

    GroupTable nat100 =
        GroupTable.of(cells, nat, Normalisation.INDEX_TO_NATIONAL, GroupTable.Column.HEALTH, 3, 1);
    // WY health 0.27 / 0.20 * 100 = 135; health ties WY/AK ordered by key: AK first, both rank 1
    assertEquals("AK", nat100.rows().get(0).group());
    assertEquals(1, nat100.rows().get(1).rank());
    assertEquals(135, nat100.rows().get(1).healthNorm(), 1e-9);

    GroupTable x100 =
        GroupTable.of(cells, nat, Normalisation.TIMES_100, GroupTable.Column.EFFORT, 2, 1);
    assertEquals("FL", x100.rows().get(0).group());
    assertEquals(9, x100.rows().get(0).mpiNorm(), 1e-9);

    GroupTable flat =
        GroupTable.of(
            List.of(cell(q, "A", 0.1, 0.1, 1, 1), cell(q, "B", 0.1, 0.1, 1, 1)),
            nat,
            Normalisation.MIN_MAX,
            GroupTable.Column.MPI,
            3,
            1);
    assertEquals(50, flat.rows().get(0).mpiNorm(), 0);
  }

  @Test
  void orderStatistics() {
    double[] sorted = {1, 2, 3, 4, 100};
    assertEquals(3, CellAccumulator.median(sorted), 0);
    assertEquals(2.5, CellAccumulator.median(new double[] {1, 2, 3, 4}), 0);
    // fraction 0.2 of 5 cuts 1 each end: mean(2, 3, 4) = 3
    assertEquals(3, CellAccumulator.trimmedMean(sorted, 0.2), 0);
    // winsorised: (2 + 2 + 3 + 4 + 4) / 5 = 3
    assertEquals(3, CellAccumulator.winsorisedMean(sorted, 0.2), 0);
    assertEquals(22, CellAccumulator.trimmedMean(sorted, 0.1), 0);
  }

  @org.junit.jupiter.api.Test
  void aSeriesIsLinearInItsWindows() {
    // 200,000 one-day windows: a scan per point (the old way) would take 2e10 steps
    java.util.List<IndexCell> cells = new java.util.ArrayList<>();
    java.time.LocalDate d0 = java.time.LocalDate.of(2000, 1, 1);
    for (int i = 0; i < 200_000; i++) {
      org.mpindex.core.time.Window w =
          new org.mpindex.core.time.Window(i, d0.plusDays(i), d0.plusDays(i), "d" + i);
      cells.add(
          new IndexCell(
              w,
              "US",
              1 + i,
              1,
              1,
              1,
              Double.NaN,
              Double.NaN,
              Double.NaN,
              IntervalMethod.NONE,
              1,
              java.util.Map.of(),
              0));
    }
    TimeSeries s = TimeSeries.of("US", cells, java.util.OptionalInt.of(365));
    org.junit.jupiter.api.Assertions.assertEquals(200_000, s.points().size());
    // point 365: from 365 to 366 is +1/365; a year before, from 1 to 366
    org.junit.jupiter.api.Assertions.assertEquals(
        100.0 / 365, s.points().get(365).changeFromPrevious(), 1e-9);
    org.junit.jupiter.api.Assertions.assertEquals(
        36500.0, s.points().get(365).changeFromYearBefore(), 1e-9);
  }
}
