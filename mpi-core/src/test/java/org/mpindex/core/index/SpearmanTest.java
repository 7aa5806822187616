package org.mpindex.core.index;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** Spearman's rank correlation of the sensitivity report, against hand-worked values. */
class SpearmanTest {

  @Test
  void handWorkedValues() {
    // same order: 1; reversed: -1
    assertEquals(
        1, Sensitivity.spearman(new double[] {1, 2, 3, 4}, new double[] {10, 20, 30, 40}), 1e-15);
    assertEquals(
        -1, Sensitivity.spearman(new double[] {1, 2, 3, 4}, new double[] {4, 3, 2, 1}), 1e-15);
    // ranks (1, 2, 3) and (1, 3, 2): d = 0, -1, 1, sum d^2 = 2, rho = 1 - 6 * 2 / (3 * 8) = 0.5
    assertEquals(
        0.5, Sensitivity.spearman(new double[] {0.1, 0.2, 0.3}, new double[] {5, 9, 7}), 1e-15);
    // ties take mid-ranks: 1, 1, 2, 3 -> 1.5, 1.5, 3, 4
    assertArrayEquals(
        new double[] {1.5, 1.5, 3, 4}, Sensitivity.midRanks(new double[] {1, 1, 2, 3}), 0);
    // x ranks (1.5, 1.5, 3, 4) against y ranks (1, 2, 3, 4): means 2.5; deviations (-1, -1, .5,
    // 1.5) and
    // (-1.5, -.5, .5, 1.5): sxy = 1.5 + .5 + .25 + 2.25 = 4.5, sxx = 1 + 1 + .25 + 2.25 = 4.5, syy
    // = 5
    assertEquals(
        4.5 / Math.sqrt(4.5 * 5),
        Sensitivity.spearman(new double[] {1, 1, 2, 3}, new double[] {1, 2, 3, 4}),
        1e-15);
    assertTrue(
        Double.isNaN(Sensitivity.spearman(new double[] {1, 2}, new double[] {1, 2})),
        "fewer than 3");
    assertTrue(
        Double.isNaN(Sensitivity.spearman(new double[] {1, 1, 1}, new double[] {1, 2, 3})),
        "no spread");
    assertThrows(
        IllegalArgumentException.class,
        () -> Sensitivity.spearman(new double[] {1}, new double[] {1, 2}));
  }

  @Property
  void invariantUnderIncreasingTransformsAndSymmetric(
      @ForAll @Size(min = 3, max = 30) List<@DoubleRange(min = -100, max = 100) Double> xs,
      @ForAll @Size(min = 3, max = 30) List<@DoubleRange(min = -100, max = 100) Double> ys) {
    int n = Math.min(xs.size(), ys.size());
    double[] x = new double[n];
    double[] y = new double[n];
    double[] fx = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = xs.get(i);
      y[i] = ys.get(i);
      fx[i] = Math.exp(x[i] / 50) * 3 + 7; // strictly increasing
    }
    double rho = Sensitivity.spearman(x, y);
    if (Double.isNaN(rho)) {
      return;
    }
    assertEquals(rho, Sensitivity.spearman(fx, y), 1e-12);
    assertEquals(rho, Sensitivity.spearman(y, x), 1e-12);
    assertTrue(rho >= -1 - 1e-12 && rho <= 1 + 1e-12);
    double[] negated = java.util.Arrays.stream(y).map(v -> -v).toArray();
    assertEquals(-rho, Sensitivity.spearman(x, negated), 1e-12);
  }
}
