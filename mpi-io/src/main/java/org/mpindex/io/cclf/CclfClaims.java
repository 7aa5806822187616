package org.mpindex.io.cclf;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.mpindex.core.claims.Beneficiary;
import org.mpindex.core.claims.Claim;
import org.mpindex.core.claims.ClaimLine;
import org.mpindex.core.claims.ClaimType;
import org.mpindex.core.claims.CodeSystem;
import org.mpindex.core.claims.DiagnosisCode;
import org.mpindex.core.claims.InvalidValueException;
import org.mpindex.core.claims.PlaceOfService;
import org.mpindex.core.claims.ProcedureCode;
import org.mpindex.core.index.ClaimDating;
import org.mpindex.core.index.IndexAssembler;
import org.mpindex.core.index.IngestTally;
import org.mpindex.core.index.RecordSink;
import org.mpindex.core.spi.MalformedRecordException;
import org.mpindex.core.spi.RejectionReason;
import org.mpindex.core.text.CsvTable;
import org.mpindex.core.text.ReadRejection;
import org.mpindex.io.InputRecordKind;
import org.mpindex.io.InputRejection;
import org.mpindex.io.TidyCsvReader;
import org.mpindex.io.cclf.CclfValues.Delivery;
import org.mpindex.io.input.ReadContext;

/**
 * Reads CCLF claims files (CCLF5 Part B physician lines; CCLF1 Part A headers with their CCLF4
 * diagnoses) and gives the sink the lines of the final-action claims only, once every file is read
 * (a chain's versions arrive in different monthly deliveries).
 *
 * <p>Each claim version is a {@code CUR_CLM_UNIQ_ID}; a version delivered again (a later file, the
 * same id) is read once, from its latest delivery. Versions are linked into related sets (Part B:
 * {@code CLM_CNTL_NUM} and the current MBI; Part A: {@code CLM_BLG_PRVDR_OSCAR_NUM}, {@code
 * CLM_FROM_DT}, {@code CLM_THRU_DT} and the current MBI). In a set, each cancellation ({@code
 * CLM_ADJSMT_TYPE_CD} 1) removes the claim it cancels: the not yet cancelled original or adjustment
 * effective on or before it ({@code CLM_EFCTV_DT}) whose content it repeats (Part B: line numbers,
 * HCPCS codes and paid amounts; Part A: the claim payment), the latest such; the cancellation goes
 * too. Every claim left is final. A cancellation that matches no claim in the files (its claim came
 * before the files' history) removes nothing. Every version read is counted under {@link
 * #VERSIONS}: accepted (final) or rejected by reason, so nothing leaves silently.
 *
 * <p>Memory: every parsed line is kept until the end (a few hundred bytes a line).
 */
final class CclfClaims {
  /** Tally record kind of CCLF5 rows. */
  static final InputRecordKind PART_B_ROWS = InputRecordKind.CCLF5_PART_B_PHYSICIAN_LINE_ROWS;

  /** Tally record kind of CCLF1 rows. */
  static final InputRecordKind PART_A_ROWS = InputRecordKind.CCLF1_PART_A_CLAIM_HEADER_ROWS;

  /** Tally record kind of CCLF4 rows. */
  static final InputRecordKind DIAGNOSIS_ROWS = InputRecordKind.CCLF4_PART_A_DIAGNOSIS_ROWS;

  /** Tally record kind of claim versions (one per CUR_CLM_UNIQ_ID), final or not. */
  static final InputRecordKind VERSIONS = InputRecordKind.CCLF_CLAIM_VERSIONS_CUR_CLM_UNIQ_ID;

  /** Rejection reason (versions) of a cancellation record, matched with the claim it cancels. */
  static final InputRejection CANCELLATION = InputRejection.CANCELLATION;

  /** Rejection reason (versions) of a claim removed by its cancellation. */
  static final InputRejection CANCELLED = InputRejection.CANCELLED;

  /** Rejection reason (versions) of a cancellation whose claim is not in the files. */
  static final InputRejection UNMATCHED_CANCELLATION = InputRejection.UNMATCHED_CANCELLATION;

  /** Note: rows of a claim version from an earlier delivery than its latest (not used). */
  static final String REDELIVERED =
      "CCLF rows of a claim version delivered again (latest delivery kept)";

  /** Note: CCLF4 rows of a claim without a CCLF1 header. */
  static final String DIAGNOSES_WITHOUT_HEADER =
      "CCLF4 diagnosis rows of a claim without a CCLF1 header (not used)";

  /** Note: lines with a fifth modifier (ClaimLine keeps four). */
  static final String FIFTH_MODIFIER = "CCLF5 lines with a fifth modifier (left out)";

  /** Note: fractional service units, rounded half up to whole units. */
  static final String FRACTIONAL_UNITS =
      "CCLF5 fractional CLM_LINE_SRVC_UNIT_QTY (rounded half up)";

  /** Note: rows of a previous MBI read under the current one. */
  static final String REMAPPED = "CCLF claim rows of a previous MBI (read under its current MBI)";

  /** Note: lines produced. */
  static final String LINES_PRODUCED = "claim lines produced from CCLF final-action claims";

  /** Note: Part A claims with a non-payment reason (diagnoses kept, no effort anyway). */
  static final String PART_A_NOT_PAID =
      "CCLF1 claims with CLM_MDCR_NPMT_RSN_CD (not paid; diagnoses kept)";

  /** Rejection reason (claim line efforts) of a line Medicare did not allow. */
  static final RejectionReason DENIED_LINE = InputRejection.LINE_NOT_ALLOWED.in("CLM_PRCSG_IND_CD");

  /** Rejection reason (claim line efforts) of a line of a denied claim. */
  static final InputRejection DENIED_CLAIM = InputRejection.CLAIM_DENIED_CLM_CARR_PMT_DNL_CD_0;

  private final ReadContext context;
  private final Charset charset;
  private final CclfIds ids;
  private final boolean deniedEffort;
  private final boolean asClaims;
  private final Map<String, Version> versions = new HashMap<>();
  // CCLF4 rows by CUR_CLM_UNIQ_ID
  private final Map<String, List<PendingDiagnosis>> partADiagnoses = new HashMap<>();

  CclfClaims(
      ReadContext context, Charset charset, CclfIds ids, boolean deniedEffort, boolean asClaims) {
    this.context = context;
    this.charset = charset;
    this.ids = ids;
    this.deniedEffort = deniedEffort;
    this.asClaims = asClaims;
  }

  /** One line of a version, parsed; effort problems are counted when (and if) it is emitted. */
  private record Line(
      int number,
      ClaimLine line,
      String matchKey,
      RejectionReason effortRejection,
      String invalidHcpcs) {}

  /** A CCLF4 diagnosis waiting for its header's code system. */
  private record PendingDiagnosis(
      String code, CodeSystem system, Delivery delivery, String file, long line, String column) {}

  /** One claim version: CUR_CLM_UNIQ_ID of one part. */
  private static final class Version {
    final String id;
    final boolean partB;
    Delivery delivery;
    String family;
    int adjustment;
    LocalDate effective;
    String beneficiary;
    final TreeMap<Integer, Line> lines = new TreeMap<>();
    // Part A
    String payment = "";
    LocalDate from;
    LocalDate thru;
    ClaimType type;
    CodeSystem system;
    final List<DiagnosisCode> diagnoses = new ArrayList<>();
    long rows;

    Version(String id, boolean partB) {
      this.id = id;
      this.partB = partB;
    }

    String matchKey() {
      if (!partB) {
        return payment;
      }
      StringBuilder b = new StringBuilder();
      lines.values().forEach(l -> b.append(l.matchKey).append(';'));
      return b.toString();
    }

    LocalDate effectiveOrMin() {
      return effective == null ? LocalDate.MIN : effective;
    }
  }

  private static final Comparator<Version> CHAIN_ORDER =
      Comparator.comparing(Version::effectiveOrMin).thenComparing(v -> v.id);

  // ------------------------------------------------------------------ CCLF5

  /** Reads CCLF5 files (the index of each is its delivery order when rows carry no date). */
  void readPartB(List<Path> files) {
    for (int f = 0; f < files.size(); f++) {
      readPartB(files.get(f), f);
      context.fileRead().accept(files.get(f));
    }
  }

  private void readPartB(Path file, int fileIndex) {
    try (CsvTable t = context.openTable(file, charset).rejectsTo(context.rejects())) {
      int id = t.require("CUR_CLM_UNIQ_ID");
      int lineNum = t.require("CLM_LINE_NUM");
      int mbi = t.require("BENE_MBI_ID");
      int from = t.optional("CLM_FROM_DT");
      int thru = t.optional("CLM_THRU_DT");
      int lineFrom = t.optional("CLM_LINE_FROM_DT");
      int lineThru = t.optional("CLM_LINE_THRU_DT");
      if (from < 0 && lineFrom < 0) {
        t.require("CLM_LINE_FROM_DT");
      }
      int hcpcs = t.require("CLM_LINE_HCPCS_CD");
      int units = t.optional("CLM_LINE_SRVC_UNIT_QTY");
      int pos = t.optional("CLM_POS_CD");
      int paid = t.optional("CLM_LINE_CVRD_PD_AMT");
      int processing = t.optional("CLM_PRCSG_IND_CD");
      int denial = t.optional("CLM_CARR_PMT_DNL_CD");
      int adjustment = t.require("CLM_ADJSMT_TYPE_CD");
      int effective = t.optional("CLM_EFCTV_DT");
      int control = t.optional("CLM_CNTL_NUM");
      int icd = t.optional("DGNS_PRCDR_ICD_IND");
      int lineDx = t.optional("CLM_LINE_DGNS_CD");
      int fileDate = t.optional("FILE_DATE");
      int fileName = t.optional("FILE_NAME");
      List<Integer> modifiers = new ArrayList<>();
      for (int m = 1; m <= 5; m++) {
        int c = t.optional("HCPCS_" + m + "_MDFR_CD");
        if (c >= 0) {
          modifiers.add(c);
        }
      }
      List<Integer> claimDx = new ArrayList<>();
      for (int i = 1; t.has("CLM_DGNS_" + i + "_CD"); i++) {
        claimDx.add(t.require("CLM_DGNS_" + i + "_CD"));
      }
      Life life = new Life(t);
      t.forEachRow(
          PART_B_ROWS,
          context.tally(),
          context.strict(),
          row -> {
            String claimId = CclfValues.required(row, id);
            int number = row.integer(lineNum, 0, Integer.MAX_VALUE);
            String bene = beneficiary(row, mbi);
            int dayFromColumn =
                lineFrom >= 0 && !CclfValues.get(row, lineFrom).isEmpty() ? lineFrom : from;
            LocalDate fromDate = CclfValues.requiredDate(row, dayFromColumn);
            int dayThruColumn =
                lineThru >= 0 && !CclfValues.get(row, lineThru).isEmpty()
                    ? lineThru
                    : dayFromColumn == lineFrom ? -1 : thru;
            LocalDate thruDate = CclfValues.date(row, dayThruColumn).orElse(fromDate);
            if (thruDate.isBefore(fromDate)) {
              throw row.error(
                  ReadRejection.BAD_DATES,
                  dayThruColumn,
                  "'"
                      + row.get(dayThruColumn)
                      + "' is before "
                      + row.header(dayFromColumn)
                      + " "
                      + row.get(dayFromColumn));
            }
            int adj = adjustmentType(row, adjustment);
            Optional<LocalDate> eff = CclfValues.date(row, effective);
            Delivery d =
                new Delivery(
                    CclfValues.delivery(row, fileDate, fileName, file).orElse(null), fileIndex);
            LocalDate day = context.dating().dayOf(fromDate, thruDate);
            life.check(
                row,
                bene,
                context.dating() == ClaimDating.SERVICE_FROM ? dayFromColumn : dayThruColumn,
                day);
            CodeSystem cs = codeSystem(row, icd, day);
            List<DiagnosisCode> dx = new ArrayList<>();
            for (int c : claimDx) {
              diagnosis(row, c, cs).ifPresent(dx::add);
            }
            diagnosis(row, lineDx, cs).ifPresent(dx::add);
            ClaimLine.Builder b =
                ClaimLine.builder()
                    .claimId(claimId)
                    .beneficiaryId(bene)
                    .serviceFrom(fromDate)
                    .serviceThrough(thruDate)
                    .claimType(ClaimType.PROFESSIONAL)
                    .diagnoses(dx);
            String code = CclfValues.get(row, hcpcs);
            RejectionReason effortRejection = null;
            String invalidHcpcs = null;
            if (code.isEmpty()) {
              b.units(0);
            } else {
              try {
                effort(row, b, code, hcpcs, units, pos, modifiers);
              } catch (MalformedRecordException e) {
                if (context.strict()) {
                  throw e;
                }
                effortRejection = e.reason();
                if (row.header(hcpcs).equals(e.column())) {
                  invalidHcpcs = code;
                }
                b.procedure((ProcedureCode) null).units(0);
              }
              if (effortRejection == null && !deniedEffort) {
                String status = CclfValues.get(row, processing).toUpperCase(Locale.ROOT);
                if (CclfValues.get(row, denial).equals("0")) {
                  effortRejection = DENIED_CLAIM;
                } else if (!status.isEmpty() && !status.equals("A")) {
                  effortRejection = DENIED_LINE.withCode(status);
                }
                if (effortRejection != null) {
                  b.procedure((ProcedureCode) null).units(0);
                }
              }
            }
            ClaimLine line;
            try {
              line = b.build();
            } catch (InvalidValueException e) {
              throw row.error(ReadRejection.INVALID_VALUE, -1, e.getMessage());
            }
            String family = CclfValues.get(row, control);
            Version v =
                version(
                    row,
                    id,
                    claimId,
                    true,
                    d,
                    (family.isEmpty() ? "#" + claimId : family) + "|" + bene,
                    adj,
                    eff.orElse(null),
                    bene);
            if (v == null) {
              return;
            }
            if (v.lines.containsKey(number)) {
              throw row.error(
                  ReadRejection.REPEATED_CLAIM_LINE,
                  lineNum,
                  "line " + number + " of claim " + claimId + " appears twice in one delivery");
            }
            v.lines.put(
                number,
                new Line(
                    number,
                    line,
                    number + ":" + code + ":" + CclfValues.amountKey(CclfValues.get(row, paid)),
                    effortRejection,
                    invalidHcpcs));
            v.rows++;
          });
    }
  }

  private void effort(
      CsvTable.Row row,
      ClaimLine.Builder b,
      String code,
      int hcpcs,
      int units,
      int pos,
      List<Integer> modifiers) {
    try {
      b.procedure(code);
    } catch (InvalidValueException e) {
      throw row.error(ReadRejection.INVALID_HCPCS_CODE, hcpcs, e.getMessage());
    }
    int kept = 0;
    for (int m : modifiers) {
      String v = CclfValues.get(row, m);
      if (v.isEmpty()) {
        continue;
      }
      if (kept == ClaimLine.MAX_MODIFIERS) {
        context.tally().note(FIFTH_MODIFIER);
        continue;
      }
      try {
        b.modifier(v);
      } catch (InvalidValueException e) {
        throw row.error(ReadRejection.BAD_MODIFIER, m, e.getMessage());
      }
      kept++;
    }
    String u = CclfValues.get(row, units);
    if (!u.isEmpty()) {
      BigDecimal q;
      try {
        q = new BigDecimal(u);
      } catch (NumberFormatException e) {
        throw row.error(ReadRejection.BAD_UNITS, units, "'" + u + "' is not a number");
      }
      BigDecimal whole = q.setScale(0, RoundingMode.HALF_UP);
      if (q.signum() < 0 || whole.compareTo(BigDecimal.valueOf(1_000_000)) > 0) {
        throw row.error(ReadRejection.BAD_UNITS, units, "'" + u + "' is not between 0 and 1000000");
      }
      if (q.compareTo(whole) != 0) {
        context.tally().note(FRACTIONAL_UNITS);
      }
      b.units(whole.intValueExact());
    }
    String p = CclfValues.get(row, pos);
    if (!p.isEmpty()) {
      try {
        b.placeOfService(PlaceOfService.of(p));
      } catch (InvalidValueException e) {
        throw row.error(ReadRejection.BAD_PLACE_OF_SERVICE, pos, e.getMessage());
      }
    }
  }

  // ------------------------------------------------------------------ CCLF1 and CCLF4

  /** Reads CCLF1 files. */
  void readPartA(List<Path> files) {
    for (int f = 0; f < files.size(); f++) {
      readPartA(files.get(f), f);
      context.fileRead().accept(files.get(f));
    }
  }

  private void readPartA(Path file, int fileIndex) {
    try (CsvTable t = context.openTable(file, charset).rejectsTo(context.rejects())) {
      int id = t.require("CUR_CLM_UNIQ_ID");
      int mbi = t.require("BENE_MBI_ID");
      int type = t.require("CLM_TYPE_CD");
      int from = t.require("CLM_FROM_DT");
      int thru = t.require("CLM_THRU_DT");
      int principal = t.optional("PRNCPL_DGNS_CD");
      int admitting = t.optional("ADMTG_DGNS_CD");
      int adjustment = t.require("CLM_ADJSMT_TYPE_CD");
      int effective = t.optional("CLM_EFCTV_DT");
      int icd = t.optional("DGNS_PRCDR_ICD_IND");
      int billing = t.optional("CLM_BLG_PRVDR_OSCAR_NUM");
      int provider = t.optional("PRVDR_OSCAR_NUM");
      int payment = t.optional("CLM_PMT_AMT");
      int notPaid = t.optional("CLM_MDCR_NPMT_RSN_CD");
      int fileDate = t.optional("FILE_DATE");
      int fileName = t.optional("FILE_NAME");
      Life life = new Life(t);
      t.forEachRow(
          PART_A_ROWS,
          context.tally(),
          context.strict(),
          row -> {
            String claimId = CclfValues.required(row, id);
            String bene = beneficiary(row, mbi);
            LocalDate fromDate = CclfValues.requiredDate(row, from);
            LocalDate thruDate = CclfValues.date(row, thru).orElse(fromDate);
            if (thruDate.isBefore(fromDate)) {
              throw row.error(
                  ReadRejection.BAD_DATES,
                  thru,
                  "'" + row.get(thru) + "' is before CLM_FROM_DT " + row.get(from));
            }
            ClaimType claimType = partAType(row, type);
            int adj = adjustmentType(row, adjustment);
            Optional<LocalDate> eff = CclfValues.date(row, effective);
            LocalDate day = context.dating().dayOf(fromDate, thruDate);
            life.check(row, bene, context.dating() == ClaimDating.SERVICE_FROM ? from : thru, day);
            CodeSystem cs = codeSystem(row, icd, day);
            List<DiagnosisCode> dx = new ArrayList<>();
            diagnosis(row, principal, cs).ifPresent(dx::add);
            diagnosis(row, admitting, cs).ifPresent(dx::add);
            if (!CclfValues.get(row, notPaid).isEmpty()) {
              context.tally().note(PART_A_NOT_PAID);
            }
            String facility = CclfValues.get(row, billing);
            if (facility.isEmpty()) {
              facility = CclfValues.get(row, provider);
            }
            Delivery d =
                new Delivery(
                    CclfValues.delivery(row, fileDate, fileName, file).orElse(null), fileIndex);
            Version v =
                version(
                    row,
                    id,
                    claimId,
                    false,
                    d,
                    facility + "|" + fromDate + "|" + thruDate + "|" + bene,
                    adj,
                    eff.orElse(null),
                    bene);
            if (v == null) {
              return;
            }
            if (v.rows > 0) {
              throw row.error(
                  ReadRejection.REPEATED_CLAIM_HEADER,
                  id,
                  "claim " + claimId + " has two CCLF1 rows in one delivery");
            }
            v.from = fromDate;
            v.thru = thruDate;
            v.type = claimType;
            v.system = cs;
            v.diagnoses.addAll(dx);
            v.payment = CclfValues.amountKey(CclfValues.get(row, payment));
            v.rows++;
          });
    }
  }

  /** Reads CCLF4 files; their codes join their CCLF1 claim (by CUR_CLM_UNIQ_ID) at the end. */
  void readPartADiagnoses(List<Path> files) {
    for (int f = 0; f < files.size(); f++) {
      Path file = files.get(f);
      int fileIndex = f;
      try (CsvTable t = context.openTable(file, charset).rejectsTo(context.rejects())) {
        int id = t.require("CUR_CLM_UNIQ_ID");
        int mbi = t.require("BENE_MBI_ID");
        int code = t.require("CLM_DGNS_CD");
        int icd = t.optional("DGNS_PRCDR_ICD_IND");
        int from = t.optional("CLM_FROM_DT");
        int thru = t.optional("CLM_THRU_DT");
        int fileDate = t.optional("FILE_DATE");
        int fileName = t.optional("FILE_NAME");
        t.forEachRow(
            DIAGNOSIS_ROWS,
            context.tally(),
            context.strict(),
            row -> {
              String claimId = CclfValues.required(row, id);
              beneficiary(row, mbi);
              String c = CclfValues.required(row, code);
              CodeSystem cs = null;
              if (!CclfValues.get(row, icd).isEmpty()) {
                cs = codeSystem(row, icd, null);
              } else if (!CclfValues.get(row, from).isEmpty()) {
                LocalDate f0 = CclfValues.requiredDate(row, from);
                LocalDate t0 = CclfValues.date(row, thru).orElse(f0);
                cs = CodeSystem.forServiceDate(context.dating().dayOf(f0, t0));
              }
              if (cs != null && context.strict() && !DiagnosisCode.isValid(cs, c)) {
                throw invalidDiagnosis(row, code, cs, c);
              }
              Delivery d =
                  new Delivery(
                      CclfValues.delivery(row, fileDate, fileName, file).orElse(null), fileIndex);
              partADiagnoses
                  .computeIfAbsent(claimId, k -> new ArrayList<>())
                  .add(new PendingDiagnosis(c, cs, d, t.file(), row.line(), row.header(code)));
            });
      }
      context.fileRead().accept(file);
    }
  }

  // ------------------------------------------------------------------ shared parsing

  private String beneficiary(CsvTable.Row row, int column) {
    String given = CclfValues.required(row, column);
    String current = ids.current(given);
    if (!current.equals(given)) {
      context.tally().note(REMAPPED);
    }
    return current;
  }

  /**
   * The version a row belongs to, or null when the row is of an earlier delivery than one already
   * read (noted, not used). A row of a later delivery replaces what earlier deliveries gave.
   */
  private Version version(
      CsvTable.Row row,
      int idColumn,
      String claimId,
      boolean partB,
      Delivery delivery,
      String family,
      int adjustment,
      LocalDate effective,
      String beneficiary) {
    String key = (partB ? "B" : "A") + claimId;
    Version v = versions.get(key);
    if (v == null) {
      v = new Version(claimId, partB);
      versions.put(key, v);
    } else {
      int order = delivery.compareTo(v.delivery);
      if (order < 0) {
        context.tally().note(REDELIVERED);
        return null;
      }
      if (order > 0) {
        context.tally().note(REDELIVERED, v.rows);
        Version fresh = new Version(claimId, partB);
        versions.put(key, fresh);
        v = fresh;
      } else if (!beneficiary.equals(v.beneficiary)) {
        throw otherBeneficiary(row, idColumn, claimId, v.beneficiary, beneficiary);
      }
    }
    v.delivery = delivery;
    v.family = family;
    v.adjustment = adjustment;
    v.effective = effective;
    v.beneficiary = beneficiary;
    return v;
  }

  private static int adjustmentType(CsvTable.Row row, int column) {
    String v = CclfValues.get(row, column);
    if (v.isEmpty()) {
      return 0;
    }
    try {
      int t = Integer.parseInt(v);
      if (t >= 0 && t <= 2) {
        return t;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw row.error(
        ReadRejection.BAD_ADJUSTMENT_TYPE,
        column,
        "'" + v + "' is not 0 (original), 1 (cancellation) or 2 (adjustment)");
  }

  private static ClaimType partAType(CsvTable.Row row, int column) {
    String v = CclfValues.required(row, column);
    return switch (v) {
      case "60", "61" -> ClaimType.INPATIENT;
      case "40" -> ClaimType.OUTPATIENT;
      case "20", "30" -> ClaimType.SNF;
      case "10" -> ClaimType.HOME_HEALTH;
      case "50" -> ClaimType.HOSPICE;
      default ->
          throw row.error(
              ReadRejection.BAD_CLAIM_TYPE,
              column,
              "'" + v + "' is not a Part A claim type (10, 20, 30, 40, 50, 60, 61)");
    };
  }

  /** DGNS_PRCDR_ICD_IND: 0 ICD-10, 9 ICD-9, blank by the service day (null day: none). */
  private static CodeSystem codeSystem(CsvTable.Row row, int column, LocalDate day) {
    String v = CclfValues.get(row, column);
    if (v.isEmpty()) {
      return day == null ? null : CodeSystem.forServiceDate(day);
    }
    return switch (v) {
      case "0" -> CodeSystem.ICD10CM;
      case "9" -> CodeSystem.ICD9CM;
      default ->
          throw row.error(
              ReadRejection.BAD_CODE_SYSTEM, column, "'" + v + "' is not 0 (ICD-10) or 9 (ICD-9)");
    };
  }

  private Optional<DiagnosisCode> diagnosis(CsvTable.Row row, int column, CodeSystem cs) {
    String v = CclfValues.get(row, column);
    if (v.isEmpty()) {
      return Optional.empty();
    }
    Optional<DiagnosisCode> d = DiagnosisCode.tryParse(cs, v);
    if (d.isEmpty()) {
      if (context.strict()) {
        throw invalidDiagnosis(row, column, cs, v);
      }
      context.tally().unknownCode("invalid " + cs.displayName(), v);
    }
    return d;
  }

  private static MalformedRecordException invalidDiagnosis(
      CsvTable.Row row, int column, CodeSystem cs, String v) {
    try {
      DiagnosisCode.of(cs, v);
      return row.error(ReadRejection.INVALID_DIAGNOSIS_CODE, column, "'" + v + "' is not valid");
    } catch (InvalidValueException e) {
      return row.error(ReadRejection.INVALID_DIAGNOSIS_CODE, column, e.getMessage());
    }
  }

  /** The life check of the context's beneficiaries, memoised for a run of rows of one id. */
  private final class Life {
    private final CsvTable table;
    private String lastId;
    private Optional<Beneficiary> last = Optional.empty();

    Life(CsvTable table) {
      this.table = table;
    }

    void check(CsvTable.Row row, String id, int dayColumn, LocalDate day) {
      if (!context.checksBeneficiaries()) {
        return;
      }
      if (!id.equals(lastId)) {
        last = context.beneficiaries().apply(id);
        lastId = id;
      }
      if (last.isEmpty()) {
        if (!context.strict()) {
          context
              .rejects()
              .accept(
                  new MalformedRecordException(
                      IndexAssembler.NO_BENEFICIARY,
                      table.file(),
                      row.line(),
                      "BENE_MBI_ID",
                      "no beneficiary record for '"
                          + id
                          + "': read, and counted as rejected (no beneficiary record) when the"
                          + " index is assembled"));
        }
        return;
      }
      Beneficiary b = last.get();
      if (day.isBefore(b.birthDate())) {
        throw row.error(
            TidyCsvReader.SERVICE_BEFORE_BIRTH,
            dayColumn,
            "service day " + day + " is before beneficiary " + id + "'s birth on " + b.birthDate());
      }
      if (b.deathDate().isPresent() && day.isAfter(b.deathDate().get())) {
        throw row.error(
            TidyCsvReader.SERVICE_AFTER_DEATH,
            dayColumn,
            "service day "
                + day
                + " is after beneficiary "
                + id
                + "'s death on "
                + b.deathDate().get());
      }
    }
  }

  /** The rejection of a row naming another beneficiary than its claim version's. */
  private static MalformedRecordException otherBeneficiary(
      CsvTable.Row row, int column, String claimId, String owner, String other) {
    return row.error(
        TidyCsvReader.CLAIM_OF_ANOTHER_BENEFICIARY,
        column,
        "claim " + claimId + " belongs to beneficiary " + owner + ", this row names " + other);
  }

  // ------------------------------------------------------------------ chains

  /** Collapses the chains and gives the sink the lines of the final-action claims, by claim id. */
  void finish(RecordSink sink) {
    IngestTally tally = context.tally();
    Map<String, List<Version>> families = new TreeMap<>();
    for (Version v : versions.values()) {
      families.computeIfAbsent((v.partB ? "B" : "A") + v.family, k -> new ArrayList<>()).add(v);
    }
    List<Version> finals = new ArrayList<>();
    for (List<Version> family : families.values()) {
      family.sort(CHAIN_ORDER);
      // every original and adjustment first, so that a cancellation finds its claim whatever the
      // ids of claims effective the same day
      List<Version> live = new ArrayList<>();
      for (Version v : family) {
        tally.read(VERSIONS);
        if (v.adjustment != 1) {
          live.add(v);
        }
      }
      for (Version v : family) {
        if (v.adjustment != 1) {
          continue;
        }
        Version target = null;
        String key = v.matchKey();
        for (Version c : live) {
          if (c.effectiveOrMin().compareTo(v.effectiveOrMin()) <= 0 && c.matchKey().equals(key)) {
            target = c; // the latest such: live is in chain order
          }
        }
        if (target == null) {
          tally.reject(VERSIONS, UNMATCHED_CANCELLATION, 1);
        } else {
          live.remove(target);
          tally.reject(VERSIONS, CANCELLATION, 1);
          tally.reject(VERSIONS, CANCELLED, 1);
        }
      }
      finals.addAll(live);
    }
    finals.sort(Comparator.comparing((Version v) -> v.partB).thenComparing(v -> v.id));
    long produced = 0;
    Map<String, List<PendingDiagnosis>> unclaimed = new HashMap<>(partADiagnoses);
    for (Version v : finals) {
      List<ClaimLine> lines = v.partB ? partBLines(v) : partALines(v, unclaimed.remove(v.id));
      tally.accept(VERSIONS, 1);
      if (lines.isEmpty()) {
        continue;
      }
      produced += lines.size();
      if (asClaims) {
        sink.claim(new Claim(lines));
      } else {
        lines.forEach(sink::line);
      }
    }
    for (Version v : versions.values()) {
      if (!v.partB && !finals.contains(v)) {
        unclaimed.remove(v.id);
      }
    }
    long orphans = unclaimed.values().stream().mapToLong(List::size).sum();
    if (orphans > 0) {
      tally.note(DIAGNOSES_WITHOUT_HEADER, orphans);
    }
    if (produced > 0) {
      tally.note(LINES_PRODUCED, produced);
    }
  }

  private List<ClaimLine> partBLines(Version v) {
    List<ClaimLine> out = new ArrayList<>();
    for (Line l : v.lines.values()) {
      if (l.effortRejection != null) {
        context.tally().read(IngestTally.LINE_EFFORTS);
        context.tally().reject(IngestTally.LINE_EFFORTS, l.effortRejection, 1);
        if (l.invalidHcpcs != null) {
          context.tally().unknownCode("invalid HCPCS", l.invalidHcpcs);
        }
      }
      if (l.line.procedure().isPresent() || !l.line.diagnoses().isEmpty()) {
        out.add(l.line);
      }
    }
    return out;
  }

  private List<ClaimLine> partALines(Version v, List<PendingDiagnosis> extra) {
    List<DiagnosisCode> dx = new ArrayList<>(v.diagnoses);
    if (extra != null) {
      // the latest delivery of the claim's CCLF4 rows (a re-delivery repeats them)
      Delivery newest =
          extra.stream().map(PendingDiagnosis::delivery).max(Delivery::compareTo).get();
      for (PendingDiagnosis p : extra) {
        if (p.delivery.compareTo(newest) != 0) {
          context.tally().note(REDELIVERED);
          continue;
        }
        CodeSystem cs = p.system != null ? p.system : v.system;
        Optional<DiagnosisCode> d = DiagnosisCode.tryParse(cs, p.code);
        if (d.isPresent()) {
          dx.add(d.get());
        } else if (context.strict()) {
          throw new MalformedRecordException(
              ReadRejection.INVALID_DIAGNOSIS_CODE.in(p.column),
              p.file,
              p.line,
              p.column,
              "'" + p.code + "' is not a valid " + cs.displayName() + " code");
        } else {
          context.tally().unknownCode("invalid " + cs.displayName(), p.code);
        }
      }
    }
    if (dx.isEmpty()) {
      return List.of();
    }
    return List.of(
        ClaimLine.builder()
            .claimId(v.id)
            .beneficiaryId(v.beneficiary)
            .serviceFrom(v.from)
            .serviceThrough(v.thru)
            .claimType(v.type)
            .diagnoses(dx)
            .units(0)
            .build());
  }
}
