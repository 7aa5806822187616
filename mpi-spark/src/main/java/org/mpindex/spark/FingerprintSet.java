package org.mpindex.spark;

/**
 * A set of 128-bit fingerprints (two longs, never both zero), open addressing with linear probing,
 * at most three quarters full: 16 bytes a slot, so 21 to 43 bytes an entry between doublings. The
 * columnar fold's table of the rows it has read (repeats). Not thread-safe.
 */
final class FingerprintSet {
  private long[] slots = new long[2 * 1024];
  private int size;

  /**
   * Adds {@code (x, y)}; whether it was absent. A pair of zeros is taken as {@code (0, 1)} (the
   * empty slot's value).
   */
  boolean add(long x, long y) {
    if (x == 0 && y == 0) {
      y = 1;
    }
    if ((size + 1) * 4L > (slots.length / 2) * 3L) {
      grow();
    }
    int mask = slots.length / 2 - 1;
    int i = slot(x, y, mask);
    while (slots[2 * i] != 0 || slots[2 * i + 1] != 0) {
      if (slots[2 * i] == x && slots[2 * i + 1] == y) {
        return false;
      }
      i = (i + 1) & mask;
    }
    slots[2 * i] = x;
    slots[2 * i + 1] = y;
    size++;
    return true;
  }

  /** The entries. */
  int size() {
    return size;
  }

  /** The bytes of the table. */
  long bytes() {
    return (long) slots.length * Long.BYTES;
  }

  private void grow() {
    long[] old = slots;
    slots = new long[old.length * 2];
    int mask = slots.length / 2 - 1;
    for (int j = 0; j < old.length; j += 2) {
      long x = old[j];
      long y = old[j + 1];
      if (x != 0 || y != 0) {
        int i = slot(x, y, mask);
        while (slots[2 * i] != 0 || slots[2 * i + 1] != 0) {
          i = (i + 1) & mask;
        }
        slots[2 * i] = x;
        slots[2 * i + 1] = y;
      }
    }
  }

  private static int slot(long x, long y, int mask) {
    long h = x ^ (y * 0x9E3779B97F4A7C15L);
    return (int) (h ^ (h >>> 32)) & mask;
  }
}
