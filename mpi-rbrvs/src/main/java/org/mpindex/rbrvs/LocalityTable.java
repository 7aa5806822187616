package org.mpindex.rbrvs;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.mpindex.core.claims.UsState;
import org.mpindex.core.index.IngestTally;
import org.mpindex.core.spi.MalformedRecordException;
import org.mpindex.core.text.CsvTable;
import org.mpindex.core.text.LineReader;
import org.mpindex.core.text.ReadRejection;

/**
 * The CMS "counties included in localities" file ({@code yyLOCCO.csv}) of one year: which Medicare
 * payment locality (contractor and locality number, the keys of {@link GpciTable}) covers a state
 * and county. It lets a user without carrier and locality numbers on their claims map a patient's
 * state and county to a locality: {@link #locality(UsState, String)}.
 *
 * <p>Counties are given by name in the file ({@code LOS ANGELES}, {@code MARIN, NAPA, AND SOLANO});
 * a county is matched by name, upper case, without the words county, cnty and parish; a county not
 * named in its state falls to the state's {@code ALL OTHER COUNTIES} (rest of state) or {@code ALL
 * COUNTIES} (statewide) locality.
 */
public final class LocalityTable {

  /**
   * One locality.
   *
   * @param key {@code contractor/locality}, e.g. {@code 01182/18}
   * @param state the state it lies in
   * @param area the fee schedule area, as the file names it
   * @param counties the county names of the row, upper case; empty for statewide or rest-of-state rows
   * @param rest whether it covers all the state's counties not named elsewhere (statewide or rest of state)
   */
  public record Locality(
      String key, UsState state, String area, List<String> counties, boolean rest) {
    public Locality {
      Objects.requireNonNull(key, "key");
      counties = List.copyOf(counties);
    }
  }

  private final int year;
  private final List<Locality> localities;

  private LocalityTable(int year, List<Locality> localities) {
    this.year = year;
    this.localities = List.copyOf(localities);
  }

  public int year() {
    return year;
  }

  public List<Locality> localities() {
    return localities;
  }

  /**
   * The locality of a county of {@code state}: the row naming the county, else the state's rest-of-
   * state or statewide row; empty when the state has neither (a county named nowhere in a state
   * without such a row).
   *
   * @param countyName the county's name, any case, with or without "County"; null or blank for
   *     "unknown county", which resolves only in a state with a single locality
   */
  public Optional<Locality> locality(UsState state, String countyName) {
    List<Locality> inState = new ArrayList<>();
    for (Locality l : localities) {
      if (l.state() == state) {
        inState.add(l);
      }
    }
    if (countyName == null || countyName.isBlank()) {
      return inState.stream().map(Locality::key).distinct().count() == 1
          ? Optional.of(inState.get(0))
          : Optional.empty();
    }
    String name = countyName(countyName);
    for (Locality l : inState) {
      if (l.counties().contains(name)) {
        return Optional.of(l);
      }
    }
    return inState.stream().filter(Locality::rest).findFirst();
  }

  /** Upper case, without "county", "cnty", "parish" and punctuation. */
  static String countyName(String s) {
    String n =
        s.toUpperCase(Locale.ROOT)
            .replaceAll("[^A-Z ]", " ")
            .replaceAll("\\b(COUNTY|COUNTIES|CNTY|PARISH)\\b", " ")
            .replaceAll("\\s+", " ")
            .strip();
    return n.startsWith("CITY OF ") ? n.substring(8) : n;
  }

  /**
   * Reads a LOCCO CSV: the header row names the locality number column; a row with a contractor
   * and locality number is a locality, its state the last state named above when its own state cell
   * is blank; contractor and locality numbers are padded back to 5 and 2 digits.
   */
  public static LocalityTable read(String fileName, Reader in, int year) {
    // not closed here: the reader is the caller's
    CsvTable t =
        CsvTable.open(
            LineReader.of(fileName, in),
            (cells, above) ->
                GpciTable.normalise(String.join(",", cells)).contains("LOCALITY NUMBER")
                    ? Optional.of(cells)
                    : Optional.empty(),
            "no header row with a Locality Number column: is this a CMS LOCCO file?");
    List<Locality> out = new ArrayList<>();
    UsState[] state = {null};
    // a locality row has a contractor and a locality number and all five cells; blank separators,
    // titles and footnotes are not rows
    t.minimumColumns(0)
        .nonData(row -> row.size() < 5 || !digits(row.get(0)) || !digits(row.get(1)));
    // a table is all or nothing: the first bad row stops the read
    t.forEachRow(
        RvuRecordKind.LOCALITY_ROWS,
        new IngestTally(),
        true,
        row -> {
          String st = row.get(2);
          if (!st.isEmpty()) {
            state[0] = stateOf(st);
            if (state[0] == null) {
              throw new MalformedRecordException(
                  ReadRejection.BAD_STATE,
                  fileName,
                  row.line(),
                  "State",
                  "'" + st + "' is not a state name");
            }
          }
          if (state[0] == null) {
            throw new MalformedRecordException(
                ReadRejection.BAD_STATE,
                fileName,
                row.line(),
                "State",
                "no state named on or above this row");
          }
          String counties = row.get(4).toUpperCase(Locale.ROOT);
          boolean rest =
              counties.startsWith("ALL COUNTIES")
                  || counties.startsWith("ALL OTHER")
                  || counties.startsWith("ALL REMAINING")
                  || row.get(3).toUpperCase(Locale.ROOT).contains("REST OF");
          List<String> names = new ArrayList<>();
          if (!rest) {
            for (String n : counties.split(",|/| AND ", -1)) {
              String name = countyName(n);
              if (!name.isEmpty()) {
                names.add(name);
              }
            }
          }
          out.add(
              new Locality(
                  pad(row.get(0), 5) + "/" + pad(row.get(1), 2),
                  state[0],
                  row.get(3),
                  names,
                  rest));
        });
    return new LocalityTable(year, out);
  }

  /** The bundled LOCCO file of {@code year} (2009, 2011-2025). */
  public static LocalityTable bundled(int year) {
    InputStream in = BundledRvu.resource("locco/locco-" + year + ".csv");
    if (in == null) {
      throw new IllegalArgumentException(
          "no bundled locality file for "
              + year
              + " (bundled: "
              + BundledRvu.describeYears()
              + ")");
    }
    try (Reader r = new InputStreamReader(in, RvuFileReader.CMS_CHARSET)) {
      return read("locco-" + year + ".csv", r, year);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code ALABAMA}, {@code HAWAII/GUAM} (the first), {@code VIRGIN ISLANDS}; null when none. */
  static UsState stateOf(String cell) {
    for (String part : cell.replace("*", "").split("/", -1)) {
      String p = part.strip();
      if (p.toUpperCase(Locale.ROOT).startsWith("VIRGIN ISLANDS")) {
        return UsState.VI;
      }
      try {
        return UsState.parse(p);
      } catch (RuntimeException notThis) {
        // try the next part
      }
    }
    return null;
  }

  private static boolean digits(String s) {
    return !s.isEmpty() && s.chars().allMatch(ch -> ch >= '0' && ch <= '9');
  }

  private static String pad(String s, int width) {
    return s.length() >= width ? s : "0".repeat(width - s.length()) + s;
  }
}
