package org.mpindex.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.mpindex.core.claims.Beneficiary;
import org.mpindex.core.claims.ClaimLine;
import org.mpindex.core.claims.Enrollment;
import org.mpindex.core.index.IndexAssembler;
import org.mpindex.core.index.MpiResult;
import org.mpindex.core.index.MpiSpec;
import org.mpindex.core.index.RealTimeIndex;
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
