package org.mpindex.core.index;

/** When enrollment spans make a window eligible. */
public enum Coverage {
  /**
   * Every day of the window on which the beneficiary was alive lies in spans of an accepted program
   * (adjacent or overlapping spans join). Default: the paper keeps those who "die within the
   * program", so a decedent covered up to the day of death is eligible in the window of death; for
   * everyone else this is the same as {@link #FULL_WINDOW}.
   */
  FULL_WINDOW_WHILE_ALIVE,
  /**
   * Every day of the window lies in spans of an accepted program, death or not: a quarter counts
   * only when the beneficiary was enrolled all of it, as CMS denominator files count months (the
   * rule before 0.2.0; {@code mpi compute --coverage full}).
   */
  FULL_WINDOW,
  /** At least one day of the window lies in a span of an accepted program. */
  ANY_DAY
}
