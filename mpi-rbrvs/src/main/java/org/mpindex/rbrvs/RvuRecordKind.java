package org.mpindex.rbrvs;

import org.mpindex.core.spi.RecordKind;

/**
 * The kinds of input records that the readers of mpi-rbrvs count in the ingest accounting, beyond the assembler's
 * ({@code org.mpindex.core.index.AssemblyRecordKind}). Each constant's {@link #text()} is what the
 * accounting (summary, {@code spec.txt}) and the rejects file show, the same text as when these were
 * strings; the readers' named constants refer to these.
 */
public enum RvuRecordKind implements RecordKind {
  GPCI_ROWS("GPCI rows"),
  LOCALITY_ROWS("locality rows"),
  RVU_FILE_ROWS("RVU file rows");

  private final String text;

  RvuRecordKind(String text) {
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
