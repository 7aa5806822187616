package org.mpindex.core.claims;

/**
 * A CPT-4 or HCPCS Level II procedure code, normalised once (upper case, no white space).
 *
 * <p>Shapes accepted (CMS HCPCS and AMA CPT code structure): five characters, either five digits
 * (CPT Category I), four digits and a letter (CPT Category II {@code ...F}, Category III {@code
 * ...T}, PLA {@code ...U}, MAAA {@code ...M}, vaccine administration {@code ...A}), or a letter and
 * four digits (HCPCS Level II {@code A0000}-{@code V9999}; W-Z local codes are accepted too). No
 * descriptor is ever stored: CPT descriptors are AMA-copyrighted.
 *
 * @param code the normalised five-character code, e.g. {@code "99213"}, {@code "G0008"}
 */
public record ProcedureCode(String code) implements Comparable<ProcedureCode> {

  /** The kind of a code, read off its shape. */
  public enum Kind {
    /** Five digits: CPT Category I. */
    CPT_CATEGORY_I,
    /** Four digits and {@code F}: performance measurement, no RVUs. */
    CPT_CATEGORY_II,
    /** Four digits and {@code T}: emerging technology. */
    CPT_CATEGORY_III,
    /** Four digits and another letter (PLA {@code U}, MAAA {@code M}, {@code A} ...). */
    CPT_OTHER,
    /** A letter and four digits. */
    HCPCS_LEVEL_II
  }

  public ProcedureCode {
    Checks.present(code, "procedure code");
    String c = Checks.tidy(code);
    if (c.length() != 5) {
      throw new InvalidValueException(
          "procedure code", code, "is not a HCPCS/CPT code: expected 5 characters");
    }
    boolean cptLike =
        Checks.allDigits(c, 0, 4)
            && (Checks.isAsciiDigit(c.charAt(4)) || Checks.isAsciiUpper(c.charAt(4)));
    boolean levelTwo = Checks.isAsciiUpper(c.charAt(0)) && Checks.allDigits(c, 1, 5);
    if (!cptLike && !levelTwo) {
      throw new InvalidValueException(
          "procedure code",
          code,
          "is not a HCPCS/CPT code: expected 5 digits, 4 digits and a letter, or a letter and 4 digits");
    }
    code = c;
  }

  /**
   * The procedure with this HCPCS/CPT code.
   *
   * @throws InvalidValueException when the code is not a well-formed HCPCS/CPT code
   */
  public static ProcedureCode of(String code) {
    return new ProcedureCode(code);
  }

  /** Whether {@code code} is a well-formed HCPCS/CPT code. */
  public static boolean isValid(String code) {
    if (code == null) {
      return false;
    }
    try {
      new ProcedureCode(code);
      return true;
    } catch (InvalidValueException e) {
      return false;
    }
  }

  /** The kind, from the code's shape. */
  public Kind kind() {
    char last = code.charAt(4);
    if (Checks.isAsciiUpper(code.charAt(0))) {
      return Kind.HCPCS_LEVEL_II;
    }
    if (Checks.isAsciiDigit(last)) {
      return Kind.CPT_CATEGORY_I;
    }
    if (last == 'F') {
      return Kind.CPT_CATEGORY_II;
    }
    return last == 'T' ? Kind.CPT_CATEGORY_III : Kind.CPT_OTHER;
  }

  /**
   * Whether this is a CPT anesthesia code (00100-01999), which Medicare pays in base and time units
   * rather than work RVUs.
   */
  public boolean isAnesthesia() {
    return kind() == Kind.CPT_CATEGORY_I
        && code.compareTo("00100") >= 0
        && code.compareTo("01999") <= 0;
  }

  @Override
  public int compareTo(ProcedureCode o) {
    return code.compareTo(o.code);
  }

  @Override
  public String toString() {
    return code;
  }
}
