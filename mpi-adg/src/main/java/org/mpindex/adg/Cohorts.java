package org.mpindex.adg;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import org.mpindex.core.claims.DiagnosisCode;
import org.mpindex.core.claims.ProcedureCode;
import org.mpindex.core.claims.Program;
import org.mpindex.core.index.ClaimMarker;
import org.mpindex.core.index.Cohort;

/**
 * Ready-made, cited cohorts (the paper's sub-populations: a condition, a treatment, survivors, the
 * insurance program), by the names {@code mpi compute --cohort} takes. With W windows a year (4 for
 * quarters):
 *
 * <ul>
 *   <li>Conditions (a diagnosis in windows t-(W-1) .. t, the year up to t), ICD-9-CM and ICD-10-CM:
 *       {@code diabetes} (Elixhauser diabetes, uncomplicated or complicated), {@code chf} (Elixhauser
 *       congestive heart failure), {@code depression} (Elixhauser depression), {@code cancer}
 *       (Elixhauser lymphoma, metastatic cancer or solid tumour) — the code lists of Quan H, Sundararajan
 *       V, Halfon P, et al., Coding algorithms for defining comorbidities in ICD-9-CM and ICD-10
 *       administrative data, Med Care 2005;43(11):1130-1139, bundled with this module; {@code copd}:
 *       ICD-9-CM 490, 491, 492, 494, 496 and ICD-10-CM J40-J44, J47 (the CMS Chronic Conditions
 *       Warehouse condition "COPD and bronchiectasis"; Elixhauser's chronic pulmonary disease would add
 *       asthma and pneumoconioses).
 *   <li>Treatments (a CPT/HCPCS code billed in windows t-W .. t-1, the year before t):
 *       {@code knee-replacement} 27446, 27447; {@code hip-replacement} 27125, 27130, 27132;
 *       {@code pci} 92920, 92924, 92928, 92933, 92937, 92941, 92943 (from 2013) and 92980, 92981,
 *       92982, 92984, 92995, 92996 (before), C9600-C9608 (OPPS); {@code cabg} 33510-33516,
 *       33517-33523, 33533-33536; {@code pacemaker} (pacemaker or defibrillator implant) 33206-33208,
 *       33212, 33213, 33221, 33230, 33231, 33240, 33249, 33270. Codes only: descriptors are AMA's.
 *   <li>{@code chronic>=K}: at least K distinct categories of the health-level grouper (the 31
 *       Elixhauser comorbidities by default) over windows t-(W-1) .. t.
 *   <li>{@code cancer-survivor:N}: the first cancer diagnosis seen (as {@code cancer}) at least N years
 *       (N x W windows) before t, within the data: with a three-year study only N = 1 or 2 can hold.
 *   <li>{@code ffs}, {@code ma}: coverage in t by traditional Medicare, or by Medicare Advantage (the
 *       spec must accept both programs for either to hold anyone: {@code --program any}).
 *   <li>{@code everyone}.
 * </ul>
 */
public final class Cohorts {
  /** The names {@link #parse} takes; K and N are whole numbers. */
  public static final List<String> NAMES =
      List.of(
          "everyone",
          "diabetes",
          "chf",
          "copd",
          "depression",
          "cancer",
          "knee-replacement",
          "hip-replacement",
          "pci",
          "cabg",
          "pacemaker",
          "chronic>=K",
          "cancer-survivor:N",
          "ffs",
          "ma");

  private Cohorts() {}

  /**
   * The cohort named {@code name} for a window scheme of {@code windowsPerYear} windows a year.
   *
   * @throws IllegalArgumentException naming the known names when {@code name} is not one
   */
  public static Cohort parse(String name, int windowsPerYear) {
    if (windowsPerYear < 1) {
      throw new IllegalArgumentException(
          "cohorts need whole windows per year, got " + windowsPerYear);
    }
    String n = name.strip().toLowerCase(Locale.ROOT);
    int w = windowsPerYear;
    switch (n) {
      case "everyone" -> {
        return Cohort.ALL;
      }
      case "diabetes" -> {
        return condition("diabetes", elixhauser("diabunc", "diabc"), w);
      }
      case "chf" -> {
        return condition("chf", elixhauser("chf"), w);
      }
      case "depression" -> {
        return condition("depression", elixhauser("depre"), w);
      }
      case "cancer" -> {
        return condition("cancer", elixhauser("lymph", "metacanc", "solidtum"), w);
      }
      case "copd" -> {
        return condition("copd", Cohorts::isCopd, w);
      }
      case "knee-replacement" -> {
        return treatment("knee-replacement", codes("27446", "27447"), w);
      }
      case "hip-replacement" -> {
        return treatment("hip-replacement", codes("27125", "27130", "27132"), w);
      }
      case "pci" -> {
        return treatment(
            "pci",
            codes(
                "92920", "92924", "92928", "92933", "92937", "92941", "92943", "92980", "92981",
                "92982", "92984", "92995", "92996", "C9600", "C9601", "C9602", "C9603", "C9604",
                "C9605", "C9606", "C9607", "C9608"),
            w);
      }
      case "cabg" -> {
        return treatment(
            "cabg",
            codes(
                "33510", "33511", "33512", "33513", "33514", "33516", "33517", "33518", "33519",
                "33521", "33522", "33523", "33533", "33534", "33535", "33536"),
            w);
      }
      case "pacemaker" -> {
        return treatment(
            "pacemaker",
            codes(
                "33206", "33207", "33208", "33212", "33213", "33221", "33230", "33231", "33240",
                "33249", "33270"),
            w);
      }
      case "ffs" -> {
        return Cohort.of(
            "ffs",
            List.of(),
            v -> v.program().map(p -> p.equals(Program.MEDICARE_FFS)).orElse(false));
      }
      case "ma" -> {
        return Cohort.of(
            "ma",
            List.of(),
            v -> v.program().map(p -> p.equals(Program.MEDICARE_ADVANTAGE)).orElse(false));
      }
      default -> {}
    }
    if (n.startsWith("chronic>=")) {
      int k = number(name, n.substring("chronic>=".length()));
      return Cohort.of(
          n,
          List.of(),
          v -> {
            long categories = 0;
            for (int o = -(w - 1); o <= 0; o++) {
              categories |= v.categories(o);
            }
            return Long.bitCount(categories) >= k;
          });
    }
    if (n.startsWith("cancer-survivor:")) {
      int years = number(name, n.substring("cancer-survivor:".length()));
      Predicate<DiagnosisCode> cancer = elixhauser("lymph", "metacanc", "solidtum");
      ClaimMarker m = new ClaimMarker("cancer", line -> line.diagnoses().stream().anyMatch(cancer));
      return Cohort.of(
          n, List.of(m), v -> v.firstMarked("cancer").stream().anyMatch(o -> o <= -years * w));
    }
    throw new IllegalArgumentException(
        "'" + name + "' is not a cohort: " + String.join(", ", NAMES));
  }

  private static int number(String name, String digits) {
    try {
      int k = Integer.parseInt(digits);
      if (k < 1) {
        throw new NumberFormatException();
      }
      return k;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "'" + name + "' needs a whole number of at least 1 after the name");
    }
  }

  /** A diagnosis in the year up to t. */
  private static Cohort condition(String name, Predicate<DiagnosisCode> test, int w) {
    ClaimMarker m = new ClaimMarker(name, line -> line.diagnoses().stream().anyMatch(test));
    return Cohort.of(name, List.of(m), v -> v.marked(name, -(w - 1), 0));
  }

  /** A procedure in the year before t. */
  private static Cohort treatment(String name, Set<ProcedureCode> codes, int w) {
    ClaimMarker m =
        new ClaimMarker(name, line -> line.procedure().map(codes::contains).orElse(false));
    return Cohort.of(name, List.of(m), v -> v.marked(name, -w, -1));
  }

  private static Set<ProcedureCode> codes(String... codes) {
    java.util.HashSet<ProcedureCode> set = new java.util.HashSet<>();
    for (String c : codes) {
      set.add(ProcedureCode.of(c));
    }
    return Set.copyOf(set);
  }

  /** Codes in any of the named Elixhauser categories (Quan 2005 lists, no hierarchy). */
  static Predicate<DiagnosisCode> elixhauser(String... categories) {
    ComorbidityGrouper g = ComorbidityGrouper.of(ComorbidityIndex.ELIXHAUSER, false);
    long mask = 0;
    for (String c : categories) {
      int i = g.categoryNames().indexOf(c);
      if (i < 0) {
        throw new IllegalStateException("no Elixhauser category " + c);
      }
      mask |= 1L << i;
    }
    long m = mask;
    return dx -> (g.categoriesOf(dx) & m) != 0;
  }

  /** COPD and bronchiectasis (CMS Chronic Conditions Warehouse): code prefixes by code system. */
  private static boolean isCopd(DiagnosisCode dx) {
    String c = dx.code();
    return switch (dx.system()) {
      case ICD9CM ->
          c.startsWith("490")
              || c.startsWith("491")
              || c.startsWith("492")
              || c.startsWith("494")
              || c.startsWith("496");
      case ICD10CM ->
          c.startsWith("J40")
              || c.startsWith("J41")
              || c.startsWith("J42")
              || c.startsWith("J43")
              || c.startsWith("J44")
              || c.startsWith("J47");
      default -> false;
    };
  }
}
