package org.mpindex.testkit;

import java.util.List;
import java.util.SplittableRandom;

/**
 * The codes the synthetic population draws from, with relative frequencies that loosely follow
 * Medicare Part B volume (office and hospital visits dominate; tests, imaging reads and procedures
 * follow; a few codes outside the physician fee schedule, such as lab tests, appear as they do on
 * real carrier claims). Codes only: no CPT descriptors.
 */
public final class CodeMix {
  private CodeMix() {}

  /** A code with a relative weight. */
  public record Weighted(String code, int weight) {}

  /**
   * HCPCS/CPT codes of carrier lines. Includes anesthesia 00142, lab 85025/80053/36415 (not valued
   * by work RVUs) and G0008 (flu vaccine administration).
   */
  public static final List<Weighted> PROCEDURES =
      List.of(
          new Weighted("99213", 300),
          new Weighted("99214", 180),
          new Weighted("99212", 60),
          new Weighted("99215", 30),
          new Weighted("99203", 20),
          new Weighted("99204", 15),
          new Weighted("99232", 70),
          new Weighted("99233", 35),
          new Weighted("99231", 25),
          new Weighted("99223", 12),
          new Weighted("99222", 10),
          new Weighted("99238", 10),
          new Weighted("99284", 8),
          new Weighted("99285", 8),
          new Weighted("99291", 4),
          new Weighted("99308", 15),
          new Weighted("99309", 10),
          new Weighted("93000", 30),
          new Weighted("93010", 20),
          new Weighted("93306", 8),
          new Weighted("71020", 35),
          new Weighted("78452", 4),
          new Weighted("77080", 6),
          new Weighted("92014", 15),
          new Weighted("66984", 3),
          new Weighted("45378", 4),
          new Weighted("43239", 3),
          new Weighted("20610", 8),
          new Weighted("17000", 8),
          new Weighted("11042", 4),
          new Weighted("97110", 25),
          new Weighted("97140", 10),
          new Weighted("27447", 1),
          new Weighted("27130", 1),
          new Weighted("00142", 2),
          new Weighted("85025", 40),
          new Weighted("80053", 30),
          new Weighted("36415", 40),
          new Weighted("G0008", 10));

  /** Chronic conditions: an ICD-9-CM and an ICD-10-CM code each, with prevalence in per mille. */
  public record Condition(String icd9, String icd10, int perMille) {}

  /**
   * Common chronic conditions of people 65+ (hypertension, hyperlipidaemia, diabetes, ischaemic
   * heart disease, heart failure, atrial fibrillation, COPD, CKD, hypothyroidism, depression,
   * osteoarthritis, dementia, cancer...), prevalences rounded from CMS chronic-condition figures.
   */
  public static final List<Condition> CHRONIC =
      List.of(
          new Condition("4019", "I10", 550), new Condition("2724", "E785", 450),
          new Condition("25000", "E119", 270), new Condition("4140", "I2510", 280),
          new Condition("4280", "I509", 140), new Condition("42731", "I4891", 90),
          new Condition("496", "J449", 110), new Condition("5853", "N183", 120),
          new Condition("2449", "E039", 140), new Condition("311", "F329", 120),
          new Condition("7159", "M1990", 300), new Condition("2900", "F0390", 70),
          new Condition("1749", "C50919", 40), new Condition("185", "C61", 40),
          new Condition("2859", "D649", 120), new Condition("43310", "I6529", 30),
          new Condition("25040", "E1122", 40), new Condition("4439", "I739", 50),
          new Condition("73300", "M810", 100), new Condition("3659", "H409", 60));

  /** Acute or symptom codes seen at visits: an ICD-9-CM and an ICD-10-CM code each. */
  public static final List<Condition> ACUTE =
      List.of(
          new Condition("7865", "R079", 30), new Condition("78079", "R5383", 30),
          new Condition("4660", "J209", 25), new Condition("4659", "J069", 25),
          new Condition("5990", "N390", 25), new Condition("7295", "M79609", 15),
          new Condition("7242", "M545", 30), new Condition("V5861", "Z7901", 20),
          new Condition("V7231", "Z0000", 15), new Condition("4861", "J189", 10),
          new Condition("E8889", "W19XXXA", 8), new Condition("8208", "S72009A", 3));

  /** Draws a code of {@code mix} by weight. */
  public static String draw(List<Weighted> mix, SplittableRandom rnd) {
    int total = 0;
    for (Weighted w : mix) {
      total += w.weight();
    }
    int r = rnd.nextInt(total);
    for (Weighted w : mix) {
      r -= w.weight();
      if (r < 0) {
        return w.code();
      }
    }
    throw new AssertionError("weights changed while drawing");
  }
}
