package org.mpindex.io.collect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The claim-id set answers as a {@link HashSet} does, through every growth. */
class LongSetProperties {
  @Provide
  Arbitrary<List<Long>> keys() {
    // few distinct values (repeats), 0, and keys whose low bits collide
    Arbitrary<Long> k =
        Arbitraries.oneOf(
            Arbitraries.longs(),
            Arbitraries.longs().between(-3, 3),
            Arbitraries.longs().between(0, 50).map(x -> x << 40));
    return k.list().ofMaxSize(5_000);
  }

  @Property(tries = 200)
  void addAnswersAsAHashSet(@ForAll("keys") List<Long> keys) {
    LongSet ours = new LongSet();
    Set<Long> theirs = new HashSet<>();
    for (long k : keys) {
      assertEquals(theirs.add(k), ours.add(k), "add " + k);
    }
    for (long k : keys) {
      assertEquals(false, ours.add(k), "again " + k);
    }
  }
}
