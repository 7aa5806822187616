package org.mpindex.adg;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
import org.mpindex.core.text.Csv;
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
 * 2009-07-01}); it may be left out when the reader is given a default day (an annual ACG run whose
 * flags describe one window). Flags in the unused slots 15 and 19 are errors. Strict readers throw
 * {@link MalformedRecordException} naming file, line and column; lenient ones count under reasons in
 * the tally (kind {@value #ACG_ROWS}).
 */
public final class AcgOutputReader {
  /** Tally record kind. */
  public static final String ACG_ROWS = "ACG output rows";

  private static final Pattern ADG_COLUMN = Pattern.compile("ADG_?0*(\\d{1,2})");

  private final boolean strict;
  private final LocalDate defaultDay;

  private AcgOutputReader(boolean strict, LocalDate defaultDay) {
    this.strict = strict;
    this.defaultDay = defaultDay;
  }

  public static AcgOutputReader strict() {
    return new AcgOutputReader(true, null);
  }

  public static AcgOutputReader lenient() {
    return new AcgOutputReader(false, null);
  }

  /** Rows without a period describe the window containing {@code day}. */
  public AcgOutputReader defaultDay(LocalDate day) {
    return new AcgOutputReader(strict, day);
  }

  /** Reads a file, streaming its records into {@code sink}; returns the tally of rows. */
  public IngestTally read(Path file, Consumer<PrecomputedBurden> sink) {
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return read(file.getFileName().toString(), r, sink);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  public IngestTally read(String fileName, Reader in, Consumer<PrecomputedBurden> sink) {
    IngestTally tally = new IngestTally();
    BufferedReader br = new BufferedReader(in);
    try {
      String headerLine = br.readLine();
      if (headerLine == null) {
        throw new MalformedRecordException("no header", fileName, 1, null, "empty file");
      }
      List<String> header = Csv.split(headerLine.replace("\uFEFF", ""));
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
        throw new MalformedRecordException("no header", fileName, 1, null,
            "header needs patient_id and either ADG1..ADG34 columns or an adg column, found " + header);
      }
      if (period < 0 && defaultDay == null) {
        throw new MalformedRecordException("no header", fileName, 1, null,
            "no period column and no default day given (AcgOutputReader.defaultDay)");
      }
      int count = header.stream().map(h -> h.strip().toUpperCase(Locale.ROOT)).toList().indexOf("COUNT");
      String line;
      long lineNo = 1;
      while ((line = br.readLine()) != null) {
        lineNo++;
        if (line.isBlank()) {
          continue;
        }
        tally.read(ACG_ROWS);
        try {
          List<String> cells = Csv.split(line);
          if (cells.size() < header.size()) {
            throw new MalformedRecordException("wrong column count", fileName, lineNo, null,
                "expected " + header.size() + " columns, found " + cells.size());
          }
          String patient = cells.get(id).strip();
          if (patient.isEmpty()) {
            throw new MalformedRecordException("missing patient", fileName, lineNo, header.get(id), "empty patient id");
          }
          LocalDate day = period < 0 ? defaultDay : day(fileName, lineNo, header.get(period), cells.get(period).strip());
          long bits = 0;
          if (wide) {
            for (int n = 1; n <= 34; n++) {
              if (adgColumn[n] >= 0 && number(fileName, lineNo, header.get(adgColumn[n]), cells.get(adgColumn[n])) > 0) {
                bits |= 1L << adg(fileName, lineNo, header.get(adgColumn[n]), n).bit();
              }
            }
          } else {
            int n = (int) number(fileName, lineNo, header.get(adg), cells.get(adg));
            boolean present = count < 0 || number(fileName, lineNo, header.get(count), cells.get(count)) > 0;
            if (present) {
              bits = 1L << adg(fileName, lineNo, header.get(adg), n).bit();
            }
          }
          sink.accept(new PrecomputedBurden(patient, day, bits));
          tally.accept(ACG_ROWS, 1);
        } catch (MalformedRecordException e) {
          if (strict) {
            throw e;
          }
          tally.reject(ACG_ROWS, e.reason(), 1);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + fileName + ": " + e.getMessage(), e);
    }
    return tally;
  }

  /** Reads everything into a list. */
  public List<PrecomputedBurden> readAll(String fileName, Reader in) {
    List<PrecomputedBurden> out = new ArrayList<>();
    read(fileName, in, out::add);
    return out;
  }

  private static Adg adg(String file, long line, String column, int n) {
    try {
      return Adg.of(n);
    } catch (IllegalArgumentException e) {
      throw new MalformedRecordException("bad ADG", file, line, column, e.getMessage());
    }
  }

  private static long number(String file, long line, String column, String v) {
    String s = v.strip();
    if (s.isEmpty()) {
      return 0;
    }
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      throw new MalformedRecordException("malformed number", file, line, column, "'" + s + "' is not a whole number");
    }
  }

  private static LocalDate day(String file, long line, String column, String v) {
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
    return d.orElseThrow(() -> new MalformedRecordException("bad period", file, line, column,
        "'" + v + "' is neither a quarter like 2009Q3 nor a date like 2009-07-01"));
  }
}
