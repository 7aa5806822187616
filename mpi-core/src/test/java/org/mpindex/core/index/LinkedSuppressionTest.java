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
    // total = ffs + ma; ma holds 5 in A and 8 in C: both small, hidden everywhere. In the total, A
    // and C add up to 70 while the smallest shown is B (30): the model (every hidden cell below the
    // smallest shown, so at most 29) has no count for them (lo = max(1, 70 - 29) = 41 > hi = 29):
    // the rule takes that as unprotected, the safe side, and hides B too
    Map<String, Long> total = Map.of("A", 50L, "B", 30L, "C", 20L);
    Map<String, Long> ffs = Map.of("A", 45L, "B", 30L, "C", 12L);
    Map<String, Long> ma = Map.of("A", 5L, "B", 0L, "C", 8L);
    assertEquals(Set.of("A", "C", "B"), Suppression.linked(List.of(total, ffs, ma), 11));
    // with all hidden, ma's margin 13 over A and C: lo = 1, hi = 12; small [1, 10], large [11, 12]:
    // 12 counts reaching 11, shown; the total's (100) and ffs's (87) too
    assertEquals(
        List.of(false, false, false),
        Suppression.decide(
                List.of("A", "B", "C"),
                List.of(new long[] {50, 30, 20}, new long[] {45, 30, 12}, new long[] {5, 0, 8}),
                11)
            .marginHidden());
  }

  @Test
  void aSmallComplementHidesTheCohortsCellAndAComplementaryOne() {
    // the cohort misses 5 of A's 50: A is hidden in all tables; the total then hides a single
    // group,
    // so its smallest shown group C (20) is hidden too
    // (issue #25) then A and C add up to 70 over the smallest shown B (30): no count fits the
    // model,
    // so B is hidden too; the complement's margin (5, all in A) is hidden: it is A's count
    Map<String, Long> total = Map.of("A", 50L, "B", 30L, "C", 20L);
    Map<String, Long> cohort = Map.of("A", 45L, "B", 30L, "C", 20L);
    Map<String, Long> outside = Map.of("A", 5L, "B", 0L, "C", 0L);
    assertEquals(Set.of("A", "C", "B"), Suppression.linked(List.of(total, cohort, outside), 11));
    assertEquals(
        List.of(false, false, true),
        Suppression.decide(
                List.of("A", "B", "C"),
                List.of(new long[] {50, 30, 20}, new long[] {45, 30, 20}, new long[] {5, 0, 0}),
                11)
            .marginHidden());
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
