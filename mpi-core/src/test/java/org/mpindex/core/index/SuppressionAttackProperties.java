package org.mpindex.core.index;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/**
 * Issue #25 point 1: the attacker ({@link SuppressionAttacker}) runs against the rule. For every
 * hidden cell, the counts consistent with the shown cells, the margin, the labels and the rule must
 * span at least {@link Suppression#protection} values and include one of at least the minimum.
 */
class SuppressionAttackProperties {

  static List<String> keys(int n) {
    List<String> k = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      k.add(String.valueOf((char) ('A' + i)));
    }
    return k;
  }

  static long[] longs(int... v) {
    long[] out = new long[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = v[i];
    }
    return out;
  }

  /** The failures of the attacker's check, empty when every hidden cell is protected. */
  static List<String> leaks(List<String> keys, long[] counts, int minimum, boolean labels) {
    Map<String, java.util.SortedSet<Long>> feasible =
        SuppressionAttacker.feasible(
            keys,
            counts,
            labels
                ? SuppressionAttacker.groupTable(keys, minimum)
                : SuppressionAttacker.rule(keys, minimum));
    List<String> out = new ArrayList<>();
    int width = Suppression.protection(minimum);
    feasible.forEach(
        (key, values) -> {
          if (values.size() < width) {
            out.add(key + " narrowed to " + values);
          }
          if (values.last() < minimum) {
            out.add(key + " known small: " + values);
          }
        });
    return out;
  }

  @Test
  void fourStatesOfForty() {
    // four states of 10 (40 hidden in all), shown 12, 15 and 200: under the old rule ("smallest
    // first
    // until two or more add up to 11") the primaries alone stop it, and no world with a
    // complementary cell hides the same four (a complementary one would be 11 or 12, leaving 28 or
    // 29 for three primaries, which would have stopped the rule without it): each is exactly 10.
    List<String> keys = keys(7);
    long[] counts = longs(10, 10, 10, 10, 12, 15, 200);
    assertEquals(List.of(), leaks(keys, counts, 11, false));
    // by hand under the new rule (model set, see Suppression; protection 5, so 10 counts asked):
    // the four add up to 40, smallest shown 12 (cells at most 11): lo = max(1, 40 - 3 x 11) = 7,
    // hi = min(11, 40 - 3) = 11; small = [7, 10], large = [max(7, 11, 40 - 10 - 2 x 11), 11] =
    // [11, 11]: 5 counts < 10, so E (12) is hidden too. Five adding up to 52, smallest shown 15:
    // lo = max(1, 52 - 4 x 14) = 1, hi = min(14, 48) = 14; small = [1, 10], large = [max(1, 11,
    // 52 - 10 - 3 x 14), 14] = [11, 14]: 14 counts reaching 11: protected
    assertEquals(Set.of("A", "B", "C", "D", "E"), Suppression.ofCounts(keys, counts, 11));
  }

  @Test
  void twoStatesOfTwentyWithTheirLabels() {
    // two states of 10, shown 12, 15, 200. The old rule hid the two (20 >= 11) and labelled both
    // "fewer patients than the minimum": two cells below 11 adding up to 20 are 10 and 10.
    List<String> keys = keys(5);
    long[] counts = longs(10, 10, 12, 15, 200);
    assertEquals(List.of(), leaks(keys, counts, 11, true));
    // by hand under the new rule: the two add up to 20, smallest shown 12: lo = max(1, 20 - 11) =
    // 9, hi = min(11, 19) = 11; small = [9, 10], large = [max(9, 11, 20 - 10 - 0), 11] = [11, 11]:
    // 3 counts < 10, so C (12) joins: three adding up to 32, smallest shown 15: lo = max(1, 32 -
    // 2 x 14) = 4, hi = min(14, 30) = 14; small = [4, 10], large = [max(4, 11, 32 - 10 - 14), 14] =
    // [11, 14]: 11 counts reaching 11
    assertEquals(Set.of("A", "B", "C"), Suppression.ofCounts(keys, counts, 11));
  }

  @Test
  void labelsDoNotTellPrimaryFromComplementary() {
    // WY (4) is primary, DE (14) complementary: both rows say the same
    List<String> keys = List.of("DE", "MD", "WY");
    Map<String, String> labels = SuppressionAttacker.groupTable(keys, 11).apply(longs(14, 500, 4));
    assertEquals(Set.of("DE", "WY"), labels.keySet());
    assertEquals(labels.get("DE"), labels.get("WY"));
    assertEquals(GroupTable.SUPPRESSED, labels.get("WY"));
  }

  @Test
  void marginsOfTablesThatCannotBeProtectedAreHidden() {
    // twelve cells of 1 under minimum 11: all hidden, and the total 12 would tell that each is 1
    // (box lo = max(1, 12 - 11 x 11) = 1, hi = 12 - 11 = 1): the total is hidden too
    long[] ones = new long[12];
    java.util.Arrays.fill(ones, 1);
    Suppression.Decision<String> d = Suppression.decide(keys(12), List.of(ones), 11);
    assertEquals(12, d.hidden().size());
    assertEquals(List.of(true), d.marginHidden());
    // 5, 5, 5: the total 15 would tell that all three are small (hi = 15 - 2 = 13 >= 11, but the
    // rule hides only cells below 11 when nothing else is left: a reader knows the three are small
    // only if hi < 11); here hi = 13 reaches 11 and spans 13 values: the total is shown
    assertEquals(
        List.of(false), Suppression.decide(keys(3), List.of(longs(5, 5, 5)), 11).marginHidden());
    // 3, 3, 3: hi = 9 - 2 = 7 < 11: every cell is known small, the total is hidden
    assertEquals(
        List.of(true), Suppression.decide(keys(3), List.of(longs(3, 3, 3)), 11).marginHidden());
    // a small total is hidden whatever its cells
    assertEquals(
        List.of(true), Suppression.decide(keys(2), List.of(longs(0, 7)), 11).marginHidden());
    assertEquals(
        List.of(false), Suppression.decide(keys(2), List.of(longs(20, 30)), 11).marginHidden());
  }

  @Property(tries = 1000)
  void noHiddenCellIsPinnedOrKnownSmall(
      @ForAll @Size(min = 2, max = 6) List<@IntRange(min = 0, max = 24) Integer> raw,
      @ForAll @IntRange(min = 2, max = 8) int minimum,
      @ForAll boolean labels) {
    List<String> keys = keys(raw.size());
    long[] counts = new long[raw.size()];
    for (int i = 0; i < counts.length; i++) {
      counts[i] = raw.get(i);
    }
    Set<String> hidden = Suppression.ofCounts(keys, counts, minimum);
    long sum = 0;
    for (int i = 0; i < counts.length; i++) {
      if (hidden.contains(keys.get(i))) {
        sum += counts[i];
      }
    }
    Assume.that(!hidden.isEmpty());
    // a hidden margin leaves the reader without the hidden cells' sum: see marginsOf...
    Assume.that(!Suppression.decide(keys, List.of(counts), minimum).anyMarginHidden());
    Assume.that(SuppressionAttacker.worlds(hidden.size(), sum) <= SuppressionAttacker.MAX_WORLDS);
    net.jqwik.api.statistics.Statistics.collect(hidden.size());
    assertEquals(
        List.of(),
        leaks(keys, counts, minimum, labels),
        java.util.Arrays.toString(counts) + " minimum " + minimum + " hides " + hidden);
  }
}
