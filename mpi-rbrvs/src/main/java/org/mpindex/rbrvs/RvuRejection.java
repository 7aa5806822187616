package org.mpindex.rbrvs;

import org.mpindex.core.spi.RejectionReason;

/**
 * The reasons for rejecting an input record that the readers of mpi-rbrvs count in the ingest accounting, beyond the shared ones
 * ({@code org.mpindex.core.text.ReadRejection}, {@code org.mpindex.core.index.AssemblyRejection}). Each constant's {@link #text()} is what the
 * accounting (summary, {@code spec.txt}) and the rejects file show, the same text as when these were
 * strings; the readers' named constants refer to these.
 */
public enum RvuRejection implements RejectionReason {
  CONFLICTING_DUPLICATE_ROW("conflicting duplicate row"),
  NO_RVU_RELEASE_IN_FORCE_ON_THE_SERVICE_DATE("no RVU release in force on the service date"),
  EFFORT_OF_THE_LINE_OVERFLOWS("effort of the line overflows");

  private final String text;

  RvuRejection(String text) {
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
