package org.mpindex.core.index;

/**
 * Which windows count towards the minimum number of eligible windows ({@code
 * MpiSpec.minimumEligibleWindows}, docs/method.md section 5).
 */
public enum Eligibility {
  /**
   * Eligible windows anywhere in the study period count (the paper: "eligible for at least four
   * quarters" over 2007-2009). Default of {@code PARENTE_2011}. A value for window t can change when
   * enrollment dated after t arrives.
   */
  WHOLE_STUDY,
  /**
   * Only eligible windows from the start of the study up to and including t count, and cohort
   * rules see no window after t: MPI(t) never changes when claims or enrollment dated after t
   * arrive. Default of {@code REAL_TIME}.
   */
  LOOK_BACK
}
