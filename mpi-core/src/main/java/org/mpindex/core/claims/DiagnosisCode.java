package org.mpindex.core.claims;

import java.util.Optional;

/**
 * A diagnosis code with its code system, normalised once: upper case, no dot, no white space.
 *
 * <p>Accepted shapes (CMS ICD-9-CM and ICD-10-CM code set conventions):
 *
 * <ul>
 *   <li>ICD-9-CM numeric: 3 to 5 digits ({@code 250}, {@code 25000}); dot after the third ({@code
 *       250.00}).
 *   <li>ICD-9-CM V codes (supplementary classification): {@code V} + 2 to 4 digits ({@code V4581});
 *       dot after the third character ({@code V45.81}).
 *   <li>ICD-9-CM E codes (external causes): {@code E} + 3 or 4 digits ({@code E8497}); dot after the
 *       fourth character ({@code E849.7}).
 *   <li>ICD-10-CM: a letter, a digit, then 1 to 5 letters or digits, 3 to 7 characters in all ({@code
 *       I110}, {@code S72001A}, {@code C4A0}); dot after the third ({@code S72.001A}).
 * </ul>
 *
 * The code set itself (whether {@code 2509} was ever issued) is not checked: groupers decide what a
 * code means, and a well-formed code that no grouper knows simply touches no category.
 *
 * @param system the code system; never null
 * @param code the normalised code, e.g. {@code "25000"}; the canonical constructor normalises and
 *     validates whatever it is given
 */
public record DiagnosisCode(CodeSystem system, String code) implements Comparable<DiagnosisCode> {

  public DiagnosisCode {
    Checks.present(system, "code system");
    Checks.present(code, "diagnosis code");
    String[] parsed = parse(system, code);
    if (parsed[1] != null) {
      throw new InvalidValueException(system.displayName() + " diagnosis code", code, parsed[1]);
    }
    code = parsed[0];
  }

  /** An ICD-9-CM code, dotted or not, any case. */
  public static DiagnosisCode icd9(String code) {
    return new DiagnosisCode(CodeSystem.ICD9CM, code);
  }

  /** An ICD-10-CM code, dotted or not, any case. */
  public static DiagnosisCode icd10(String code) {
    return new DiagnosisCode(CodeSystem.ICD10CM, code);
  }

  /**
   * The diagnosis code {@code code} of {@code system}, normalised (upper case, no dot).
   *
   * @throws InvalidValueException when the code is not well formed in that system
   */
  public static DiagnosisCode of(CodeSystem system, String code) {
    return new DiagnosisCode(system, code);
  }

  /**
   * The code, or empty when it is not well formed; for readers that count invalid codes instead of
   * failing. Never throws for a non-null system.
   */
  public static Optional<DiagnosisCode> tryParse(CodeSystem system, String code) {
    if (system == null || code == null) {
      return Optional.empty();
    }
    String[] parsed = parse(system, code);
    return parsed[1] == null ? Optional.of(new DiagnosisCode(system, parsed[0])) : Optional.empty();
  }

  /** Whether {@code code} is a well-formed code of {@code system}. */
  public static boolean isValid(CodeSystem system, String code) {
    return system != null && code != null && parse(system, code)[1] == null;
  }

  /** The code with its conventional dot, e.g. {@code 250.00}, {@code E849.7}, {@code S72.001A}. */
  public String dotted() {
    int at = dotPosition(system, code);
    return code.length() > at ? code.substring(0, at) + "." + code.substring(at) : code;
  }

  /** Whether this code's normalised form starts with {@code prefix} (already normalised). */
  public boolean startsWith(String prefix) {
    return code.startsWith(prefix);
  }

  @Override
  public int compareTo(DiagnosisCode o) {
    int c = system.compareTo(o.system);
    return c != 0 ? c : code.compareTo(o.code);
  }

  /** {@code ICD-9-CM 250.00}. */
  @Override
  public String toString() {
    return system.displayName() + " " + dotted();
  }

  private static int dotPosition(CodeSystem system, String code) {
    return system == CodeSystem.ICD9CM && code.startsWith("E") ? 4 : 3;
  }

  /**
   * Normalises {@code raw} (upper case, white space and the dot removed) and validates it.
   *
   * @return {normalised code, null} when valid, else {partial code, reason}
   */
  private static String[] parse(CodeSystem system, String raw) {
    StringBuilder b = new StringBuilder(raw.length());
    int dot = -1;
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (Character.isWhitespace(c)) {
        continue;
      }
      if (c == '.') {
        if (dot >= 0) {
          return new String[] {b.toString(), "has more than one dot"};
        }
        dot = b.length();
        continue;
      }
      char u = Character.toUpperCase(c);
      if (!Checks.isAsciiDigit(u) && !Checks.isAsciiUpper(u)) {
        return new String[] {b.toString(), "contains the character '" + c + "'"};
      }
      b.append(u);
    }
    String s = b.toString();
    if (s.isEmpty()) {
      return new String[] {s, "is empty"};
    }
    String problem = system == CodeSystem.ICD9CM ? icd9Problem(s) : icd10Problem(s);
    if (problem == null && dot >= 0) {
      if (dot == s.length()) {
        problem = "ends with a dot";
      } else if (dot != dotPosition(system, s)) {
        problem =
            "has its dot in the wrong place (expected after character "
                + dotPosition(system, s)
                + ")";
      }
    }
    return new String[] {s, problem};
  }

  private static String icd9Problem(String s) {
    char first = s.charAt(0);
    int n = s.length();
    if (first == 'E') {
      if (n < 4 || n > 5 || !Checks.allDigits(s, 1, n)) {
        return "is not an ICD-9-CM E code: expected E and 3 or 4 digits";
      }
      return null;
    }
    if (first == 'V') {
      if (n < 3 || n > 5 || !Checks.allDigits(s, 1, n)) {
        return "is not an ICD-9-CM V code: expected V and 2 to 4 digits";
      }
      return null;
    }
    if (n < 3 || n > 5 || !Checks.allDigits(s, 0, n)) {
      return "is not an ICD-9-CM code: expected 3 to 5 digits, or a V or E code";
    }
    return null;
  }

  private static String icd10Problem(String s) {
    int n = s.length();
    if (n < 3 || n > 7) {
      return "is not an ICD-10-CM code: expected 3 to 7 characters";
    }
    if (!Checks.isAsciiUpper(s.charAt(0))
        || !Checks.isAsciiDigit(s.charAt(1))
        || !Checks.allAlphanumeric(s, 2, n)) {
      return "is not an ICD-10-CM code: expected a letter, a digit, then letters or digits";
    }
    return null;
  }
}
