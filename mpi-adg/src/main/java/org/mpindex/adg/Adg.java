package org.mpindex.adg;

import java.util.List;

/**
 * The 34 Aggregated Diagnosis Group slots of the Johns Hopkins ACG system, numbered 1 to 34; 32 are
 * in use, slots 15 and 19 are not. The names are those published in the ACG literature; the mapping
 * of diagnosis codes to ADGs is proprietary and is never shipped: a licensed user supplies it
 * ({@link AdgMapGrouper}) or supplies ACG output ({@link AcgOutputReader}). ADG {@code n} is burden
 * category bit {@code n - 1}.
 */
public enum Adg {
  /** ADG 1: Time Limited: Minor. */
  ADG01(1, "Time Limited: Minor"),
  /** ADG 2: Time Limited: Minor-Primary Infections. */
  ADG02(2, "Time Limited: Minor-Primary Infections"),
  /** ADG 3: Time Limited: Major. */
  ADG03(3, "Time Limited: Major"),
  /** ADG 4: Time Limited: Major-Primary Infections. */
  ADG04(4, "Time Limited: Major-Primary Infections"),
  /** ADG 5: Allergies. */
  ADG05(5, "Allergies"),
  /** ADG 6: Asthma. */
  ADG06(6, "Asthma"),
  /** ADG 7: Likely to Recur: Discrete. */
  ADG07(7, "Likely to Recur: Discrete"),
  /** ADG 8: Likely to Recur: Discrete-Infections. */
  ADG08(8, "Likely to Recur: Discrete-Infections"),
  /** ADG 9: Likely to Recur: Progressive. */
  ADG09(9, "Likely to Recur: Progressive"),
  /** ADG 10: Chronic Medical: Stable. */
  ADG10(10, "Chronic Medical: Stable"),
  /** ADG 11: Chronic Medical: Unstable. */
  ADG11(11, "Chronic Medical: Unstable"),
  /** ADG 12: Chronic Specialty: Stable-Orthopedic. */
  ADG12(12, "Chronic Specialty: Stable-Orthopedic"),
  /** ADG 13: Chronic Specialty: Stable-Ear, Nose, Throat. */
  ADG13(13, "Chronic Specialty: Stable-Ear, Nose, Throat"),
  /** ADG 14: Chronic Specialty: Stable-Eye. */
  ADG14(14, "Chronic Specialty: Stable-Eye"),
  ADG15(15, null),
  /** ADG 16: Chronic Specialty: Unstable-Orthopedic. */
  ADG16(16, "Chronic Specialty: Unstable-Orthopedic"),
  /** ADG 17: Chronic Specialty: Unstable-Ear, Nose, Throat. */
  ADG17(17, "Chronic Specialty: Unstable-Ear, Nose, Throat"),
  /** ADG 18: Chronic Specialty: Unstable-Eye. */
  ADG18(18, "Chronic Specialty: Unstable-Eye"),
  ADG19(19, null),
  /** ADG 20: Dermatologic. */
  ADG20(20, "Dermatologic"),
  /** ADG 21: Injuries/Adverse Effects: Minor. */
  ADG21(21, "Injuries/Adverse Effects: Minor"),
  /** ADG 22: Injuries/Adverse Effects: Major. */
  ADG22(22, "Injuries/Adverse Effects: Major"),
  /** ADG 23: Psychosocial: Time Limited, Minor. */
  ADG23(23, "Psychosocial: Time Limited, Minor"),
  /** ADG 24: Psychosocial: Recurrent or Persistent, Stable. */
  ADG24(24, "Psychosocial: Recurrent or Persistent, Stable"),
  /** ADG 25: Psychosocial: Recurrent or Persistent, Unstable. */
  ADG25(25, "Psychosocial: Recurrent or Persistent, Unstable"),
  /** ADG 26: Signs/Symptoms: Minor. */
  ADG26(26, "Signs/Symptoms: Minor"),
  /** ADG 27: Signs/Symptoms: Uncertain. */
  ADG27(27, "Signs/Symptoms: Uncertain"),
  /** ADG 28: Signs/Symptoms: Major. */
  ADG28(28, "Signs/Symptoms: Major"),
  /** ADG 29: Discretionary. */
  ADG29(29, "Discretionary"),
  /** ADG 30: See and Reassure. */
  ADG30(30, "See and Reassure"),
  /** ADG 31: Prevention/Administrative. */
  ADG31(31, "Prevention/Administrative"),
  /** ADG 32: Malignancy. */
  ADG32(32, "Malignancy"),
  /** ADG 33: Pregnancy. */
  ADG33(33, "Pregnancy"),
  /** ADG 34: Dental. */
  ADG34(34, "Dental");

  private final int number;
  private final String label;

  Adg(int number, String label) {
    this.number = number;
    this.label = label;
  }

  /** 1 to 34. */
  public int number() {
    return number;
  }

  /** The published name; {@code "(unused)"} for slots 15 and 19. */
  public String label() {
    return label == null ? "(unused)" : label;
  }

  /** Whether the slot is in use (all but 15 and 19). */
  public boolean inUse() {
    return label != null;
  }

  /** The burden category bit: {@code number - 1}. */
  public int bit() {
    return number - 1;
  }

  /**
   * The ADG with this number.
   *
   * @throws IllegalArgumentException outside 1-34 or for an unused slot
   */
  public static Adg of(int number) {
    if (number < 1 || number > 34) {
      throw new IllegalArgumentException("ADG " + number + " is not 1 to 34");
    }
    Adg a = values()[number - 1];
    if (!a.inUse()) {
      throw new IllegalArgumentException("ADG " + number + " is an unused slot");
    }
    return a;
  }

  /** The 34 slot names in bit order ({@code "ADG01 Time Limited: Minor"}...). */
  public static List<String> slotNames() {
    return java.util.Arrays.stream(values()).map(a -> a.name() + " " + a.label()).toList();
  }
}
