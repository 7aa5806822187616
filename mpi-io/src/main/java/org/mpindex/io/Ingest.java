package org.mpindex.io;

import org.mpindex.core.index.IngestTally;
import org.mpindex.core.spi.MalformedRecordException;

/** Strict or lenient handling of one bad row, shared by the readers. */
final class Ingest {
  private Ingest() {}

  /** Throws in strict mode; counts the row under its reason in lenient mode. */
  static void reject(boolean strict, IngestTally tally, String kind, MalformedRecordException e) {
    if (strict) {
      throw e;
    }
    tally.reject(kind, e.reason(), 1);
  }
}
