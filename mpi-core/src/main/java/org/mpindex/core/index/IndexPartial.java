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

  IndexPartial(int lo, int span, int keep, IngestTally counts) {
    this.lo = lo;
    this.span = span;
    this.national = new CellAccumulator[span];
    this.groups = new ArrayList<>(span);
    for (int i = 0; i < span; i++) {
      national[i] = new CellAccumulator(keep);
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
   * The cells of this partial one by one, index windows only (from the first window plus {@code
   * lag}, as {@link IndexAssembler#result} reports them): each window's national cell and its group
   * cells, each a copy. Merged by key across partials ({@link CellPartial#merge}) and read with
   * {@link CellPartial#toCell}, they give the cells of the merged partial.
   */
  public List<CellPartial> cells(int lag) {
    List<CellPartial> out = new ArrayList<>();
    for (int i = Math.max(0, lag); i < span; i++) {
      out.add(new CellPartial(lo + i, true, Grouping.NATIONAL_KEY, national[i].copy()));
      for (Map.Entry<String, CellAccumulator> g : groups.get(i).entrySet()) {
        out.add(new CellPartial(lo + i, false, g.getKey(), g.getValue().copy()));
      }
    }
    return out;
  }

  /** A partial over the same windows with this one's record counts and no cell values. */
  public IndexPartial withoutCells() {
    IngestTally copy = new IngestTally();
    copy.addAll(counts);
    return new IndexPartial(lo, span, 0, copy);
  }

  /** The record counts of the patients of this partial. */
  public IngestAccounting accounting() {
    return counts.snapshot();
  }

  /**
   * Adds {@code other} (over other patients of the same study windows) to this partial.
   *
   * @throws IllegalArgumentException when the two cover different windows
   * @return this
   */
  public IndexPartial merge(IndexPartial other) {
    if (other.lo != lo || other.span != span) {
      throw new IllegalArgumentException(
          "cannot merge partials of different study windows ("
              + lo
              + "+"
              + span
              + " vs "
              + other.lo
              + "+"
              + other.span
              + "): fix the same study period everywhere");
    }
    for (int i = 0; i < span; i++) {
      national[i].merge(other.national[i]);
      Map<String, CellAccumulator> mine = groups.get(i);
      other
          .groups
          .get(i)
          .forEach(
              (key, acc) -> {
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
