package org.mpindex.io;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.mpindex.core.claims.Claim;
import org.mpindex.core.claims.ClaimLine;
import org.mpindex.core.claims.ClaimType;
import org.mpindex.core.claims.CodeSystem;
import org.mpindex.core.claims.DiagnosisCode;
import org.mpindex.core.claims.InvalidValueException;
import org.mpindex.core.claims.ProcedureCode;
import org.mpindex.core.index.IngestTally;
import org.mpindex.core.index.RecordSink;
import org.mpindex.core.spi.MalformedRecordException;
import org.mpindex.core.spi.RejectionReason;
import org.mpindex.core.text.CsvTable;
import org.mpindex.core.text.LineReader;
import org.mpindex.core.text.ReadRejection;
import org.mpindex.io.collect.LongSet;

/**
 * Reads CMS 2008-2010 DE-SynPUF claims files into claim lines. The kind of file is told by its
 * header:
 *
 * <ul>
 *   <li><b>Carrier</b> ({@code DE1_0_2008_to_2010_Carrier_Claims_Sample_1A.csv}): up to 13 lines per
 *       row ({@code HCPCS_CD_1..13}, each with {@code LINE_ICD9_DGNS_CD_n}), and the claim's
 *       diagnoses {@code ICD9_DGNS_CD_1..8}. Each HCPCS line becomes a {@link ClaimType#PROFESSIONAL}
 *       line with the claim's diagnoses and its own line diagnosis; units 1 (the file has none).
 *   <li><b>Inpatient</b> (has {@code CLM_DRG_CD}) and <b>outpatient</b> claims: the claim's
 *       diagnoses {@code ICD9_DGNS_CD_1..10} and {@code ADMTNG_ICD9_DGNS_CD}, and {@code
 *       HCPCS_CD_1..45}; each HCPCS code becomes an {@link ClaimType#INPATIENT} or {@link
 *       ClaimType#OUTPATIENT} line with the claim's diagnoses (facility services: no effort unless
 *       the spec's effort claim types include them).
 * </ul>
 *
 * A row without any HCPCS code gives one diagnosis-only line, so its diagnoses still count. Codes
 * are ICD-9-CM without dots; dates {@code YYYYMMDD}; a line's window is that of {@code CLM_FROM_DT}
 * (by default). Invalid diagnosis or HCPCS codes are counted (unknown codes {@code invalid ICD-9-CM
 * ...}, {@code invalid HCPCS ...}) and left out of the line, in lenient mode; strict mode stops at
 * them. Rows that cannot be read (bad dates, wrong column count) are rejected by reason.
 */
public final class SynpufClaimReader {
  /** Kind of claims file. */
  public enum Kind {
    CARRIER(InputRecordKind.DE_SYNPUF_CARRIER_CLAIM_ROWS, ClaimType.PROFESSIONAL),
    OUTPATIENT(InputRecordKind.DE_SYNPUF_OUTPATIENT_CLAIM_ROWS, ClaimType.OUTPATIENT),
    INPATIENT(InputRecordKind.DE_SYNPUF_INPATIENT_CLAIM_ROWS, ClaimType.INPATIENT);

    private final InputRecordKind rows;
    private final ClaimType type;

    Kind(InputRecordKind rows, ClaimType type) {
      this.rows = rows;
      this.type = type;
    }

    /** The tally record kind of its rows. */
    public InputRecordKind rows() {
      return rows;
    }

    /** The claim type of the lines its rows give. */
    public ClaimType type() {
      return type;
    }
  }

  /** Note: claim lines produced from the rows. */
  public static final String LINES_PRODUCED = "claim lines produced from DE-SynPUF claim rows";

  /** Note: carrier line slots with a line diagnosis and no HCPCS code (a diagnosis-only line each). */
  public static final String DIAGNOSIS_ONLY_SLOTS =
      "DE-SynPUF line slots with a diagnosis and no HCPCS code";

  /** Note: rows without any diagnosis or HCPCS code. */
  public static final String ROWS_WITHOUT_CODES =
      "DE-SynPUF claim rows without any code (nothing to fold)";

  /** Note: continuation rows (SEGMENT 2 and up, blank dates) dated by their claim's segment 1. */
  public static final String CONTINUATION_ROWS =
      "DE-SynPUF continuation rows (SEGMENT 2+) dated by their segment 1";

  /**
   * The dates of the claims of the current beneficiary, for continuation rows. CMS files hold a
   * beneficiary's rows together, so only the current beneficiary's claims are kept (bounded memory);
   * a continuation row whose segment 1 came earlier under another run of the same id is rejected,
   * counted, never guessed.
   */
  static final class Segments {
    private String beneficiary;
    private final java.util.HashMap<String, LocalDate[]> dates = new java.util.HashMap<>();

    void remember(String bene, String claimId, LocalDate from, LocalDate thru) {
      if (!bene.equals(beneficiary)) {
        beneficiary = bene;
        dates.clear();
      }
      dates.put(claimId, new LocalDate[] {from, thru});
    }

    LocalDate[] datesOf(String bene, String claimId) {
      return bene.equals(beneficiary) ? dates.get(claimId) : null;
    }
  }

  /** Rejection reason of a row whose claim id was read before, not next to it (another file, say). */
  public static final InputRejection DUPLICATE_CLAIM =
      InputRejection.CLAIM_ID_READ_BEFORE_DUPLICATE_CLAIM;

  /** Rejection reason (claim line efforts) of a carrier line not allowed by Medicare. */
  public static final RejectionReason DENIED_LINE =
      InputRejection.LINE_NOT_ALLOWED.in("LINE_PRCSG_IND_CD");

  /** Where on a DE-SynPUF claim a diagnosis code sits. */
  public enum DiagnosisSource {
    /** The claim's diagnoses, {@code ICD9_DGNS_CD_1..10}. */
    HEADER,
    /** A carrier line's own diagnosis, {@code LINE_ICD9_DGNS_CD_n}. */
    LINE,
    /** The admitting diagnosis of an inpatient or outpatient claim, {@code ADMTNG_ICD9_DGNS_CD}. */
    ADMITTING
  }

  final boolean strict;
  private final boolean asClaims;
  final boolean deniedEffort;
  private java.util.Set<DiagnosisSource> sources = java.util.EnumSet.allOf(DiagnosisSource.class);
  Consumer<MalformedRecordException> rejects = e -> {};
  // checkedAgainst: the beneficiary records read before, and the day a line is dated by
  java.util.function.Function<String, Optional<org.mpindex.core.claims.Beneficiary>> known;
  org.mpindex.core.index.ClaimDating dating = org.mpindex.core.index.ClaimDating.SERVICE_FROM;
  // the beneficiary of the current claim (its first row's)
  String claimOwner;

  /**
   * Claims read so far, by a 64-bit hash of (file kind, claim id): a claim id met again after other
   * claims is a duplicate (files overlapping, or a claim split over the 1A and 1B carrier files),
   * read once. 8 bytes a claim.
   */
  final LongSet seenClaims = new LongSet();

  long lastClaimKey;
  boolean anyClaim;

  /** A reader that gives the sink one {@link ClaimLine} at a time. */
  public SynpufClaimReader(org.mpindex.core.index.IngestMode mode) {
    this(mode, false);
  }

  /**
   * @param mode strict: stop at the first bad row; lenient: count it and go on
   * @param asClaims give the sink each row's lines together as one {@link Claim} (so that claim-level
   *     effort rules, such as ranking a day's procedures by fee, can apply), else line by line
   */
  public SynpufClaimReader(org.mpindex.core.index.IngestMode mode, boolean asClaims) {
    this(mode == org.mpindex.core.index.IngestMode.STRICT, asClaims, false);
  }

  private SynpufClaimReader(boolean strict, boolean asClaims, boolean deniedEffort) {
    this.strict = strict;
    this.asClaims = asClaims;
    this.deniedEffort = deniedEffort;
  }

  /**
   * Whether carrier lines that Medicare did not allow carry effort. {@code LINE_PRCSG_IND_CD_n} is
   * {@code A} for an allowed line; any other code (B benefits exhausted, C non-covered, D denied, I
   * invalid data, M duplicate line, N medically unnecessary, P physician ownership denial, R
   * reprocessed, S secondary payer, Z bundled test, the MSP codes, ...; ResDAC's list) marks a line
   * not allowed. By default (false) such a line keeps its diagnoses but carries no effort, and its
   * effort is counted as rejected by code ({@link #DENIED_LINE} X); true values it like an allowed
   * line. A blank indicator counts as allowed.
   */
  public SynpufClaimReader deniedLinesCarryEffort(boolean on) {
    SynpufClaimReader r = new SynpufClaimReader(strict, asClaims, on);
    r.rejects = rejects;
    r.sources = sources;
    r.known = known;
    r.dating = dating;
    return r;
  }

  /**
   * Which diagnoses count (all by default): a comorbidity study may keep only the claim's own
   * diagnoses, say, or leave out admitting diagnoses (a reason for admission, not a confirmed
   * condition). Diagnoses of other sources are not read (not counted as unknown codes either).
   *
   * @throws IllegalArgumentException for an empty set
   */
  public SynpufClaimReader diagnosisSources(java.util.Set<DiagnosisSource> chosen) {
    if (chosen.isEmpty()) {
      throw new IllegalArgumentException("no diagnosis source: every burden would be 0");
    }
    SynpufClaimReader r = new SynpufClaimReader(strict, asClaims, deniedEffort);
    r.rejects = rejects;
    r.sources = java.util.Set.copyOf(chosen);
    r.known = known;
    r.dating = dating;
    return r;
  }

  /** Reads a file (plain or gzip'd), streaming its claim lines into {@code sink}. */
  public IngestTally read(Path file, RecordSink sink) {
    return read(LineReader.open(file, StandardCharsets.UTF_8), sink, new IngestTally());
  }

  /**
   * Reads a file counting into {@code tally}, so that a caller who catches a strict rejection still
   * holds a balanced tally.
   */
  public IngestTally read(Path file, RecordSink sink, IngestTally tally) {
    return read(LineReader.open(file, StandardCharsets.UTF_8), sink, tally);
  }

  public IngestTally read(String fileName, Reader in, RecordSink sink) {
    return read(LineReader.of(fileName, in), sink, new IngestTally());
  }

  /** This reader, also handing every lenient rejection (file, line, column, reason) to {@code sink}. */
  public SynpufClaimReader rejectsTo(Consumer<MalformedRecordException> sink) {
    SynpufClaimReader r = new SynpufClaimReader(strict, asClaims, deniedEffort);
    r.rejects = java.util.Objects.requireNonNull(sink, "sink");
    r.sources = sources;
    r.known = known;
    r.dating = dating;
    return r;
  }

  /**
   * This reader, checking every row against the beneficiary records read before it (give {@code
   * IndexAssembler::beneficiary} once the summary files are in, as {@code mpi compute} does), as
   * {@link TidyCsvReader#checkedAgainst} does: a row dated (by {@code dating}: CLM_FROM_DT or
   * CLM_THRU_DT) before the beneficiary's birth or after their death is rejected ({@link
   * TidyCsvReader#SERVICE_BEFORE_BIRTH}, {@link TidyCsvReader#SERVICE_AFTER_DEATH}); a row of an id
   * without a summary record is read as usual (the assembler rejects its lines, {@code no
   * beneficiary record}) and, in lenient mode, reported to the rejects sink with its line.
   */
  public SynpufClaimReader checkedAgainst(
      java.util.function.Function<String, Optional<org.mpindex.core.claims.Beneficiary>>
          beneficiaries,
      org.mpindex.core.index.ClaimDating dating) {
    SynpufClaimReader r = new SynpufClaimReader(strict, asClaims, deniedEffort);
    r.rejects = rejects;
    r.sources = sources;
    r.known = java.util.Objects.requireNonNull(beneficiaries, "beneficiaries");
    r.dating = java.util.Objects.requireNonNull(dating, "dating");
    return r;
  }

  /**
   * Reads a claims table whose rows arrive already split into cells (a Spark partition's rows; the
   * rows of a claim together, its segments in order), as from a file.
   */
  public IngestTally read(CsvTable table, RecordSink sink, IngestTally tally) {
    try (CsvTable t = table.rejectsTo(rejects)) {
      return rows(t, sink, tally);
    }
  }

  private IngestTally read(LineReader source, RecordSink sink, IngestTally tally) {
    return read(CsvTable.open(source), sink, tally);
  }

  private IngestTally rows(CsvTable t, RecordSink sink, IngestTally tally) {
    FileRows f = new FileRows(t, sink, tally);
    t.forEachRow(f.kind.rows, tally, strict, f::row);
    f.finish();
    return tally;
  }

  /**
   * The rows of one claims file: its columns, and what reading a row does (shared by the row reader
   * and {@link FastSynpufClaims}, which hands it the rows it does not take itself).
   */
  final class FileRows {
    final CsvTable t;
    final RecordSink sink;
    final IngestTally tally;
    final Kind kind;
    final int id;
    final int claim;
    final int from;
    final int thru;
    final int segment;
    // the claim's diagnosis columns read (by the diagnosis sources), in order
    final List<Integer> claimDx = new ArrayList<>();
    final boolean lineSource;
    final List<Integer> hcpcs = new ArrayList<>();
    final List<Integer> lineDx = new ArrayList<>();
    final List<Integer> processing = new ArrayList<>();
    // claim lines produced from the file's rows
    long produced;
    final Segments segments = new Segments();
    final Lookup life = new Lookup();

    FileRows(CsvTable t, RecordSink sink, IngestTally tally) {
      this.t = t;
      this.sink = sink;
      this.tally = tally;
      kind =
          t.has("LINE_ICD9_DGNS_CD_1")
              ? Kind.CARRIER
              : t.has("CLM_DRG_CD") ? Kind.INPATIENT : Kind.OUTPATIENT;
      id = t.require("DESYNPUF_ID");
      claim = t.require("CLM_ID");
      t.duplicatesWithin(claim);
      from = t.require("CLM_FROM_DT");
      thru = t.require("CLM_THRU_DT");
      for (int i = 1; t.has("ICD9_DGNS_CD_" + i); i++) {
        int c = t.require("ICD9_DGNS_CD_" + i);
        if (sources.contains(DiagnosisSource.HEADER)) {
          claimDx.add(c);
        }
      }
      int admitting = t.optional("ADMTNG_ICD9_DGNS_CD");
      if (admitting >= 0 && sources.contains(DiagnosisSource.ADMITTING)) {
        claimDx.add(admitting);
      }
      lineSource = sources.contains(DiagnosisSource.LINE);
      for (int i = 1; t.has("HCPCS_CD_" + i); i++) {
        hcpcs.add(t.require("HCPCS_CD_" + i));
        lineDx.add(t.optional("LINE_ICD9_DGNS_CD_" + i));
        processing.add(t.optional("LINE_PRCSG_IND_CD_" + i));
      }
      if (hcpcs.isEmpty()) {
        t.require("HCPCS_CD_1");
      }
      segment = t.optional("SEGMENT");
      // a claim's rows are together within a file: a new file starts with no current claim
      anyClaim = false;
    }

    /** Notes what the file's rows gave; once, after its last row. */
    void finish() {
      if (produced > 0) {
        tally.note(LINES_PRODUCED, produced);
      }
    }

    /** Reads one row (counted as read; counted as accepted by the caller when it returns). */
    void row(CsvTable.Row row) {
      String bene = row.required(id);
      String claimId = row.required(claim);
      long key = claimKey(kind, claimId);
      if (!anyClaim || key != lastClaimKey) {
        if (!seenClaims.add(key)) {
          throw row.error(
              DUPLICATE_CLAIM,
              claim,
              "claim "
                  + claimId
                  + " was read before (another "
                  + kind.name().toLowerCase(java.util.Locale.ROOT)
                  + " file, or earlier in this one): read once");
        }
        lastClaimKey = key;
        anyClaim = true;
        claimOwner = bene;
      } else if (!bene.equals(claimOwner)) {
        throw TidyCsvReader.otherBeneficiary(row, id, claimId, claimOwner, bene);
      }
      LocalDate fromDate;
      LocalDate thruDate;
      String seg = row.get(segment);
      if (!seg.isEmpty() && !seg.equals("1") && row.get(from).isEmpty()) {
        // a continuation row (SEGMENT 2...) of a claim: its dates are those of segment 1
        LocalDate[] dates = segments.datesOf(bene, claimId);
        if (dates == null) {
          throw row.error(
              ReadRejection.SEGMENT_WITHOUT_FIRST,
              segment,
              "segment "
                  + seg
                  + " of claim "
                  + claimId
                  + " has no dates and no segment 1 before it for beneficiary "
                  + bene);
        }
        fromDate = dates[0];
        thruDate = dates[1];
        tally.note(CONTINUATION_ROWS);
      } else {
        fromDate = row.requiredDate(from);
        thruDate = row.date(thru).orElse(fromDate);
        if (thruDate.isBefore(fromDate)) {
          throw row.error(
              ReadRejection.BAD_DATES,
              thru,
              "'" + row.get(thru) + "' is before CLM_FROM_DT " + row.get(from));
        }
        segments.remember(bene, claimId, fromDate, thruDate);
      }
      Optional<org.mpindex.core.claims.Beneficiary> person =
          known == null ? Optional.empty() : life.of(bene);
      if (person.isPresent()) {
        TidyCsvReader.lifeSpan(
            row,
            dating == org.mpindex.core.index.ClaimDating.SERVICE_FROM ? from : thru,
            person.get(),
            dating.dayOf(fromDate, thruDate));
      }
      List<DiagnosisCode> dx = new ArrayList<>();
      for (int c : claimDx) {
        diagnosis(row, c, tally).ifPresent(dx::add);
      }
      List<ClaimLine> lines = new ArrayList<>();
      for (int i = 0; i < hcpcs.size(); i++) {
        String code = row.get(hcpcs.get(i));
        Optional<DiagnosisCode> lineCode =
            lineSource && lineDx.get(i) >= 0
                ? diagnosis(row, lineDx.get(i), tally)
                : Optional.empty();
        if (code.isEmpty() && lineCode.isEmpty()) {
          continue;
        }
        ClaimLine.Builder b =
            ClaimLine.builder()
                .claimId(claimId)
                .beneficiaryId(bene)
                .serviceFrom(fromDate)
                .serviceThrough(thruDate)
                .claimType(kind.type)
                .diagnoses(dx);
        String status = processing.get(i) >= 0 ? row.get(processing.get(i)).strip() : "";
        if (code.isEmpty()) {
          // a line slot with a diagnosis and no HCPCS code: the diagnosis counts, no effort
          b.units(0);
          tally.note(DIAGNOSIS_ONLY_SLOTS);
        } else if (!status.isEmpty() && !status.equals("A") && !deniedEffort) {
          // not allowed by Medicare: its diagnoses count, its effort is rejected and counted
          b.units(0);
          tally.read(IngestTally.LINE_EFFORTS);
          tally.reject(IngestTally.LINE_EFFORTS, DENIED_LINE.withCode(status), 1);
        } else {
          procedure(row, hcpcs.get(i), tally).ifPresent(b::procedure);
        }
        lineCode.ifPresent(b::diagnosis);
        lines.add(b.build());
      }
      if (lines.isEmpty() && !dx.isEmpty()) {
        lines.add(
            ClaimLine.builder()
                .claimId(claimId)
                .beneficiaryId(bene)
                .serviceFrom(fromDate)
                .serviceThrough(thruDate)
                .claimType(kind.type)
                .diagnoses(dx)
                .units(0)
                .build());
      }
      if (lines.isEmpty()) {
        tally.note(ROWS_WITHOUT_CODES);
      }
      if (known != null && !strict && !lines.isEmpty() && person.isEmpty()) {
        rejects.accept(TidyCsvReader.noBeneficiary(t.file(), row.line(), row.header(id), bene));
      }
      if (asClaims && !lines.isEmpty()) {
        sink.claim(new Claim(lines));
      } else {
        lines.forEach(sink::line);
      }
      produced += lines.size();
    }
  }

  /** The beneficiary lookup of {@link #checkedAgainst}, memoised for a run of rows of one id. */
  private final class Lookup {
    private String lastId;
    private Optional<org.mpindex.core.claims.Beneficiary> last = Optional.empty();

    Optional<org.mpindex.core.claims.Beneficiary> of(String id) {
      if (!id.equals(lastId)) {
        last = known.apply(id);
        lastId = id;
      }
      return last;
    }
  }

  static long claimKey(Kind kind, String claimId) {
    return org.mpindex.core.text.StableHash.of(kind.ordinal(), claimId);
  }

  private Optional<DiagnosisCode> diagnosis(CsvTable.Row row, int column, IngestTally tally) {
    String v = row.get(column);
    if (v.isEmpty()) {
      return Optional.empty();
    }
    Optional<DiagnosisCode> d = DiagnosisCode.tryParse(CodeSystem.ICD9CM, v);
    if (d.isEmpty()) {
      if (strict) {
        try {
          DiagnosisCode.icd9(v);
        } catch (InvalidValueException e) {
          throw row.error(ReadRejection.INVALID_DIAGNOSIS_CODE, column, e.getMessage());
        }
      }
      tally.unknownCode("invalid ICD-9-CM", v);
    }
    return d;
  }

  private Optional<ProcedureCode> procedure(CsvTable.Row row, int column, IngestTally tally) {
    String v = row.get(column);
    try {
      return Optional.of(ProcedureCode.of(v));
    } catch (InvalidValueException e) {
      MalformedRecordException error =
          row.error(ReadRejection.INVALID_HCPCS_CODE, column, e.getMessage());
      if (strict) {
        throw error;
      }
      // the line's effort is rejected (counted), its diagnoses still count
      tally.unknownCode("invalid HCPCS", v);
      tally.read(IngestTally.LINE_EFFORTS);
      tally.reject(IngestTally.LINE_EFFORTS, error.reason(), 1);
      return Optional.empty();
    }
  }
}
