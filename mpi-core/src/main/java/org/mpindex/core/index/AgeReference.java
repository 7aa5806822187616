package org.mpindex.core.index;

/** The day on which the minimum age is measured (docs/method.md section 5). */
public enum AgeReference {
  /** First day of the health window t (default, {@code PARENTE_2011}). */
  START_OF_WINDOW,
  /** Last day of the health window t. */
  END_OF_WINDOW,
  /** First day of the effort window t - lag. */
  START_OF_EFFORT_WINDOW
}
