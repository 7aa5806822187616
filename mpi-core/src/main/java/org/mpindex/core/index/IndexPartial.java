package org.mpindex.core.index;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The index of some of the patients, before it is read: per window of the study, the national
 * cell and the group cells as exact accumulators, and the accounting of the records behind them.
 * Partials of disjoint sets of patients over the same study period {@link #merge} exactly (sums of
 * counts, exact sums of ratios, unions of ratio multisets), in any order and grouping, so a
 * population split over threads, processes or cluster nodes gives the same bits as on one
 * assembler. An assembler reads a (merged) partial with {@link IndexAssembler#result}.
 *
 * <p>Serializable, for shipping between processes (Spark). Not thread-safe.
 */
public final class IndexPartial implements Serializable {
  private static final long serialVersionUID = 1L;

  final int lo;
  final int span;
  final CellAccumulator[] national;
  final List<HashMap<String, CellAccumulator>> groups;
  final IngestTally counts;

  IndexPartial(int lo, int span, boolean keepRatios, IngestTally counts) {
    this.lo = lo;
    this.span = span;
    this.national = new CellAccumulator[span];
    this.groups = new ArrayList<>(span);
    for (int i = 0; i < span; i++) {
      national[i] = new CellAccumulator(keepRatios);
      groups.add(new HashMap<>());
    }
    this.counts = counts;
  }

  /** The first window index of the study and the number of windows. */
  public int firstWindow() {
    return lo;
  }

  public int windows() {
    return span;
  }

  /**
   * Adds {@code other} (over other patients of the same study windows) to this partial.
   *
   * @throws IllegalArgumentException when the two cover different windows
   * @return this
   */
  public IndexPartial merge(IndexPartial other) {
    if (other.lo != lo || other.span != span) {
      throw new IllegalArgumentException("cannot merge partials of different study windows (" + lo + "+" + span
          + " vs " + other.lo + "+" + other.span + "): fix the same study period everywhere");
    }
    for (int i = 0; i < span; i++) {
      national[i].merge(other.national[i]);
      Map<String, CellAccumulator> mine = groups.get(i);
      other.groups.get(i).forEach((key, acc) -> {
        CellAccumulator m = mine.get(key);
        if (m == null) {
          mine.put(key, acc.copy());
        } else {
          m.merge(acc);
        }
      });
    }
    counts.addAll(other.counts);
    return this;
  }
}
