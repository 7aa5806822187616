package org.mpindex.core.index;

/**
 * Why a candidate patient has no ratio in window t. A patient is a candidate of t when they have a
 * beneficiary record and either an enrollment span touching t or a claim line in t. Reasons are
 * checked in declaration order and the first that applies is counted, so for every window and group
 * {@code candidates = patients + sum of exclusions}.
 */
public enum ExclusionReason {
  /** Died before the first day of t. */
  DECEASED,
  /** t is not covered by an accepted program ({@link Coverage}). */
  NOT_ENROLLED,
  /** Younger than the minimum age on the reference day ({@link AgeReference}). */
  UNDER_MINIMUM_AGE,
  /** The effort window t - lag is not covered by an accepted program. */
  NOT_ENROLLED_IN_EFFORT_WINDOW,
  /** Fewer eligible windows in the study period than the minimum. */
  TOO_FEW_ELIGIBLE_WINDOWS,
  /** Outside the cohort predicate. */
  NOT_IN_COHORT,
  /** No claim line in t while the health population requires one. */
  NO_CLAIM_IN_WINDOW,
  /** Burden 0 with {@link ZeroBurden#EXCLUDE}. */
  ZERO_BURDEN,
  /** The health function is undefined at a burden above 0 (a user function returned NaN). */
  HEALTH_UNDEFINED,
  /** Effort 0 in t - lag with the exclude policy (docs/method.md choice C). */
  ZERO_EFFORT
}
