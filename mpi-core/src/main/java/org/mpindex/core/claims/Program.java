package org.mpindex.core.claims;

/**
 * The insurance program an enrollment span belongs to: Medicare fee-for-service, Medicare
 * Advantage, or any payer's label (normalised to upper case, surrounding space removed).
 *
 * @param label e.g. {@code "MEDICARE_FFS"}
 */
public record Program(String label) implements Comparable<Program> {

  /** Traditional Medicare (Parts A and B, fee-for-service): the reference population. */
  public static final Program MEDICARE_FFS = new Program("MEDICARE_FFS");

  /** Medicare Advantage (Part C, managed care; HMO months in CMS files). */
  public static final Program MEDICARE_ADVANTAGE = new Program("MEDICARE_ADVANTAGE");

  public Program {
    Checks.nonBlank(label, "program");
    label = Checks.tidy(label);
  }

  public static Program of(String label) {
    return new Program(label);
  }

  @Override
  public int compareTo(Program o) {
    return label.compareTo(o.label);
  }

  @Override
  public String toString() {
    return label;
  }
}
