package org.mpindex.io.rif;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.mpindex.core.spi.MalformedRecordException;
import org.mpindex.core.text.CsvTable;
import org.mpindex.core.text.ReadRejection;

/** Dates and column names as the research files and the BFD extracts write them. */
final class RifText {
  private RifText() {}

  // BFD extracts write Oracle dates (17-MAR-1981, any case); SAS exports DATE9 (17MAR1981)
  private static final DateTimeFormatter DASHED =
      new DateTimeFormatterBuilder()
          .parseCaseInsensitive()
          .appendPattern("dd-MMM-uuuu")
          .toFormatter(Locale.ENGLISH);
  private static final DateTimeFormatter DATE9 =
      new DateTimeFormatterBuilder()
          .parseCaseInsensitive()
          .appendPattern("ddMMMuuuu")
          .toFormatter(Locale.ENGLISH);

  /** What a date cell may hold, for messages. */
  static final String DATE_FORMS = "YYYYMMDD, YYYY-MM-DD, DD-MON-YYYY or DDMONYYYY";

  /**
   * A date as CMS files write it: {@code YYYYMMDD}, ISO {@code YYYY-MM-DD} (both as {@link
   * CsvTable#parseDate}), {@code DD-MON-YYYY} (the BFD extracts) or {@code DDMONYYYY} (SAS DATE9),
   * of the years 1 to 9999; empty when it is none of these.
   */
  static Optional<LocalDate> parseDate(String v) {
    Optional<LocalDate> d = CsvTable.parseDate(v);
    if (d.isPresent()) {
      return d;
    }
    LocalDate parsed;
    try {
      parsed =
          v.length() == 11
              ? LocalDate.parse(v, DASHED)
              : v.length() == 9 ? LocalDate.parse(v, DATE9) : null;
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
    return parsed != null && parsed.getYear() >= 1 && parsed.getYear() <= 9999
        ? Optional.of(parsed)
        : Optional.empty();
  }

  /** The date in a cell; empty for a blank cell; a row error ({@code bad date}) for anything else. */
  static Optional<LocalDate> date(CsvTable.Row row, int column) {
    String v = row.get(column);
    if (v.isEmpty()) {
      return Optional.empty();
    }
    Optional<LocalDate> d = parseDate(v);
    if (d.isEmpty()) {
      throw row.error(
          ReadRejection.BAD_DATE, column, "'" + v + "' is not a date (" + DATE_FORMS + ")");
    }
    return d;
  }

  /** The date in a cell that must hold one. */
  static LocalDate requiredDate(CsvTable.Row row, int column) {
    return date(row, column)
        .orElseThrow(
            () -> row.error(ReadRejection.MISSING_VALUE, column, "is empty: a date is required"));
  }

  /**
   * The column of a variable that files name in several ways (the research files' {@code
   * SEX_IDENT_CD}, the BFD extract's {@code BENE_SEX_IDENT_CD}), or -1 when none is there.
   *
   * @throws MalformedRecordException at the header when two of the names are there (which one holds
   *     the value cannot be told)
   */
  static int optional(CsvTable t, String... names) {
    int found = -1;
    String foundName = null;
    for (String n : names) {
      int i = t.optional(n);
      if (i >= 0) {
        if (found >= 0) {
          throw new MalformedRecordException(
              CsvTable.REPEATED_COLUMN,
              t.file(),
              t.headerLine(),
              n,
              "columns "
                  + foundName
                  + " and "
                  + n
                  + " are two names of one variable: which one holds the value cannot be told;"
                  + " remove one");
        }
        found = i;
        foundName = n;
      }
    }
    return found;
  }

  /** As {@link #optional(CsvTable, String...)}, a missing column an error naming the names. */
  static int require(CsvTable t, String... names) {
    int i = optional(t, names);
    if (i < 0) {
      throw new MalformedRecordException(
          ReadRejection.MISSING_COLUMN,
          t.file(),
          t.headerLine(),
          null,
          "no column " + String.join(" or ", names) + " in header " + String.join(",", t.header()));
    }
    return i;
  }

  /** Whether the header has any of the names. */
  static boolean hasAny(CsvTable t, String... names) {
    for (String n : names) {
      if (t.has(n)) {
        return true;
      }
    }
    return false;
  }

  /** Names of a numbered variable, {@code n} formatted by each pattern ({@code "HMO_IND_%02d"}). */
  static String[] numbered(int n, String... patterns) {
    List<String> out = new ArrayList<>(patterns.length);
    for (String p : patterns) {
      out.add(String.format(Locale.ROOT, p, n));
    }
    return out.toArray(new String[0]);
  }
}
