package org.mpindex.core.index;

import org.mpindex.core.spi.RejectionReason;

/**
 * Why an {@link IndexAssembler} rejects a record it was given (readers that check records against
 * the beneficiary as they read them use {@link #NO_BENEFICIARY} too). Each constant's {@link
 * #text()} is what the accounting shows, the same text as when the reasons were strings.
 */
public enum AssemblyRejection implements RejectionReason {
  NO_BENEFICIARY("no beneficiary record"),
  DUPLICATE_BENEFICIARY("duplicate beneficiary record"),
  CONFLICTING_BENEFICIARY("conflicting beneficiary record"),
  BURDEN_SPAN_TOO_LONG("burden span longer than the maximum windows"),
  EFFORT_OVERFLOW("effort sum overflows");

  private final String text;

  AssemblyRejection(String text) {
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
