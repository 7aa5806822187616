package org.mpindex.io.collect;

/**
 * An open-addressing set of longs (0 stored apart), for the claim ids a reader has read: linear
 * probing, at most three quarters full, so about 10.7 to 21 bytes a key (the paper's 168 million
 * one-line claims: a table of 2<sup>28</sup> slots, 2 GiB). Not thread-safe. Shared by the readers of mpi-io and mpi-parquet;
 * not a general-purpose collection.
 */
public final class LongSet {
  private long[] slots = new long[1 << 10];
  private int size;
  private boolean zero;

  /** An empty set. */
  public LongSet() {}

  /** Adds {@code k}; false when it was there. */
  public boolean add(long k) {
    if (k == 0) {
      boolean had = zero;
      zero = true;
      return !had;
    }
    if (size >= slots.length - (slots.length >>> 2)) {
      long[] old = slots;
      slots = new long[old.length * 2];
      size = 0;
      for (long o : old) {
        if (o != 0) {
          insert(o);
        }
      }
    }
    return insert(k);
  }

  /** Whether {@code k} was added. */
  public boolean contains(long k) {
    if (k == 0) {
      return zero;
    }
    int mask = slots.length - 1;
    long m = k * 0x9E3779B97F4A7C15L;
    int i = (int) (m ^ (m >>> 32)) & mask;
    while (slots[i] != 0) {
      if (slots[i] == k) {
        return true;
      }
      i = (i + 1) & mask;
    }
    return false;
  }

  private boolean insert(long k) {
    int mask = slots.length - 1;
    // the high bits folded in: a hash's low bits alone may cluster
    long m = k * 0x9E3779B97F4A7C15L;
    int i = (int) (m ^ (m >>> 32)) & mask;
    while (slots[i] != 0) {
      if (slots[i] == k) {
        return false;
      }
      i = (i + 1) & mask;
    }
    slots[i] = k;
    size++;
    return true;
  }
}
