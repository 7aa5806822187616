package org.mpindex.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mpindex.core.index.IndexCell;
import org.mpindex.core.index.MpiResult;

/**
 * The race's referee at a small size: DuckDB's SQL, written apart from the assembler from the
 * method's text, and the library agree on every cell of a generated population, from columns and
 * from line objects, on one and on two shards. This is also an independent check of the library.
 */
class IndexRaceTest {

  @Test
  void duckDbAndTheLibraryComputeTheSameIndex() {
    for (int threads : new int[] {1, 2}) {
      try (RaceData d = RaceData.create(3_000, threads)) {
        MpiResult library = d.library();
        List<RaceData.Cell> duck = d.duckdb();
        int cells = RaceData.check(library, duck);
        // 11 index quarters (2011Q2-2013Q4), national and most states
        assertTrue(cells > 11 * 30, "cells compared: " + cells);
        MpiResult objects = d.objects();
        assertEquals(library.national(), objects.national());
        // the steps timed alone (fold, evaluation) compose to the whole
        MpiResult steps = d.evaluate(d.fold(d.unfoldedShards()));
        assertEquals(library.national(), steps.national());
        assertEquals(library.groupCells(), steps.groupCells());
        assertEquals(library.groupCells(), objects.groupCells());
        long patients = library.national().stream().mapToLong(IndexCell::patients).sum();
        assertEquals(
            duck.stream().filter(c -> c.state() < 0).mapToLong(RaceData.Cell::patients).sum(),
            patients);
        assertTrue(patients > 3_000 * 5, "patient-quarters with a ratio: " + patients);
      }
    }
  }

  @Test
  void shuffledAndRegroupedLinesFoldToTheSortedResult() {
    try (RaceData d = RaceData.create(2_000, 1, false)) {
      org.mpindex.core.index.ClaimColumns shuffled =
          ShuffledFold.shuffle(d, new java.util.Random(7));
      MpiResult sorted = d.evaluate(List.of(d.unfoldedShards().get(0).add(d.batch)));
      MpiResult random = d.evaluate(List.of(d.unfoldedShards().get(0).add(shuffled)));
      MpiResult regrouped =
          d.evaluate(List.of(d.unfoldedShards().get(0).add(shuffled.byPatientBlock(6))));
      assertEquals(sorted, random);
      assertEquals(sorted, regrouped);
      assertTrue(sorted.national().stream().mapToLong(IndexCell::patients).sum() > 2_000 * 5);
    }
  }

  @Test
  void theRefereeCatchesADifference() {
    try (RaceData d = RaceData.create(500, 1)) {
      List<RaceData.Cell> duck = new java.util.ArrayList<>(d.duckdb());
      RaceData.Cell c = duck.get(0);
      duck.set(0, new RaceData.Cell(c.quarter(), c.state(), c.mpi() * (1 + 1e-8), c.patients()));
      MpiResult library = d.library();
      org.junit.jupiter.api.Assertions.assertThrows(
          IllegalStateException.class, () -> RaceData.check(library, duck));
    }
  }
}
