package org.mpindex.rbrvs;

/**
 * The Medicare physician fee schedule status indicator of a code (RVUPUF documentation of the
 * national relative value file, "Status Code"). Only the payable statuses carry physician work in the
 * index: a code that Medicare bundles, excludes or does not cover adds no effort, and the calculator
 * counts it by status instead.
 */
public enum StatusCode {
  /** Status A: active; payable, its work RVU counts. */
  ACTIVE('A', "active", true),
  /** Status B: bundled; not payable: no work RVU by default. */
  BUNDLED('B', "bundled", false),
  /** Status C: carrier priced; payable, its work RVU counts. */
  CARRIER_PRICED('C', "carrier priced", true),
  /** Status D: deleted; not payable: no work RVU by default. */
  DELETED('D', "deleted", false),
  /** Status E: excluded by regulation; not payable: no work RVU by default. */
  EXCLUDED_BY_REGULATION('E', "excluded by regulation", false),
  /** Status F: deleted, no grace period; not payable: no work RVU by default. */
  DELETED_NO_GRACE('F', "deleted, no grace period", false),
  /** Status G: not valid for Medicare, grace period; not payable: no work RVU by default. */
  NOT_VALID_GRACE('G', "not valid for Medicare, grace period", false),
  /** Status H: deleted modifier; not payable: no work RVU by default. */
  DELETED_MODIFIER('H', "deleted modifier", false),
  /** Status I: not valid for Medicare; not payable: no work RVU by default. */
  NOT_VALID('I', "not valid for Medicare", false),
  /** Status J: anesthesia service; not payable: no work RVU by default. */
  ANESTHESIA('J', "anesthesia service", false),
  /** Status M: measurement code; not payable: no work RVU by default. */
  MEASUREMENT('M', "measurement code", false),
  /** Status N: non-covered; not payable: no work RVU by default. */
  NON_COVERED('N', "non-covered", false),
  /** Status P: bundled or excluded; not payable: no work RVU by default. */
  BUNDLED_EXCLUDED('P', "bundled or excluded", false),
  /** Status Q: therapy functional information; not payable: no work RVU by default. */
  THERAPY_FUNCTIONAL('Q', "therapy functional information", false),
  /** Status R: restricted coverage; payable, its work RVU counts. */
  RESTRICTED('R', "restricted coverage", true),
  /** Status T: injection, paid when no other service; payable, its work RVU counts. */
  INJECTION('T', "injection, paid when no other service", true),
  /** Status X: statutory exclusion; not payable: no work RVU by default. */
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
