package org.mpindex.rbrvs;

import java.time.LocalDate;
import org.mpindex.core.spi.RejectedRecordException;

/**
 * A claim line's service date lies outside every loaded RVU release. The assembler counts it under
 * {@value #REASON} in lenient mode and stops in strict mode.
 */
public class NoReleaseException extends RejectedRecordException {
  private static final long serialVersionUID = 1L;

  /** The rejection reason. */
  public static final String REASON = "no RVU release in force on the service date";

  private final LocalDate serviceDate;

  public NoReleaseException(LocalDate serviceDate, String coverage) {
    super(REASON, "no RVU release in force on " + serviceDate + " (loaded: " + coverage + ")");
    this.serviceDate = serviceDate;
  }

  public LocalDate serviceDate() {
    return serviceDate;
  }
}
