package org.mpindex.core.index;

/**
 * How a group table puts MPI, effort and health on a 0-100 style scale (METHOD.md section 6: the
 * paper's Table 1 does not say which it used).
 */
public enum Normalisation {
  /**
   * {@code (v - min) / (max - min) * 100} over the groups of the table: the lowest group is 0, the
   * highest 100. When every group has the same value, every group gets 50.
   */
  MIN_MAX,
  /** {@code v * 100}: the raw value in hundredths. */
  TIMES_100,
  /** {@code v / national * 100}: the national value is 100. NaN when the national value is 0 or NaN. */
  INDEX_TO_NATIONAL
}
