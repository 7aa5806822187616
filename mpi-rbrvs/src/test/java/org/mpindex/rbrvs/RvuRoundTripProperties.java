package org.mpindex.rbrvs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.mpindex.core.claims.Modifier;
import org.mpindex.core.claims.ProcedureCode;
import org.mpindex.testkit.MpiArbitraries;

/** Any release written by RvuFileWriter reads back equal. */
class RvuRoundTripProperties {

  static Arbitrary<BigDecimal> rvus() {
    return Arbitraries.integers().between(0, 99_999).map(i -> BigDecimal.valueOf(i, 2));
  }

  static Arbitrary<Integer> indicators() {
    return Arbitraries.integers().between(-1, 9);
  }

  @Provide
  Arbitrary<List<RvuRecord>> releaseRows() {
    return records().list().ofMaxSize(40);
  }

  static Arbitrary<RvuRecord> records() {
    Arbitrary<Object[]> head =
        Combinators.combine(
                MpiArbitraries.procedureCodes(),
                Arbitraries.of("", "26", "TC", "53")
                    .map(
                        m ->
                            m.isEmpty() ? Optional.<Modifier>empty() : Optional.of(Modifier.of(m))),
                Arbitraries.of(StatusCode.class),
                Arbitraries.of(true, false),
                rvus(),
                rvus(),
                rvus(),
                rvus())
            .as((c, m, s, nu, w, nf, f, mp) -> new Object[] {c, m, s, nu, w, nf, f, mp});
    Arbitrary<Object[]> tail =
        Combinators.combine(
                indicators(),
                Arbitraries.of(GlobalDays.class).optional(),
                Arbitraries.integers().between(0, 100).map(i -> BigDecimal.valueOf(i, 2)),
                Arbitraries.integers().between(0, 100).map(i -> BigDecimal.valueOf(i, 2)),
                Arbitraries.integers().between(0, 100).map(i -> BigDecimal.valueOf(i, 2)),
                indicators(),
                indicators(),
                indicators())
            .as(
                (pctc, g, pre, intra, post, mult, bil, asst) ->
                    new Object[] {pctc, g, pre, intra, post, mult, bil, asst});
    Arbitrary<Object[]> rest =
        Combinators.combine(
                indicators(),
                indicators(),
                MpiArbitraries.procedureCodes().optional(),
                Arbitraries.integers()
                    .between(10_000, 500_000)
                    .map(i -> BigDecimal.valueOf(i, 4))
                    .optional())
            .as((co, team, endo, cf) -> new Object[] {co, team, endo, cf});
    return Combinators.combine(head, tail, rest).as(RvuRoundTripProperties::record);
  }

  @SuppressWarnings("unchecked")
  static RvuRecord record(Object[] h, Object[] t, Object[] r) {
    return new RvuRecord(
        (ProcedureCode) h[0],
        (Optional<Modifier>) h[1],
        (StatusCode) h[2],
        (Boolean) h[3],
        (BigDecimal) h[4],
        (BigDecimal) h[5],
        (BigDecimal) h[6],
        Optional.empty(),
        Optional.empty(),
        (BigDecimal) h[7],
        (Integer) t[0],
        (Optional<GlobalDays>) t[1],
        (BigDecimal) t[2],
        (BigDecimal) t[3],
        (BigDecimal) t[4],
        (Integer) t[5],
        (Integer) t[6],
        (Integer) t[7],
        (Integer) r[0],
        (Integer) r[1],
        (Optional<ProcedureCode>) r[2],
        (Optional<BigDecimal>) r[3]);
  }

  @Property(tries = 200)
  void writeThenReadGivesTheSameRelease(
      @ForAll("releaseRows") List<RvuRecord> rows, @ForAll boolean transitional)
      throws IOException {
    List<RvuRecord> unique = new ArrayList<>();
    Set<String> keys = new HashSet<>();
    for (RvuRecord r : rows) {
      if (keys.add(r.key())) {
        unique.add(
            transitional
                ? new RvuRecord(
                    r.code(),
                    r.modifier(),
                    r.status(),
                    r.notUsedForMedicarePayment(),
                    r.workRvu(),
                    r.nonFacilityPeRvu(),
                    r.facilityPeRvu(),
                    Optional.of(r.malpracticeRvu()),
                    Optional.of(r.workRvu()),
                    r.malpracticeRvu(),
                    r.pctcIndicator(),
                    r.globalDays(),
                    r.preOperative(),
                    r.intraOperative(),
                    r.postOperative(),
                    r.multipleProcedure(),
                    r.bilateral(),
                    r.assistant(),
                    r.coSurgery(),
                    r.teamSurgery(),
                    r.endoscopicBase(),
                    r.conversionFactor())
                : r);
      }
    }
    RvuRelease release = new RvuRelease("RVU12C", LocalDate.of(2012, 7, 1), unique);
    StringWriter out = new StringWriter();
    RvuFileWriter.write(release, out);
    RvuRelease back =
        RvuFileReader.strict()
            .release("RVU12C", LocalDate.of(2012, 7, 1))
            .read("round-trip.csv", new StringReader(out.toString()))
            .release();
    assertEquals(release, back);
  }
}
