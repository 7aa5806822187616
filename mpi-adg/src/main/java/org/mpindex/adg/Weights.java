package org.mpindex.adg;

import java.util.Map;

/**
 * Published weights for a weighted comorbidity score next to the plain count. A category without a
 * weight in the set scores 0.
 */
public enum Weights {
  /**
   * Charlson's original weights: Charlson ME, Pompei P, Ales KL, MacKenzie CR. A new method of
   * classifying prognostic comorbidity in longitudinal studies. J Chronic Dis 1987;40(5):373-383.
   */
  CHARLSON_1987(
      ComorbidityIndex.CHARLSON,
      Map.ofEntries(
          Map.entry("mi", 1),
          Map.entry("chf", 1),
          Map.entry("pvd", 1),
          Map.entry("cevd", 1),
          Map.entry("dementia", 1),
          Map.entry("cpd", 1),
          Map.entry("rheumd", 1),
          Map.entry("pud", 1),
          Map.entry("mld", 1),
          Map.entry("diab", 1),
          Map.entry("diabwc", 2),
          Map.entry("hp", 2),
          Map.entry("rend", 2),
          Map.entry("canc", 2),
          Map.entry("msld", 3),
          Map.entry("metacanc", 6),
          Map.entry("aids", 6))),
  /**
   * Updated Charlson weights: Quan H, Li B, Couris CM, et al. Updating and validating the Charlson
   * comorbidity index and score for risk adjustment in hospital discharge abstracts using data from
   * 6 countries. Am J Epidemiol 2011;173(6):676-682.
   */
  QUAN_2011(
      ComorbidityIndex.CHARLSON,
      Map.ofEntries(
          Map.entry("mi", 0),
          Map.entry("chf", 2),
          Map.entry("pvd", 0),
          Map.entry("cevd", 0),
          Map.entry("dementia", 2),
          Map.entry("cpd", 1),
          Map.entry("rheumd", 1),
          Map.entry("pud", 0),
          Map.entry("mld", 2),
          Map.entry("diab", 0),
          Map.entry("diabwc", 1),
          Map.entry("hp", 2),
          Map.entry("rend", 1),
          Map.entry("canc", 2),
          Map.entry("msld", 4),
          Map.entry("metacanc", 6),
          Map.entry("aids", 4))),
  /**
   * Elixhauser weights of van Walraven C, Austin PC, Jennings A, Quan H, Forster AJ. A modification
   * of the Elixhauser comorbidity measures into a point system for hospital death using
   * administrative data. Med Care 2009;47(6):626-633.
   */
  VAN_WALRAVEN_2009(
      ComorbidityIndex.ELIXHAUSER,
      Map.ofEntries(
          Map.entry("chf", 7),
          Map.entry("carit", 5),
          Map.entry("valv", -1),
          Map.entry("pcd", 4),
          Map.entry("pvd", 2),
          Map.entry("hypunc", 0),
          Map.entry("hypc", 0),
          Map.entry("para", 7),
          Map.entry("ond", 6),
          Map.entry("cpd", 3),
          Map.entry("diabunc", 0),
          Map.entry("diabc", 0),
          Map.entry("hypothy", 0),
          Map.entry("rf", 5),
          Map.entry("ld", 11),
          Map.entry("pud", 0),
          Map.entry("aids", 0),
          Map.entry("lymph", 9),
          Map.entry("metacanc", 12),
          Map.entry("solidtum", 4),
          Map.entry("rheumd", 0),
          Map.entry("coag", 3),
          Map.entry("obes", -4),
          Map.entry("wloss", 6),
          Map.entry("fed", 5),
          Map.entry("blane", -2),
          Map.entry("dane", -2),
          Map.entry("alcohol", 0),
          Map.entry("drug", -7),
          Map.entry("psycho", 0),
          Map.entry("depre", -3)));

  private final ComorbidityIndex index;

  // Map.ofEntries: unmodifiable
  @SuppressWarnings("ImmutableEnumChecker")
  private final Map<String, Integer> byCategory;

  Weights(ComorbidityIndex index, Map<String, Integer> byCategory) {
    this.index = index;
    this.byCategory = byCategory;
  }

  /** The index the weights belong to. */
  public ComorbidityIndex index() {
    return index;
  }

  /** The weight of a category key, 0 when it has none. */
  public int weight(String category) {
    return byCategory.getOrDefault(category, 0);
  }
}
