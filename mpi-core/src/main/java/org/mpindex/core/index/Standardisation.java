package org.mpindex.core.index;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Direct age/sex standardisation of group indices (issue #13 point 7; docs/method.md section 8: the index
 * adjusts for case mix only through the illness burden, so groups with older or more male
 * populations are not comparable as they stand).
 *
 * <p>With patients of a cell split into {@link AgeSexStratum}s s (five-year age bands by sex) and a
 * standard population giving stratum shares w_s (summing to 1), a group's standardised values are
 *
 * <pre>
 * mean of ratios:  MPI_std = sum_s w_s MPI(g, s)          MPI(g, s) = mean of H/M in stratum s of g
 * ratio of means:  MPI_std = sum_s w_s H(g, s) / sum_s w_s M(g, s)
 * health, effort:  H_std = sum_s w_s H(g, s),  M_std = sum_s w_s M(g, s)   (means of the stratum)
 * </pre>
 *
 * the value the group would have if its patients had the standard's age/sex mix. The standard is
 * {@link #nationalPopulation()}, each window's national patients (then the national standardised
 * value is the crude one), or {@link #given} shares (a published standard population, or another
 * year's mix to compare years). A group without patients in a stratum of positive weight has no
 * standardised value (NaN; the count of such strata is reported): filling the gap would be a model,
 * not a standardisation. Medians and trimmed means are not standardised (refused by the spec).
 */
public final class Standardisation {
  /** Whose mix is the standard. */
  public enum Kind {
    /** No standardisation (default). */
    NONE,
    /** Each window's national patients. */
    NATIONAL_POPULATION,
    /** Shares the user gives. */
    GIVEN
  }

  private static final Standardisation NONE = new Standardisation(Kind.NONE, Map.of());
  private static final Standardisation NATIONAL =
      new Standardisation(Kind.NATIONAL_POPULATION, Map.of());

  private final Kind kind;
  private final Map<AgeSexStratum, Double> shares;

  private Standardisation(Kind kind, Map<AgeSexStratum, Double> shares) {
    this.kind = kind;
    this.shares = shares;
  }

  /** No standardisation. */
  public static Standardisation none() {
    return NONE;
  }

  /** Age/sex standardisation to each window's national population. */
  public static Standardisation nationalPopulation() {
    return NATIONAL;
  }

  /**
   * Age/sex standardisation to a given standard population: {@code weights} per stratum (counts or
   * shares, normalised to sum 1; strata left out weigh 0).
   *
   * @throws IllegalArgumentException for a negative, NaN or infinite weight or no positive weight
   */
  public static Standardisation given(Map<AgeSexStratum, Double> weights) {
    double total = 0;
    for (Map.Entry<AgeSexStratum, Double> e : weights.entrySet()) {
      double w = Objects.requireNonNull(e.getValue(), "weight");
      if (!(w >= 0) || Double.isInfinite(w)) {
        throw new IllegalArgumentException(
            "weight of stratum " + e.getKey() + " must be a finite number >= 0, got " + w);
      }
      total += w;
    }
    if (!(total > 0)) {
      throw new IllegalArgumentException("a standard population needs a positive weight");
    }
    Map<AgeSexStratum, Double> shares = new LinkedHashMap<>();
    for (AgeSexStratum s : AgeSexStratum.ALL) {
      shares.put(s, weights.getOrDefault(s, 0.0) / total);
    }
    return new Standardisation(Kind.GIVEN, Collections.unmodifiableMap(shares));
  }

  public Kind kind() {
    return kind;
  }

  /** Whether cells keep stratum sums. */
  public boolean enabled() {
    return kind != Kind.NONE;
  }

  /** The given shares, every stratum, summing to 1; empty unless {@link Kind#GIVEN}. */
  public Map<AgeSexStratum, Double> givenShares() {
    return shares;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Standardisation standardisation
        && standardisation.kind == kind
        && standardisation.shares.equals(shares);
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, shares);
  }

  @Override
  public String toString() {
    return switch (kind) {
      case NONE -> "none";
      case NATIONAL_POPULATION ->
          "direct, age (5-year bands) x sex, to each window's national patients";
      default -> "direct, age (5-year bands) x sex, to a given standard population";
    };
  }

  /**
   * One cell's standardised values.
   *
   * @param mpi the standardised index (health per work RVU); NaN when a stratum of positive weight has
   *     no patient in the cell
   * @param meanHealth the standardised mean H; NaN likewise
   * @param meanEffort the standardised mean M, in work RVUs; NaN likewise
   * @param missingStrata strata of positive weight without a patient in the cell
   */
  public record Values(double mpi, double meanHealth, double meanEffort, int missingStrata) {}

  /** Shares by stratum, in {@link AgeSexStratum#ALL} order. */
  static Map<AgeSexStratum, Double> ordered(double[] shares) {
    Map<AgeSexStratum, Double> m = new LinkedHashMap<>();
    for (AgeSexStratum s : AgeSexStratum.ALL) {
      m.put(s, shares[s.index()]);
    }
    return Collections.unmodifiableMap(m);
  }
}
