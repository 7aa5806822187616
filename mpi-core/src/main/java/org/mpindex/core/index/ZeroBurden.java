package org.mpindex.core.index;

/**
 * What happens to a patient with illness burden 0 in window t (docs/method.md choice A: the paper's
 * H = 1/b says nothing about a patient without diagnoses).
 */
public enum ZeroBurden {
  /**
   * H = 1 when b = 0 and the health function is undefined there (1/b); a function defined at 0 keeps
   * its own value. No illness is the best health (default, {@code PARENTE_2011}).
   */
  AS_ONE,
  /**
   * Every patient with b = 0 is left out of MPI(t), whatever the health function, and counted under
   * {@link ExclusionReason#ZERO_BURDEN}.
   */
  EXCLUDE,
  /**
   * Every patient's burden is shifted by one before the health function: with H = 1/b this is H =
   * 1/(1+b) for everyone.
   */
  ONE_PLUS_B;

  /**
   * H of a patient with {@code burden} under this policy and health function {@code f}.
   *
   * @return H; NaN when the patient has no H: burden 0 under {@link #EXCLUDE}, or {@code f}
   *     undefined at a burden this policy does not settle
   */
  public double healthLevel(org.mpindex.core.spi.HealthLevelProvider f, int burden) {
    if (burden == 0 && this == EXCLUDE) {
      return Double.NaN;
    }
    double h = f.healthLevel(this == ONE_PLUS_B ? burden + 1 : burden);
    return Double.isNaN(h) && burden == 0 && this == AS_ONE ? 1.0 : h;
  }

  /**
   * H of a patient with the window's {@code categories} under this policy: the burden is {@code
   * f.burden(categories)} (a count, or a weighted score floored at 0); H is {@code
   * f.healthLevelOf(categories)}, or for {@link #ONE_PLUS_B} {@code f.healthLevel(burden + 1)}.
   *
   * @return H; NaN as for {@link #healthLevel(org.mpindex.core.spi.HealthLevelProvider, int)}
   */
  public double healthLevelOf(org.mpindex.core.spi.HealthLevelProvider f, long categories) {
    int burden = f.burden(categories);
    if (burden == 0 && this == EXCLUDE) {
      return Double.NaN;
    }
    double h = this == ONE_PLUS_B ? f.healthLevel(burden + 1) : f.healthLevelOf(categories);
    return Double.isNaN(h) && burden == 0 && this == AS_ONE ? 1.0 : h;
  }
}
