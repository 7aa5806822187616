package org.mpindex.rbrvs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.mpindex.core.claims.Beneficiary;
import org.mpindex.core.claims.ClaimLine;
import org.mpindex.core.claims.Enrollment;
import org.mpindex.core.claims.Geography;
import org.mpindex.core.claims.Program;
import org.mpindex.core.claims.Sex;
import org.mpindex.core.index.Coverage;
import org.mpindex.core.index.IndexAssembler;
import org.mpindex.core.index.IngestTally;
import org.mpindex.core.index.MpiResult;
import org.mpindex.core.index.MpiSpec;
import org.mpindex.core.index.ZeroBurden;
import org.mpindex.core.spi.BurdenGrouper;
import org.mpindex.testkit.MpiArbitraries;

class WorkRvuCalculatorProperties {
  static final RvuSchedule SCHEDULE = Fixtures.schedule();
  static final WorkRvuCalculator DEFAULT = WorkRvuCalculator.of(SCHEDULE);
  static final WorkRvuCalculator EVERYTHING =
      WorkRvuCalculator.builder(SCHEDULE)
          .bilateral(true)
          .multipleProcedure(true)
          .assistantAtSurgery(true)
          .coSurgery(true)
          .reducedServices(true, 0.5)
          .build();
  static final List<String> CODES =
      List.of(
          "20103", "21485", "24138", "33213", "45378", "71020", "93971", "97535", "99213", "99214",
          "99396", "99499", "00142", "G0008", "99999");

  static Arbitrary<LocalDate> serviceDates() {
    return MpiArbitraries.dates(SCHEDULE.start(), SCHEDULE.end());
  }

  /** Lines over the fixture codes with any modifiers, including the ones that change work. */
  @Provide
  Arbitrary<ClaimLine> lines() {
    return Combinators.combine(
            serviceDates(),
            Arbitraries.of(CODES),
            Arbitraries.integers().between(0, 20),
            Arbitraries.of(
                    "26", "TC", "50", "51", "52", "53", "54", "55", "56", "62", "66", "80", "AS",
                    "RT")
                .list()
                .uniqueElements()
                .ofMaxSize(4))
        .as(
            (d, c, u, mods) -> {
              ClaimLine.Builder b =
                  ClaimLine.builder()
                      .claimId("C")
                      .beneficiaryId("B")
                      .serviceFrom(d)
                      .procedure(c)
                      .units(u);
              mods.forEach(b::modifier);
              return b.build();
            });
  }

  @Provide
  Arbitrary<List<ClaimLine>> lineLists() {
    return lines().list().ofMaxSize(30);
  }

  /** Lines whose modifiers involve no fractional share (so effort is exactly linear in units). */
  @Provide
  Arbitrary<ClaimLine> exactLines() {
    return Combinators.combine(
            serviceDates(),
            Arbitraries.of(CODES),
            Arbitraries.of("26", "TC", "RT", "LT", "50", "51").list().uniqueElements().ofMaxSize(2))
        .as(
            (d, c, mods) -> {
              ClaimLine.Builder b =
                  ClaimLine.builder().claimId("C").beneficiaryId("B").serviceFrom(d).procedure(c);
              mods.forEach(b::modifier);
              return b.build();
            });
  }

  @Property
  void effortIsNeverNegative(@ForAll("lines") ClaimLine line) {
    assertTrue(DEFAULT.effortMicros(line, new IngestTally()) >= 0);
    assertTrue(EVERYTHING.effortMicros(line, new IngestTally()) >= 0);
  }

  @Property
  void effortIsLinearInUnits(
      @ForAll("exactLines") ClaimLine line, @ForAll @IntRange(min = 0, max = 50) int k) {
    long one = DEFAULT.effortMicros(line.toBuilder().units(1).build(), new IngestTally());
    assertEquals(
        k * one, DEFAULT.effortMicros(line.toBuilder().units(k).build(), new IngestTally()));
  }

  @Property
  void withFractionalSharesUnitsStayLinearUpToRounding(
      @ForAll("lines") ClaimLine line, @ForAll @IntRange(min = 0, max = 50) int k) {
    long one = EVERYTHING.effortMicros(line.toBuilder().units(1).build(), new IngestTally());
    long many = EVERYTHING.effortMicros(line.toBuilder().units(k).build(), new IngestTally());
    // each of at most 5 fractional steps rounds by at most half a micro-RVU per unit
    assertTrue(Math.abs(many - k * one) <= 3L * k, many + " vs " + k + " x " + one);
  }

  @Property
  void professionalPlusTechnicalEqualsGlobalForPcTcCodes(
      @ForAll("dates") LocalDate day, @ForAll @IntRange(min = 0, max = 9) int units) {
    ClaimLine global =
        ClaimLine.builder()
            .claimId("C")
            .beneficiaryId("B")
            .serviceFrom(day)
            .procedure("71020")
            .units(units)
            .build();
    long g = DEFAULT.effortMicros(global, new IngestTally());
    long pc = DEFAULT.effortMicros(global.toBuilder().modifier("26").build(), new IngestTally());
    long tc = DEFAULT.effortMicros(global.toBuilder().modifier("TC").build(), new IngestTally());
    assertEquals(g, pc + tc);
    assertEquals(
        1,
        SCHEDULE
            .releaseFor(day)
            .global(org.mpindex.core.claims.ProcedureCode.of("71020"))
            .orElseThrow()
            .pctcIndicator());
  }

  @Provide
  Arbitrary<LocalDate> dates() {
    return serviceDates();
  }

  @Property(tries = 200)
  void effortIsAdditiveOverLinesInTheAssembler(
      @ForAll("lineLists") List<ClaimLine> anyLines, @ForAll("dates") LocalDate day) {
    // every line moved to one patient and one day: M of that window is the sum of the line efforts
    List<ClaimLine> lines = new ArrayList<>();
    long expected = 0;
    for (ClaimLine l : anyLines) {
      ClaimLine moved = l.toBuilder().serviceFrom(day).serviceThrough(day).build();
      lines.add(moved);
      expected += DEFAULT.effortMicros(moved, new IngestTally());
    }
    MpiSpec spec =
        MpiSpec.builder()
            .lag(0)
            .minimumAge(0)
            .minimumEligibleWindows(0)
            .anyProgram()
            .coverage(Coverage.ANY_DAY)
            .zeroBurden(ZeroBurden.AS_ONE)
            .build();
    IndexAssembler a = IndexAssembler.create(spec, DEFAULT, BurdenGrouper.NONE);
    a.add(Beneficiary.of("B", LocalDate.of(1930, 1, 1), Sex.FEMALE, Geography.UNKNOWN));
    a.add(Enrollment.of("B", day, day, Program.MEDICARE_FFS));
    lines.forEach(a::add);
    MpiResult r = a.assemble();
    if (expected == 0) {
      assertTrue(r.national().stream().allMatch(c -> c.patients() == 0));
    } else {
      assertEquals(expected / 1e6, r.national().get(0).meanEffort(), 0);
    }
  }
}
