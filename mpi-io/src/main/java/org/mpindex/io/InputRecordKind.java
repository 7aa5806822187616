package org.mpindex.io;

import org.mpindex.core.spi.RecordKind;

/**
 * The kinds of input records that the readers of mpi-io count in the ingest accounting, beyond the assembler's
 * ({@code org.mpindex.core.index.AssemblyRecordKind}). Each constant's {@link #text()} is what the
 * accounting (summary, {@code spec.txt}) and the rejects file show, the same text as when these were
 * strings; the readers' named constants refer to these.
 */
public enum InputRecordKind implements RecordKind {
  TIDY_CSV_BENEFICIARY_ROWS("tidy CSV beneficiary rows"),
  TIDY_CSV_ENROLLMENT_ROWS("tidy CSV enrollment rows"),
  TIDY_CSV_CLAIM_LINE_ROWS("tidy CSV claim line rows"),
  SSA_FIPS_CROSSWALK_ROWS("SSA-FIPS crosswalk rows"),
  DE_SYNPUF_BENEFICIARY_SUMMARY_ROWS("DE-SynPUF beneficiary summary rows"),
  CCLF8_BENEFICIARY_ROWS("CCLF8 beneficiary rows"),
  CCLF9_BENEFICIARY_ID_CHANGE_ROWS("CCLF9 beneficiary id change rows"),
  CCLF5_PART_B_PHYSICIAN_LINE_ROWS("CCLF5 Part B physician line rows"),
  CCLF1_PART_A_CLAIM_HEADER_ROWS("CCLF1 Part A claim header rows"),
  CCLF4_PART_A_DIAGNOSIS_ROWS("CCLF4 Part A diagnosis rows"),
  CCLF_CLAIM_VERSIONS_CUR_CLM_UNIQ_ID("CCLF claim versions (CUR_CLM_UNIQ_ID)"),
  RIF_MBSF_ROWS("RIF MBSF rows"),
  OMOP_PERSON_ROWS("OMOP person rows"),
  OMOP_LOCATION_ROWS("OMOP location rows"),
  OMOP_DEATH_ROWS("OMOP death rows"),
  OMOP_PAYER_PLAN_PERIOD_ROWS("OMOP payer_plan_period rows"),
  OMOP_OBSERVATION_PERIOD_ROWS("OMOP observation_period rows"),
  OMOP_CONCEPT_ROWS("OMOP concept rows"),
  OMOP_VISIT_OCCURRENCE_ROWS("OMOP visit_occurrence rows"),
  OMOP_CONDITION_OCCURRENCE_ROWS("OMOP condition_occurrence rows"),
  OMOP_PROCEDURE_OCCURRENCE_ROWS("OMOP procedure_occurrence rows"),
  OMOP_MEASUREMENT_ROWS("OMOP measurement rows"),
  OMOP_OBSERVATION_ROWS("OMOP observation rows"),
  OMOP_DRUG_EXPOSURE_ROWS("OMOP drug_exposure rows"),
  OMOP_DEVICE_EXPOSURE_ROWS("OMOP device_exposure rows"),
  OMOP_VISIT_DETAIL_ROWS("OMOP visit_detail rows"),
  RIF_CARRIER_CLAIM_ROWS("RIF carrier claim rows"),
  RIF_CARRIER_LINE_ROWS("RIF carrier line rows"),
  RIF_OUTPATIENT_CLAIM_ROWS("RIF outpatient claim rows"),
  RIF_INPATIENT_CLAIM_ROWS("RIF inpatient claim rows"),
  RIF_REVENUE_CENTER_ROWS("RIF revenue center rows"),
  DE_SYNPUF_CARRIER_CLAIM_ROWS("DE-SynPUF carrier claim rows"),
  DE_SYNPUF_OUTPATIENT_CLAIM_ROWS("DE-SynPUF outpatient claim rows"),
  DE_SYNPUF_INPATIENT_CLAIM_ROWS("DE-SynPUF inpatient claim rows");

  private final String text;

  InputRecordKind(String text) {
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
