package org.mpindex.io.rif;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.mpindex.core.index.RecordSink;
import org.mpindex.core.index.StudyPeriod;
import org.mpindex.io.SsaFipsCrosswalk;
import org.mpindex.io.input.InputFiles;
import org.mpindex.io.input.InputFormat;
import org.mpindex.io.input.InputTable;
import org.mpindex.io.input.ReadContext;
import org.mpindex.io.input.ReadOptions;

/**
 * The Medicare research files (RIF/LDS: the 5% and 20% samples ResDAC ships, and the Beneficiary
 * FHIR Data server's RIF extracts): the Master Beneficiary Summary File with monthly entitlement and
 * HMO indicators ({@link RifBeneficiaryReader}), and carrier, outpatient and inpatient claims, either
 * one row per line or claim files joined to line files by {@code CLM_ID} ({@link RifClaimReader}).
 * Field by field: {@code docs/formats/rif.md}.
 *
 * <p>The study period is the reference years of the MBSF files given ({@code
 * BENE_ENROLLMT_REF_YR} or {@code RFRNC_YR}: the files of 2016 and 2017 give 2016-01-01 to
 * 2017-12-31), as for DE-SynPUF.
 */
public final class RifFormat implements InputFormat {
  /** Table name of the Master Beneficiary Summary File. */
  public static final String MBSF = "mbsf";

  // null with crosswalkSet: SSA keys; unset: the run's ReadOptions.countyCrosswalk
  private final SsaFipsCrosswalk crosswalk;
  private final boolean crosswalkSet;
  private final boolean deniedLinesCarryEffort;

  /**
   * The layout with the run's SSA-to-FIPS crosswalk ({@link ReadOptions#countyCrosswalk()}, the
   * bundled one by default); lines not allowed carry no effort unless the run's options say so.
   */
  public RifFormat() {
    this(null, false, false);
  }

  private RifFormat(
      SsaFipsCrosswalk crosswalk, boolean crosswalkSet, boolean deniedLinesCarryEffort) {
    this.crosswalk = crosswalk;
    this.crosswalkSet = crosswalkSet;
    this.deniedLinesCarryEffort = deniedLinesCarryEffort;
  }

  /**
   * This layout mapping SSA county codes with {@code crosswalk} (null: keep SSA keys, as {@code
   * --county-crosswalk none}).
   */
  public RifFormat crosswalk(SsaFipsCrosswalk crosswalk) {
    return new RifFormat(crosswalk, true, deniedLinesCarryEffort);
  }

  /** This layout with carrier lines not allowed by Medicare valued ({@code true}) or not. */
  public RifFormat deniedLinesCarryEffort(boolean on) {
    return new RifFormat(crosswalk, crosswalkSet, on);
  }

  @Override
  public String name() {
    return "rif";
  }

  @Override
  public String description() {
    return "Medicare research files (RIF/LDS): MBSF with monthly entitlement and HMO indicators;"
        + " carrier, outpatient and inpatient claims, one row per line or claim and line files";
  }

  // every table is keyed by BENE_ID, the beneficiary's encrypted id in the research files (ResDAC,
  // "Beneficiary ID"; BFD's RIF layouts): claim and line files alike carry it
  private static final List<InputTable> TABLES =
      List.of(
          new InputTable(
                  MBSF,
                  InputTable.Role.PEOPLE,
                  true,
                  List.of("BENE_ID", "BENE_BIRTH_DT"),
                  List.of(
                      "BENE_ID",
                      "BENE_ENROLLMT_REF_YR|RFRNC_YR",
                      "BENE_BIRTH_DT",
                      "BENE_DEATH_DT|DEATH_DT",
                      "SEX_IDENT_CD|BENE_SEX_IDENT_CD",
                      "STATE_CODE|BENE_STATE_CD",
                      "COUNTY_CD|BENE_COUNTY_CD",
                      "MDCR_ENTLMT_BUYIN_IND_01..12|MDCR_ENTLMT_BUYIN_1..12_IND",
                      "HMO_IND_01..12|HMO_1..12_IND"),
                  List.of("BENE_BIRTH_DT", "BENE_DEATH_DT", "DEATH_DT"))
              .withPersonColumn("BENE_ID"),
          claims(
              RifClaimReader.Table.CARRIER,
              List.of("CLM_ID", "CLM_FROM_DT", "CARR_NUM"),
              List.of(
                  "LINE_NUM",
                  "HCPCS_CD",
                  "HCPCS_1ST_MDFR_CD",
                  "HCPCS_2ND_MDFR_CD",
                  "LINE_SRVC_CNT",
                  "LINE_PLACE_OF_SRVC_CD",
                  "LINE_PRCSG_IND_CD",
                  "LINE_ICD_DGNS_CD",
                  "LINE_ICD_DGNS_VRSN_CD")),
          lines(
              RifClaimReader.Table.CARRIER_LINE,
              List.of("CLM_ID", "LINE_NUM", "HCPCS_CD"),
              List.of(
                  "BENE_ID",
                  "CLM_ID",
                  "LINE_NUM",
                  "HCPCS_CD",
                  "HCPCS_1ST_MDFR_CD",
                  "HCPCS_2ND_MDFR_CD",
                  "LINE_SRVC_CNT",
                  "LINE_PLACE_OF_SRVC_CD",
                  "LINE_PRCSG_IND_CD",
                  "LINE_ICD_DGNS_CD",
                  "LINE_ICD_DGNS_VRSN_CD")),
          claims(
              RifClaimReader.Table.OUTPATIENT,
              List.of("CLM_ID", "CLM_FROM_DT", "PRVDR_NUM"),
              List.of(
                  "CLM_LINE_NUM",
                  "HCPCS_CD",
                  "HCPCS_1ST_MDFR_CD",
                  "HCPCS_2ND_MDFR_CD",
                  "REV_CNTR_UNIT_CNT",
                  "ADMTG_DGNS_CD",
                  "ADMTG_DGNS_VRSN_CD")),
          claims(
              RifClaimReader.Table.INPATIENT,
              List.of("CLM_ID", "CLM_FROM_DT", "CLM_ADMSN_DT"),
              List.of(
                  "CLM_LINE_NUM",
                  "HCPCS_CD",
                  "HCPCS_1ST_MDFR_CD",
                  "HCPCS_2ND_MDFR_CD",
                  "REV_CNTR_UNIT_CNT",
                  "ADMTG_DGNS_CD",
                  "ADMTG_DGNS_VRSN_CD")),
          lines(
              RifClaimReader.Table.REVENUE_CENTER,
              List.of("CLM_ID", "CLM_LINE_NUM", "REV_CNTR"),
              List.of(
                  "BENE_ID",
                  "CLM_ID",
                  "CLM_LINE_NUM",
                  "HCPCS_CD",
                  "HCPCS_1ST_MDFR_CD",
                  "HCPCS_2ND_MDFR_CD",
                  "REV_CNTR_UNIT_CNT")));

  private static InputTable claims(
      RifClaimReader.Table t, List<String> signature, List<String> lineColumns) {
    List<String> columns = new java.util.ArrayList<>();
    columns.addAll(
        List.of(
            "BENE_ID",
            "CLM_ID",
            "CLM_FROM_DT",
            "CLM_THRU_DT",
            "ICD_DGNS_CD1..n",
            "ICD_DGNS_VRSN_CD1..n"));
    columns.addAll(lineColumns);
    return new InputTable(
            t.tableName(),
            InputTable.Role.CLAIMS,
            false,
            signature,
            columns,
            List.of("CLM_FROM_DT", "CLM_THRU_DT"))
        .withPersonColumn("BENE_ID");
  }

  private static InputTable lines(
      RifClaimReader.Table t, List<String> signature, List<String> columns) {
    return new InputTable(t.tableName(), InputTable.Role.CLAIMS, false, signature, columns)
        .withPersonColumn("BENE_ID");
  }

  @Override
  public List<InputTable> tables() {
    return TABLES;
  }

  /**
   * The table a file is, from its header: the MBSF has {@code BENE_BIRTH_DT} and January's
   * entitlement indicator, and no {@code CLM_ID};
   * a claims file without {@code CLM_FROM_DT} and without diagnoses is a line file (a revenue center
   * file when it has {@code REV_CNTR}, else carrier lines); a claims file with {@code CLM_FROM_DT}
   * is inpatient when it has {@code CLM_ADMSN_DT} or {@code CLM_DRG_CD}, outpatient when it has
   * {@code REV_CNTR}, {@code PRVDR_NUM} or {@code CLM_FAC_TYPE_CD}, and carrier when it has {@code
   * CARR_NUM}, {@code LINE_PRCSG_IND_CD} or {@code CARR_CLM_PMT_DNL_CD}.
   */
  @Override
  public Optional<InputTable> recognise(Path file, List<String> header) {
    Set<String> h = new TreeSet<>();
    header.forEach(c -> h.add(c.strip().toUpperCase(Locale.ROOT)));
    String name;
    if (!h.contains("CLM_ID")) {
      boolean monthly =
          h.contains("MDCR_ENTLMT_BUYIN_IND_01")
              || h.contains("BENE_MDCR_ENTLMT_BUYIN_IND_01")
              || h.contains("BENE_ENTLMT_BUYIN_IND_01")
              || h.contains("MDCR_ENTLMT_BUYIN_1_IND");
      name = h.contains("BENE_ID") && h.contains("BENE_BIRTH_DT") && monthly ? MBSF : null;
    } else if (!h.contains("CLM_FROM_DT") && !h.contains("ICD_DGNS_CD1")) {
      name =
          h.contains("REV_CNTR") || h.contains("CLM_LINE_NUM")
              ? RifClaimReader.Table.REVENUE_CENTER.tableName()
              : h.contains("LINE_NUM") ? RifClaimReader.Table.CARRIER_LINE.tableName() : null;
    } else if (h.contains("CLM_ADMSN_DT") || h.contains("CLM_DRG_CD")) {
      name = RifClaimReader.Table.INPATIENT.tableName();
    } else if (h.contains("REV_CNTR") || h.contains("PRVDR_NUM") || h.contains("CLM_FAC_TYPE_CD")) {
      name = RifClaimReader.Table.OUTPATIENT.tableName();
    } else if (h.contains("CARR_NUM")
        || h.contains("LINE_PRCSG_IND_CD")
        || h.contains("CARR_CLM_PMT_DNL_CD")) {
      name = RifClaimReader.Table.CARRIER.tableName();
    } else {
      name = null;
    }
    return TABLES.stream().filter(t -> t.name().equals(name)).findFirst();
  }

  /**
   * The reference years of the MBSF files: January 1 of the first to December 31 of the last (the
   * files are read once more for their years; cells that are not a year are left to the reading,
   * which rejects their rows). Empty when no MBSF row holds a year.
   */
  @Override
  public Optional<StudyPeriod> studyPeriod(InputFiles files) {
    return studyPeriod(files, ReadContext.lenient());
  }

  /** {@link #studyPeriod(InputFiles)}, the MBSF tables read through {@code context}'s source. */
  @Override
  public Optional<StudyPeriod> studyPeriod(InputFiles files, ReadContext context) {
    TreeSet<Integer> years = new TreeSet<>();
    for (Path f : files.of(MBSF)) {
      years.addAll(RifBeneficiaryReader.years(f, context));
    }
    if (years.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        StudyPeriod.of(LocalDate.of(years.first(), 1, 1), LocalDate.of(years.last(), 12, 31)));
  }

  @Override
  public java.util.Set<ReadOptions.Option> honours() {
    return java.util.Set.of(ReadOptions.Option.DENIED_LINES, ReadOptions.Option.COUNTY_CROSSWALK);
  }

  @Override
  public String studyPeriodRule() {
    return "the reference years of the MBSF files (BENE_ENROLLMT_REF_YR)";
  }

  @Override
  public void readPeople(InputFiles files, ReadContext context, RecordSink sink) {
    SsaFipsCrosswalk c =
        crosswalkSet ? crosswalk : context.options().countyCrosswalk().orElse(null);
    new RifBeneficiaryReader(c).read(files.of(MBSF), context, sink);
  }

  @Override
  public void readClaims(InputFiles files, ReadContext context, RecordSink sink) {
    new RifClaimReader(deniedLinesCarryEffort || context.options().deniedLinesCarryEffort())
        .read(t -> files.of(t.tableName()), context, sink);
  }
}
