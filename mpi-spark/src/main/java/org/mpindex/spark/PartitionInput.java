package org.mpindex.spark;

import java.io.Serializable;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.mpindex.core.text.CsvTable;
import org.mpindex.io.input.InputFiles;
import org.mpindex.io.input.InputFormat;
import org.mpindex.io.input.TableSource;

/**
 * One partition's rows as the tables of a layout: every (dataset, source file) of the job becomes a
 * virtual file named {@code "<file> (partition p)"} holding the partition's rows of it (possibly
 * none), and every table not keyed by beneficiary a virtual file {@code "<file> (every partition)"}
 * holding all its rows; the layout's own readers open them through a {@link TableSource}. The
 * partition's rows are held in memory as text while it is read (a layout reads its tables in its
 * own order, and some twice).
 */
final class PartitionInput implements TableSource {
  /** The suffix of the virtual files every partition holds whole. */
  static final String EVERY_PARTITION = " (every partition)";

  /**
   * One table source of a job: a dataset of a layout's table (or the ACG output, with the day of
   * its rows without a period and whether a year period applies to every window of its year).
   */
  record Source(
      int index,
      String table,
      List<String> header,
      List<String> files,
      boolean everyPartition,
      boolean acg,
      String acgDefaultDay,
      boolean acgByYear)
      implements Serializable {
    private static final long serialVersionUID = 1L;

    Source {
      header = List.copyOf(header);
      files = List.copyOf(files);
    }
  }

  /**
   * What every partition of a job is given besides its rows: the sources, the rows of the tables
   * read whole by every partition (by source index, then file), and the sources whose whole
   * dataset has rows.
   */
  record Job(
      List<Source> sources,
      Map<Integer, Map<String, List<List<String>>>> shared,
      Set<Integer> nonEmpty)
      implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  private record Held(List<String> header, List<List<String>> rows, boolean wholeHasRows) {}

  private final Job job;
  private final Map<Path, Held> held = new HashMap<>();
  private final Map<String, List<Path>> byTable = new LinkedHashMap<>();
  private final List<List<String>> acgRows = new ArrayList<>();
  private Source acg;

  /**
   * The partition's tables.
   *
   * @param rows the partition's rows ({@code s, f, key, cells}), sorted by source and file
   * @param withRows false for a part that holds no keyed rows on purpose (the driver's reading of
   *     the shared tables alone)
   */
  PartitionInput(Job job, int partition, Iterator<Row> rows, boolean withRows) {
    this.job = job;
    Map<Integer, Map<String, List<List<String>>>> mine = new HashMap<>();
    while (withRows && rows.hasNext()) {
      Row r = rows.next();
      mine.computeIfAbsent(r.getInt(0), k -> new HashMap<>())
          .computeIfAbsent(r.getString(1), k -> new ArrayList<>())
          .add(r.getList(3));
    }
    for (Source s : job.sources()) {
      if (s.acg()) {
        acg = s;
        for (List<List<String>> l : mine.getOrDefault(s.index(), Map.of()).values()) {
          acgRows.addAll(l);
        }
        continue;
      }
      Map<String, List<List<String>>> byFile =
          s.everyPartition()
              ? job.shared().getOrDefault(s.index(), Map.of())
              : mine.getOrDefault(s.index(), Map.of());
      for (String f : s.files()) {
        Path p =
            Path.of(f + (s.everyPartition() ? EVERY_PARTITION : " (partition " + partition + ")"));
        held.put(
            p,
            new Held(
                s.header(),
                byFile.getOrDefault(f, List.of()),
                s.everyPartition() || job.nonEmpty().contains(s.index())));
        byTable.computeIfAbsent(s.table(), t -> new ArrayList<>()).add(p);
      }
    }
  }

  /** The virtual files by table, for {@code format}. */
  InputFiles files(InputFormat format) {
    return new InputFiles(format, byTable);
  }

  /** The ACG output source, or null. */
  Source acg() {
    return acg;
  }

  /** The partition's ACG output rows as a table, or null without one. */
  CsvTable acgTable(int partition) {
    return acg == null
        ? null
        : CsvTable.of("ACG output (partition " + partition + ")", acg.header(), acgRows.iterator());
  }

  @Override
  public CsvTable open(Path file, Charset charset) {
    Held h = held.get(file);
    if (h == null) {
      throw new IllegalArgumentException("no table " + file + " in this partition");
    }
    return CsvTable.of(file.toString(), h.header(), h.rows().iterator());
  }

  @Override
  public boolean wholeTableHasRows(Path file) {
    Held h = held.get(file);
    return h != null && h.wholeHasRows();
  }

  Job job() {
    return job;
  }
}
