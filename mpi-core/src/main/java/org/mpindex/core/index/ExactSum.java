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
 * <p>Memory: 68 longs (544 bytes). Adding is a few integer additions; reading rounds once.
 */
final class ExactSum implements java.io.Serializable {
  private static final long serialVersionUID = 1L;
  // digit i holds bits [32 i, 32 i + 32) of the fixed-point value (units of 2^-1074), signed
  private static final int DIGITS = 68;
  private static final long NORMALISE_EVERY = 1L << 30;
  private static final BigDecimal ULP =
      new BigDecimal(BigInteger.ONE).divide(new BigDecimal(BigInteger.TWO.pow(1074)));

  private final long[] digits = new long[DIGITS];
  private long pending;

  /** Adds {@code x}. */
  void add(double x) {
    if (x == 0) {
      return;
    }
    if (Double.isNaN(x) || Double.isInfinite(x)) {
      throw new IllegalArgumentException("not a finite number: " + x);
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
    // value = mantissa * 2^(exponent - 1) units of 2^-1074; place it at digit d, bit s
    int shift = exponent - 1;
    int d = shift >>> 5;
    int s = shift & 31;
    long ml = mantissa & 0xFFFF_FFFFL; // low 32 bits, non-negative
    long mh = mantissa >> 32; // the rest, signed, |mh| < 2^21
    long t = ml << s; // < 2^63
    long u = mh << s; // |u| < 2^52
    digits[d] += t & 0xFFFF_FFFFL;
    digits[d + 1] += (t >>> 32) + (u & 0xFFFF_FFFFL);
    digits[d + 2] += u >> 32;
    if (++pending >= NORMALISE_EVERY) {
      normalise();
    }
  }

  /** Adds every addition of {@code other} (which is not changed). */
  void add(ExactSum other) {
    other.normalise();
    normalise();
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
    normalise();
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

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof ExactSum e)) {
      return false;
    }

    normalise();
    e.normalise();
    return Arrays.equals(digits, e.digits);
  }

  @Override
  public int hashCode() {
    normalise();
    return Arrays.hashCode(digits);
  }
}
