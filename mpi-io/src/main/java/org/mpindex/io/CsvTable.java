package org.mpindex.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.mpindex.core.spi.MalformedRecordException;
import org.mpindex.core.text.Csv;

/**
 * A CSV file read row by row, with its header, and typed access to a row's cells whose errors name
 * the file, line and column. Streaming: one line in memory at a time.
 */
final class CsvTable implements AutoCloseable {
  static final DateTimeFormatter CMS_DATE = DateTimeFormatter.BASIC_ISO_DATE;

  final String file;
  private final BufferedReader in;
  private final Map<String, Integer> columns = new HashMap<>();
  final List<String> header;
  long lineNo;

  CsvTable(String file, BufferedReader in) {
    this.file = file;
    this.in = in;
    String first = readLine();
    if (first == null) {
      throw new MalformedRecordException("no header", file, 1, null, "empty file: expected a header row");
    }
    header = Csv.split(first.replace("\uFEFF", ""));
    for (int i = 0; i < header.size(); i++) {
      columns.putIfAbsent(header.get(i).strip().toUpperCase(Locale.ROOT), i);
    }
  }

  private String readLine() {
    try {
      String l = in.readLine();
      if (l != null) {
        lineNo++;
      }
      return l;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  boolean has(String column) {
    return columns.containsKey(column.toUpperCase(Locale.ROOT));
  }

  /** The index of a column; a missing required column is an error naming the header line. */
  int require(String column) {
    Integer i = columns.get(column.toUpperCase(Locale.ROOT));
    if (i == null) {
      throw new MalformedRecordException("missing column", file, 1, null,
          "no column " + column + " in header " + String.join(",", header));
    }
    return i;
  }

  /** The index of an optional column, or -1. */
  int optional(String column) {
    Integer i = columns.get(column.toUpperCase(Locale.ROOT));
    return i == null ? -1 : i;
  }

  /** The next non-blank row, or null at the end. */
  Row next() {
    String line;
    while ((line = readLine()) != null) {
      if (!line.isBlank()) {
        return new Row(line);
      }
    }
    return null;
  }

  /**
   * Reads every row: counts it as read under {@code kind}, hands it to {@code body} and counts it as
   * accepted when the body returns; a row the body (or the CSV splitter) finds bad is thrown in
   * strict mode and rejected by reason in lenient mode.
   */
  void forEachRow(String kind, org.mpindex.core.index.IngestTally tally, boolean strict,
      java.util.function.Consumer<Row> body) {
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
      tally.read(kind);
      try {
        row.requireColumns();
        body.accept(row);
        tally.accept(kind, 1);
      } catch (MalformedRecordException e) {
        reject(strict, tally, kind, e);
      }
    }
  }

  /** Throws in strict mode; counts the row under its reason in lenient mode. */
  private static void reject(boolean strict, org.mpindex.core.index.IngestTally tally, String kind,
      MalformedRecordException e) {
    if (strict) {
      throw e;
    }
    tally.reject(kind, e.reason(), 1);
  }

  @Override
  public void close() {
    try {
      in.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One row. Parsing errors become {@link MalformedRecordException}s naming file, line and column. */
  final class Row {
    final long line;
    final List<String> cells;
    private final String text;

    Row(String text) {
      this.line = lineNo;
      this.text = text;
      List<String> c;
      try {
        c = Csv.split(text);
      } catch (IllegalArgumentException e) {
        throw new MalformedRecordException("malformed CSV", file, lineNo, null, e.getMessage());
      }
      this.cells = c;
    }

    void requireColumns() {
      if (cells.size() != header.size()) {
        throw new MalformedRecordException("wrong column count", file, line, null,
            "expected " + header.size() + " columns, found " + cells.size());
      }
    }

    /**
     * An error of this row; the counted reason names the column ({@code "missing value
     * (CLM_FROM_DT)"}), so that lenient accounting says where rows went wrong.
     */
    MalformedRecordException error(String reason, int column, String problem) {
      String name = column < 0 ? null : header.get(column).strip();
      return new MalformedRecordException(name == null ? reason : reason + " (" + name + ")", file, line, name, problem);
    }

    /** The header name of a column, stripped; null for -1. */
    String header(int column) {
      return column < 0 ? null : header.get(column).strip();
    }

    /** The cell, stripped; "" for a missing column (-1) or a short row. */
    String get(int column) {
      return column < 0 || column >= cells.size() ? "" : cells.get(column).strip();
    }

    String required(int column) {
      String v = get(column);
      if (v.isEmpty()) {
        throw error("missing value", column, "is empty");
      }
      return v;
    }

    /** A CMS date (YYYYMMDD) or an ISO date (YYYY-MM-DD); empty for a blank cell. */
    Optional<LocalDate> date(int column) {
      String v = get(column);
      if (v.isEmpty()) {
        return Optional.empty();
      }
      try {
        return Optional.of(v.length() == 8 ? LocalDate.parse(v, CMS_DATE) : LocalDate.parse(v));
      } catch (DateTimeParseException e) {
        throw error("bad date", column, "'" + v + "' is not a date (YYYYMMDD or YYYY-MM-DD)");
      }
    }

    LocalDate requiredDate(int column) {
      return date(column).orElseThrow(() -> error("missing value", column, "is empty: a date is required"));
    }

    int integer(int column, int min, int max) {
      String v = get(column);
      try {
        int i = Integer.parseInt(v);
        if (i < min || i > max) {
          throw error("out of range", column, "'" + v + "' is not between " + min + " and " + max);
        }
        return i;
      } catch (NumberFormatException e) {
        throw error("bad number", column, "'" + v + "' is not a whole number");
      }
    }

    @Override
    public String toString() {
      return text;
    }
  }
}
