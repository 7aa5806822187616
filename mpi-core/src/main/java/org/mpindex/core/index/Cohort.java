package org.mpindex.core.index;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import org.mpindex.core.claims.DiagnosisCode;
import org.mpindex.core.claims.ProcedureCode;
import org.mpindex.core.claims.Sex;

/**
 * A sub-population: a predicate over the beneficiary and their claim history, evaluated for every
 * patient who is otherwise eligible in window t (docs/method.md section 6, subsets). Claim history is
 * seen through {@link ClaimMarker}s declared with the cohort.
 *
 * <pre>{@code
 * Cohort kneeReplaced = Cohort.withProcedure("knee replacement", Set.of(ProcedureCode.of("27447")), -4, -1);
 * Cohort diabetics = Cohort.withDiagnosis("diabetes", dx -> dx.startsWith("250"), -3, 0);
 * Cohort both = kneeReplaced.and(diabetics);
 * }</pre>
 */
public final class Cohort {

  /** Everyone. */
  public static final Cohort ALL = new Cohort("everyone", List.of(), v -> true);

  private final String name;
  private final List<ClaimMarker> markers;
  private final Predicate<CohortView> rule;

  private Cohort(String name, List<ClaimMarker> markers, Predicate<CohortView> rule) {
    this.name = Objects.requireNonNull(name, "name");
    this.markers = List.copyOf(markers);
    this.rule = Objects.requireNonNull(rule, "rule");
    Set<String> seen = new HashSet<>();
    for (ClaimMarker m : this.markers) {
      if (!seen.add(m.name())) {
        throw new IllegalArgumentException(
            "cohort '" + name + "' declares marker '" + m.name() + "' twice");
      }
    }
    if (this.markers.size() > 64) {
      throw new IllegalArgumentException("cohort '" + name + "' declares more than 64 markers");
    }
  }

  /**
   * A cohort from markers and a rule.
   *
   * @param name how reports name it
   * @param markers the claim-line tests the rule may ask about
   * @param rule the predicate; must be pure
   */
  public static Cohort of(String name, List<ClaimMarker> markers, Predicate<CohortView> rule) {
    return new Cohort(name, markers, rule);
  }

  /** Patients with a diagnosis matching {@code test} in windows t+from .. t+to. */
  public static Cohort withDiagnosis(
      String name, Predicate<DiagnosisCode> test, int fromOffset, int toOffset) {
    ClaimMarker m = new ClaimMarker(name, line -> line.diagnoses().stream().anyMatch(test));
    return new Cohort(
        name + " [dx in t" + offset(fromOffset) + "..t" + offset(toOffset) + "]",
        List.of(m),
        v -> v.marked(name, fromOffset, toOffset));
  }

  /** Patients with one of {@code codes} billed in windows t+from .. t+to. */
  public static Cohort withProcedure(
      String name, Set<ProcedureCode> codes, int fromOffset, int toOffset) {
    Set<ProcedureCode> copy = Set.copyOf(codes);
    ClaimMarker m =
        new ClaimMarker(name, line -> line.procedure().map(copy::contains).orElse(false));
    return new Cohort(
        name + " [procedure in t" + offset(fromOffset) + "..t" + offset(toOffset) + "]",
        List.of(m),
        v -> v.marked(name, fromOffset, toOffset));
  }

  /** Patients aged {@code min} to {@code max} (inclusive) on the age reference day. */
  public static Cohort ageBetween(int min, int max) {
    return new Cohort("age " + min + "-" + max, List.of(), v -> v.age() >= min && v.age() <= max);
  }

  /** Patients of one recorded sex. */
  public static Cohort sex(Sex sex) {
    return new Cohort("sex " + sex, List.of(), v -> v.beneficiary().sex() == sex);
  }

  /** Patients with at least {@code n} illness-burden categories in t. */
  public static Cohort burdenAtLeast(int n) {
    return new Cohort("burden >= " + n + " in t", List.of(), v -> v.burden(0) >= n);
  }

  /** Both cohorts; marker names must not clash. */
  public Cohort and(Cohort other) {
    List<ClaimMarker> all = new ArrayList<>(markers);
    all.addAll(other.markers);
    Predicate<CohortView> a = rule;
    Predicate<CohortView> b = other.rule;
    return new Cohort(name + " and " + other.name, all, v -> a.test(v) && b.test(v));
  }

  public String name() {
    return name;
  }

  public List<ClaimMarker> markers() {
    return markers;
  }

  boolean includes(CohortView view) {
    return rule.test(view);
  }

  boolean isEveryone() {
    return this == ALL;
  }

  private static String offset(int o) {
    return o == 0 ? "" : (o > 0 ? "+" + o : Integer.toString(o));
  }

  @Override
  public String toString() {
    return name;
  }
}
