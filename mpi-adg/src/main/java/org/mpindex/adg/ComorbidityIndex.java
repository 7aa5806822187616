package org.mpindex.adg;

import java.util.List;

/**
 * The two open comorbidity indexes, with the Quan et al. (2005) coding algorithms for ICD-9-CM and
 * ICD-10 (Quan H, Sundararajan V, Halfon P, et al. Coding algorithms for defining comorbidities in
 * ICD-9-CM and ICD-10 administrative data. Med Care 2005;43(11):1130-1139), built in as data from
 * the code lists transcribed in the R package {@code comorbidity} (see
 * {@code org/mpindex/adg/quan2005/README.md} in this jar).
 */
public enum ComorbidityIndex {
  /**
   * 31 Elixhauser categories (Elixhauser 1998, Quan 2005 codes; hypertension split into uncomplicated
   * and complicated). Hierarchy: complicated over uncomplicated diabetes, metastatic cancer over solid
   * tumour, complicated over uncomplicated hypertension.
   */
  ELIXHAUSER(
      "Elixhauser (Quan 2005)",
      "elixhauser",
      List.of(
          List.of("diabunc", "diabc"), List.of("solidtum", "metacanc"), List.of("hypunc", "hypc"))),
  /**
   * 17 Charlson categories (Charlson 1987, Quan 2005 codes). Hierarchy: diabetes with complications
   * over diabetes, metastatic over any malignancy, moderate or severe over mild liver disease.
   */
  CHARLSON(
      "Charlson (Quan 2005)",
      "charlson",
      List.of(List.of("diab", "diabwc"), List.of("canc", "metacanc"), List.of("mld", "msld")));

  private final String displayName;
  private final String resourcePrefix;

  // List.of all the way down: unmodifiable
  @SuppressWarnings("ImmutableEnumChecker")
  private final List<List<String>> hierarchy;

  ComorbidityIndex(String displayName, String resourcePrefix, List<List<String>> hierarchy) {
    this.displayName = displayName;
    this.resourcePrefix = resourcePrefix;
    this.hierarchy = hierarchy;
  }

  public String displayName() {
    return displayName;
  }

  String resource(String system) {
    return "quan2005/" + resourcePrefix + "_" + system + "_quan.tsv";
  }

  /** Hierarchy rules as (dropped, when this is present) pairs of category keys; unmodifiable. */
  public List<List<String>> hierarchy() {
    return hierarchy;
  }

  /**
   * Parses {@code elixhauser} or {@code charlson} (any case).
   *
   * @throws IllegalArgumentException otherwise
   */
  public static ComorbidityIndex parse(String s) {
    return switch (s.strip().toLowerCase(java.util.Locale.ROOT)) {
      case "elixhauser" -> ELIXHAUSER;
      case "charlson" -> CHARLSON;
      default -> throw new IllegalArgumentException("'" + s + "' is not elixhauser or charlson");
    };
  }
}
