package org.mpindex.core.index;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.mpindex.core.time.Window;
import org.mpindex.core.time.WindowScheme;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Step 6 of the assembly, results: reads an {@link IndexPartial} (exact cell accumulators, merged
 * from any number of passes, shards or machines) into an {@link MpiResult}: each window's national
 * and group cells with their intervals (a bootstrap in parallel, one task per cell), the bootstrap
 * intervals of the percent changes, and the directly standardised values.
 */
final class ResultReader {
  private static final Logger LOG = LoggerFactory.getLogger(ResultReader.class);

  private ResultReader() {}

  /**
   * The result of {@code partial} under {@code spec}, whose study period is {@code period}.
   *
   * @throws IllegalArgumentException when the partial covers other windows than {@code period}'s
   */
  static MpiResult read(
      IndexPartial partial,
      MpiSpec spec,
      Optional<StudyPeriod> period,
      String effortDescription,
      String grouperDescription) {
    WindowScheme scheme = spec.windowScheme();
    int lo = period.map(p -> scheme.indexOf(p.from())).orElse(0);
    int span = period.map(p -> scheme.indexOf(p.to()) - scheme.indexOf(p.from()) + 1).orElse(0);
    if (partial.lo != lo || partial.span != span) {
      throw new IllegalArgumentException(
          "the partial covers windows "
              + partial.lo
              + "+"
              + partial.span
              + ", this assembler's study "
              + lo
              + "+"
              + span
              + ": fix the same study period everywhere");
    }
    List<Window> indexWindows = new ArrayList<>();
    // one task per cell (national key first in each window), read in parallel: a bootstrap is
    // costly
    List<Window> taskWindows = new ArrayList<>();
    List<String> taskKeys = new ArrayList<>();
    List<CellAccumulator> taskCells = new ArrayList<>();
    for (int i = spec.lag(); i < span; i++) {
      Window w = scheme.window(lo + i);
      indexWindows.add(w);
      taskWindows.add(w);
      taskKeys.add(MpiResult.NATIONAL_SERIES);
      taskCells.add(partial.national[i]);
      new TreeMap<>(partial.groups.get(i))
          .forEach(
              (key, acc) -> {
                taskWindows.add(w);
                taskKeys.add(key);
                taskCells.add(acc);
              });
    }
    Bootstrap.CellStats[] stats = new Bootstrap.CellStats[taskCells.size()];
    IndexCell[] read = new IndexCell[taskCells.size()];
    java.util.stream.IntStream cells = java.util.stream.IntStream.range(0, read.length);
    (spec.intervals().bootstrap() ? cells.parallel() : cells)
        .forEach(
            k -> {
              stats[k] = taskCells.get(k).bootstrap(spec);
              String key = taskKeys.get(k);
              read[k] =
                  taskCells
                      .get(k)
                      .toCell(
                          taskWindows.get(k),
                          key.equals(MpiResult.NATIONAL_SERIES) ? Grouping.NATIONAL_KEY : key,
                          spec,
                          stats[k]);
            });
    List<IndexCell> nationalCells = new ArrayList<>();
    Map<Integer, List<IndexCell>> groupCells = new TreeMap<>();
    Map<String, Map<Integer, Bootstrap.CellStats>> statsBySeries = new HashMap<>();
    for (int k = 0; k < read.length; k++) {
      String key = taskKeys.get(k);
      int w = taskWindows.get(k).index();
      if (key.equals(MpiResult.NATIONAL_SERIES)) {
        nationalCells.add(read[k]);
        groupCells.put(w, new ArrayList<>());
      } else {
        groupCells.get(w).add(read[k]);
      }
      if (stats[k] != null) {
        statsBySeries.computeIfAbsent(key, x -> new HashMap<>()).put(w, stats[k]);
      }
    }
    // direct standardisation: each window's standard shares, then every cell's standardised values
    Map<Integer, Map<AgeSexStratum, Double>> standards = new TreeMap<>();
    Map<Integer, Map<String, Standardisation.Values>> standardised = new TreeMap<>();
    if (spec.standardisation().enabled()) {
      for (int k = 0; k < read.length; k++) {
        int w = taskWindows.get(k).index();
        CellAccumulator acc = taskCells.get(k);
        if (taskKeys.get(k).equals(MpiResult.NATIONAL_SERIES)) {
          standards.put(w, Standardisation.ordered(standardShares(spec.standardisation(), acc)));
        }
        double[] shares = new double[AgeSexStratum.COUNT];
        standards.get(w).forEach((stratum, share) -> shares[stratum.index()] = share);
        String key =
            taskKeys.get(k).equals(MpiResult.NATIONAL_SERIES)
                ? Grouping.NATIONAL_KEY
                : taskKeys.get(k);
        if (read[k].patients() > 0) {
          standardised
              .computeIfAbsent(w, x -> new java.util.HashMap<>())
              .putIfAbsent(key, acc.standardised(shares, spec.aggregation()));
        }
      }
    }
    MpiResult result =
        new MpiResult(
            spec,
            period,
            effortDescription,
            grouperDescription,
            partial.counts.snapshot(),
            indexWindows,
            nationalCells,
            groupCells,
            changeIntervals(statsBySeries, spec),
            standards,
            standardised);
    LOG.debug(
        "read {} window(s); accounting balanced: {}",
        result.windows().size(),
        result.accounting().balanced());
    return result;
  }

  /** The standard's shares per stratum: the given ones, or the national cell's patients. */
  private static double[] standardShares(Standardisation std, CellAccumulator national) {
    double[] shares = new double[AgeSexStratum.COUNT];
    if (std.kind() == Standardisation.Kind.GIVEN) {
      std.givenShares().forEach((s, w) -> shares[s.index()] = w);
      return shares;
    }
    long[] n = national.stratumCounts();
    long total = 0;
    for (long c : n) {
      total += c;
    }
    for (int i = 0; i < shares.length; i++) {
      shares[i] = total == 0 ? 0 : (double) n[i] / total;
    }
    return shares;
  }

  /**
   * The bootstrap intervals of each series' percent changes from the window before and from the
   * year before, by series key and window index; empty without a bootstrap.
   */
  private static Map<String, Map<Integer, List<Interval>>> changeIntervals(
      Map<String, Map<Integer, Bootstrap.CellStats>> statsBySeries, MpiSpec spec) {
    boolean bca = spec.intervals().method() == Intervals.Method.BOOTSTRAP_BCA;
    int perYear = spec.windowScheme().windowsPerYear().orElse(-1);
    Map<String, Map<Integer, List<Interval>>> out = new HashMap<>();
    statsBySeries.forEach(
        (key, byWindow) -> {
          Map<Integer, List<Interval>> series = new HashMap<>();
          byWindow.forEach(
              (w, after) -> {
                Bootstrap.CellStats prev = byWindow.get(w - 1);
                Bootstrap.CellStats year = perYear > 0 ? byWindow.get(w - perYear) : null;
                series.put(
                    w,
                    List.of(
                        prev == null ? Interval.NONE : Bootstrap.percentChange(prev, after, bca),
                        year == null ? Interval.NONE : Bootstrap.percentChange(year, after, bca)));
              });
          out.put(key, series);
        });
    return out;
  }
}
