package org.mpindex.adg;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mpindex.core.index.IngestTally;
import org.mpindex.core.spi.MalformedRecordException;
import org.mpindex.core.spi.PrecomputedBurden;
import org.mpindex.core.text.CsvTable;
import org.mpindex.core.text.LineReader;
import org.mpindex.core.text.ReadRejection;
import org.mpindex.core.time.Quarter;

/**
 * Reads per-patient (and per-period) ADG flags exported from a licensed user's ACG system run, as
 * {@link PrecomputedBurden} records that bypass the grouper. Two CSV layouts, told apart by the
 * header (UTF-8, header row required, column names in any case):
 *
 * <p><b>Wide</b>: one row per patient and period, one column per ADG named {@code ADG1}..{@code
 * ADG34} or {@code ADG01}..{@code ADG34} (also {@code adg_1}); a value above 0 (flag or count) means
 * the ADG is present.
 *
 * <pre>
 * patient_id,period,ADG01,ADG02,...,ADG34
 * 00013D2EFD8E45D1,2009Q3,0,1,...,0
 * </pre>
 *
 * <p><b>Long</b>: one row per patient, period and present ADG, with an optional count.
 *
 * <pre>
 * patient_id,period,adg,count
 * 00013D2EFD8E45D1,2009Q3,2,1
 * </pre>
 *
 * {@code period} is a quarter ({@code 2009Q3}) or any ISO date inside the window ({@code
 * 2009-07-01}); it may be left out when the reader is given a default day. An annual ACG run read
 * {@link #byYear} applies each row to every window of its year, and its period may be the year itself
 * ({@code 2009}). Flags in the unused slots 15 and 19 are errors. Strict readers throw
 * {@link MalformedRecordException} naming file, line and column; lenient ones count under reasons in
 * the tally (kind {@link #ACG_ROWS}).
 */
public final class AcgOutputReader {
  /** Tally record kind. */
  public static final AdgRecordKind ACG_ROWS = AdgRecordKind.ACG_OUTPUT_ROWS;

  private static final Pattern ADG_COLUMN = Pattern.compile("ADG_?0*(\\d{1,2})");

  private final boolean strict;
  private final LocalDate defaultDay;
  private final boolean byYear;

  private AcgOutputReader(boolean strict, LocalDate defaultDay, boolean byYear) {
    this.strict = strict;
    this.defaultDay = defaultDay;
    this.byYear = byYear;
  }

  public static AcgOutputReader strict() {
    return new AcgOutputReader(true, null, false);
  }

  public static AcgOutputReader lenient() {
    return new AcgOutputReader(false, null, false);
  }

  /** Rows without a period describe the window containing {@code day} (the whole year of it, {@link #byYear}). */
  public AcgOutputReader defaultDay(LocalDate day) {
    return new AcgOutputReader(strict, day, byYear);
  }

  /**
   * An annual ACG run: each row's flags apply to every window of its calendar year (the period's, a
   * year like {@code 2009}, a quarter or a date inside it) instead of the one window of its period;
   * {@link PrecomputedBurden#spanning} 1 January .. 31 December. Without it a bare year is refused (it
   * names no window).
   */
  public AcgOutputReader byYear() {
    return new AcgOutputReader(strict, defaultDay, true);
  }

  /** Reads a file (plain or gzip'd), streaming its records into {@code sink}; returns the tally of rows. */
  public IngestTally read(Path file, Consumer<PrecomputedBurden> sink) {
    return read(LineReader.open(file, StandardCharsets.UTF_8), sink);
  }

  public IngestTally read(String fileName, Reader in, Consumer<PrecomputedBurden> sink) {
    return read(LineReader.of(fileName, in), sink);
  }

  private IngestTally read(LineReader lines, Consumer<PrecomputedBurden> sink) {
    return read(CsvTable.open(lines), sink);
  }

  /**
   * Reads a table whose rows arrive already split into cells ({@link CsvTable#of}: a Spark
   * partition's rows) as from a file: the same layouts, checks and counts.
   */
  public IngestTally read(CsvTable table, Consumer<PrecomputedBurden> sink) {
    IngestTally tally = new IngestTally();
    try (CsvTable t = table) {
      String fileName = t.file();
      List<String> header = t.header();
      int id = -1;
      int period = -1;
      int adg = -1;
      int[] adgColumn = new int[35];
      java.util.Arrays.fill(adgColumn, -1);
      boolean wide = false;
      for (int c = 0; c < header.size(); c++) {
        String h = header.get(c).strip().toUpperCase(Locale.ROOT);
        Matcher m = ADG_COLUMN.matcher(h);
        if (h.equals("PATIENT_ID") || h.equals("BENEFICIARY_ID") || h.equals("DESYNPUF_ID")) {
          id = c;
        } else if (h.equals("PERIOD")) {
          period = c;
        } else if (h.equals("ADG")) {
          adg = c;
        } else if (m.matches()) {
          int n = Integer.parseInt(m.group(1));
          if (n >= 1 && n <= 34) {
            adgColumn[n] = c;
            wide = true;
          }
        }
      }
      if (id < 0 || (!wide && adg < 0)) {
        throw new MalformedRecordException(
            ReadRejection.NO_HEADER,
            fileName,
            1,
            null,
            "header needs patient_id and either ADG1..ADG34 columns or an adg column, found "
                + header);
      }
      if (period < 0 && defaultDay == null) {
        throw new MalformedRecordException(
            ReadRejection.NO_HEADER,
            fileName,
            1,
            null,
            "no period column and no default day given (AcgOutputReader.defaultDay)");
      }
      int count = t.optional("count");
      int idColumn = id;
      int periodColumn = period;
      int adgCol = adg;
      boolean wideLayout = wide;
      t.forEachRow(
          ACG_ROWS,
          tally,
          strict,
          row -> {
            String patient = row.required(idColumn);
            LocalDate day = periodColumn < 0 ? defaultDay : day(row, periodColumn, byYear);
            long bits = 0;
            if (wideLayout) {
              for (int n = 1; n <= 34; n++) {
                if (adgColumn[n] >= 0 && number(row, adgColumn[n]) > 0) {
                  bits |= 1L << adg(row, adgColumn[n], n).bit();
                }
              }
            } else {
              int n = (int) number(row, adgCol);
              boolean present = count < 0 || number(row, count) > 0;
              if (present) {
                bits = 1L << adg(row, adgCol, n).bit();
              }
            }
            sink.accept(
                byYear
                    ? PrecomputedBurden.spanning(
                        patient, day.withDayOfYear(1), day.withMonth(12).withDayOfMonth(31), bits)
                    : new PrecomputedBurden(patient, day, bits));
          });
    }
    return tally;
  }

  /** Reads everything into a list. */
  public List<PrecomputedBurden> readAll(String fileName, Reader in) {
    List<PrecomputedBurden> out = new ArrayList<>();
    read(fileName, in, out::add);
    return out;
  }

  private static Adg adg(CsvTable.Row row, int column, int n) {
    try {
      return Adg.of(n);
    } catch (IllegalArgumentException e) {
      throw row.error(ReadRejection.BAD_ADG, column, e.getMessage());
    }
  }

  private static long number(CsvTable.Row row, int column) {
    String s = row.get(column);
    if (s.isEmpty()) {
      return 0;
    }
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      throw row.error(ReadRejection.MALFORMED_NUMBER, column, "'" + s + "' is not a whole number");
    }
  }

  private static LocalDate day(CsvTable.Row row, int column, boolean byYear) {
    String v = row.get(column);
    if (v.strip().matches("\\d{4}")) {
      if (!byYear) {
        throw row.error(
            ReadRejection.BAD_PERIOD,
            column,
            "'"
                + v
                + "' is a year, which names no window: read an annual ACG"
                + " run with AcgOutputReader.byYear() (mpi compute --acg-by-year) to apply it to every window of the year");
      }
      return LocalDate.of(Integer.parseInt(v.strip()), 1, 1);
    }
    Optional<LocalDate> d = Optional.empty();
    try {
      d = Optional.of(Quarter.parse(v).start());
    } catch (IllegalArgumentException notAQuarter) {
      try {
        d = Optional.of(LocalDate.parse(v));
      } catch (DateTimeParseException e) {
        // reported below
      }
    }
    return d.orElseThrow(
        () ->
            row.error(
                ReadRejection.BAD_PERIOD,
                column,
                "'"
                    + v
                    + "' is neither a quarter like 2009Q3 nor a date like 2009-07-01"
                    + (byYear ? " nor a year" : "")));
  }
}
