package org.mpindex.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.mpindex.core.claims.Beneficiary;
import org.mpindex.core.claims.ClaimLine;
import org.mpindex.core.claims.ClaimType;
import org.mpindex.core.claims.DiagnosisCode;
import org.mpindex.core.claims.Enrollment;
import org.mpindex.core.claims.Geography;
import org.mpindex.core.claims.ProcedureCode;
import org.mpindex.core.claims.Program;
import org.mpindex.core.claims.Sex;
import org.mpindex.core.claims.UsState;
import org.mpindex.core.index.AgeReference;
import org.mpindex.core.index.Aggregation;
import org.mpindex.core.index.Coverage;
import org.mpindex.core.index.Grouping;
import org.mpindex.core.index.HealthPopulation;
import org.mpindex.core.index.IndexAssembler;
import org.mpindex.core.index.MpiResult;
import org.mpindex.core.index.MpiSpec;
import org.mpindex.core.index.RealTimeIndex;
import org.mpindex.core.index.ZeroEffort;
import org.mpindex.core.time.Window;

/**
 * The real-time index against a batch run over the same net records (issue #14, point 1): any
 * arrival order, late claims, reversals, any end day.
 */
class RealTimeIndexProperties {
  static final MpiSpec SPEC = MpiSpec.builder().minimumEligibleWindows(2).build();

  @Provide
  net.jqwik.api.Arbitrary<Population> populations() {
    return MpiArbitraries.populations();
  }

  static RealTimeIndex engine() {
    return RealTimeIndex.create(
        SPEC,
        IndexAssemblerProperties.EFFORT,
        IndexAssemblerProperties.GROUPER,
        90,
        MpiArbitraries.POPULATION_START);
  }

  static void feed(RealTimeIndex rt, Object r) {
    if (r instanceof Beneficiary beneficiary) {
      rt.add(beneficiary);
    } else if (r instanceof Enrollment enrollment) {
      rt.add(enrollment);
    } else {
      rt.add((ClaimLine) r);
    }
  }

  @Property(tries = 250)
  void anyArrivalOrderAndReversalsGiveTheBatchCells(
      @ForAll("populations") Population p,
      @ForAll long seed,
      @ForAll @IntRange(min = 0, max = 600) int endOffset) {
    Random r = new Random(seed);
    // some claims are reversed after everything arrived; the batch sees the others
    Set<String> reversed = new HashSet<>();
    for (ClaimLine l : p.claimLines()) {
      if (r.nextInt(5) == 0) {
        reversed.add(l.beneficiaryId() + "|" + l.claimId());
      }
    }
    RealTimeIndex rt = engine();
    p.shuffledRecords(seed).forEach(x -> feed(rt, x));
    reversed.forEach(
        k -> rt.reverse(k.substring(0, k.indexOf('|')), k.substring(k.indexOf('|') + 1)));
    List<Object> net = new ArrayList<>();
    for (Object x : p.records()) {
      if (!(x instanceof ClaimLine claimLine)
          || !reversed.contains(claimLine.beneficiaryId() + "|" + claimLine.claimId())) {
        net.add(x);
      }
    }
    // the first day with an index: two 90-day windows after the study start
    LocalDate end = MpiArbitraries.POPULATION_START.plusDays(179 + endOffset);
    RealTimeIndex.WindowIndex live = rt.query(end);
    MpiResult batch =
        IndexAssembler.create(
                rt.batchSpec(end),
                IndexAssemblerProperties.EFFORT,
                IndexAssemblerProperties.GROUPER)
            .addAll(net)
            .assemble();
    Window w = batch.windows().get(batch.windows().size() - 1);
    assertEquals(end, w.end());
    assertEquals(batch.national(w).orElseThrow(), live.national());
    assertEquals(batch.groups(w), live.groups());
  }

  /**
   * Engines holding disjoint patients (a cluster's partitions) give, per window end, partials that
   * merge in any order into the query of one engine over every record: the same national and group
   * cells, read by an engine that holds no record.
   */
  @Property(tries = 150)
  void partialsOfDisjointPatientsMergeToOneEnginesQuery(
      @ForAll("populations") Population p,
      @ForAll @IntRange(min = 1, max = 5) int k,
      @ForAll long seed,
      @ForAll @IntRange(min = 0, max = 600) int endOffset)
      throws Exception {
    RealTimeIndex whole = engine();
    p.records().forEach(x -> feed(whole, x));
    List<RealTimeIndex> shards = new ArrayList<>();
    for (int i = 0; i < k; i++) {
      shards.add(engine());
    }
    for (Object x : p.shuffledRecords(seed)) {
      feed(
          shards.get(Math.floorMod(IndexAssemblerProperties.idOf(x).hashCode() + (int) seed, k)),
          x);
    }
    LocalDate end = MpiArbitraries.POPULATION_START.plusDays(179 + endOffset);
    org.mpindex.core.index.IndexPartial merged = null;
    for (int i = k - 1; i >= 0; i--) {
      org.mpindex.core.index.IndexPartial part =
          IndexAssemblerProperties.roundTrip(shards.get(i).partial(end));
      merged = merged == null ? part : merged.merge(part);
    }
    assertEquals(whole.query(end), engine().read(end, merged));
  }

  @Property(tries = 100)
  void aReversedClaimSentAgainRestoresTheIndex(
      @ForAll("populations") Population p,
      @ForAll long seed,
      @ForAll @IntRange(min = 0, max = 400) int endOffset) {
    RealTimeIndex once = engine();
    p.records().forEach(x -> feed(once, x));
    RealTimeIndex twice = engine();
    p.shuffledRecords(seed).forEach(x -> feed(twice, x));
    // every claim reversed and sent again (an adjustment that changes nothing)
    Set<String> done = new HashSet<>();
    for (ClaimLine l : p.claimLines()) {
      if (done.add(l.beneficiaryId() + "|" + l.claimId())) {
        twice.reverse(l.beneficiaryId(), l.claimId());
        p.claimLines().stream()
            .filter(
                o -> o.beneficiaryId().equals(l.beneficiaryId()) && o.claimId().equals(l.claimId()))
            .forEach(twice::add);
      }
    }
    LocalDate end = MpiArbitraries.POPULATION_START.plusDays(179 + endOffset);
    assertEquals(once.query(end), twice.query(end));
  }

  // ------------------------------------------------------ incremental == rebuild (issue 28, point
  // 4)

  /**
   * Specs the incremental properties run under: the national cell; groups by state (cells moved by
   * exact removal); a median by state (cells rebuilt from the kept outcomes); any-day coverage with
   * the age at the window's end and a programs filter; full-window coverage with the age at the start
   * of the effort window, 65 as the minimum age, patients with a claim only and an effort floor; and a
   * grouping whose key reads the window (every patient re-evaluated at each query).
   */
  @Provide
  net.jqwik.api.Arbitrary<MpiSpec> specs() {
    return net.jqwik.api.Arbitraries.of(
        SPEC,
        SPEC.toBuilder().grouping(Grouping.STATE).build(),
        SPEC.toBuilder().grouping(Grouping.STATE).aggregation(Aggregation.median()).build(),
        SPEC.toBuilder()
            .coverage(Coverage.ANY_DAY)
            .ageReference(AgeReference.END_OF_WINDOW)
            .programs(Set.of(Program.MEDICARE_FFS))
            .grouping(Grouping.COUNTY)
            .build(),
        SPEC.toBuilder()
            .coverage(Coverage.FULL_WINDOW)
            .ageReference(AgeReference.START_OF_EFFORT_WINDOW)
            .minimumAge(65)
            .healthPopulation(HealthPopulation.WITH_CLAIM_IN_WINDOW)
            .zeroEffort(ZeroEffort.floorMicros(100_000))
            .minimumEligibleWindows(3)
            .build(),
        SPEC.toBuilder()
            .grouping(
                Grouping.by(
                    "month-of-window", (b, g, w) -> b.sex() + "-" + w.end().getMonthValue()))
            .build());
  }

  static RealTimeIndex engine(MpiSpec spec) {
    return RealTimeIndex.create(
        spec,
        IndexAssemblerProperties.EFFORT,
        IndexAssemblerProperties.GROUPER,
        90,
        MpiArbitraries.POPULATION_START);
  }

  /**
   * The reference: a batch assembler over {@code net} with the query's spec, its last window (the
   * rebuilding path is gone from the engine; the batch derives the same cells another way).
   */
  static RealTimeIndex.WindowIndex batch(RealTimeIndex rt, LocalDate end, List<Object> net) {
    MpiResult r =
        IndexAssembler.create(
                rt.batchSpec(end),
                IndexAssemblerProperties.EFFORT,
                IndexAssemblerProperties.GROUPER)
            .addAll(net)
            .assemble();
    Window w = r.windows().get(r.windows().size() - 1);
    assertEquals(end, w.end());
    return new RealTimeIndex.WindowIndex(end, r.spec(), r.national(w).orElseThrow(), r.groups(w));
  }

  /** The next query end: mostly a few days on (a daily series), sometimes back, never too early. */
  static LocalDate nextEnd(LocalDate end, LocalDate first, Random r) {
    int step = r.nextInt(10) == 0 ? -r.nextInt(200) : r.nextInt(10) < 6 ? 1 : r.nextInt(40);
    LocalDate next = end.plusDays(step);
    LocalDate last = MpiArbitraries.POPULATION_END.plusDays(200);
    return next.isBefore(first)
        ? first
        : next.isAfter(last) ? first.plusDays(r.nextInt(300)) : next;
  }

  /**
   * Adds, reversals, corrected claims sent again and queries, interleaved at random: every query
   * equals the batch over the records net at that moment (a reversal cancels the lines of its claim
   * received so far), under every spec of {@link #specs}.
   */
  @Property(tries = 200)
  void interleavedAddsReversalsAndQueriesGiveTheBatchCells(
      @ForAll("populations") Population p,
      @ForAll("specs") MpiSpec spec,
      @ForAll long seed,
      @ForAll @IntRange(min = 0, max = 500) int startOffset) {
    Random r = new Random(seed);
    RealTimeIndex rt = engine(spec);
    List<Object> net = new ArrayList<>();
    List<ClaimLine> sent = new ArrayList<>();
    LocalDate first = rt.firstEnd();
    LocalDate end = first.plusDays(startOffset);
    for (Object x : p.shuffledRecords(seed)) {
      feed(rt, x);
      net.add(x);
      if (x instanceof ClaimLine l) {
        sent.add(l);
      }
      int op = r.nextInt(10);
      if (op < 2 && !sent.isEmpty()) {
        // a reversal of a claim sent so far, sometimes followed by its lines again (an adjustment)
        ClaimLine l = sent.get(r.nextInt(sent.size()));
        int cancelled = rt.reverse(l.beneficiaryId(), l.claimId());
        int before = net.size();
        net.removeIf(
            o ->
                o instanceof ClaimLine c
                    && c.beneficiaryId().equals(l.beneficiaryId())
                    && c.claimId().equals(l.claimId()));
        assertEquals(before - net.size(), cancelled);
        sent.removeIf(
            c -> c.beneficiaryId().equals(l.beneficiaryId()) && c.claimId().equals(l.claimId()));
        if (op == 0) {
          feed(rt, l);
          net.add(l);
          sent.add(l);
        }
      } else if (op < 5) {
        end = nextEnd(end, first, r);
        assertEquals(batch(rt, end, net), rt.query(end), "at " + end);
      }
    }
    for (int k = 0; k < 6; k++) {
      end = nextEnd(end, first, r);
      assertEquals(batch(rt, end, net), rt.query(end), "at " + end);
    }
  }

  /**
   * A daily series (every day of a stretch, the way the CLI's --realtime-until asks), all records
   * in: each day equals the batch, under every spec.
   */
  @Property(tries = 40)
  void aDailySeriesGivesTheBatchCellsEveryDay(
      @ForAll("populations") Population p,
      @ForAll("specs") MpiSpec spec,
      @ForAll @IntRange(min = 0, max = 450) int startOffset) {
    RealTimeIndex rt = engine(spec);
    p.records().forEach(x -> feed(rt, x));
    List<Object> net = new ArrayList<>(p.records());
    LocalDate from = rt.firstEnd().plusDays(startOffset);
    for (LocalDate end = from; end.isBefore(from.plusDays(120)); end = end.plusDays(1)) {
      assertEquals(batch(rt, end, net), rt.query(end), "at " + end);
    }
  }

  /**
   * The order of the adds does not matter, nor the queries asked between them: an engine fed in
   * order and queried once per end, and one fed shuffled with queries in between, answer the same
   * series.
   */
  @Property(tries = 100)
  void addsInAnyOrderWithQueriesBetweenGiveTheSameSeries(
      @ForAll("populations") Population p, @ForAll("specs") MpiSpec spec, @ForAll long seed) {
    Random r = new Random(seed);
    RealTimeIndex plain = engine(spec);
    p.records().forEach(x -> feed(plain, x));
    RealTimeIndex shuffled = engine(spec);
    LocalDate first = plain.firstEnd();
    LocalDate end = first.plusDays(r.nextInt(300));
    for (Object x : p.shuffledRecords(seed)) {
      feed(shuffled, x);
      if (r.nextInt(3) == 0) {
        end = nextEnd(end, first, r);
        shuffled.query(end);
      }
    }
    List<LocalDate> ends = new ArrayList<>();
    for (int k = 0; k < 12; k++) {
      end = nextEnd(end, first, r);
      ends.add(end);
    }
    for (LocalDate e : ends) {
      assertEquals(plain.query(e), shuffled.query(e), "at " + e);
    }
  }

  /**
   * Claims added and then reversed, with queries between the add and the reversal, leave the
   * engine answering as if they had never come.
   */
  @Property(tries = 100)
  void claimsAddedThenReversedAreAsNeverAdded(
      @ForAll("populations") Population p, @ForAll("specs") MpiSpec spec, @ForAll long seed) {
    Random r = new Random(seed);
    RealTimeIndex never = engine(spec);
    p.records().forEach(x -> feed(never, x));
    RealTimeIndex undone = engine(spec);
    p.records().forEach(x -> feed(undone, x));
    // extra claims: copies of lines under new claim ids, some moved in time
    List<ClaimLine> extra = new ArrayList<>();
    for (ClaimLine l : p.claimLines()) {
      if (r.nextInt(2) == 0) {
        int shift = r.nextInt(200) - 100;
        extra.add(
            l.toBuilder()
                .claimId("extra-" + l.claimId())
                .serviceFrom(l.serviceFrom().plusDays(shift))
                .serviceThrough(l.serviceThrough().plusDays(shift))
                .build());
      }
    }
    LocalDate first = never.firstEnd();
    LocalDate end = first.plusDays(r.nextInt(300));
    for (ClaimLine l : extra) {
      undone.add(l);
      if (r.nextInt(3) == 0) {
        end = nextEnd(end, first, r);
        undone.query(end);
      }
    }
    Set<String> done = new HashSet<>();
    for (ClaimLine l : extra) {
      if (done.add(l.beneficiaryId() + "|" + l.claimId())) {
        undone.reverse(l.beneficiaryId(), l.claimId());
      }
      if (r.nextInt(4) == 0) {
        end = nextEnd(end, first, r);
        undone.query(end);
      }
    }
    for (int k = 0; k < 10; k++) {
      end = nextEnd(end, first, r);
      assertEquals(never.query(end), undone.query(end), "at " + end);
    }
  }

  /**
   * Patients whose enrollment has gaps (2 to 5 spans, 1 to 40 days apart, some Medicare Advantage),
   * some dying, born 1935-1947 (65 inside the series for many), claims every 5 to 40 days, the
   * minimum eligible windows 2 to 6: as the windows slide, covered windows come and go around the
   * minimum. A daily series of 200 days equals the batch every day.
   */
  static final List<UsState> STATES =
      UsState.REFERENCE.stream()
          .sorted(java.util.Comparator.comparing(UsState::toString))
          .limit(3)
          .toList();

  @Property(tries = 30)
  void gapsInCoverageAroundTheMinimumEligibleWindowsDayByDay(
      @ForAll long seed, @ForAll @IntRange(min = 2, max = 6) int minimum) {
    Random r = new Random(seed);
    List<Object> records = new ArrayList<>();
    for (int k = 0; k < 12; k++) {
      String id = "P" + k;
      LocalDate birth = LocalDate.of(1935 + r.nextInt(13), 1 + r.nextInt(12), 1 + r.nextInt(28));
      Optional<LocalDate> death =
          r.nextInt(4) == 0
              ? Optional.of(MpiArbitraries.POPULATION_START.plusDays(200 + r.nextInt(500)))
              : Optional.empty();
      records.add(
          new Beneficiary(
              id,
              birth,
              death,
              r.nextBoolean() ? Sex.FEMALE : Sex.MALE,
              Geography.of(STATES.get(r.nextInt(STATES.size())))));
      LocalDate start = MpiArbitraries.POPULATION_START.minusDays(r.nextInt(200));
      for (int n = 2 + r.nextInt(4); n > 0; n--) {
        LocalDate end = start.plusDays(60 + r.nextInt(240));
        records.add(
            new Enrollment(
                id,
                start,
                end,
                r.nextInt(6) == 0 ? Program.MEDICARE_ADVANTAGE : Program.MEDICARE_FFS,
                Optional.empty()));
        start = end.plusDays(2 + r.nextInt(40));
      }
      int c = 0;
      for (LocalDate d = MpiArbitraries.POPULATION_START.plusDays(r.nextInt(30));
          d.isBefore(MpiArbitraries.POPULATION_END);
          d = d.plusDays(5 + r.nextInt(36))) {
        records.add(
            ClaimLine.builder()
                .claimId("C" + c++)
                .beneficiaryId(id)
                .serviceFrom(d)
                .serviceThrough(d)
                .procedure(ProcedureCode.of(r.nextBoolean() ? "99213" : "99214"))
                .units(1)
                .claimType(ClaimType.PROFESSIONAL)
                .diagnosis(DiagnosisCode.icd9(r.nextBoolean() ? "4019" : "25000"))
                .build());
      }
    }
    MpiSpec spec =
        SPEC.toBuilder().minimumEligibleWindows(minimum).grouping(Grouping.STATE).build();
    RealTimeIndex rt = engine(spec);
    java.util.Collections.shuffle(records, r);
    records.forEach(x -> feed(rt, x));
    LocalDate from = rt.firstEnd().plusDays(r.nextInt(60));
    for (LocalDate end = from; end.isBefore(from.plusDays(200)); end = end.plusDays(1)) {
      assertEquals(batch(rt, end, records), rt.query(end), "at " + end);
    }
  }

  /**
   * Threads change nothing: 3,000 synthetic beneficiaries (2011-2013, 99213 and 99214 valued, the
   * population grouper), a daily series with jumps (a jump expires many outcomes at once, so the
   * evaluation runs on 2 and 3 threads) and a step back (everyone again): one thread and several
   * give equal indices every day, and a day checked against the batch.
   */
  @Test
  void severalThreadsGiveTheSameSeries() {
    SyntheticPopulation gen = SyntheticPopulation.medicare2011to2013(2011, 3000);
    org.mpindex.core.spi.EffortCalculator effort =
        SimpleEffortCalculator.of(
            java.util.Map.of(
                ProcedureCode.of("99213"), 920_000L, ProcedureCode.of("99214"), 1_420_000L));
    MpiSpec spec = MpiSpec.PARENTE_2011.toBuilder().grouping(Grouping.STATE).build();
    List<RealTimeIndex> engines = new ArrayList<>();
    for (int t = 1; t <= 3; t++) {
      engines.add(
          RealTimeIndex.create(
                  spec, effort, MpiArbitraries.populationGrouper(), 90, gen.studyStart())
              .threads(t));
    }
    List<Object> records = new ArrayList<>();
    gen.forEachRecord(records::add);
    engines.forEach(e -> records.forEach(x -> feed(e, x)));
    LocalDate first = engines.get(0).firstEnd();
    List<LocalDate> ends = new ArrayList<>();
    for (int k = 0; k < 40; k++) {
      ends.add(first.plusDays(k));
    }
    ends.add(first.plusDays(200));
    ends.add(first.plusDays(201));
    ends.add(first.plusDays(30));
    ends.add(first.plusDays(400));
    for (LocalDate end : ends) {
      RealTimeIndex.WindowIndex one = engines.get(0).query(end);
      assertTrue(one.national().patients() > 500, one.national().toString());
      assertEquals(one, engines.get(1).query(end), "2 threads at " + end);
      assertEquals(one, engines.get(2).query(end), "3 threads at " + end);
    }
    LocalDate end = first.plusDays(401);
    MpiResult batch =
        IndexAssembler.create(
                engines.get(2).batchSpec(end), effort, MpiArbitraries.populationGrouper())
            .addAll(records)
            .assemble();
    Window w = batch.windows().get(batch.windows().size() - 1);
    RealTimeIndex.WindowIndex live = engines.get(2).query(end);
    assertEquals(batch.national(w).orElseThrow(), live.national());
    assertEquals(batch.groups(w), live.groups());
    assertThrows(IllegalArgumentException.class, () -> engines.get(0).threads(0));
  }

  /**
   * Strict mode: records of an id without a beneficiary record refuse the query as they refuse the
   * batch, with the same words (the first such id, its lines in the two windows and its spans).
   */
  @Test
  void strictModeRefusesOrphansAsTheBatchDoes() {
    MpiSpec strict = SPEC.toBuilder().ingestMode(org.mpindex.core.index.IngestMode.STRICT).build();
    RealTimeIndex rt = engine(strict);
    LocalDate start = MpiArbitraries.POPULATION_START;
    List<Object> records =
        List.of(
            new Beneficiary(
                "A",
                LocalDate.of(1940, 1, 1),
                Optional.empty(),
                Sex.FEMALE,
                Geography.of(STATES.get(0))),
            new Enrollment("A", start, start.plusDays(700), Program.MEDICARE_FFS, Optional.empty()),
            new Enrollment("Z", start, start.plusDays(700), Program.MEDICARE_FFS, Optional.empty()),
            ClaimLine.builder()
                .claimId("C1")
                .beneficiaryId("Z")
                .serviceFrom(start.plusDays(200))
                .serviceThrough(start.plusDays(200))
                .procedure(ProcedureCode.of("99213"))
                .units(1)
                .claimType(ClaimType.PROFESSIONAL)
                .build());
    records.forEach(x -> feed(rt, x));
    LocalDate end = start.plusDays(250);
    org.mpindex.core.spi.RejectedRecordException live =
        assertThrows(org.mpindex.core.spi.RejectedRecordException.class, () -> rt.query(end));
    org.mpindex.core.spi.RejectedRecordException batch =
        assertThrows(
            org.mpindex.core.spi.RejectedRecordException.class,
            () ->
                IndexAssembler.create(
                        rt.batchSpec(end),
                        IndexAssemblerProperties.EFFORT,
                        IndexAssemblerProperties.GROUPER)
                    .addAll(records)
                    .assemble());
    assertEquals(batch.getMessage(), live.getMessage());
    assertTrue(
        live.getMessage().contains("'Z' has 1 claim line(s), 1 enrollment span(s)"),
        live.getMessage());
  }

  @Test
  void theFirstEndIsWhereTheMinimumEligibleWindowsCanBeMet() {
    // the paper's 4 eligible windows of 90 days: POPULATION_START + 4 x 90 - 1 days; an end a day
    // earlier would have 3 windows (and one partly before the study) and is refused with the reason
    RealTimeIndex rt =
        RealTimeIndex.create(
            MpiSpec.PARENTE_2011,
            IndexAssemblerProperties.EFFORT,
            IndexAssemblerProperties.GROUPER,
            90,
            MpiArbitraries.POPULATION_START);
    LocalDate first = MpiArbitraries.POPULATION_START.plusDays(359);
    assertEquals(first, rt.firstEnd());
    assertEquals(first, rt.query(first).end());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> rt.query(first.minusDays(1)));
    assertTrue(
        e.getMessage().contains("the first is the one ending on " + first)
            && e.getMessage().contains("minimum eligible windows 4"),
        e.getMessage());
    // two windows when the minimum is 2 or less
    assertEquals(MpiArbitraries.POPULATION_START.plusDays(179), engine().firstEnd());
  }

  @Test
  void tooEarlyAnEndIsRefused() {
    RealTimeIndex rt = engine();
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> rt.query(MpiArbitraries.POPULATION_START.plusDays(10)));
    assertTrue(e.getMessage().contains("no index value"), e.getMessage());
    assertEquals(0, rt.reverse("nobody", "C1"));
  }
}
