package org.mpindex.core.index;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The attacker of issue #25: knows every shown count of a table, which cells are hidden and how
 * they are labelled, the table's margin (so the hidden cells' sum) and the rule; enumerates every
 * world (an assignment of counts of at least 1 to the hidden cells with that sum) in which the rule
 * hides the same cells with the same labels, and collects each hidden cell's feasible counts.
 */
final class SuppressionAttacker {
  private SuppressionAttacker() {}

  /** Worlds enumerated at most: tests assume their tables below it. */
  static final long MAX_WORLDS = 300_000;

  /** C(n, r), saturating at Long.MAX_VALUE / 2. */
  static long choose(long n, long r) {
    if (r < 0 || r > n) {
      return 0;
    }
    long c = 1;
    for (long i = 1; i <= r; i++) {
      c = c * (n - r + i) / i;
      if (c > Long.MAX_VALUE / 4 / (n + 1)) {
        return Long.MAX_VALUE / 2;
      }
    }
    return c;
  }

  /** How many worlds {@link #feasible} enumerates for {@code k} hidden cells adding up to {@code sum}. */
  static long worlds(int k, long sum) {
    return choose(sum - 1, k - 1);
  }

  /**
   * Each hidden cell's feasible counts.
   *
   * @param counts the true table: one count per key, in key order
   * @param published what a world publishes: the hidden keys with their labels (key -> label)
   */
  static Map<String, java.util.SortedSet<Long>> feasible(
      List<String> keys, long[] counts, Function<long[], Map<String, String>> published) {
    Map<String, String> seen = published.apply(counts);
    List<Integer> hidden = new ArrayList<>();
    long sum = 0;
    for (int i = 0; i < keys.size(); i++) {
      if (seen.containsKey(keys.get(i))) {
        hidden.add(i);
        sum += counts[i];
      }
    }
    Map<String, java.util.SortedSet<Long>> out = new TreeMap<>();
    for (int i : hidden) {
      out.put(keys.get(i), new TreeSet<>());
    }
    long[] world = counts.clone();
    enumerate(keys, hidden, 0, sum, world, seen, published, out);
    return out;
  }

  private static void enumerate(
      List<String> keys,
      List<Integer> hidden,
      int at,
      long left,
      long[] world,
      Map<String, String> seen,
      Function<long[], Map<String, String>> published,
      Map<String, java.util.SortedSet<Long>> out) {
    int cell = hidden.get(at);
    if (at == hidden.size() - 1) {
      world[cell] = left;
      if (published.apply(world).equals(seen)) {
        for (int i : hidden) {
          out.get(keys.get(i)).add(world[i]);
        }
      }
      return;
    }
    int rest = hidden.size() - at - 1;
    for (long v = 1; v <= left - rest; v++) {
      world[cell] = v;
      enumerate(keys, hidden, at + 1, left - v, world, seen, published, out);
    }
  }

  /** What {@link Suppression#ofCounts} publishes: the hidden keys, one label for all. */
  static Function<long[], Map<String, String>> rule(List<String> keys, int minimum) {
    return w -> {
      Map<String, String> m = new HashMap<>();
      Suppression.ofCounts(keys, w, minimum).forEach(k -> m.put(k, "hidden"));
      return m;
    };
  }

  /**
   * What a {@link GroupTable} publishes: each suppressed row's key with its {@code unranked} label
   * (the label is the attacker's too).
   */
  static Function<long[], Map<String, String>> groupTable(List<String> keys, int minimum) {
    return w -> {
      List<IndexCell> cells = new ArrayList<>();
      long n = 0;
      for (int i = 0; i < keys.size(); i++) {
        cells.add(GroupTableTest.cell(keys.get(i), 0.1, 0.2, 2.0, w[i]));
        n += w[i];
      }
      GroupTable t =
          GroupTable.of(
              cells,
              GroupTableTest.cell("US", 0.1, 0.2, 2.0, n),
              Normalisation.PAPER_TABLE1,
              GroupTable.Column.MPI,
              3,
              minimum);
      Map<String, String> m = new HashMap<>();
      t.rows().stream()
          .filter(GroupTable.Row::suppressed)
          .forEach(r -> m.put(r.group(), r.unranked()));
      return m;
    };
  }
}
