package org.mpindex.testkit;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.mpindex.core.claims.Beneficiary;
import org.mpindex.core.claims.ClaimLine;
import org.mpindex.core.claims.ClaimType;
import org.mpindex.core.claims.CodeSystem;
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

/**
 * A seeded synthetic Medicare-like population: beneficiaries 65 and over (some turning 65 during the
 * study), spread over the 50 states, DC and PR by rough population; enrollment in traditional
 * Medicare with deaths and switches to Medicare Advantage; quarterly claims whose counts grow with
 * the number of chronic conditions, vary by state and season; procedure codes from {@link CodeMix}
 * and ICD-9-CM or ICD-10-CM diagnosis codes chosen by service date.
 *
 * <p>Same seed and size, same records, in the same order: each beneficiary is generated from its
 * own random stream derived from the seed and its number, so {@link #patient(int)} is independent
 * of every other patient. Nothing here is real data; identifiers are random hex strings.
 */
public final class SyntheticPopulation {

  /** Rough 2008 resident population in hundreds of thousands, the state weights. */
  private static final Map<UsState, Integer> POPULATION = populationWeights();

  private final long seed;
  private final int beneficiaries;
  private final Quarter firstQuarter;
  private final int quarters;
  private final LocalDate studyStart;
  private final LocalDate studyEnd;
  private final UsState[] stateTable;
  private final Map<UsState, Double> stateUtilisation = new EnumMap<>(UsState.class);
  private final Map<String, ProcedureCode> procedures = new HashMap<>();
  private final Map<String, DiagnosisCode> icd9 = new HashMap<>();
  private final Map<String, DiagnosisCode> icd10 = new HashMap<>();

  private SyntheticPopulation(long seed, int beneficiaries, Quarter firstQuarter, int quarters) {
    if (beneficiaries < 0 || quarters < 1) {
      throw new IllegalArgumentException("need beneficiaries >= 0 and quarters >= 1");
    }
    this.seed = seed;
    this.beneficiaries = beneficiaries;
    this.firstQuarter = firstQuarter;
    this.quarters = quarters;
    this.studyStart = firstQuarter.start();
    this.studyEnd = firstQuarter.plus(quarters - 1).end();
    int total = POPULATION.values().stream().mapToInt(Integer::intValue).sum();
    stateTable = new UsState[total];
    int k = 0;
    for (Map.Entry<UsState, Integer> e : POPULATION.entrySet()) {
      for (int i = 0; i < e.getValue(); i++) {
        stateTable[k++] = e.getKey();
      }
    }
    SplittableRandom states = new SplittableRandom(seed ^ 0x5DEECE66DL);
    for (UsState s : UsState.REFERENCE) {
      stateUtilisation.put(s, 0.75 + 0.5 * states.nextDouble());
    }
    CodeMix.PROCEDURES.forEach(w -> procedures.put(w.code(), ProcedureCode.of(w.code())));
    for (List<CodeMix.Condition> list : List.of(CodeMix.CHRONIC, CodeMix.ACUTE)) {
      for (CodeMix.Condition c : list) {
        icd9.put(c.icd9(), DiagnosisCode.icd9(c.icd9()));
        icd10.put(c.icd10(), DiagnosisCode.icd10(c.icd10()));
      }
    }
  }

  /**
   * A population.
   *
   * @param seed the seed; same seed, same data
   * @param beneficiaries number of beneficiaries
   * @param firstQuarter the first quarter of the study
   * @param quarters number of quarters
   */
  public static SyntheticPopulation of(
      long seed, int beneficiaries, Quarter firstQuarter, int quarters) {
    return new SyntheticPopulation(seed, beneficiaries, firstQuarter, quarters);
  }

  /** The reference design: 2007Q1 to 2009Q4, 12 quarters. */
  public static SyntheticPopulation medicare2007to2009(long seed, int beneficiaries) {
    return of(seed, beneficiaries, Quarter.of(2007, 1), 12);
  }

  /**
   * The reference design moved to 2011Q1-2013Q4 (12 quarters, still ICD-9-CM): years whose CMS
   * relative value files are bundled with the library, so effort is priced with real CMS values.
   */
  public static SyntheticPopulation medicare2011to2013(long seed, int beneficiaries) {
    return of(seed, beneficiaries, Quarter.of(2011, 1), 12);
  }

  public int beneficiaries() {
    return beneficiaries;
  }

  public LocalDate studyStart() {
    return studyStart;
  }

  public LocalDate studyEnd() {
    return studyEnd;
  }

  /**
   * Emits every record, patient by patient: the beneficiary, their enrollment spans, then their
   * claim lines in date order (the order claims files usually come in).
   */
  public void forEachRecord(Consumer<Object> sink) {
    for (int i = 0; i < beneficiaries; i++) {
      Population p = patient(i);
      p.beneficiaries().forEach(sink);
      p.enrollments().forEach(sink);
      p.claimLines().forEach(sink);
    }
  }

  /** Every record, materialised; mind the memory for large populations (about 100 lines each). */
  public Population toPopulation() {
    List<Beneficiary> b = new ArrayList<>();
    List<Enrollment> e = new ArrayList<>();
    List<ClaimLine> l = new ArrayList<>();
    for (int i = 0; i < beneficiaries; i++) {
      Population p = patient(i);
      b.addAll(p.beneficiaries());
      e.addAll(p.enrollments());
      l.addAll(p.claimLines());
    }
    return new Population(b, e, l);
  }

  /** The records of patient {@code i} (0-based) alone. */
  public Population patient(int i) {
    SplittableRandom rnd = new SplittableRandom(mix(seed * 0x9E3779B97F4A7C15L + i));
    String id = String.format("%016X", rnd.nextLong());
    UsState state = stateTable[rnd.nextInt(stateTable.length)];
    String county = state.fips() + String.format("%03d", 1 + 2 * rnd.nextInt(40));
    String zip = String.format("%05d", rnd.nextInt(100_000));
    Geography geo = Geography.of(state, county, zip);
    Sex sex = rnd.nextDouble() < 0.56 ? Sex.FEMALE : Sex.MALE;

    // 15% turn 65 during the study; the others are 65 to about 95 at its start, younger more likely
    LocalDate birth;
    long studyDays = ChronoUnit.DAYS.between(studyStart, studyEnd);
    if (rnd.nextDouble() < 0.15) {
      birth = studyStart.plusDays(rnd.nextLong(studyDays)).minusYears(65);
    } else {
      double age = 65 + Math.min(32, -Math.log(1 - rnd.nextDouble()) * 9.0);
      birth = studyStart.minusDays((long) (age * 365.25));
    }
    LocalDate entitled = birth.plusYears(65).withDayOfMonth(1);
    LocalDate start = entitled.isBefore(studyStart) ? studyStart : entitled;

    // death: quarterly hazard rising with age
    LocalDate death = null;
    for (LocalDate q = start; !q.isAfter(studyEnd); q = q.plusMonths(3)) {
      double age = ChronoUnit.DAYS.between(birth, q) / 365.25;
      double hazard = 0.004 * Math.exp(0.085 * (age - 65));
      if (rnd.nextDouble() < hazard) {
        death = q.plusDays(rnd.nextInt(90));
        break;
      }
    }
    LocalDate coverageEnd = death == null ? studyEnd : death.withDayOfMonth(death.lengthOfMonth());
    if (coverageEnd.isAfter(studyEnd)) {
      coverageEnd = studyEnd;
    }
    Beneficiary ben = new Beneficiary(id, birth, Optional.ofNullable(death), sex, geo);
    List<Enrollment> spans = new ArrayList<>(2);
    List<ClaimLine> lines = new ArrayList<>();
    if (start.isAfter(coverageEnd)) {
      return new Population(List.of(ben), spans, lines);
    }

    // program: 18% in Medicare Advantage throughout; 6% switch from FFS to MA at a quarter start
    LocalDate ffsEnd = coverageEnd;
    if (rnd.nextDouble() < 0.18) {
      spans.add(Enrollment.of(id, start, coverageEnd, Program.MEDICARE_ADVANTAGE));
      return new Population(List.of(ben), spans, lines);
    }
    if (rnd.nextDouble() < 0.06) {
      LocalDate switchDay =
          Quarter.containing(start.plusDays(rnd.nextLong(Math.max(1, studyDays)))).start();
      if (switchDay.isAfter(start) && !switchDay.isAfter(coverageEnd)) {
        ffsEnd = switchDay.minusDays(1);
        spans.add(Enrollment.of(id, switchDay, coverageEnd, Program.MEDICARE_ADVANTAGE));
      }
    }
    spans.add(0, Enrollment.of(id, start, ffsEnd, Program.MEDICARE_FFS));

    // chronic conditions, more with age
    double ageAtStart = ChronoUnit.DAYS.between(birth, start) / 365.25;
    double ageBoost = 1.0 + (ageAtStart - 65) / 30.0;
    List<CodeMix.Condition> conditions = new ArrayList<>();
    for (CodeMix.Condition c : CodeMix.CHRONIC) {
      if (rnd.nextInt(1000) < c.perMille() * ageBoost) {
        conditions.add(c);
      }
    }
    double utilisation = stateUtilisation.get(state) * (0.6 + 0.45 * conditions.size());
    int claimNo = 0;
    for (int q = 0; q < quarters; q++) {
      Quarter quarter = firstQuarter.plus(q);
      LocalDate from = max(quarter.start(), start);
      LocalDate to = min(quarter.end(), ffsEnd);
      if (from.isAfter(to)) {
        continue;
      }
      double seasonal = new double[] {1.12, 1.0, 0.93, 0.98}[quarter.quarter() - 1];
      int visits = poisson(rnd, utilisation * seasonal * 1.6);
      boolean admitted = rnd.nextDouble() < 0.025 * (1 + conditions.size() / 3.0);
      for (int v = 0; v < visits + (admitted ? 1 : 0); v++) {
        LocalDate day = from.plusDays(rnd.nextLong(ChronoUnit.DAYS.between(from, to) + 1));
        CodeSystem system = CodeSystem.forServiceDate(day);
        List<DiagnosisCode> dx = diagnoses(rnd, conditions, system);
        String claimId = id + "-" + ++claimNo;
        if (v == visits) {
          addStay(rnd, id, claimId, day, to, dx, lines);
        } else {
          addVisit(rnd, id, claimId, day, dx, lines);
        }
      }
    }
    lines.sort((a, b) -> a.serviceFrom().compareTo(b.serviceFrom()));
    return new Population(List.of(ben), spans, lines);
  }

  private void addVisit(
      SplittableRandom rnd,
      String id,
      String claimId,
      LocalDate day,
      List<DiagnosisCode> dx,
      List<ClaimLine> lines) {
    int n = 1 + poisson(rnd, 0.6);
    for (int k = 0; k < n; k++) {
      String code = CodeMix.draw(CodeMix.PROCEDURES, rnd);
      ClaimLine.Builder b =
          ClaimLine.builder()
              .claimId(claimId)
              .beneficiaryId(id)
              .serviceFrom(day)
              .procedure(procedures.get(code))
              .placeOfService(PlaceOfService.of(placeFor(code)))
              .units(code.equals("97110") ? 1 + rnd.nextInt(3) : 1)
              .diagnoses(dx);
      if ((code.equals("71020") || code.equals("78452") || code.equals("93306"))
          && rnd.nextDouble() < 0.5) {
        b.modifier(Modifier.PROFESSIONAL_COMPONENT);
      }
      if (code.equals("20610") || code.equals("27447")) {
        b.modifier(rnd.nextBoolean() ? "RT" : "LT");
      }
      lines.add(b.build());
    }
  }

  /** An inpatient stay: the institutional claim (diagnoses only) and the physician's hospital visits. */
  private void addStay(
      SplittableRandom rnd,
      String id,
      String claimId,
      LocalDate day,
      LocalDate last,
      List<DiagnosisCode> dx,
      List<ClaimLine> lines) {
    int los = 1 + poisson(rnd, 3.5);
    LocalDate through = min(day.plusDays(los), last);
    lines.add(
        ClaimLine.builder()
            .claimId(claimId + "I")
            .beneficiaryId(id)
            .serviceFrom(day)
            .serviceThrough(through)
            .claimType(ClaimType.INPATIENT)
            .diagnoses(dx)
            .units(0)
            .build());
    LocalDate d = day;
    int k = 0;
    while (!d.isAfter(through)) {
      String code =
          k == 0
              ? "99223"
              : (d.equals(through) ? "99238" : (rnd.nextBoolean() ? "99232" : "99233"));
      lines.add(
          ClaimLine.builder()
              .claimId(claimId + "P" + k)
              .beneficiaryId(id)
              .serviceFrom(d)
              .procedure(procedures.computeIfAbsent(code, ProcedureCode::of))
              .placeOfService(PlaceOfService.of("21"))
              .diagnoses(dx)
              .build());
      d = d.plusDays(1);
      k++;
    }
  }

  private List<DiagnosisCode> diagnoses(
      SplittableRandom rnd, List<CodeMix.Condition> conditions, CodeSystem system) {
    List<DiagnosisCode> dx = new ArrayList<>(4);
    for (CodeMix.Condition c : conditions) {
      if (rnd.nextDouble() < 0.55) {
        dx.add(code(c, system));
      }
    }
    if (dx.isEmpty() || rnd.nextDouble() < 0.35) {
      dx.add(code(CodeMix.ACUTE.get(rnd.nextInt(CodeMix.ACUTE.size())), system));
    }
    return dx.size() > 12 ? dx.subList(0, 12) : dx;
  }

  private DiagnosisCode code(CodeMix.Condition c, CodeSystem system) {
    return system == CodeSystem.ICD9CM ? icd9.get(c.icd9()) : icd10.get(c.icd10());
  }

  private static String placeFor(String code) {
    if (code.startsWith("9923") || code.startsWith("9922") || code.equals("99291")) {
      return "21";
    }
    if (code.startsWith("9928")) {
      return "23";
    }
    if (code.startsWith("9930")) {
      return "31";
    }
    if (code.equals("66984")
        || code.equals("45378")
        || code.equals("43239")
        || code.startsWith("27")
        || code.equals("00142")) {
      return "22";
    }
    return "11";
  }

  private static int poisson(SplittableRandom rnd, double lambda) {
    double l = Math.exp(-lambda);
    int k = 0;
    double p = 1;
    do {
      k++;
      p *= rnd.nextDouble();
    } while (p > l);
    return k - 1;
  }

  private static LocalDate max(LocalDate a, LocalDate b) {
    return a.isAfter(b) ? a : b;
  }

  private static LocalDate min(LocalDate a, LocalDate b) {
    return a.isBefore(b) ? a : b;
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  private static Map<UsState, Integer> populationWeights() {
    Map<UsState, Integer> m = new EnumMap<>(UsState.class);
    Object[][] rows = {
      {UsState.CA, 368}, {UsState.TX, 243}, {UsState.NY, 195}, {UsState.FL, 183}, {UsState.IL, 129},
      {UsState.PA, 124}, {UsState.OH, 115}, {UsState.MI, 100}, {UsState.GA, 97}, {UsState.NC, 92},
      {UsState.NJ, 87}, {UsState.VA, 78}, {UsState.WA, 65}, {UsState.MA, 65}, {UsState.AZ, 65},
      {UsState.IN, 64}, {UsState.TN, 62}, {UsState.MO, 59}, {UsState.MD, 56}, {UsState.WI, 56},
      {UsState.MN, 52}, {UsState.CO, 49}, {UsState.AL, 47}, {UsState.SC, 45}, {UsState.LA, 44},
      {UsState.KY, 43}, {UsState.OR, 38}, {UsState.OK, 36}, {UsState.CT, 35}, {UsState.IA, 30},
      {UsState.MS, 29}, {UsState.AR, 29}, {UsState.KS, 28}, {UsState.UT, 27}, {UsState.NV, 26},
      {UsState.NM, 20}, {UsState.WV, 18}, {UsState.NE, 18}, {UsState.ID, 15}, {UsState.HI, 13},
      {UsState.ME, 13}, {UsState.NH, 13}, {UsState.RI, 11}, {UsState.MT, 10}, {UsState.DE, 9},
      {UsState.SD, 8}, {UsState.AK, 7}, {UsState.ND, 6}, {UsState.VT, 6}, {UsState.DC, 6},
      {UsState.WY, 5}, {UsState.PR, 40},
    };
    for (Object[] r : rows) {
      m.put((UsState) r[0], (Integer) r[1]);
    }
    if (!m.keySet().equals(UsState.REFERENCE)) {
      throw new AssertionError("every state needs a weight");
    }
    return m;
  }
}
