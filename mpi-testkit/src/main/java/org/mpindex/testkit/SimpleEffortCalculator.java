package org.mpindex.testkit;

import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;
import org.mpindex.core.claims.ClaimLine;
import org.mpindex.core.claims.ProcedureCode;
import org.mpindex.core.spi.CodeTally;
import org.mpindex.core.spi.EffortCalculator;

/**
 * Effort from a plain table: micro-units per procedure code, times units; modifiers ignored; unknown
 * codes give 0 and are reported. For tests and for users property-testing their own extensions; the
 * real calculator is {@code mpi-rbrvs}'s.
 */
public final class SimpleEffortCalculator implements EffortCalculator {
  private final Map<ProcedureCode, Long> microsPerUnit;
  private final long scale;

  private SimpleEffortCalculator(Map<ProcedureCode, Long> microsPerUnit, long scale) {
    this.microsPerUnit = Map.copyOf(microsPerUnit);
    this.scale = scale;
  }

  /** A calculator over {@code microsPerUnit}. */
  public static SimpleEffortCalculator of(Map<ProcedureCode, Long> microsPerUnit) {
    return new SimpleEffortCalculator(microsPerUnit, 1);
  }

  /** The same table with every value multiplied by {@code k} (for scaling-law properties). */
  public SimpleEffortCalculator scaledBy(long k) {
    if (k < 1) {
      throw new IllegalArgumentException("scale must be at least 1, got " + k);
    }
    return new SimpleEffortCalculator(microsPerUnit, scale * k);
  }

  /** The table. */
  public Map<ProcedureCode, Long> table() {
    return microsPerUnit;
  }

  @Override
  public long effortMicros(ClaimLine line, LocalDate serviceDay, CodeTally tally) {
    if (line.procedure().isEmpty()) {
      return 0;
    }
    ProcedureCode code = line.procedure().get();
    Long perUnit = microsPerUnit.get(code);
    if (perUnit == null) {
      tally.unknownCode("HCPCS", code.code());
      return 0;
    }
    return Math.multiplyExact(Math.multiplyExact(perUnit, scale), (long) line.units());
  }

  /** The table does not change with the date: one period. */
  @Override
  public int pricingPeriod(LocalDate day) {
    return 0;
  }

  @Override
  public String describe() {
    return "table of " + microsPerUnit.size() + " codes" + (scale == 1 ? "" : " x" + scale);
  }

  @Override
  public String toString() {
    return describe() + " " + new TreeMap<>(microsPerUnit);
  }
}
