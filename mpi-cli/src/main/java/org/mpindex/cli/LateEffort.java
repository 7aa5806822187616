package org.mpindex.cli;

import java.time.LocalDate;
import java.util.Objects;
import org.mpindex.core.claims.ClaimLine;
import org.mpindex.core.spi.CodeTally;
import org.mpindex.core.spi.EffortCalculator;

/**
 * An effort calculator set after the assembler is made: {@code mpi compute} learns which RVU years
 * it needs only once the enrollment (and so the study period) is read, before any claim line.
 */
final class LateEffort implements EffortCalculator {
  private EffortCalculator delegate;

  void set(EffortCalculator calculator) {
    this.delegate = Objects.requireNonNull(calculator, "calculator");
  }

  @Override
  public long effortMicros(ClaimLine line, LocalDate serviceDay, CodeTally tally) {
    if (delegate == null) {
      throw new IllegalStateException(
          "no effort calculator yet: claim lines came before the RVU releases were chosen");
    }
    return delegate.effortMicros(line, serviceDay, tally);
  }

  /** The delegate's claim-level rules (ranking a claim's procedures of a day), not the per-line default. */
  @Override
  public long[] claimEffortMicros(
      java.util.List<ClaimLine> lines, java.util.List<LocalDate> serviceDays, CodeTally tally) {
    if (delegate == null) {
      throw new IllegalStateException(
          "no effort calculator yet: claim lines came before the RVU releases were chosen");
    }
    return delegate.claimEffortMicros(lines, serviceDays, tally);
  }

  /** The delegate's pricing periods (-1, every line valued, until it is set). */
  @Override
  public int pricingPeriod(LocalDate day) {
    return delegate == null ? -1 : delegate.pricingPeriod(day);
  }

  @Override
  public String describe() {
    return delegate == null ? "work RVU (not chosen yet)" : delegate.describe();
  }
}
