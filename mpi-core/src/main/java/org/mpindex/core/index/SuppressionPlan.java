package org.mpindex.core.index;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.mpindex.core.time.Window;

/**
 * What to hide when publishing one or more results together: the main index and, optionally,
 * cohorts of it computed side by side ({@code IndexAssembler.assembleCohorts}) over the same
 * windows and groups. The command line's {@code series.csv}, {@code groups.csv}, {@code report.html}
 * and console tables, and {@code mpi-spark}'s, are written by this plan; use it for your own tables
 * so that they protect the same cells.
 *
 * <p>Per window, the group tables of the main result, of each cohort and of each cohort's
 * complement (main minus cohort: the patients outside it) are suppressed together by {@link
 * Suppression#decide} (one set of groups hidden in all of them, margins included). A national cell
 * is hidden when it is 1 to {@code minimum - 1} patients, when its table's margin must be hidden, or
 * (a cohort) when its complement is small or its complement's margin must be hidden. A change from
 * one window to another (the decomposed change, quarter-over-quarter and year-over-year percent
 * changes and their intervals) is shown only when the cell is shown in both windows ({@link
 * #changeShown}): from a shown window's values and the change, the other window's values and with
 * them its patient count would come back.
 *
 * <p>Instances compute each window's decision once, on first use; not thread-safe.
 */
public final class SuppressionPlan {
  private final List<MpiResult> results;
  private final int minimum;
  private final Map<Integer, Decided> byWindow = new HashMap<>();

  private record Decided(Set<String> groups, List<Boolean> national) {}

  private SuppressionPlan(List<MpiResult> results, int minimum) {
    this.results = List.copyOf(results);
    this.minimum = minimum;
  }

  /**
   * The plan for {@code results} published together.
   *
   * @param results the main result first, then cohorts of it (each cohort's patients a subset of
   *     the main result's in every window and group); not empty
   * @param minimum the smallest count shown, at least 1 (1: nothing is hidden); {@link
   *     Suppression#DEFAULT_MINIMUM} by CMS's policy
   * @throws IllegalArgumentException when {@code results} is empty or {@code minimum} below 1
   */
  public static SuppressionPlan of(List<MpiResult> results, int minimum) {
    Objects.requireNonNull(results, "results");
    if (results.isEmpty()) {
      throw new IllegalArgumentException("no result to publish");
    }
    if (minimum < 1) {
      throw new IllegalArgumentException("minimum must be at least 1, got " + minimum);
    }
    return new SuppressionPlan(results, minimum);
  }

  /** The plan of one result published alone. */
  public static SuppressionPlan of(MpiResult result, int minimum) {
    return of(List.of(result), minimum);
  }

  /** The smallest count shown. */
  public int minimum() {
    return minimum;
  }

  /** The results, main first. */
  public List<MpiResult> results() {
    return results;
  }

  /** The groups hidden in {@code window}, in every result's table (empty when none). */
  public Set<String> hiddenGroups(Window window) {
    return decided(window).groups();
  }

  /** Whether result {@code result}'s national cell of {@code window} is hidden. */
  public boolean nationalHidden(int result, Window window) {
    Objects.checkIndex(result, results.size());
    return decided(window).national().get(result);
  }

  /**
   * Whether result {@code result}'s cell of {@code group} ({@link Grouping#NATIONAL_KEY} for the
   * national cell) in {@code window} is hidden.
   */
  public boolean hidden(int result, Window window, String group) {
    return Grouping.NATIONAL_KEY.equals(group)
        ? nationalHidden(result, window)
        : hiddenGroups(window).contains(group);
  }

  /**
   * Whether a change of result {@code result}'s {@code group} between {@code from} and {@code to}
   * may be shown: the cell is shown in both windows. A window without an index (outside the
   * result) hides nothing.
   */
  public boolean changeShown(int result, String group, Window from, Window to) {
    return !hidden(result, from, group) && !hidden(result, to, group);
  }

  /**
   * Whether the change of result {@code result}'s {@code group} from the window of index {@code
   * fromIndex} to {@code to} may be shown ({@link #changeShown}); true when no index window has that
   * index (the change is then empty anyway).
   */
  public boolean changeShown(int result, String group, int fromIndex, Window to) {
    for (Window w : results.get(result).windows()) {
      if (w.index() == fromIndex) {
        return changeShown(result, group, w, to);
      }
    }
    return !hidden(result, to, group);
  }

  private Decided decided(Window window) {
    return byWindow.computeIfAbsent(window.index(), i -> decide(window));
  }

  private Decided decide(Window window) {
    MpiResult main = results.get(0);
    TreeSet<String> keySet = new TreeSet<>();
    for (MpiResult r : results) {
      r.groups(window).forEach(c -> keySet.add(c.group()));
    }
    List<String> keys = new ArrayList<>(keySet);
    long[] total = counts(main, window, keys);
    List<long[]> tables = new ArrayList<>();
    tables.add(total);
    for (MpiResult c : results.subList(1, results.size())) {
      long[] cohort = counts(c, window, keys);
      long[] outside = new long[keys.size()];
      for (int i = 0; i < outside.length; i++) {
        outside[i] = Math.max(0, total[i] - cohort[i]);
      }
      tables.add(cohort);
      tables.add(outside);
    }
    Suppression.Decision<String> d = Suppression.decide(keys, tables, minimum);
    boolean[] national = new boolean[results.size()];
    long mainPatients = patients(main, window);
    national[0] = small(mainPatients) || d.marginHidden().get(0);
    for (int i = 1; i < results.size(); i++) {
      long n = patients(results.get(i), window);
      national[i] =
          small(n)
              || small(mainPatients - n)
              || d.marginHidden().get(2 * i - 1)
              || d.marginHidden().get(2 * i);
    }
    List<Boolean> nationalHidden = new ArrayList<>();
    for (boolean b : national) {
      nationalHidden.add(b);
    }
    return new Decided(d.hidden(), List.copyOf(nationalHidden));
  }

  private boolean small(long n) {
    return minimum > 1 && n > 0 && n < minimum;
  }

  private static long patients(MpiResult r, Window w) {
    return r.national(w).map(IndexCell::patients).orElse(0L);
  }

  private static long[] counts(MpiResult r, Window w, List<String> keys) {
    long[] out = new long[keys.size()];
    for (int i = 0; i < keys.size(); i++) {
      out[i] = r.cell(w, keys.get(i)).map(IndexCell::patients).orElse(0L);
    }
    return out;
  }
}
