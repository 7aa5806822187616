package org.mpindex.io.collect;

/**
 * Two longs to a non-negative int, open addressing, at most half full; -1 when absent. The columnar
 * readers' table of (line signature, pricing period) pairs. Not thread-safe. Shared by the readers
 * of mpi-io and mpi-parquet; not a general-purpose collection.
 */
public final class LongPairMap {
  /** An empty map. */
  public LongPairMap() {}

  private long[] a = new long[64];
  private long[] b = new long[64];
  private int[] v = new int[64];
  private boolean[] used = new boolean[64];
  private int size;

  /** The value of {@code (x, y)}, or -1 when absent. */
  public int get(long x, long y) {
    int mask = a.length - 1;
    for (int i = slot(x, y, mask); used[i]; i = (i + 1) & mask) {
      if (a[i] == x && b[i] == y) {
        return v[i];
      }
    }
    return -1;
  }

  /** Maps {@code (x, y)} to {@code value} (non-negative), replacing any earlier value. */
  public void put(long x, long y, int value) {
    if ((size + 1) * 2 > a.length) {
      long[] oa = a;
      long[] ob = b;
      int[] ov = v;
      boolean[] ou = used;
      a = new long[oa.length * 2];
      b = new long[oa.length * 2];
      v = new int[oa.length * 2];
      used = new boolean[oa.length * 2];
      size = 0;
      for (int i = 0; i < oa.length; i++) {
        if (ou[i]) {
          put(oa[i], ob[i], ov[i]);
        }
      }
    }
    int mask = a.length - 1;
    int i = slot(x, y, mask);
    while (used[i] && !(a[i] == x && b[i] == y)) {
      i = (i + 1) & mask;
    }
    if (!used[i]) {
      size++;
    }
    used[i] = true;
    a[i] = x;
    b[i] = y;
    v[i] = value;
  }

  private static int slot(long x, long y, int mask) {
    long h = (x * 0x9E3779B97F4A7C15L) ^ (y * 0xC2B2AE3D27D4EB4FL);
    return (int) (h ^ (h >>> 29)) & mask;
  }
}
