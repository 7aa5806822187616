package org.mpindex.rbrvs;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.mpindex.core.spi.MalformedRecordException;
import org.mpindex.core.text.Csv;

/**
 * Work geographic practice cost indices by Medicare payment locality for one year, from a CMS GPCI
 * file ({@code GPCIyyyy.csv}, addendum E of the physician fee schedule final rule). Localities are
 * keyed {@code MAC/locality} (e.g. {@code 10112/00}) and also by locality number alone when that is
 * unambiguous.
 *
 * <p>Floors: CMS GPCI files print the work GPCI with the statutory 1.0 floor where it applied
 * (Medicare Modernization Act 2003, section 412, from 2004, extended by later acts; Alaska 1.5 from
 * 2009, MIPPA 2008 section 134) and, in some years, also without it. The reader keeps the value
 * without the floor when the file has both; {@link WorkGpci} applies the floor by policy.
 */
public final class GpciTable {
  private final int year;
  private final Map<String, BigDecimal> workByLocality;
  private final Map<String, String> stateByLocality;

  private GpciTable(int year, Map<String, BigDecimal> work, Map<String, String> state) {
    this.year = year;
    this.workByLocality = Map.copyOf(work);
    this.stateByLocality = Map.copyOf(state);
  }

  /**
   * A table from values.
   *
   * @param workByLocality work GPCI (without floor) by locality key
   * @param stateByLocality USPS state by locality key (for the Alaska floor)
   */
  public static GpciTable of(int year, Map<String, BigDecimal> workByLocality, Map<String, String> stateByLocality) {
    return new GpciTable(year, workByLocality, stateByLocality);
  }

  public int year() {
    return year;
  }

  /** The work GPCI of a locality as published (without floor where the file had both). */
  public Optional<BigDecimal> work(String locality) {
    return Optional.ofNullable(workByLocality.get(locality));
  }

  /** The state of a locality, when known. */
  public Optional<String> state(String locality) {
    return Optional.ofNullable(stateByLocality.get(locality));
  }

  /** Locality keys. */
  public java.util.Set<String> localities() {
    return workByLocality.keySet();
  }

  /**
   * Reads a CMS GPCI CSV: a header row naming the locality number and work GPCI columns ({@code
   * Locality Number}, {@code 2009 PW GPCI (without 1.0 floor)} or {@code (with 1.0 floor)} or
   * {@code Work GPCI}), optionally MAC/carrier and state; the preamble above it is skipped.
   *
   * @param year the fee schedule year the file belongs to
   * @throws MalformedRecordException naming file, line and column for a bad row or header
   */
  public static GpciTable read(Path file, int year) {
    try (Reader r = Files.newBufferedReader(file, RvuFileReader.CMS_CHARSET)) {
      return read(file.getFileName().toString(), r, year);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  public static GpciTable read(String fileName, Reader in, int year) {
    Map<String, BigDecimal> work = new HashMap<>();
    Map<String, String> states = new HashMap<>();
    Map<String, Integer> localityCount = new HashMap<>();
    Map<String, BigDecimal> byLocalityOnly = new HashMap<>();
    BufferedReader br = new BufferedReader(in);
    int mac = -1;
    int state = -1;
    int locality = -1;
    int workWithout = -1;
    int workAny = -1;
    long lineNo = 0;
    try {
      String line;
      boolean header = false;
      while ((line = br.readLine()) != null) {
        lineNo++;
        List<String> cells = Csv.split(line);
        if (!header) {
          for (int c = 0; c < cells.size(); c++) {
            String h = cells.get(c).toUpperCase(Locale.ROOT);
            if (h.contains("LOCALITY") && (h.contains("NUMBER") || h.strip().equals("LOCALITY"))) {
              locality = c;
            } else if (h.contains("MAC") || h.contains("CARRIER") || h.contains("CONTRACTOR")) {
              mac = c;
            } else if (h.strip().equals("STATE")) {
              state = c;
            } else if ((h.contains("PW GPCI") || h.contains("WORK GPCI")) && h.contains("WITHOUT")) {
              workWithout = c;
            } else if ((h.contains("PW GPCI") || h.contains("WORK GPCI")) && workAny < 0) {
              workAny = c;
            }
          }
          header = locality >= 0 && (workWithout >= 0 || workAny >= 0);
          if (!header) {
            mac = state = locality = workWithout = workAny = -1;
          }
          continue;
        }
        if (cells.size() <= locality || cells.get(locality).isBlank()) {
          continue; // blank or footnote line
        }
        int wc = workWithout >= 0 ? workWithout : workAny;
        if (cells.size() <= wc) {
          throw new MalformedRecordException("wrong column count", fileName, lineNo, null,
              "expected at least " + (wc + 1) + " columns, found " + cells.size());
        }
        String loc = cells.get(locality).strip();
        if (loc.length() == 1) {
          loc = "0" + loc;
        }
        BigDecimal value;
        try {
          value = new BigDecimal(cells.get(wc).strip());
        } catch (NumberFormatException e) {
          throw new MalformedRecordException("malformed number", fileName, lineNo, "work GPCI",
              "'" + cells.get(wc).strip() + "' is not a number");
        }
        String key = (mac >= 0 ? cells.get(mac).strip() : "") + "/" + loc;
        work.put(key, value);
        if (state >= 0) {
          states.put(key, cells.get(state).strip().toUpperCase(Locale.ROOT));
          states.putIfAbsent(loc, cells.get(state).strip().toUpperCase(Locale.ROOT));
        }
        localityCount.merge(loc, 1, Integer::sum);
        byLocalityOnly.put(loc, value);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + fileName + ": " + e.getMessage(), e);
    }
    if (locality < 0) {
      throw new MalformedRecordException("no header", fileName, lineNo, null,
          "no header row with a locality number and a work GPCI column");
    }
    byLocalityOnly.forEach((loc, v) -> {
      if (localityCount.get(loc) == 1) {
        work.putIfAbsent(loc, v);
      }
    });
    return new GpciTable(year, work, states);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GpciTable && year == ((GpciTable) o).year
        && workByLocality.equals(((GpciTable) o).workByLocality);
  }

  @Override
  public int hashCode() {
    return Objects.hash(year, workByLocality);
  }
}
