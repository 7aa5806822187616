package org.mpindex.core.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;
import org.mpindex.core.time.Window;

/** MPI(t) - MPI(t-1) = health + effort + interaction + aggregation. */
class ChangeDecompositionTest {
  static final Window Q2 = ViewsTest.w(2009, 2);
  static final Window Q3 = ViewsTest.w(2009, 3);

  static IndexCell cell(Window w, double mpi, double h, double m) {
    return new IndexCell(
        w,
        "MD",
        mpi,
        h,
        m,
        100,
        Double.NaN,
        Double.NaN,
        Double.NaN,
        IntervalMethod.NONE,
        100,
        Map.of(),
        0);
  }

  @Test
  void aHandWorkedChange() {
    // before: h 0.6, m 5 (1/m 0.2), MPI 0.13 (h/m 0.12: gap 0.01); after: h 0.5, m 4 (1/m 0.25),
    // MPI 0.135 (h/m 0.125: gap 0.01). Health (0.5-0.6)*0.2 = -0.02; effort 0.6*(0.25-0.2) = 0.03;
    // interaction (-0.1)*(0.05) = -0.005; aggregation 0.01-0.01 = 0; together 0.005 = 0.135-0.13.
    ChangeDecomposition d = ChangeDecomposition.of(cell(Q2, 0.13, 0.6, 5), cell(Q3, 0.135, 0.5, 4));
    assertEquals(0.005, d.change(), 1e-15);
    assertEquals(-0.02, d.health(), 1e-15);
    assertEquals(0.03, d.effort(), 1e-15);
    assertEquals(-0.005, d.interaction(), 1e-15);
    assertEquals(0, d.aggregation(), 1e-15);
    assertEquals(Q3, d.window());
    assertEquals(Q2, d.previous());
    assertEquals("MD", d.group());
  }

  @Test
  void theResultsChangesAddUpAndTheFirstWindowHasNone() {
    MpiResult r = IndexAssemblerTest.compute(IndexAssemblerTest.SPEC, IndexAssemblerTest.records());
    Window first = r.windows().get(0);
    assertTrue(r.change(first, Grouping.NATIONAL_KEY).isEmpty());
    int checked = 0;
    for (int i = 1; i < r.windows().size(); i++) {
      Window w = r.windows().get(i);
      ChangeDecomposition d = r.change(w, Grouping.NATIONAL_KEY).orElseThrow();
      IndexCell a = r.national(w).orElseThrow();
      IndexCell b = r.national(r.windows().get(i - 1)).orElseThrow();
      assertEquals(a.mpi() - b.mpi(), d.change(), 0);
      if (a.patients() > 0 && b.patients() > 0) {
        assertEquals(
            d.change(), d.health() + d.effort() + d.interaction() + d.aggregation(), 1e-12);
        checked++;
      }
    }
    assertTrue(checked > 0, "no window pair with patients in both: " + r);
    assertTrue(r.change(r.windows().get(1), "NO SUCH GROUP").isEmpty());
  }

  @Property
  void thePartsAddUpToTheChange(
      @ForAll @DoubleRange(min = 0.01, max = 1) double h0,
      @ForAll @DoubleRange(min = 0.01, max = 1) double h1,
      @ForAll @DoubleRange(min = 0.1, max = 50) double m0,
      @ForAll @DoubleRange(min = 0.1, max = 50) double m1,
      @ForAll @DoubleRange(min = 0, max = 3) double spread0,
      @ForAll @DoubleRange(min = 0, max = 3) double spread1) {
    // a mean of ratios lies at or above the ratio of means here by a spread factor
    ChangeDecomposition d =
        ChangeDecomposition.of(
            cell(Q2, h0 / m0 * (1 + spread0), h0, m0), cell(Q3, h1 / m1 * (1 + spread1), h1, m1));
    double scale = Math.max(1, Math.abs(h0 / m0) + Math.abs(h1 / m1)) * 4;
    assertEquals(
        d.change(), d.health() + d.effort() + d.interaction() + d.aggregation(), 1e-13 * scale);
  }

  @Property
  void forARatioOfMeansThereIsNoAggregationPartAndEffortScales(
      @ForAll @DoubleRange(min = 0.01, max = 1) double h0,
      @ForAll @DoubleRange(min = 0.01, max = 1) double h1,
      @ForAll @DoubleRange(min = 0.1, max = 50) double m0,
      @ForAll @DoubleRange(min = 0.1, max = 50) double m1,
      @ForAll @DoubleRange(min = 0.5, max = 4) double k) {
    ChangeDecomposition d =
        ChangeDecomposition.of(cell(Q2, h0 / m0, h0, m0), cell(Q3, h1 / m1, h1, m1));
    assertEquals(0, d.aggregation(), 1e-13);
    // every effort k times higher: every part (and the change) is 1/k of what it was
    ChangeDecomposition k2 =
        ChangeDecomposition.of(
            cell(Q2, h0 / (m0 * k), h0, m0 * k), cell(Q3, h1 / (m1 * k), h1, m1 * k));
    assertEquals(d.health() / k, k2.health(), 1e-12);
    assertEquals(d.effort() / k, k2.effort(), 1e-12);
    assertEquals(d.interaction() / k, k2.interaction(), 1e-12);
    // more health at the same effort never lowers the MPI through the health part
    assertTrue(h1 >= h0 ? d.health() >= 0 : d.health() <= 0);
    assertTrue(m1 >= m0 ? d.effort() <= 0 : d.effort() >= 0);
  }
}
