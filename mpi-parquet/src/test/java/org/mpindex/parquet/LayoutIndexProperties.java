package org.mpindex.parquet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.mpindex.core.index.Grouping;
import org.mpindex.core.index.IngestTally;
import org.mpindex.core.index.MpiResult;
import org.mpindex.testkit.Population;
import org.mpindex.testkit.layouts.LayoutPopulations;

/**
 * Same people, same index, any layout (issue 26): a random population written by the testkit's
 * layout writers as tidy CSV and Parquet, research files, CCLF and OMOP CSV and Parquet gives, read
 * through each layout's reader, the same index: every national and group cell (exact double
 * equality), the same windows and group keys, and the same accounting of beneficiaries, claim lines
 * and line efforts, with no row rejected.
 *
 * <p>What may differ, and is not compared: OMOP refuses a database whose {@code payer_plan_period}
 * has no rows (nobody covered), where the other layouts read people without coverage; the accounting of enrollment spans (a record count of
 * each layout's own: the research files give a span per run of months within a year, OMOP a span
 * per run of days of one program, CCLF one span, tidy the spans as written; the coverage they
 * describe is the same, which the cells show) and each layout's own row kinds and notes. CCLF is in
 * the comparison only for populations whose coverage it can carry ({@link
 * LayoutPopulations#everyLayout()}): with Medicare Advantage, Part A only or gap months ({@link
 * LayoutPopulations#monthlyCoverage()}) its one Part B span differs, so those populations compare
 * the other layouts only. The writers' Javadoc lists the facts each layout cannot carry; the
 * populations keep clear of them (at most one modifier a line, whole-month coverage, the counties
 * the research files' SSA codes cover, one code system a claim).
 */
class LayoutIndexProperties {

  @Provide
  Arbitrary<Population> everyLayout() {
    return LayoutPopulations.everyLayout();
  }

  @Provide
  Arbitrary<Population> monthly() {
    return LayoutPopulations.monthlyCoverage();
  }

  @Property(tries = 12)
  void everyLayoutGivesTheSameIndex(
      @ForAll("everyLayout") Population population, @ForAll boolean byCounty) throws IOException {
    sameIndex(population, true, byCounty ? Grouping.COUNTY : Grouping.STATE);
  }

  @Property(tries = 12)
  void monthlyCoverageGivesTheSameIndexInEveryLayoutButCclf(
      @ForAll("monthly") Population population, @ForAll boolean byCounty) throws IOException {
    sameIndex(population, false, byCounty ? Grouping.COUNTY : Grouping.STATE);
  }

  private static void sameIndex(Population population, boolean cclf, Grouping grouping)
      throws IOException {
    Path dir = Files.createTempDirectory("layouts");
    try {
      Map<String, EveryLayout.Read> reads = EveryLayout.readAll(population, dir, cclf, grouping);
      int omop = population.enrollments().isEmpty() ? 0 : 2;
      assertEquals((cclf ? 4 : 3) + omop, reads.size());
      MpiResult tidy = reads.get("tidy CSV").result();
      long patients = tidy.national().stream().mapToLong(c -> c.patients()).sum();
      Statistics.label("patient-windows with a ratio")
          .collect(patients == 0 ? "none" : patients < 20 ? "1-19" : "20+");
      for (Map.Entry<String, EveryLayout.Read> e : reads.entrySet()) {
        String layout = e.getKey();
        assertEquals(List.of(), e.getValue().rejects(), layout + ": nothing rejected");
        MpiResult r = e.getValue().result();
        assertTrue(r.accounting().balanced(), layout + ": " + r.accounting());
        assertEquals(tidy.windows(), r.windows(), layout);
        assertEquals(tidy.national(), r.national(), layout + ": national cells");
        assertEquals(tidy.groupKeys(), r.groupKeys(), layout + ": group keys");
        assertEquals(tidy.groupCells(), r.groupCells(), layout + ": group cells");
        for (org.mpindex.core.spi.RecordKind kind :
            List.of(IngestTally.BENEFICIARIES, IngestTally.CLAIM_LINES, IngestTally.LINE_EFFORTS)) {
          assertEquals(tidy.accounting().of(kind), r.accounting().of(kind), layout + ": " + kind);
        }
      }
      // the tidy reading itself is the population: every beneficiary and line accepted
      assertEquals(
          population.beneficiaries().size(),
          tidy.accounting().of(IngestTally.BENEFICIARIES).accepted());
      assertEquals(
          population.claimLines().size(), tidy.accounting().of(IngestTally.CLAIM_LINES).accepted());
    } finally {
      EveryLayout.deleteTree(dir);
    }
  }
}
