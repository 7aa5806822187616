package org.mpindex.core.claims;

import java.time.LocalDate;

/**
 * The diagnosis code system a {@link DiagnosisCode} belongs to. The same string can be valid in both
 * systems with different meanings ({@code "V700"}: ICD-9-CM routine medical exam, ICD-10-CM
 * pedestrian injured in a collision), so a code never exists without its system.
 */
public enum CodeSystem {
  /** ICD-9-CM, used on US claims with service dates before 1 October 2015. */
  ICD9CM("ICD-9-CM"),
  /** ICD-10-CM, used on US claims with service dates on or after 1 October 2015. */
  ICD10CM("ICD-10-CM");

  /** First service date on which US claims use ICD-10-CM (HHS final rule, 45 CFR 162.1002). */
  public static final LocalDate ICD10_TRANSITION = LocalDate.of(2015, 10, 1);

  private final String displayName;

  CodeSystem(String displayName) {
    this.displayName = displayName;
  }

  /** The usual written name, e.g. {@code "ICD-9-CM"}. */
  public String displayName() {
    return displayName;
  }

  /**
   * The system a US claim with this service date is coded in: ICD-9-CM before {@link
   * #ICD10_TRANSITION}, ICD-10-CM from then on. Use it only when the input carries no explicit
   * code-system field.
   */
  public static CodeSystem forServiceDate(LocalDate serviceDate) {
    Checks.present(serviceDate, "service date");
    return serviceDate.isBefore(ICD10_TRANSITION) ? ICD9CM : ICD10CM;
  }

  /**
   * Parses a system name as users write it: {@code icd9}, {@code ICD-9-CM}, {@code 9}, {@code icd10},
   * {@code ICD-10-CM}, {@code 10} (any case).
   *
   * @throws InvalidValueException when the name is none of those
   */
  public static CodeSystem parse(String name) {
    Checks.nonBlank(name, "code system");
    String n = Checks.tidy(name).replace("-", "").replace("_", "");
    return switch (n) {
      case "ICD9", "ICD9CM", "9" -> ICD9CM;
      case "ICD10", "ICD10CM", "10" -> ICD10CM;
      default -> throw new InvalidValueException("code system", name, "is not icd9 or icd10");
    };
  }
}
