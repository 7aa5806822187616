package org.mpindex.rbrvs;

/** The global surgery period of a code ("GLOB DAYS" column). */
public enum GlobalDays {
  /** 000: endoscopic or minor procedure, day of procedure only. */
  ZERO("000"),
  /** 010: minor procedure, 10 post-operative days. */
  TEN("010"),
  /** 090: major surgery, 1 pre-operative and 90 post-operative days. */
  NINETY("090"),
  /** MMM: maternity codes. */
  MATERNITY("MMM"),
  /** XXX: the global concept does not apply. */
  NOT_APPLICABLE("XXX"),
  /** YYY: carrier determines the period. */
  CARRIER_DETERMINED("YYY"),
  /** ZZZ: add-on code, within the global period of another service. */
  ADD_ON("ZZZ");

  private static final GlobalDays[] ALL = values();
  private final String code;

  GlobalDays(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }

  /**
   * The global period of a GLOB DAYS cell (any case, blanks around ignored).
   *
   * @throws IllegalArgumentException for a value that is none of the seven codes
   */
  public static GlobalDays of(String s) {
    String t = s.strip().toUpperCase(java.util.Locale.ROOT);
    for (GlobalDays g : ALL) {
      if (g.code.equals(t)) {
        return g;
      }
    }
    throw new IllegalArgumentException(
        "'" + s + "' is not a global days code (000, 010, 090, MMM, XXX, YYY, ZZZ)");
  }
}
