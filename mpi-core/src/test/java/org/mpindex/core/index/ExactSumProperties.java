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

  /**
   * Long runs (past {@link ExactSum#NEAR_LIMIT}, so the window in front of the digits spills many
   * times) of values clustered in a few binades, as ratios are, mixed with values far outside the
   * window: the largest finite doubles, subnormals, negatives.
   */
  @Provide
  Arbitrary<List<Double>> longRuns() {
    Arbitrary<Double> clustered = Arbitraries.doubles().between(-4, 4);
    Arbitrary<Double> far =
        Arbitraries.of(
            Double.MAX_VALUE,
            -Double.MAX_VALUE,
            Double.MIN_VALUE,
            -Double.MIN_NORMAL,
            1e-300,
            1e300,
            Math.scalb(1.0, 40),
            Math.scalb(-1.0, -40));
    return Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(20, clustered), net.jqwik.api.Tuple.of(1, far))
        .list()
        .ofMinSize(ExactSum.NEAR_LIMIT)
        .ofMaxSize(4 * ExactSum.NEAR_LIMIT);
  }

  @Property(tries = 200)
  void longRunsAreExactAndSplitFree(@ForAll("longRuns") List<Double> xs, @ForAll long seed) {
    ExactSum whole = new ExactSum();
    xs.forEach(whole::add);
    assertEquals(0, exactly(xs).compareTo(whole.exact()));
    // read mid-way (a reader spills the window), then go on: the same value as without the read
    List<Double> shuffled = new ArrayList<>(xs);
    Collections.shuffle(shuffled, new Random(seed));
    ExactSum read = new ExactSum();
    int cut = Math.floorMod(seed, shuffled.size());
    shuffled.subList(0, cut).forEach(read::add);
    assertEquals(0, exactly(shuffled.subList(0, cut)).compareTo(read.exact()));
    shuffled.subList(cut, shuffled.size()).forEach(read::add);
    assertEquals(whole, read);
    assertEquals(whole.hashCode(), read.hashCode());
  }

  /** A sum shipped mid-way (Spark ships partials) goes on from where it was, window included. */
  @Property(tries = 50)
  void aSerializedSumGoesOnWhereItWas(@ForAll("longRuns") List<Double> xs, @ForAll long seed)
      throws Exception {
    int cut = Math.floorMod(seed, xs.size());
    ExactSum first = new ExactSum();
    xs.subList(0, cut).forEach(first::add);
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
      out.writeObject(first);
    }
    ExactSum shipped;
    try (java.io.ObjectInputStream in =
        new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
      shipped = (ExactSum) in.readObject();
    }
    xs.subList(cut, xs.size()).forEach(shipped::add);
    assertEquals(0, exactly(xs).compareTo(shipped.exact()));
  }

  @Test
  void theWindowSitsAtEitherEndOfTheExponentRange() {
    // first value the largest double: the window is the top binades; then the smallest subnormal
    ExactSum top = new ExactSum();
    top.add(Double.MAX_VALUE);
    top.add(-Double.MAX_VALUE);
    top.add(Double.MIN_VALUE);
    assertEquals(Double.MIN_VALUE, top.value(), 0);
    // first value a subnormal: the window is the bottom binades; 2 MIN_VALUE is exactly 2^-1073
    ExactSum bottom = new ExactSum();
    bottom.add(Double.MIN_VALUE);
    bottom.add(Double.MIN_VALUE);
    bottom.add(Double.MAX_VALUE);
    bottom.add(-Double.MAX_VALUE);
    assertEquals(Math.scalb(1.0, -1073), bottom.value(), 0);
    // 2^10 copies of the largest double, all in the window (two spills): exactly 2^1034 - 2^981
    ExactSum many = new ExactSum();
    for (int i = 0; i < 2 * ExactSum.NEAR_LIMIT; i++) {
      many.add(Double.MAX_VALUE);
    }
    assertEquals(
        0,
        new BigDecimal(Double.MAX_VALUE)
            .multiply(BigDecimal.valueOf(1024))
            .compareTo(many.exact()));
  }

  @Test
  void notFiniteIsRefusedAlsoAsTheFirstValue() {
    ExactSum s = new ExactSum();
    org.junit.jupiter.api.Assertions.assertThrows(
        IllegalArgumentException.class, () -> s.add(Double.NaN));
    s.add(1.0);
    org.junit.jupiter.api.Assertions.assertThrows(
        IllegalArgumentException.class, () -> s.add(Double.POSITIVE_INFINITY));
    org.junit.jupiter.api.Assertions.assertThrows(
        IllegalArgumentException.class, () -> s.add(Double.NEGATIVE_INFINITY));
    assertEquals(1.0, s.value(), 0);
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
