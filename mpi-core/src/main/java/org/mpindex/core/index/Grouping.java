package org.mpindex.core.index;

import java.util.Objects;
import org.mpindex.core.claims.Beneficiary;
import org.mpindex.core.claims.Geography;
import org.mpindex.core.claims.UsState;
import org.mpindex.core.time.Window;

/**
 * How patients are grouped in window t: national, state, county, ZIP, or any key function. The
 * national value is always computed as well (key {@value #NATIONAL_KEY}). A patient whose key is
 * unknown (no state on record, say) lands in group {@value #UNKNOWN_KEY}, never nowhere.
 *
 * @param name how reports name the grouping ({@code "state"})
 * @param key the key function; must be pure
 */
public record Grouping(String name, Key key) {

  /** The national group's key. */
  public static final String NATIONAL_KEY = "US";

  /** The group of patients whose key is unknown. */
  public static final String UNKNOWN_KEY = "UNKNOWN";

  /** A group key from what is known of a patient in window t. */
  @FunctionalInterface
  public interface Key {
    /**
     *Returns the group key, or null for {@value #UNKNOWN_KEY}.
     * @param beneficiary the beneficiary
     * @param residence where they lived in t (the enrollment span's residence, else the
     *     beneficiary's geography)
     * @param window the health window t
     *
     */
    String of(Beneficiary beneficiary, Geography residence, Window window);
  }

  /** Everyone in one group, {@value #NATIONAL_KEY}. */
  public static final Grouping NATIONAL = new Grouping("national", (b, g, w) -> NATIONAL_KEY);

  /** USPS state code of the residence in t. */
  public static final Grouping STATE =
      new Grouping("state", (b, g, w) -> g.state().map(UsState::usps).orElse(null));

  /**
   * 5-digit county FIPS code of the residence in t; where only the SSA county code is known (CMS
   * enrollment files), {@code SSA} + the 5-digit SSA state-and-county code.
   */
  public static final Grouping COUNTY =
      new Grouping("county", (b, g, w) -> g.countyKey().orElse(null));

  /** 5-digit ZIP code of the residence in t. */
  public static final Grouping ZIP = new Grouping("zip", (b, g, w) -> g.zip5().orElse(null));

  public Grouping {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(key, "key");
  }

  /** A grouping by any key function, e.g. sex or age band. */
  public static Grouping by(String name, Key key) {
    return new Grouping(name, key);
  }

  /**
   * Parses {@code national}, {@code state}, {@code county} or {@code zip}.
   *
   * @throws IllegalArgumentException for anything else
   */
  public static Grouping parse(String name) {
    return switch (name.strip().toLowerCase(java.util.Locale.ROOT)) {
      case "national" -> NATIONAL;
      case "state" -> STATE;
      case "county" -> COUNTY;
      case "zip" -> ZIP;
      default ->
          throw new IllegalArgumentException(
              "grouping '" + name + "' is not national, state, county or zip");
    };
  }

  /** The key, with null mapped to {@value #UNKNOWN_KEY}. */
  String keyOf(Beneficiary b, Geography residence, Window window) {
    String k = key.of(b, residence, window);
    return k == null ? UNKNOWN_KEY : k;
  }

  @Override
  public String toString() {
    return name;
  }
}
