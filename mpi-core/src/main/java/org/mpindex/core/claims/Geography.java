package org.mpindex.core.claims;

import java.util.Optional;

/**
 * Where a beneficiary lives: USPS state, 5-digit county FIPS code, 5-digit SSA state-and-county code
 * (what CMS enrollment files such as DE-SynPUF carry instead of FIPS) and 5-digit ZIP code, each
 * optional. A FIPS county code must lie in the state (its first two digits are the state's FIPS
 * code).
 *
 * @param state the state, DC or PR; empty when unknown
 * @param countyFips 5 digits, state FIPS + county FIPS (e.g. {@code "56021"}); empty when unknown
 * @param countySsa 5 digits, SSA state code + SSA county code (e.g. {@code "53010"}); empty when
 *     unknown. Grouping by county uses it, prefixed {@code SSA}, when no FIPS code is known
 * @param zip5 5 digits; empty when unknown
 */
public record Geography(
    Optional<UsState> state,
    Optional<String> countyFips,
    Optional<String> countySsa,
    Optional<String> zip5) {

  /** Nothing known. */
  public static final Geography UNKNOWN =
      new Geography(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

  public Geography {
    Checks.present(state, "state");
    Checks.present(countyFips, "county FIPS code");
    Checks.present(zip5, "ZIP code");
    Checks.present(countySsa, "SSA county code");
    countyFips = countyFips.map(String::strip);
    countySsa = countySsa.map(String::strip);
    countySsa.ifPresent(
        c -> {
          if (c.length() != 5 || !Checks.allDigits(c, 0, 5)) {
            throw new InvalidValueException(
                "SSA county code", c, "is not 5 digits (SSA state + county)");
          }
        });
    zip5 = zip5.map(String::strip);
    countyFips.ifPresent(
        c -> {
          if (c.length() != 5 || !Checks.allDigits(c, 0, 5)) {
            throw new InvalidValueException("county FIPS code", c, "is not 5 digits");
          }
        });
    zip5.ifPresent(
        z -> {
          if (z.length() != 5 || !Checks.allDigits(z, 0, 5)) {
            throw new InvalidValueException("ZIP code", z, "is not 5 digits");
          }
        });
    if (state.isPresent()
        && countyFips.isPresent()
        && (state.get().fips().isEmpty() || !countyFips.get().startsWith(state.get().fips()))) {
      throw new InvalidValueException(
          "county FIPS code",
          countyFips.get(),
          "is not in " + state.get().usps() + " (state FIPS " + state.get().fips() + ")");
    }
  }

  /** A state only. */
  public static Geography of(UsState state) {
    return new Geography(Optional.of(state), Optional.empty(), Optional.empty(), Optional.empty());
  }

  /**
   * A state with county and ZIP; {@code countyFips} and {@code zip5} may be null for unknown.
   */
  public static Geography of(UsState state, String countyFips, String zip5) {
    return new Geography(
        Optional.ofNullable(state),
        Optional.ofNullable(countyFips),
        Optional.empty(),
        Optional.ofNullable(zip5));
  }

  /** A state (may be null) with an SSA state-and-county code (may be null), as in CMS enrollment files. */
  public static Geography ofSsa(UsState state, String countySsa) {
    return new Geography(
        Optional.ofNullable(state),
        Optional.empty(),
        Optional.ofNullable(countySsa),
        Optional.empty());
  }

  /** The county key used for grouping: the FIPS code, else {@code SSA} + the SSA code, else empty. */
  public Optional<String> countyKey() {
    return countyFips.isPresent() ? countyFips : countySsa.map(c -> "SSA" + c);
  }
}
