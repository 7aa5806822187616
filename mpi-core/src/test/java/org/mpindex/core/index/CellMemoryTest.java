package org.mpindex.core.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * The memory of a cell of a fine grouping ({@code --by zip}: a few patients a cell), measured as the
 * bytes the JVM allocates to make it (the thread's allocation counter: deterministic, no GC in the
 * way), since the bytes a cell keeps are at most those allocated for it.
 */
class CellMemoryTest {

  private static long allocatedBytes() {
    return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
        .getThreadAllocatedBytes(Thread.currentThread().getId());
  }

  /**
   * A cell with one patient: layout, compressed references, 8-byte alignment. Before: the object
   * (12-byte header, 5 longs, an int, 14 references: 112 bytes), its exclusion counts (9 longs and a
   * 16-byte header: 88) and three exact sums of an object (40), 68 digits (16 + 544 = 560) and a
   * window of 32 longs (16 + 256 = 272) each: 112 + 88 + 3 x 872 = 2,816 bytes. Now: 112 + 88 + 3 x
   * (an object of 48 bytes and the value kept, an array of 2 doubles: 16 + 16 = 32) = 440 bytes.
   */
  @Test
  void aCellOfOnePatientTakesUnderHalfAKilobyte() {
    int cells = 20_000;
    CellAccumulator[] kept = new CellAccumulator[cells];
    for (int i = 0; i < 100; i++) { // warm up: classes loaded, code compiled
      new CellAccumulator(0).add(i, 0.5, 0.25, 1_000_000, 0);
    }
    long before = allocatedBytes();
    for (int i = 0; i < cells; i++) {
      CellAccumulator c = new CellAccumulator(0);
      c.add(i, 0.5 + i, 0.25, 1_000_000, 0);
      kept[i] = c;
    }
    long perCell = (allocatedBytes() - before) / cells;
    assertTrue(perCell <= 512, "a cell of one patient allocates " + perCell + " bytes");
    org.mpindex.core.time.WindowScheme scheme = MpiSpec.PARENTE_2011.windowScheme();
    org.mpindex.core.time.Window w =
        scheme.window(scheme.indexOf(java.time.LocalDate.of(2010, 1, 1)));
    assertEquals(1, kept[cells - 1].toCell(w, "z", MpiSpec.PARENTE_2011).patients());
  }
}
