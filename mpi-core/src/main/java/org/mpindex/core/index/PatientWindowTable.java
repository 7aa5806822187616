package org.mpindex.core.index;

import com.google.common.math.IntMath;
import java.util.Arrays;

/**
 * The fold's state: one slot per (patient, window) that any record touched, in columnar primitive
 * arrays. Keys are {@code patient << 32 | window} in an open-addressing table with linear probing;
 * the last key looked up is cached, so input sorted by patient and date mostly skips the probe.
 *
 * <p>Memory: 8 (key) + 4 (slot) bytes per table entry at load factor at most 1/2, plus per slot 8
 * (effort) + 8 (categories) + 8 (markers) + 4 (patient) + 4 (window) + 4 (lines) + 1 (flags) bytes:
 * about 61-85 bytes per (patient, window). Not thread-safe.
 */
final class PatientWindowTable extends FoldTable {
  private static final long EMPTY = -1L;

  private long[] keys;
  private int[] slotAt;
  private int mask;

  private int size;
  int[] patient;
  int[] window;
  int[] lines;

  private long lastKey = EMPTY;
  private int lastSlot = -1;

  PatientWindowTable(int expectedSlots) {
    int cap = IntMath.ceilingPowerOfTwo(Math.max(32, expectedSlots * 2));
    keys = new long[cap];
    Arrays.fill(keys, EMPTY);
    slotAt = new int[cap];
    mask = cap - 1;
    int cols = Math.max(16, expectedSlots);
    effort = new long[cols];
    categories = new long[cols];
    markers = new long[cols];
    patient = new int[cols];
    window = new int[cols];
    lines = new int[cols];
    flags = new byte[cols];
  }

  int size() {
    return size;
  }

  static long key(int patient, int window) {
    return ((long) patient << 32) | (window & 0xFFFF_FFFFL);
  }

  /** The slot of (patient, window), created empty if absent (never -1: every window is held). */
  @Override
  int slot(int p, int w) {
    long key = key(p, w);
    if (key == lastKey) {
      return lastSlot;
    }
    int h = mix(key) & mask;
    while (true) {
      long k = keys[h];
      if (k == key) {
        lastKey = key;
        lastSlot = slotAt[h];
        return lastSlot;
      }
      if (k == EMPTY) {
        int s = newSlot(p, w);
        keys[h] = key;
        slotAt[h] = s;
        lastKey = key;
        lastSlot = s;
        if (size * 2 > keys.length) {
          rehash();
        }
        return s;
      }
      h = (h + 1) & mask;
    }
  }

  private int newSlot(int p, int w) {
    if (size == effort.length) {
      int cap = effort.length * 2;
      effort = Arrays.copyOf(effort, cap);
      categories = Arrays.copyOf(categories, cap);
      markers = Arrays.copyOf(markers, cap);
      patient = Arrays.copyOf(patient, cap);
      window = Arrays.copyOf(window, cap);
      lines = Arrays.copyOf(lines, cap);
      flags = Arrays.copyOf(flags, cap);
    }
    patient[size] = p;
    window[size] = w;
    return size++;
  }

  private void rehash() {
    int cap = keys.length * 2;
    long[] newKeys = new long[cap];
    Arrays.fill(newKeys, EMPTY);
    int[] newSlots = new int[cap];
    int newMask = cap - 1;
    for (int i = 0; i < keys.length; i++) {
      long k = keys[i];
      if (k != EMPTY) {
        int h = mix(k) & newMask;
        while (newKeys[h] != EMPTY) {
          h = (h + 1) & newMask;
        }
        newKeys[h] = k;
        newSlots[h] = slotAt[i];
      }
    }
    keys = newKeys;
    slotAt = newSlots;
    mask = newMask;
  }

  @Override
  void outside(int patient, long n) {
    throw new UnsupportedOperationException("a hash table holds every window");
  }

  @Override
  void countLine(int slot) {
    lines[slot]++;
  }

  @Override
  void forEachSlot(SlotVisitor visitor) {
    for (int s = 0; s < size; s++) {
      visitor.slot(patient[s], window[s], s, lines[s]);
    }
  }

  /** Stafford variant 13 of the MurmurHash3 finaliser: spreads patient and window bits. */
  private static int mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return (int) (z ^ (z >>> 31));
  }
}
