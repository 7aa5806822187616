package org.mpindex.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.mpindex.adg.ComorbidityGrouper;
import org.mpindex.adg.ComorbidityIndex;
import org.mpindex.core.claims.ClaimLine;
import org.mpindex.core.claims.DiagnosisCode;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The comorbidity groupers: diagnosis codes grouped per second, without the assembler's memo (every
 * code is looked up). Workload: the diagnosis codes of the synthetic 2007-2009 population's claim
 * lines in claim order (chronic conditions repeat, as in real claims), 500,000 codes. One operation
 * = one code.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar GrouperBenchmark -prof gc
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class GrouperBenchmark {
  static final int CODES = 500_000;

  @Param({"ELIXHAUSER", "CHARLSON"})
  public ComorbidityIndex index;

  private DiagnosisCode[] codes;
  private ComorbidityGrouper grouper;

  @Setup
  public void setUp() {
    List<DiagnosisCode> all = new ArrayList<>(CODES);
    for (ClaimLine l : Workloads.lines(CODES, Workloads.Order.PATIENT_SORTED)) {
      for (DiagnosisCode d : l.diagnoses()) {
        if (all.size() < CODES) {
          all.add(d);
        }
      }
    }
    if (all.size() < CODES) {
      throw new IllegalStateException("only " + all.size() + " codes");
    }
    codes = all.toArray(new DiagnosisCode[0]);
    grouper = ComorbidityGrouper.of(index, false);
  }

  @Benchmark
  @OperationsPerInvocation(CODES)
  public void groupEveryCode(Blackhole bh) {
    ComorbidityGrouper g = grouper;
    for (DiagnosisCode c : codes) {
      bh.consume(g.categoriesOf(c));
    }
  }
}
