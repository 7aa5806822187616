package org.mpindex.core.spi;

/**
 * A record cannot be used, for a reason that lenient mode counts and strict mode reports. Thrown by
 * SPIs (an RVU calculator given a service date outside every loaded release) and by the assembler
 * in strict mode.
 */
public class RejectedRecordException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final RejectionReason reason;

  /**
   * @param reason the key under which the accounting counts it (its text is what the outputs show)
   * @param message the full message, naming the record and value; kept as {@link
   *     org.mpindex.core.text.Echo#message} makes it (control characters escaped, a long message cut
   *     in the middle), since it quotes input values
   */
  public RejectedRecordException(RejectionReason reason, String message) {
    super(org.mpindex.core.text.Echo.message(message));
    this.reason = java.util.Objects.requireNonNull(reason, "reason");
  }

  /**
   * As {@link #RejectedRecordException(RejectionReason, String)}, the reason given by its text (for
   * readers whose reasons are not an enum yet: {@link RejectionReason#of(String)}).
   */
  public RejectedRecordException(String reason, String message) {
    this(RejectionReason.of(reason), message);
  }

  /** As {@link #RejectedRecordException(RejectionReason, String)}, with the cause. */
  public RejectedRecordException(RejectionReason reason, String message, Throwable cause) {
    super(org.mpindex.core.text.Echo.message(message), cause);
    this.reason = java.util.Objects.requireNonNull(reason, "reason");
  }

  /** The reason under which lenient mode counts this rejection (its text is what outputs show). */
  public RejectionReason reason() {
    return reason;
  }
}
