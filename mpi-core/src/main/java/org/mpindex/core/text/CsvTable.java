package org.mpindex.core.text;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.mpindex.core.index.IngestTally;
import org.mpindex.core.spi.MalformedRecordException;
import org.mpindex.core.spi.RecordKind;
import org.mpindex.core.spi.RejectionReason;

/**
 * The row loop every reader of the library shares: a CSV file read row by row after its header
 * row, with typed access to a row's cells whose errors name the file, line and column, and the
 * accounting of every row (read = accepted + rejected, by reason). Streaming: one line in memory at
 * a time; lines come from a {@link LineReader}, so a line with undecodable bytes, or longer than the
 * reader's {@link LineReader#maxLineBytes} (never held in memory), is a rejected row (lenient) or an
 * error naming its line (strict), never the end of the file.
 *
 * <pre>{@code
 * try (CsvTable t = CsvTable.open(LineReader.open(file, UTF_8))) {
 *   int id = t.require("beneficiary_id");
 *   t.forEachRow("my rows", tally, strict, row -> sink.accept(row.required(id)));
 * }
 * }</pre>
 */
public final class CsvTable implements AutoCloseable {
  /** CMS dates: {@code YYYYMMDD}. */
  public static final DateTimeFormatter CMS_DATE = DateTimeFormatter.BASIC_ISO_DATE;

  private final String file;
  private final LineReader in;
  private final java.util.Iterator<? extends List<String>> cellRows;
  private long cellLine = 1;
  private final Map<String, Integer> columns = new HashMap<>();
  // names written twice (upper case) to their first two column indices
  private final Map<String, int[]> repeatedColumns = new HashMap<>();
  private final List<String> header;
  private Consumer<MalformedRecordException> rejects = e -> {};
  private int duplicateKey = -1;
  private String runKey;
  private IngestTally tallyRef;
  private RecordKind kindRef;
  private final Map<Object, Long> runRows = new HashMap<>();
  private long headerLine = 1;
  private long preambleLines;
  private int minimumColumns = -1;
  private java.util.function.Predicate<Row> notData;
  private long nonDataRows;
  // the line after a header that did not continue it: the first row
  private String pendingLine;
  private long pendingLineNumber;
  private MalformedRecordException pendingError;
  // the field separator of the text lines: ',' unless the header said otherwise
  private char delimiter = ',';

  private CsvTable(
      String file, List<String> header, java.util.Iterator<? extends List<String>> rows) {
    this.file = java.util.Objects.requireNonNull(file, "file");
    this.in = null;
    this.cellRows = java.util.Objects.requireNonNull(rows, "rows");
    this.header = List.copyOf(header);
    indexColumns();
  }

  private CsvTable(LineReader in, HeaderRule rule, String noHeader) {
    this.file = in.name();
    this.in = in;
    this.cellRows = null;
    java.util.ArrayDeque<List<String>> above = new java.util.ArrayDeque<>();
    List<String> found = null;
    while (found == null) {
      String line;
      try {
        line = in.next();
      } catch (MalformedRecordException e) {
        if (!LineReader.LINE_TOO_LONG.equals(e.reason())) {
          throw e;
        }
        preambleLines++; // too long to be the header, skipped unread
        continue;
      }
      if (line == null) {
        break;
      }
      List<String> cells;
      try {
        cells = Csv.split(line.replace("\uFEFF", ""));
      } catch (IllegalArgumentException e) {
        preambleLines++;
        continue;
      }
      Optional<List<String>> h = rule.header(cells, List.copyOf(above));
      if (h.isPresent()) {
        found = h.get();
        headerLine = in.lineNumber();
      } else {
        preambleLines++;
        above.addLast(cells);
        if (above.size() > HeaderRule.LOOK_BACK) {
          above.removeFirst();
        }
      }
    }
    if (found == null) {
      throw new MalformedRecordException(
          ReadRejection.NO_HEADER, file, in.lineNumber(), null, noHeader);
    }
    String after;
    try {
      after = in.next();
    } catch (MalformedRecordException e) {
      if (!LineReader.LINE_TOO_LONG.equals(e.reason())) {
        throw e;
      }
      pendingError = e; // the first row, rejected by the row loop
      after = null;
    }
    if (after != null) {
      Optional<List<String>> joined = Optional.empty();
      try {
        joined = rule.continuation(found, Csv.split(after));
      } catch (IllegalArgumentException e) {
        // does not split: not a header row; the row loop reports it
      }
      if (joined.isPresent()) {
        found = joined.get();
        headerLine = in.lineNumber();
      } else {
        pendingLine = after;
        pendingLineNumber = in.lineNumber();
      }
    }
    this.header = List.copyOf(found);
    indexColumns();
  }

  private CsvTable(LineReader in) {
    this(in, false);
  }

  private CsvTable(LineReader in, boolean detect) {
    this.file = in.name();
    this.in = in;
    this.cellRows = null;
    String first;
    try {
      first = in.next();
    } catch (MalformedRecordException e) {
      throw new MalformedRecordException(
          ReadRejection.UNREADABLE_HEADER,
          file,
          1,
          null,
          e.getMessage().substring(e.getMessage().indexOf(": ") + 2));
    }
    if (first == null) {
      throw new MalformedRecordException(
          ReadRejection.NO_HEADER, file, 1, null, "empty file: expected a header row");
    }
    String headerLine = first.replace("\uFEFF", "");
    if (detect) {
      delimiter = delimiterOf(headerLine);
    }
    try {
      header = Csv.split(headerLine, delimiter);
    } catch (IllegalArgumentException e) {
      throw new MalformedRecordException(
          ReadRejection.UNREADABLE_HEADER, file, 1, null, "malformed header: " + e.getMessage());
    }
    indexColumns();
  }

  /**
   * Column name (stripped, upper case) to its index. A name written twice is kept aside: reading it
   * ({@link #require}, {@link #optional}) is an error, since which of the two columns holds the
   * value cannot be told; a repeated column the reader does not use is harmless.
   */
  private void indexColumns() {
    for (int i = 0; i < header.size(); i++) {
      String name = header.get(i).strip().toUpperCase(Locale.ROOT);
      Integer first = columns.putIfAbsent(name, i);
      if (first != null && !name.isEmpty()) {
        repeatedColumns.putIfAbsent(name, new int[] {first, i});
      }
    }
  }

  /** Rejection reason (of the file, at its header) of a column the reader needs named twice. */
  public static final ReadRejection REPEATED_COLUMN = ReadRejection.REPEATED_COLUMN;

  private void refuseRepeated(String column) {
    int[] at = repeatedColumns.get(column.toUpperCase(Locale.ROOT));
    if (at != null) {
      throw new MalformedRecordException(
          REPEATED_COLUMN,
          file,
          headerLine,
          header.get(at[1]).strip(),
          "column "
              + header.get(at[1]).strip()
              + " appears twice in the header (columns "
              + (at[0] + 1)
              + " and "
              + (at[1] + 1)
              + "): which one holds the value cannot be told; rename or remove one");
    }
  }

  /**
   * A table over the lines of {@code in}, its first line the header.
   *
   * @throws MalformedRecordException naming line 1 for an empty file or an unreadable header
   */
  public static CsvTable open(LineReader in) {
    return new CsvTable(in);
  }

  /**
   * A table over the lines of {@code in}, its first line the header, whose field separator is the
   * one of comma, vertical bar ({@code |}, as in CMS research identifiable files and CCLF exports)
   * and tab that the header line holds most of outside quotes (comma on a tie or when it holds
   * none: a one-column file).
   *
   * @throws MalformedRecordException naming line 1 for an empty file or an unreadable header
   */
  public static CsvTable openDetecting(LineReader in) {
    return new CsvTable(in, true);
  }

  /** The field separator of this table's lines ({@code ','} unless detected otherwise). */
  public char delimiter() {
    return delimiter;
  }

  /**
   * The one of {@code , | TAB} a header line holds most of outside double quotes; ',' on a tie (what
   * {@link #openDetecting} uses, and a distributed reader that must tell its CSV reader the
   * separator).
   */
  public static char delimiterOf(String header) {
    int commas = 0;
    int bars = 0;
    int tabs = 0;
    boolean quoted = false;
    for (int i = 0; i < header.length(); i++) {
      char c = header.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (!quoted) {
        if (c == ',') {
          commas++;
        } else if (c == '|') {
          bars++;
        } else if (c == '\t') {
          tabs++;
        }
      }
    }
    if (bars > commas && bars >= tabs) {
      return '|';
    }
    return tabs > commas ? '\t' : ',';
  }

  /**
   * Decides which line of a file is its header row, for files whose header is not the first line
   * (CMS files open with titles and notes, and some spread a header over several rows).
   */
  @FunctionalInterface
  public interface HeaderRule {
    /** How many lines above a candidate header row {@link #header} is shown. */
    int LOOK_BACK = 5;

    /**
     * The column names when {@code cells} is the header row, else empty.
     *
     * @param cells the candidate line's cells
     * @param above up to {@link #LOOK_BACK} lines before it that were not the header, oldest first
     *     (to join a header written over several rows)
     */
    Optional<List<String>> header(List<String> cells, List<List<String>> above);

    /**
     * The header's names joined with the row below it when that row continues the header (names
     * written over two rows), else empty: the row is then the first row of the table. By default
     * no header continues.
     */
    default Optional<List<String>> continuation(List<String> header, List<String> next) {
      return Optional.empty();
    }

    /**
     * Names written over several rows, joined column by column: the non-blank cells of a column,
     * stripped, top row first, separated by a space. One name per column of {@code columns}; a row
     * shorter than that adds nothing to the columns it lacks.
     */
    static List<String> stacked(List<List<String>> rows, int columns) {
      List<String> names = new java.util.ArrayList<>(columns);
      for (int c = 0; c < columns; c++) {
        StringBuilder b = new StringBuilder();
        for (List<String> row : rows) {
          if (c < row.size() && !row.get(c).isBlank()) {
            b.append(b.length() > 0 ? " " : "").append(row.get(c).strip());
          }
        }
        names.add(b.toString());
      }
      return names;
    }
  }

  /**
   * A table over the lines of {@code in} whose header is the first line {@code rule} accepts; the
   * lines before it (titles, notes, lines that do not split) are counted as {@link #preambleLines}.
   *
   * @param noHeader the message when no line is the header (the error names the last line)
   * @throws MalformedRecordException reason {@code no header} when no line is the header
   */
  public static CsvTable open(LineReader in, HeaderRule rule, String noHeader) {
    return new CsvTable(in, rule, noHeader);
  }

  /**
   * A table over rows that arrive already split into cells (a Spark partition, a database cursor):
   * the same row loop, accounting and typed cell access as a CSV file, without CSV text. Row {@code
   * k} (1-based) of {@code rows} is reported as line {@code k + 1}, as if a header line came first;
   * a null cell reads as blank. Every row is counted (a row of blank cells is a record with missing
   * values, not a blank line).
   *
   * @param name what messages call the source ({@code "claims (partition 3)"})
   * @param header the column names
   * @param rows the rows, each a list of cells in header order
   */
  public static CsvTable of(
      String name, List<String> header, java.util.Iterator<? extends List<String>> rows) {
    return new CsvTable(name, header, rows);
  }

  /**
   * A CMS date (YYYYMMDD) or an ISO date (YYYY-MM-DD) as every reader takes it: of the years 1 to
   * 9999 (ISO's signed or five-digit years, such as {@code -2008-02-01}, are no claim date, and the
   * fold refuses days outside them); empty when {@code v} is not one.
   */
  public static Optional<LocalDate> parseDate(String v) {
    LocalDate d;
    try {
      d = v.length() == 8 ? LocalDate.parse(v, CMS_DATE) : LocalDate.parse(v);
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
    return d.getYear() >= 1 && d.getYear() <= 9999 ? Optional.of(d) : Optional.empty();
  }

  /** The file name messages use. */
  public String file() {
    return file;
  }

  /** The header's column names as written. */
  public List<String> header() {
    return header;
  }

  /** The line number of the header row: 1 unless a {@link HeaderRule} found it further down. */
  public long headerLine() {
    return headerLine;
  }

  /** The lines before the header row ({@link #open(LineReader, HeaderRule, String)}); 0 otherwise. */
  public long preambleLines() {
    return preambleLines;
  }

  /**
   * Rows need at least {@code n} cells instead of exactly as many as the header (files whose rows
   * carry trailing empty cells, or whose header names more columns than a reader uses). A shorter
   * row is rejected as {@code wrong column count}.
   */
  public CsvTable minimumColumns(int n) {
    this.minimumColumns = n;
    return this;
  }

  /**
   * Rows that are not records (footnotes and section titles between the rows of a CMS file): not
   * counted as read, handed to no body; {@link #nonDataRows} counts them. Blank lines are skipped
   * and not counted anywhere, as always.
   */
  public CsvTable nonData(java.util.function.Predicate<Row> rule) {
    this.notData = java.util.Objects.requireNonNull(rule, "rule");
    return this;
  }

  /** How many rows {@link #nonData} left out so far. */
  public long nonDataRows() {
    return nonDataRows;
  }

  /** Where lenient rejections go besides the count (for a rejects file); by default nowhere. */
  public CsvTable rejectsTo(Consumer<MalformedRecordException> sink) {
    this.rejects = java.util.Objects.requireNonNull(sink, "sink");
    return this;
  }

  /**
   * Rows identical to an earlier row with the same value in {@code keyColumn} (a claim id), among the
   * rows of that key as they come together, are counted once: the repeat is rejected as {@link
   * #DUPLICATE_ROW} (in strict mode too, as a count, not an error) and reported to the rejects sink.
   */
  public CsvTable duplicatesWithin(int keyColumn) {
    this.duplicateKey = keyColumn;
    return this;
  }

  /** Rejection reason of an exact repeat of an earlier row of the same claim. */
  public static final ReadRejection DUPLICATE_ROW = ReadRejection.DUPLICATE_ROW;

  /** Whether the header has {@code column} (any case). */
  public boolean has(String column) {
    return columns.containsKey(column.toUpperCase(Locale.ROOT));
  }

  /**
   * The index of a column; a missing required column, or one named twice, is an error naming the
   * header line (and the column).
   */
  public int require(String column) {
    refuseRepeated(column);
    Integer i = columns.get(column.toUpperCase(Locale.ROOT));
    if (i == null) {
      throw new MalformedRecordException(
          ReadRejection.MISSING_COLUMN,
          file,
          headerLine,
          null,
          "no column " + column + " in header " + String.join(",", header));
    }
    return i;
  }

  /** The index of an optional column, or -1; one named twice is an error naming the header line. */
  public int optional(String column) {
    refuseRepeated(column);
    Integer i = columns.get(column.toUpperCase(Locale.ROOT));
    return i == null ? -1 : i;
  }

  /** The next non-blank row, or null at the end. */
  private Row next() {
    if (cellRows != null) {
      if (!cellRows.hasNext()) {
        return null;
      }
      // every row counts, blank cells or not: a row of a table is never a blank line
      return new Row(cellRows.next(), ++cellLine);
    }
    if (pendingError != null) {
      MalformedRecordException e = pendingError;
      pendingError = null;
      throw e;
    }
    if (pendingLine != null) {
      String line = pendingLine;
      pendingLine = null;
      if (!line.isBlank()) {
        return new Row(line, pendingLineNumber);
      }
    }
    String line;
    while ((line = in.next()) != null) {
      if (!line.isBlank()) {
        return new Row(line, in.lineNumber());
      }
    }
    return null;
  }

  /**
   * Reads every row: counts it as read under {@code kind}, hands it to {@code body} and counts it as
   * accepted when the body returns; a row the body (or the CSV splitter, or the decoder) finds bad
   * is rejected by reason and, in strict mode, thrown after it is counted, so that a caller who
   * catches it still holds a balanced tally.
   */
  public void forEachRow(String kind, IngestTally tally, boolean strict, Consumer<Row> body) {
    forEachRow(RecordKind.of(kind), tally, strict, body);
  }

  /**
   * As {@link #forEachRow(String, IngestTally, boolean, Consumer)}, with a typed kind: every row is
   * read, accepted or rejected by reason under {@code kind}.
   */
  public void forEachRow(RecordKind kind, IngestTally tally, boolean strict, Consumer<Row> body) {
    this.tallyRef = tally;
    this.kindRef = kind;
    while (true) {
      Row row;
      try {
        row = next();
      } catch (MalformedRecordException e) {
        tally.read(kind);
        reject(strict, tally, kind, e);
        continue;
      }
      if (row == null) {
        return;
      }
      if (notData != null && notData.test(row)) {
        nonDataRows++;
        continue;
      }
      tally.read(kind);
      if (duplicateKey >= 0 && repeated(row)) {
        continue;
      }
      accept(row, kind, tally, strict, body);
    }
  }

  /**
   * A row read elsewhere (a parallel reader splits lines itself), at 1-based line {@code line}.
   *
   * @throws MalformedRecordException reason {@code malformed CSV} when the text does not split
   */
  public Row row(String text, long line) {
    return new Row(text, line);
  }

  /**
   * What {@link #forEachRow} does with a row after counting it as read and checking duplicates:
   * checks the column count, hands it to {@code body}, counts it as accepted, or rejects it by
   * reason (thrown in strict mode, after it is counted).
   */
  public void accept(Row row, String kind, IngestTally tally, boolean strict, Consumer<Row> body) {
    accept(row, RecordKind.of(kind), tally, strict, body);
  }

  /** As {@link #accept(Row, String, IngestTally, boolean, Consumer)}, with a typed kind. */
  public void accept(
      Row row, RecordKind kind, IngestTally tally, boolean strict, Consumer<Row> body) {
    try {
      row.requireColumns();
      body.accept(row);
      tally.accept(kind, 1);
    } catch (MalformedRecordException e) {
      reject(strict, tally, kind, e);
    }
  }

  /** Counts a rejected row under its reason and reports it; throws it in strict mode. */
  public void reject(boolean strict, IngestTally tally, String kind, MalformedRecordException e) {
    reject(strict, tally, RecordKind.of(kind), e);
  }

  /** As {@link #reject(boolean, IngestTally, String, MalformedRecordException)}, typed kind. */
  public void reject(
      boolean strict, IngestTally tally, RecordKind kind, MalformedRecordException e) {
    tally.reject(kind, e.reason(), 1);
    if (strict) {
      throw e;
    }
    rejects.accept(e);
  }

  /** The sink of lenient rejections ({@link #rejectsTo}). */
  public Consumer<MalformedRecordException> rejects() {
    return rejects;
  }

  /** Whether the row repeats an earlier row of its key's run; counts and reports it when so. */
  private boolean repeated(Row row) {
    String key = row.get(duplicateKey);
    if (!key.equals(runKey)) {
      runKey = key;
      runRows.clear();
    }
    Long first = runRows.putIfAbsent(row.identity(), row.line);
    if (first == null) {
      return false;
    }
    MalformedRecordException e =
        new MalformedRecordException(
            DUPLICATE_ROW,
            file,
            row.line,
            null,
            "identical to line " + first + " of the same claim: counted once");
    tallyRef.reject(kindRef, DUPLICATE_ROW, 1);
    rejects.accept(e);
    return true;
  }

  @Override
  public void close() {
    if (in != null) {
      in.close();
    }
  }

  /** One row. Parsing errors become {@link MalformedRecordException}s naming file, line and column. */
  public final class Row {
    private final long line;
    private final List<String> cells;
    private String text;

    Row(String text, long line) {
      this.line = line;
      this.text = text;
      List<String> c;
      try {
        c = Csv.split(text, delimiter);
      } catch (IllegalArgumentException e) {
        throw new MalformedRecordException(
            ReadRejection.MALFORMED_CSV, file, line, null, e.getMessage());
      }
      this.cells = c;
    }

    Row(List<String> cells, long line) {
      this.line = line;
      List<String> c = new java.util.ArrayList<>(cells.size());
      for (String cell : cells) {
        c.add(cell == null ? "" : cell);
      }
      this.cells = c;
      this.text = null; // written when asked for (toString): most rows never are
    }

    /** What makes two rows the same row: the line's text (stripped), or a table row's cells. */
    Object identity() {
      return text != null ? text.strip() : cells;
    }

    /** The 1-based line number of the row. */
    public long line() {
      return line;
    }

    /** The number of cells. */
    public int size() {
      return cells.size();
    }

    void requireColumns() {
      if (minimumColumns >= 0) {
        if (cells.size() < minimumColumns) {
          throw new MalformedRecordException(
              ReadRejection.WRONG_COLUMN_COUNT,
              file,
              line,
              null,
              "expected at least " + minimumColumns + " columns, found " + cells.size());
        }
        return;
      }
      if (cells.size() != header.size()) {
        throw new MalformedRecordException(
            ReadRejection.WRONG_COLUMN_COUNT,
            file,
            line,
            null,
            "expected " + header.size() + " columns, found " + cells.size());
      }
    }

    /**
     * An error of this row; the counted reason names the column ({@code "missing value
     * (CLM_FROM_DT)"}), so that lenient accounting says where rows went wrong.
     */
    public MalformedRecordException error(String reason, int column, String problem) {
      return error(RejectionReason.of(reason), column, problem);
    }

    /**
     * As {@link #error(String, int, String)}, with a typed reason, narrowed to the column's name
     * ({@link RejectionReason#in(String)}) when {@code column} is not -1.
     */
    public MalformedRecordException error(RejectionReason reason, int column, String problem) {
      String name = column < 0 ? null : header.get(column).strip();
      return new MalformedRecordException(
          name == null ? reason : reason.in(name), file, line, name, problem);
    }

    /** The header name of a column, stripped; null for -1. */
    public String header(int column) {
      return column < 0 ? null : header.get(column).strip();
    }

    /** The cell, stripped; "" for a missing column (-1) or a short row. */
    public String get(int column) {
      return column < 0 || column >= cells.size() ? "" : cells.get(column).strip();
    }

    public String required(int column) {
      String v = get(column);
      if (v.isEmpty()) {
        throw error(ReadRejection.MISSING_VALUE, column, "is empty");
      }
      return v;
    }

    /** A CMS date (YYYYMMDD) or an ISO date (YYYY-MM-DD); empty for a blank cell. */
    public Optional<LocalDate> date(int column) {
      String v = get(column);
      if (v.isEmpty()) {
        return Optional.empty();
      }
      Optional<LocalDate> d = parseDate(v);
      if (d.isEmpty()) {
        throw error(
            ReadRejection.BAD_DATE, column, "'" + v + "' is not a date (YYYYMMDD or YYYY-MM-DD)");
      }
      return d;
    }

    public LocalDate requiredDate(int column) {
      return date(column)
          .orElseThrow(
              () -> error(ReadRejection.MISSING_VALUE, column, "is empty: a date is required"));
    }

    public int integer(int column, int min, int max) {
      String v = get(column);
      try {
        int i = Integer.parseInt(v);
        if (i < min || i > max) {
          throw error(
              ReadRejection.OUT_OF_RANGE,
              column,
              "'" + v + "' is not between " + min + " and " + max);
        }
        return i;
      } catch (NumberFormatException e) {
        throw error(ReadRejection.BAD_NUMBER, column, "'" + v + "' is not a whole number");
      }
    }

    @Override
    public String toString() {
      if (text == null) {
        StringBuilder t = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
          if (i > 0) {
            t.append(',');
          }
          t.append(Csv.quote(cells.get(i)));
        }
        text = t.toString();
      }
      return text;
    }
  }
}
