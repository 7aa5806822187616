package org.mpindex.core.index;

import com.google.common.math.LongMath;
import java.util.Arrays;

/**
 * Beneficiary ids to dense patient indices, in the order first seen: an open-addressing table of
 * indices over the ids themselves, about 12 bytes a patient besides the id (a {@code
 * HashMap<String, Integer>} takes about 56). Not thread-safe.
 */
final class PatientIds {
  private String[] ids = new String[256];
  private int[] hashes = new int[256];
  private int size;
  private int[] table = new int[512]; // index + 1; 0 = empty

  /** The index of {@code id}, or -1. */
  int indexOf(String id) {
    int h = spread(id.hashCode());
    int mask = table.length - 1;
    for (int i = h & mask; ; i = (i + 1) & mask) {
      int p = table[i] - 1;
      if (p < 0) {
        return -1;
      }
      if (hashes[p] == h && ids[p].equals(id)) {
        return p;
      }
    }
  }

  /**
   * Makes room for {@code n} ids in all: the arrays and the table are grown once to their size for
   * {@code n} (a table grown step by step re-places every id at each doubling).
   */
  void reserve(int n) {
    if (n > ids.length) {
      ids = Arrays.copyOf(ids, n);
      hashes = Arrays.copyOf(hashes, n);
    }
    long wanted = LongMath.ceilingPowerOfTwo(Math.max(1, 2L * n)); // >= 2 n, a power of two
    if (wanted > table.length && wanted <= 1 << 30) {
      rebuild((int) wanted);
    }
  }

  /** Adds an id not yet present; returns its index (the number of ids before it). */
  int add(String id) {
    int p = size++;
    if (p == ids.length) {
      ids = Arrays.copyOf(ids, p * 2);
      hashes = Arrays.copyOf(hashes, p * 2);
    }
    int h = spread(id.hashCode());
    ids[p] = id;
    hashes[p] = h;
    if (size * 2 > table.length) {
      rebuild(table.length * 2);
    } else {
      place(p);
    }
    return p;
  }

  /** A table of {@code length} slots (a power of two) holding every id added so far. */
  private void rebuild(int length) {
    table = new int[length];
    for (int q = 0; q < size; q++) {
      place(q);
    }
  }

  private void place(int p) {
    int mask = table.length - 1;
    int i = hashes[p] & mask;
    while (table[i] != 0) {
      i = (i + 1) & mask;
    }
    table[i] = p + 1;
  }

  private static int spread(int h) {
    int x = h * 0x9E3779B9;
    return x ^ (x >>> 16);
  }

  /** The id of patient {@code p}. */
  String get(int p) {
    return ids[p];
  }

  int size() {
    return size;
  }
}
