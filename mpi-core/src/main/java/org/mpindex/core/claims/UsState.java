package org.mpindex.core.claims;

import java.util.HashMap;
import java.util.Map;

/**
 * State-level geographies: the 52 of the reference application (the 50 states, the District of
 * Columbia and Puerto Rico, {@link #REFERENCE}), the four other inhabited territories CMS files
 * carry (U.S. Virgin Islands, Guam, American Samoa, Northern Mariana Islands) and {@link #OT}, the
 * "others" of the DE-SynPUF codebook (SSA code 54: abroad and other possessions), each with its USPS
 * code and FIPS state code (FIPS PUB 5-2 / ANSI INCITS 38; {@code OT} has none).
 */
public enum UsState {
  AL("01", "Alabama"),
  AK("02", "Alaska"),
  AZ("04", "Arizona"),
  AR("05", "Arkansas"),
  CA("06", "California"),
  CO("08", "Colorado"),
  CT("09", "Connecticut"),
  DE("10", "Delaware"),
  DC("11", "District of Columbia"),
  FL("12", "Florida"),
  GA("13", "Georgia"),
  HI("15", "Hawaii"),
  ID("16", "Idaho"),
  IL("17", "Illinois"),
  IN("18", "Indiana"),
  IA("19", "Iowa"),
  KS("20", "Kansas"),
  KY("21", "Kentucky"),
  LA("22", "Louisiana"),
  ME("23", "Maine"),
  MD("24", "Maryland"),
  MA("25", "Massachusetts"),
  MI("26", "Michigan"),
  MN("27", "Minnesota"),
  MS("28", "Mississippi"),
  MO("29", "Missouri"),
  MT("30", "Montana"),
  NE("31", "Nebraska"),
  NV("32", "Nevada"),
  NH("33", "New Hampshire"),
  NJ("34", "New Jersey"),
  NM("35", "New Mexico"),
  NY("36", "New York"),
  NC("37", "North Carolina"),
  ND("38", "North Dakota"),
  OH("39", "Ohio"),
  OK("40", "Oklahoma"),
  OR("41", "Oregon"),
  PA("42", "Pennsylvania"),
  RI("44", "Rhode Island"),
  SC("45", "South Carolina"),
  SD("46", "South Dakota"),
  TN("47", "Tennessee"),
  TX("48", "Texas"),
  UT("49", "Utah"),
  VT("50", "Vermont"),
  VA("51", "Virginia"),
  WA("53", "Washington"),
  WV("54", "West Virginia"),
  WI("55", "Wisconsin"),
  WY("56", "Wyoming"),
  PR("72", "Puerto Rico"),
  VI("78", "U.S. Virgin Islands"),
  GU("66", "Guam"),
  AS("60", "American Samoa"),
  MP("69", "Northern Mariana Islands"),
  /** Others: DE-SynPUF state code 54 (abroad, other possessions). Not a USPS code; no FIPS code. */
  OT("", "Other (abroad, other possessions)");

  /** The 52 geographies of the reference application: the 50 states, DC and Puerto Rico. */
  public static final java.util.Set<UsState> REFERENCE =
      java.util.Collections.unmodifiableSet(java.util.EnumSet.range(AL, PR));

  private static final Map<String, UsState> BY_FIPS = new HashMap<>();
  private static final Map<String, UsState> BY_NAME = new HashMap<>();

  static {
    for (UsState s : values()) {
      if (!s.fips.isEmpty()) {
        BY_FIPS.put(s.fips, s);
      }
      BY_NAME.put(s.fullName.toUpperCase(java.util.Locale.ROOT), s);
    }
  }

  private final String fips;
  private final String fullName;

  UsState(String fips, String fullName) {
    this.fips = fips;
    this.fullName = fullName;
  }

  /** The two-digit FIPS state code, e.g. {@code "56"} for Wyoming; empty for {@link #OT}. */
  public String fips() {
    return fips;
  }

  /** Whether this is one of the 52 geographies of the reference application ({@link #REFERENCE}). */
  public boolean isReference() {
    return REFERENCE.contains(this);
  }

  /** The USPS two-letter code, e.g. {@code "WY"} ({@code "OT"} for others). */
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
    throw new InvalidValueException(
        "state",
        s,
        "is not a USPS code of the 50 states, DC, PR, VI, GU, AS or MP (or OT: others)");
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
      throw new InvalidValueException(
          "FIPS state code", fips, "is not the code of a state, DC or a territory");
    }
    return s;
  }
}
