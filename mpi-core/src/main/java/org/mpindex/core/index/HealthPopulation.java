package org.mpindex.core.index;

/** Who has a health level in window t (docs/method.md choice B). */
public enum HealthPopulation {
  /**
   * Every eligible patient: burden from whatever diagnoses they have in t, none giving b = 0
   * (default, {@code PARENTE_2011}).
   */
  ALL_ELIGIBLE,
  /**
   * Only patients with at least one claim line in t; others are counted under {@link
   * ExclusionReason#NO_CLAIM_IN_WINDOW}.
   */
  WITH_CLAIM_IN_WINDOW
}
