package org.mpindex.core.index;

/** How one value's confidence interval and standard error were made (see {@link Intervals}). */
public enum IntervalMethod {
  /** No interval: NaN bounds (no closed form for the statistic, or too few patients). */
  NONE("none"),
  /** mean +- t(0.975, n - 1) x standard error of the mean. */
  STUDENT_T("t"),
  /** Delta method for a ratio of means, with Student's t(0.975, n - 1). */
  DELTA("delta"),
  /** 2.5% and 97.5% quantiles of Poisson-bootstrap replicates over patients. */
  BOOTSTRAP_PERCENTILE("bootstrap-percentile"),
  /** Bias-corrected and accelerated quantiles of Poisson-bootstrap replicates over patients. */
  BOOTSTRAP_BCA("bootstrap-bca");

  private final String label;

  IntervalMethod(String label) {
    this.label = label;
  }

  /** The name written in outputs ({@code interval_method} columns). */
  public String label() {
    return label;
  }
}
