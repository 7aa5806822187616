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
import org.mpindex.core.spi.MalformedRecordException;
import org.mpindex.core.text.CsvTable;
import org.mpindex.core.text.LineReader;

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
  public static final String BENEFICIARY_ROWS = "tidy CSV beneficiary rows";
  public static final String ENROLLMENT_ROWS = "tidy CSV enrollment rows";
  public static final String CLAIM_ROWS = "tidy CSV claim line rows";

  /**
   * Rejection reason of a claim row whose claim id was read before, apart from it: in an earlier
   * file read by this reader, or earlier in this one with other claims' rows between. The same
   * reason as DE-SynPUF's ({@link SynpufClaimReader#DUPLICATE_CLAIM}).
   */
  public static final String REPEATED_CLAIM = SynpufClaimReader.DUPLICATE_CLAIM;

  private final boolean strict;
  private final ClaimDating dating;
  private Consumer<MalformedRecordException> rejects = e -> {};
  // the claims read by this reader across its files ({@link #readingClaimsOnce}), or null
  private ClaimRuns claimRuns;

  /** A reader dating lines by their from-date (for the ICD-9/ICD-10 choice of a blank code system). */
  public TidyCsvReader(boolean strict) {
    this(strict, ClaimDating.SERVICE_FROM);
  }

  /**
   * @param strict stop at the first bad row (else count it and go on)
   * @param dating the claim-dating rule of the spec: which date picks ICD-9-CM or ICD-10-CM when a
   *     line's code_system is blank
   */
  public TidyCsvReader(boolean strict, ClaimDating dating) {
    this.strict = strict;
    this.dating = java.util.Objects.requireNonNull(dating, "dating");
  }

  interface RowParser {
    Object parse(CsvTable.Row row, IngestTally tally);
  }

  private IngestTally read(
      Path file,
      String kind,
      Consumer<Object> sink,
      java.util.function.Function<CsvTable, RowParser> setup) {
    return read(
        LineReader.open(file, StandardCharsets.UTF_8), kind, sink, setup, new IngestTally());
  }

  private IngestTally read(
      String fileName,
      Reader in,
      String kind,
      Consumer<Object> sink,
      java.util.function.Function<CsvTable, RowParser> setup) {
    return read(LineReader.of(fileName, in), kind, sink, setup, new IngestTally());
  }

  private IngestTally read(
      LineReader lines,
      String kind,
      Consumer<Object> sink,
      java.util.function.Function<CsvTable, RowParser> setup,
      IngestTally tally) {
    return read(CsvTable.open(lines), kind, sink, setup, tally);
  }

  private IngestTally read(
      CsvTable table,
      String kind,
      Consumer<Object> sink,
      java.util.function.Function<CsvTable, RowParser> setup,
      IngestTally tally) {
    try (CsvTable t = table.rejectsTo(rejects)) {
      RowParser parser = setup.apply(t);
      t.forEachRow(kind, tally, strict, row -> sink.accept(parser.parse(row, tally)));
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
      Path file, String kind, Consumer<Object> sink, IngestTally tally, boolean grouped) {
    return read(
        CsvTable.open(LineReader.open(file, StandardCharsets.UTF_8)), kind, sink, tally, grouped);
  }

  /**
   * Reads a table whose rows arrive already split into cells ({@link CsvTable#of}: a Spark
   * partition's rows, a database cursor) as {@link #read(Path, String, Consumer, IngestTally, boolean)}
   * reads a file: the same columns, checks, rejections and accounting.
   */
  public IngestTally read(
      CsvTable table, String kind, Consumer<Object> sink, IngestTally tally, boolean grouped) {
    java.util.function.Function<CsvTable, RowParser> setup =
        kind.equals(BENEFICIARY_ROWS)
            ? this::beneficiaries
            : kind.equals(ENROLLMENT_ROWS) ? this::enrollment : this::claims;
    if (!grouped || !kind.equals(CLAIM_ROWS)) {
      return read(table, kind, sink, setup, tally);
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
        REPEATED_CLAIM + " (" + column + ")",
        file,
        line,
        column,
        "claim "
            + claimId
            + " was read before, apart from this row (in an earlier file, or earlier in this one"
            + " with other claims between): its rows are read once");
  }

  public IngestTally readBeneficiaries(Path file, Consumer<Object> sink) {
    return read(file, BENEFICIARY_ROWS, sink, this::beneficiaries);
  }

  public IngestTally readBeneficiaries(String name, Reader in, Consumer<Object> sink) {
    return read(name, in, BENEFICIARY_ROWS, sink, this::beneficiaries);
  }

  public IngestTally readEnrollment(Path file, Consumer<Object> sink) {
    return read(file, ENROLLMENT_ROWS, sink, this::enrollment);
  }

  public IngestTally readEnrollment(String name, Reader in, Consumer<Object> sink) {
    return read(name, in, ENROLLMENT_ROWS, sink, this::enrollment);
  }

  public IngestTally readClaims(Path file, Consumer<Object> sink) {
    return read(file, CLAIM_ROWS, sink, this::claims);
  }

  public IngestTally readClaims(String name, Reader in, Consumer<Object> sink) {
    return read(name, in, CLAIM_ROWS, sink, this::claims);
  }

  /**
   * Reads claim line rows and gives the sink consecutive rows of one claim (same claim id and
   * beneficiary) together as one {@link Claim}, so that claim-level effort rules apply; rows of a
   * claim that are not consecutive make several claims (a repeated claim, rejected, with {@link
   * #readingClaimsOnce()}).
   */
  public IngestTally readClaimsGrouped(Path file, Consumer<Object> sink) {
    ClaimGrouper g = new ClaimGrouper(sink);
    IngestTally t = read(file, CLAIM_ROWS, g, this::claims);
    g.flush();
    return t;
  }

  /** {@link #readClaimsGrouped(Path, Consumer)} from a reader. */
  public IngestTally readClaimsGrouped(String name, Reader in, Consumer<Object> sink) {
    ClaimGrouper g = new ClaimGrouper(sink);
    IngestTally t = read(name, in, CLAIM_ROWS, g, this::claims);
    g.flush();
    return t;
  }

  /** Collects consecutive lines of one claim. */
  private static final class ClaimGrouper implements Consumer<Object> {
    private final Consumer<Object> sink;
    private final java.util.List<ClaimLine> pending = new java.util.ArrayList<>();

    ClaimGrouper(Consumer<Object> sink) {
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
        sink.accept(new Claim(pending));
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
        throw row.error("bad sex", sex, e.getMessage());
      }
      try {
        return new Beneficiary(
            row.required(id),
            row.requiredDate(birth),
            row.date(death),
            s,
            res.of(row).orElse(Geography.UNKNOWN));
      } catch (InvalidValueException e) {
        throw row.error("invalid value", -1, e.getMessage());
      }
    };
  }

  private RowParser enrollment(CsvTable t) {
    int id = t.require("beneficiary_id");
    int start = t.require("start_date");
    int end = t.require("end_date");
    int program = t.require("program");
    Residence res = new Residence(t);
    return (row, tally) -> {
      try {
        return new Enrollment(
            row.required(id),
            row.requiredDate(start),
            row.requiredDate(end),
            Program.of(row.required(program)),
            res.of(row));
      } catch (InvalidValueException e) {
        throw row.error("invalid value", -1, e.getMessage());
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
          throw row.error("bad state", state, e.getMessage());
        }
      }
      try {
        return Optional.of(Geography.of(st, c.isEmpty() ? null : c, z.isEmpty() ? null : z));
      } catch (InvalidValueException e) {
        throw row.error(
            "bad geography", e.field().startsWith("ZIP") ? zip : county, e.getMessage());
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
    return (row, tally) -> {
      String claimId = row.required(claim);
      if (runs != null && runs.repeated(ClaimRuns.key(claimId))) {
        throw repeatedClaim(t.file(), row.line(), row.header(claim), claimId);
      }
      LocalDate fromDate = row.requiredDate(from);
      LocalDate thruDate = row.date(through).orElse(fromDate);
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
        effortFields(row, b, procedure, modifiers, units, pos);
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
        throw row.error("bad code system", system, e.getMessage());
      }
      for (String d : split(row.get(diagnoses))) {
        Optional<DiagnosisCode> code = DiagnosisCode.tryParse(cs, d);
        if (code.isPresent()) {
          b.diagnosis(code.get());
        } else if (strict) {
          try {
            DiagnosisCode.of(cs, d);
          } catch (InvalidValueException e) {
            throw row.error("invalid diagnosis code", diagnoses, e.getMessage());
          }
        } else {
          tally.unknownCode("invalid " + cs.displayName(), d);
        }
      }
      try {
        return b.build();
      } catch (InvalidValueException e) {
        throw row.error("invalid value", -1, e.getMessage());
      }
    };
  }

  private static void effortFields(
      CsvTable.Row row, ClaimLine.Builder b, int procedure, int modifiers, int units, int pos) {
    if (!row.get(procedure).isEmpty()) {
      try {
        b.procedure(row.get(procedure));
      } catch (InvalidValueException e) {
        throw row.error("invalid HCPCS code", procedure, e.getMessage());
      }
    }
    for (String m : split(row.get(modifiers))) {
      try {
        b.modifier(m);
      } catch (InvalidValueException e) {
        throw row.error("bad modifier", modifiers, e.getMessage());
      }
    }
    if (!row.get(units).isEmpty()) {
      b.units(row.integer(units, 0, 1_000_000));
    }
    if (!row.get(pos).isEmpty()) {
      try {
        b.placeOfService(PlaceOfService.of(row.get(pos)));
      } catch (InvalidValueException e) {
        throw row.error("bad place of service", pos, e.getMessage());
      }
    }
  }

  private static ClaimType claimType(CsvTable.Row row, int column) {
    ClaimType t = claimTypeOf(row.get(column));
    if (t == null) {
      throw row.error(
          "bad claim type",
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

  private static String[] split(String s) {
    String t = s.strip();
    if (t.isEmpty()) {
      return new String[0];
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
