package org.mpindex.core.spi;

/**
 * Where an {@link EffortCalculator} or {@link BurdenGrouper} reports what it could not value, so
 * that nothing is silently dropped. The assembler passes its own tally, which ends up in the
 * result's ingest accounting. Implementations need not be thread-safe: each assembler owns one.
 */
public interface CodeTally {

  /** Discards everything; for calling an SPI outside an assembler. */
  CodeTally NONE =
      new CodeTally() {
        @Override
        public void unknownCode(String codeKind, String code) {}

        @Override
        public void note(String what) {}
      };

  /**
   * A code the SPI does not know, e.g. a HCPCS code absent from the RVU release in force. Counted
   * per occurrence, by {@code codeKind + " " + code}.
   *
   * @param codeKind {@code "HCPCS"}, {@code "ICD-9-CM"}...
   * @param code the code as normalised
   */
  void unknownCode(String codeKind, String code);

  /**
   * Something worth counting that is not an error, e.g. {@code "status B (bundled): 0 work"}. Keep
   * the set of distinct texts small (no codes or ids inside): they are counted by text.
   */
  void note(String what);
}
