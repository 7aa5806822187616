package org.mpindex.core.index;

/** Which date of a claim line puts it in a window. */
public enum ClaimDating {
  /** The first day of service ({@code CLM_FROM_DT}); default. */
  SERVICE_FROM,
  /** The last day of service ({@code CLM_THRU_DT}). */
  SERVICE_THROUGH
}
