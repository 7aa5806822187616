package org.mpindex.core.index;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.mpindex.core.claims.Sex;

/**
 * A stratum of direct age/sex standardisation ({@link Standardisation}): a five-year age band (as in
 * CMS's and NCHS's age-adjusted tables: under 65, 65-69, 70-74, 75-79, 80-84, 85 and over), by sex.
 * The age is the one the eligibility rule uses ({@link MpiSpec#ageReference()}).
 *
 * @param band 0 for under 65, 1 for 65-69, ..., 5 for 85 and over
 * @param sex the recorded sex ({@link Sex#UNKNOWN} is a stratum of its own)
 */
public record AgeSexStratum(int band, Sex sex) {
  /** Band labels, by band. */
  static final String[] BANDS = {"<65", "65-69", "70-74", "75-79", "80-84", "85+"};

  /** Number of sexes ({@code Sex.values()} copies its array on every call: not on the hot path). */
  private static final int SEXES = Sex.values().length;

  /** Number of strata. */
  static final int COUNT = BANDS.length * SEXES;

  /** Every stratum, by {@link #index()}. */
  public static final List<AgeSexStratum> ALL = all();

  public AgeSexStratum {
    if (band < 0 || band >= BANDS.length || sex == null) {
      throw new IllegalArgumentException(
          "no age band " + band + " (0-" + (BANDS.length - 1) + ") or no sex");
    }
  }

  private static List<AgeSexStratum> all() {
    List<AgeSexStratum> all = new ArrayList<>();
    for (int b = 0; b < BANDS.length; b++) {
      for (Sex s : Sex.values()) {
        all.add(new AgeSexStratum(b, s));
      }
    }
    return Collections.unmodifiableList(all);
  }

  /** The stratum of a patient of {@code age} years and {@code sex}. */
  public static AgeSexStratum of(int age, Sex sex) {
    return ALL.get(index(age, sex));
  }

  /** The position of the stratum of {@code age} and {@code sex} in {@link #ALL}. */
  static int index(int age, Sex sex) {
    int band = age < 65 ? 0 : Math.min(5, 1 + (age - 65) / 5);
    return band * SEXES + sex.ordinal();
  }

  /** The position in {@link #ALL}. */
  public int index() {
    return band * SEXES + sex.ordinal();
  }

  /** The age band, e.g. {@code 70-74} or {@code 85+}. */
  public String ageBand() {
    return BANDS[band];
  }

  /**
   * Parses an age band label ({@code <65}, {@code 65-69}, ..., {@code 85+}) and a sex ({@link
   * Sex#parse}).
   *
   * @throws IllegalArgumentException naming the band when it is not one of the labels
   */
  public static AgeSexStratum parse(String ageBand, String sex) {
    String b = ageBand.strip().toLowerCase(Locale.ROOT);
    for (int i = 0; i < BANDS.length; i++) {
      if (BANDS[i].equals(b)) {
        return new AgeSexStratum(i, Sex.parse(sex));
      }
    }
    throw new IllegalArgumentException(
        "age band '" + ageBand + "' is not one of " + String.join(", ", BANDS));
  }

  /** {@code 70-74 FEMALE}. */
  @Override
  public String toString() {
    return ageBand() + " " + sex;
  }
}
