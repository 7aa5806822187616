package org.mpindex.core.claims;

/** Sex as recorded in enrollment data; used for subsets and standardisation only. */
public enum Sex {
  MALE,
  FEMALE,
  /** Not recorded or not one of the above. */
  UNKNOWN;

  /**
   * Parses {@code M}/{@code MALE}/{@code 1}, {@code F}/{@code FEMALE}/{@code 2}, {@code U}/{@code
   * UNKNOWN}/{@code 0} (any case; CMS codes 1 = male, 2 = female).
   *
   * @throws InvalidValueException for anything else
   */
  public static Sex parse(String s) {
    Checks.nonBlank(s, "sex");
    return switch (Checks.tidy(s)) {
      case "M", "MALE", "1" -> MALE;
      case "F", "FEMALE", "2" -> FEMALE;
      case "U", "UNKNOWN", "0" -> UNKNOWN;
      default -> throw new InvalidValueException("sex", s, "is not M, F or U (or CMS 1, 2, 0)");
    };
  }
}
