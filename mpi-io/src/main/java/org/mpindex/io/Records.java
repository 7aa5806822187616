package org.mpindex.io;

import java.util.function.Consumer;
import org.mpindex.core.claims.Beneficiary;
import org.mpindex.core.claims.Claim;
import org.mpindex.core.claims.ClaimLine;
import org.mpindex.core.claims.Enrollment;
import org.mpindex.core.index.RecordSink;
import org.mpindex.core.spi.PrecomputedBurden;

/** The readers' rows parse to records of several kinds; this hands each to its method of a sink. */
final class Records {
  private Records() {}

  /** A consumer passing each record to the matching method of {@code sink}. */
  static Consumer<Object> consumer(RecordSink sink) {
    return r -> {
      if (r instanceof ClaimLine line) {
        sink.line(line);
      } else if (r instanceof Claim claim) {
        sink.claim(claim);
      } else if (r instanceof Enrollment enrollment) {
        sink.enrollment(enrollment);
      } else if (r instanceof Beneficiary beneficiary) {
        sink.beneficiary(beneficiary);
      } else if (r instanceof PrecomputedBurden burden) {
        sink.burden(burden);
      } else {
        throw new IllegalArgumentException("not a record: " + r);
      }
    };
  }
}
