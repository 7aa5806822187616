package org.mpindex.core.claims;

/** Construction checks shared by the value records; package-private on purpose. */
final class Checks {
  private Checks() {}

  static <T> T present(T value, String field) {
    if (value == null) {
      throw new InvalidValueException(field, null, "is required");
    }
    return value;
  }

  static String nonBlank(String value, String field) {
    if (value == null || value.isBlank()) {
      throw new InvalidValueException(field, value, "is required and must not be blank");
    }
    return value;
  }

  /** Upper case, with surrounding white space removed. */
  static String tidy(String raw) {
    return raw.strip().toUpperCase(java.util.Locale.ROOT);
  }

  static boolean isAsciiDigit(char c) {
    return c >= '0' && c <= '9';
  }

  static boolean isAsciiUpper(char c) {
    return c >= 'A' && c <= 'Z';
  }

  static boolean allDigits(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      if (!isAsciiDigit(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  static boolean allAlphanumeric(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (!isAsciiDigit(c) && !isAsciiUpper(c)) {
        return false;
      }
    }
    return true;
  }
}
