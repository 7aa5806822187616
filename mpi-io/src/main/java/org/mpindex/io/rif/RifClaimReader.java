package org.mpindex.io.rif;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.mpindex.core.claims.Beneficiary;
import org.mpindex.core.claims.ClaimLine;
import org.mpindex.core.claims.ClaimType;
import org.mpindex.core.claims.CodeSystem;
import org.mpindex.core.claims.DiagnosisCode;
import org.mpindex.core.claims.InvalidValueException;
import org.mpindex.core.claims.Modifier;
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
import org.mpindex.core.text.StableHash;
import org.mpindex.io.InputRecordKind;
import org.mpindex.io.InputRejection;
import org.mpindex.io.SynpufClaimReader;
import org.mpindex.io.TidyCsvReader;
import org.mpindex.io.input.ReadContext;

/**
 * Reads the claims of the Medicare research files into claim lines, in either layout:
 *
 * <ul>
 *   <li><b>One row per line</b>, the claim's columns repeated on each (the Beneficiary FHIR Data
 *       server's RIF extracts: {@code sample-a-bcarrier.txt}): a carrier, outpatient or inpatient file
 *       whose header has both the claim's diagnoses ({@code ICD_DGNS_CD1}) and line columns ({@code
 *       HCPCS_CD}, {@code LINE_NUM} or {@code CLM_LINE_NUM}).
 *   <li><b>Claim and line files</b> joined by {@code CLM_ID} (the research files as ResDAC ships
 *       them: carrier claims with carrier lines, outpatient and inpatient base claims with their
 *       revenue center files): the claim files are read first and held (about 200 bytes a claim
 *       plus its diagnoses), then the line files stream past them. A claim without any line row
 *       gives one diagnosis-only line.
 * </ul>
 *
 * <p>Each carrier line becomes a {@link ClaimType#PROFESSIONAL} line: {@code HCPCS_CD}, {@code
 * HCPCS_1ST_MDFR_CD} and {@code HCPCS_2ND_MDFR_CD}, units {@code LINE_SRVC_CNT}, place of service
 * {@code LINE_PLACE_OF_SRVC_CD}, the claim's {@code ICD_DGNS_CD1..12} (each with its {@code
 * ICD_DGNS_VRSN_CDn}: 9 ICD-9-CM, 0 ICD-10-CM, blank by the dated day) and the line's {@code
 * LINE_ICD_DGNS_CD}. A line whose {@code LINE_PRCSG_IND_CD} is neither {@code A} nor blank was not
 * allowed: its diagnoses count, its effort is rejected and counted ({@link #DENIED_LINE} X), as the
 * DE-SynPUF reader does. Outpatient and inpatient revenue center lines become {@link
 * ClaimType#OUTPATIENT} and {@link ClaimType#INPATIENT} lines ({@code HCPCS_CD}, modifiers, units
 * {@code REV_CNTR_UNIT_CNT}) with the claim's {@code ICD_DGNS_CD1..25} and {@code ADMTG_DGNS_CD}.
 * Every line is dated by the claim's {@code CLM_FROM_DT} and {@code CLM_THRU_DT}, the context's
 * {@link ClaimDating} choosing which one dates it.
 *
 * <p>Every row is counted under its file's kind (read = accepted + rejected); bad rows are rejected
 * by reason naming file, line and column, or thrown in strict mode. A bad HCPCS code, modifier,
 * units or place of service rejects the line's effort only (lenient), as the tidy reader does. A
 * claim id met again in another claim file of its kind is a duplicate ({@link #DUPLICATE_CLAIM});
 * a line number of a claim met again is a duplicate line ({@link #DUPLICATE_LINE}); rows of a
 * claim need not be together.
 */
public final class RifClaimReader {
  /** The kinds of claims file. */
  public enum Table {
    /** Carrier claims, with or without line columns. */
    CARRIER("carrier", InputRecordKind.RIF_CARRIER_CLAIM_ROWS, ClaimType.PROFESSIONAL, 0),
    /** Carrier lines without the claim's columns (joined by {@code CLM_ID}). */
    CARRIER_LINE("carrier_line", InputRecordKind.RIF_CARRIER_LINE_ROWS, ClaimType.PROFESSIONAL, 0),
    /** Outpatient claims, with or without revenue center columns. */
    OUTPATIENT("outpatient", InputRecordKind.RIF_OUTPATIENT_CLAIM_ROWS, ClaimType.OUTPATIENT, 1),
    /** Inpatient claims, with or without revenue center columns. */
    INPATIENT("inpatient", InputRecordKind.RIF_INPATIENT_CLAIM_ROWS, ClaimType.INPATIENT, 1),
    /** Revenue center lines of outpatient or inpatient claims (joined by {@code CLM_ID}). */
    REVENUE_CENTER("revenue_center", InputRecordKind.RIF_REVENUE_CENTER_ROWS, null, 1);

    private final String tableName;
    private final InputRecordKind rows;
    private final ClaimType type;
    private final int family;

    Table(String tableName, InputRecordKind rows, ClaimType type, int family) {
      this.tableName = tableName;
      this.rows = rows;
      this.type = type;
      this.family = family;
    }

    /** The table's name in {@link RifFormat} ({@code carrier}, {@code carrier_line}...). */
    public String tableName() {
      return tableName;
    }

    /** The tally record kind of its rows. */
    public InputRecordKind rows() {
      return rows;
    }

    boolean carrier() {
      return family == 0;
    }
  }

  /** Rejection reason of a claim id read before in a claim file of its kind. */
  public static final RejectionReason DUPLICATE_CLAIM = SynpufClaimReader.DUPLICATE_CLAIM;

  /** Rejection reason of a line number of a claim read before. */
  public static final InputRejection DUPLICATE_LINE =
      InputRejection.CLAIM_LINE_READ_BEFORE_DUPLICATE_LINE;

  /** Rejection reason of a line row whose claim is in no claim file read. */
  public static final InputRejection LINE_WITHOUT_CLAIM = InputRejection.LINE_WITHOUT_ITS_CLAIM;

  /** Rejection reason of a line row whose claim row was rejected. */
  public static final InputRejection LINE_OF_REJECTED_CLAIM =
      InputRejection.LINE_OF_A_REJECTED_CLAIM;

  /** Rejection reason (claim line efforts) of a carrier line not allowed by Medicare. */
  public static final RejectionReason DENIED_LINE = SynpufClaimReader.DENIED_LINE;

  /** Note: claims of claim files without any line row (one diagnosis-only line each). */
  public static final String CLAIMS_WITHOUT_LINES =
      "RIF claims without line rows (one diagnosis-only line each)";

  /** Note: rows without a HCPCS code adding nothing to a claim already read. */
  public static final String ROWS_ADDING_NOTHING =
      "RIF line rows without a HCPCS code or line diagnosis of a claim already read (nothing added)";

  /** Note: claim lines produced. */
  public static final String LINES_PRODUCED = "claim lines produced from RIF claim rows";

  /** Note: claims without any diagnosis or HCPCS code. */
  public static final String CLAIMS_WITHOUT_CODES = "RIF claims without any code (nothing to fold)";

  private final boolean deniedEffort;

  /**
   * A reader.
   *
   * @param deniedLinesCarryEffort whether carrier lines Medicare did not allow ({@code
   *     LINE_PRCSG_IND_CD} not {@code A}) carry effort; false (the default of {@link RifFormat}, as
   *     DE-SynPUF's) keeps their diagnoses only
   */
  public RifClaimReader(boolean deniedLinesCarryEffort) {
    this.deniedEffort = deniedLinesCarryEffort;
  }

  /**
   * Reads the claims files of each table ({@code files} gives them, possibly none) into {@code
   * sink}, counting into the context's tally and checking claims against the context's beneficiaries
   * when it knows them.
   */
  public void read(Function<Table, List<Path>> files, ReadContext context, RecordSink sink) {
    Run run = new Run(context, sink);
    List<Map.Entry<Table, Path>> combined = new ArrayList<>();
    for (Table tb : List.of(Table.CARRIER, Table.OUTPATIENT, Table.INPATIENT)) {
      for (Path f : files.apply(tb)) {
        try (CsvTable t = open(f, context)) {
          if (hasLineColumns(t)) {
            combined.add(Map.entry(tb, f));
          } else {
            run.claims(t, tb);
            context.fileRead().accept(f);
          }
        }
      }
    }
    for (Map.Entry<Table, Path> e : combined) {
      try (CsvTable t = open(e.getValue(), context)) {
        run.combined(t, e.getKey());
      }
      context.fileRead().accept(e.getValue());
    }
    for (Table tb : List.of(Table.CARRIER_LINE, Table.REVENUE_CENTER)) {
      for (Path f : files.apply(tb)) {
        try (CsvTable t = open(f, context)) {
          run.lines(t, tb);
        }
        context.fileRead().accept(f);
      }
    }
    run.unjoined();
    if (run.produced > 0) {
      context.tally().note(LINES_PRODUCED, run.produced);
    }
  }

  private static CsvTable open(Path f, ReadContext context) {
    CsvTable t =
        context.openTable(f, RifBeneficiaryReader.CMS_CHARSET).rejectsTo(context.rejects());
    // BFD extracts end each row with a separator: one cell more than the header
    t.minimumColumns(t.header().size());
    return t;
  }

  /** Whether a claims file's header has line columns (one row per line) besides the claim's. */
  static boolean hasLineColumns(CsvTable t) {
    return RifText.hasAny(t, "HCPCS_CD", "LINE_NUM", "CLM_LINE_NUM", "REV_CNTR");
  }

  /** A claim of a claim file, held until its lines are read. */
  private static final class Claim {
    final String bene;
    final String claimId;
    final LocalDate from;
    final LocalDate thru;
    final ClaimType type;
    final List<DiagnosisCode> dx;
    final String file;
    final long line;
    final String beneColumn;
    boolean emitted;

    Claim(Header h, ClaimType type, String file, long line, String beneColumn) {
      this.bene = h.bene;
      this.claimId = h.claimId;
      this.from = h.from;
      this.thru = h.thru;
      this.dx = h.dx;
      this.type = type;
      this.file = file;
      this.line = line;
      this.beneColumn = beneColumn;
    }
  }

  /** The claim's values of a row. */
  private record Header(
      String bene, String claimId, LocalDate from, LocalDate thru, List<DiagnosisCode> dx) {}

  /** The claim columns of a header. */
  private static final class ClaimColumns {
    final int bene;
    final int claim;
    final int from;
    final int thru;
    final int[] dx;
    final int[] dxVersion;

    ClaimColumns(CsvTable t) {
      bene = t.require("BENE_ID");
      claim = t.require("CLM_ID");
      from = t.require("CLM_FROM_DT");
      thru = t.optional("CLM_THRU_DT");
      List<int[]> cols = new ArrayList<>();
      t.require("ICD_DGNS_CD1");
      for (int i = 1; t.has("ICD_DGNS_CD" + i); i++) {
        cols.add(new int[] {t.require("ICD_DGNS_CD" + i), t.optional("ICD_DGNS_VRSN_CD" + i)});
      }
      int admitting = t.optional("ADMTG_DGNS_CD");
      if (admitting >= 0) {
        cols.add(new int[] {admitting, t.optional("ADMTG_DGNS_VRSN_CD")});
      }
      dx = cols.stream().mapToInt(c -> c[0]).toArray();
      dxVersion = cols.stream().mapToInt(c -> c[1]).toArray();
    }
  }

  /** The line columns of a header. */
  private static final class LineColumns {
    final int bene;
    final int claim;
    final int lineNumber;
    final int hcpcs;
    final int[] modifiers;
    final int units;
    final int processing;
    final int place;
    final int lineDx;
    final int lineDxVersion;

    LineColumns(CsvTable t, boolean carrier) {
      bene = t.optional("BENE_ID");
      claim = t.require("CLM_ID");
      lineNumber = t.require(carrier ? "LINE_NUM" : "CLM_LINE_NUM");
      hcpcs = t.require("HCPCS_CD");
      modifiers = new int[] {t.optional("HCPCS_1ST_MDFR_CD"), t.optional("HCPCS_2ND_MDFR_CD")};
      units = t.optional(carrier ? "LINE_SRVC_CNT" : "REV_CNTR_UNIT_CNT");
      processing = carrier ? t.optional("LINE_PRCSG_IND_CD") : -1;
      place = carrier ? t.optional("LINE_PLACE_OF_SRVC_CD") : -1;
      lineDx = carrier ? t.optional("LINE_ICD_DGNS_CD") : -1;
      lineDxVersion = carrier ? t.optional("LINE_ICD_DGNS_VRSN_CD") : -1;
    }
  }

  /** One reading: what it holds across the files. */
  private final class Run {
    final ReadContext context;
    final RecordSink sink;
    final IngestTally tally;
    final boolean strict;
    final ClaimDating dating;
    // claims of claim files by family and id
    final Map<String, Claim> claims = new HashMap<>();
    final Set<String> rejectedClaims = new HashSet<>();
    // combined rows: 64-bit hash of (family, claim id) -> hash of its beneficiary id
    final LongLongMap owners = new LongLongMap();
    // lines read: hash of (family, claim id, line number)
    final LongLongMap lines = new LongLongMap();
    long produced;
    String lastId;
    Optional<Beneficiary> last = Optional.empty();

    Run(ReadContext context, RecordSink sink) {
      this.context = context;
      this.sink = sink;
      this.tally = context.tally();
      this.strict = context.strict();
      this.dating = context.dating();
    }

    Optional<Beneficiary> person(String id) {
      if (!context.checksBeneficiaries()) {
        return Optional.empty();
      }
      if (!id.equals(lastId)) {
        last = context.beneficiaries().apply(id);
        lastId = id;
      }
      return last;
    }

    /** The claim's values of a row; a service day outside the beneficiary's life rejects it. */
    Header header(CsvTable.Row row, ClaimColumns c) {
      String bene = row.required(c.bene);
      String claimId = row.required(c.claim);
      LocalDate from = RifText.requiredDate(row, c.from);
      LocalDate thru = RifText.date(row, c.thru).orElse(from);
      if (thru.isBefore(from)) {
        throw row.error(
            ReadRejection.BAD_DATES,
            c.thru,
            "'" + row.get(c.thru) + "' is before CLM_FROM_DT " + row.get(c.from));
      }
      LocalDate day = dating.dayOf(from, thru);
      Optional<Beneficiary> p = person(bene);
      if (p.isPresent()) {
        lifeSpan(
            row, dating == ClaimDating.SERVICE_FROM || c.thru < 0 ? c.from : c.thru, p.get(), day);
      }
      List<DiagnosisCode> dx = new ArrayList<>(4);
      for (int i = 0; i < c.dx.length; i++) {
        diagnosis(row, c.dx[i], c.dxVersion[i], day).ifPresent(dx::add);
      }
      return new Header(bene, claimId, from, thru, List.copyOf(dx));
    }

    /** Claim rows without line columns: held for their lines. */
    void claims(CsvTable t, Table tb) {
      ClaimColumns c = new ClaimColumns(t);
      t.forEachRow(
          tb.rows(),
          tally,
          strict,
          row -> {
            String key = tb.family + "|" + row.get(c.claim);
            if (!row.get(c.claim).isEmpty() && claims.containsKey(key)) {
              throw duplicateClaim(row, c.claim, tb);
            }
            Header h;
            try {
              h = header(row, c);
            } catch (MalformedRecordException e) {
              if (!row.get(c.claim).isEmpty()) {
                rejectedClaims.add(key);
              }
              throw e;
            }
            rejectedClaims.remove(key);
            claims.put(key, new Claim(h, tb.type, t.file(), row.line(), row.header(c.bene)));
          });
    }

    /** Rows of a claim file that holds one row per line, the claim's columns on each. */
    void combined(CsvTable t, Table tb) {
      ClaimColumns c = new ClaimColumns(t);
      LineColumns l = new LineColumns(t, tb.carrier());
      t.forEachRow(
          tb.rows(),
          tally,
          strict,
          row -> {
            String claimId = row.required(c.claim);
            String bene = row.required(c.bene);
            if (claims.containsKey(tb.family + "|" + claimId)) {
              throw duplicateClaim(row, c.claim, tb);
            }
            String lineNumber = row.required(l.lineNumber);
            if (lines.putIfAbsent(lineKey(tb, claimId, lineNumber), 1) != 0) {
              throw duplicateLine(row, l.lineNumber, claimId, lineNumber);
            }
            long beneHash = nonZero(StableHash.of(bene));
            long owner = owners.putIfAbsent(nonZero(StableHash.of(tb.family, claimId)), beneHash);
            if (owner != 0 && owner != beneHash) {
              throw row.error(
                  TidyCsvReader.CLAIM_OF_ANOTHER_BENEFICIARY,
                  c.bene,
                  "claim "
                      + claimId
                      + " belongs to another beneficiary in an earlier row; not "
                      + bene);
            }
            Header h = header(row, c);
            Optional<ClaimLine> line = line(row, l, h, tb.type, owner == 0);
            if (line.isPresent()) {
              emit(line.get(), t.file(), row.line(), row.header(c.bene));
            } else {
              tally.note(ROWS_ADDING_NOTHING);
            }
          });
    }

    /** Line rows joined to the claims read before. */
    void lines(CsvTable t, Table tb) {
      LineColumns l = new LineColumns(t, tb.carrier());
      t.forEachRow(
          tb.rows(),
          tally,
          strict,
          row -> {
            String claimId = row.required(l.claim);
            String lineNumber = row.required(l.lineNumber);
            String key = tb.family + "|" + claimId;
            Claim claim = claims.get(key);
            if (claim == null) {
              if (rejectedClaims.contains(key)) {
                throw row.error(
                    LINE_OF_REJECTED_CLAIM,
                    l.claim,
                    "the row of claim " + claimId + " was rejected: its lines are too");
              }
              throw row.error(
                  LINE_WITHOUT_CLAIM,
                  l.claim,
                  "claim "
                      + claimId
                      + " is in no "
                      + (tb.carrier() ? "carrier" : "outpatient or" + " inpatient")
                      + " claim file read");
            }
            String bene = row.get(l.bene);
            if (!bene.isEmpty() && !bene.equals(claim.bene)) {
              throw row.error(
                  TidyCsvReader.CLAIM_OF_ANOTHER_BENEFICIARY,
                  l.bene,
                  "claim " + claimId + " is beneficiary " + claim.bene + "'s, not " + bene);
            }
            if (lines.putIfAbsent(lineKey(tb, claimId, lineNumber), 1) != 0) {
              throw duplicateLine(row, l.lineNumber, claimId, lineNumber);
            }
            Header h = new Header(claim.bene, claimId, claim.from, claim.thru, claim.dx);
            Optional<ClaimLine> line = line(row, l, h, claim.type, !claim.emitted);
            if (line.isPresent()) {
              claim.emitted = true;
              emit(line.get(), t.file(), row.line(), row.header(l.bene >= 0 ? l.bene : l.claim));
            } else {
              tally.note(ROWS_ADDING_NOTHING);
            }
          });
    }

    /** Claims of claim files that no line row joined: their diagnoses, as one line each. */
    void unjoined() {
      for (Claim c : claims.values()) {
        if (c.emitted) {
          continue;
        }
        if (c.dx.isEmpty()) {
          tally.note(CLAIMS_WITHOUT_CODES);
          continue;
        }
        tally.note(CLAIMS_WITHOUT_LINES);
        emit(
            ClaimLine.builder()
                .claimId(c.claimId)
                .beneficiaryId(c.bene)
                .serviceFrom(c.from)
                .serviceThrough(c.thru)
                .claimType(c.type)
                .diagnoses(c.dx)
                .units(0)
                .build(),
            c.file,
            c.line,
            c.beneColumn);
      }
    }

    void emit(ClaimLine line, String file, long lineNumber, String beneColumn) {
      if (context.checksBeneficiaries() && !strict && person(line.beneficiaryId()).isEmpty()) {
        context.rejects().accept(noBeneficiary(file, lineNumber, beneColumn, line.beneficiaryId()));
      }
      sink.line(line);
      produced++;
    }

    /**
     * The line of a row, or empty when it adds nothing: a row without HCPCS code and line diagnosis
     * of a claim whose diagnoses were given already ({@code firstOfClaim} false).
     */
    Optional<ClaimLine> line(
        CsvTable.Row row, LineColumns l, Header h, ClaimType type, boolean firstOfClaim) {
      LocalDate day = dating.dayOf(h.from, h.thru);
      Optional<DiagnosisCode> lineDx =
          l.lineDx >= 0 ? diagnosis(row, l.lineDx, l.lineDxVersion, day) : Optional.empty();
      String code = row.get(l.hcpcs);
      if (code.isEmpty() && lineDx.isEmpty() && !firstOfClaim) {
        return Optional.empty();
      }
      ClaimLine.Builder b =
          ClaimLine.builder()
              .claimId(h.claimId)
              .beneficiaryId(h.bene)
              .serviceFrom(h.from)
              .serviceThrough(h.thru)
              .claimType(type)
              .diagnoses(h.dx);
      lineDx.ifPresent(b::diagnosis);
      String status = l.processing >= 0 ? row.get(l.processing).toUpperCase(Locale.ROOT) : "";
      if (code.isEmpty()) {
        b.units(0); // diagnoses only
      } else if (!status.isEmpty() && !status.equals("A") && !deniedEffort) {
        // not allowed by Medicare: its diagnoses count, its effort is rejected and counted
        b.units(0);
        tally.read(IngestTally.LINE_EFFORTS);
        tally.reject(IngestTally.LINE_EFFORTS, DENIED_LINE.withCode(status), 1);
      } else {
        effort(row, l, b);
      }
      try {
        return Optional.of(b.build());
      } catch (InvalidValueException e) {
        throw row.error(ReadRejection.INVALID_VALUE, -1, e.getMessage());
      }
    }

    /** Procedure, modifiers, units, place of service; in lenient mode a bad one rejects the effort. */
    void effort(CsvTable.Row row, LineColumns l, ClaimLine.Builder b) {
      ProcedureCode procedure;
      List<Modifier> modifiers = new ArrayList<>(2);
      int units;
      PlaceOfService place = null;
      try {
        try {
          procedure = ProcedureCode.of(row.get(l.hcpcs));
        } catch (InvalidValueException e) {
          throw row.error(ReadRejection.INVALID_HCPCS_CODE, l.hcpcs, e.getMessage());
        }
        for (int m : l.modifiers) {
          if (!row.get(m).isEmpty()) {
            try {
              modifiers.add(Modifier.of(row.get(m)));
            } catch (InvalidValueException e) {
              throw row.error(ReadRejection.BAD_MODIFIER, m, e.getMessage());
            }
          }
        }
        units = units(row, l.units);
        if (l.place >= 0 && !row.get(l.place).isEmpty()) {
          try {
            place = PlaceOfService.of(row.get(l.place));
          } catch (InvalidValueException e) {
            throw row.error(ReadRejection.BAD_PLACE_OF_SERVICE, l.place, e.getMessage());
          }
        }
      } catch (MalformedRecordException e) {
        if (strict) {
          throw e;
        }
        // the line's effort is rejected (counted), its diagnoses still count
        if (l.hcpcs >= 0 && e.column() != null && e.column().equals(row.header(l.hcpcs))) {
          tally.unknownCode("invalid HCPCS", row.get(l.hcpcs));
        }
        b.units(0);
        tally.read(IngestTally.LINE_EFFORTS);
        tally.reject(IngestTally.LINE_EFFORTS, e.reason(), 1);
        return;
      }
      b.procedure(procedure).units(units);
      modifiers.forEach(b::modifier);
      if (place != null) {
        b.placeOfService(place);
      }
    }

    Optional<DiagnosisCode> diagnosis(
        CsvTable.Row row, int column, int versionColumn, LocalDate day) {
      String v = row.get(column);
      if (v.isEmpty()) {
        return Optional.empty();
      }
      String version = row.get(versionColumn);
      CodeSystem cs;
      switch (version) {
        case "9" -> cs = CodeSystem.ICD9CM;
        case "0" -> cs = CodeSystem.ICD10CM;
        case "" -> cs = CodeSystem.forServiceDate(day);
        default -> {
          if (strict) {
            throw row.error(
                ReadRejection.BAD_DIAGNOSIS_VERSION_CODE,
                versionColumn,
                "'" + version + "' is not 9 (ICD-9-CM) or 0 (ICD-10-CM)");
          }
          tally.unknownCode("invalid diagnosis version code", version);
          return Optional.empty();
        }
      }
      Optional<DiagnosisCode> d = DiagnosisCode.tryParse(cs, v);
      if (d.isEmpty()) {
        if (strict) {
          try {
            DiagnosisCode.of(cs, v);
          } catch (InvalidValueException e) {
            throw row.error(ReadRejection.INVALID_DIAGNOSIS_CODE, column, e.getMessage());
          }
        }
        tally.unknownCode("invalid " + cs.displayName(), v);
      }
      return d;
    }
  }

  /** Units of service: a whole number (written {@code 1} or {@code 1.0}), 1 when blank. */
  static int units(CsvTable.Row row, int column) {
    String v = row.get(column);
    if (v.isEmpty()) {
      return 1;
    }
    try {
      BigDecimal d = new BigDecimal(v);
      if (d.signum() < 0 || d.compareTo(BigDecimal.valueOf(1_000_000)) > 0) {
        throw row.error(
            ReadRejection.BAD_UNITS, column, "'" + v + "' is not between 0 and 1000000");
      }
      return d.intValueExact();
    } catch (NumberFormatException | ArithmeticException e) {
      throw row.error(
          ReadRejection.BAD_UNITS, column, "'" + v + "' is not a whole number of services");
    }
  }

  private static long nonZero(long h) {
    return h == 0 ? 1 : h;
  }

  private static long lineKey(Table tb, String claimId, String lineNumber) {
    return nonZero(StableHash.of(2 + tb.family, claimId + "#" + lineNumber));
  }

  private static MalformedRecordException duplicateClaim(CsvTable.Row row, int column, Table tb) {
    return row.error(
        DUPLICATE_CLAIM,
        column,
        "claim "
            + row.get(column)
            + " was read before (another "
            + tb.tableName()
            + " file, or earlier in this one): read once");
  }

  private static MalformedRecordException duplicateLine(
      CsvTable.Row row, int column, String claimId, String lineNumber) {
    return row.error(
        DUPLICATE_LINE,
        column,
        "line " + lineNumber + " of claim " + claimId + " was read before: read once");
  }

  /** Rejects a service day before birth or after death (the day of death is a day of life). */
  static void lifeSpan(CsvTable.Row row, int dayColumn, Beneficiary b, LocalDate day) {
    if (day.isBefore(b.birthDate())) {
      throw row.error(
          TidyCsvReader.SERVICE_BEFORE_BIRTH,
          dayColumn,
          "service day "
              + day
              + " is before beneficiary "
              + b.id()
              + "'s birth on "
              + b.birthDate());
    }
    if (b.deathDate().isPresent() && day.isAfter(b.deathDate().get())) {
      throw row.error(
          TidyCsvReader.SERVICE_AFTER_DEATH,
          dayColumn,
          "service day "
              + day
              + " is after beneficiary "
              + b.id()
              + "'s death on "
              + b.deathDate().get());
    }
  }

  /** The rejects-sink report of a row whose beneficiary has no MBSF record. */
  static MalformedRecordException noBeneficiary(String file, long line, String column, String id) {
    return new MalformedRecordException(
        IndexAssembler.NO_BENEFICIARY,
        file,
        line,
        column,
        "no beneficiary record for '"
            + id
            + "': read, and counted as rejected (no beneficiary record) when the index is"
            + " assembled");
  }
}
