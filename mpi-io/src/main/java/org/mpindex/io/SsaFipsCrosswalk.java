package org.mpindex.io;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.mpindex.core.index.IngestTally;
import org.mpindex.core.spi.MalformedRecordException;
import org.mpindex.core.text.CsvTable;
import org.mpindex.core.text.LineReader;
import org.mpindex.core.text.ReadRejection;

/**
 * A crosswalk from 5-digit SSA state-and-county codes (what DE-SynPUF's {@code SP_STATE_CODE} and
 * {@code BENE_COUNTY_CD} give) to 5-digit FIPS county codes, so that county groups can be joined with
 * other county data (issue #14, point 7).
 *
 * <p>The file is the public crosswalk CMS publishes with its wage-index files and the NBER
 * republishes as {@code ssa_fips_state_county<YEAR>.csv} ("SSA to FIPS State and County
 * Crosswalk", data.nber.org/data/ssa-fips-state-county-crosswalk.html): a CSV with a header naming
 * an SSA column ({@code ssacounty}, {@code ssa_code}, {@code ssacd} or {@code ssa5}) and a FIPS column
 * ({@code fipscounty}, {@code fips_code}, {@code fips5} or {@code fips}); other columns (county name,
 * state, CBSA) are ignored. Codes are zero-padded to 5 digits. A row without either code is skipped
 * and counted; an SSA code given two different FIPS codes is an error naming both lines.
 *
 * <p>{@link #bundled()} is the 2017 file, shipped in this jar: 3,272 SSA county codes of the 50
 * states, DC and Puerto Rico. Source: CMS, FY 2017 IPPS final rule, county-to-CBSA crosswalk
 * (public domain), as republished by the NBER in {@code ssa_fips_state_county2017.csv}; the copy was
 * taken from a public repository that holds the NBER file unchanged and cut to the columns {@code
 * ssacounty, fipscounty, state, county} (the CBSA columns are left out). Every row's SSA state (by
 * {@link SsaStates}) and FIPS state (by {@code UsState}) agree with its {@code state} column, checked
 * by a test. Each state's pseudo-county {@code xx999} ("statewide", SSA's code for a county not
 * known) maps to the file's {@code xx990}, which is not a census county. Counties retired before
 * 2017 (DE-SynPUF describes 2008-2010: e.g. Bedford city, VA, merged into Bedford County in 2013, and
 * Alaska's Wrangell-Petersburg, split in 2008) and the territories other than Puerto Rico are not in
 * it: their codes keep the SSA key and are counted. For an exact match to another year, read that
 * year's file with {@link #read(Path)}.
 */
public final class SsaFipsCrosswalk {
  /** Tally record kind of the crosswalk's rows. */
  public static final InputRecordKind ROWS = InputRecordKind.SSA_FIPS_CROSSWALK_ROWS;

  /** Class-path name of the bundled 2017 crosswalk (see {@link #bundled()}). */
  public static final String BUNDLED_RESOURCE = "org/mpindex/io/ssa_fips_state_county2017.csv";

  private final Map<String, String> fipsBySsa;
  private final String source;

  private SsaFipsCrosswalk(Map<String, String> fipsBySsa, String source) {
    this.fipsBySsa = Map.copyOf(fipsBySsa);
    this.source = source;
  }

  /**
   * Reads a crosswalk file (plain or gzip'd).
   *
   * @throws MalformedRecordException naming file, line and column for a bad code, a missing column or
   *     a conflicting row
   */
  public static SsaFipsCrosswalk read(Path file) {
    return read(CsvTable.open(LineReader.open(file, StandardCharsets.UTF_8)));
  }

  /** Reads a crosswalk from a table (see {@link #read(Path)}). */
  public static SsaFipsCrosswalk read(CsvTable table) {
    Map<String, String> map = new HashMap<>();
    Map<String, Long> lineOf = new HashMap<>();
    IngestTally tally = new IngestTally();
    String name;
    try (CsvTable t = table) {
      name = t.file();
      int ssa = column(t, "ssacounty", "ssa_code", "ssacd", "ssa5");
      int fips = column(t, "fipscounty", "fips_code", "fips5", "fips");
      t.forEachRow(
          ROWS,
          tally,
          true,
          row -> {
            String s = row.get(ssa);
            String f = row.get(fips);
            if (s.isEmpty() || f.isEmpty()) {
              return;
            }
            String ssaCode = code(row, ssa, s);
            String fipsCode = code(row, fips, f);
            String before = map.putIfAbsent(ssaCode, fipsCode);
            if (before != null && !before.equals(fipsCode)) {
              throw row.error(
                  ReadRejection.CONFLICTING_CROSSWALK_ROW,
                  fips,
                  "SSA "
                      + ssaCode
                      + " maps to FIPS "
                      + fipsCode
                      + " here and to "
                      + before
                      + " on line "
                      + lineOf.get(ssaCode));
            }
            lineOf.putIfAbsent(ssaCode, row.line());
          });
    }
    return new SsaFipsCrosswalk(map, name + " (" + map.size() + " SSA county codes)");
  }

  /**
   * The 2017 crosswalk shipped in this jar (source and limits in the class comment), read once.
   *
   * @throws IllegalStateException if the jar lacks it (a broken build)
   */
  public static SsaFipsCrosswalk bundled() {
    return Bundled.CROSSWALK;
  }

  private static final class Bundled {
    static final SsaFipsCrosswalk CROSSWALK = load();

    private static SsaFipsCrosswalk load() {
      java.io.InputStream in = SsaFipsCrosswalk.class.getResourceAsStream("/" + BUNDLED_RESOURCE);
      if (in == null) {
        throw new IllegalStateException("the jar lacks " + BUNDLED_RESOURCE);
      }
      SsaFipsCrosswalk read =
          read(
              CsvTable.open(
                  LineReader.of("ssa_fips_state_county2017.csv", in, StandardCharsets.UTF_8)));
      return new SsaFipsCrosswalk(
          read.fipsBySsa,
          "the bundled CMS/NBER SSA-to-FIPS crosswalk of 2017 ("
              + read.size()
              + " SSA county codes)");
    }
  }

  /** A crosswalk from pairs (for tests and other sources): SSA code to FIPS code, 5 digits each. */
  public static SsaFipsCrosswalk of(Map<String, String> fipsBySsa) {
    fipsBySsa.forEach(
        (s, f) -> {
          if (!s.matches("\\d{5}") || !f.matches("\\d{5}")) {
            throw new IllegalArgumentException(
                "crosswalk pair " + s + " -> " + f + " is not two 5-digit codes");
          }
        });
    return new SsaFipsCrosswalk(fipsBySsa, fipsBySsa.size() + " SSA county codes");
  }

  private static int column(CsvTable t, String... names) {
    for (String n : names) {
      for (int c = 0; c < t.header().size(); c++) {
        if (t.header().get(c).strip().toLowerCase(Locale.ROOT).equals(n)) {
          return c;
        }
      }
    }
    throw new MalformedRecordException(
        ReadRejection.NO_HEADER,
        t.file(),
        1,
        null,
        "the crosswalk header needs one of " + String.join(", ", names) + ", found " + t.header());
  }

  private static String code(CsvTable.Row row, int column, String v) {
    String s = v.strip();
    if (s.isEmpty() || s.length() > 5 || !s.chars().allMatch(Character::isDigit)) {
      throw row.error(
          ReadRejection.BAD_CODE, column, "'" + v + "' is not a county code of up to 5 digits");
    }
    return "0".repeat(5 - s.length()) + s;
  }

  /** The FIPS county code of an SSA state-and-county code; empty when the crosswalk has none. */
  public Optional<String> fips(String ssaCounty) {
    return Optional.ofNullable(fipsBySsa.get(ssaCounty));
  }

  /** Number of SSA codes mapped. */
  public int size() {
    return fipsBySsa.size();
  }

  /** Where it came from, for reports. */
  public String source() {
    return source;
  }
}
