package org.mpindex.core.claims;

import java.time.LocalDate;
import java.util.Optional;

/**
 * A beneficiary: pseudonymous id, birth and death dates, sex and home geography.
 *
 * @param id pseudonymous id, unique within a data set (never a real identifier)
 * @param birthDate date of birth
 * @param deathDate date of death, not before birth; empty while alive
 * @param sex recorded sex
 * @param geography home geography, used for grouping unless an enrollment span gives a residence
 */
public record Beneficiary(
    String id, LocalDate birthDate, Optional<LocalDate> deathDate, Sex sex, Geography geography) {

  public Beneficiary {
    Checks.nonBlank(id, "beneficiary id");
    Checks.present(birthDate, "birth date");
    Checks.present(deathDate, "death date");
    Checks.present(sex, "sex");
    Checks.present(geography, "geography");
    deathDate.ifPresent(
        d -> {
          if (d.isBefore(birthDate)) {
            throw new InvalidValueException(
                "death date", d.toString(), "is before the birth date " + birthDate);
          }
        });
  }

  /** A living beneficiary. */
  public static Beneficiary of(String id, LocalDate birthDate, Sex sex, Geography geography) {
    return new Beneficiary(id, birthDate, Optional.empty(), sex, geography);
  }

  /**
   * Age in full years on {@code day}: the number of birthdays reached on or before it. A 29 February
   * birthday is reached on 1 March in common years (as {@link java.time.Period#between} counts).
   *
   * @return age in years; negative when {@code day} is before the birth date
   */
  public int ageOn(LocalDate day) {
    return ageOn(birthDate, day);
  }

  /** Age in full years on {@code day} of someone born on {@code birthDate}. */
  public static int ageOn(LocalDate birthDate, LocalDate day) {
    int years = day.getYear() - birthDate.getYear();
    int dm = day.getMonthValue() - birthDate.getMonthValue();
    if (dm < 0 || (dm == 0 && day.getDayOfMonth() < birthDate.getDayOfMonth())) {
      years--;
    }
    return years;
  }

  /** Whether the beneficiary was dead before {@code day} started (died on an earlier day). */
  public boolean diedBefore(LocalDate day) {
    return deathDate.isPresent() && deathDate.get().isBefore(day);
  }
}
