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
  /** Alabama (USPS AL, FIPS 01). */
  AL("01", "Alabama"),
  /** Alaska (USPS AK, FIPS 02). */
  AK("02", "Alaska"),
  /** Arizona (USPS AZ, FIPS 04). */
  AZ("04", "Arizona"),
  /** Arkansas (USPS AR, FIPS 05). */
  AR("05", "Arkansas"),
  /** California (USPS CA, FIPS 06). */
  CA("06", "California"),
  /** Colorado (USPS CO, FIPS 08). */
  CO("08", "Colorado"),
  /** Connecticut (USPS CT, FIPS 09). */
  CT("09", "Connecticut"),
  /** Delaware (USPS DE, FIPS 10). */
  DE("10", "Delaware"),
  /** District of Columbia (USPS DC, FIPS 11). */
  DC("11", "District of Columbia"),
  /** Florida (USPS FL, FIPS 12). */
  FL("12", "Florida"),
  /** Georgia (USPS GA, FIPS 13). */
  GA("13", "Georgia"),
  /** Hawaii (USPS HI, FIPS 15). */
  HI("15", "Hawaii"),
  /** Idaho (USPS ID, FIPS 16). */
  ID("16", "Idaho"),
  /** Illinois (USPS IL, FIPS 17). */
  IL("17", "Illinois"),
  /** Indiana (USPS IN, FIPS 18). */
  IN("18", "Indiana"),
  /** Iowa (USPS IA, FIPS 19). */
  IA("19", "Iowa"),
  /** Kansas (USPS KS, FIPS 20). */
  KS("20", "Kansas"),
  /** Kentucky (USPS KY, FIPS 21). */
  KY("21", "Kentucky"),
  /** Louisiana (USPS LA, FIPS 22). */
  LA("22", "Louisiana"),
  /** Maine (USPS ME, FIPS 23). */
  ME("23", "Maine"),
  /** Maryland (USPS MD, FIPS 24). */
  MD("24", "Maryland"),
  /** Massachusetts (USPS MA, FIPS 25). */
  MA("25", "Massachusetts"),
  /** Michigan (USPS MI, FIPS 26). */
  MI("26", "Michigan"),
  /** Minnesota (USPS MN, FIPS 27). */
  MN("27", "Minnesota"),
  /** Mississippi (USPS MS, FIPS 28). */
  MS("28", "Mississippi"),
  /** Missouri (USPS MO, FIPS 29). */
  MO("29", "Missouri"),
  /** Montana (USPS MT, FIPS 30). */
  MT("30", "Montana"),
  /** Nebraska (USPS NE, FIPS 31). */
  NE("31", "Nebraska"),
  /** Nevada (USPS NV, FIPS 32). */
  NV("32", "Nevada"),
  /** New Hampshire (USPS NH, FIPS 33). */
  NH("33", "New Hampshire"),
  /** New Jersey (USPS NJ, FIPS 34). */
  NJ("34", "New Jersey"),
  /** New Mexico (USPS NM, FIPS 35). */
  NM("35", "New Mexico"),
  /** New York (USPS NY, FIPS 36). */
  NY("36", "New York"),
  /** North Carolina (USPS NC, FIPS 37). */
  NC("37", "North Carolina"),
  /** North Dakota (USPS ND, FIPS 38). */
  ND("38", "North Dakota"),
  /** Ohio (USPS OH, FIPS 39). */
  OH("39", "Ohio"),
  /** Oklahoma (USPS OK, FIPS 40). */
  OK("40", "Oklahoma"),
  /** Oregon (USPS OR, FIPS 41). */
  OR("41", "Oregon"),
  /** Pennsylvania (USPS PA, FIPS 42). */
  PA("42", "Pennsylvania"),
  /** Rhode Island (USPS RI, FIPS 44). */
  RI("44", "Rhode Island"),
  /** South Carolina (USPS SC, FIPS 45). */
  SC("45", "South Carolina"),
  /** South Dakota (USPS SD, FIPS 46). */
  SD("46", "South Dakota"),
  /** Tennessee (USPS TN, FIPS 47). */
  TN("47", "Tennessee"),
  /** Texas (USPS TX, FIPS 48). */
  TX("48", "Texas"),
  /** Utah (USPS UT, FIPS 49). */
  UT("49", "Utah"),
  /** Vermont (USPS VT, FIPS 50). */
  VT("50", "Vermont"),
  /** Virginia (USPS VA, FIPS 51). */
  VA("51", "Virginia"),
  /** Washington (USPS WA, FIPS 53). */
  WA("53", "Washington"),
  /** West Virginia (USPS WV, FIPS 54). */
  WV("54", "West Virginia"),
  /** Wisconsin (USPS WI, FIPS 55). */
  WI("55", "Wisconsin"),
  /** Wyoming (USPS WY, FIPS 56). */
  WY("56", "Wyoming"),
  /** Puerto Rico (USPS PR, FIPS 72). */
  PR("72", "Puerto Rico"),
  /** U.S. Virgin Islands (USPS VI, FIPS 78). */
  VI("78", "U.S. Virgin Islands"),
  /** Guam (USPS GU, FIPS 66). */
  GU("66", "Guam"),
  /** American Samoa (USPS AS, FIPS 60). */
  AS("60", "American Samoa"),
  /** Northern Mariana Islands (USPS MP, FIPS 69). */
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
