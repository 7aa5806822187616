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
   * @param cell the group's index in the window
   * @param changeFromPrevious percent change of the MPI from the window before, {@code (v - prev) /
   *     prev * 100}; NaN when that window has no value, or its value is 0 or NaN
   * @param changeFromYearBefore percent change from the same window a year before; NaN likewise, and
   *     always for schemes without a whole number of windows per year
   */
  public record Point(IndexCell cell, double changeFromPrevious, double changeFromYearBefore) {
    public Window window() {
      return cell.window();
    }

    public double mpi() {
      return cell.mpi();
    }
  }

  public TimeSeries {
    points = List.copyOf(points);
  }

  /** Builds the series from one group's cells (any order) and the scheme's windows per year. */
  static TimeSeries of(String group, List<IndexCell> cells, OptionalInt windowsPerYear) {
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
      double yearBefore = windowsPerYear.isPresent()
          ? byIndex.getOrDefault(c.window().index() - windowsPerYear.getAsInt(), Double.NaN)
          : Double.NaN;
      points.add(new Point(c, percentChange(prev, c.mpi()), percentChange(yearBefore, c.mpi())));
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
