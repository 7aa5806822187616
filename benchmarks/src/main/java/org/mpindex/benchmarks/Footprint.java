package org.mpindex.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import org.mpindex.core.index.IndexAssembler;

/**
 * The assembler's retained heap per beneficiary and per patient-window, measured (heap in use after
 * a full collection, with and without one assembler holding a whole {@link RaceData} population
 * folded; what all assemblers share, the RVU releases and code lists, is loaded before). The
 * beneficiary and enrollment records are the caller's and not counted; the assembler's references
 * to them are. JMH times; this weighs. Prints one line.
 *
 * <pre>
 * java -Xmx12g -cp benchmarks/target/benchmarks.jar org.mpindex.benchmarks.Footprint 1875000
 * </pre>
 */
public final class Footprint {
  private Footprint() {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    try (RaceData data = RaceData.create(n, 1, false)) {
      // once, unmeasured: loads what every assembler shares (the bundled RVU releases, code lists)
      data.assembler(0);
      long before = used();
      IndexAssembler a = data.assembler(0);
      long after = used();
      long bytes = after - before;
      int windows = 12;
      System.out.printf(
          "%,d beneficiaries, %,d claim lines: assembler state %,d bytes = %.0f B per beneficiary,"
              + " %.1f B per patient-window (%d windows)%n",
          n, data.lines, bytes, (double) bytes / n, (double) bytes / n / windows, windows);
      if (a.spec() == null) {
        throw new AssertionError(); // keeps the assembler reachable until measured
      }
    }
  }

  private static long used() throws InterruptedException {
    MemoryMXBean m = ManagementFactory.getMemoryMXBean();
    long best = Long.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(100);
      best = Math.min(best, m.getHeapMemoryUsage().getUsed());
    }
    return best;
  }
}
