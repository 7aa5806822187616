package org.mpindex.cli;

import java.util.function.Consumer;
import org.mpindex.core.claims.Beneficiary;
import org.mpindex.core.claims.Claim;
import org.mpindex.core.claims.ClaimLine;
import org.mpindex.core.claims.Enrollment;
import org.mpindex.core.index.IndexAssembler;
import org.mpindex.core.spi.PrecomputedBurden;

/** Feeds the readers' records to an assembler, counting them for the progress bar. */
final class Sink implements Consumer<Object> {
  private final IndexAssembler assembler;
  private final Consumer<Object> also;
  long records;

  Sink(IndexAssembler assembler) {
    this(assembler, r -> { });
  }

  /** A sink that also feeds a sensitivity grid every record. */
  Sink(IndexAssembler assembler, java.util.Optional<SensitivityGrid> grid) {
    this(assembler, r -> grid.ifPresent(g -> g.accept(r)));
  }

  /** A sink that also hands every record to {@code also} (before the assembler). */
  Sink(IndexAssembler assembler, Consumer<Object> also) {
    this.assembler = assembler;
    this.also = also;
  }

  @Override
  public void accept(Object r) {
    records++;
    also.accept(r);
    if (r instanceof ClaimLine) {
      assembler.add((ClaimLine) r);
    } else if (r instanceof Claim) {
      assembler.add((Claim) r);
    } else if (r instanceof Enrollment) {
      assembler.add((Enrollment) r);
    } else if (r instanceof Beneficiary) {
      assembler.add((Beneficiary) r);
    } else if (r instanceof PrecomputedBurden) {
      assembler.add((PrecomputedBurden) r);
    } else {
      throw new IllegalArgumentException("not a record: " + r);
    }
  }
}
