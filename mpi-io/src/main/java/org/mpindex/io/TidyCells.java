package org.mpindex.io;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.mpindex.core.claims.Beneficiary;
import org.mpindex.core.claims.ClaimType;
import org.mpindex.core.claims.CodeSystem;
import org.mpindex.core.claims.DiagnosisCode;
import org.mpindex.core.claims.InvalidValueException;
import org.mpindex.core.claims.PlaceOfService;
import org.mpindex.core.claims.ProcedureCode;
import org.mpindex.core.index.ClaimColumns;
import org.mpindex.core.index.ClaimDating;
import org.mpindex.core.index.ColumnarIngest;
import org.mpindex.core.index.IngestTally;
import org.mpindex.core.spi.MalformedRecordException;
import org.mpindex.core.text.CsvTable;

/**
 * The cells of a tidy claims row as the library's columnar readers take them (the Parquet reader of
 * {@code mpi-parquet}, the Spark partition fold of {@code mpi-spark}): each distinct cell text is
 * parsed once by the parsers here, and a row whose parsed values are all as {@link Line#take} takes
 * them is folded without a {@code ClaimLine}; any other row goes to {@link TidyCsvReader}'s row
 * parser, which accepts, rejects or reports it with its reasons. The parsers accept exactly what the
 * row parser accepts without a note; what they refuse ({@link #NONE}) the row parser decides.
 *
 * <p>Not for general use: a shared part of the library's readers, public because they live in
 * different modules.
 */
public final class TidyCells {
  private TidyCells() {}

  /** A parsed blank cell (stripped to nothing). */
  public static final Object BLANK = new Object();

  /** A parsed cell the fast path does not take as it is (the row parser decides). */
  public static final Object NONE = new Object();

  /** The codes of a blank diagnosis cell. */
  public static final String[] NO_CODES = new String[0];

  /** The codes of a diagnosis cell that starts with a separator (noted by the row parser). */
  public static final String[] LEADING = new String[0];

  private static final Pattern SEPARATORS = Pattern.compile("[\\s|;]+");

  /** A date cell (stripped, not blank): the date, or {@link #NONE}. */
  public static Object date(String v) {
    Optional<LocalDate> d = CsvTable.parseDate(v);
    return d.isPresent() ? d.get() : NONE;
  }

  /** A claim type cell, as the row reader's: carrier is professional; else {@link #NONE}. */
  public static Object claimType(String cell) {
    String v = cell.toUpperCase(Locale.ROOT).replace(' ', '_');
    if (v.equals("CARRIER")) {
      return ClaimType.PROFESSIONAL;
    }
    try {
      return ClaimType.valueOf(v);
    } catch (IllegalArgumentException e) {
      return NONE;
    }
  }

  /** A HCPCS/CPT cell: the code, or {@link #NONE}. */
  public static Object procedure(String v) {
    try {
      return ProcedureCode.of(v);
    } catch (InvalidValueException e) {
      return NONE;
    }
  }

  /** A units cell: 0 to 1,000,000 as an {@code Integer}, or {@link #NONE}. */
  public static Object units(String v) {
    try {
      int u = Integer.parseInt(v);
      return u < 0 || u > 1_000_000 ? NONE : (Object) u;
    } catch (NumberFormatException e) {
      return NONE;
    }
  }

  /** A place-of-service cell: the place, or {@link #NONE}. */
  public static Object place(String v) {
    try {
      return PlaceOfService.of(v);
    } catch (InvalidValueException e) {
      return NONE;
    }
  }

  /** A code-system cell: the system, or {@link #NONE}. */
  public static Object codeSystem(String v) {
    try {
      return CodeSystem.parse(v);
    } catch (InvalidValueException e) {
      return NONE;
    }
  }

  /**
   * A diagnosis list cell (stripped, not blank) split as the row reader splits it, on white space,
   * {@code |} and {@code ;}; {@link #LEADING} for a cell starting with {@code |} or {@code ;}.
   */
  public static String[] codes(String t) {
    if (t.charAt(0) == '|' || t.charAt(0) == ';') {
      return LEADING;
    }
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      if (c == '|' || c == ';' || Character.isWhitespace(c)) {
        return SEPARATORS.split(t);
      }
    }
    return new String[] {t};
  }

  /**
   * {@code e} as a rejection of line {@code line} of its file: a row the fast path hands to the row
   * parser is read as a one-row table, whose line numbers are not the file's. The same reason, file
   * and column; the problem without the one-row table's place.
   */
  public static MalformedRecordException atLine(MalformedRecordException e, long line) {
    if (e.line() == line) {
      return e;
    }
    String prefix =
        e.file()
            + ":"
            + e.line()
            + ": "
            + (e.column() == null ? "" : "column " + e.column() + ": ");
    String m = e.getMessage();
    String problem = m.startsWith(prefix) ? m.substring(prefix.length()) : m;
    MalformedRecordException r =
        new MalformedRecordException(e.reason(), e.file(), line, e.column(), problem);
    r.setStackTrace(e.getStackTrace());
    return r;
  }

  /**
   * A reader's diagnosis codes interned into its assembler, per code system: each distinct code
   * parsed and looked up once.
   */
  public static final class Diagnoses {
    private final ColumnarIngest ingest;
    private final Map<CodeSystem, Map<String, Integer>> index = new HashMap<>();

    /** Codes interned through {@code ingest}. */
    public Diagnoses(ColumnarIngest ingest) {
      this.ingest = ingest;
    }

    /** The assembler's index of {@code code} in {@code system}, or -1 when it is not a valid code. */
    public int index(CodeSystem system, String code) {
      Map<String, Integer> m = index.computeIfAbsent(system, k -> new HashMap<>());
      Integer d = m.get(code);
      if (d == null) {
        Optional<DiagnosisCode> c = DiagnosisCode.tryParse(system, code);
        d = c.isPresent() ? ingest.diagnosisIndex(c.get()) : -1;
        m.put(code, d);
      }
      return d;
    }

    /** Whether every code is valid in {@code system} (strict mode: else the row parser decides). */
    public boolean allValid(CodeSystem system, String[] codes) {
      for (String d : codes) {
        if (index(system, d) < 0) {
          return false;
        }
      }
      return true;
    }

    /**
     * The codes of the batch's last line: each valid one added, each invalid one counted in {@code
     * tally} as an unknown code ({@code "invalid ICD-9-CM"}), as the row parser counts it.
     */
    public void addTo(ClaimColumns batch, CodeSystem system, String[] codes, IngestTally tally) {
      for (String d : codes) {
        int i = index(system, d);
        if (i >= 0) {
          batch.diagnosis(i);
        } else {
          tally.unknownCode("invalid " + system.displayName(), d);
        }
      }
    }
  }

  /**
   * One row's values as the fast path takes them: {@link #take} decides, and on true the accessors
   * give the line. Reused row after row (one per reader).
   */
  public static final class Line {
    private LocalDate from;
    private LocalDate through;
    private ClaimType type;
    private ProcedureCode procedure;
    private int units;
    private PlaceOfService place;
    private CodeSystem system;

    /**
     * Whether a row with these parsed cells (each null for a blank cell or a missing column, {@link
     * #NONE} when refused, else the value) is taken by the fast path; false sends the row to the row
     * parser.
     *
     * @param modifiersBlank whether the modifiers cell is blank (a row with modifiers is the row
     *     parser's)
     * @param codes the split diagnosis cell ({@link #codes}), {@link #NO_CODES} when blank
     * @param beneficiary the row's beneficiary record when the reader checks claims against the
     *     beneficiaries (asked only when the dates are good), null when it does not check
     * @param validIn in strict mode, the reader's diagnosis codes: a row with a code invalid in its
     *     code system is the row parser's (which throws the exact error); null in lenient mode,
     *     where an invalid code is counted as unknown and the row taken
     */
    public boolean take(
        Object from,
        Object through,
        Object type,
        Object procedure,
        boolean modifiersBlank,
        Object units,
        Object place,
        Object system,
        String[] codes,
        ClaimDating dating,
        Supplier<Optional<Beneficiary>> beneficiary,
        Diagnoses validIn) {
      if (!(from instanceof LocalDate fd) || through == NONE) {
        return false;
      }
      this.from = fd;
      this.through = through == null ? fd : (LocalDate) through;
      if (this.through.isBefore(fd)) {
        return false;
      }
      LocalDate day = dating.dayOf(this.from, this.through);
      if (beneficiary != null) {
        Optional<Beneficiary> b = beneficiary.get();
        if (b.isEmpty()
            || day.isBefore(b.get().birthDate())
            || (b.get().deathDate().isPresent() && day.isAfter(b.get().deathDate().get()))) {
          return false; // the row parser reports or rejects it, naming the column
        }
      }
      if (type == NONE || procedure == NONE || !modifiersBlank || units == NONE) {
        return false;
      }
      if (place == NONE || system == NONE || codes == LEADING) {
        return false;
      }
      this.type = type == null ? ClaimType.PROFESSIONAL : (ClaimType) type;
      this.procedure = (ProcedureCode) procedure;
      this.units = units == null ? 1 : (Integer) units;
      this.place = (PlaceOfService) place;
      this.system = system == null ? CodeSystem.forServiceDate(day) : (CodeSystem) system;
      return validIn == null || validIn.allValid(this.system, codes);
    }

    /** The first day of service. */
    public LocalDate from() {
      return from;
    }

    /** The last day of service (the first when the cell is blank). */
    public LocalDate through() {
      return through;
    }

    /** The claim type (professional when blank). */
    public ClaimType type() {
      return type;
    }

    /** The procedure, or null for a line that carries diagnoses only. */
    public ProcedureCode procedure() {
      return procedure;
    }

    /** Units of service (1 when blank). */
    public int units() {
      return units;
    }

    /** The place of service, or null. */
    public PlaceOfService place() {
      return place;
    }

    /** The diagnoses' code system (by the service day when blank). */
    public CodeSystem system() {
      return system;
    }
  }
}
