package org.mpindex.benchmarks;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.mpindex.rbrvs.BundledRvu;
import org.mpindex.rbrvs.RvuRelease;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Reading the bundled CMS relative value files (issue #9): every bundled year (2009, 2011-2025,
 * 266,761 records) or one year, from the gzip'd resources to indexed releases, on one thread (a
 * fresh read each operation, no cache), from the binary form the library reads or from the CSV it
 * is derived from. {@code SingleShotTime} in a fresh JVM per fork is the cold cost a command pays;
 * {@code AverageTime} the warm cost.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar RvuLoadBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class RvuLoadBenchmark {

  /** Which bundled years to read. */
  public enum Years {
    ALL,
    ONE
  }

  @Param({"ALL", "ONE"})
  public Years years;

  /** The bundled binary form (what the library reads) or the CSV it is derived from. */
  @Param({"BINARY", "CSV"})
  public String format;

  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @Warmup(iterations = 3, time = 2)
  @Measurement(iterations = 5, time = 2)
  @Fork(1)
  public void warm(Blackhole bh) {
    read(bh);
  }

  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @Warmup(iterations = 0)
  @Measurement(iterations = 1)
  @Fork(5)
  public void cold(Blackhole bh) {
    read(bh);
  }

  private void read(Blackhole bh) {
    List<Integer> list = years == Years.ALL ? BundledRvu.years() : List.of(2013);
    for (int year : list) {
      RvuRelease r = BundledRvu.readFresh(year, format.equals("BINARY"));
      bh.consume(r.size());
    }
  }
}
