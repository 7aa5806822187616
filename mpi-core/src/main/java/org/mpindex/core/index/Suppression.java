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
    if (minimum < 1) {
      throw new IllegalArgumentException("minimum must be at least 1, got " + minimum);
    }
    Set<String> hidden = new LinkedHashSet<>();
    long sum = 0;
    for (IndexCell c : groups) {
      if (c.patients() > 0 && c.patients() < minimum) {
        hidden.add(c.group());
        sum += c.patients();
      }
    }
    if (hidden.isEmpty()) {
      return hidden;
    }
    List<IndexCell> shown = new ArrayList<>();
    for (IndexCell c : groups) {
      if (c.patients() > 0 && !hidden.contains(c.group())) {
        shown.add(c);
      }
    }
    shown.sort(Comparator.comparingLong(IndexCell::patients).thenComparing(IndexCell::group));
    for (IndexCell c : shown) {
      if (hidden.size() >= 2 && sum >= minimum) {
        break;
      }
      hidden.add(c.group());
      sum += c.patients();
    }
    return hidden;
  }
}
