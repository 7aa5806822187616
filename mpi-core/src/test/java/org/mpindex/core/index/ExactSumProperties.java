package org.mpindex.core.index;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class ExactSumProperties {

  @Provide
  Arbitrary<List<Double>> values() {
    Arbitrary<Double> any =
        Arbitraries.doubles()
            .filter(d -> !Double.isNaN(d) && !Double.isInfinite(d) && Math.abs(d) < 1e300);
    Arbitrary<Double> ratios = Arbitraries.doubles().between(0, 1e3).ofScale(12);
    return Arbitraries.oneOf(
            any, ratios, Arbitraries.of(0.1, -0.1, 1e-310, Double.MIN_VALUE, 1e16, -1e16, 3.0))
        .list()
        .ofMaxSize(200);
  }

  static BigDecimal exactly(List<Double> xs) {
    BigDecimal s = BigDecimal.ZERO;
    for (double x : xs) {
      s = s.add(new BigDecimal(x));
    }
    return s;
  }

  @Property(tries = 500)
  void theSumIsExact(@ForAll("values") List<Double> xs) {
    ExactSum s = new ExactSum();
    xs.forEach(s::add);
    assertEquals(0, exactly(xs).compareTo(s.exact()), xs.toString());
    assertEquals(exactly(xs).doubleValue(), s.value(), 0);
  }

  @Property(tries = 300)
  void anyOrderAndAnySplitGiveTheSameBits(@ForAll("values") List<Double> xs, @ForAll long seed) {
    ExactSum whole = new ExactSum();
    xs.forEach(whole::add);
    List<Double> shuffled = new ArrayList<>(xs);
    Collections.shuffle(shuffled, new Random(seed));
    int cut = shuffled.isEmpty() ? 0 : Math.floorMod(seed, shuffled.size());
    ExactSum a = new ExactSum();
    ExactSum b = new ExactSum();
    shuffled.subList(0, cut).forEach(a::add);
    shuffled.subList(cut, shuffled.size()).forEach(b::add);
    a.add(b);
    assertEquals(whole, a);
    assertEquals(Double.doubleToLongBits(whole.value()), Double.doubleToLongBits(a.value()));
  }

  @Test
  void roundingTheNaiveSumWouldDependOnOrder() {
    // 1e16 + 1 + 1 - 1e16: left to right in doubles gives 0 (or 2 in another order); exactly 2
    ExactSum s = new ExactSum();
    for (double x : new double[] {1e16, 1, 1, -1e16}) {
      s.add(x);
    }
    assertEquals(2.0, s.value(), 0);
    assertEquals(0.5, s.dividedBy(4), 0);
  }
}
