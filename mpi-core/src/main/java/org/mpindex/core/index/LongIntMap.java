package org.mpindex.core.index;

import java.util.Arrays;

/** A {@code long -> int} open-addressing hash map (linear probing), for the fold's memos. Not thread-safe. */
final class LongIntMap {
  private static final long EMPTY = Long.MIN_VALUE;
  private long[] keys;
  private int[] values;
  private int size;
  private int mask;

  LongIntMap(int expected) {
    int cap = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
    keys = new long[cap];
    Arrays.fill(keys, EMPTY);
    values = new int[cap];
    mask = cap - 1;
  }

  /** The value of {@code key}, or -1. */
  int get(long key) {
    int h = mix(key) & mask;
    while (true) {
      long k = keys[h];
      if (k == key) {
        return values[h];
      }
      if (k == EMPTY) {
        return -1;
      }
      h = (h + 1) & mask;
    }
  }

  void put(long key, int value) {
    if (key == EMPTY) {
      throw new IllegalArgumentException("reserved key");
    }
    int h = mix(key) & mask;
    while (keys[h] != EMPTY && keys[h] != key) {
      h = (h + 1) & mask;
    }
    if (keys[h] == EMPTY) {
      size++;
    }
    keys[h] = key;
    values[h] = value;
    if (size * 2 > keys.length) {
      grow();
    }
  }

  private void grow() {
    long[] oldKeys = keys;
    int[] oldValues = values;
    keys = new long[oldKeys.length * 2];
    Arrays.fill(keys, EMPTY);
    values = new int[keys.length];
    mask = keys.length - 1;
    size = 0;
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldKeys[i] != EMPTY) {
        put(oldKeys[i], oldValues[i]);
      }
    }
  }

  private static int mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return (int) (z ^ (z >>> 31));
  }
}
