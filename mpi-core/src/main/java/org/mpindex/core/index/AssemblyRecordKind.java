package org.mpindex.core.index;

import org.mpindex.core.spi.RecordKind;

/**
 * The kinds of records an {@link IndexAssembler} counts in its {@link IngestTally}. Each constant's
 * {@link #text()} is what the accounting shows, the same text as when the kinds were strings.
 */
public enum AssemblyRecordKind implements RecordKind {
  BENEFICIARIES("beneficiaries"),
  ENROLLMENTS("enrollment spans"),
  CLAIM_LINES("claim lines"),
  LINE_EFFORTS("claim line efforts"),
  BURDENS("precomputed burdens");

  private final String text;

  AssemblyRecordKind(String text) {
    this.text = text;
  }

  @Override
  public String text() {
    return text;
  }

  @Override
  public String toString() {
    return text;
  }
}
