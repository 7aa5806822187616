package org.mpindex.core.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

/** The normal distribution against published table values (Abramowitz and Stegun, table 26.1). */
class NormalTest {

  @Test
  void cdfMatchesTables() {
    assertEquals(0.5, Normal.cdf(0), 1e-15);
    assertEquals(0.8413447460685429, Normal.cdf(1), 1e-13);
    assertEquals(0.15865525393145705, Normal.cdf(-1), 1e-13);
    assertEquals(0.975, Normal.cdf(1.959963984540054), 1e-13);
    assertEquals(0.9986501019683699, Normal.cdf(3), 1e-13);
    assertEquals(2.866515718791939e-7, Normal.cdf(-5), 1e-18);
    assertEquals(0, Normal.cdf(Double.NEGATIVE_INFINITY));
    assertEquals(1, Normal.cdf(Double.POSITIVE_INFINITY));
  }

  @Test
  void quantileMatchesTables() {
    assertEquals(1.959963984540054, Normal.quantile(0.975), 1e-12);
    assertEquals(-1.959963984540054, Normal.quantile(0.025), 1e-12);
    assertEquals(2.5758293035489004, Normal.quantile(0.995), 1e-12);
    assertEquals(1.2815515655446004, Normal.quantile(0.9), 1e-12);
    assertEquals(0, Normal.quantile(0.5), 1e-15);
    assertEquals(Double.NEGATIVE_INFINITY, Normal.quantile(0));
    assertEquals(Double.POSITIVE_INFINITY, Normal.quantile(1));
    assertThrows(IllegalArgumentException.class, () -> Normal.quantile(1.5));
    assertThrows(IllegalArgumentException.class, () -> Normal.quantile(Double.NaN));
  }

  @Property
  void quantileInvertsTheCdf(
      @ForAll @DoubleRange(min = 1e-9, max = 0.999999) @net.jqwik.api.constraints.Scale(12)
          double p) {
    assertEquals(p, Normal.cdf(Normal.quantile(p)), 1e-12 * Math.max(1, p / (1 - p)) + p * 1e-9);
  }

  @Property
  void cdfIsSymmetricAndMonotone(@ForAll @DoubleRange(min = -8, max = 8) double x) {
    assertEquals(1, Normal.cdf(x) + Normal.cdf(-x), 1e-14);
    org.junit.jupiter.api.Assertions.assertTrue(Normal.cdf(x + 0.01) >= Normal.cdf(x));
  }
}
