package org.mpindex.io;

import java.time.LocalDate;
import java.util.Optional;

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
   *Returns 12 month flags (January first), each an OR of {@link #PART_A}, {@link #PART_B}, {@link #HMO}.
   * @param year the summary file's year
   * @param birthDate the beneficiary's birth date
   * @param deathDate the death date when the beneficiary died (in this year or before)
   *
   */
  int[] months(
      int year,
      LocalDate birthDate,
      Optional<LocalDate> deathDate,
      int partAMonths,
      int partBMonths,
      int hmoMonths);

  /**
   * The default: the covered months are the first N of the year (January on), except in the year the
   * beneficiary turns 65, where they are the last N (coverage starts at 65), and in the year of
   * death, where they are the N months up to and including the month of death (coverage ends at
   * death: CMS counts the month of death as covered; months after it never are). HMO months are
   * counted from the same end. A quarter is then fee-for-service eligible when its three months (up
   * to death) have Part B and no HMO.
   */
  SynpufCoverage DEFAULT =
      (year, birth, death, a, b, hmo) -> {
        int deathMonth =
            death.filter(d -> d.getYear() == year).map(LocalDate::getMonthValue).orElse(0);
        boolean fromEnd = birth.getYear() + 65 == year;
        int[] m = new int[12];
        for (int i = 0; i < 12; i++) {
          if (deathMonth > 0 && i >= deathMonth) {
            continue; // after the month of death
          }
          // months counted from the chosen end: back from the death month, back from December, or
          // on
          // from January
          int position = deathMonth > 0 ? deathMonth - 1 - i : fromEnd ? 11 - i : i;
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
