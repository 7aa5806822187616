package org.mpindex.core.claims;

import java.util.HashMap;
import java.util.Map;

/**
 * The 52 geographies of the reference application: the 50 states, the District of Columbia and
 * Puerto Rico, with their USPS code and FIPS state code (FIPS PUB 5-2 / ANSI INCITS 38).
 */
public enum UsState {
  AL("01", "Alabama"), AK("02", "Alaska"), AZ("04", "Arizona"), AR("05", "Arkansas"),
  CA("06", "California"), CO("08", "Colorado"), CT("09", "Connecticut"), DE("10", "Delaware"),
  DC("11", "District of Columbia"), FL("12", "Florida"), GA("13", "Georgia"), HI("15", "Hawaii"),
  ID("16", "Idaho"), IL("17", "Illinois"), IN("18", "Indiana"), IA("19", "Iowa"),
  KS("20", "Kansas"), KY("21", "Kentucky"), LA("22", "Louisiana"), ME("23", "Maine"),
  MD("24", "Maryland"), MA("25", "Massachusetts"), MI("26", "Michigan"), MN("27", "Minnesota"),
  MS("28", "Mississippi"), MO("29", "Missouri"), MT("30", "Montana"), NE("31", "Nebraska"),
  NV("32", "Nevada"), NH("33", "New Hampshire"), NJ("34", "New Jersey"), NM("35", "New Mexico"),
  NY("36", "New York"), NC("37", "North Carolina"), ND("38", "North Dakota"), OH("39", "Ohio"),
  OK("40", "Oklahoma"), OR("41", "Oregon"), PA("42", "Pennsylvania"), RI("44", "Rhode Island"),
  SC("45", "South Carolina"), SD("46", "South Dakota"), TN("47", "Tennessee"), TX("48", "Texas"),
  UT("49", "Utah"), VT("50", "Vermont"), VA("51", "Virginia"), WA("53", "Washington"),
  WV("54", "West Virginia"), WI("55", "Wisconsin"), WY("56", "Wyoming"), PR("72", "Puerto Rico");

  private static final Map<String, UsState> BY_FIPS = new HashMap<>();
  private static final Map<String, UsState> BY_NAME = new HashMap<>();

  static {
    for (UsState s : values()) {
      BY_FIPS.put(s.fips, s);
      BY_NAME.put(s.fullName.toUpperCase(java.util.Locale.ROOT), s);
    }
  }

  private final String fips;
  private final String fullName;

  UsState(String fips, String fullName) {
    this.fips = fips;
    this.fullName = fullName;
  }

  /** The two-digit FIPS state code, e.g. {@code "56"} for Wyoming. */
  public String fips() {
    return fips;
  }

  /** The USPS two-letter code, e.g. {@code "WY"}. */
  public String usps() {
    return name();
  }

  /** The full name, e.g. {@code "Wyoming"}. */
  public String fullName() {
    return fullName;
  }

  /**
   * Parses a USPS code ({@code WY}, any case) or a full name ({@code Wyoming}).
   *
   * @throws InvalidValueException when it is neither
   */
  public static UsState parse(String s) {
    Checks.nonBlank(s, "state");
    String t = Checks.tidy(s);
    if (t.length() == 2) {
      for (UsState st : values()) {
        if (st.name().equals(t)) {
          return st;
        }
      }
    }
    UsState byName = BY_NAME.get(t);
    if (byName != null) {
      return byName;
    }
    throw new InvalidValueException("state", s, "is not a USPS code of the 50 states, DC or PR");
  }

  /**
   * The state with this two-digit FIPS code.
   *
   * @throws InvalidValueException when no state of this enum has it
   */
  public static UsState ofFips(String fips) {
    Checks.nonBlank(fips, "FIPS state code");
    UsState s = BY_FIPS.get(fips.strip());
    if (s == null) {
      throw new InvalidValueException("FIPS state code", fips, "is not the code of a state, DC or PR");
    }
    return s;
  }
}
