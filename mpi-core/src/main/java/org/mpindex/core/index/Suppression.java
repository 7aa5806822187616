package org.mpindex.core.index;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Small-cell suppression of one window's group cells, as CMS publications do (cells of 1 to 10
 * beneficiaries are not shown), with complementary suppression so that no hidden count can be
 * recovered by subtracting the shown groups from the national count.
 *
 * <p>Rule: a group with 1 to {@code minimum - 1} patients is suppressed (primary). When any group is
 * suppressed, further groups are suppressed, smallest first (ties by key), until at least two are and
 * their patients add up to at least {@code minimum}: the national count minus the shown groups then
 * gives only the sum of two or more hidden counts, itself not below the minimum. Groups without
 * patients are not suppressed (there is nothing to hide). A suppressed cell shows neither its counts
 * nor its values in any output.
 */
public final class Suppression {
  /** The default minimum count shown: 11, CMS's minimum cell size. */
  public static final int DEFAULT_MINIMUM = 11;

  private Suppression() {}

  /**
   * The keys of the groups to suppress among one window's group cells (primary first, then
   * complementary), in that order.
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
   * standard population): the keys to hide, primary first, then complementary ones smallest first
   * (ties by position in {@code keys}).
   *
   * @param counts one count per key
   * @param minimum the smallest count shown (1 turns suppression off)
   */
  public static <K> Set<K> ofCounts(List<K> keys, long[] counts, int minimum) {
    if (minimum < 1) {
      throw new IllegalArgumentException("minimum must be at least 1, got " + minimum);
    }
    if (keys.size() != counts.length) {
      throw new IllegalArgumentException(keys.size() + " keys for " + counts.length + " counts");
    }
    Set<K> hidden = new LinkedHashSet<>();
    long sum = 0;
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] > 0 && counts[i] < minimum) {
        hidden.add(keys.get(i));
        sum += counts[i];
      }
    }
    if (hidden.isEmpty()) {
      return hidden;
    }
    List<Integer> shown = new ArrayList<>();
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] > 0 && !hidden.contains(keys.get(i))) {
        shown.add(i);
      }
    }
    shown.sort(Comparator.comparingLong((Integer i) -> counts[i]).thenComparingInt(i -> i));
    for (int i : shown) {
      if (hidden.size() >= 2 && sum >= minimum) {
        break;
      }
      hidden.add(keys.get(i));
      sum += counts[i];
    }
    return hidden;
  }

  /**
   * Suppression of several tables over the same groups published together: the total and tables of
   * cohorts of it. Differences between such tables are counts too (the total's patients minus a
   * cohort's are the patients outside it; two disjoint cohorts add up to the total), so the caller
   * passes each such difference as a table of its own, and one set of groups is hidden in every
   * table: a group is hidden when it is small (1 to {@code minimum - 1}) in any table; then, as long
   * as some table hides a single non-empty group or hidden non-empty groups adding up to less than
   * {@code minimum}, that table's smallest shown non-empty group (ties by key) is hidden too.
   *
   * @param tables count per group key, one map per table (a key absent from a table counts 0)
   * @return the keys to hide in every table
   */
  public static Set<String> linked(List<java.util.Map<String, Long>> tables, int minimum) {
    if (minimum < 1) {
      throw new IllegalArgumentException("minimum must be at least 1, got " + minimum);
    }
    java.util.TreeSet<String> keys = new java.util.TreeSet<>();
    tables.forEach(t -> keys.addAll(t.keySet()));
    Set<String> hidden = new LinkedHashSet<>();
    for (String k : keys) {
      for (java.util.Map<String, Long> t : tables) {
        long n = t.getOrDefault(k, 0L);
        if (n > 0 && n < minimum) {
          hidden.add(k);
        }
      }
    }
    if (hidden.isEmpty()) {
      return hidden;
    }
    boolean changed = true;
    while (changed) {
      changed = false;
      for (java.util.Map<String, Long> t : tables) {
        long sum = 0;
        int count = 0;
        for (String k : hidden) {
          long n = t.getOrDefault(k, 0L);
          if (n > 0) {
            sum += n;
            count++;
          }
        }
        if (count == 0 || (count >= 2 && sum >= minimum)) {
          continue;
        }
        String next = null;
        for (String k : keys) {
          long n = t.getOrDefault(k, 0L);
          if (n > 0 && !hidden.contains(k) && (next == null || n < t.getOrDefault(next, 0L))) {
            next = k;
          }
        }
        if (next != null) {
          hidden.add(next);
          changed = true;
        }
      }
    }
    return hidden;
  }
}
