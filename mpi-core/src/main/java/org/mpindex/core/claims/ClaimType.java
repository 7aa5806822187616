package org.mpindex.core.claims;

/**
 * Where a claim line comes from. By default only {@link #PROFESSIONAL} lines carry physician effort
 * (see {@code MpiSpec.effortClaimTypes}); diagnoses are taken from every type.
 */
public enum ClaimType {
  /** Physician / supplier (carrier, Part B professional, CMS-1500) claims. */
  PROFESSIONAL,
  /** Institutional outpatient (UB-04, hospital outpatient department). */
  OUTPATIENT,
  /** Institutional inpatient (hospital stays). */
  INPATIENT,
  /** Skilled nursing facility. */
  SNF,
  /** Home health agency. */
  HOME_HEALTH,
  /** Hospice. */
  HOSPICE,
  /** Durable medical equipment supplier. */
  DME,
  /** Anything else a payer sends. */
  OTHER
}
