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
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
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
import org.mpindex.core.text.Csv;

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
  public static final String RVU_ROWS = "RVU file rows";
  /** Note: lines that are neither header nor data (preamble, footnotes, blank lines). */
  public static final String NON_DATA_LINES = "RVU file lines that are not data (preamble, footnotes, blank)";

  /** CMS writes these files in Windows-1252. */
  public static final Charset CMS_CHARSET = Charset.forName("windows-1252");

  private final boolean strict;
  private final String releaseName;
  private final LocalDate effectiveFrom;
  private final TxtLayout txtLayout;

  private RvuFileReader(boolean strict, String releaseName, LocalDate effectiveFrom, TxtLayout txtLayout) {
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
    return new RvuFileReader(strict, Objects.requireNonNull(name), Objects.requireNonNull(from), txtLayout);
  }

  /** The same reader with a TXT layout (else the built-in one for the file's year). */
  public RvuFileReader txtLayout(TxtLayout layout) {
    return new RvuFileReader(strict, releaseName, effectiveFrom, Objects.requireNonNull(layout));
  }

  /**
   * What a read produced.
   *
   * @param release the release
   * @param tally rows read, accepted and rejected (kind {@value #RVU_ROWS}) and non-data lines
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
    List<RvuRecord> rows = new ArrayList<>();
    BufferedReader br = in instanceof BufferedReader ? (BufferedReader) in : new BufferedReader(in);
    try {
      if (fileName.toLowerCase(Locale.ROOT).endsWith(".txt")) {
        readTxt(fileName, br, txtLayout != null ? txtLayout : TxtLayout.forYear(from.getYear()), rows, tally);
      } else {
        readCsv(fileName, br, rows, tally);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + fileName + ": " + e.getMessage(), e);
    }
    return new Result(new RvuRelease(name, from, rows), tally);
  }

  static String releaseNameOf(String fileName) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?i)RVU(\\d{2})([A-D])").matcher(fileName);
    if (m.find()) {
      return "RVU" + m.group(1) + m.group(2).toUpperCase(Locale.ROOT);
    }
    LocalDate d = RvuRelease.effectiveDateOf(fileName);
    return String.format("RVU%02d%c", d.getYear() % 100, (char) ('A' + (d.getMonthValue() - 1) / 3));
  }

  // ------------------------------------------------------------------ CSV

  private void readCsv(String file, BufferedReader br, List<RvuRecord> out, IngestTally tally) throws IOException {
    Deque<List<String>> above = new ArrayDeque<>();
    Map<RvuField, Integer> columns = null;
    String[] names = null;
    int minColumns = 0;
    String line;
    long lineNo = 0;
    long nonData = 0;
    while ((line = br.readLine()) != null) {
      lineNo++;
      if (lineNo == 1 && !line.isEmpty() && line.charAt(0) == '\uFEFF') {
        line = line.substring(1);
      }
      List<String> cells;
      try {
        cells = Csv.split(line);
      } catch (IllegalArgumentException e) {
        if (columns == null) {
          nonData++;
          continue;
        }
        reject(new MalformedRecordException("malformed CSV", file, lineNo, null, e.getMessage()), tally);
        continue;
      }
      if (columns == null) {
        if (cells.size() >= 2 && RvuField.normalise(cells.get(0)).startsWith("HCPCS")
            && RvuField.classify(cells.get(1)) == RvuField.MOD) {
          names = headerNames(cells, above);
          columns = mapColumns(file, lineNo, names);
          minColumns = columns.values().stream().mapToInt(Integer::intValue).max().orElse(0) + 1;
        } else {
          nonData++;
          above.addLast(cells);
          if (above.size() > 3) {
            above.removeFirst();
          }
        }
        continue;
      }
      String first = cells.get(0).strip();
      if (!looksLikeCode(first)) {
        nonData++;
        continue;
      }
      tally.read(RVU_ROWS);
      try {
        if (cells.size() < minColumns) {
          throw new MalformedRecordException("wrong column count", file, lineNo, null,
              "expected at least " + minColumns + " columns, found " + cells.size());
        }
        out.add(parse(file, lineNo, cells, columns, names));
        tally.accept(RVU_ROWS, 1);
      } catch (MalformedRecordException e) {
        reject(e, tally);
      }
    }
    if (columns == null) {
      throw new MalformedRecordException("no header", file, lineNo, null,
          "no header row starting with HCPCS,MOD found: is this a PPRRVU relative value file?");
    }
    if (nonData > 0) {
      tally.note(NON_DATA_LINES, nonData);
    }
  }

  private void reject(MalformedRecordException e, IngestTally tally) {
    if (strict) {
      throw e;
    }
    tally.reject(RVU_ROWS, e.reason(), 1);
  }

  /** A first cell that is meant as a code: 4 to 7 letters and digits (a bad code is still a data row). */
  private static boolean looksLikeCode(String s) {
    if (s.length() < 4 || s.length() > 7) {
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
  private static String[] headerNames(List<String> header, Deque<List<String>> above) {
    List<List<String>> continuation = new ArrayList<>();
    for (java.util.Iterator<List<String>> it = above.descendingIterator(); it.hasNext(); ) {
      List<String> row = it.next();
      if (!row.get(0).isBlank()) {
        break;
      }
      continuation.add(0, row);
    }
    String[] names = new String[header.size()];
    for (int c = 0; c < header.size(); c++) {
      StringBuilder b = new StringBuilder();
      for (List<String> row : continuation) {
        if (c < row.size() && !row.get(c).isBlank()) {
          b.append(row.get(c).strip()).append(' ');
        }
      }
      names[c] = b.append(header.get(c).strip()).toString().strip();
    }
    return names;
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
      throw new MalformedRecordException("unreadable header", file, lineNo, null,
          unlabelledPe.size() + " practice expense columns without a setting; expected 2 or 4");
    }
    for (RvuField required : new RvuField[] {RvuField.HCPCS, RvuField.MOD, RvuField.STATUS, RvuField.WORK_RVU}) {
      if (!m.containsKey(required)) {
        throw new MalformedRecordException("unreadable header", file, lineNo, null,
            "no " + required + " column in header " + String.join("|", names));
      }
    }
    return m;
  }

  private static RvuRecord parse(String file, long lineNo, List<String> cells, Map<RvuField, Integer> cols,
      String[] names) {
    return new Cells(file, lineNo, cells, cols, names).record();
  }

  /** Typed access to one row's cells, with errors naming file, line and column. */
  private static final class Cells {
    final String file;
    final long line;
    final Map<RvuField, String> values = new EnumMap<>(RvuField.class);
    final Map<RvuField, String> columnNames = new EnumMap<>(RvuField.class);

    Cells(String file, long line, List<String> cells, Map<RvuField, Integer> cols, String[] names) {
      this.file = file;
      this.line = line;
      cols.forEach((f, i) -> {
        values.put(f, i < cells.size() ? cells.get(i).strip() : "");
        columnNames.put(f, names == null ? "col " + (i + 1) : names[i]);
      });
    }

    /** From a fixed-width line. */
    Cells(String file, long line, String text, TxtLayout layout) {
      this.file = file;
      this.line = line;
      layout.columns().forEach((f, p) -> {
        String v = p[0] >= text.length() ? "" : text.substring(p[0], Math.min(p[1], text.length()));
        values.put(f, v.strip());
        columnNames.put(f, f + " (positions " + (p[0] + 1) + "-" + p[1] + ")");
      });
    }

    /** The row as a record; fields the layout lacks are zero or empty. */
    RvuRecord record() {
      ProcedureCode code = code(RvuField.HCPCS)
          .orElseThrow(() -> error("bad code", RvuField.HCPCS, "empty HCPCS code"));
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

    MalformedRecordException error(String reason, RvuField f, String problem) {
      return new MalformedRecordException(reason, file, line, columnNames.get(f), problem);
    }

    String raw(RvuField f) {
      String v = values.get(f);
      return v == null ? "" : v;
    }

    Optional<BigDecimal> number(RvuField f) {
      String v = raw(f);
      if (v.isEmpty() || v.equalsIgnoreCase("NA")) {
        return Optional.empty();
      }
      try {
        BigDecimal d = new BigDecimal(v);
        if (d.signum() < 0) {
          throw error("negative number", f, "'" + v + "' is negative");
        }
        return Optional.of(d);
      } catch (NumberFormatException e) {
        throw error("malformed number", f, "'" + v + "' is not a number");
      }
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
        throw error("malformed indicator", f, "'" + v + "' is not a one-digit indicator");
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
      try {
        return Optional.of(ProcedureCode.of(v));
      } catch (InvalidValueException e) {
        throw error("bad code", f, e.getMessage());
      }
    }

    Optional<Modifier> modifier(RvuField f) {
      String v = raw(f);
      if (v.isEmpty()) {
        return Optional.empty();
      }
      try {
        return Optional.of(Modifier.of(v));
      } catch (InvalidValueException e) {
        throw error("bad modifier", f, e.getMessage());
      }
    }

    StatusCode status(RvuField f) {
      String v = raw(f);
      if (v.length() != 1) {
        throw error("bad status", f, "'" + v + "' is not a one-letter status code");
      }
      try {
        return StatusCode.of(v.charAt(0));
      } catch (IllegalArgumentException e) {
        throw error("bad status", f, e.getMessage());
      }
    }

    Optional<GlobalDays> globalDays(RvuField f) {
      String v = raw(f);
      if (v.isEmpty()) {
        return Optional.empty();
      }
      try {
        return Optional.of(GlobalDays.of(v));
      } catch (IllegalArgumentException e) {
        throw error("bad global days", f, e.getMessage());
      }
    }
  }

  // ------------------------------------------------------------------ TXT

  private void readTxt(String file, BufferedReader br, TxtLayout layout, List<RvuRecord> out, IngestTally tally)
      throws IOException {
    String line;
    long lineNo = 0;
    long nonData = 0;
    int minLength = layout.columns().get(RvuField.WORK_RVU)[1];
    while ((line = br.readLine()) != null) {
      lineNo++;
      if (line.startsWith("HDR") || line.isBlank() || !looksLikeCode(line.substring(0, Math.min(5, line.length())).strip())) {
        nonData++;
        continue;
      }
      tally.read(RVU_ROWS);
      try {
        if (line.length() < minLength) {
          throw new MalformedRecordException("short line", file, lineNo, null,
              "line of " + line.length() + " characters ends before the work RVU (column " + minLength + ") of layout "
                  + layout.name());
        }
        out.add(new Cells(file, lineNo, line, layout).record());
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
