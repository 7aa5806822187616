package org.mpindex.core.index;

import java.io.Serializable;
import java.util.Objects;

/**
 * One cell of an {@link IndexPartial} on its own: the exact accumulator of one (window, group), or
 * of the national cell of one window. Cells of the same key from partials of disjoint patients
 * {@link #merge} exactly, so a cell table too large for one place can be reduced by key where it
 * lies (a Spark reduce by key) and each cell read with {@link #toCell}; the result is the cell
 * {@link IndexAssembler#result} would give. Serializable. Not thread-safe.
 */
public final class CellPartial implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int window;
  private final boolean national;
  private final String group;
  private final CellAccumulator acc;

  CellPartial(int window, boolean national, String group, CellAccumulator acc) {
    this.window = window;
    this.national = national;
    this.group = group;
    this.acc = acc;
  }

  /** The window's index in the spec's window scheme ({@link org.mpindex.core.time.WindowScheme#window(int)}). */
  public int window() {
    return window;
  }

  /** Whether this is the national cell of its window (group {@value Grouping#NATIONAL_KEY}). */
  public boolean national() {
    return national;
  }

  /** The group key ({@value Grouping#NATIONAL_KEY} for the national cell). */
  public String group() {
    return group;
  }

  /**
   * Adds the same cell of other patients.
   *
   * @throws IllegalArgumentException when {@code other} is another cell
   * @return this
   */
  public CellPartial merge(CellPartial other) {
    if (other.window != window || other.national != national || !other.group.equals(group)) {
      throw new IllegalArgumentException(
          "cannot merge cell "
              + other.window
              + "/"
              + other.group
              + " into "
              + window
              + "/"
              + group);
    }
    acc.merge(other.acc);
    return this;
  }

  /** The cell's values under {@code spec} (its window scheme and aggregation). */
  public IndexCell toCell(MpiSpec spec) {
    return acc.toCell(spec.windowScheme().window(window), group, spec);
  }

  @Override
  public String toString() {
    return "CellPartial[" + window + "/" + (national ? "national " : "") + group + "]";
  }

  @Override
  public int hashCode() {
    return Objects.hash(window, national, group);
  }

  /** Same key (window, national, group); the accumulated values are not compared. */
  @Override
  public boolean equals(Object o) {
    return o instanceof CellPartial cellPartial
        && cellPartial.window == window
        && cellPartial.national == national
        && cellPartial.group.equals(group);
  }
}
