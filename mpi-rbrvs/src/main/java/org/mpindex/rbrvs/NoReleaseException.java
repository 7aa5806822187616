package org.mpindex.rbrvs;

import java.time.LocalDate;
import org.mpindex.core.spi.RejectedRecordException;

/**
 * A claim line's service date lies outside every loaded RVU release. The assembler counts it under
 * {@link #REASON} in lenient mode and stops in strict mode.
 */
public class NoReleaseException extends RejectedRecordException {
  private static final long serialVersionUID = 1L;

  /** The rejection reason. */
  public static final RvuRejection REASON =
      RvuRejection.NO_RVU_RELEASE_IN_FORCE_ON_THE_SERVICE_DATE;

  private final LocalDate serviceDate;

  public NoReleaseException(LocalDate serviceDate, String coverage) {
    super(REASON, "no RVU release in force on " + serviceDate + " (loaded: " + coverage + ")");
    this.serviceDate = serviceDate;
  }

  public LocalDate serviceDate() {
    return serviceDate;
  }
}
