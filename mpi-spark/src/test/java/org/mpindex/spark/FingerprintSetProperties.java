package org.mpindex.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** The repeat table against a hash set of pairs: the same answers, through every doubling. */
class FingerprintSetProperties {
  @Property(tries = 200)
  void answersAsASetOfPairs(
      @ForAll @Size(max = 5000) List<@LongRange(min = -3, max = 40) Long> xs, @ForAll long salt) {
    FingerprintSet set = new FingerprintSet();
    Set<List<Long>> reference = new HashSet<>();
    for (int i = 0; i < xs.size(); i++) {
      // few distinct values: many repeats; pairs spread over the table by the salt
      long x = xs.get(i) * salt;
      long y = xs.get((i * 7) % xs.size());
      List<Long> pair = x == 0 && y == 0 ? List.of(0L, 1L) : List.of(x, y);
      assertEquals(reference.add(pair), set.add(x, y), "pair " + pair);
    }
    assertEquals(reference.size(), set.size());
  }

  @Test
  void aMillionDistinctPairsAndTheirRepeats() {
    FingerprintSet set = new FingerprintSet();
    for (long i = 0; i < 1_000_000; i++) {
      assertTrue(set.add(i, -i));
    }
    for (long i = 0; i < 1_000_000; i += 997) {
      assertFalse(set.add(i, -i));
    }
    assertEquals(1_000_000, set.size());
    // at most three quarters full: 2^21 slots of 16 bytes
    assertEquals(16L << 21, set.bytes());
  }
}
