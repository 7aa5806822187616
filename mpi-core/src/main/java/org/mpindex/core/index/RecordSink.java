package org.mpindex.core.index;

import org.mpindex.core.claims.Beneficiary;
import org.mpindex.core.claims.Claim;
import org.mpindex.core.claims.ClaimLine;
import org.mpindex.core.claims.Enrollment;
import org.mpindex.core.spi.PrecomputedBurden;

/**
 * Where a reader puts the records it reads: one method per kind of record, so that a reader cannot
 * hand over something that is not a record and a sink cannot forget a kind (the compiler asks for
 * every method). Readers call it from the thread that called them, one record at a time.
 *
 * <p>{@link #into(IndexAssembler)} is the sink of an assembler: each record goes to the matching
 * {@code add}, with the assembler's rules (strict or lenient, what is counted where).
 */
public interface RecordSink {
  /** A beneficiary: who the patient is (birth, sex, where they live). */
  void beneficiary(Beneficiary beneficiary);

  /** A span of coverage by one program. */
  void enrollment(Enrollment enrollment);

  /** One claim line, folded on its own. */
  void line(ClaimLine line);

  /** The lines of one claim together (for rules that need the whole claim). */
  void claim(Claim claim);

  /** A burden computed elsewhere (ACG output, say) for a patient and window. */
  void burden(PrecomputedBurden burden);

  /** The sink that adds each record to {@code assembler}. */
  static RecordSink into(IndexAssembler assembler) {
    return new RecordSink() {
      @Override
      public void beneficiary(Beneficiary beneficiary) {
        assembler.add(beneficiary);
      }

      @Override
      public void enrollment(Enrollment enrollment) {
        assembler.add(enrollment);
      }

      @Override
      public void line(ClaimLine line) {
        assembler.add(line);
      }

      @Override
      public void claim(Claim claim) {
        assembler.add(claim);
      }

      @Override
      public void burden(PrecomputedBurden burden) {
        assembler.add(burden);
      }
    };
  }

  /**
   * A sink that hands every record, whatever its kind, to {@code each} (to collect the records of a
   * file in a list, or count them).
   */
  static RecordSink each(java.util.function.Consumer<Object> each) {
    return new RecordSink() {
      @Override
      public void beneficiary(Beneficiary beneficiary) {
        each.accept(beneficiary);
      }

      @Override
      public void enrollment(Enrollment enrollment) {
        each.accept(enrollment);
      }

      @Override
      public void line(ClaimLine line) {
        each.accept(line);
      }

      @Override
      public void claim(Claim claim) {
        each.accept(claim);
      }

      @Override
      public void burden(PrecomputedBurden burden) {
        each.accept(burden);
      }
    };
  }

  /**
   * A sink that hands every record to {@code first}, then to {@code then} (a sensitivity grid that
   * sees what the main assembler sees).
   */
  static RecordSink both(RecordSink first, RecordSink then) {
    return new RecordSink() {
      @Override
      public void beneficiary(Beneficiary beneficiary) {
        first.beneficiary(beneficiary);
        then.beneficiary(beneficiary);
      }

      @Override
      public void enrollment(Enrollment enrollment) {
        first.enrollment(enrollment);
        then.enrollment(enrollment);
      }

      @Override
      public void line(ClaimLine line) {
        first.line(line);
        then.line(line);
      }

      @Override
      public void claim(Claim claim) {
        first.claim(claim);
        then.claim(claim);
      }

      @Override
      public void burden(PrecomputedBurden burden) {
        first.burden(burden);
        then.burden(burden);
      }
    };
  }
}
