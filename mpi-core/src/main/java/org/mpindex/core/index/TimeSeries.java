package org.mpindex.core.index;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.mpindex.core.time.Window;

/**
 * One group's index over consecutive health windows, with period-over-period changes (the paper:
 * Q4 2008 to Q1 2009 fell 5.9%).
 *
 * @param group the group key
 * @param points one per window with a cell, in window order
 */
public record TimeSeries(String group, List<Point> points) {

  /**
   * One window of a group's series: its cell and the changes from earlier windows.
   *
   * @param cell the group's index in the window
   * @param changeFromPrevious percent change of the MPI from the window before, {@code (v - prev) /
   *     prev * 100}; NaN when that window has no value, or its value is 0 or NaN
   * @param changeFromYearBefore percent change from the same window a year before; NaN likewise, and
   *     always for schemes without a whole number of windows per year
   * @param changeFromPreviousInterval standard error and 95% interval of {@code changeFromPrevious}, in
   *     percentage points: a patient-level bootstrap that resamples the patients of both windows
   *     together ({@link Intervals}); {@link Interval#NONE} under analytic intervals (the same
   *     patients in both windows make the two means dependent, and running sums cannot say how much)
   * @param changeFromYearBeforeInterval likewise for {@code changeFromYearBefore}
   */
  public record Point(
      IndexCell cell,
      double changeFromPrevious,
      double changeFromYearBefore,
      Interval changeFromPreviousInterval,
      Interval changeFromYearBeforeInterval) {
    public Point {
      java.util.Objects.requireNonNull(changeFromPreviousInterval, "changeFromPreviousInterval");
      java.util.Objects.requireNonNull(
          changeFromYearBeforeInterval, "changeFromYearBeforeInterval");
    }

    public Window window() {
      return cell.window();
    }

    public double mpi() {
      return cell.mpi();
    }
  }

  private static final List<Interval> NO_INTERVALS = List.of(Interval.NONE, Interval.NONE);

  public TimeSeries {
    points = List.copyOf(points);
  }

  /** Builds the series from one group's cells (any order) and the scheme's windows per year. */
  static TimeSeries of(String group, List<IndexCell> cells, OptionalInt windowsPerYear) {
    return of(group, cells, windowsPerYear, java.util.Map.of());
  }

  /**
   * The same, with the bootstrap intervals of the changes by window index ({@code [previous, year
   * before]}); windows missing from {@code changeIntervals} get {@link Interval#NONE}.
   */
  static TimeSeries of(
      String group,
      List<IndexCell> cells,
      OptionalInt windowsPerYear,
      java.util.Map<Integer, List<Interval>> changeIntervals) {
    List<IndexCell> sorted = new ArrayList<>(cells);
    sorted.sort((a, b) -> a.window().compareTo(b.window()));
    // by window index: linear in the windows (a scan per point was quadratic)
    java.util.Map<Integer, Double> byIndex = new java.util.HashMap<>(sorted.size() * 2);
    for (IndexCell c : sorted) {
      byIndex.put(c.window().index(), c.mpi());
    }
    List<Point> points = new ArrayList<>(sorted.size());
    for (IndexCell c : sorted) {
      double prev = byIndex.getOrDefault(c.window().index() - 1, Double.NaN);
      double yearBefore =
          windowsPerYear.isPresent()
              ? byIndex.getOrDefault(c.window().index() - windowsPerYear.getAsInt(), Double.NaN)
              : Double.NaN;
      List<Interval> iv = changeIntervals.getOrDefault(c.window().index(), NO_INTERVALS);
      points.add(
          new Point(
              c,
              percentChange(prev, c.mpi()),
              percentChange(yearBefore, c.mpi()),
              iv.get(0),
              iv.get(1)));
    }
    return new TimeSeries(group, points);
  }

  /** {@code (to - from) / from * 100}; NaN when {@code from} is 0 or either is NaN. */
  static double percentChange(double from, double to) {
    if (Double.isNaN(from) || Double.isNaN(to) || from == 0) {
      return Double.NaN;
    }
    return (to - from) / from * 100.0;
  }
}
