package org.mpindex.rbrvs;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;

/**
 * The CMS relative value files bundled with the library (artifact {@code mpi-rbrvs-data}): the
 * January ("A") release of the national Physician Fee Schedule relative value file for 2009 and
 * 2011-2025, as CMS published them in {@code RVUyyA.zip}, with the CPT descriptor column removed
 * (AMA copyright). 2007, 2008 and 2010 are not bundled: no copy of those files could be found; give
 * them yourself ({@link RvuSchedule#load}). Later releases of a year (B, C, D) are not bundled
 * either: the January release is in force for the whole year.
 *
 * <p>Each release is read on its first use and kept (immutable), so a schedule over every bundled
 * year costs only the years a computation prices; {@link #readAll()} reads them all at once, in
 * parallel (timed by {@code RvuLoadBenchmark}). Rows are checked against the row counts of the
 * index file {@code org/mpindex/rbrvs/data/releases.tsv}.
 */
public final class BundledRvu {
  private BundledRvu() {}

  static final String DIR = "/org/mpindex/rbrvs/data/";

  /**
   * One bundled release as listed in the index file.
   *
   * @param year the calendar year it prices
   * @param release the CMS release name, e.g. {@code RVU09A}
   * @param resource the resource file name, e.g. {@code pprrvu-2009.csv.gz}
   * @param rows data rows in the file
   * @param cmsMember the member of the CMS zip it was made from
   */
  public record Entry(int year, String release, String resource, int rows, String cmsMember) {}

  private static final class Index {
    static final NavigableMap<Integer, Entry> ENTRIES = readIndex();
  }

  private static final Map<Integer, RvuRelease> LOADED =
      new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * A bundled file of the data artifact, or null. On the class path the class's own lookup finds it;
   * on the module path the data jar is another (automatic, so open) module, which the class loader's
   * lookup reaches and the class's does not.
   */
  static InputStream resource(String name) {
    InputStream in = BundledRvu.class.getResourceAsStream(DIR + name);
    if (in == null && BundledRvu.class.getClassLoader() != null) {
      in = BundledRvu.class.getClassLoader().getResourceAsStream(DIR.substring(1) + name);
    }
    return in;
  }

  private static NavigableMap<Integer, Entry> readIndex() {
    InputStream in = resource("releases.tsv");
    if (in == null) {
      throw new IllegalStateException(
          "the bundled CMS relative value files are not on the class path: add the"
              + " artifact org.mpindex:mpi-rbrvs-data, or give RVU files (RvuSchedule.load)");
    }
    TreeMap<Integer, Entry> m = new TreeMap<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        if (line.startsWith("#") || line.startsWith("year\t") || line.isBlank()) {
          continue;
        }
        String[] f = line.split("\t", -1);
        int year = Integer.parseInt(f[0]);
        m.put(year, new Entry(year, f[1], f[2], Integer.parseInt(f[3]), f[5]));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the bundled release index: " + e.getMessage(), e);
    }
    return Collections.unmodifiableNavigableMap(m);
  }

  /** The bundled years, ascending: 2009, 2011, 2012, ..., 2025. */
  public static List<Integer> years() {
    return List.copyOf(Index.ENTRIES.keySet());
  }

  /** What the index file says of each bundled year. */
  public static NavigableMap<Integer, Entry> entries() {
    return Index.ENTRIES;
  }

  /** Whether {@code year} is bundled. */
  public static boolean has(int year) {
    return Index.ENTRIES.containsKey(year);
  }

  /**
   * The bundled January release of {@code year}, in force from 1 January.
   *
   * @throws IllegalArgumentException when the year is not bundled, naming the bundled years
   */
  public static RvuRelease release(int year) {
    Entry e = Index.ENTRIES.get(year);
    if (e == null) {
      throw new IllegalArgumentException(
          "no bundled RVU release for "
              + year
              + " (bundled: "
              + describeYears()
              + "); give the CMS file PPRRVU"
              + String.format("%02d", year % 100)
              + " yourself");
    }
    return LOADED.computeIfAbsent(
        year, y -> RvuRelease.lazy(e.release(), LocalDate.of(y, 1, 1), () -> records(e)));
  }

  /** The binary form's resource name of a bundled release ({@code pprrvu-2009.bin.gz}). */
  static String binaryName(Entry e) {
    return e.resource().replace(".csv.gz", ".bin.gz");
  }

  /**
   * The records of a bundled release: from its binary form when the data jar has it (several times
   * faster in a fresh JVM; checked equal to the CSV by the tests), else from the CSV.
   */
  static List<RvuRecord> records(Entry e) {
    InputStream bin = resource(binaryName(e));
    if (bin == null) {
      return readCsv(e).release().records();
    }
    try (InputStream in = new GZIPInputStream(bin, 1 << 16)) {
      List<RvuRecord> records = RvuBinary.read(in.readAllBytes());
      if (records.size() > e.rows()) {
        throw new IllegalStateException(
            "bundled "
                + binaryName(e)
                + " has "
                + records.size()
                + " records, more than the "
                + e.rows()
                + " rows of the CSV");
      }
      return records;
    } catch (IOException ex) {
      throw new UncheckedIOException(
          "cannot read bundled " + binaryName(e) + ": " + ex.getMessage(), ex);
    }
  }

  /**
   * Reads a bundled release afresh, bypassing the cache, from its binary form ({@code binary}) or
   * its CSV: for benchmarks and checks.
   */
  public static RvuRelease readFresh(int year, boolean binary) {
    Entry e = Index.ENTRIES.get(year);
    if (e == null) {
      throw new IllegalArgumentException("no bundled RVU release for " + year);
    }
    return new RvuRelease(
        e.release(),
        LocalDate.of(year, 1, 1),
        binary ? records(e) : readCsv(e).release().records());
  }

  /** Reads a bundled CSV with its full accounting (for checks and tests). */
  public static RvuFileReader.Result read(Entry e) {
    return readCsv(e);
  }

  static RvuFileReader.Result readCsv(Entry e) {
    InputStream raw = resource(e.resource());
    if (raw == null) {
      throw new IllegalStateException(
          "bundled RVU file " + e.resource() + " is missing from mpi-rbrvs-data");
    }
    try (BufferedReader r =
        new BufferedReader(
            new InputStreamReader(new GZIPInputStream(raw, 1 << 16), StandardCharsets.US_ASCII),
            1 << 16)) {
      RvuFileReader.Result result =
          RvuFileReader.strict()
              .release(e.release(), LocalDate.of(e.year(), 1, 1))
              .read(e.resource().replace(".gz", ""), r);
      long read = result.tally().snapshot().of(RvuFileReader.RVU_ROWS).read();
      if (read != e.rows()) {
        throw new IllegalStateException(
            "bundled " + e.resource() + " has " + read + " rows, the index says " + e.rows());
      }
      return result;
    } catch (IOException ex) {
      throw new UncheckedIOException(
          "cannot read bundled " + e.resource() + ": " + ex.getMessage(), ex);
    }
  }

  /**
   * Every bundled release, each read on its first use (a schedule over all of them reads only the
   * years it prices).
   */
  public static List<RvuRelease> all() {
    List<RvuRelease> out = new ArrayList<>();
    Index.ENTRIES.keySet().forEach(y -> out.add(release(y)));
    return out;
  }

  /** Every bundled release, read now, in parallel (for callers that want the cost up front). */
  public static List<RvuRelease> readAll() {
    List<RvuRelease> out = all();
    out.parallelStream().forEach(RvuRelease::size);
    return out;
  }

  /** {@code 2009, 2011-2025}. */
  public static String describeYears() {
    StringBuilder b = new StringBuilder();
    Integer runStart = null;
    Integer prev = null;
    for (int y : Index.ENTRIES.keySet()) {
      if (prev != null && y == prev + 1) {
        prev = y;
        continue;
      }
      if (runStart != null) {
        b.append(b.length() == 0 ? "" : ", ")
            .append(runStart.equals(prev) ? "" + runStart : runStart + "-" + prev);
      }
      runStart = y;
      prev = y;
    }
    if (runStart != null) {
      b.append(b.length() == 0 ? "" : ", ")
          .append(runStart.equals(prev) ? "" + runStart : runStart + "-" + prev);
    }
    return b.toString();
  }
}
