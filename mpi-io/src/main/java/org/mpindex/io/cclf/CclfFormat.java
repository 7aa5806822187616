package org.mpindex.io.cclf;

import java.nio.charset.Charset;
import java.util.List;
import org.mpindex.core.index.IngestTally;
import org.mpindex.core.index.RecordSink;
import org.mpindex.core.spi.RecordKind;
import org.mpindex.core.spi.RejectionReason;
import org.mpindex.io.input.InputFiles;
import org.mpindex.io.input.InputFormat;
import org.mpindex.io.input.InputTable;
import org.mpindex.io.input.ReadContext;

/**
 * The CMS Claim and Claim Line Feed (CCLF) every Medicare ACO receives, as delimited files with a
 * header row (comma, {@code |} or tab; plain or gzip; Parquet when a Parquet opener is installed):
 * {@code mpi compute --format cclf}. Fixed-width CCLF files are not read (see {@code
 * docs/formats/cclf.md}).
 *
 * <ul>
 *   <li>{@value #CCLF8} (Beneficiary Demographics, required): one beneficiary per current MBI, its
 *       latest delivery's birth date, sex, death date and FIPS residence, and Part B coverage as
 *       {@code MEDICARE_FFS} by the rule of {@link #studyPeriodRule()} and the docs.
 *   <li>{@value #CCLF9} (Beneficiary XREF, optional): previous MBIs to current ones, applied to every
 *       other table before anything is linked.
 *   <li>{@value #CCLF5} (Part B Physicians, required): one professional claim line per row, its
 *       HCPCS code, up to four modifiers ({@code HCPCS_1..4_MDFR_CD}; a fifth is noted and left out),
 *       units, place of service, the claim's {@code CLM_DGNS_n_CD} and the line's {@code
 *       CLM_LINE_DGNS_CD}, dated by the line's dates.
 *   <li>{@value #CCLF1} and {@value #CCLF4} (Part A headers and diagnoses, optional): one
 *       diagnosis-only line per claim (inpatient, outpatient, SNF, home health or hospice, by {@code
 *       CLM_TYPE_CD}): facility claims carry no physician effort by default.
 * </ul>
 *
 * Cancel/adjust chains collapse to the final-action claims before anything reaches the sink; every
 * row and every claim version is counted (read = accepted + rejected), by reason.
 */
public final class CclfFormat implements InputFormat {
  /** Table name of the Beneficiary Demographics file. */
  public static final String CCLF8 = "CCLF8";

  /** Table name of the Beneficiary XREF file. */
  public static final String CCLF9 = "CCLF9";

  /** Table name of the Part B Physicians file. */
  public static final String CCLF5 = "CCLF5";

  /** Table name of the Part A Claims Header file. */
  public static final String CCLF1 = "CCLF1";

  /** Table name of the Part A Diagnosis Code file. */
  public static final String CCLF4 = "CCLF4";

  /** Tally record kind of CCLF8 rows. */
  public static final RecordKind BENEFICIARY_ROWS = CclfBeneficiaries.ROWS;

  /** Tally record kind of CCLF9 rows. */
  public static final RecordKind ID_CHANGE_ROWS = CclfIds.ROWS;

  /** Tally record kind of CCLF5 rows. */
  public static final RecordKind PART_B_ROWS = CclfClaims.PART_B_ROWS;

  /** Tally record kind of CCLF1 rows. */
  public static final RecordKind PART_A_ROWS = CclfClaims.PART_A_ROWS;

  /** Tally record kind of CCLF4 rows. */
  public static final RecordKind DIAGNOSIS_ROWS = CclfClaims.DIAGNOSIS_ROWS;

  /**
   * Tally record kind of claim versions (one per {@code CUR_CLM_UNIQ_ID} of each part): accepted
   * when final, rejected as {@link #CANCELLATION}, {@link #CANCELLED} or {@link
   * #UNMATCHED_CANCELLATION}.
   */
  public static final RecordKind CLAIM_VERSIONS = CclfClaims.VERSIONS;

  /** Rejection reason (claim versions) of a cancellation matched with the claim it cancels. */
  public static final RejectionReason CANCELLATION = CclfClaims.CANCELLATION;

  /** Rejection reason (claim versions) of a claim its cancellation removed. */
  public static final RejectionReason CANCELLED = CclfClaims.CANCELLED;

  /** Rejection reason (claim versions) of a cancellation whose claim is not in the files. */
  public static final RejectionReason UNMATCHED_CANCELLATION = CclfClaims.UNMATCHED_CANCELLATION;

  /** Rejection reason (claim line efforts) of a CCLF5 line not allowed, followed by its code. */
  public static final RejectionReason DENIED_LINE = CclfClaims.DENIED_LINE;

  /** Rejection reason (claim line efforts) of a line of a claim with {@code CLM_CARR_PMT_DNL_CD} 0. */
  public static final RejectionReason DENIED_CLAIM = CclfClaims.DENIED_CLAIM;

  /** CMS writes CCLF in ASCII; windows-1252 reads any byte, so a stray byte never loses a row. */
  private static final Charset CHARSET = Charset.forName("windows-1252");

  private static final List<InputTable> TABLES =
      List.of(
          new InputTable(
              CCLF9,
              InputTable.Role.SUPPORT,
              false,
              List.of("CRNT_NUM", "PRVS_NUM"),
              List.of("CRNT_NUM", "PRVS_NUM", "PRVS_ID_EFCTV_DT", "PRVS_ID_OBSLT_DT", "FILE_DATE")),
          new InputTable(
                  CCLF8,
                  InputTable.Role.PEOPLE,
                  true,
                  List.of("BENE_MBI_ID", "BENE_DOB", "BENE_SEX_CD"),
                  List.of(
                      "BENE_MBI_ID",
                      "BENE_DOB",
                      "BENE_SEX_CD",
                      "BENE_DEATH_DT",
                      "BENE_FIPS_STATE_CD",
                      "BENE_FIPS_CNTY_CD",
                      "BENE_ZIP_CD",
                      "BENE_PART_B_ENRLMT_BGN_DT",
                      "BENE_ENTLMT_BUYIN_IND",
                      "FILE_DATE",
                      "FILE_NAME"),
                  List.of("BENE_DOB", "BENE_DEATH_DT"))
              .withPersonColumn("BENE_MBI_ID"),
          new InputTable(
                  CCLF5,
                  InputTable.Role.CLAIMS,
                  true,
                  List.of("CUR_CLM_UNIQ_ID", "CLM_LINE_HCPCS_CD", "CLM_DGNS_1_CD"),
                  List.of(
                      "CUR_CLM_UNIQ_ID",
                      "CLM_LINE_NUM",
                      "BENE_MBI_ID",
                      "CLM_FROM_DT",
                      "CLM_THRU_DT",
                      "CLM_LINE_FROM_DT",
                      "CLM_LINE_THRU_DT",
                      "CLM_LINE_HCPCS_CD",
                      "HCPCS_1_MDFR_CD..HCPCS_5_MDFR_CD",
                      "CLM_LINE_SRVC_UNIT_QTY",
                      "CLM_POS_CD",
                      "CLM_DGNS_1_CD..CLM_DGNS_12_CD",
                      "CLM_LINE_DGNS_CD",
                      "DGNS_PRCDR_ICD_IND",
                      "CLM_PRCSG_IND_CD",
                      "CLM_CARR_PMT_DNL_CD",
                      "CLM_ADJSMT_TYPE_CD",
                      "CLM_EFCTV_DT",
                      "CLM_CNTL_NUM",
                      "CLM_LINE_CVRD_PD_AMT",
                      "FILE_DATE",
                      "FILE_NAME"),
                  List.of("CLM_FROM_DT", "CLM_THRU_DT"))
              .withPersonColumn("BENE_MBI_ID"),
          new InputTable(
                  CCLF1,
                  InputTable.Role.CLAIMS,
                  false,
                  List.of("CUR_CLM_UNIQ_ID", "PRNCPL_DGNS_CD", "CLM_BILL_FAC_TYPE_CD"),
                  List.of(
                      "CUR_CLM_UNIQ_ID",
                      "BENE_MBI_ID",
                      "CLM_TYPE_CD",
                      "CLM_FROM_DT",
                      "CLM_THRU_DT",
                      "PRNCPL_DGNS_CD",
                      "ADMTG_DGNS_CD",
                      "DGNS_PRCDR_ICD_IND",
                      "CLM_ADJSMT_TYPE_CD",
                      "CLM_EFCTV_DT",
                      "CLM_BLG_PRVDR_OSCAR_NUM",
                      "PRVDR_OSCAR_NUM",
                      "CLM_PMT_AMT",
                      "CLM_MDCR_NPMT_RSN_CD",
                      "FILE_DATE",
                      "FILE_NAME"),
                  List.of("CLM_FROM_DT", "CLM_THRU_DT"))
              .withPersonColumn("BENE_MBI_ID"),
          new InputTable(
                  CCLF4,
                  InputTable.Role.CLAIMS,
                  false,
                  List.of("CUR_CLM_UNIQ_ID", "CLM_DGNS_CD", "CLM_VAL_SQNC_NUM"),
                  List.of(
                      "CUR_CLM_UNIQ_ID",
                      "BENE_MBI_ID",
                      "CLM_DGNS_CD",
                      "DGNS_PRCDR_ICD_IND",
                      "CLM_FROM_DT",
                      "CLM_THRU_DT",
                      "FILE_DATE",
                      "FILE_NAME"))
              .withPersonColumn("BENE_MBI_ID"));

  private final boolean deniedEffort;
  private final boolean asClaims;

  /** The layout with its defaults: denied lines carry no effort, lines given one at a time. */
  public CclfFormat() {
    this(false, false);
  }

  private CclfFormat(boolean deniedEffort, boolean asClaims) {
    this.deniedEffort = deniedEffort;
    this.asClaims = asClaims;
  }

  /**
   * Whether CCLF5 lines Medicare did not allow ({@code CLM_PRCSG_IND_CD} other than {@code A} or
   * blank, or a claim with {@code CLM_CARR_PMT_DNL_CD} 0) carry effort. By default (false) such a
   * line keeps its diagnoses and its effort is counted as rejected, by code, as DE-SynPUF's.
   */
  public CclfFormat deniedLinesCarryEffort(boolean on) {
    return new CclfFormat(on, asClaims);
  }

  /**
   * Whether the sink gets each final claim's lines together as one claim (for claim-level effort
   * rules) instead of line by line.
   */
  public CclfFormat asClaims(boolean on) {
    return new CclfFormat(deniedEffort, on);
  }

  @Override
  public String name() {
    return "cclf";
  }

  @Override
  public String description() {
    return "CMS Claim and Claim Line Feed (Medicare ACOs), delimited: CCLF8, CCLF9, CCLF5, CCLF1,"
        + " CCLF4";
  }

  @Override
  public List<InputTable> tables() {
    return TABLES;
  }

  @Override
  public java.util.Set<org.mpindex.io.input.ReadOptions.Option> honours() {
    return java.util.Set.of(org.mpindex.io.input.ReadOptions.Option.DENIED_LINES);
  }

  @Override
  public String studyPeriodRule() {
    return "the span of the coverage read (" + CclfBeneficiaries.COVERAGE_RULE + ")";
  }

  /**
   * Each previous MBI of the CCLF9 files to the beneficiary's most recent MBI (chains followed, the
   * latest delivery winning, as {@link #readPeople} applies them), read through {@code context}'s
   * table source without counting a row: a distributed reader keys every CCLF8, CCLF5, CCLF1 and
   * CCLF4 row by its final MBI, so that the rows of one beneficiary under an old MBI land with the
   * rest. Empty without CCLF9.
   */
  @Override
  public java.util.Map<String, String> idChanges(InputFiles files, ReadContext context) {
    return CclfIds.read(files.of(CCLF9), CHARSET, context.quietly(new IngestTally())).changes();
  }

  /** Reads CCLF9 (id changes), then CCLF8: beneficiaries and their coverage. */
  @Override
  public void readPeople(InputFiles files, ReadContext context, RecordSink sink) {
    CclfIds ids = CclfIds.read(files.of(CCLF9), CHARSET, context);
    CclfBeneficiaries.read(files.of(CCLF8), CHARSET, ids, context, sink);
  }

  /**
   * Reads CCLF5, CCLF1 and CCLF4, and gives the sink the final-action claims' lines once all are
   * read. CCLF9 is read again for its crosswalk, its rows not counted twice (they were counted by
   * {@link #readPeople}).
   */
  @Override
  public void readClaims(InputFiles files, ReadContext context, RecordSink sink) {
    CclfIds ids = CclfIds.read(files.of(CCLF9), CHARSET, context.quietly(new IngestTally()));
    // the run's layout choices add to this format's own (mpi compute --denied-lines,
    // --multiple-procedure)
    CclfClaims claims =
        new CclfClaims(
            context,
            CHARSET,
            ids,
            deniedEffort || context.options().deniedLinesCarryEffort(),
            asClaims || context.options().claimsTogether());
    claims.readPartB(files.of(CCLF5));
    claims.readPartA(files.of(CCLF1));
    claims.readPartADiagnoses(files.of(CCLF4));
    claims.finish(sink);
  }
}
