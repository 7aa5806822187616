package org.mpindex.core.index;

/**
 * How a group table shows MPI, effort and health (docs/method.md section 6: the paper's Table 1 does not
 * say which scale it used; its numbers read as {@link #PAPER_TABLE1}).
 */
public enum Normalisation {
  /**
   * The paper's Table 1 (the default): MPI and mean health level x100, mean effort as it is, in work
   * RVUs of the previous window. Wyoming's row reads 18.89 / 8.32 / 27.17: an MPI of 0.1889, 8.32
   * work RVUs, a mean health level of 0.2717. Each value depends on its own group only.
   */
  PAPER_TABLE1,
  /**
   * {@code (v - min) / (max - min) * 100} over the ranked groups of the table: the lowest ranked
   * group is 0, the highest 100; unranked groups (no residence, no or too few patients) take no part
   * and show NaN. When every ranked group has the same value, each gets 50.
   */
  MIN_MAX,
  /** {@code v * 100} for every column, effort included: the raw values in hundredths. */
  TIMES_100,
  /** {@code v / national * 100}: the national value is 100. NaN when the national value is 0 or NaN. */
  INDEX_TO_NATIONAL
}
