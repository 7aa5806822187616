package org.mpindex.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;
import org.mpindex.core.claims.Beneficiary;
import org.mpindex.core.claims.ClaimLine;
import org.mpindex.core.claims.DiagnosisCode;
import org.mpindex.core.claims.Enrollment;
import org.mpindex.core.index.Aggregation;
import org.mpindex.core.index.ClaimColumns;
import org.mpindex.core.index.ClaimMarker;
import org.mpindex.core.index.Cohort;
import org.mpindex.core.index.Coverage;
import org.mpindex.core.index.Eligibility;
import org.mpindex.core.index.ExclusionReason;
import org.mpindex.core.index.Grouping;
import org.mpindex.core.index.HealthPopulation;
import org.mpindex.core.index.IndexAssembler;
import org.mpindex.core.index.IndexCell;
import org.mpindex.core.index.Intervals;
import org.mpindex.core.index.MpiResult;
import org.mpindex.core.index.MpiSpec;
import org.mpindex.core.index.Standardisation;
import org.mpindex.core.index.StudyPeriod;
import org.mpindex.core.index.ZeroBurden;
import org.mpindex.core.index.ZeroEffort;
import org.mpindex.core.spi.EffortCalculator;
import org.mpindex.core.time.Window;

/**
 * The assembler's invariants over random small populations. They live in the testkit because they
 * use its arbitraries (Maven forbids mpi-core's tests depending on a module that depends on
 * mpi-core).
 */
class IndexAssemblerProperties {

  static final MpiSpec BASE =
      MpiSpec.builder()
          .studyPeriod(
              StudyPeriod.of(MpiArbitraries.POPULATION_START, MpiArbitraries.POPULATION_END))
          .minimumEligibleWindows(2)
          .build();

  @Provide
  Arbitrary<Population> populations() {
    return MpiArbitraries.populations();
  }

  /** Specs that vary the choices which change who is in and what a value is. */
  @Provide
  Arbitrary<MpiSpec> specs() {
    return Combinators.combine(
            Arbitraries.of(ZeroBurden.class),
            Arbitraries.of(HealthPopulation.class),
            Arbitraries.of(Coverage.class),
            Arbitraries.of(
                Aggregation.meanOfRatios(),
                Aggregation.ratioOfMeans(),
                Aggregation.median(),
                Aggregation.trimmedMean(0.1),
                Aggregation.winsorisedMean(0.2)),
            Arbitraries.of(ZeroEffort.exclude(), ZeroEffort.floor(0.1)),
            Arbitraries.integers().between(0, 2),
            Arbitraries.integers().between(0, 5),
            Arbitraries.of(
                Intervals.analytic(),
                Intervals.bootstrapPercentile(100, 7),
                Intervals.bootstrapBca(100, 11)))
        .as(
            (zb, hp, cov, agg, ze, lag, minElig, iv) ->
                BASE.toBuilder()
                    .zeroBurden(zb)
                    .healthPopulation(hp)
                    .coverage(cov)
                    .aggregation(agg)
                    .zeroEffort(ze)
                    .lag(lag)
                    .minimumEligibleWindows(minElig)
                    .intervals(iv)
                    .build());
  }

  static MpiResult compute(MpiSpec spec, EffortCalculator effort, List<Object> records) {
    return IndexAssembler.create(spec, effort, GROUPER).addAll(records).assemble();
  }

  static final SimpleEffortCalculator EFFORT = MpiArbitraries.populationEffort();
  static final SimpleBurdenGrouper GROUPER = MpiArbitraries.populationGrouper();

  static String idOf(Object r) {
    if (r instanceof Beneficiary beneficiary) {
      return beneficiary.id();
    }
    if (r instanceof Enrollment enrollment) {
      return enrollment.beneficiaryId();
    }
    return ((ClaimLine) r).beneficiaryId();
  }

  @Property(tries = 300)
  void resultDoesNotDependOnInputOrder(
      @ForAll("populations") Population p, @ForAll("specs") MpiSpec spec, @ForAll long seed) {
    assertEquals(
        compute(spec, EFFORT, p.records()), compute(spec, EFFORT, p.shuffledRecords(seed)));
  }

  @Property(tries = 300)
  void partitionsByPatientCombineToTheWhole(
      @ForAll("populations") Population p,
      @ForAll("specs") MpiSpec spec,
      @ForAll @IntRange(min = 2, max = 4) int k) {
    List<IndexAssembler> parts = new ArrayList<>();
    for (int i = 0; i < k; i++) {
      parts.add(IndexAssembler.create(spec, EFFORT, GROUPER));
    }
    for (Object r : p.records()) {
      parts.get(Math.floorMod(idOf(r).hashCode(), k)).addAll(List.of(r));
    }
    IndexAssembler combined = parts.get(0);
    for (int i = 1; i < k; i++) {
      combined.combine(parts.get(i));
    }
    assertEquals(compute(spec, EFFORT, p.records()), combined.assemble());
  }

  @Property(tries = 200)
  void anySplitOfTheRecordsCombinesToTheWhole(
      @ForAll("populations") Population p, @ForAll("specs") MpiSpec spec, @ForAll long seed) {
    List<Object> shuffled = p.shuffledRecords(seed);
    int cut = Math.floorMod(seed, shuffled.size() + 1);
    IndexAssembler a =
        IndexAssembler.create(spec, EFFORT, GROUPER).addAll(shuffled.subList(0, cut));
    IndexAssembler b =
        IndexAssembler.create(spec, EFFORT, GROUPER).addAll(shuffled.subList(cut, shuffled.size()));
    assertEquals(compute(spec, EFFORT, p.records()), a.combine(b).assemble());
  }

  @Property(tries = 200)
  void nationalStandardisationLeavesTheNationUnchangedAndScalesWithEffort(
      @ForAll("populations") Population p,
      @ForAll long seed,
      @ForAll @IntRange(min = 2, max = 1000) int k,
      @ForAll boolean ratioOfMeans) {
    MpiSpec spec =
        BASE.toBuilder()
            .standardisation(Standardisation.nationalPopulation())
            .aggregation(ratioOfMeans ? Aggregation.ratioOfMeans() : Aggregation.meanOfRatios())
            .build();
    MpiResult r = compute(spec, EFFORT, p.records());
    assertEquals(r, compute(spec, EFFORT, p.shuffledRecords(seed)));
    MpiResult scaled = compute(spec, EFFORT.scaledBy(k), p.records());
    for (IndexCell c : r.national()) {
      if (c.patients() == 0) {
        continue;
      }
      // the standard is the nation's own mix: its standardised value is its crude one
      Standardisation.Values v = r.standardised(c.window(), Grouping.NATIONAL_KEY).orElseThrow();
      assertEquals(c.mpi(), v.mpi(), Math.abs(c.mpi()) * 1e-12);
      assertEquals(c.meanHealth(), v.meanHealth(), Math.abs(c.meanHealth()) * 1e-12);
      assertEquals(c.meanEffort(), v.meanEffort(), Math.abs(c.meanEffort()) * 1e-12);
      for (IndexCell g : r.groups(c.window())) {
        r.standardised(c.window(), g.group())
            .ifPresent(
                x -> {
                  Standardisation.Values y =
                      scaled.standardised(c.window(), g.group()).orElseThrow();
                  assertEquals(x.missingStrata(), y.missingStrata());
                  if (x.missingStrata() == 0) {
                    assertEquals(x.mpi() / k, y.mpi(), Math.abs(x.mpi()) * 1e-12);
                  }
                });
      }
    }
  }

  @Property(tries = 300)
  void scalingEveryEffortByKDividesTheMeanOfRatiosByK(
      @ForAll("populations") Population p, @ForAll @IntRange(min = 2, max = 1000) int k) {
    MpiResult base = compute(BASE, EFFORT, p.records());
    MpiResult scaled = compute(BASE, EFFORT.scaledBy(k), p.records());
    for (int i = 0; i < base.national().size(); i++) {
      IndexCell b = base.national().get(i);
      IndexCell s = scaled.national().get(i);
      assertEquals(b.patients(), s.patients());
      if (b.patients() > 0) {
        assertEquals(b.mpi() / k, s.mpi(), Math.abs(b.mpi()) * 1e-12);
        assertEquals(b.meanEffort() * k, s.meanEffort(), b.meanEffort() * k * 1e-12);
        assertEquals(b.meanHealth(), s.meanHealth(), 0);
      }
    }
  }

  @Property(tries = 300)
  void addingADiagnosisNeverRaisesHealth(
      @ForAll("populations") Population p,
      @ForAll @IntRange(min = 0, max = 1000) int pick,
      @ForAll("diagnoses") DiagnosisCode extra) {
    if (p.claimLines().isEmpty()) {
      return;
    }
    List<ClaimLine> lines = new ArrayList<>(p.claimLines());
    int i = pick % lines.size();
    lines.set(i, lines.get(i).toBuilder().diagnosis(extra).build());
    Population more = new Population(p.beneficiaries(), p.enrollments(), lines);
    MpiResult before = compute(BASE, EFFORT, p.records());
    MpiResult after = compute(BASE, EFFORT, more.records());
    for (int w = 0; w < before.national().size(); w++) {
      IndexCell b = before.national().get(w);
      IndexCell a = after.national().get(w);
      // with H = 1/b and H(0) = 1 nobody enters or leaves, and no H rises
      assertEquals(b.patients(), a.patients());
      if (b.patients() > 0) {
        assertTrue(
            a.meanHealth() <= b.meanHealth() + 1e-12, a.meanHealth() + " > " + b.meanHealth());
        assertTrue(a.mpi() <= b.mpi() + 1e-12, a.mpi() + " > " + b.mpi());
      }
    }
  }

  @Provide
  Arbitrary<DiagnosisCode> diagnoses() {
    return Arbitraries.of(
        DiagnosisCode.icd9("4019"),
        DiagnosisCode.icd9("25000"),
        DiagnosisCode.icd9("4280"),
        DiagnosisCode.icd9("496"),
        DiagnosisCode.icd9("7865"));
  }

  @Property(tries = 300)
  void addingAProcedureNeverLowersEffort(
      @ForAll("populations") Population p,
      @ForAll @IntRange(min = 0, max = 1000) int pick,
      @ForAll("studyDays") LocalDate day,
      @ForAll("knownCodes") String code) {
    Beneficiary who = p.beneficiaries().get(pick % p.beneficiaries().size());
    List<ClaimLine> lines = new ArrayList<>(p.claimLines());
    lines.add(
        ClaimLine.builder()
            .claimId("EXTRA")
            .beneficiaryId(who.id())
            .serviceFrom(day)
            .procedure(code)
            .build());
    Population more = new Population(p.beneficiaries(), p.enrollments(), lines);
    MpiResult before = compute(BASE, EFFORT, p.records());
    MpiResult after = compute(BASE, EFFORT, more.records());
    for (int w = 0; w < before.national().size(); w++) {
      IndexCell b = before.national().get(w);
      IndexCell a = after.national().get(w);
      // M only grows: included patients stay included, zero-effort ones may join
      assertTrue(a.patients() >= b.patients());
      double sumBefore = b.patients() == 0 ? 0 : b.meanEffort() * b.patients();
      double sumAfter = a.patients() == 0 ? 0 : a.meanEffort() * a.patients();
      assertTrue(sumAfter >= sumBefore - 1e-9, sumAfter + " < " + sumBefore);
      assertTrue(
          a.excluded(ExclusionReason.ZERO_EFFORT) <= b.excluded(ExclusionReason.ZERO_EFFORT));
    }
  }

  @Provide
  Arbitrary<LocalDate> studyDays() {
    return MpiArbitraries.dates(MpiArbitraries.POPULATION_START, MpiArbitraries.POPULATION_END);
  }

  @Provide
  Arbitrary<String> knownCodes() {
    return Arbitraries.of("99213", "99214", "99232", "27447", "71020");
  }

  @Property(tries = 300)
  void claimsOutsideTheTwoWindowsDoNotChangeTheIndex(
      @ForAll("populations") Population p,
      @ForAll @IntRange(min = 0, max = 1000) int pick,
      @ForAll("studyDays") LocalDate day,
      @ForAll("knownCodes") String code,
      @ForAll("diagnoses") DiagnosisCode dx) {
    Beneficiary who = p.beneficiaries().get(pick % p.beneficiaries().size());
    List<ClaimLine> lines = new ArrayList<>(p.claimLines());
    lines.add(
        ClaimLine.builder()
            .claimId("EXTRA")
            .beneficiaryId(who.id())
            .serviceFrom(day)
            .procedure(code)
            .diagnosis(dx)
            .build());
    MpiResult before = compute(BASE, EFFORT, p.records());
    MpiResult after =
        compute(BASE, EFFORT, new Population(p.beneficiaries(), p.enrollments(), lines).records());
    int u = BASE.windowScheme().indexOf(day);
    for (Window t : before.windows()) {
      if (t.index() == u || t.index() - 1 == u) {
        continue;
      }
      assertEquals(before.national(t), after.national(t));
      assertEquals(before.groups(t), after.groups(t));
    }
  }

  @Property(tries = 300)
  void nationalMeanOfRatiosIsThePatientWeightedMeanOfGroups(
      @ForAll("populations") Population p, @ForAll boolean byState) {
    MpiSpec spec =
        BASE.toBuilder()
            .grouping(byState ? Grouping.STATE : Grouping.by("sex", (b, g, w) -> b.sex().name()))
            .build();
    MpiResult r = compute(spec, EFFORT, p.records());
    for (Window t : r.windows()) {
      IndexCell nat = r.national(t).orElseThrow();
      long n = 0;
      double weighted = 0;
      for (IndexCell g : r.groups(t)) {
        if (g.patients() > 0) {
          n += g.patients();
          weighted += g.mpi() * g.patients();
        }
      }
      assertEquals(nat.patients(), n);
      if (n > 0) {
        assertEquals(nat.mpi(), weighted / n, Math.abs(nat.mpi()) * 1e-12);
      }
    }
  }

  @Property(tries = 300)
  void everyRecordAndCandidateIsAccountedFor(
      @ForAll("populations") Population p, @ForAll("specs") MpiSpec spec) {
    MpiResult r = compute(spec, EFFORT, p.records());
    // the populations must exercise the index: most have someone with a ratio
    boolean anyRatio = r.national().stream().anyMatch(c -> c.patients() > 0);
    Statistics.label("some patient has a ratio").collect(anyRatio);
    Statistics.label("some patient has a ratio")
        .coverage(c -> c.check(true).percentage(pct -> pct > 50));
    assertTrue(r.accounting().balanced(), r.accounting().toString());
    assertEquals(p.claimLines().size(), r.accounting().of("claim lines").read());
    assertEquals(p.beneficiaries().size(), r.accounting().of("beneficiaries").accepted());
    for (Window t : r.windows()) {
      IndexCell nat = r.national(t).orElseThrow();
      assertEquals(nat.candidates(), nat.patients() + nat.excludedTotal());
      long groupCandidates = 0;
      for (IndexCell g : r.groups(t)) {
        assertEquals(g.candidates(), g.patients() + g.excludedTotal());
        groupCandidates += g.candidates();
      }
      assertEquals(nat.candidates(), groupCandidates);
    }
  }

  @Property(tries = 100)
  void unknownCodesAreCountedPerOccurrence(@ForAll("populations") Population p) {
    MpiResult r = compute(BASE, EFFORT, p.records());
    long expected =
        p.claimLines().stream()
            .filter(
                l ->
                    !l.beneficiaryId().isEmpty()
                        && l.claimType() == org.mpindex.core.claims.ClaimType.PROFESSIONAL)
            .filter(l -> l.procedure().map(c -> c.code().equals("99499")).orElse(false))
            .count();
    assertEquals(expected, r.accounting().unknownCodes().getOrDefault("HCPCS 99499", 0L));
    assertEquals(
        Map.of(),
        Map.copyOf(r.accounting().unknownCodes()).entrySet().stream()
            .filter(e -> !e.getKey().equals("HCPCS 99499"))
            .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
  }

  @Property(tries = 300)
  void underLookBackNoValueUpToTMovesWhenLaterRecordsArrive(
      @ForAll("populations") Population p,
      @ForAll("specs") MpiSpec spec,
      @ForAll @IntRange(min = 0, max = 12) int cut,
      @ForAll boolean withCohort) {
    MpiSpec.Builder b = spec.toBuilder().eligibility(Eligibility.LOOK_BACK);
    if (withCohort) {
      // a cohort that asks about the past, the present and the window after t
      b.cohort(
          Cohort.of(
              "asks around t",
              List.of(new ClaimMarker("dx", l -> !l.diagnoses().isEmpty())),
              v ->
                  v.firstMarked("dx").isPresent()
                      || v.marked("dx", 0, 1)
                      || v.burden(1) > 0
                      || v.effortMicros(1) > 0));
    }
    MpiSpec lookBack = b.build();
    LocalDate tEnd =
        lookBack
            .windowScheme()
            .window(lookBack.windowScheme().indexOf(MpiArbitraries.POPULATION_START) + cut)
            .end();
    List<Object> upToT = new ArrayList<>();
    for (Object r : p.records()) {
      boolean later =
          (r instanceof ClaimLine claimLine
                  && lookBack.claimDating().dayOf(claimLine).isAfter(tEnd))
              || (r instanceof Enrollment enrollment && enrollment.start().isAfter(tEnd));
      if (!later) {
        upToT.add(r);
      }
    }
    MpiResult before = compute(lookBack, EFFORT, upToT);
    MpiResult after = compute(lookBack, EFFORT, p.records());
    for (Window t : before.windows()) {
      if (t.end().isAfter(tEnd)) {
        continue;
      }
      assertEquals(before.national(t), after.national(t), t.label());
      assertEquals(before.groups(t), after.groups(t), t.label());
    }
  }

  @Property(tries = 300)
  void aRejectedEffortNeverChangesWhoHasAHealthLevelOrWhatItIs(
      @ForAll("populations") Population p, @ForAll @IntRange(min = 2, max = 5) int every) {
    // with M floored, everyone reaching the effort step has a ratio: rejecting some lines' effort
    // can change M, never the patients or their H
    MpiSpec floored = BASE.toBuilder().zeroEffort(ZeroEffort.floor(0.1)).build();
    EffortCalculator rejectSome =
        (line, day, tally) -> {
          if (Math.floorMod(line.claimId().hashCode(), every) == 0) {
            throw new org.mpindex.core.spi.RejectedRecordException(
                "test rejection", "rejected " + line.claimId());
          }
          return EFFORT.effortMicros(line, day, tally);
        };
    MpiResult all = compute(floored, EFFORT, p.records());
    MpiResult some = compute(floored, rejectSome, p.records());
    for (int w = 0; w < all.national().size(); w++) {
      IndexCell a = all.national().get(w);
      IndexCell s = some.national().get(w);
      assertEquals(a.patients(), s.patients());
      assertEquals(a.candidates(), s.candidates());
      assertEquals(a.exclusions(), s.exclusions());
      assertEquals(a.meanHealth(), s.meanHealth(), 0);
    }
    assertTrue(some.accounting().balanced());
    assertEquals(all.accounting().of("claim lines"), some.accounting().of("claim lines"));
  }

  /** The population's claim lines as one columnar batch of {@code a}, other records added as objects. */
  static IndexAssembler columnar(IndexAssembler a, List<Object> records) {
    return a.add(batchOf(a, records));
  }

  /** The claim lines of {@code records} as a batch of {@code a}; the other records added to it. */
  static ClaimColumns batchOf(IndexAssembler a, List<Object> records) {
    ClaimColumns batch = new ClaimColumns(16);
    for (Object r : records) {
      if (r instanceof ClaimLine l) {
        int sig =
            a.columnar()
                .lineSignature(
                    l.procedure().orElse(null),
                    l.modifiers(),
                    l.units(),
                    l.claimType(),
                    l.placeOfService().orElse(null));
        batch.line(
            a.columnar().patientIndex(l.beneficiaryId()),
            (int) l.serviceFrom().toEpochDay(),
            (int) l.serviceThrough().toEpochDay(),
            sig);
        l.diagnoses().forEach(d -> batch.diagnosis(a.columnar().diagnosisIndex(d)));
      } else {
        a.addAll(List.of(r));
      }
    }
    return batch;
  }

  /**
   * The columnar fold reads one to four diagnoses of a line without a loop and the rest with one:
   * lines with none and with up to twelve give the object result too (the generated populations
   * carry at most four).
   */
  @Property(tries = 200)
  void columnarBatchesReadAnyNumberOfDiagnoses(
      @ForAll("populations") Population p, @ForAll("specs") MpiSpec spec, @ForAll long seed) {
    List<DiagnosisCode> pool = new ArrayList<>(List.of(DiagnosisCode.icd9("4019")));
    for (Object o : p.records()) {
      if (o instanceof ClaimLine l) {
        pool.addAll(l.diagnoses());
      }
    }
    List<Object> records = withDiagnosesDrawn(p, seed, pool, 12);
    MpiResult objects = compute(spec, EFFORT, records);
    MpiResult columns = columnar(IndexAssembler.create(spec, EFFORT, GROUPER), records).assemble();
    assertEquals(objects, columns);
  }

  /**
   * Hundreds of distinct diagnoses (the columnar fold's category table starts at 256 entries and
   * doubles; its loop masks each diagnosis index with the table's length): lines whose diagnoses
   * are drawn from 500 codes of the grouper's prefixes and of none give the object result, whatever the order the
   * codes are interned in.
   */
  @Property(tries = 100)
  void columnarBatchesOverHundredsOfDistinctDiagnosesGiveTheObjectResult(
      @ForAll("populations") Population p, @ForAll("specs") MpiSpec spec, @ForAll long seed) {
    List<DiagnosisCode> pool = new ArrayList<>();
    for (String prefix : List.of("401", "250", "428", "496", "786")) {
      for (int k = 0; k < 100; k++) {
        pool.add(DiagnosisCode.icd9(prefix + (k < 10 ? "0" : "") + k));
      }
    }
    List<Object> records = withDiagnosesDrawn(p, seed, pool, 6);
    // the codes interned first in a random order, so that any code can sit at any index
    IndexAssembler a = IndexAssembler.create(spec, EFFORT, GROUPER);
    List<DiagnosisCode> order = new ArrayList<>(pool);
    java.util.Collections.shuffle(order, new Random(~seed));
    order.forEach(a.columnar()::diagnosisIndex);
    MpiResult objects = compute(spec, EFFORT, records);
    assertEquals(objects, columnar(a, records).assemble());
  }

  /**
   * The population's records in the order of {@code seed}, each claim line's diagnoses replaced by
   * 0 to {@code most} codes drawn from {@code pool} (repeats allowed).
   */
  static List<Object> withDiagnosesDrawn(
      Population p, long seed, List<DiagnosisCode> pool, int most) {
    Random r = new Random(seed);
    List<Object> records = new ArrayList<>();
    for (Object o : p.shuffledRecords(seed)) {
      if (o instanceof ClaimLine l) {
        List<DiagnosisCode> dx = new ArrayList<>();
        for (int n = r.nextInt(most + 1); n > 0; n--) {
          dx.add(pool.get(r.nextInt(pool.size())));
        }
        records.add(
            new ClaimLine(
                l.claimId(),
                l.beneficiaryId(),
                l.serviceFrom(),
                l.serviceThrough(),
                l.procedure(),
                l.modifiers(),
                l.units(),
                l.placeOfService(),
                l.claimType(),
                dx));
      } else {
        records.add(o);
      }
    }
    return records;
  }

  @Property(tries = 300)
  void columnarBatchesGiveExactlyTheObjectResult(
      @ForAll("populations") Population p,
      @ForAll("specs") MpiSpec spec,
      @ForAll long seed,
      @ForAll boolean periods) {
    // with pricing periods (memoised valuation) and without (every line valued)
    EffortCalculator effort =
        periods ? EFFORT : (line, day, tally) -> EFFORT.effortMicros(line, day, tally);
    MpiResult objects = compute(spec, effort, p.shuffledRecords(seed));
    MpiResult columns =
        columnar(IndexAssembler.create(spec, effort, GROUPER), p.shuffledRecords(seed)).assemble();
    assertEquals(objects.accounting(), columns.accounting());
    assertEquals(objects.national(), columns.national());
    assertEquals(objects.groupCells(), columns.groupCells());
    assertEquals(objects, columns);
  }

  /**
   * A calculator whose prices change every year (pricing period = year), that rejects 71020 in
   * even years and values 27447 twenty-thousandfold (435,800 RVU: more micro-units than an entry of
   * the dense fold's table holds), over the populations' codes (99499 stays unknown): every path of the columnar
   * fold, fast and general.
   */
  static final EffortCalculator YEARLY =
      new EffortCalculator() {
        @Override
        public long effortMicros(
            ClaimLine line, LocalDate day, org.mpindex.core.spi.CodeTally tally) {
          String code = line.procedure().map(c -> c.code()).orElse("");
          if (code.equals("71020") && day.getYear() % 2 == 0) {
            throw new org.mpindex.core.spi.RejectedRecordException("no price", code);
          }
          long base = EFFORT.effortMicros(line, day, tally);
          long scale = code.equals("27447") ? 20_000 : 1 + day.getYear() % 3;
          return Math.multiplyExact(base, scale);
        }

        @Override
        public int pricingPeriod(LocalDate day) {
          return day.getYear();
        }
      };

  /**
   * The columnar fold (its fast dense loop and the general path it hands hard lines to) gives the
   * object result bit for bit, counts included, whatever the batches the lines come in: prices by
   * year, rejections, unknown codes, efforts too large for the fast table, lines outside the study.
   */
  @Property(tries = 300)
  void columnarBatchesOfAnySizeGiveTheObjectResultUnderYearlyPrices(
      @ForAll("populations") Population p, @ForAll("specs") MpiSpec spec, @ForAll long seed) {
    List<Object> records = p.shuffledRecords(seed);
    MpiResult objects = compute(spec, YEARLY, records);
    IndexAssembler a = IndexAssembler.create(spec, YEARLY, GROUPER);
    Random r = new Random(seed);
    List<ClaimLine> lines = new ArrayList<>();
    for (Object o : records) {
      if (o instanceof ClaimLine l) {
        lines.add(l);
      } else {
        a.addAll(List.of(o));
      }
    }
    int i = 0;
    while (i < lines.size()) {
      int n = 1 + r.nextInt(lines.size() - i);
      List<Object> chunk = new ArrayList<>(lines.subList(i, i + n));
      columnar(a, chunk);
      i += n;
    }
    MpiResult columns = a.assemble();
    assertEquals(objects.accounting(), columns.accounting());
    assertEquals(objects, columns);
  }

  /** Regrouping a batch by patient block changes only the order of its lines: the same index. */
  @Property(tries = 200)
  void aBatchRegroupedByPatientBlockGivesTheSameResult(
      @ForAll("populations") Population p,
      @ForAll("specs") MpiSpec spec,
      @ForAll long seed,
      @ForAll @IntRange(min = 0, max = 4) int blockBits) {
    List<Object> records = p.shuffledRecords(seed);
    MpiResult objects = compute(spec, YEARLY, records);
    IndexAssembler a = IndexAssembler.create(spec, YEARLY, GROUPER);
    ClaimColumns batch = batchOf(a, records);
    ClaimColumns regrouped = batch.byPatientBlock(blockBits);
    assertEquals(batch.size(), regrouped.size());
    assertEquals(objects, a.add(regrouped).assemble());
  }

  @Property(tries = 200)
  void diagnosisClaimTypesFilterTheSameOnColumnsAndObjects(
      @ForAll("populations") Population p,
      @ForAll long seed,
      @ForAll @net.jqwik.api.constraints.Size(min = 1)
          java.util.Set<org.mpindex.core.claims.ClaimType> types) {
    MpiSpec spec = BASE.toBuilder().diagnosisClaimTypes(types).build();
    MpiResult objects = compute(spec, EFFORT, p.shuffledRecords(seed));
    assertEquals(
        objects,
        columnar(IndexAssembler.create(spec, EFFORT, GROUPER), p.shuffledRecords(seed)).assemble());
    // leaving a type's diagnoses out never raises a burden: H and the MPI never fall
    MpiResult all = compute(BASE, EFFORT, p.records());
    for (int w = 0; w < all.national().size(); w++) {
      IndexCell a = all.national().get(w);
      IndexCell f = objects.national().get(w);
      assertEquals(a.patients(), f.patients());
      if (a.patients() > 0) {
        assertTrue(
            f.meanHealth() >= a.meanHealth() - 1e-12, f.meanHealth() + " < " + a.meanHealth());
      }
    }
  }

  @Property(tries = 200)
  void confirmationDoesNotDependOnOrderOrSplitAndNeverRaisesABurden(
      @ForAll("populations") Population p,
      @ForAll long seed,
      @ForAll @IntRange(min = 0, max = 3) int lookBack,
      @ForAll @IntRange(min = 1, max = 3) int claims,
      @ForAll @IntRange(min = 2, max = 4) int k) {
    MpiSpec spec =
        BASE.toBuilder()
            .confirmation(org.mpindex.core.index.Confirmation.of(lookBack, claims))
            .build();
    MpiResult whole = compute(spec, EFFORT, p.records());
    assertEquals(whole, compute(spec, EFFORT, p.shuffledRecords(seed)));
    List<IndexAssembler> parts = new ArrayList<>();
    for (int i = 0; i < k; i++) {
      parts.add(IndexAssembler.create(spec, EFFORT, GROUPER));
    }
    // any split of the records, even a claim's lines over several assemblers
    Random r = new Random(seed);
    for (Object x : p.shuffledRecords(seed)) {
      parts.get(r.nextInt(k)).addAll(List.of(x));
    }
    for (int i = 1; i < k; i++) {
      parts.get(0).combine(parts.get(i));
    }
    assertEquals(whole, parts.get(0).assemble());
    // a rule only removes categories: H never falls below the no-rule value's
    MpiResult none = compute(BASE, EFFORT, p.records());
    for (int w = 0; w < none.national().size(); w++) {
      IndexCell a = none.national().get(w);
      IndexCell c = whole.national().get(w);
      assertEquals(a.patients(), c.patients());
      if (a.patients() > 0) {
        assertTrue(c.meanHealth() >= a.meanHealth() - 1e-12);
      }
    }
  }

  @Property(tries = 200)
  void anyNumberOfThreadsGivesTheSameBits(
      @ForAll("populations") Population p,
      @ForAll("specs") MpiSpec spec,
      @ForAll @IntRange(min = 2, max = 8) int threads) {
    IndexAssembler a = IndexAssembler.create(spec, EFFORT, GROUPER).addAll(p.records());
    assertEquals(a.assemble(), a.assemble(threads));
  }

  /**
   * {@link IndexAssembler#expectPatients} only sizes memory: any hint (none, too few, exact, far too
   * many), given before or between the records, before or after the study period is fixed, on the
   * object or the columnar path, leaves every value and count as they were.
   */
  @Property(tries = 200)
  void aPatientsHintChangesNothing(
      @ForAll("populations") Population p,
      @ForAll("specs") MpiSpec spec,
      @ForAll long seed,
      @ForAll @IntRange(min = 0, max = 5000) int hint,
      @ForAll boolean early,
      @ForAll boolean columns) {
    List<Object> records = p.shuffledRecords(seed);
    MpiResult plain = compute(spec, YEARLY, records);
    MpiSpec open = spec.toBuilder().studyPeriodFromRecords().build();
    IndexAssembler a = IndexAssembler.create(early ? spec : open, YEARLY, GROUPER);
    if (early) {
      a.expectPatients(hint);
    }
    List<Object> claims = new ArrayList<>();
    for (Object r : records) {
      if (r instanceof ClaimLine) {
        claims.add(r);
      } else {
        a.addAll(List.of(r));
      }
    }
    if (!early) {
      a.expectPatients(hint);
      if (a.studyPeriod().isEmpty()) {
        return;
      }
      // the period of the records, fixed now: then the spec's, for the comparison
      a.fixStudyPeriod();
      plain = compute(open, YEARLY, records);
    }
    if (columns) {
      columnar(a, claims);
    } else {
      a.addAll(claims);
    }
    assertEquals(plain.accounting(), a.assemble().accounting());
    assertEquals(plain, a.assemble());
  }

  @Property(tries = 200)
  void theDenseLayoutOfAFixedStudyPeriodGivesTheSameResult(
      @ForAll("populations") Population p, @ForAll("specs") MpiSpec spec, @ForAll long seed) {
    // no declared period: the enrollment span; fixed before the claims (dense) or not (hash)
    MpiSpec open = spec.toBuilder().studyPeriodFromRecords().build();
    List<Object> others = new ArrayList<>();
    List<Object> claims = new ArrayList<>();
    for (Object r : p.shuffledRecords(seed)) {
      (r instanceof ClaimLine ? claims : others).add(r);
    }
    IndexAssembler hash =
        IndexAssembler.create(open, EFFORT, GROUPER).addAll(others).addAll(claims);
    IndexAssembler dense = IndexAssembler.create(open, EFFORT, GROUPER).addAll(others);
    if (dense.studyPeriod().isEmpty()) {
      return;
    }
    dense.fixStudyPeriod().addAll(claims);
    assertEquals(hash.assemble(), dense.assemble());
  }

  @Property(tries = 200)
  void partialsOfDisjointPatientsMergeToTheWhole(
      @ForAll("populations") Population p,
      @ForAll("specs") MpiSpec spec,
      @ForAll @IntRange(min = 1, max = 5) int k,
      @ForAll long seed)
      throws Exception {
    List<IndexAssembler> shards = new ArrayList<>();
    for (int i = 0; i < k; i++) {
      shards.add(IndexAssembler.create(spec, EFFORT, GROUPER));
    }
    for (Object r : p.shuffledRecords(seed)) {
      shards.get(Math.floorMod(idOf(r).hashCode() * 31 + (int) seed, k)).addAll(List.of(r));
    }
    // merged in reverse order, each partial through Java serialization (as between processes)
    org.mpindex.core.index.IndexPartial merged = null;
    for (int i = k - 1; i >= 0; i--) {
      org.mpindex.core.index.IndexPartial part = roundTrip(shards.get(i).partial(2));
      merged = merged == null ? part : merged.merge(part);
    }
    assertEquals(compute(spec, EFFORT, p.records()), shards.get(0).result(merged));
  }

  @Property(tries = 200)
  void shardsGivenTheWholesStudyPeriodMergeToTheWhole(
      @ForAll("populations") Population p,
      @ForAll("specs") MpiSpec declared,
      @ForAll @IntRange(min = 1, max = 5) int k,
      @ForAll long seed)
      throws Exception {
    // no study period declared: the whole takes the span of all enrollment records; a shard sees
    // only its own, so it is given the whole's period (as mpi-spark does) and must then agree
    MpiSpec spec = declared.toBuilder().studyPeriodFromRecords().build();
    IndexAssembler whole = IndexAssembler.create(spec, EFFORT, GROUPER).addAll(p.records());
    java.util.Optional<StudyPeriod> period = whole.studyPeriod();
    List<IndexAssembler> shards = new ArrayList<>();
    for (int i = 0; i < k; i++) {
      IndexAssembler shard = IndexAssembler.create(spec, EFFORT, GROUPER);
      period.ifPresent(shard::fixStudyPeriod);
      shards.add(shard);
    }
    for (Object r : p.shuffledRecords(seed)) {
      shards.get(Math.floorMod(idOf(r).hashCode() * 31 + (int) seed, k)).addAll(List.of(r));
    }
    org.mpindex.core.index.IndexPartial merged = null;
    for (IndexAssembler shard : shards) {
      org.mpindex.core.index.IndexPartial part = roundTrip(shard.partial(1));
      merged = merged == null ? part : merged.merge(part);
    }
    IndexAssembler reader = IndexAssembler.create(spec, EFFORT, GROUPER);
    period.ifPresent(reader::fixStudyPeriod);
    assertEquals(whole.assemble(), reader.result(merged));
  }

  /**
   * Side-by-side cohorts and other lags (what {@code mpi compute --cohort} and {@code --sensitivity}
   * read from one fold) merge like the index itself: each shard's {@code cohortPartials} and {@code
   * partialWithLag}, merged by cohort and by lag, read to exactly what one assembler over every
   * record gives with {@code assembleCohorts} and {@code assembleWithLag}.
   */
  @Property(tries = 150)
  void cohortAndLagPartialsOfDisjointPatientsMergeToTheWhole(
      @ForAll("populations") Population p,
      @ForAll("specs") MpiSpec base,
      @ForAll @IntRange(min = 1, max = 5) int k,
      @ForAll @IntRange(min = 0, max = 2) int lag,
      @ForAll long seed)
      throws Exception {
    MpiSpec spec =
        base.toBuilder()
            .cohorts(
                List.of(
                    Cohort.withDiagnosis("htn", dx -> dx.code().startsWith("401"), -1, 0),
                    Cohort.ageBetween(70, 120)))
            .build();
    IndexAssembler whole = IndexAssembler.create(spec, EFFORT, GROUPER).addAll(p.records());
    List<IndexAssembler> shards = new ArrayList<>();
    for (int i = 0; i < k; i++) {
      shards.add(IndexAssembler.create(spec, EFFORT, GROUPER));
    }
    for (Object r : p.shuffledRecords(seed)) {
      shards.get(Math.floorMod(idOf(r).hashCode() * 31 + (int) seed, k)).addAll(List.of(r));
    }
    Map<String, org.mpindex.core.index.IndexPartial> cohorts = new java.util.LinkedHashMap<>();
    org.mpindex.core.index.IndexPartial lagged = null;
    for (int i = k - 1; i >= 0; i--) {
      for (Map.Entry<String, org.mpindex.core.index.IndexPartial> c :
          shards.get(i).cohortPartials(1 + i % 2).entrySet()) {
        org.mpindex.core.index.IndexPartial part = roundTrip(c.getValue());
        cohorts.merge(c.getKey(), part, org.mpindex.core.index.IndexPartial::merge);
      }
      org.mpindex.core.index.IndexPartial part = roundTrip(shards.get(i).partialWithLag(lag, 1));
      lagged = lagged == null ? part : lagged.merge(part);
    }
    IndexAssembler reader = IndexAssembler.create(spec, EFFORT, GROUPER);
    Map<String, MpiResult> expected = whole.assembleCohorts(2);
    assertEquals(2, expected.size());
    assertEquals(expected, reader.cohortResults(cohorts));
    assertEquals(whole.assembleWithLag(lag, 1), reader.resultWithLag(lagged, lag));
  }

  static org.mpindex.core.index.IndexPartial roundTrip(org.mpindex.core.index.IndexPartial p)
      throws Exception {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
      out.writeObject(p);
    }
    try (java.io.ObjectInputStream in =
        new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
      return (org.mpindex.core.index.IndexPartial) in.readObject();
    }
  }
}
