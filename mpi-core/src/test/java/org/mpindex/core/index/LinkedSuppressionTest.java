package org.mpindex.core.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** Suppression of a total and its cohorts published together. */
class LinkedSuppressionTest {

  @Test
  void disjointCohortsHideTheSameGroups() {
    // total = ffs + ma; ma holds 5 in A and 8 in C: both small, hidden everywhere. Every table then
    // hides two non-empty groups adding up to 11 or more (total 70, ffs 57, ma 13).
    Map<String, Long> total = Map.of("A", 50L, "B", 30L, "C", 20L);
    Map<String, Long> ffs = Map.of("A", 45L, "B", 30L, "C", 12L);
    Map<String, Long> ma = Map.of("A", 5L, "B", 0L, "C", 8L);
    assertEquals(Set.of("A", "C"), Suppression.linked(List.of(total, ffs, ma), 11));
  }

  @Test
  void aSmallComplementHidesTheCohortsCellAndAComplementaryOne() {
    // the cohort misses 5 of A's 50: A is hidden in all tables; the total then hides a single
    // group,
    // so its smallest shown group C (20) is hidden too
    Map<String, Long> total = Map.of("A", 50L, "B", 30L, "C", 20L);
    Map<String, Long> cohort = Map.of("A", 45L, "B", 30L, "C", 20L);
    Map<String, Long> outside = Map.of("A", 5L, "B", 0L, "C", 0L);
    assertEquals(Set.of("A", "C"), Suppression.linked(List.of(total, cohort, outside), 11));
    assertEquals(Set.of(), Suppression.linked(List.of(total, cohort), 11));
  }

  @Property(tries = 500)
  void everySmallCellIsHiddenAndNoTableLeavesADerivableSmallSum(
      @ForAll @Size(min = 1, max = 8) List<@IntRange(min = 0, max = 40) Integer> a,
      @ForAll @Size(min = 1, max = 8) List<@IntRange(min = 0, max = 40) Integer> b,
      @ForAll @IntRange(min = 2, max = 15) int minimum) {
    // a total and a cohort of it: cohort_g = min(a_g, b_g) <= total_g = a_g; the complement too
    int n = Math.min(a.size(), b.size());
    Map<String, Long> total = new HashMap<>();
    Map<String, Long> cohort = new HashMap<>();
    Map<String, Long> outside = new HashMap<>();
    for (int i = 0; i < n; i++) {
      String k = "G" + i;
      long t = a.get(i);
      long c = Math.min(a.get(i), b.get(i));
      total.put(k, t);
      cohort.put(k, c);
      outside.put(k, t - c);
    }
    List<Map<String, Long>> tables = new ArrayList<>(List.of(total, cohort, outside));
    Set<String> hidden = Suppression.linked(tables, minimum);
    for (Map<String, Long> t : tables) {
      long sum = 0;
      int count = 0;
      long shownNonEmpty = 0;
      for (Map.Entry<String, Long> e : t.entrySet()) {
        if (e.getValue() > 0 && e.getValue() < minimum) {
          assertTrue(hidden.contains(e.getKey()), "small cell " + e + " shown");
        }
        if (hidden.contains(e.getKey()) && e.getValue() > 0) {
          sum += e.getValue();
          count++;
        } else if (e.getValue() > 0) {
          shownNonEmpty++;
        }
      }
      // the table's total minus its shown cells gives the hidden sum: 0, or at least the minimum
      // over
      // two or more cells, unless nothing non-empty is left to hide
      assertTrue(
          count == 0 || (count >= 2 && sum >= minimum) || shownNonEmpty == 0,
          "table " + t + " hides " + hidden + ": " + count + " cells, sum " + sum);
    }
  }
}
