package org.mpindex.benchmarks;

import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.mpindex.core.index.ClaimColumns;
import org.mpindex.core.index.IndexAssembler;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The fold of shuffled input on one core, at a population whose fold state does not fit the CPU's
 * cache (the paper workload of {@link IndexRace}: 100,000 beneficiaries hold 20 MB of state, the
 * paper's 1,875,000 hold 380 MB). One operation = every claim line folded into an assembler holding
 * the population's records:
 *
 * <ul>
 *   <li>{@code sorted}: the lines in patient order (the reference);
 *   <li>{@code shuffled}: the same lines in random order, folded as they come (every line reaches a
 *       random place of the whole table);
 *   <li>{@code regrouped}: the shuffled lines regrouped first by {@link
 *       ClaimColumns#byPatientBlock} (blocks of 2^14 patients, about 3.3 MB of state each), the
 *       regrouping timed too.
 * </ul>
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar ShuffledFold
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5)
@Measurement(iterations = 10)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms8g", "-Xmx8g", "-XX:+AlwaysPreTouch"})
public class ShuffledFold {
  @Param({"100000"})
  public int beneficiaries;

  /** The patient-block size of {@code regrouped}, as a power of two. */
  @Param({"14"})
  public int blockBits;

  private RaceData data;
  private ClaimColumns shuffled;
  private IndexAssembler assembler;

  @Setup(Level.Trial)
  public void load() {
    data = RaceData.create(beneficiaries, 1, false);
    shuffled = shuffle(data, new Random(2011));
  }

  /** A fresh assembler holding every beneficiary's records (not timed). */
  @Setup(Level.Invocation)
  public void fresh() {
    List<IndexAssembler> one = data.unfoldedShards();
    assembler = one.get(0);
  }

  /** The lines in patient order. */
  @Benchmark
  public IndexAssembler sorted() {
    return assembler.add(data.batch);
  }

  /** The lines in random order, folded as they come. */
  @Benchmark
  public IndexAssembler shuffled() {
    return assembler.add(shuffled);
  }

  /** The lines in random order, regrouped by patient block, then folded. */
  @Benchmark
  public IndexAssembler regrouped() {
    return assembler.add(shuffled.byPatientBlock(blockBits));
  }

  /** The race data's lines in a random order (diagnoses carried along). */
  static ClaimColumns shuffle(RaceData d, Random random) {
    int n = d.lines;
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    ClaimColumns out = new ClaimColumns(n);
    for (int k = 0; k < n; k++) {
      int i = order[k];
      out.line(d.linePatient[i], d.lineDay[i], d.lineDay[i], d.lineSignature[i]);
      for (int j = d.dxStart[i]; j < d.dxStart[i + 1]; j++) {
        out.diagnosis(d.dx[j]);
      }
    }
    return out;
  }
}
