package org.mpindex.core.index;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Small-cell suppression of published tables, as CMS publications require: no cell of 1 to {@code
 * minimum - 1} beneficiaries is shown, and none can be derived from what is shown (issue #25).
 *
 * <h2>What the reader (the attacker) knows</h2>
 *
 * For each published table: every shown cell's count, which cells are hidden (all hidden cells carry
 * the same label), the table's margin (the national count, a cohort's total, and by subtraction each
 * cohort's complement), hence the sum {@code T} of the hidden cells of each table, and this rule.
 *
 * <h2>The rule</h2>
 *
 * <ol>
 *   <li><b>Primary.</b> A cell of 1 to {@code minimum - 1} in any table is hidden (in every table:
 *       tables of cohorts over the same groups hide one set of groups). Empty cells are never hidden.
 *   <li><b>Complementary.</b> While some table is not <i>protected</i>, that table's smallest shown
 *       non-empty cell (ties by key) is hidden too, until every table is protected or has nothing
 *       left to hide.
 * </ol>
 *
 * A table with {@code k} hidden non-empty cells adding up to {@code T}, whose smallest shown
 * non-empty cell is {@code U} ({@code T + 1} when none is shown), is <i>protected</i> when no
 * non-empty cell is hidden in it, or when the <i>model set</i> of counts a reader can give one
 * hidden cell
 *
 * <pre>
 *   lo = max(1, T - (k - 1)(U - 1)),   hi = min(U - 1, T - (k - 1))
 *   small = [lo, min(hi, minimum - 1)]
 *   large = [max(lo, minimum, T - (minimum - 1) - (k - 2)(U - 1)), hi]   (empty when k = 1)
 *   model set = small + large
 * </pre>
 *
 * holds at least {@code 2 x} {@link #protection(int) protection(minimum)} counts and reaches the
 * minimum ({@code large} not empty). When every non-empty cell of a table is hidden and it is still
 * not protected, the table's margin is hidden too ({@link #decide}).
 *
 * <h2>Why</h2>
 *
 * <p><b>The model set is what the published numbers alone allow.</b> Every hidden cell is at least
 * 1. Every hidden cell is at most {@code U - 1} as far as a reader can tell: a primary cell is below
 * the minimum, which is at most the smallest shown cell, and complementary cells are taken smallest
 * first, so they are at most {@code U} ({@code U - 1} stays on the safe side of ties broken by key).
 * With {@code k} cells in {@code [1, U - 1]} adding up to {@code T}, one of them can be any count
 * from {@code lo} (the others at their largest) to {@code hi} (the others at 1). A reader also
 * knows that at least one hidden cell is primary (below the minimum; in linked tables it may be
 * primary in another table, so assuming it here only narrows the model, the safe side): a cell of
 * {@code v >= minimum} leaves the other {@code k - 1} cells {@code T - v}, of which one is below the
 * minimum and the rest at most {@code U - 1}, so {@code T - v <= (minimum - 1) + (k - 2)(U - 1)}:
 * the lower end of {@code large}. Every count of {@code small} and {@code large} is reached by some
 * such assignment.
 *
 * <p><b>The rule tells a reader a little more</b>: that the table was not yet protected one step
 * before the last complementary cell was hidden, which bounds that (largest) cell and the sum of the
 * others. That is why the rule asks for twice the protection interval in the model set. That this
 * margin suffices, i.e. that the exact set of counts a reader can give each hidden cell (every
 * assignment of counts to the hidden cells with the published sum under which this rule hides the
 * same cells) still holds at least {@code protection(minimum)} counts and one of at least the
 * minimum, is not proved here but checked exhaustively, world by world, by {@code
 * SuppressionAttackProperties} over thousands of random tables and minimums 2 to 11, and on the
 * written files by the CLI's {@code SuppressionAttackFilesProperties}.
 *
 * <p>What a reader learns, then, for every hidden cell: that it lies in a set of at least {@code
 * protection(minimum)} counts (5 under the default minimum of 11) which includes counts of at least
 * the minimum: it may be a small cell or a large one, and which hidden cells are small is not said
 * (every suppressed row carries one label, {@link GroupTable#SUPPRESSED}).
 *
 * <p>Tables of several cohorts are linked ({@link #linked}): a cohort's table, its complement (the
 * total minus the cohort) and the total are each protected, and one set of groups is hidden in all.
 * Strata of a standard population are a table too ({@link #ofCounts}). For whole publications of
 * results (series, group tables, changes) see {@link SuppressionPlan}.
 */
public final class Suppression {
  /** The default minimum count shown: 11, CMS's minimum cell size. */
  public static final int DEFAULT_MINIMUM = 11;

  /** The protection interval under the default minimum: 5 counts. */
  public static final int DEFAULT_PROTECTION = 5;

  private Suppression() {}

  /**
   * How many counts a hidden cell's feasible interval spans at least: {@value #DEFAULT_PROTECTION},
   * or {@code minimum} when that is smaller (1 when suppression is off).
   *
   * @param minimum the smallest count shown, at least 1
   */
  public static int protection(int minimum) {
    if (minimum < 1) {
      throw new IllegalArgumentException("minimum must be at least 1, got " + minimum);
    }
    return Math.min(DEFAULT_PROTECTION, minimum);
  }

  /**
   * The keys of the groups to suppress among one window's group cells, in the order the rule hides
   * them (primary ones by key, then complementary ones).
   *
   * @param minimum the smallest count shown (1 turns suppression off)
   */
  public static Set<String> of(List<IndexCell> groups, int minimum) {
    List<IndexCell> byKey = new ArrayList<>(groups);
    byKey.sort(Comparator.comparing(IndexCell::group));
    List<String> keys = new ArrayList<>();
    long[] counts = new long[byKey.size()];
    for (int i = 0; i < counts.length; i++) {
      keys.add(byKey.get(i).group());
      counts[i] = byKey.get(i).patients();
    }
    return ofCounts(keys, counts, minimum);
  }

  /**
   * The same rule over any counts that add up to a published total (groups of a window, strata of a
   * standard population): the keys to hide, primary first (in key order), then complementary ones
   * smallest first (ties by position in {@code keys}).
   *
   * @param keys distinct keys
   * @param counts one count per key, none negative
   * @param minimum the smallest count shown (1 turns suppression off)
   */
  public static <K> Set<K> ofCounts(List<K> keys, long[] counts, int minimum) {
    if (keys.size() != counts.length) {
      throw new IllegalArgumentException(keys.size() + " keys for " + counts.length + " counts");
    }
    return protect(keys, new long[][] {counts.clone()}, minimum);
  }

  /**
   * Suppression of several tables over the same groups published together: the total and tables of
   * cohorts of it. Differences between such tables are counts too (the total's patients minus a
   * cohort's are the patients outside it; two disjoint cohorts add up to the total), so the caller
   * passes each such difference as a table of its own, and one set of groups is hidden in every
   * table, by the rule of this class applied to all the tables at once: a group small in any table
   * is hidden, and while some table is not protected its smallest shown non-empty group (ties by
   * key) is hidden too.
   *
   * @param tables count per group key, one map per table (a key absent from a table counts 0)
   * @return the keys to hide in every table, in the order the rule hides them
   */
  public static Set<String> linked(List<java.util.Map<String, Long>> tables, int minimum) {
    java.util.TreeSet<String> all = new java.util.TreeSet<>();
    tables.forEach(t -> all.addAll(t.keySet()));
    List<String> keys = new ArrayList<>(all);
    long[][] counts = new long[tables.size()][keys.size()];
    for (int t = 0; t < tables.size(); t++) {
      for (int i = 0; i < keys.size(); i++) {
        counts[t][i] = tables.get(t).getOrDefault(keys.get(i), 0L);
      }
    }
    return protect(keys, counts, minimum);
  }

  /**
   * What the rule decides for tables published together.
   *
   * @param hidden the keys to hide in every table, in the order the rule hides them
   * @param marginHidden per table, in the order given: whether the table's margin (its total) must
   *     not be published either, because it is itself 1 to {@code minimum - 1} or because, with every
   *     non-empty cell of the table hidden, the table is still not protected (see the class comment:
   *     the model set of its hidden cells holds fewer than twice {@link #protection} counts or none
   *     of at least the minimum) (a reader who knew the total would
   *     know the cells too closely, or know them all small)
   * @param <K> the key type
   */
  public record Decision<K>(Set<K> hidden, List<Boolean> marginHidden) {
    public Decision {
      hidden = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(hidden));
      marginHidden = List.copyOf(marginHidden);
    }

    /** Whether any table's margin must be hidden. */
    public boolean anyMarginHidden() {
      return marginHidden.contains(true);
    }
  }

  /**
   * The rule over tables published together, with their margins: the keys to hide in every table
   * and whether each table's total must be hidden too ({@link Decision}).
   *
   * @param keys distinct keys, one per column of every table
   * @param tables counts per key, one array per table (the same length as {@code keys}), none
   *     negative; a table and its margin are published, so pass every difference of tables a
   *     reader could form (a cohort's complement) as a table of its own
   * @param minimum the smallest count shown (1 turns suppression off)
   */
  public static <K> Decision<K> decide(List<K> keys, List<long[]> tables, int minimum) {
    long[][] counts = new long[tables.size()][];
    for (int t = 0; t < counts.length; t++) {
      if (tables.get(t).length != keys.size()) {
        throw new IllegalArgumentException(
            keys.size() + " keys for " + tables.get(t).length + " counts in table " + t);
      }
      counts[t] = tables.get(t).clone();
    }
    Set<K> hidden = protect(keys, counts, minimum);
    boolean[] isHidden = new boolean[keys.size()];
    for (int i = 0; i < isHidden.length; i++) {
      isHidden[i] = hidden.contains(keys.get(i));
    }
    int width = 2 * protection(minimum);
    List<Boolean> margins = new ArrayList<>();
    for (long[] table : counts) {
      long total = 0;
      for (long n : table) {
        total += n;
      }
      int next = smallestShown(table, isHidden);
      boolean unprotected = next < 0 && !protectedTable(table, isHidden, -1, minimum, width, true);
      margins.add(minimum > 1 && ((total > 0 && total < minimum) || unprotected));
    }
    return new Decision<>(hidden, margins);
  }

  /** The rule over {@code counts[table][key]}: the keys hidden, in the order they are hidden. */
  private static <K> Set<K> protect(List<K> keys, long[][] counts, int minimum) {
    if (minimum < 1) {
      throw new IllegalArgumentException("minimum must be at least 1, got " + minimum);
    }
    for (long[] table : counts) {
      for (long n : table) {
        if (n < 0) {
          throw new IllegalArgumentException("a count is negative: " + n);
        }
      }
    }
    // twice the protection interval in the model set: the margin for what the rule itself tells
    int width = 2 * protection(minimum);
    int n = keys.size();
    boolean[] hidden = new boolean[n];
    Set<K> out = new LinkedHashSet<>();
    for (int i = 0; i < n; i++) {
      for (long[] table : counts) {
        if (table[i] > 0 && table[i] < minimum && !hidden[i]) {
          hidden[i] = true;
          out.add(keys.get(i));
        }
      }
    }
    if (out.isEmpty()) {
      return out;
    }
    boolean changed = true;
    while (changed) {
      changed = false;
      for (long[] table : counts) {
        int next = smallestShown(table, hidden);
        if (next >= 0 && !protectedTable(table, hidden, table[next], minimum, width, false)) {
          hidden[next] = true;
          out.add(keys.get(next));
          changed = true;
        }
      }
    }
    return out;
  }

  /** The index of the smallest shown non-empty cell (ties: the first), or -1. */
  private static int smallestShown(long[] table, boolean[] hidden) {
    int next = -1;
    for (int i = 0; i < table.length; i++) {
      if (!hidden[i] && table[i] > 0 && (next < 0 || table[i] < table[next])) {
        next = i;
      }
    }
    return next;
  }

  /**
   * Whether a table is protected: no non-empty cell hidden, or the box interval of its hidden cells
   * (see the class comment) spans {@code width} values and reaches {@code minimum}; the latter is
   * not asked when {@code smallestShown} is -1 (nothing left to hide) unless {@code strict}.
   */
  private static boolean protectedTable(
      long[] table, boolean[] hidden, long smallestShown, int minimum, int width, boolean strict) {
    long k = 0;
    long sum = 0;
    for (int i = 0; i < table.length; i++) {
      if (hidden[i] && table[i] > 0) {
        k++;
        sum += table[i];
      }
    }
    if (k == 0) {
      return true;
    }
    long[] f = feasible(k, sum, smallestShown < 0 ? sum + 1 : smallestShown, minimum);
    return f[0] >= width && ((smallestShown < 0 && !strict) || f[1] >= minimum);
  }

  /**
   * What a reader can narrow one of {@code k} hidden cells adding up to {@code sum} to, knowing each
   * is in {@code [1, smallestShown - 1]} and at least one of them is below {@code minimum}: {@code
   * {number of feasible counts, the highest feasible count}} (see the class comment).
   */
  static long[] feasible(long k, long sum, long smallestShown, int minimum) {
    long upper = smallestShown - 1;
    long lo = Math.max(1, sum - (k - 1) * upper);
    long hi = Math.min(upper, sum - (k - 1));
    long small = Math.max(0, Math.min(hi, minimum - 1L) - lo + 1);
    long large = 0;
    if (k >= 2) {
      // a value of at least the minimum leaves the rest to hold a cell below it
      long from = Math.max(Math.max(lo, minimum), sum - (minimum - 1L) - (k - 2) * upper);
      large = Math.max(0, hi - from + 1);
    }
    long highest = large > 0 ? hi : Math.min(hi, minimum - 1L);
    return new long[] {small + large, highest};
  }
}
