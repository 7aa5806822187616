package org.mpindex.io;

import org.mpindex.core.spi.RejectionReason;

/**
 * The reasons for rejecting an input record that the readers of mpi-io count in the ingest accounting, beyond the shared ones
 * ({@code org.mpindex.core.text.ReadRejection}, {@code org.mpindex.core.index.AssemblyRejection}). Each constant's {@link #text()} is what the
 * accounting (summary, {@code spec.txt}) and the rejects file show, the same text as when these were
 * strings; the readers' named constants refer to these.
 */
public enum InputRejection implements RejectionReason {
  SERVICE_BEFORE_BIRTH("service before birth"),
  SERVICE_AFTER_DEATH("service after death"),
  CLAIM_ID_OF_ANOTHER_BENEFICIARY("claim id of another beneficiary"),
  CLAIM_ID_READ_BEFORE_DUPLICATE_CLAIM("claim id read before (duplicate claim)"),
  CLAIM_DENIED_CLM_CARR_PMT_DNL_CD_0("claim denied (CLM_CARR_PMT_DNL_CD 0)"),
  BENEFICIARY_AND_YEAR_READ_BEFORE_DUPLICATE_ROW(
      "beneficiary and year read before (duplicate row)"),
  BAD_ENTITLEMENT_INDICATOR("bad entitlement indicator"),
  BAD_HMO_INDICATOR("bad HMO indicator"),
  LINE_NOT_ALLOWED("line not allowed"),
  VISIT_OF_ANOTHER_PERSON("visit of another person"),
  NO_COVERAGE("no coverage (empty payer_plan_period)"),
  CANCELLATION("cancellation record (CLM_ADJSMT_TYPE_CD 1)"),
  CANCELLED("cancelled by a later cancellation (CLM_ADJSMT_TYPE_CD 1)"),
  UNMATCHED_CANCELLATION("cancellation of a claim not in the files (CLM_ADJSMT_TYPE_CD 1)"),
  LINE_OF_A_REJECTED_CLAIM("line of a rejected claim"),
  LINE_WITHOUT_ITS_CLAIM("line without its claim"),
  CLAIM_LINE_READ_BEFORE_DUPLICATE_LINE("claim line read before (duplicate line)");

  private final String text;

  InputRejection(String text) {
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
