package org.mpindex.core.index;

/** When enrollment spans make a window eligible. */
public enum Coverage {
  /**
   * Every day of the window lies in spans of an accepted program (adjacent or overlapping spans
   * join). Default: a quarter counts only when the beneficiary was enrolled all of it, as CMS
   * denominator files count months.
   */
  FULL_WINDOW,
  /** At least one day of the window lies in a span of an accepted program. */
  ANY_DAY
}
