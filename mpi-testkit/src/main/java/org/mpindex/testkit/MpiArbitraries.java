package org.mpindex.testkit;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.mpindex.core.claims.Beneficiary;
import org.mpindex.core.claims.ClaimLine;
import org.mpindex.core.claims.ClaimType;
import org.mpindex.core.claims.DiagnosisCode;
import org.mpindex.core.claims.Enrollment;
import org.mpindex.core.claims.Geography;
import org.mpindex.core.claims.Modifier;
import org.mpindex.core.claims.PlaceOfService;
import org.mpindex.core.claims.ProcedureCode;
import org.mpindex.core.claims.Program;
import org.mpindex.core.claims.Sex;
import org.mpindex.core.claims.UsState;
import org.mpindex.core.time.Quarter;
import org.mpindex.core.time.WindowScheme;

/**
 * jqwik arbitraries for every domain type, and for small consistent populations that exercise the
 * assembler (beneficiaries with enrollment and claims, some without records, some dead, some too
 * young, some in Medicare Advantage). Use them in your own properties:
 *
 * <pre>{@code
 * @Property
 * void myGrouperNeverThrows(@ForAll("codes") DiagnosisCode code) { ... }
 *
 * @Provide
 * Arbitrary<DiagnosisCode> codes() { return MpiArbitraries.diagnosisCodes(); }
 * }</pre>
 */
public final class MpiArbitraries {
  private MpiArbitraries() {}

  private static Arbitrary<String> digits(int min, int max) {
    return Arbitraries.strings().withCharRange('0', '9').ofMinLength(min).ofMaxLength(max);
  }

  private static Arbitrary<String> alphanumerics(int min, int max) {
    return Arbitraries.strings()
        .withCharRange('0', '9')
        .withCharRange('A', 'Z')
        .ofMinLength(min)
        .ofMaxLength(max);
  }

  /** Well-formed ICD-9-CM codes: numeric, V and E shapes. */
  public static Arbitrary<DiagnosisCode> icd9Codes() {
    Arbitrary<String> numeric = digits(3, 5);
    Arbitrary<String> v = digits(2, 4).map(d -> "V" + d);
    Arbitrary<String> e = digits(3, 4).map(d -> "E" + d);
    return Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(8, numeric),
            net.jqwik.api.Tuple.of(2, v),
            net.jqwik.api.Tuple.of(1, e))
        .map(DiagnosisCode::icd9);
  }

  /** Well-formed ICD-10-CM codes: a letter, a digit, then 1 to 5 letters or digits. */
  public static Arbitrary<DiagnosisCode> icd10Codes() {
    return Combinators.combine(
            Arbitraries.chars().range('A', 'Z'),
            Arbitraries.chars().range('0', '9'),
            alphanumerics(1, 5))
        .as((a, b, rest) -> DiagnosisCode.icd10("" + a + b + rest));
  }

  /** Well-formed codes of either system. */
  public static Arbitrary<DiagnosisCode> diagnosisCodes() {
    return Arbitraries.oneOf(icd9Codes(), icd10Codes());
  }

  /** Well-formed HCPCS/CPT codes of every shape. */
  public static Arbitrary<ProcedureCode> procedureCodes() {
    Arbitrary<String> cpt = digits(5, 5);
    Arbitrary<String> cptLetter =
        Combinators.combine(digits(4, 4), Arbitraries.of('F', 'T', 'U', 'M', 'A'))
            .as((d, c) -> d + c);
    Arbitrary<String> level2 =
        Combinators.combine(Arbitraries.chars().range('A', 'V'), digits(4, 4)).as((c, d) -> c + d);
    return Arbitraries.oneOf(cpt, cptLetter, level2).map(ProcedureCode::of);
  }

  /** Two-character modifiers, weighted towards the ones that change effort. */
  public static Arbitrary<Modifier> modifiers() {
    return Arbitraries.oneOf(
            Arbitraries.of(
                "26", "TC", "50", "51", "52", "53", "54", "55", "56", "62", "66", "80", "81", "82",
                "AS"),
            alphanumerics(2, 2))
        .map(Modifier::of);
  }

  public static Arbitrary<PlaceOfService> placesOfService() {
    return Arbitraries.integers()
        .between(1, 99)
        .map(i -> PlaceOfService.of(String.format("%02d", i)));
  }

  /** The 52 geographies of the reference application (50 states, DC, PR). */
  public static Arbitrary<UsState> states() {
    return Arbitraries.of(UsState.REFERENCE);
  }

  public static Arbitrary<Sex> sexes() {
    return Arbitraries.of(Sex.class);
  }

  public static Arbitrary<Program> programs() {
    return Arbitraries.oneOf(
        Arbitraries.of(Program.MEDICARE_FFS, Program.MEDICARE_ADVANTAGE),
        Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(12).map(Program::of));
  }

  /** Geographies with a state, and a county in it and a ZIP code each present or not. */
  public static Arbitrary<Geography> geographies() {
    return Combinators.combine(states(), digits(3, 3).injectNull(0.3), digits(5, 5).injectNull(0.3))
        .as((s, c, z) -> Geography.of(s, c == null ? null : s.fips() + c, z));
  }

  /** Days between {@code from} and {@code to}, inclusive. */
  public static Arbitrary<LocalDate> dates(LocalDate from, LocalDate to) {
    return Arbitraries.longs().between(0, ChronoUnit.DAYS.between(from, to)).map(from::plusDays);
  }

  public static Arbitrary<String> beneficiaryIds() {
    return Arbitraries.strings()
        .withCharRange('0', '9')
        .withCharRange('A', 'F')
        .ofMinLength(1)
        .ofMaxLength(16);
  }

  public static Arbitrary<Beneficiary> beneficiaries() {
    return Combinators.combine(
            beneficiaryIds(),
            dates(LocalDate.of(1910, 1, 1), LocalDate.of(1950, 12, 31)),
            Arbitraries.integers().between(0, 40_000).injectNull(0.7),
            sexes(),
            geographies())
        .as(
            (id, birth, deathAfterDays, sex, geo) ->
                new Beneficiary(
                    id,
                    birth,
                    Optional.ofNullable(deathAfterDays).map(d -> birth.plusDays(d)),
                    sex,
                    geo));
  }

  public static Arbitrary<Enrollment> enrollments() {
    return Combinators.combine(
            beneficiaryIds(),
            dates(LocalDate.of(2005, 1, 1), LocalDate.of(2012, 12, 31)),
            Arbitraries.integers().between(0, 1500),
            programs(),
            geographies().optional())
        .as(
            (id, start, days, program, residence) ->
                new Enrollment(id, start, start.plusDays(days), program, residence));
  }

  /** Claim lines of every claim type, with 0 to 4 modifiers and 0 to 12 diagnosis codes. */
  public static Arbitrary<ClaimLine> claimLines() {
    Arbitrary<ClaimLine.Builder> head =
        Combinators.combine(
                alphanumerics(1, 12),
                beneficiaryIds(),
                dates(LocalDate.of(2006, 1, 1), LocalDate.of(2017, 12, 31)),
                Arbitraries.integers().between(0, 10),
                procedureCodes().injectNull(0.1),
                Arbitraries.integers().between(0, 5),
                Arbitraries.of(ClaimType.class))
            .as(
                (claim, ben, from, days, proc, units, type) ->
                    ClaimLine.builder()
                        .claimId(claim)
                        .beneficiaryId(ben)
                        .serviceFrom(from)
                        .serviceThrough(from.plusDays(days))
                        .procedure(proc)
                        .units(units)
                        .claimType(type));
    return Combinators.combine(
            head,
            modifiers().list().ofMaxSize(4),
            diagnosisCodes().list().ofMaxSize(12),
            placesOfService().injectNull(0.3))
        .as(
            (b, mods, dx, pos) -> {
              mods.forEach(b::modifier);
              return b.diagnoses(dx).placeOfService(pos).build();
            });
  }

  public static Arbitrary<Quarter> quarters() {
    return Combinators.combine(
            Arbitraries.integers().between(1990, 2030), Arbitraries.integers().between(1, 4))
        .as(Quarter::of);
  }

  /** Calendar quarters, 1-6 month windows and 7-120 day windows with random anchors. */
  public static Arbitrary<WindowScheme> windowSchemes() {
    Arbitrary<WindowScheme> months =
        Combinators.combine(
                Arbitraries.integers().between(1, 6),
                Arbitraries.integers().between(2000, 2020),
                Arbitraries.integers().between(1, 12))
            .as((n, y, m) -> WindowScheme.months(n, YearMonth.of(y, m)));
    Arbitrary<WindowScheme> days =
        Combinators.combine(
                Arbitraries.integers().between(7, 120),
                dates(LocalDate.of(2000, 1, 1), LocalDate.of(2020, 12, 31)))
            .as(WindowScheme::days);
    return Arbitraries.oneOf(Arbitraries.just(WindowScheme.calendarQuarters()), months, days);
  }

  // ------------------------------------------------------------------ populations

  /** First day of the populations' study: 2008-01-01; it runs {@value #POPULATION_QUARTERS} quarters. */
  public static final LocalDate POPULATION_START = LocalDate.of(2008, 1, 1);

  /** Quarters in the populations' study. */
  public static final int POPULATION_QUARTERS = 8;

  /** Last day of the populations' study. */
  public static final LocalDate POPULATION_END =
      POPULATION_START.plusMonths(3L * POPULATION_QUARTERS).minusDays(1);

  /** Effort per unit of the populations' procedure codes, micro-units; 99499 is left unknown. */
  public static final Map<ProcedureCode, Long> POPULATION_EFFORT =
      Map.of(
          ProcedureCode.of("99213"), 920_000L,
          ProcedureCode.of("99214"), 1_420_000L,
          ProcedureCode.of("99232"), 1_390_000L,
          ProcedureCode.of("27447"), 21_790_000L,
          ProcedureCode.of("71020"), 220_000L,
          ProcedureCode.of("85025"), 0L);

  private static final List<String> POPULATION_PROCEDURES =
      List.of("99213", "99214", "99232", "27447", "71020", "85025", "99499");

  /** Category names of {@link #populationGrouper()}. */
  public static final List<String> POPULATION_CATEGORIES =
      List.of("htn", "dm", "chf", "copd", "dm-or-htn");

  /**
   * A prefix grouper over the populations' diagnosis codes: 401 hypertension (bits 0 and 4), 250
   * diabetes (bits 1 and 4), 428 heart failure, 496 COPD, and their ICD-10 twins I10, E11, I50, J44.
   */
  public static SimpleBurdenGrouper populationGrouper() {
    Map<DiagnosisCode, Integer> p = new java.util.LinkedHashMap<>();
    p.put(DiagnosisCode.icd9("401"), 0);
    p.put(DiagnosisCode.icd9("250"), 1);
    p.put(DiagnosisCode.icd9("428"), 2);
    p.put(DiagnosisCode.icd9("496"), 3);
    p.put(DiagnosisCode.icd9("4019"), 4);
    p.put(DiagnosisCode.icd9("2500"), 4);
    p.put(DiagnosisCode.icd10("I10"), 0);
    p.put(DiagnosisCode.icd10("E11"), 1);
    p.put(DiagnosisCode.icd10("I50"), 2);
    p.put(DiagnosisCode.icd10("J44"), 3);
    return SimpleBurdenGrouper.of(POPULATION_CATEGORIES, p);
  }

  /** The effort calculator of the populations' codes. */
  public static SimpleEffortCalculator populationEffort() {
    return SimpleEffortCalculator.of(POPULATION_EFFORT);
  }

  private static final List<DiagnosisCode> POPULATION_DIAGNOSES =
      List.of(
          DiagnosisCode.icd9("4019"),
          DiagnosisCode.icd9("25000"),
          DiagnosisCode.icd9("4280"),
          DiagnosisCode.icd9("496"),
          DiagnosisCode.icd9("7865"),
          DiagnosisCode.icd9("V5861"),
          DiagnosisCode.icd10("I10"),
          DiagnosisCode.icd10("E119"));

  /**
   * Small populations over {@link #POPULATION_START} .. {@link #POPULATION_END}: 1 to 10
   * beneficiaries (ages about 60 to 90, some dead), each with a main enrollment span over most of
   * the study (traditional Medicare mostly, some Medicare Advantage) and sometimes extra spans, and
   * 2 to 15 claim lines per beneficiary (a few dated outside the study, a few for an id without a
   * beneficiary record, a few institutional) over a small code set; use
   * {@link #populationEffort()} and {@link #populationGrouper()} with them.
   */
  public static Arbitrary<Population> populations() {
    return Arbitraries.integers()
        .between(1, 10)
        .flatMap(
            n -> {
              List<String> ids = new ArrayList<>();
              for (int i = 0; i < n; i++) {
                ids.add("B" + i);
              }
              Arbitrary<LocalDate> birth =
                  Arbitraries.frequencyOf(
                      net.jqwik.api.Tuple.of(
                          6, dates(LocalDate.of(1917, 1, 1), LocalDate.of(1942, 12, 31))),
                      net.jqwik.api.Tuple.of(
                          1, dates(LocalDate.of(1943, 1, 1), LocalDate.of(1948, 12, 31))));
              // a main traditional-Medicare span covering most of the study, and sometimes a few
              // more spans
              Arbitrary<Object[]> person =
                  Combinators.combine(
                          birth,
                          dates(POPULATION_START, POPULATION_END.plusMonths(6)).injectNull(0.85),
                          sexes(),
                          states(),
                          dates(POPULATION_START.minusMonths(6), POPULATION_START.plusMonths(4)),
                          Arbitraries.integers().between(450, 1000),
                          Arbitraries.frequency(
                              net.jqwik.api.Tuple.of(6, Program.MEDICARE_FFS),
                              net.jqwik.api.Tuple.of(1, Program.MEDICARE_ADVANTAGE)))
                      .as(
                          (b, death, sex, state, start, days, program) ->
                              new Object[] {b, death, sex, state, start, days, program});
              Arbitrary<List<Object[]>> people = person.list().ofSize(n);
              Arbitrary<Enrollment> extraSpan =
                  Combinators.combine(
                          Arbitraries.of(ids),
                          dates(POPULATION_START.minusMonths(6), POPULATION_END),
                          Arbitraries.integers().between(0, 400),
                          Arbitraries.of(Program.MEDICARE_FFS, Program.MEDICARE_ADVANTAGE))
                      .as(
                          (id, start, days, program) ->
                              Enrollment.of(id, start, start.plusDays(days), program));
              Arbitrary<ClaimLine> line =
                  Combinators.combine(
                          Arbitraries.frequencyOf(
                              net.jqwik.api.Tuple.of(20, Arbitraries.of(ids)),
                              net.jqwik.api.Tuple.of(1, Arbitraries.just("NOBODY"))),
                          Arbitraries.frequencyOf(
                              net.jqwik.api.Tuple.of(12, dates(POPULATION_START, POPULATION_END)),
                              net.jqwik.api.Tuple.of(
                                  1,
                                  dates(
                                      POPULATION_START.minusMonths(3),
                                      POPULATION_END.plusMonths(3)))),
                          Arbitraries.of(POPULATION_PROCEDURES).injectNull(0.1),
                          Arbitraries.integers().between(0, 3),
                          Arbitraries.of(POPULATION_DIAGNOSES).list().ofMaxSize(4),
                          Arbitraries.frequency(
                              net.jqwik.api.Tuple.of(8, ClaimType.PROFESSIONAL),
                              net.jqwik.api.Tuple.of(1, ClaimType.OUTPATIENT)),
                          Arbitraries.integers().between(0, 99_999))
                      .as(
                          (id, day, proc, units, dx, type, claimNo) -> {
                            ClaimLine.Builder b =
                                ClaimLine.builder()
                                    .claimId("C" + claimNo)
                                    .beneficiaryId(id)
                                    .serviceFrom(day)
                                    .units(units)
                                    .claimType(type)
                                    .diagnoses(dx);
                            if (proc != null) {
                              b.procedure(proc);
                            }
                            return b.build();
                          });
              return Combinators.combine(
                      people,
                      extraSpan.list().ofMaxSize(n),
                      line.list().ofMinSize(2 * n).ofMaxSize(15 * n))
                  .as(
                      (rows, extra, lines) -> {
                        List<Beneficiary> bens = new ArrayList<>();
                        List<Enrollment> spans = new ArrayList<>();
                        for (int i = 0; i < n; i++) {
                          Object[] r = rows.get(i);
                          LocalDate b = (LocalDate) r[0];
                          LocalDate death = (LocalDate) r[1];
                          bens.add(
                              new Beneficiary(
                                  ids.get(i),
                                  b,
                                  Optional.ofNullable(death).filter(d -> d.isAfter(b)),
                                  (Sex) r[2],
                                  Geography.of((UsState) r[3])));
                          LocalDate start = (LocalDate) r[4];
                          spans.add(
                              Enrollment.of(
                                  ids.get(i),
                                  start,
                                  start.plusDays((Integer) r[5]),
                                  (Program) r[6]));
                        }
                        spans.addAll(extra);
                        return new Population(bens, spans, lines);
                      });
            });
  }
}
