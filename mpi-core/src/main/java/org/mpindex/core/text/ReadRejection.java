package org.mpindex.core.text;

import org.mpindex.core.spi.RejectionReason;

/**
 * The reading vocabulary every reader shares: why a file, a row or a field of a row cannot be read
 * ({@link org.mpindex.core.spi.MalformedRecordException#reason()}). A field's reason usually comes
 * narrowed to its column ({@link RejectionReason#in(String)}: {@code "bad date (CLM_FROM_DT)"}); the
 * reasons of one layout's rules (a claim of another beneficiary, a cancelled CCLF claim) are the
 * reader module's own enum. Each constant's {@link #text()} is what the accounting and the rejects
 * file show, the same text as when the reasons were strings.
 */
public enum ReadRejection implements RejectionReason {
  NO_HEADER("no header"),
  UNREADABLE_HEADER("unreadable header"),
  MISSING_COLUMN("missing column"),
  REPEATED_COLUMN("repeated column"),
  WRONG_COLUMN_COUNT("wrong column count"),
  WRONG_RECORD_LENGTH("wrong record length"),
  MALFORMED_CSV("malformed CSV"),
  UNDECODABLE("undecodable bytes"),
  LINE_TOO_LONG("line too long"),
  DUPLICATE_ROW("exact duplicate of an earlier row of the claim"),
  MISSING_VALUE("missing value"),
  INVALID_VALUE("invalid value"),
  OUT_OF_RANGE("out of range"),
  NUMBER_OUT_OF_RANGE("number out of range"),
  NEGATIVE_NUMBER("negative number"),
  MALFORMED_NUMBER("malformed number"),
  BAD_NUMBER("bad number"),
  BAD_DATE("bad date"),
  BAD_DATES("bad dates"),
  DEATH_BEFORE_BIRTH("death before birth"),
  BAD_STATE("bad state"),
  BAD_COUNTY("bad county"),
  BAD_ZIP_CODE("bad ZIP code"),
  BAD_GEOGRAPHY("bad geography"),
  BAD_SEX("bad sex"),
  BAD_GENDER("bad gender"),
  BAD_CODE("bad code"),
  BAD_CODE_SYSTEM("bad code system"),
  INVALID_DIAGNOSIS_CODE("invalid diagnosis code"),
  BAD_DIAGNOSIS_VERSION_CODE("bad diagnosis version code"),
  INVALID_HCPCS_CODE("invalid HCPCS code"),
  BAD_MODIFIER("bad modifier"),
  BAD_UNITS("bad units"),
  BAD_QUANTITY("bad quantity"),
  BAD_PLACE_OF_SERVICE("bad place of service"),
  BAD_CLAIM_TYPE("bad claim type"),
  BAD_STATUS("bad status"),
  BAD_PERIOD("bad period"),
  BAD_WEIGHT("bad weight"),
  BAD_STRATUM("bad stratum"),
  REPEATED_STRATUM("repeated stratum"),
  BAD_ADG("bad ADG"),
  BAD_GLOBAL_DAYS("bad global days"),
  BAD_BUY_IN_INDICATOR("bad buy-in indicator"),
  MALFORMED_INDICATOR("malformed indicator"),
  BAD_ADJUSTMENT_TYPE("bad adjustment type"),
  NO_DELIVERY_DATE("no delivery date"),
  SEGMENT_WITHOUT_FIRST("segment without its segment 1"),
  REPEATED_CLAIM_LINE("repeated claim line"),
  REPEATED_CLAIM_HEADER("repeated claim header"),
  DUPLICATE_PERSON_ID("duplicate person_id"),
  DUPLICATE_LOCATION_ID("duplicate location_id"),
  DUPLICATE_VISIT_OCCURRENCE_ID("duplicate visit_occurrence_id"),
  CONFLICTING_CROSSWALK_ROW("conflicting crosswalk row");

  private final String text;

  ReadRejection(String text) {
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
