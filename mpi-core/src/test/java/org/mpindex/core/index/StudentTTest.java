package org.mpindex.core.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** Student's t quantiles against published table values. */
class StudentTTest {
  @Test
  void theTableValues() {
    // two-sided 95% critical values of Student's t, as tabulated (e.g. NIST/SEMATECH e-Handbook,
    // table 1.3.6.7.2, to 3 decimals; more digits from standard references)
    assertEquals(12.706204736174707, StudentT.quantile975(1), 1e-9);
    assertEquals(4.302652729749464, StudentT.quantile975(2), 1e-9);
    assertEquals(2.570581835636314, StudentT.quantile975(5), 1e-9);
    assertEquals(2.228138851986274, StudentT.quantile975(10), 1e-9);
    assertEquals(2.042272456301238, StudentT.quantile975(30), 1e-9);
    assertEquals(1.983971518523551, StudentT.quantile975(100), 1e-9);
    assertEquals(IndexCell.Z_95, StudentT.quantile975(1_000_000), 0);
    // Gamma(5) = 24, Gamma(0.5) = sqrt(pi)
    assertEquals(Math.log(24), StudentT.logGamma(5), 1e-13);
    assertEquals(0.5 * Math.log(Math.PI), StudentT.logGamma(0.5), 1e-13);
  }

  @Property(tries = 200)
  void quantilesFallWithDegreesOfFreedomTowardsTheNormal(
      @ForAll @IntRange(min = 1, max = 9_999) int df) {
    double q = StudentT.quantile975(df);
    assertTrue(q > IndexCell.Z_95, "df " + df + ": " + q);
    assertTrue(StudentT.quantile975(df + 1) < q);
    // the tail beyond the quantile is 2.5%
    assertEquals(0.05, StudentT.incompleteBeta(df / (df + q * q), df / 2.0, 0.5), 1e-12);
  }
}
