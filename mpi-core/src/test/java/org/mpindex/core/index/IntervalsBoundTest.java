package org.mpindex.core.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Issue 25 point 7: bootstrap replicates are bounded, with a message saying the limit. */
class IntervalsBoundTest {

  @Test
  void replicatesAboveTheMaximumAreRefused() {
    assertEquals(
        Intervals.MAX_REPLICATES,
        Intervals.bootstrapPercentile(Intervals.MAX_REPLICATES, 1).replicates());
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Intervals.bootstrapBca(Intervals.MAX_REPLICATES + 1, 1));
    assertTrue(e.getMessage().contains("at most 100000 replicates"), e.getMessage());
  }
}
