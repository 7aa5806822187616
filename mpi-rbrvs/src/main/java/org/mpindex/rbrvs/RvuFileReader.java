package org.mpindex.rbrvs;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.mpindex.core.claims.InvalidValueException;
import org.mpindex.core.claims.Modifier;
import org.mpindex.core.claims.ProcedureCode;
import org.mpindex.core.index.IngestTally;
import org.mpindex.core.spi.MalformedRecordException;
import org.mpindex.core.spi.RejectionReason;
import org.mpindex.core.text.CsvTable;
import org.mpindex.core.text.LineReader;
import org.mpindex.core.text.ReadRejection;

/**
 * Reads a CMS national physician fee schedule relative value file as CMS publishes it: the CSV
 * ({@code PPRRVUyy.csv}, {@code PPRRVUyy_JAN.csv}, ...) of any year from 2007, or the fixed-width TXT
 * variant with a {@link TxtLayout}. Streaming: the file is read line by line.
 *
 * <p>CSV: the preamble (title, copyright notices) is skipped; the header is the first row whose
 * first two cells are {@code HCPCS} and {@code MOD}, combined with the header rows just above it
 * that leave the first cell empty (CMS splits names like {@code NON-FAC / PE RVU} over two rows).
 * Columns are found by their words ({@link RvuField}); data rows follow until the file ends; rows
 * whose first cell is not a code (footnotes) are skipped and counted.
 *
 * <p>Errors name the file, line and column ({@code PPRRVU09.csv:12: column WORK RVU: '0.9x' is not a
 * number}). Strict mode (default) throws {@link MalformedRecordException} at the first bad row;
 * lenient mode counts it under its reason and goes on. Either way {@link Result#tally()} accounts for
 * every data row: read = accepted + rejected.
 */
public final class RvuFileReader {
  /** Record kind in the tally. */
  public static final RvuRecordKind RVU_ROWS = RvuRecordKind.RVU_FILE_ROWS;

  /** Note: lines that are neither header nor data (preamble, footnotes, blank lines). */
  public static final String NON_DATA_LINES =
      "RVU file lines that are not data (preamble, footnotes, blank)";

  /** CMS writes these files in Windows-1252. */
  public static final Charset CMS_CHARSET = Charset.forName("windows-1252");

  private final boolean strict;
  private final String releaseName;
  private final LocalDate effectiveFrom;
  private final TxtLayout txtLayout;

  private RvuFileReader(
      boolean strict, String releaseName, LocalDate effectiveFrom, TxtLayout txtLayout) {
    this.strict = strict;
    this.releaseName = releaseName;
    this.effectiveFrom = effectiveFrom;
    this.txtLayout = txtLayout;
  }

  /** A strict reader that takes release name and date from the file name. */
  public static RvuFileReader strict() {
    return new RvuFileReader(true, null, null, null);
  }

  /** A lenient reader: bad rows are counted and skipped. */
  public static RvuFileReader lenient() {
    return new RvuFileReader(false, null, null, null);
  }

  /** The same reader with an explicit release name and effective date (else taken from the file name). */
  public RvuFileReader release(String name, LocalDate from) {
    return new RvuFileReader(
        strict, Objects.requireNonNull(name), Objects.requireNonNull(from), txtLayout);
  }

  /** The same reader with a TXT layout (else the built-in one for the file's year). */
  public RvuFileReader txtLayout(TxtLayout layout) {
    return new RvuFileReader(strict, releaseName, effectiveFrom, Objects.requireNonNull(layout));
  }

  /**
   * What a read produced.
   *
   * @param release the release
   * @param tally rows read, accepted and rejected (kind {@link #RVU_ROWS}) and non-data lines
   */
  public record Result(RvuRelease release, IngestTally tally) {}

  /** Reads a file; CSV unless its name ends in {@code .txt}. */
  public Result read(Path file) {
    try (Reader r = Files.newBufferedReader(file, CMS_CHARSET)) {
      return read(file.getFileName().toString(), r);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Reads from a reader.
   *
   * @param fileName the file's name, for messages, the format (".txt" is fixed width) and, unless
   *     given, the release name and date
   */
  public Result read(String fileName, Reader in) {
    String name = releaseName != null ? releaseName : releaseNameOf(fileName);
    LocalDate from = effectiveFrom != null ? effectiveFrom : RvuRelease.effectiveDateOf(fileName);
    IngestTally tally = new IngestTally();
    Rows rows = new Rows(fileName, tally);
    BufferedReader br =
        in instanceof BufferedReader bufferedReader ? bufferedReader : new BufferedReader(in);
    try {
      String lower = fileName.toLowerCase(Locale.ROOT);
      if (lower.endsWith(".txt") || lower.endsWith(".prn")) {
        readTxt(fileName, br, from.getYear(), rows, tally);
      } else {
        readCsv(fileName, br, rows, tally);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + fileName + ": " + e.getMessage(), e);
    }
    return new Result(new RvuRelease(name, from, rows.records()), tally);
  }

  /** Note: a second row identical to an earlier one in every field read (kept once). */
  public static final String IDENTICAL_DUPLICATES =
      "RVU file rows identical to an earlier row (kept once)";

  /** Rejection reason: a second row for a code + modifier that differs from the first. */
  public static final RvuRejection CONFLICTING_DUPLICATE = RvuRejection.CONFLICTING_DUPLICATE_ROW;

  /** Note: work RVU cells that are blank or NA, read as 0. */
  public static final String BLANK_WORK = "RVU file rows with a blank or NA work RVU (read as 0)";

  /** Note: codes and global days whose leading zeros a spreadsheet had dropped, restored. */
  public static final String LEADING_ZEROS =
      "RVU file cells whose lost leading zeros were restored (100 -> 00100)";

  /** The largest RVU value read; anything above is an error (real values are below 200). */
  static final BigDecimal MAX_RVU = new BigDecimal("100000");

  /**
   * The records read so far, one per code + modifier: an identical second row is kept once and
   * noted; a different one is an error naming both lines (strict) or rejected, first kept (lenient).
   */
  private static final class Rows {
    private final String file;
    private final IngestTally tally;
    private final java.util.LinkedHashMap<String, RvuRecord> byKey =
        new java.util.LinkedHashMap<>();
    private final Map<String, Long> lineOf = new java.util.HashMap<>();
    final Map<String, Optional<BigDecimal>> numbers = new java.util.HashMap<>();

    Rows(String file, IngestTally tally) {
      this.file = file;
      this.tally = tally;
    }

    void add(RvuRecord r, long line) {
      String key = r.key();
      RvuRecord first = byKey.get(key);
      if (first == null) {
        byKey.put(key, r);
        lineOf.put(key, line);
      } else if (first.equals(r)) {
        tally.note(IDENTICAL_DUPLICATES);
      } else {
        throw new MalformedRecordException(
            CONFLICTING_DUPLICATE,
            file,
            line,
            "HCPCS",
            "a second row for " + key + " that differs from the row on line " + lineOf.get(key));
      }
    }

    List<RvuRecord> records() {
      return new ArrayList<>(byKey.values());
    }
  }

  static String releaseNameOf(String fileName) {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("(?i)RVU(\\d{2})([A-D])").matcher(fileName);
    if (m.find()) {
      return "RVU" + m.group(1) + m.group(2).toUpperCase(Locale.ROOT);
    }
    LocalDate d = RvuRelease.effectiveDateOf(fileName);
    return String.format(
        "RVU%02d%c", d.getYear() % 100, (char) ('A' + (d.getMonthValue() - 1) / 3));
  }

  // ------------------------------------------------------------------ CSV

  private void readCsv(String file, BufferedReader br, Rows out, IngestTally tally) {
    // the header is the row that starts HCPCS,MOD; titles and notes come before it, and older
    // files spread its names over the rows above (first cell empty)
    CsvTable.HeaderRule rule =
        (cells, above) ->
            cells.size() >= 2
                    && RvuField.normalise(cells.get(0)).startsWith("HCPCS")
                    && RvuField.classify(cells.get(1)) == RvuField.MOD
                ? Optional.of(headerNames(cells, above))
                : Optional.empty();
    // not closed here: the reader is the caller's
    CsvTable t =
        CsvTable.open(
            LineReader.of(file, br),
            rule,
            "no header row starting with HCPCS,MOD found: is this a PPRRVU relative value file?");
    String[] names = t.header().toArray(new String[0]);
    Map<RvuField, Integer> columns = mapColumns(file, t.headerLine(), names);
    int width = columns.values().stream().mapToInt(Integer::intValue).max().orElse(0) + 1;
    // footnotes and section titles between the rows: a first cell that is not a code
    t.minimumColumns(width).nonData(row -> !looksLikeCode(row.get(0)));
    t.forEachRow(
        RVU_ROWS,
        tally,
        strict,
        row -> {
          String[] cells = new String[width];
          for (int c : columns.values()) {
            cells[c] = row.get(c);
          }
          out.add(
              new Cells(file, row.line(), cells, columns, names, tally, out.numbers).record(),
              row.line());
        });
    long nonData = t.preambleLines() + t.nonDataRows();
    if (nonData > 0) {
      tally.note(NON_DATA_LINES, nonData);
    }
  }

  /** Counts the row under its reason, then throws in strict mode (so the tally stays balanced). */
  private void reject(MalformedRecordException e, IngestTally tally) {
    tally.reject(RVU_ROWS, e.reason(), 1);
    if (strict) {
      throw e;
    }
  }

  /**
   * A first cell that is meant as a code: 1 to 7 letters and digits (a bad code is still a data row;
   * a spreadsheet may have cut {@code 00100} to {@code 100}).
   */
  private static boolean looksLikeCode(String s) {
    if (s.isEmpty() || s.length() > 7) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (!Character.isLetterOrDigit(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** Combines the header row with the continuation rows above it (first cell empty). */
  private static List<String> headerNames(List<String> header, List<List<String>> above) {
    List<List<String>> rows = new ArrayList<>();
    rows.add(header);
    for (int i = above.size() - 1; i >= 0 && above.get(i).get(0).isBlank(); i--) {
      rows.add(0, above.get(i));
    }
    return CsvTable.HeaderRule.stacked(rows, header.size());
  }

  private static Map<RvuField, Integer> mapColumns(String file, long lineNo, String[] names) {
    Map<RvuField, Integer> m = new EnumMap<>(RvuField.class);
    List<Integer> unlabelledPe = new ArrayList<>();
    for (int c = 0; c < names.length; c++) {
      RvuField f = RvuField.classify(names[c]);
      if (f == RvuField.UNLABELLED_PE) {
        unlabelledPe.add(c);
      } else if (f != RvuField.IGNORED && !m.containsKey(f)) {
        m.put(f, c);
      }
    }
    if (unlabelledPe.size() == 2) {
      m.putIfAbsent(RvuField.NON_FACILITY_PE, unlabelledPe.get(0));
      m.putIfAbsent(RvuField.FACILITY_PE, unlabelledPe.get(1));
    } else if (unlabelledPe.size() == 4) {
      m.putIfAbsent(RvuField.TRANSITIONED_NON_FACILITY_PE, unlabelledPe.get(0));
      m.putIfAbsent(RvuField.NON_FACILITY_PE, unlabelledPe.get(1));
      m.putIfAbsent(RvuField.TRANSITIONED_FACILITY_PE, unlabelledPe.get(2));
      m.putIfAbsent(RvuField.FACILITY_PE, unlabelledPe.get(3));
    } else if (!unlabelledPe.isEmpty()) {
      throw new MalformedRecordException(
          ReadRejection.UNREADABLE_HEADER,
          file,
          lineNo,
          null,
          unlabelledPe.size() + " practice expense columns without a setting; expected 2 or 4");
    }
    for (RvuField required :
        new RvuField[] {RvuField.HCPCS, RvuField.MOD, RvuField.STATUS, RvuField.WORK_RVU}) {
      if (!m.containsKey(required)) {
        throw new MalformedRecordException(
            ReadRejection.UNREADABLE_HEADER,
            file,
            lineNo,
            null,
            "no " + required + " column in header " + String.join("|", names));
      }
    }
    return m;
  }

  /** Typed access to one row's cells, with errors naming file, line and column. */
  private static final class Cells {
    private static final RvuField[] FIELDS = RvuField.values();
    final String file;
    final long line;
    // the cell of each field by ordinal; null when the file has no such column
    final String[] values = new String[FIELDS.length];
    // for error messages only: the CSV header names and column map, or the TXT layout
    private final Map<RvuField, Integer> cols;
    private final String[] names;
    private final TxtLayout layout;
    final IngestTally tally;
    final Map<String, Optional<BigDecimal>> numbers;

    Cells(
        String file,
        long line,
        String[] cells,
        Map<RvuField, Integer> cols,
        String[] names,
        IngestTally tally,
        Map<String, Optional<BigDecimal>> numbers) {
      this.numbers = numbers;
      this.file = file;
      this.line = line;
      this.tally = tally;
      this.cols = cols;
      this.names = names;
      this.layout = null;
      for (Map.Entry<RvuField, Integer> e : cols.entrySet()) {
        int i = e.getValue();
        values[e.getKey().ordinal()] = i < cells.length && cells[i] != null ? cells[i].strip() : "";
      }
    }

    /** From a fixed-width line. */
    Cells(
        String file,
        long line,
        String text,
        TxtLayout layout,
        IngestTally tally,
        Map<String, Optional<BigDecimal>> numbers) {
      this.numbers = numbers;
      this.file = file;
      this.line = line;
      this.tally = tally;
      this.cols = null;
      this.names = null;
      this.layout = layout;
      for (Map.Entry<RvuField, int[]> e : layout.columns().entrySet()) {
        int[] p = e.getValue();
        values[e.getKey().ordinal()] =
            p[0] >= text.length()
                ? ""
                : text.substring(p[0], Math.min(p[1], text.length())).strip();
      }
    }

    String columnName(RvuField f) {
      if (layout != null) {
        int[] p = layout.columns().get(f);
        return f + " (positions " + (p[0] + 1) + "-" + p[1] + ")";
      }
      Integer i = cols.get(f);
      return names == null || i == null ? f.toString() : names[i];
    }

    /** The row as a record; fields the layout lacks are zero or empty. */
    RvuRecord record() {
      ProcedureCode code =
          code(RvuField.HCPCS)
              .orElseThrow(() -> error(ReadRejection.BAD_CODE, RvuField.HCPCS, "empty HCPCS code"));
      String work = raw(RvuField.WORK_RVU);
      if (work.isEmpty() || work.equalsIgnoreCase("NA")) {
        tally.note(BLANK_WORK);
      }
      return new RvuRecord(
          code,
          modifier(RvuField.MOD),
          status(RvuField.STATUS),
          flag(RvuField.NOT_USED_FOR_PAYMENT),
          number(RvuField.WORK_RVU).orElse(BigDecimal.ZERO),
          number(RvuField.NON_FACILITY_PE).orElse(BigDecimal.ZERO),
          number(RvuField.FACILITY_PE).orElse(BigDecimal.ZERO),
          number(RvuField.TRANSITIONED_NON_FACILITY_PE),
          number(RvuField.TRANSITIONED_FACILITY_PE),
          number(RvuField.MP_RVU).orElse(BigDecimal.ZERO),
          indicator(RvuField.PCTC),
          globalDays(RvuField.GLOBAL_DAYS),
          share(RvuField.PRE_OP),
          share(RvuField.INTRA_OP),
          share(RvuField.POST_OP),
          indicator(RvuField.MULTIPLE_PROCEDURE),
          indicator(RvuField.BILATERAL),
          indicator(RvuField.ASSISTANT),
          indicator(RvuField.CO_SURGERY),
          indicator(RvuField.TEAM_SURGERY),
          code(RvuField.ENDOSCOPIC_BASE),
          number(RvuField.CONVERSION_FACTOR));
    }

    MalformedRecordException error(RejectionReason reason, RvuField f, String problem) {
      return new MalformedRecordException(reason, file, line, columnName(f), problem);
    }

    String raw(RvuField f) {
      String v = values[f.ordinal()];
      return v == null ? "" : v;
    }

    Optional<BigDecimal> number(RvuField f) {
      String v = raw(f);
      if (v.isEmpty() || v.equalsIgnoreCase("NA")) {
        return Optional.empty();
      }
      // values repeat a lot (0.00, indicators, the conversion factor): parse each text once per
      // file
      Optional<BigDecimal> known = numbers.get(v);
      if (known != null) {
        return known;
      }
      BigDecimal d;
      try {
        d = new BigDecimal(v);
      } catch (NumberFormatException e) {
        throw error(ReadRejection.MALFORMED_NUMBER, f, "'" + v + "' is not a number");
      }
      if (d.signum() < 0) {
        throw error(ReadRejection.NEGATIVE_NUMBER, f, "'" + v + "' is negative");
      }
      if (d.compareTo(MAX_RVU) > 0) {
        throw error(
            ReadRejection.NUMBER_OUT_OF_RANGE,
            f,
            "'" + v + "' is above " + MAX_RVU.toPlainString() + ": not an RVU value");
      }
      Optional<BigDecimal> value = Optional.of(RvuRecord.plain(d));
      if (numbers.size() < 4096) {
        numbers.put(v, value);
      }
      return value;
    }

    BigDecimal share(RvuField f) {
      BigDecimal d = number(f).orElse(BigDecimal.ZERO);
      // shares are fractions (0.09); a value above 1 is read as a percentage (9.00)
      return d.compareTo(BigDecimal.ONE) > 0 ? d.movePointLeft(2) : d;
    }

    int indicator(RvuField f) {
      String v = raw(f);
      if (v.isEmpty()) {
        return -1;
      }
      if (v.length() != 1 || !Character.isDigit(v.charAt(0))) {
        throw error(
            ReadRejection.MALFORMED_INDICATOR, f, "'" + v + "' is not a one-digit indicator");
      }
      return v.charAt(0) - '0';
    }

    boolean flag(RvuField f) {
      return !raw(f).isEmpty();
    }

    Optional<ProcedureCode> code(RvuField f) {
      String v = raw(f);
      if (v.isEmpty()) {
        return Optional.empty();
      }
      v = restoreZeros(v, 5);
      try {
        return Optional.of(ProcedureCode.of(v));
      } catch (InvalidValueException e) {
        throw error(ReadRejection.BAD_CODE, f, e.getMessage());
      }
    }

    /** An all-digit value shorter than {@code width} had its leading zeros cut by a spreadsheet. */
    String restoreZeros(String v, int width) {
      if (v.length() >= width || !v.chars().allMatch(c -> c >= '0' && c <= '9')) {
        return v;
      }
      tally.note(LEADING_ZEROS);
      return "0".repeat(width - v.length()) + v;
    }

    Optional<Modifier> modifier(RvuField f) {
      String v = raw(f);
      if (v.isEmpty()) {
        return Optional.empty();
      }
      try {
        return Optional.of(Modifier.of(v));
      } catch (InvalidValueException e) {
        throw error(ReadRejection.BAD_MODIFIER, f, e.getMessage());
      }
    }

    StatusCode status(RvuField f) {
      String v = raw(f);
      if (v.length() != 1) {
        throw error(ReadRejection.BAD_STATUS, f, "'" + v + "' is not a one-letter status code");
      }
      try {
        return StatusCode.of(v.charAt(0));
      } catch (IllegalArgumentException e) {
        throw error(ReadRejection.BAD_STATUS, f, e.getMessage());
      }
    }

    Optional<GlobalDays> globalDays(RvuField f) {
      String v = raw(f);
      if (v.isEmpty()) {
        return Optional.empty();
      }
      v = restoreZeros(v, 3);
      try {
        return Optional.of(GlobalDays.of(v));
      } catch (IllegalArgumentException e) {
        throw error(ReadRejection.BAD_GLOBAL_DAYS, f, e.getMessage());
      }
    }
  }

  // ------------------------------------------------------------------ TXT

  /**
   * Fixed width: header lines start with {@code HDR} (the 2014 file breaks one in two, the second
   * part starting with a blank); the DOS end-of-file byte 0x1A after the last line is ignored. The
   * layout is the one given, else the built-in layout of the first record's length (206, 207 or
   * 171), else of the release year. A record longer than the layout's length, or too short to hold
   * the work RVU, is rejected naming its length.
   */
  private void readTxt(String file, BufferedReader br, int year, Rows out, IngestTally tally)
      throws IOException {
    TxtLayout layout = txtLayout;
    // lines through LineReader: one longer than its limit is a rejected row, never held whole
    LineReader lines = LineReader.of(file, br);
    String line;
    long lineNo = 0;
    long nonData = 0;
    while (true) {
      try {
        line = lines.next();
      } catch (MalformedRecordException e) {
        tally.read(RVU_ROWS);
        reject(e, tally);
        continue;
      }
      if (line == null) {
        break;
      }
      lineNo = lines.lineNumber();
      int end = line.length();
      while (end > 0 && line.charAt(end - 1) == '\u001A') {
        end--;
      }
      line = line.substring(0, end);
      if (line.isBlank() || line.startsWith("HDR") || Character.isWhitespace(line.charAt(0))) {
        nonData++;
        continue;
      }
      tally.read(RVU_ROWS);
      if (layout == null) {
        layout = TxtLayout.forRecord(line.length(), year);
      }
      try {
        int workEnd = layout.columns().get(RvuField.WORK_RVU)[1];
        if (line.length() < workEnd
            || (layout.recordLength() > 0 && line.length() > layout.recordLength())) {
          throw new MalformedRecordException(
              ReadRejection.WRONG_RECORD_LENGTH,
              file,
              lineNo,
              null,
              "record of "
                  + line.length()
                  + " characters; layout "
                  + layout.name()
                  + " has "
                  + (layout.recordLength() > 0 ? layout.recordLength() : "at least " + workEnd));
        }
        out.add(new Cells(file, lineNo, line, layout, tally, out.numbers).record(), lineNo);
        tally.accept(RVU_ROWS, 1);
      } catch (MalformedRecordException e) {
        reject(e, tally);
      }
    }
    if (nonData > 0) {
      tally.note(NON_DATA_LINES, nonData);
    }
  }
}
