package org.mpindex.core.index;

/**
 * The standard normal distribution: {@link #cdf} and {@link #quantile}, for the bias correction of
 * bootstrap BCa intervals. The cdf comes from the error function (its Maclaurin series below 2.5,
 * the continued fraction of erfc above), good to about 1e-14; the quantile starts from the
 * rational approximation of Abramowitz and Stegun 26.2.23 (error below 4.5e-4) and is polished by
 * Newton steps on the cdf.
 */
final class Normal {
  private static final double SQRT2 = Math.sqrt(2);
  private static final double SQRT_PI = Math.sqrt(Math.PI);

  private Normal() {}

  /** P(Z <= x); 0 and 1 at the infinities, NaN for NaN. */
  static double cdf(double x) {
    if (Double.isNaN(x)) {
      return Double.NaN;
    }
    double z = x / SQRT2;
    return z >= 0 ? 1 - 0.5 * erfc(z) : 0.5 * erfc(-z);
  }

  /** The density at {@code x}. */
  static double pdf(double x) {
    return Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
  }

  /** erfc(z) for z >= 0. */
  private static double erfc(double z) {
    if (z < 2.5) {
      // erf(z) = 2/sqrt(pi) * sum (-1)^k z^(2k+1) / (k! (2k+1))
      double term = z;
      double sum = z;
      double z2 = z * z;
      for (int k = 1; k < 200; k++) {
        term *= -z2 / k;
        double add = term / (2 * k + 1);
        sum += add;
        if (Math.abs(add) < 1e-17 * Math.abs(sum)) {
          break;
        }
      }
      return 1 - 2 / SQRT_PI * sum;
    }
    if (z > 27) {
      return 0;
    }
    // erfc(z) = exp(-z^2)/sqrt(pi) * 1/(z + (1/2)/(z + 1/(z + (3/2)/(z + 2/(z + ...))))), modified
    // Lentz
    double tiny = 1e-300;
    double f = z;
    double c = z;
    double d = 0;
    for (int k = 1; k < 500; k++) {
      double a = k / 2.0;
      d = z + a * d;
      d = d == 0 ? tiny : 1 / d;
      c = z + a / c;
      if (c == 0) {
        c = tiny;
      }
      double delta = c * d;
      f *= delta;
      if (Math.abs(delta - 1) < 1e-16) {
        break;
      }
    }
    return Math.exp(-z * z) / SQRT_PI / f;
  }

  /**
   * The {@code p} quantile: the x with P(Z <= x) = p; -infinity for 0, +infinity for 1.
   *
   * @throws IllegalArgumentException for p outside [0, 1] or NaN
   */
  static double quantile(double p) {
    if (!(p >= 0 && p <= 1)) {
      throw new IllegalArgumentException("probability must be in [0, 1], got " + p);
    }
    if (p == 0) {
      return Double.NEGATIVE_INFINITY;
    }
    if (p == 1) {
      return Double.POSITIVE_INFINITY;
    }
    double q = p < 0.5 ? p : 1 - p;
    double t = Math.sqrt(-2 * Math.log(q));
    double x =
        t
            - (2.515517 + 0.802853 * t + 0.010328 * t * t)
                / (1 + 1.432788 * t + 0.189269 * t * t + 0.001308 * t * t * t);
    if (p < 0.5) {
      x = -x;
    }
    for (int i = 0; i < 6; i++) {
      double step = (cdf(x) - p) / pdf(x);
      x -= step;
      if (Math.abs(step) < 1e-15 * Math.max(1, Math.abs(x))) {
        break;
      }
    }
    return x;
  }
}
