package org.mpindex.core.index;

import java.util.Arrays;

/**
 * The fold's state over a fixed window range [lo, lo + width): patient p's slots are {@code p *
 * width .. p * width + width - 1}, so a line's slot is arithmetic, not a hash probe, and a patient's
 * slots sit together in memory. Lines outside the range are counted per patient, not stored.
 *
 * <p>Memory: 17 bytes per (patient, window) of the range (effort 8, categories 8, flags 1; markers 8
 * more with cohort markers) plus 4 per patient. Not thread-safe.
 */
final class DenseTable extends FoldTable {
  final int lo;
  final int width;
  private int patients;
  private long[] outsideLines = new long[256];

  DenseTable(int lo, int hi, boolean withMarkers, int expectedPatients) {
    if (hi < lo) {
      throw new IllegalArgumentException("empty window range " + lo + ".." + hi);
    }
    this.lo = lo;
    this.width = hi - lo + 1;
    int cap = Math.max(16, expectedPatients);
    long cells = (long) cap * width;
    if (cells > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("too many windows for a dense table: " + width);
    }
    effort = new long[(int) cells];
    categories = new long[(int) cells];
    markers = withMarkers ? new long[(int) cells] : null;
    flags = new byte[(int) cells];
    patients = cap;
    outsideLines = new long[cap];
  }

  @Override
  int slot(int p, int w) {
    int i = w - lo;
    if (i < 0 || i >= width) {
      return -1;
    }
    if (p >= patients) {
      grow(p);
    }
    return p * width + i;
  }

  @Override
  void reserve(int n) {
    if (n > patients) {
      resize(n);
    }
  }

  private void grow(int p) {
    int cap = patients;
    while (cap <= p) {
      cap *= 2;
    }
    resize(cap);
  }

  private void resize(int cap) {
    long cells = (long) cap * width;
    if (cells > Integer.MAX_VALUE - 8) {
      throw new IllegalStateException(
          "too many patient-windows for one dense table ("
              + cells
              + "): split the population over several assemblers");
    }
    effort = Arrays.copyOf(effort, (int) cells);
    categories = Arrays.copyOf(categories, (int) cells);
    if (markers != null) {
      markers = Arrays.copyOf(markers, (int) cells);
    }
    flags = Arrays.copyOf(flags, (int) cells);
    outsideLines = Arrays.copyOf(outsideLines, cap);
    patients = cap;
  }

  @Override
  void outside(int p, long n) {
    if (p >= patients) {
      grow(p);
    }
    outsideLines[p] += n;
  }

  long outsideLines(int p) {
    return p < patients ? outsideLines[p] : 0;
  }

  @Override
  void countLine(int slot) {
    // lines per slot are not kept: outside lines are counted when folded
  }

  @Override
  void forEachSlot(SlotVisitor visitor) {
    for (int p = 0; p < patients; p++) {
      for (int i = 0; i < width; i++) {
        int s = p * width + i;
        if (flags[s] != 0
            || effort[s] != 0
            || categories[s] != 0
            || (markers != null && markers[s] != 0)) {
          visitor.slot(p, lo + i, s, 0);
        }
      }
      if (outsideLines[p] > 0) {
        visitor.slot(p, Integer.MIN_VALUE, -1, (int) Math.min(Integer.MAX_VALUE, outsideLines[p]));
      }
    }
  }
}
