package org.mpindex.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * The fast reader's byte-range hash and comparison depend only on the bytes: wherever a range sits
 * (at an array's end, where whole words cannot be read, or inside), the same bytes hash the same,
 * and {@code same} is {@link Arrays#equals(byte[], int, int, byte[], int, int)}.
 */
class ByteRangeProperties {
  private static byte[] placed(byte[] v, int before, int after) {
    byte[] a = new byte[before + v.length + after];
    Arrays.fill(a, (byte) 0x5A);
    System.arraycopy(v, 0, a, before, v.length);
    return a;
  }

  @Property(tries = 2000)
  void theHashOfARangeIsTheHashOfItsBytes(
      @ForAll @Size(max = 40) byte[] v,
      @ForAll @IntRange(max = 9) int before,
      @ForAll @IntRange(max = 9) int after) {
    long alone = FastTidyClaims.hash(v, 0, v.length);
    byte[] a = placed(v, before, after);
    assertEquals(alone, FastTidyClaims.hash(a, before, before + v.length));
  }

  @Property(tries = 2000)
  void sameIsArraysEquals(
      @ForAll @Size(max = 24) byte[] v,
      @ForAll @Size(max = 24) byte[] w,
      @ForAll @IntRange(max = 9) int before,
      @ForAll @IntRange(max = 9) int after,
      @ForAll boolean copy) {
    byte[] x = copy ? v.clone() : w;
    if (x.length != v.length) {
      return; // same() is only asked of ranges of one length
    }
    byte[] a = placed(v, before, after);
    byte[] b = placed(x, after, before);
    assertEquals(Arrays.equals(v, x), FastTidyClaims.same(a, before, b, after, v.length), "ranges");
  }

  @Property(tries = 2000)
  void rangesDifferingInOneByteAreNotSame(
      @ForAll @Size(min = 1, max = 24) byte[] v,
      @ForAll @IntRange(max = 23) int at,
      @ForAll @IntRange(min = 1, max = 255) int flip) {
    int k = at % v.length;
    byte[] w = v.clone();
    w[k] ^= (byte) flip;
    assertEquals(false, FastTidyClaims.same(v, 0, w, 0, v.length));
    assertEquals(false, FastTidyClaims.same(placed(v, 3, 9), 3, placed(w, 0, 0), 0, v.length));
  }
}
