package org.mpindex.io;

import java.time.LocalDate;

/**
 * How DE-SynPUF's yearly coverage month counts become months. The summary files give, per year, how
 * many months a beneficiary had Part A ({@code BENE_HI_CVRAGE_TOT_MONS}), Part B ({@code
 * BENE_SMI_CVRAGE_TOT_MONS}) and HMO ({@code BENE_HMO_CVRAGE_TOT_MONS}) coverage, not which months.
 * Replace the policy with your own when you know better.
 */
@FunctionalInterface
public interface SynpufCoverage {

  /** Month flag: Part A. */
  int PART_A = 1;
  /** Month flag: Part B (SMI). */
  int PART_B = 2;
  /** Month flag: HMO (Medicare Advantage). */
  int HMO = 4;

  /**
   * @return 12 month flags (January first), each an OR of {@link #PART_A}, {@link #PART_B}, {@link
   *     #HMO}
   */
  int[] months(int year, LocalDate birthDate, int partAMonths, int partBMonths, int hmoMonths);

  /**
   * The default: the covered months are the first N of the year (January on), except in the year the
   * beneficiary turns 65, where they are the last N (coverage starts at 65). HMO months are counted
   * from the same end. A quarter is then fee-for-service eligible when its three months have Part B
   * and no HMO.
   */
  SynpufCoverage DEFAULT = (year, birth, a, b, hmo) -> {
    boolean fromEnd = birth.getYear() + 65 == year;
    int[] m = new int[12];
    for (int i = 0; i < 12; i++) {
      int position = fromEnd ? 11 - i : i; // months counted from the chosen end
      if (position < a) {
        m[i] |= PART_A;
      }
      if (position < b) {
        m[i] |= PART_B;
      }
      if (position < hmo) {
        m[i] |= HMO;
      }
    }
    return m;
  };
}
