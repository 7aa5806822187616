package org.mpindex.io;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import org.mpindex.core.claims.Beneficiary;
import org.mpindex.core.claims.Claim;
import org.mpindex.core.claims.ClaimLine;
import org.mpindex.core.claims.ClaimType;
import org.mpindex.core.claims.CodeSystem;
import org.mpindex.core.claims.DiagnosisCode;
import org.mpindex.core.claims.Enrollment;
import org.mpindex.core.claims.Geography;
import org.mpindex.core.claims.InvalidValueException;
import org.mpindex.core.claims.PlaceOfService;
import org.mpindex.core.claims.ProcedureCode;
import org.mpindex.core.claims.Program;
import org.mpindex.core.claims.Sex;
import org.mpindex.core.claims.UsState;
import org.mpindex.core.index.ClaimDating;
import org.mpindex.core.index.IngestTally;
import org.mpindex.core.index.RecordSink;
import org.mpindex.core.spi.MalformedRecordException;
import org.mpindex.core.spi.RecordKind;
import org.mpindex.core.text.CsvTable;
import org.mpindex.core.text.LineReader;
import org.mpindex.core.text.ReadRejection;

/**
 * Reads the library's tidy CSV layout, for any payer: three UTF-8 files with a header row (columns
 * in any order, names in any case; optional columns may be left out). Dates are ISO ({@code
 * 2009-07-15}) or CMS ({@code 20090715}). See {@code mpi-io/README.md} for excerpts.
 *
 * <ul>
 *   <li><b>beneficiaries</b>: {@code beneficiary_id, birth_date, death_date?, sex, state?,
 *       county_fips?, zip5?}; sex {@code M/F/U} or CMS {@code 1/2/0}; state a USPS code.
 *   <li><b>enrollment</b>: {@code beneficiary_id, start_date, end_date, program, state?, county_fips?,
 *       zip5?}; program {@code MEDICARE_FFS}, {@code MEDICARE_ADVANTAGE} or any payer label; the
 *       optional residence columns say where the beneficiary lived during the span.
 *   <li><b>claims</b> (one row per claim line): {@code claim_id, beneficiary_id, from_date,
 *       through_date?, claim_type?, procedure?, modifiers?, units?, place_of_service?, code_system?,
 *       diagnoses?}; claim_type {@code professional} (default; also {@code carrier}), {@code
 *       outpatient}, {@code inpatient}, {@code snf}, {@code home_health}, {@code hospice}, {@code
 *       dme}, {@code other}; modifiers and diagnoses separated by spaces, {@code |} or {@code ;};
 *       code_system {@code icd9} or {@code icd10}, blank for "by service date" (ICD-10-CM from
 *       2015-10-01); units default 1. Exact duplicates among a claim's consecutive rows are counted
 *       once; a reader {@link #readingClaimsOnce()} also rejects every row of a claim read before,
 *       apart from them.
 * </ul>
 *
 * Strict mode throws {@link MalformedRecordException} naming file, line and column at the first bad
 * row or code; lenient mode rejects bad rows by reason and counts invalid diagnosis codes as unknown
 * codes, keeping the rest of the row.
 */
public final class TidyCsvReader {
  public static final InputRecordKind BENEFICIARY_ROWS = InputRecordKind.TIDY_CSV_BENEFICIARY_ROWS;
  public static final InputRecordKind ENROLLMENT_ROWS = InputRecordKind.TIDY_CSV_ENROLLMENT_ROWS;
  public static final InputRecordKind CLAIM_ROWS = InputRecordKind.TIDY_CSV_CLAIM_LINE_ROWS;

  /**
   * Rejection reason of a claim row whose claim id was read before, apart from it: in an earlier
   * file read by this reader, or earlier in this one with other claims' rows between. The same
   * reason as DE-SynPUF's ({@link SynpufClaimReader#DUPLICATE_CLAIM}).
   */
  public static final InputRejection REPEATED_CLAIM = SynpufClaimReader.DUPLICATE_CLAIM;

  private final boolean strict;
  private final ClaimDating dating;
  private Consumer<MalformedRecordException> rejects = e -> {};
  // the claims read by this reader across its files ({@link #readingClaimsOnce}), or null
  private ClaimRuns claimRuns;
  // the beneficiary records read before (checkedAgainst); null: no check
  private java.util.function.Function<String, Optional<Beneficiary>> known;

  /**
   * Rejection reason (with its column) of a claim line whose service day (the day {@link
   * ClaimDating} dates it by) is before the beneficiary's birth date.
   */
  public static final InputRejection SERVICE_BEFORE_BIRTH = InputRejection.SERVICE_BEFORE_BIRTH;

  /**
   * Rejection reason (with its column) of a claim line whose service day is after the beneficiary's
   * death date: from the day after death (the day of death itself is a day of life, as {@code
   * DECEASED} applies from the day after death).
   */
  public static final InputRejection SERVICE_AFTER_DEATH = InputRejection.SERVICE_AFTER_DEATH;

  /**
   * Rejection reason (with its column) of a claim row whose claim id is that of the rows just before
   * it (one claim's rows come together) but whose beneficiary id differs: one claim cannot belong to
   * two beneficiaries. The claim stays with the beneficiary of its first row.
   */
  public static final InputRejection CLAIM_OF_ANOTHER_BENEFICIARY =
      InputRejection.CLAIM_ID_OF_ANOTHER_BENEFICIARY;

  /** A reader dating lines by their from-date (for the ICD-9/ICD-10 choice of a blank code system). */
  public TidyCsvReader(org.mpindex.core.index.IngestMode mode) {
    this(mode, ClaimDating.SERVICE_FROM);
  }

  /**
   * @param mode strict: stop at the first bad row; lenient: count it and go on
   * @param dating the claim-dating rule of the spec: which date picks ICD-9-CM or ICD-10-CM when a
   *     line's code_system is blank
   */
  public TidyCsvReader(org.mpindex.core.index.IngestMode mode, ClaimDating dating) {
    this(mode == org.mpindex.core.index.IngestMode.STRICT, dating);
  }

  private TidyCsvReader(boolean strict, ClaimDating dating) {
    this.strict = strict;
    this.dating = java.util.Objects.requireNonNull(dating, "dating");
  }

  interface RowParser {
    Object parse(CsvTable.Row row, IngestTally tally);
  }

  private IngestTally read(
      Path file,
      RecordKind kind,
      Consumer<Object> sink,
      java.util.function.Function<CsvTable, RowParser> setup) {
    return read(
        LineReader.open(file, StandardCharsets.UTF_8), kind, sink, setup, new IngestTally());
  }

  private IngestTally read(
      String fileName,
      Reader in,
      RecordKind kind,
      Consumer<Object> sink,
      java.util.function.Function<CsvTable, RowParser> setup) {
    return read(LineReader.of(fileName, in), kind, sink, setup, new IngestTally());
  }

  private IngestTally read(
      LineReader lines,
      RecordKind kind,
      Consumer<Object> sink,
      java.util.function.Function<CsvTable, RowParser> setup,
      IngestTally tally) {
    return read(CsvTable.open(lines), kind, sink, setup, tally);
  }

  private IngestTally read(
      CsvTable table,
      RecordKind kind,
      Consumer<Object> sink,
      java.util.function.Function<CsvTable, RowParser> setup,
      IngestTally tally) {
    try (CsvTable t = table.rejectsTo(rejects)) {
      RowParser parser = setup.apply(t);
      if (kind.equals(CLAIM_ROWS)) {
        ClaimOwner owner = new ClaimOwner(t.optional("claim_id"), t.optional("beneficiary_id"));
        t.forEachRow(
            kind,
            tally,
            strict,
            row -> {
              owner.check(row);
              sink.accept(parser.parse(row, tally));
            });
      } else {
        t.forEachRow(kind, tally, strict, row -> sink.accept(parser.parse(row, tally)));
      }
    }
    return tally;
  }

  /**
   * Reads any of the three files (told by {@code kind}: {@link #BENEFICIARY_ROWS}, {@link
   * #ENROLLMENT_ROWS} or {@link #CLAIM_ROWS}) counting into {@code tally}, so that a caller who
   * catches a strict rejection still holds a balanced tally; claim rows grouped into claims when
   * {@code grouped}.
   */
  public IngestTally read(
      Path file, RecordKind kind, RecordSink sink, IngestTally tally, boolean grouped) {
    return read(
        CsvTable.open(LineReader.open(file, StandardCharsets.UTF_8)), kind, sink, tally, grouped);
  }

  /**
   * Reads a table whose rows arrive already split into cells ({@link CsvTable#of}: a Spark
   * partition's rows, a database cursor) as {@link #read(Path, RecordKind, RecordSink, IngestTally,
   * boolean)} reads a file: the same columns, checks, rejections and accounting.
   */
  public IngestTally read(
      CsvTable table, RecordKind kind, RecordSink sink, IngestTally tally, boolean grouped) {
    java.util.function.Function<CsvTable, RowParser> setup =
        kind.equals(BENEFICIARY_ROWS)
            ? this::beneficiaries
            : kind.equals(ENROLLMENT_ROWS) ? this::enrollment : this::claims;
    if (!grouped || !kind.equals(CLAIM_ROWS)) {
      return read(table, kind, Records.consumer(sink), setup, tally);
    }
    ClaimGrouper g = new ClaimGrouper(sink);
    try {
      return read(table, kind, g, setup, tally);
    } finally {
      g.flush();
    }
  }

  /** This reader, also handing every lenient rejection (file, line, column, reason) to {@code sink}. */
  public TidyCsvReader rejectsTo(Consumer<MalformedRecordException> sink) {
    TidyCsvReader r = new TidyCsvReader(strict, dating);
    r.rejects = java.util.Objects.requireNonNull(sink, "sink");
    r.claimRuns = claimRuns == null ? null : new ClaimRuns();
    r.known = known;
    return r;
  }

  /**
   * This reader (the same mode, dating and rejects sink) remembering the claims it reads, across all
   * the files it reads, to read each claim once: a claim's rows come together (one run of
   * consecutive rows with its claim id), and a claim id met again after rows of other claims, or in
   * a later file, is a repeated claim (a file given twice under another name, a file appended to
   * itself, overlapping extracts). Every row of the repeated run is rejected as {@link
   * #REPEATED_CLAIM} (in strict mode, the first is the error), counted and reported. Memory: 16 to
   * 32 bytes a distinct claim id (a 64-bit hash each; see {@code ClaimRuns}). Without it (the
   * default) rows of a claim that come apart are read as several claims. One reader for one run:
   * the reader is then not thread-safe.
   */
  public TidyCsvReader readingClaimsOnce() {
    TidyCsvReader r = new TidyCsvReader(strict, dating);
    r.rejects = rejects;
    r.known = known;
    r.claimRuns = new ClaimRuns();
    return r;
  }

  /** The claims read so far, or null without the check ({@link #readingClaimsOnce()}). */
  ClaimRuns claimRuns() {
    return claimRuns;
  }

  /** The rejection of a row of a repeated claim. */
  static MalformedRecordException repeatedClaim(
      String file, long line, String column, String claimId) {
    return new MalformedRecordException(
        REPEATED_CLAIM.in(column),
        file,
        line,
        column,
        "claim "
            + claimId
            + " was read before, apart from this row (in an earlier file, or earlier in this one"
            + " with other claims between): its rows are read once");
  }

  /**
   * This reader, checking every claim line and enrollment span against the beneficiary records read
   * before them (give {@code IndexAssembler::beneficiary} once the beneficiary files are in, as
   * {@code mpi compute} does): a claim line dated before the beneficiary's birth or after their death
   * is a rejected row ({@link #SERVICE_BEFORE_BIRTH}, {@link #SERVICE_AFTER_DEATH}); a row of an
   * id without a beneficiary record is read as usual (the assembler counts it as rejected, {@code no
   * beneficiary record}, when it assembles) and, in lenient mode, reported to the rejects sink with
   * its file and line, so that {@code --rejects} lists it. Without this call nothing is checked (the
   * library's assembler takes records in any order).
   *
   * @param beneficiaries the beneficiary record of an id, empty when there is none; called once per
   *     run of rows of one id
   */
  public TidyCsvReader checkedAgainst(
      java.util.function.Function<String, Optional<Beneficiary>> beneficiaries) {
    TidyCsvReader r = new TidyCsvReader(strict, dating);
    r.rejects = rejects;
    r.claimRuns = claimRuns; // the same run's claims: both readers read one sequence
    r.known = java.util.Objects.requireNonNull(beneficiaries, "beneficiaries");
    return r;
  }

  /** The beneficiary lookup of {@link #checkedAgainst}; null without one. */
  java.util.function.Function<String, Optional<Beneficiary>> known() {
    return known;
  }

  /**
   * Checks a record of {@code id} against the beneficiary records read before (when {@link
   * TidyCsvReader#checkedAgainst} gave them): reports an id without a record (lenient mode) and rejects a
   * service day outside the beneficiary's life. {@code day} null for an enrollment span.
   */
  private final class LifeCheck {
    private String lastId;
    private Optional<Beneficiary> last = Optional.empty();

    private Optional<Beneficiary> of(String id) {
      if (!id.equals(lastId)) {
        last = known.apply(id);
        lastId = id;
      }
      return last;
    }

    /** Rejects (throws) a service day outside the life of {@code id}'s beneficiary. */
    void span(CsvTable.Row row, String id, int dayColumn, LocalDate day) {
      if (known != null && of(id).isPresent()) {
        lifeSpan(row, dayColumn, last.get(), day);
      }
    }

    /** Reports an accepted row of an id without a beneficiary record (lenient mode). */
    void orphan(CsvTable t, CsvTable.Row row, int idColumn, String id) {
      if (known != null && !strict && of(id).isEmpty()) {
        rejects.accept(noBeneficiary(t.file(), row.line(), row.header(idColumn), id));
      }
    }
  }

  /** The rejects-sink report of a row whose id has no beneficiary record. */
  static MalformedRecordException noBeneficiary(String file, long line, String column, String id) {
    return new MalformedRecordException(
        org.mpindex.core.index.IndexAssembler.NO_BENEFICIARY,
        file,
        line,
        column,
        "no beneficiary record for '"
            + id
            + "': read, and counted as rejected (no beneficiary record) when the index is"
            + " assembled");
  }

  /** Rejects a service day before birth or after death (the day of death is a day of life). */
  static void lifeSpan(CsvTable.Row row, int dayColumn, Beneficiary b, LocalDate day) {
    if (day.isBefore(b.birthDate())) {
      throw row.error(
          SERVICE_BEFORE_BIRTH,
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
          SERVICE_AFTER_DEATH,
          dayColumn,
          "service day "
              + day
              + " is after beneficiary "
              + b.id()
              + "'s death on "
              + b.deathDate().get());
    }
  }

  public IngestTally readBeneficiaries(Path file, RecordSink sink) {
    return read(file, BENEFICIARY_ROWS, Records.consumer(sink), this::beneficiaries);
  }

  public IngestTally readBeneficiaries(String name, Reader in, RecordSink sink) {
    return read(name, in, BENEFICIARY_ROWS, Records.consumer(sink), this::beneficiaries);
  }

  public IngestTally readEnrollment(Path file, RecordSink sink) {
    return read(file, ENROLLMENT_ROWS, Records.consumer(sink), this::enrollment);
  }

  public IngestTally readEnrollment(String name, Reader in, RecordSink sink) {
    return read(name, in, ENROLLMENT_ROWS, Records.consumer(sink), this::enrollment);
  }

  public IngestTally readClaims(Path file, RecordSink sink) {
    return read(file, CLAIM_ROWS, Records.consumer(sink), this::claims);
  }

  public IngestTally readClaims(String name, Reader in, RecordSink sink) {
    return read(name, in, CLAIM_ROWS, Records.consumer(sink), this::claims);
  }

  /**
   * Reads claim line rows and gives the sink consecutive rows of one claim (same claim id and
   * beneficiary) together as one {@link Claim}, so that claim-level effort rules apply; rows of a
   * claim that are not consecutive make several claims (a repeated claim, rejected, with {@link
   * #readingClaimsOnce()}).
   */
  public IngestTally readClaimsGrouped(Path file, RecordSink sink) {
    ClaimGrouper g = new ClaimGrouper(sink);
    IngestTally t = read(file, CLAIM_ROWS, g, this::claims);
    g.flush();
    return t;
  }

  /** {@link #readClaimsGrouped(Path, RecordSink)} from a reader. */
  public IngestTally readClaimsGrouped(String name, Reader in, RecordSink sink) {
    ClaimGrouper g = new ClaimGrouper(sink);
    IngestTally t = read(name, in, CLAIM_ROWS, g, this::claims);
    g.flush();
    return t;
  }

  /**
   * The beneficiary of the current claim's run of rows (its first row's): a later row of the run for
   * another beneficiary is rejected ({@link #CLAIM_OF_ANOTHER_BENEFICIARY}).
   */
  static final class ClaimOwner {
    private final int claim;
    private final int beneficiary;
    private String claimId;
    private String owner;

    ClaimOwner(int claim, int beneficiary) {
      this.claim = claim;
      this.beneficiary = beneficiary;
    }

    void check(CsvTable.Row row) {
      String c = row.get(claim);
      String b = row.get(beneficiary);
      if (c.isEmpty() || b.isEmpty()) {
        return; // the row parser rejects it
      }
      if (!c.equals(claimId)) {
        claimId = c;
        owner = b;
      } else if (!b.equals(owner)) {
        throw otherBeneficiary(row, beneficiary, c, owner, b);
      }
    }
  }

  /** The rejection of a row of claim {@code claimId} for {@code other}, the claim being {@code owner}'s. */
  static MalformedRecordException otherBeneficiary(
      CsvTable.Row row, int column, String claimId, String owner, String other) {
    return row.error(CLAIM_OF_ANOTHER_BENEFICIARY, column, ownerProblem(claimId, owner, other));
  }

  /** The same for a row known by its file, line and beneficiary column (the fast path's rows). */
  static MalformedRecordException otherBeneficiary(
      String file, long line, String column, String claimId, String owner, String other) {
    return new MalformedRecordException(
        CLAIM_OF_ANOTHER_BENEFICIARY.in(column),
        file,
        line,
        column,
        ownerProblem(claimId, owner, other));
  }

  private static String ownerProblem(String claimId, String owner, String other) {
    return "claim "
        + claimId
        + " belongs to beneficiary "
        + owner
        + " (its first row), this row names "
        + other
        + ": one claim cannot be two beneficiaries'";
  }

  /** Collects consecutive lines of one claim. */
  private static final class ClaimGrouper implements Consumer<Object> {
    private final RecordSink sink;
    private final java.util.List<ClaimLine> pending = new java.util.ArrayList<>();

    ClaimGrouper(RecordSink sink) {
      this.sink = sink;
    }

    @Override
    public void accept(Object o) {
      ClaimLine l = (ClaimLine) o;
      if (!pending.isEmpty()
          && (!pending.get(0).claimId().equals(l.claimId())
              || !pending.get(0).beneficiaryId().equals(l.beneficiaryId()))) {
        flush();
      }
      pending.add(l);
    }

    void flush() {
      if (!pending.isEmpty()) {
        sink.claim(new Claim(pending));
        pending.clear();
      }
    }
  }

  private RowParser beneficiaries(CsvTable t) {
    int id = t.require("beneficiary_id");
    int birth = t.require("birth_date");
    int death = t.optional("death_date");
    int sex = t.require("sex");
    Residence res = new Residence(t);
    return (row, tally) -> {
      Sex s;
      try {
        s = Sex.parse(row.required(sex));
      } catch (InvalidValueException e) {
        throw row.error(ReadRejection.BAD_SEX, sex, e.getMessage());
      }
      try {
        return new Beneficiary(
            row.required(id),
            row.requiredDate(birth),
            row.date(death),
            s,
            res.of(row).orElse(Geography.UNKNOWN));
      } catch (InvalidValueException e) {
        throw row.error(ReadRejection.INVALID_VALUE, -1, e.getMessage());
      }
    };
  }

  private RowParser enrollment(CsvTable t) {
    int id = t.require("beneficiary_id");
    int start = t.require("start_date");
    int end = t.require("end_date");
    int program = t.require("program");
    Residence res = new Residence(t);
    LifeCheck life = new LifeCheck();
    return (row, tally) -> {
      try {
        Enrollment e =
            new Enrollment(
                row.required(id),
                row.requiredDate(start),
                row.requiredDate(end),
                Program.of(row.required(program)),
                res.of(row));
        life.orphan(t, row, id, e.beneficiaryId());
        return e;
      } catch (InvalidValueException e) {
        throw row.error(ReadRejection.INVALID_VALUE, -1, e.getMessage());
      }
    };
  }

  /** The optional residence columns state, county_fips, zip5. */
  private static final class Residence {
    final int state;
    final int county;
    final int zip;

    Residence(CsvTable t) {
      state = t.optional("state");
      county = t.optional("county_fips");
      zip = t.optional("zip5");
    }

    Optional<Geography> of(CsvTable.Row row) {
      String s = row.get(state);
      String c = row.get(county);
      String z = row.get(zip);
      if (s.isEmpty() && c.isEmpty() && z.isEmpty()) {
        return Optional.empty();
      }
      UsState st = null;
      if (!s.isEmpty()) {
        try {
          st = UsState.parse(s);
        } catch (InvalidValueException e) {
          throw row.error(ReadRejection.BAD_STATE, state, e.getMessage());
        }
      }
      try {
        return Optional.of(Geography.of(st, c.isEmpty() ? null : c, z.isEmpty() ? null : z));
      } catch (InvalidValueException e) {
        throw row.error(
            ReadRejection.BAD_GEOGRAPHY,
            e.field().startsWith("ZIP") ? zip : county,
            e.getMessage());
      }
    }
  }

  boolean strict() {
    return strict;
  }

  ClaimDating dating() {
    return dating;
  }

  Consumer<MalformedRecordException> rejects() {
    return rejects;
  }

  /** The claim row parser over a table's header (the slow path of {@link FastTidyClaims}). */
  RowParser claimRows(CsvTable t) {
    return claims(t);
  }

  private RowParser claims(CsvTable t) {
    int claim = t.require("claim_id");
    t.duplicatesWithin(claim);
    ClaimRuns runs = claimRuns;
    if (runs != null) {
      runs.newFile();
    }
    int id = t.require("beneficiary_id");
    int from = t.require("from_date");
    int through = t.optional("through_date");
    int type = t.optional("claim_type");
    int procedure = t.optional("procedure");
    int modifiers = t.optional("modifiers");
    int units = t.optional("units");
    int pos = t.optional("place_of_service");
    int system = t.optional("code_system");
    int diagnoses = t.optional("diagnoses");
    LifeCheck life = new LifeCheck();
    int dayColumn = dating == ClaimDating.SERVICE_FROM || through < 0 ? from : through;
    return (row, tally) -> {
      String claimId = row.required(claim);
      if (runs != null && runs.repeated(ClaimRuns.key(claimId))) {
        throw repeatedClaim(t.file(), row.line(), row.header(claim), claimId);
      }
      LocalDate fromDate = row.requiredDate(from);
      LocalDate thruDate = row.date(through).orElse(fromDate);
      life.span(row, row.required(id), dayColumn, dating.dayOf(fromDate, thruDate));
      ClaimLine.Builder b =
          ClaimLine.builder()
              .claimId(claimId)
              .beneficiaryId(row.required(id))
              .serviceFrom(fromDate)
              .serviceThrough(thruDate)
              .claimType(claimType(row, type));
      // procedure, modifiers, units and place of service value the effort only: in lenient mode a
      // bad one rejects the line's effort (counted), never the row's diagnoses
      MalformedRecordException effortError = null;
      try {
        effortFields(row, b, procedure, modifiers, units, pos, tally);
      } catch (MalformedRecordException e) {
        if (strict) {
          throw e;
        }
        effortError = e;
      }
      if (effortError != null) {
        b.procedure((ProcedureCode) null);
        tally.read(IngestTally.LINE_EFFORTS);
        tally.reject(IngestTally.LINE_EFFORTS, effortError.reason(), 1);
        if (effortError.column() != null && effortError.column().equals(row.header(procedure))) {
          tally.unknownCode("invalid HCPCS", row.get(procedure));
        }
      }
      CodeSystem cs;
      try {
        cs =
            row.get(system).isEmpty()
                ? CodeSystem.forServiceDate(dating.dayOf(fromDate, thruDate))
                : CodeSystem.parse(row.get(system));
      } catch (InvalidValueException e) {
        throw row.error(ReadRejection.BAD_CODE_SYSTEM, system, e.getMessage());
      }
      for (String d : split(row.get(diagnoses), tally)) {
        Optional<DiagnosisCode> code = DiagnosisCode.tryParse(cs, d);
        if (code.isPresent()) {
          b.diagnosis(code.get());
        } else if (strict) {
          try {
            DiagnosisCode.of(cs, d);
          } catch (InvalidValueException e) {
            throw row.error(ReadRejection.INVALID_DIAGNOSIS_CODE, diagnoses, e.getMessage());
          }
        } else {
          tally.unknownCode("invalid " + cs.displayName(), d);
        }
      }
      ClaimLine line;
      try {
        line = b.build();
      } catch (InvalidValueException e) {
        throw row.error(ReadRejection.INVALID_VALUE, -1, e.getMessage());
      }
      life.orphan(t, row, id, line.beneficiaryId());
      return line;
    };
  }

  private static void effortFields(
      CsvTable.Row row,
      ClaimLine.Builder b,
      int procedure,
      int modifiers,
      int units,
      int pos,
      IngestTally tally) {
    if (!row.get(procedure).isEmpty()) {
      try {
        b.procedure(row.get(procedure));
      } catch (InvalidValueException e) {
        throw row.error(ReadRejection.INVALID_HCPCS_CODE, procedure, e.getMessage());
      }
    }
    for (String m : split(row.get(modifiers), tally)) {
      try {
        b.modifier(m);
      } catch (InvalidValueException e) {
        throw row.error(ReadRejection.BAD_MODIFIER, modifiers, e.getMessage());
      }
    }
    if (!row.get(units).isEmpty()) {
      b.units(row.integer(units, 0, 1_000_000));
    }
    if (!row.get(pos).isEmpty()) {
      try {
        b.placeOfService(PlaceOfService.of(row.get(pos)));
      } catch (InvalidValueException e) {
        throw row.error(ReadRejection.BAD_PLACE_OF_SERVICE, pos, e.getMessage());
      }
    }
  }

  private static ClaimType claimType(CsvTable.Row row, int column) {
    ClaimType t = claimTypeOf(row.get(column));
    if (t == null) {
      throw row.error(
          ReadRejection.BAD_CLAIM_TYPE,
          column,
          "'"
              + row.get(column)
              + "' is not professional, outpatient, inpatient, snf, home_health, hospice, dme or other");
    }
    return t;
  }

  /** The claim type of a (stripped) cell: blank and {@code carrier} are professional; null when unknown. */
  static ClaimType claimTypeOf(String cell) {
    String v = cell.toUpperCase(Locale.ROOT).replace(' ', '_');
    if (v.isEmpty() || v.equals("CARRIER")) {
      return ClaimType.PROFESSIONAL;
    }
    try {
      return ClaimType.valueOf(v);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** Separators of modifiers and diagnoses: white space, | or ;. Compiled once (a row splits two cells). */
  private static final java.util.regex.Pattern SEPARATORS =
      java.util.regex.Pattern.compile("[\\s|;]+");

  /**
   * Note: a list cell (diagnoses or modifiers) that starts with a separator ({@code |250.00}), which
   * would give an empty first code. The empty code is skipped and counted here, once per cell; the
   * codes after it are read as usual (in strict mode too: no value is lost or made up).
   */
  public static final String LEADING_SEPARATOR =
      "empty code before a leading | or ; in a list cell (skipped)";

  private static String[] split(String s, IngestTally tally) {
    String t = s.strip();
    if (t.isEmpty()) {
      return new String[0];
    }
    if (t.charAt(0) == '|' || t.charAt(0) == ';') {
      tally.note(LEADING_SEPARATOR);
      int i = 0;
      while (i < t.length()
          && (t.charAt(i) == '|' || t.charAt(i) == ';' || Character.isWhitespace(t.charAt(i)))) {
        i++;
      }
      t = t.substring(i);
      if (t.isEmpty()) {
        return new String[0];
      }
    }
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      if (c == '|' || c == ';' || Character.isWhitespace(c)) {
        return SEPARATORS.split(t);
      }
    }
    return new String[] {t};
  }
}
