package org.mpindex.adg;

import java.util.Arrays;
import java.util.Map;

/**
 * Code prefix to category bits, looked up without allocating: each prefix is packed into a
 * {@code long} (base 37 over digits and letters, so prefixes up to 12 characters are distinct) and
 * stored in an open-addressing table. A code is walked once, its packed prefix extended one character
 * at a time.
 */
final class PrefixTable {
  private static final long EMPTY = 0L; // no packed prefix is 0: every character packs to 1..36

  private final long[] keys;
  private final long[] values;
  private final int mask;
  private final int minLength;
  private final int maxLength;

  PrefixTable(Map<String, Long> bitsByPrefix) {
    int cap = Integer.highestOneBit(Math.max(8, bitsByPrefix.size() * 4 - 1)) << 1;
    keys = new long[cap];
    values = new long[cap];
    mask = cap - 1;
    int min = Integer.MAX_VALUE;
    int max = 0;
    for (Map.Entry<String, Long> e : bitsByPrefix.entrySet()) {
      String p = e.getKey();
      if (p.length() > 12) {
        throw new IllegalArgumentException("prefix longer than 12 characters: " + p);
      }
      min = Math.min(min, p.length());
      max = Math.max(max, p.length());
      long k = pack(p);
      int h = slot(k);
      while (keys[h] != EMPTY && keys[h] != k) {
        h = (h + 1) & mask;
      }
      keys[h] = k;
      values[h] |= e.getValue();
    }
    minLength = min == Integer.MAX_VALUE ? 0 : min;
    maxLength = max;
  }

  static int symbol(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0' + 1;
    }
    if (c >= 'A' && c <= 'Z') {
      return c - 'A' + 11;
    }
    throw new IllegalArgumentException("not a code character: '" + c + "'");
  }

  static long pack(String s) {
    long v = 0;
    for (int i = 0; i < s.length(); i++) {
      v = v * 37 + symbol(s.charAt(i));
    }
    return v;
  }

  private int slot(long k) {
    long z = k * 0x9E3779B97F4A7C15L;
    return (int) (z ^ (z >>> 32)) & mask;
  }

  private long get(long k) {
    int h = slot(k);
    while (true) {
      long key = keys[h];
      if (key == k) {
        return values[h];
      }
      if (key == EMPTY) {
        return 0L;
      }
      h = (h + 1) & mask;
    }
  }

  /** OR of the bits of every prefix of {@code code} in the table. */
  long union(String code) {
    long v = 0;
    long bits = 0;
    int n = Math.min(code.length(), maxLength);
    for (int i = 0; i < n; i++) {
      v = v * 37 + symbol(code.charAt(i));
      if (i + 1 >= minLength) {
        bits |= get(v);
      }
    }
    return bits;
  }

  /** The bits of the longest prefix of {@code code} in the table; 0 when none. */
  long longest(String code) {
    long v = 0;
    long found = 0;
    int n = Math.min(code.length(), maxLength);
    for (int i = 0; i < n; i++) {
      v = v * 37 + symbol(code.charAt(i));
      if (i + 1 >= minLength) {
        long b = get(v);
        if (b != 0) {
          found = b;
        }
      }
    }
    return found;
  }

  @Override
  public String toString() {
    return "PrefixTable[" + Arrays.stream(keys).filter(k -> k != EMPTY).count() + " prefixes]";
  }
}
