package org.mpindex.core.index;

/**
 * Quantiles of Student's t distribution for confidence intervals of a mean from {@code n} patients
 * ({@code n - 1} degrees of freedom): for small cells the normal 1.96 is too narrow (n = 2 needs
 * 12.71, n = 11 needs 2.23). Computed from the regularized incomplete beta function (continued
 * fraction, modified Lentz) and a Lanczos log-gamma, solved by bisection to the last bit; memoised
 * per degree of freedom up to 10,000, beyond which the normal quantile differs by less than 1e-4.
 */
final class StudentT {
  private static final int CACHED = 10_000;
  private static final double[] Q975 = new double[CACHED + 1];

  private StudentT() {}

  /** The 0.975 quantile with {@code df} degrees of freedom (df >= 1); the normal's beyond the cache. */
  static double quantile975(long df) {
    if (df < 1) {
      throw new IllegalArgumentException("degrees of freedom must be at least 1, got " + df);
    }
    if (df > CACHED) {
      return IndexCell.Z_95;
    }
    int d = (int) df;
    double q = Q975[d];
    if (q == 0) {
      q = quantile(0.975, d);
      Q975[d] = q; // a benign race: every thread computes the same value
    }
    return q;
  }

  /** The {@code p} quantile (0.5 < p < 1) with {@code df} degrees of freedom. */
  static double quantile(double p, double df) {
    // P(T > t) = I_x(df/2, 1/2) / 2 with x = df / (df + t^2): find t with that tail = 1 - p
    double tail = 2 * (1 - p);
    double lo = 0;
    double hi = 1;
    while (incompleteBeta(df / (df + hi * hi), df / 2, 0.5) > tail) {
      hi *= 2;
    }
    for (int i = 0; i < 200 && hi - lo > Math.ulp(hi); i++) {
      double mid = (lo + hi) / 2;
      if (incompleteBeta(df / (df + mid * mid), df / 2, 0.5) > tail) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return (lo + hi) / 2;
  }

  /** The regularized incomplete beta function I_x(a, b). */
  static double incompleteBeta(double x, double a, double b) {
    if (x <= 0) {
      return 0;
    }
    if (x >= 1) {
      return 1;
    }
    double front = Math.exp(a * Math.log(x) + b * Math.log1p(-x) - logBeta(a, b));
    if (x < (a + 1) / (a + b + 2)) {
      return front * continuedFraction(x, a, b) / a;
    }
    return 1 - front * continuedFraction(1 - x, b, a) / b;
  }

  private static double logBeta(double a, double b) {
    return logGamma(a) + logGamma(b) - logGamma(a + b);
  }

  /** Lanczos approximation (g = 7, 9 terms), relative error about 1e-15 for x > 0. */
  static double logGamma(double x) {
    double[] c = {
      0.9999999999998099,
      676.5203681218851,
      -1259.1392167224028,
      771.3234287776531,
      -176.6150291621406,
      12.507343278686905,
      -0.13857109526572012,
      0.000009984369578019572,
      1.5056327351493116e-7
    };
    if (x < 0.5) {
      return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
    }
    double y = x - 1;
    double sum = c[0];
    for (int i = 1; i < c.length; i++) {
      sum += c[i] / (y + i);
    }
    double t = y + 7.5;
    return 0.5 * Math.log(2 * Math.PI) + (y + 0.5) * Math.log(t) - t + Math.log(sum);
  }

  /** The continued fraction of the incomplete beta function, by the modified Lentz method. */
  private static double continuedFraction(double x, double a, double b) {
    double tiny = 1e-300;
    double qab = a + b;
    double qap = a + 1;
    double qam = a - 1;
    double c = 1;
    double d = 1 - qab * x / qap;
    d = Math.abs(d) < tiny ? tiny : d;
    d = 1 / d;
    double h = d;
    for (int m = 1; m <= 10_000; m++) {
      int m2 = 2 * m;
      double aa = m * (b - m) * x / ((qam + m2) * (a + m2));
      d = 1 + aa * d;
      d = Math.abs(d) < tiny ? tiny : d;
      c = 1 + aa / c;
      c = Math.abs(c) < tiny ? tiny : c;
      d = 1 / d;
      h *= d * c;
      aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
      d = 1 + aa * d;
      d = Math.abs(d) < tiny ? tiny : d;
      c = 1 + aa / c;
      c = Math.abs(c) < tiny ? tiny : c;
      d = 1 / d;
      double del = d * c;
      h *= del;
      if (Math.abs(del - 1) < 1e-16) {
        break;
      }
    }
    return h;
  }
}
