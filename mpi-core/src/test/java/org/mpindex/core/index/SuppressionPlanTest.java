package org.mpindex.core.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.mpindex.core.time.Window;

/** The library's publication plan (issue #25): linked suppression and changes. */
class SuppressionPlanTest {
  static final Window Q2 = ViewsTest.w(2009, 2);
  static final Window Q3 = ViewsTest.w(2009, 3);

  static IndexCell cell(Window w, String group, long n) {
    return new IndexCell(
        w,
        group,
        0.1,
        0.2,
        2.0,
        n,
        Double.NaN,
        Double.NaN,
        Double.NaN,
        IntervalMethod.NONE,
        n,
        Map.of(),
        0);
  }

  static MpiResult result(long a2, long b2, long c2, long a3, long b3, long c3) {
    IngestAccounting none = new IngestAccounting(new TreeMap<>(), new TreeMap<>(), new TreeMap<>());
    return new MpiResult(
        MpiSpec.PARENTE_2011,
        Optional.empty(),
        "e",
        "b",
        none,
        List.of(Q2, Q3),
        List.of(cell(Q2, "US", a2 + b2 + c2), cell(Q3, "US", a3 + b3 + c3)),
        Map.of(
            Q2.index(), List.of(cell(Q2, "A", a2), cell(Q2, "B", b2), cell(Q2, "C", c2)),
            Q3.index(), List.of(cell(Q3, "A", a3), cell(Q3, "B", b3), cell(Q3, "C", c3))),
        Map.of(),
        Map.of(),
        Map.of());
  }

  @Test
  void aChangeIsShownOnlyWhenBothWindowsAre() {
    MpiResult r = result(5, 200, 300, 50, 200, 300);
    SuppressionPlan plan = SuppressionPlan.of(r, 11);
    // Q2: A (5) primary; alone it would be pinned, so B (200), the smallest shown, joins: two
    // adding
    // up to 205 under the smallest shown 300: lo = 1, hi = 204; small [1, 10], large [max(11, 205 -
    // 10), 204] = [195, 204]: 20 counts >= 10, protected. Q3: nothing small
    assertEquals(Set.of("A", "B"), plan.hiddenGroups(Q2));
    assertEquals(Set.of(), plan.hiddenGroups(Q3));
    assertFalse(plan.nationalHidden(0, Q2));
    // A and B are shown in Q3, but a change from Q2 would give Q2's values back
    assertFalse(plan.changeShown(0, "A", Q2, Q3));
    assertFalse(plan.changeShown(0, "B", Q2, Q3));
    assertTrue(plan.changeShown(0, "C", Q2, Q3));
    assertTrue(plan.changeShown(0, Grouping.NATIONAL_KEY, Q2, Q3));
  }

  @Test
  void aCohortsComplementIsProtectedToo() {
    // the cohort misses 4 of C's 300 in Q3: C is small outside the cohort, hidden in both tables
    MpiResult total = result(50, 200, 300, 50, 200, 300);
    MpiResult cohort = result(50, 200, 300, 50, 200, 296);
    SuppressionPlan plan = SuppressionPlan.of(List.of(total, cohort), 11);
    assertEquals(Set.of(), plan.hiddenGroups(Q2));
    assertTrue(plan.hiddenGroups(Q3).contains("C"));
    // the complement (0, 0, 4) has nothing else to hide: its margin 4 is small, so the cohort's
    // national cell is hidden (total - cohort would give the 4)
    assertTrue(plan.nationalHidden(1, Q3));
    assertFalse(plan.nationalHidden(0, Q3));
  }
}
