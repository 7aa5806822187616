package org.mpindex.core.index;

/** What happens to a record that cannot be used. */
public enum IngestMode {
  /** Throw at the first bad record, naming it. */
  STRICT,
  /** Count it as rejected by reason and continue; the counts are part of the result (default). */
  LENIENT
}
