package org.mpindex.adg;

import org.mpindex.core.spi.RecordKind;

/**
 * The kinds of input records that the readers of mpi-adg count in the ingest accounting, beyond the assembler's
 * ({@code org.mpindex.core.index.AssemblyRecordKind}). Each constant's {@link #text()} is what the
 * accounting (summary, {@code spec.txt}) and the rejects file show, the same text as when these were
 * strings; the readers' named constants refer to these.
 */
public enum AdgRecordKind implements RecordKind {
  ADG_TABLE_ROWS("ADG table rows"),
  ACG_OUTPUT_ROWS("ACG output rows");

  private final String text;

  AdgRecordKind(String text) {
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
