package org.mpindex.core.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ConcurrentModificationException;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.mpindex.core.claims.Beneficiary;
import org.mpindex.core.claims.ClaimLine;
import org.mpindex.core.claims.Geography;
import org.mpindex.core.claims.Sex;
import org.mpindex.core.claims.UsState;
import org.mpindex.core.spi.CodeTally;
import org.mpindex.core.spi.EffortCalculator;

/** Issue 25 point 8: misuse of an assembler fails fast instead of changing a result silently. */
class IndexAssemblerMisuseTest {

  private static IndexAssembler filled() {
    IndexAssembler a =
        IndexAssembler.create(
            IndexAssemblerTest.SPEC, IndexAssemblerTest.EFFORT, IndexAssemblerTest.GROUPER);
    a.addAll(IndexAssemblerTest.records());
    return a;
  }

  @Test
  void addAfterAssembleThrowsAndLeavesTheResultAlone() {
    IndexAssembler a = filled();
    MpiResult first = a.assemble();
    ClaimLine extra = IndexAssemblerTest.line("A", "2008-05-21", "27447", 1, "4019");
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> a.add(extra));
    assertTrue(e.getMessage().contains("after the index was assembled"), e.getMessage());
    assertTrue(e.getMessage().contains("new assembler"), e.getMessage());
    assertThrows(IllegalStateException.class, () -> a.addAll(List.of(extra)));
    assertThrows(
        IllegalStateException.class,
        () -> a.add(IndexAssemblerTest.ffs("A", "2010-01-01", "2010-12-31")));
    assertThrows(
        IllegalStateException.class,
        () ->
            a.add(
                Beneficiary.of("Z", LocalDate.of(1930, 1, 1), Sex.MALE, Geography.of(UsState.WY))));
    assertThrows(IllegalStateException.class, () -> a.columnar().patientIndex("A"));
    assertThrows(
        IllegalStateException.class,
        () -> a.addWindowState("A", LocalDate.of(2008, 5, 1), 1, 0, 1, false));
    // today the line above was folded and the next result had A's Q2 effort raised by 21.79 RVUs;
    // now nothing changed: assembling again gives the same national series
    MpiResult again = a.assemble(2);
    assertEquals(first.national(), again.national());
  }

  @Test
  void assemblingAgainIsAllowed() {
    IndexAssembler a = filled();
    MpiResult one = a.assemble();
    assertEquals(one.national(), a.assemble(3).national());
    a.assembleWithLag(1, 1);
    a.assembleCohorts(1);
  }

  @Test
  void combiningAnAssembledAssemblerIntoAFreshOneIsTheWayToAddMore() {
    IndexAssembler a = filled();
    a.assemble();
    IndexAssembler fresh =
        IndexAssembler.create(
            IndexAssemblerTest.SPEC, IndexAssemblerTest.EFFORT, IndexAssemblerTest.GROUPER);
    fresh.combine(a); // reading an assembled one does not change its result
    assertEquals(a.assemble().national(), fresh.assemble().national());
    IndexAssembler other = filled();
    assertThrows(IllegalStateException.class, () -> a.combine(other));
  }

  @Test
  void combineWithItselfThrows() {
    IndexAssembler a = filled();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> a.combine(a));
    assertTrue(e.getMessage().contains("itself"), e.getMessage());
    // nothing was absorbed: the tally still reads each record once (13 claim lines in records())
    assertEquals(
        IndexAssemblerTest.records().stream().filter(r -> r instanceof ClaimLine).count(),
        a.assemble().accounting().of(IngestTally.CLAIM_LINES).read());
  }

  @Test
  void combiningTheSameAssemblerTwiceThrows() {
    IndexAssembler a =
        IndexAssembler.create(
            IndexAssemblerTest.SPEC, IndexAssemblerTest.EFFORT, IndexAssemblerTest.GROUPER);
    IndexAssembler b = filled();
    a.combine(b);
    assertThrows(IllegalArgumentException.class, () -> a.combine(b));
    // through a third one: c holds b, and a holds b already
    IndexAssembler c =
        IndexAssembler.create(
            IndexAssemblerTest.SPEC, IndexAssemblerTest.EFFORT, IndexAssemblerTest.GROUPER);
    c.combine(b);
    assertThrows(IllegalArgumentException.class, () -> a.combine(c));
    // and the other way round: b into which a was combined
    assertThrows(IllegalArgumentException.class, () -> b.combine(a));
  }

  /**
   * Thread 1 is held inside {@code add} (its effort calculator waits on a latch); thread 2's {@code
   * add} on the same assembler then overlaps it for certain, and must throw.
   */
  @Test
  void overlappingAddsFromTwoThreadsThrow() throws Exception {
    CountDownLatch inside = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    EffortCalculator holding =
        new EffortCalculator() {
          @Override
          public long effortMicros(ClaimLine line, LocalDate day, CodeTally tally) {
            if (line.procedure().orElseThrow().code().equals("99215")) {
              inside.countDown();
              try {
                release.await(30, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            }
            return 1_000_000;
          }
        };
    IndexAssembler a =
        IndexAssembler.create(IndexAssemblerTest.SPEC, holding, IndexAssemblerTest.GROUPER);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread first =
        new Thread(
            () -> {
              try {
                a.add(IndexAssemblerTest.line("A", "2008-02-01", "99215", 1));
              } catch (RuntimeException e) {
                failure.set(e);
              }
            });
    first.start();
    assertTrue(inside.await(30, TimeUnit.SECONDS));
    ConcurrentModificationException e =
        assertThrows(
            ConcurrentModificationException.class,
            () -> a.add(IndexAssemblerTest.line("B", "2008-02-01", "99213", 1)));
    assertTrue(e.getMessage().contains("its own assembler"), e.getMessage());
    release.countDown();
    first.join(30_000);
    assertEquals(null, failure.get());
    // the assembler is usable again once the first call is done: sequential use from another
    // thread is fine
    a.add(IndexAssemblerTest.line("B", "2008-02-01", "99213", 1));
    assertEquals(2, a.tally().snapshot().of(IngestTally.CLAIM_LINES).read());
  }
}
