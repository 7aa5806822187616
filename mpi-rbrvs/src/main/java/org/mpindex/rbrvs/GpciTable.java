package org.mpindex.rbrvs;

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
import org.mpindex.core.index.IngestTally;
import org.mpindex.core.spi.MalformedRecordException;
import org.mpindex.core.text.CsvTable;
import org.mpindex.core.text.LineReader;
import org.mpindex.core.text.ReadRejection;

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
  public static GpciTable of(
      int year, Map<String, BigDecimal> workByLocality, Map<String, String> stateByLocality) {
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

  /**
   * Reads a CMS GPCI CSV of any year from 2009: the header row is the one naming a locality column;
   * a second header row just below it with an empty first cell (2017-2019: {@code PW GPCI} under
   * the year) is joined to it. The work column is the one whose name says work or PW and GPCI (2014:
   * {@code Work RVU}), the value without the 1.0 floor where the file has both. Data rows are those
   * whose contractor and locality cells are numbers; contractor and locality numbers whose leading
   * zeros a spreadsheet dropped are padded back (5 and 2 digits). The state comes from a State
   * column, else from the locality name ({@code Alaska**}). Title and footnote lines are skipped.
   *
   * @throws MalformedRecordException naming file, line and column for a bad row or header
   */
  public static GpciTable read(String fileName, Reader in, int year) {
    Map<String, BigDecimal> work = new HashMap<>();
    Map<String, String> states = new HashMap<>();
    Map<String, Integer> localityCount = new HashMap<>();
    Map<String, BigDecimal> byLocalityOnly = new HashMap<>();
    CsvTable.HeaderRule rule =
        new CsvTable.HeaderRule() {
          @Override
          public Optional<List<String>> header(List<String> cells, List<List<String>> above) {
            List<String> names = cells.stream().map(GpciTable::normalise).toList();
            return names.stream()
                    .anyMatch(h -> h.equals("LOCALITY") || h.startsWith("LOCALITY NUMBER"))
                ? Optional.of(names)
                : Optional.empty();
          }

          @Override
          public Optional<List<String>> continuation(List<String> header, List<String> next) {
            if (next.isEmpty()
                || !next.get(0).isBlank()
                || !normalise(String.join(",", next)).contains("GPCI")) {
              return Optional.empty();
            }
            return Optional.of(
                CsvTable.HeaderRule.stacked(List.of(header, next), header.size()).stream()
                    .map(GpciTable::normalise)
                    .toList());
          }
        };
    // not closed here: the reader is the caller's
    CsvTable t =
        CsvTable.open(
            LineReader.of(fileName, in),
            rule,
            "no header row with a locality column: is this a CMS GPCI file?");
    List<String> names = t.header();
    int mac = -1;
    int state = -1;
    int locality = -1;
    int name = -1;
    int workWithout = -1;
    int workAny = -1;
    for (int c = 0; c < names.size(); c++) {
      String h = names.get(c);
      if (h.startsWith("LOCALITY NUMBER") || h.equals("LOCALITY")) {
        locality = c;
      } else if (mac < 0
          && (h.contains("MAC")
              || h.contains("CARRIER")
              || h.contains("CONTRACTOR")
              || h.contains("ADMINISTRATIVE"))) {
        mac = c;
      } else if (h.equals("STATE")) {
        state = c;
      } else if (h.contains("NAME") || h.contains("STATE COUNTY")) {
        name = c;
      } else if ((h.contains("WORK") || h.contains("PW"))
          && (h.contains("GPCI") || h.contains("RVU"))) {
        if (h.contains("WITHOUT")) {
          workWithout = c;
        } else if (workAny < 0) {
          workAny = c;
        }
      }
    }
    int wc = workWithout >= 0 ? workWithout : workAny;
    if (wc < 0) {
      throw new MalformedRecordException(
          ReadRejection.NO_HEADER,
          fileName,
          t.headerLine(),
          null,
          "no work GPCI column in header " + String.join("|", names));
    }
    int localityColumn = locality;
    int macColumn = mac;
    int stateColumn = state;
    int nameColumn = name;
    // data rows: a number in the contractor and locality cells; blank, title and footnote lines not
    t.minimumColumns(wc + 1)
        .nonData(
            row ->
                !digits(row.get(localityColumn))
                    || (macColumn >= 0 && !digits(row.get(macColumn))));
    // a table is all or nothing: the first bad row stops the read
    t.forEachRow(
        RvuRecordKind.GPCI_ROWS,
        new IngestTally(),
        true,
        row -> {
          String loc = pad(row.get(localityColumn), 2);
          String contractor = macColumn >= 0 ? row.get(macColumn) : "";
          BigDecimal value;
          try {
            value = new BigDecimal(row.get(wc));
          } catch (NumberFormatException e) {
            throw new MalformedRecordException(
                ReadRejection.MALFORMED_NUMBER,
                fileName,
                row.line(),
                "work GPCI",
                "'" + row.get(wc) + "' is not a number");
          }
          String key = (macColumn >= 0 ? pad(contractor, 5) : "") + "/" + loc;
          work.put(key, value);
          String st =
              stateColumn >= 0
                  ? row.get(stateColumn).toUpperCase(Locale.ROOT)
                  : stateOfName(nameColumn >= 0 ? row.get(nameColumn) : "");
          if (!st.isEmpty()) {
            states.put(key, st);
            states.putIfAbsent(loc, st);
          }
          localityCount.merge(loc, 1, Integer::sum);
          byLocalityOnly.put(loc, value);
        });
    byLocalityOnly.forEach(
        (loc, v) -> {
          if (localityCount.get(loc) == 1) {
            work.putIfAbsent(loc, v);
          }
        });
    return new GpciTable(year, work, states);
  }

  /** The bundled GPCI file of {@code year} (2009, 2011-2025; 2017's is the proposed one CMS shipped). */
  public static GpciTable bundled(int year) {
    java.io.InputStream in = BundledRvu.resource("gpci/gpci-" + year + ".csv");
    if (in == null) {
      throw new IllegalArgumentException(
          "no bundled GPCI file for " + year + " (bundled: " + BundledRvu.describeYears() + ")");
    }
    try (Reader r = new java.io.InputStreamReader(in, RvuFileReader.CMS_CHARSET)) {
      return read("gpci-" + year + ".csv", r, year);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String normalise(String h) {
    return h.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]+", " ").strip();
  }

  private static boolean digits(String s) {
    return !s.isEmpty() && s.chars().allMatch(c -> c >= '0' && c <= '9');
  }

  private static String pad(String s, int width) {
    return s.length() >= width ? s : "0".repeat(width - s.length()) + s;
  }

  /** The USPS code of a locality named after its state ({@code Alaska**}); "" otherwise. */
  private static String stateOfName(String name) {
    String n = name.replace("*", "").strip();
    try {
      return org.mpindex.core.claims.UsState.parse(n).usps();
    } catch (RuntimeException notAState) {
      return "";
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GpciTable gpciTable
        && year == gpciTable.year
        && workByLocality.equals(gpciTable.workByLocality);
  }

  @Override
  public int hashCode() {
    return Objects.hash(year, workByLocality);
  }
}
