package org.mpindex.io.input;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.mpindex.core.index.IngestTally;
import org.mpindex.core.spi.MalformedRecordException;
import org.mpindex.core.spi.RecordKind;
import org.mpindex.core.text.CsvTable;

/**
 * What a set of files is, before a long run: which layout they make, which table each file is,
 * which of the columns the reader uses each file has, its rows and the range of its dates. Reads
 * every row of the files it reports on (no record is built), so it takes about as long as reading
 * them once.
 */
public final class InputInspection {
  private InputInspection() {}

  /**
   * One file's report.
   *
   * @param file the file
   * @param table the layout's table it is
   * @param missing columns the reader uses that the header lacks (ranges such as {@code
   *     HCPCS_CD_1..13} are not checked; of alternatives such as {@code RFRNC_YR|BENE_ENROLLMT_REF_YR}
   *     one will do)
   * @param rows data rows (lines after the header; a Parquet file's rows)
   * @param unreadableRows rows that did not split into cells (an unclosed quote, a line too long)
   * @param dates the earliest and latest date of each date column that holds one
   */
  public record FileReport(
      Path file,
      InputTable table,
      List<String> missing,
      long rows,
      long unreadableRows,
      Map<String, LocalDate[]> dates) {}

  /**
   * How well the files make one layout.
   *
   * @param format the layout
   * @param files the files it recognises, with their reports (empty unless {@link #detail})
   * @param notRead files that are none of its tables
   * @param missingTables required tables no file is (and "a claims file" when none is)
   */
  public record LayoutFit(
      InputFormat format, List<FileReport> files, List<Path> notRead, List<String> missingTables) {
    /** Whether every required table has a file. */
    public boolean complete() {
      return missingTables.isEmpty();
    }
  }

  /** Files and folders (one level deep) given as paths, hidden files left out, folders by name. */
  public static List<Path> expand(List<Path> paths) {
    List<Path> out = new ArrayList<>();
    for (Path p : paths) {
      if (Files.isDirectory(p)) {
        out.addAll(InputDetection.list(p));
      } else {
        out.add(p);
      }
    }
    return out;
  }

  /** How {@code files} fit each layout, the best first: complete ones, then by files recognised. */
  public static List<LayoutFit> fits(List<Path> files, List<InputFormat> formats) {
    Map<Path, Optional<List<String>>> headers = new LinkedHashMap<>();
    for (Path f : files) {
      headers.put(f, InputDetection.header(f));
    }
    List<LayoutFit> fits = new ArrayList<>();
    for (InputFormat format : formats) {
      Map<String, List<Path>> byTable = new LinkedHashMap<>();
      List<Path> notRead = new ArrayList<>();
      List<FileReport> reports = new ArrayList<>();
      for (Path f : files) {
        Optional<InputTable> t = format.recognise(f, headers.get(f).orElse(List.of()));
        if (t.isPresent()) {
          byTable.computeIfAbsent(t.get().name(), k -> new ArrayList<>()).add(f);
          reports.add(new FileReport(f, t.get(), List.of(), -1, 0, Map.of()));
        } else {
          notRead.add(f);
        }
      }
      List<String> missing = new ArrayList<>();
      try {
        InputDetection.requireTables(new InputFiles(format, byTable));
      } catch (InputLayoutException e) {
        missing.add(e.getMessage().substring(e.getMessage().indexOf("missing ") + 8));
      }
      fits.add(new LayoutFit(format, reports, notRead, missing));
    }
    fits.sort(
        java.util.Comparator.comparing((LayoutFit l) -> !l.complete())
            .thenComparing(l -> -l.files().size()));
    return fits;
  }

  /** The fit with every recognised file read: columns checked, rows counted, dates ranged. */
  public static LayoutFit detail(LayoutFit fit) {
    List<FileReport> out = new ArrayList<>();
    for (FileReport r : fit.files()) {
      out.add(report(r.file(), r.table()));
    }
    return new LayoutFit(fit.format(), out, fit.notRead(), fit.missingTables());
  }

  /** One file read as table {@code table}. */
  public static FileReport report(Path file, InputTable table) {
    try (CsvTable t = Tables.open(file, StandardCharsets.UTF_8)) {
      Set<String> have = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
      t.header().forEach(h -> have.add(h.strip()));
      List<String> missing = new ArrayList<>();
      for (String c : table.columns()) {
        // NAME_1..13 is a range (not checked), A|B names alternatives (either will do)
        if (!c.contains("..")
            && java.util.Arrays.stream(c.split("\\|", -1)).noneMatch(have::contains)) {
          missing.add(c);
        }
      }
      t.minimumColumns(0); // the reader decides what a short or long row is; here every row counts
      Map<String, Integer> dateIndex = new LinkedHashMap<>();
      for (String d : table.dateColumns()) {
        if (have.contains(d)) {
          dateIndex.put(d, t.optional(d));
        }
      }
      Map<String, LocalDate[]> dates = new LinkedHashMap<>();
      long[] rows = {0};
      IngestTally tally = new IngestTally();
      RecordKind kind = () -> "rows"; // counted here only, never shown
      t.forEachRow(
          kind,
          tally,
          false,
          row -> {
            rows[0]++;
            dateIndex.forEach(
                (name, col) -> {
                  if (col >= 0 && col < row.size()) {
                    CsvTable.parseDate(row.get(col).strip())
                        .ifPresent(
                            d ->
                                dates.merge(
                                    name,
                                    new LocalDate[] {d, d},
                                    (a, b) ->
                                        new LocalDate[] {
                                          a[0].isBefore(b[0]) ? a[0] : b[0],
                                          a[1].isAfter(b[1]) ? a[1] : b[1]
                                        }));
                  }
                });
          });
      long read =
          tally.snapshot().records().containsKey(kind.text())
              ? tally.snapshot().of(kind).read()
              : rows[0];
      return new FileReport(file, table, missing, read, read - rows[0], dates);
    } catch (MalformedRecordException e) {
      return new FileReport(
          file, table, List.of("(unreadable: " + e.getMessage() + ")"), 0, 0, Map.of());
    }
  }

  /** A date range as {@code 2008-01-01..2010-12-31}. */
  public static String range(LocalDate[] r) {
    return r[0] + ".." + r[1];
  }

  /** The layout's name, lower case, as {@code --format} takes it. */
  static String name(InputFormat f) {
    return f.name().toLowerCase(Locale.ROOT);
  }
}
