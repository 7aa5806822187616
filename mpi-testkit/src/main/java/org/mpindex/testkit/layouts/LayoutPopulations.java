package org.mpindex.testkit.layouts;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.mpindex.core.claims.Beneficiary;
import org.mpindex.core.claims.ClaimLine;
import org.mpindex.core.claims.ClaimType;
import org.mpindex.core.claims.CodeSystem;
import org.mpindex.core.claims.DiagnosisCode;
import org.mpindex.core.claims.Enrollment;
import org.mpindex.core.claims.Geography;
import org.mpindex.core.claims.Program;
import org.mpindex.core.claims.Sex;
import org.mpindex.core.claims.UsState;
import org.mpindex.testkit.MpiArbitraries;
import org.mpindex.testkit.Population;

/**
 * Random populations over {@link #STUDY_START} .. {@link #STUDY_END} (2015-2016: ICD-9-CM before
 * 2015-10-01, ICD-10-CM from that day) whose facts the layout writers can carry, for properties that
 * read one population through every layout. Use {@link MpiArbitraries#populationEffort()} and
 * {@link MpiArbitraries#populationGrouper()} with them.
 *
 * <p>Every population here has: people 58 to 95 years old at the start of the study (some turn 65
 * in it), some dead within it, each living in one of the counties of {@link RifLayout#COUNTIES}
 * (state and county FIPS, no ZIP); coverage spans that begin on a month's first day and end on a
 * month's last day (the end of the month of death at the latest), never overlapping; claims inside
 * the study and the person's life with unique ids, lines of one claim sharing its dates and
 * diagnoses (all of one code system, the system of the claim's from date), no two lines of a claim
 * alike; professional claims of 1 to 3 lines with a procedure (units 1 to 3, at most one modifier,
 * a place of service) or of one diagnosis-only line with at least one code; outpatient and inpatient claims of one
 * diagnosis-only line with at least one code.
 *
 * <p>{@link #everyLayout()} adds what CCLF needs: each person has no span or one traditional-Medicare
 * span running to the end of the study or of the month of death. {@link #monthlyCoverage()} allows
 * Medicare Advantage, Part A only and gap months too, which CCLF cannot carry.
 */
public final class LayoutPopulations {
  /** First day of the study. */
  public static final LocalDate STUDY_START = LocalDate.of(2015, 1, 1);

  /** Last day of the study. */
  public static final LocalDate STUDY_END = LocalDate.of(2016, 12, 31);

  /** Program of the Part A only months the research files and OMOP can carry. */
  public static final Program PART_A_ONLY = Program.of("MEDICARE_PART_A_ONLY");

  private static final List<String> PROCEDURES =
      List.of("99213", "99214", "99232", "27447", "71020", "85025", "99499");
  private static final List<String> MODIFIERS = List.of("26", "TC", "RT", "LT", "25");
  private static final List<String> PLACES = List.of("11", "21", "22", "23");
  private static final List<String> ICD9 = List.of("4019", "25000", "4280", "496", "7865", "V5861");
  private static final List<String> ICD10 = List.of("I10", "E119", "I509", "J449", "R079", "Z7901");

  private LayoutPopulations() {}

  /** Populations of 3 to 30 people every layout (tidy, research files, CCLF, OMOP) carries. */
  public static Arbitrary<Population> everyLayout() {
    return Combinators.combine(Arbitraries.longs(), Arbitraries.integers().between(3, 30))
        .as((seed, n) -> generate(seed, n, false));
  }

  /**
   * Populations of 3 to 30 people with monthly coverage of any of the three Medicare programs and
   * gaps: tidy, the research files and OMOP carry them; CCLF does not (its coverage is one span).
   */
  public static Arbitrary<Population> monthlyCoverage() {
    return Combinators.combine(Arbitraries.longs(), Arbitraries.integers().between(3, 30))
        .as((seed, n) -> generate(seed, n, true));
  }

  /**
   * The population of {@code people} people drawn from {@code seed}; same arguments, same
   * population.
   *
   * @param monthly whether coverage may hold Medicare Advantage, Part A only and gap months (not in
   *     CCLF's reach), or is one traditional-Medicare span at most (in every layout's reach)
   */
  public static Population generate(long seed, int people, boolean monthly) {
    SplittableRandom r = new SplittableRandom(seed);
    List<String> counties = new ArrayList<>(RifLayout.COUNTIES.keySet());
    Collections.sort(counties);
    List<Beneficiary> bens = new ArrayList<>();
    List<Enrollment> spans = new ArrayList<>();
    List<ClaimLine> lines = new ArrayList<>();
    long studyDays = ChronoUnit.DAYS.between(STUDY_START, STUDY_END);
    for (int i = 0; i < people; i++) {
      String id = "P" + i;
      LocalDate birth =
          LocalDate.of(1920, 1, 1)
              .plusDays(
                  r.nextLong(
                      ChronoUnit.DAYS.between(
                          LocalDate.of(1920, 1, 1), LocalDate.of(1956, 12, 31))));
      LocalDate death = r.nextInt(7) == 0 ? STUDY_START.plusDays(r.nextLong(studyDays + 1)) : null;
      Sex sex = r.nextInt(12) == 0 ? Sex.UNKNOWN : r.nextBoolean() ? Sex.FEMALE : Sex.MALE;
      String county = counties.get(r.nextInt(counties.size()));
      UsState state = stateOfFips(county.substring(0, 2));
      bens.add(
          new Beneficiary(
              id, birth, Optional.ofNullable(death), sex, Geography.of(state, county, null)));
      LocalDate lastCovered = death == null ? STUDY_END : YearMonth.from(death).atEndOfMonth();
      if (monthly) {
        spans.addAll(monthlySpans(r, id, lastCovered));
      } else if (r.nextInt(8) != 0) {
        LocalDate start = STUDY_START.plusMonths(r.nextInt(3) == 0 ? r.nextInt(8) : 0);
        if (!start.isAfter(lastCovered)) {
          spans.add(Enrollment.of(id, start, lastCovered, Program.MEDICARE_FFS));
        }
      }
      LocalDate first = birth.isAfter(STUDY_START) ? birth : STUDY_START;
      LocalDate last = death == null ? STUDY_END : death;
      int claims = r.nextInt(17);
      for (int c = 0; c < claims && !first.isAfter(last); c++) {
        LocalDate from = first.plusDays(r.nextLong(ChronoUnit.DAYS.between(first, last) + 1));
        LocalDate thru = from.plusDays(r.nextInt(4));
        thru = thru.isAfter(last) ? last : thru;
        lines.addAll(claim(r, id, id + "C" + c, from, thru));
      }
    }
    return new Population(bens, spans, lines);
  }

  private static List<Enrollment> monthlySpans(
      SplittableRandom r, String id, LocalDate lastCovered) {
    List<Program> choices =
        java.util.Arrays.asList(
            Program.MEDICARE_FFS, Program.MEDICARE_ADVANTAGE, PART_A_ONLY, null);
    List<Enrollment> out = new ArrayList<>();
    Program current = r.nextInt(3) == 0 ? choices.get(r.nextInt(4)) : Program.MEDICARE_FFS;
    YearMonth runStart = YearMonth.from(STUDY_START);
    YearMonth lastMonth = YearMonth.from(lastCovered);
    for (YearMonth m = runStart.plusMonths(1); !m.isAfter(lastMonth); m = m.plusMonths(1)) {
      Program next = r.nextInt(7) == 0 ? choices.get(r.nextInt(4)) : current;
      if (!java.util.Objects.equals(next, current)) {
        if (current != null) {
          out.add(Enrollment.of(id, runStart.atDay(1), m.minusMonths(1).atEndOfMonth(), current));
        }
        current = next;
        runStart = m;
      }
    }
    if (current != null) {
      out.add(Enrollment.of(id, runStart.atDay(1), lastMonth.atEndOfMonth(), current));
    }
    return out;
  }

  private static List<ClaimLine> claim(
      SplittableRandom r, String person, String claimId, LocalDate from, LocalDate thru) {
    CodeSystem system = CodeSystem.forServiceDate(from);
    List<String> pool = system == CodeSystem.ICD9CM ? ICD9 : ICD10;
    List<DiagnosisCode> dx = new ArrayList<>();
    for (int d = r.nextInt(4); d > 0; d--) {
      DiagnosisCode code = DiagnosisCode.of(system, pool.get(r.nextInt(pool.size())));
      if (!dx.contains(code)) {
        dx.add(code);
      }
    }
    int kind = r.nextInt(10);
    ClaimLine.Builder head =
        ClaimLine.builder()
            .claimId(claimId)
            .beneficiaryId(person)
            .serviceFrom(from)
            .serviceThrough(thru)
            .diagnoses(dx);
    if (kind >= 7 && dx.isEmpty()) {
      // a line with neither procedure nor diagnosis is lost in OMOP (a visit without events)
      head.diagnosis(DiagnosisCode.of(system, pool.get(0)));
    }
    if (kind >= 8) {
      return List.of(
          head.claimType(kind == 8 ? ClaimType.OUTPATIENT : ClaimType.INPATIENT).units(0).build());
    }
    if (kind == 7) {
      return List.of(head.claimType(ClaimType.PROFESSIONAL).units(0).build());
    }
    ClaimLine template = head.claimType(ClaimType.PROFESSIONAL).build();
    List<String> codes = new ArrayList<>(PROCEDURES);
    List<ClaimLine> out = new ArrayList<>();
    for (int n = 1 + r.nextInt(3); n > 0; n--) {
      String code = codes.remove(r.nextInt(codes.size()));
      ClaimLine.Builder b =
          template.toBuilder()
              .procedure(code)
              .units(1 + r.nextInt(3))
              .placeOfService(
                  org.mpindex.core.claims.PlaceOfService.of(PLACES.get(r.nextInt(PLACES.size()))));
      if (r.nextInt(4) == 0) {
        b.modifier(MODIFIERS.get(r.nextInt(MODIFIERS.size())));
      }
      out.add(b.build());
    }
    return out;
  }

  private static UsState stateOfFips(String fips) {
    for (UsState s : UsState.REFERENCE) {
      if (s.fips().equals(fips)) {
        return s;
      }
    }
    throw new IllegalArgumentException("no state of FIPS " + fips);
  }
}
