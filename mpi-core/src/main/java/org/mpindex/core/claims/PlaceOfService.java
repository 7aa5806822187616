package org.mpindex.core.claims;

/**
 * A CMS place-of-service code: two digits ({@code 11} office, {@code 21} inpatient hospital, {@code
 * 22} outpatient hospital, {@code 23} emergency room, {@code 31} skilled nursing facility...).
 * Single-digit input is zero-padded ({@code "1"} becomes {@code "01"}).
 *
 * @param code two digits
 */
public record PlaceOfService(String code) {

  public PlaceOfService {
    Checks.present(code, "place of service");
    String c = code.strip();
    if (c.length() == 1) {
      c = "0" + c;
    }
    if (c.length() != 2 || !Checks.allDigits(c, 0, 2)) {
      throw new InvalidValueException(
          "place of service", code, "is not a place-of-service code: expected 2 digits");
    }
    code = c;
  }

  public static PlaceOfService of(String code) {
    return new PlaceOfService(code);
  }

  /** Whether CMS prices this place at the facility rate (hospital, SNF, ASC and similar). */
  public boolean isFacility() {
    return switch (code) {
      case "19",
          "21",
          "22",
          "23",
          "24",
          "26",
          "31",
          "34",
          "41",
          "42",
          "51",
          "52",
          "53",
          "56",
          "61" ->
          true;
      default -> false;
    };
  }

  @Override
  public String toString() {
    return code;
  }
}
