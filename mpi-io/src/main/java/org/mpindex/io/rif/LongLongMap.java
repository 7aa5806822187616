package org.mpindex.io.rif;

/**
 * An open-addressing map from long keys (never 0) to long values, at most half full: 32 to 64 bytes
 * a key. Holds 64-bit hashes of claim ids and claim lines, so that a reader remembers what it read
 * without keeping the ids.
 */
final class LongLongMap {
  private long[] keys = new long[1 << 10];
  private long[] values = new long[1 << 10];
  private int size;

  /**
   * The value of {@code k} when it is there (then unchanged), else puts {@code v} (never 0) and
   * returns 0.
   */
  long putIfAbsent(long k, long v) {
    long key = k == 0 ? 1 : k;
    if (size * 2 >= keys.length) {
      grow();
    }
    int mask = keys.length - 1;
    long m = key * 0x9E3779B97F4A7C15L;
    int i = (int) (m ^ (m >>> 32)) & mask;
    while (keys[i] != 0) {
      if (keys[i] == key) {
        return values[i];
      }
      i = (i + 1) & mask;
    }
    keys[i] = key;
    values[i] = v;
    size++;
    return 0;
  }

  private void grow() {
    long[] oldKeys = keys;
    long[] oldValues = values;
    keys = new long[oldKeys.length * 2];
    values = new long[oldKeys.length * 2];
    size = 0;
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldKeys[i] != 0) {
        putIfAbsent(oldKeys[i], oldValues[i]);
      }
    }
  }
}
