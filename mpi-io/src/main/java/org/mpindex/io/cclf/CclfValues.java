package org.mpindex.io.cclf;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mpindex.core.text.CsvTable;
import org.mpindex.core.text.ReadRejection;

/** Cells as CCLF writes them: {@code ~} for "no value", date sentinels, delivery dates. */
final class CclfValues {
  /** CCLF's "no date" sentinels, read as blank. */
  static final LocalDate LOW_SENTINEL = LocalDate.of(1000, 1, 1);

  static final LocalDate HIGH_SENTINEL = LocalDate.of(9999, 12, 31);

  /** The delivery date token of a CMS CCLF file name ({@code P.A0000.ACO.ZC5Y25.D251110.T1200000}). */
  private static final Pattern DELIVERY = Pattern.compile("\\.D(\\d{2})(\\d{2})(\\d{2})\\.T\\d");

  private CclfValues() {}

  /** The cell, stripped; "" for a blank cell, a missing column and CCLF's placeholder {@code ~}. */
  static String get(CsvTable.Row row, int column) {
    String v = row.get(column);
    return v.equals("~") ? "" : v;
  }

  /** A date cell; empty when blank, {@code ~} or a sentinel; a bad date rejects the row naming it. */
  static Optional<LocalDate> date(CsvTable.Row row, int column) {
    String v = get(row, column);
    if (v.isEmpty()) {
      return Optional.empty();
    }
    Optional<LocalDate> d = CsvTable.parseDate(v);
    if (d.isEmpty()) {
      throw row.error(
          ReadRejection.BAD_DATE, column, "'" + v + "' is not a date (YYYY-MM-DD or YYYYMMDD)");
    }
    return d.get().equals(LOW_SENTINEL) || d.get().equals(HIGH_SENTINEL) ? Optional.empty() : d;
  }

  /** A required date cell. */
  static LocalDate requiredDate(CsvTable.Row row, int column) {
    return date(row, column)
        .orElseThrow(
            () -> row.error(ReadRejection.MISSING_VALUE, column, "is empty: a date is required"));
  }

  /** A required text cell. */
  static String required(CsvTable.Row row, int column) {
    String v = get(row, column);
    if (v.isEmpty()) {
      throw row.error(ReadRejection.MISSING_VALUE, column, "is empty");
    }
    return v;
  }

  /** The delivery date in a CMS file name ({@code .Dyymmdd.T}), of the 2000s; empty when none. */
  static Optional<LocalDate> deliveryDateOfName(String name) {
    Matcher m = DELIVERY.matcher(name);
    if (!m.find()) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          LocalDate.of(
              2000 + Integer.parseInt(m.group(1)),
              Integer.parseInt(m.group(2)),
              Integer.parseInt(m.group(3))));
    } catch (java.time.DateTimeException e) {
      return Optional.empty();
    }
  }

  /**
   * When a row was delivered: its {@code FILE_DATE} cell, else the date in its {@code FILE_NAME}
   * cell, else the date in the name of the file read; empty when none says it.
   */
  static Optional<LocalDate> delivery(CsvTable.Row row, int fileDate, int fileName, Path file) {
    Optional<LocalDate> d = date(row, fileDate);
    if (d.isPresent()) {
      return d;
    }
    Optional<LocalDate> named = deliveryDateOfName(get(row, fileName));
    return named.isPresent() ? named : deliveryDateOfName(file.getFileName().toString());
  }

  /** An amount as a comparable key ({@code 00000000098.21} and {@code 98.210} alike). */
  static String amountKey(String v) {
    if (v.isEmpty()) {
      return "";
    }
    try {
      BigDecimal d = new BigDecimal(v).abs().stripTrailingZeros();
      return d.signum() == 0 ? "0" : d.toPlainString();
    } catch (NumberFormatException e) {
      return v;
    }
  }

  /**
   * The order of deliveries: by delivery date (rows without one first), then by the order the files
   * were given.
   */
  record Delivery(LocalDate date, int file) implements Comparable<Delivery> {
    @Override
    public int compareTo(Delivery o) {
      int c =
          java.util.Comparator.nullsFirst(java.util.Comparator.<LocalDate>naturalOrder())
              .compare(date, o.date);
      if (c != 0) {
        return c;
      }
      return Integer.compare(file, o.file);
    }
  }
}
