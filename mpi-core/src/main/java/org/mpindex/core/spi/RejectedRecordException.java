package org.mpindex.core.spi;

/**
 * A record cannot be used, for a reason that lenient mode counts and strict mode reports. Thrown by
 * SPIs (an RVU calculator given a service date outside every loaded release) and by the assembler
 * in strict mode.
 */
public class RejectedRecordException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String reason;

  /**
   * @param reason a short stable key, counted by the accounting ({@code "no RVU release for date"})
   * @param message the full message, naming the record and value; kept as {@link
   *     org.mpindex.core.text.Echo#message} makes it (control characters escaped, a long message cut
   *     in the middle), since it quotes input values
   */
  public RejectedRecordException(String reason, String message) {
    super(org.mpindex.core.text.Echo.message(message));
    this.reason = reason;
  }

  /** As {@link #RejectedRecordException(String, String)}, with the cause. */
  public RejectedRecordException(String reason, String message, Throwable cause) {
    super(org.mpindex.core.text.Echo.message(message), cause);
    this.reason = reason;
  }

  /** The short key under which lenient mode counts this rejection. */
  public String reason() {
    return reason;
  }
}
