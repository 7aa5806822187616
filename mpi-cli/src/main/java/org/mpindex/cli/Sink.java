package org.mpindex.cli;

import java.util.function.Consumer;
import org.mpindex.core.claims.Beneficiary;
import org.mpindex.core.claims.Claim;
import org.mpindex.core.claims.ClaimLine;
import org.mpindex.core.claims.Enrollment;
import org.mpindex.core.index.IndexAssembler;
import org.mpindex.core.spi.PrecomputedBurden;

/** Feeds the readers' records to an assembler, counting them for the progress bar. */
final class Sink implements Consumer<Object>, org.mpindex.core.index.RecordSink {
  private final IndexAssembler assembler;
  private final Consumer<Object> also;
  long records;

  Sink(IndexAssembler assembler) {
    this(assembler, r -> {});
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
    if (r instanceof ClaimLine claimLine) {
      assembler.add(claimLine);
    } else if (r instanceof Claim claim) {
      assembler.add(claim);
    } else if (r instanceof Enrollment enrollment) {
      assembler.add(enrollment);
    } else if (r instanceof Beneficiary beneficiary) {
      assembler.add(beneficiary);
    } else if (r instanceof PrecomputedBurden precomputedBurden) {
      assembler.add(precomputedBurden);
    } else {
      throw new IllegalArgumentException("not a record: " + r);
    }
  }

  @Override
  public void beneficiary(Beneficiary beneficiary) {
    accept(beneficiary);
  }

  @Override
  public void enrollment(Enrollment enrollment) {
    accept(enrollment);
  }

  @Override
  public void line(ClaimLine line) {
    accept(line);
  }

  @Override
  public void claim(Claim claim) {
    accept(claim);
  }

  @Override
  public void burden(PrecomputedBurden burden) {
    accept(burden);
  }
}
