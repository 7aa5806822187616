package org.mpindex.core.index;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Arrays;

/**
 * The exact sum of finite doubles: no rounding at all until the sum is read, so the result does not
 * depend on the order of the additions or on how they were split and merged (a superaccumulator:
 * every double is an integer multiple of 2^-1074, added into 32-bit digits kept in {@code long}s with
 * room for 2^30 additions before the carries are propagated). This is what makes a group's MPI
 * bit-identical whatever the input order, the partitioning or the number of threads.
 *
 * <p>In front of the digits sits a window of {@value #NEAR} binades around the first value added:
 * an addition whose exponent falls in it adds its signed 53-bit significand to that binade's {@code
 * long} (one read-modify-write instead of three into the digits), and every {@value #NEAR_LIMIT}
 * such additions the window is spilled into the digits (a binade's total stays under 2^62, so it is
 * exact too). A value outside the window goes into the digits directly. The window changes only how
 * the exact value is held, never the value: readers ({@link #exact}, {@link #equals}, merges) spill
 * it first.
 *
 * <p>Memory: a sum of at most {@value #FEW} values keeps the values themselves (a double each, in
 * an array that doubles from 2; 48 bytes of object besides, about 80 bytes for one value): most
 * cells of a fine grouping ({@code --by zip}) hold a few patients, and an accumulator of 800 bytes
 * each, three a cell, is what made 100,000 groups need gigabytes. The {@value #FEW}+1-th value moves
 * them into 68 + {@value #NEAR} longs (800 bytes) of digits and window, so a sum never holds more
 * than about 900 bytes, and one with {@code k} values at most {@code 48 + 16 + 8 k} bytes below
 * that. The few values are exact as they are, so the representation changes nothing that is read:
 * {@link #exact} gives the same {@code BigDecimal} (value and scale) either way. Adding is a few
 * integer operations; reading rounds once.
 */
final class ExactSum implements java.io.Serializable {
  private static final long serialVersionUID = 3L;
  // digit i holds bits [32 i, 32 i + 32) of the fixed-point value (units of 2^-1074), signed
  private static final int DIGITS = 68;
  private static final long NORMALISE_EVERY = 1L << 30;
  private static final BigDecimal ULP =
      new BigDecimal(BigInteger.ONE).divide(new BigDecimal(BigInteger.TWO.pow(1074)));

  /** Binades in the window in front of the digits. */
  static final int NEAR = 32;

  /** Additions into the window before it is spilled: 2^9 significands of under 2^53 each. */
  static final int NEAR_LIMIT = 512;

  /** Values kept as they are before the digits are allocated. */
  static final int FEW = 16;

  // null while the sum is held as its values (few)
  private long[] digits;
  private long pending;
  // the values added so far, while there are at most FEW of them and digits is null
  private double[] few;
  private int fewCount;
  // near[i] is the sum of the signed significands of the values of biased exponent nearBase + i
  // (1 for subnormals) added since the last spill; null until the first value
  private long[] near;
  private int nearBase = Integer.MIN_VALUE / 2;
  private int nearCount;

  /**
   * Adds {@code x}.
   *
   * @throws IllegalArgumentException if {@code x} is NaN or infinite
   */
  void add(double x) {
    if (x == 0) {
      return;
    }
    long bits = Double.doubleToRawLongBits(x);
    int exponent = (int) ((bits >>> 52) & 0x7FF);
    long mantissa = bits & 0xF_FFFF_FFFF_FFFFL;
    if (exponent == 0) {
      exponent = 1; // subnormal
    } else {
      mantissa |= 1L << 52;
    }
    if (bits < 0) {
      mantissa = -mantissa;
    }
    int i = exponent - nearBase;
    if (i >= 0 && i < NEAR) {
      near[i] += mantissa;
      if (++nearCount >= NEAR_LIMIT) {
        spill();
      }
    } else {
      addOutside(x, mantissa, exponent);
    }
  }

  /** The slow path of {@link #add(double)}: the first value, or one outside the window. */
  private void addOutside(double x, long mantissa, int exponent) {
    if (exponent == 0x7FF) {
      throw new IllegalArgumentException("not a finite number: " + x);
    }
    if (digits == null) {
      keep(x);
      return;
    }
    if (near == null) {
      near = new long[NEAR];
      nearBase = Math.max(1, Math.min(exponent - NEAR / 2, 0x7FF - NEAR));
      add(x);
      return;
    }
    // value = mantissa * 2^(exponent - 1) units of 2^-1074
    place(mantissa, exponent - 1);
    if (++pending >= NORMALISE_EVERY) {
      normalise();
    }
  }

  /** Keeps {@code x} among the few values, or moves to the digits when there are too many. */
  private void keep(double x) {
    if (few == null) {
      few = new double[2];
    } else if (fewCount == few.length) {
      if (fewCount >= FEW) {
        toDigits();
        add(x);
        return;
      }
      few = Arrays.copyOf(few, Math.min(FEW, 2 * fewCount));
    }
    few[fewCount++] = x;
  }

  /** Allocates the digits and adds the few values kept so far into them. */
  private void toDigits() {
    double[] kept = few;
    int k = fewCount;
    digits = new long[DIGITS];
    few = null;
    fewCount = 0;
    for (int i = 0; i < k; i++) {
      add(kept[i]);
    }
  }

  /**
   * Adds {@code v * 2^shift} units of 2^-1074 into the digits ({@code v} any signed long): at most
   * 2^32 in magnitude lands in each of three digits.
   */
  private void place(long v, int shift) {
    int d = shift >>> 5;
    int s = shift & 31;
    long t = (v & 0xFFFF_FFFFL) << s; // low 32 bits, shifted: < 2^63
    long u = (v >> 32) << s; // the rest, signed: |u| < 2^63
    digits[d] += t & 0xFFFF_FFFFL;
    digits[d + 1] += (t >>> 32) + (u & 0xFFFF_FFFFL);
    digits[d + 2] += u >> 32;
  }

  /** Moves the window's sums into the digits. */
  private void spill() {
    if (nearCount == 0) {
      return;
    }
    for (int i = 0; i < NEAR; i++) {
      if (near[i] != 0) {
        place(near[i], nearBase + i - 1);
        near[i] = 0;
      }
    }
    nearCount = 0;
    pending += NEAR;
    if (pending >= NORMALISE_EVERY) {
      normalise();
    }
  }

  /** Spills the window and propagates the carries: the canonical form readers compare. */
  private void settle() {
    if (digits == null) {
      return;
    }
    spill();
    normalise();
  }

  /** Adds every addition of {@code other} (which is not changed in value). */
  void add(ExactSum other) {
    if (other.digits == null) {
      double[] values = other.few;
      int k = other.fewCount; // read first: other may be this
      for (int i = 0; i < k; i++) {
        add(values[i]);
      }
      return;
    }
    if (digits == null) {
      toDigits();
    }
    other.settle();
    settle();
    for (int i = 0; i < DIGITS; i++) {
      digits[i] += other.digits[i];
    }
    pending = 1;
    normalise();
  }

  /** Propagates carries so that every digit but the top is in [0, 2^32). */
  private void normalise() {
    long carry = 0;
    for (int i = 0; i < DIGITS; i++) {
      long v = digits[i] + carry;
      if (i < DIGITS - 1) {
        digits[i] = v & 0xFFFF_FFFFL;
        carry = v >> 32;
      } else {
        digits[i] = v;
      }
    }
    pending = 0;
  }

  /** The exact sum. */
  BigDecimal exact() {
    if (digits == null) {
      // every double is a whole number of 2^-1074 units: scale 1074 is exact, as the digits' is
      BigDecimal s = BigDecimal.ZERO;
      for (int i = 0; i < fewCount; i++) {
        s = s.add(new BigDecimal(few[i]));
      }
      return s.setScale(1074);
    }
    settle();
    BigInteger v = BigInteger.ZERO;
    for (int i = DIGITS - 1; i >= 0; i--) {
      v = v.shiftLeft(32).add(BigInteger.valueOf(digits[i]));
    }
    return new BigDecimal(v).multiply(ULP);
  }

  /** The sum, rounded once to the nearest double. */
  double value() {
    return exact().doubleValue();
  }

  /** {@code sum / n}, rounded once (well, from 40 significant digits) to a double. */
  double dividedBy(long n) {
    return exact()
        .divide(BigDecimal.valueOf(n), new MathContext(40, RoundingMode.HALF_EVEN))
        .doubleValue();
  }

  /** Same exact value, whatever the representation or the order of the additions. */
  @Override
  public boolean equals(Object o) {
    return o instanceof ExactSum e && exact().equals(e.exact());
  }

  @Override
  public int hashCode() {
    return exact().hashCode();
  }
}
