package org.mpindex.adg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.mpindex.core.index.ZeroBurden;
import org.mpindex.core.spi.HealthLevelProvider;

/** Weighted burdens against the published weights (cited in {@link Weights}). */
class WeightedBurdenTest {
  static final ComorbidityGrouper ELIX = ComorbidityGrouper.of(ComorbidityIndex.ELIXHAUSER, false);
  static final ComorbidityGrouper CHARLSON =
      ComorbidityGrouper.of(ComorbidityIndex.CHARLSON, false);

  static long set(ComorbidityGrouper g, String... keys) {
    return ComorbidityGrouperTest.bits(g, keys);
  }

  @Test
  void vanWalravenScoresWithItsNegativeWeightsFlooredAtZero() {
    WeightedBurden vw = WeightedBurden.of(Weights.VAN_WALRAVEN_2009, ELIX);
    // chf 7 + metastatic cancer 12 = 19: H = 1/19
    long c = set(ELIX, "chf", "metacanc");
    assertEquals(19, vw.burden(c));
    assertEquals(1.0 / 19, ZeroBurden.AS_ONE.healthLevelOf(vw, c), 1e-15);
    // chf 7 + drug abuse -7 = 0: burden 0, H = 1 under AS_ONE, no H under EXCLUDE
    long zero = set(ELIX, "chf", "drug");
    assertEquals(0, vw.burden(zero));
    assertEquals(1.0, ZeroBurden.AS_ONE.healthLevelOf(vw, zero), 0);
    assertTrue(Double.isNaN(ZeroBurden.EXCLUDE.healthLevelOf(vw, zero)));
    // obesity -4 and depression -3 alone: -7, floored at 0
    assertEquals(0, vw.burden(set(ELIX, "obes", "depre")));
    // a count would say 2 categories: H = 1/2
    assertEquals(0.5, ZeroBurden.AS_ONE.healthLevelOf(HealthLevelProvider.inverse(), zero), 0);
  }

  @Test
  void charlsonWeights() {
    // Charlson 1987: diabetes with complications 2 + metastatic 6 + chf 1 = 9; Quan 2011: 1 + 6 + 2
    // = 9
    long c = set(CHARLSON, "diabwc", "metacanc", "chf");
    assertEquals(9, WeightedBurden.of(Weights.CHARLSON_1987, CHARLSON).burden(c));
    assertEquals(9, WeightedBurden.of(Weights.QUAN_2011, CHARLSON).burden(c));
    // mi weighs 1 (1987) and 0 (2011)
    assertEquals(1, WeightedBurden.of(Weights.CHARLSON_1987, CHARLSON).burden(set(CHARLSON, "mi")));
    assertEquals(0, WeightedBurden.of(Weights.QUAN_2011, CHARLSON).burden(set(CHARLSON, "mi")));
    assertThrows(
        IllegalArgumentException.class, () -> WeightedBurden.of(Weights.CHARLSON_1987, ELIX));
  }

  @Test
  void userFunctionOfTheSet() {
    // H = 1 minus 0.1 per cardiac category (chf, carit, valv), else as 1/b
    long cardiac = set(ELIX, "chf", "carit", "valv");
    HealthLevelProvider f =
        HealthLevelProvider.ofCategories(
            "H = 1 - 0.1 x cardiac categories", c -> 1 - 0.1 * Long.bitCount(c & cardiac));
    assertEquals(0.8, ZeroBurden.AS_ONE.healthLevelOf(f, set(ELIX, "chf", "valv", "obes")), 1e-15);
    assertTrue(f.dependsOnCategories());
    assertThrows(
        IllegalArgumentException.class,
        () ->
            org.mpindex.core.index.MpiSpec.builder()
                .healthLevel(f)
                .zeroBurden(ZeroBurden.ONE_PLUS_B)
                .build());
  }

  @Property
  void aWeightedBurdenIsNeverNegativeAndAddingAPositiveWeightNeverRaisesHealth(
      @ForAll long categories, @ForAll("positive") String extra) {
    long c = categories & ((1L << ELIX.categoryNames().size()) - 1);
    WeightedBurden vw = WeightedBurden.of(Weights.VAN_WALRAVEN_2009, ELIX);
    assertTrue(vw.burden(c) >= 0);
    long more = c | set(ELIX, extra);
    assertTrue(vw.burden(more) >= vw.burden(c));
    assertTrue(ZeroBurden.AS_ONE.healthLevelOf(vw, more) <= ZeroBurden.AS_ONE.healthLevelOf(vw, c));
  }

  @net.jqwik.api.Provide
  net.jqwik.api.Arbitrary<String> positive() {
    return net.jqwik.api.Arbitraries.of(
        List.of(
            "chf",
            "carit",
            "pcd",
            "pvd",
            "para",
            "ond",
            "cpd",
            "rf",
            "ld",
            "lymph",
            "metacanc",
            "solidtum",
            "coag",
            "wloss",
            "fed"));
  }
}
