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

  /**
   * Sums on either side of {@link ExactSum#FEW} values (kept as they are, or in the digits), from
   * values of any magnitude, sign and binade, zeros included (not kept).
   */
  @Provide
  Arbitrary<List<Double>> aroundFew() {
    Arbitrary<Double> any =
        Arbitraries.doubles()
            .filter(d -> !Double.isNaN(d) && !Double.isInfinite(d) && Math.abs(d) < 1e300);
    return Arbitraries.oneOf(
            any,
            Arbitraries.doubles().between(0, 10).ofScale(6),
            Arbitraries.of(0.0, -0.0, Double.MIN_VALUE, -Double.MAX_VALUE, 1e16, 0.1))
        .list()
        .ofMaxSize(3 * ExactSum.FEW);
  }

  /**
   * Whatever the representation of each part (few values or digits), the sum of any split of any
   * order is the reference {@code BigDecimal} sum, and the same {@code BigDecimal} (value and
   * scale), double, {@code equals} and hash as the whole.
   */
  @Property(tries = 500)
  void fewOrManyTheMergeIsTheWhole(@ForAll("aroundFew") List<Double> xs, @ForAll long seed) {
    ExactSum whole = new ExactSum();
    xs.forEach(whole::add);
    BigDecimal reference = exactly(xs);
    assertEquals(0, reference.compareTo(whole.exact()), xs.toString());
    List<Double> shuffled = new ArrayList<>(xs);
    Random random = new Random(seed);
    Collections.shuffle(shuffled, random);
    // three parts, merged in a random order
    int a = shuffled.isEmpty() ? 0 : random.nextInt(shuffled.size() + 1);
    int b = a + (shuffled.size() == a ? 0 : random.nextInt(shuffled.size() - a + 1));
    ExactSum[] parts = {new ExactSum(), new ExactSum(), new ExactSum()};
    shuffled.subList(0, a).forEach(parts[0]::add);
    shuffled.subList(a, b).forEach(parts[1]::add);
    shuffled.subList(b, shuffled.size()).forEach(parts[2]::add);
    int first = random.nextInt(3);
    ExactSum merged = parts[first];
    for (int k = 1; k < 3; k++) {
      merged.add(parts[(first + k) % 3]);
    }
    assertEquals(whole.exact(), merged.exact()); // BigDecimal.equals: value and scale
    assertEquals(whole, merged);
    assertEquals(whole.hashCode(), merged.hashCode());
    assertEquals(Double.doubleToLongBits(whole.value()), Double.doubleToLongBits(merged.value()));
    assertEquals(reference.doubleValue(), merged.value(), 0);
  }

  /**
   * The same value held as a few values and as digits (the same values with {@code x, -x} pairs
   * added past {@link ExactSum#FEW}) reads the same and is equal, and a sum merged into itself
   * doubles in either representation.
   */
  @Property(tries = 300)
  void theRepresentationIsNotPartOfTheValue(
      @ForAll("aroundFew") List<Double> xs, @ForAll double pad) {
    net.jqwik.api.Assume.that(Double.isFinite(pad));
    List<Double> few = xs.subList(0, Math.min(xs.size(), ExactSum.FEW));
    ExactSum kept = new ExactSum();
    few.forEach(kept::add);
    ExactSum digits = new ExactSum();
    few.forEach(digits::add);
    for (int i = 0; i <= ExactSum.FEW; i++) {
      digits.add(pad);
      digits.add(-pad);
    }
    assertEquals(kept.exact(), digits.exact());
    assertEquals(kept, digits);
    assertEquals(kept.hashCode(), digits.hashCode());
    BigDecimal twice = exactly(few).multiply(BigDecimal.valueOf(2));
    kept.add(kept);
    digits.add(digits);
    assertEquals(0, twice.compareTo(kept.exact()));
    assertEquals(0, twice.compareTo(digits.exact()));
  }

  @Test
  void theSeventeenthValueMovesTheSumIntoTheDigitsExactly() {
    // 16 x 0.1 kept as they are, then 1e16 and -1e16: 1.6 x 0.1 (exactly 16 times the double 0.1)
    ExactSum s = new ExactSum();
    for (int i = 0; i < ExactSum.FEW; i++) {
      s.add(0.1);
    }
    // the double 0.1 is exactly 0.1000000000000000055511151231257827021181583404541015625
    BigDecimal sixteenTenths =
        new BigDecimal("0.1000000000000000055511151231257827021181583404541015625")
            .multiply(BigDecimal.valueOf(16));
    assertEquals(0, sixteenTenths.compareTo(s.exact()));
    s.add(1e16);
    s.add(-1e16);
    assertEquals(0, sixteenTenths.compareTo(s.exact()));
    assertEquals(1074, s.exact().scale());
  }
}
