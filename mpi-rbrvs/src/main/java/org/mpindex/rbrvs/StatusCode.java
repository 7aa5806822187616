package org.mpindex.rbrvs;

/**
 * The Medicare physician fee schedule status indicator of a code (RVUPUF documentation of the
 * national relative value file, "Status Code"). Only the payable statuses carry physician work in the
 * index: a code that Medicare bundles, excludes or does not cover adds no effort, and the calculator
 * counts it by status instead.
 */
public enum StatusCode {
  ACTIVE('A', "active", true),
  BUNDLED('B', "bundled", false),
  CARRIER_PRICED('C', "carrier priced", true),
  DELETED('D', "deleted", false),
  EXCLUDED_BY_REGULATION('E', "excluded by regulation", false),
  DELETED_NO_GRACE('F', "deleted, no grace period", false),
  NOT_VALID_GRACE('G', "not valid for Medicare, grace period", false),
  DELETED_MODIFIER('H', "deleted modifier", false),
  NOT_VALID('I', "not valid for Medicare", false),
  ANESTHESIA('J', "anesthesia service", false),
  MEASUREMENT('M', "measurement code", false),
  NON_COVERED('N', "non-covered", false),
  BUNDLED_EXCLUDED('P', "bundled or excluded", false),
  THERAPY_FUNCTIONAL('Q', "therapy functional information", false),
  RESTRICTED('R', "restricted coverage", true),
  INJECTION('T', "injection, paid when no other service", true),
  STATUTORY_EXCLUSION('X', "statutory exclusion", false);

  private final char code;
  private final String description;
  private final boolean payable;
  private final String noWorkNote;

  StatusCode(char code, String description, boolean payable) {
    this.code = code;
    this.description = description;
    this.payable = payable;
    this.noWorkNote = "status " + code + " (" + description + "): no work";
  }

  /** The accounting note for a line of this status that carries no work, built once. */
  public String noWorkNote() {
    return noWorkNote;
  }

  /** The one-letter code as CMS writes it. */
  public char code() {
    return code;
  }

  public String description() {
    return description;
  }

  /** Whether Medicare pays the code's RVUs under the fee schedule (A, C, R, T). */
  public boolean payable() {
    return payable;
  }

  /**
   * The status with this letter (any case).
   *
   * @return the status with this letter
   * @throws IllegalArgumentException for an unknown letter
   */
  public static StatusCode of(char c) {
    char u = Character.toUpperCase(c);
    for (StatusCode s : values()) {
      if (s.code == u) {
        return s;
      }
    }
    throw new IllegalArgumentException("'" + c + "' is not a fee schedule status code");
  }
}
