package org.mpindex.parquet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.stream.Stream;
import org.mpindex.core.text.CsvTable;
import org.mpindex.io.input.TableOpener;

/**
 * Opens Parquet files as tables, so that every layout reader of {@code mpi-io} reads Parquet as it
 * reads CSV: registered with {@link java.util.ServiceLoader}, found by {@link
 * org.mpindex.io.input.Tables#open} when this module is on the class path.
 *
 * <p>A file is Parquet when its name ends in {@code .parquet} (any case) or it starts with the
 * magic bytes {@code PAR1}; a directory whose name ends in {@code .parquet} (as Spark and Databricks
 * write a table) is read as its {@code *.parquet} part files in name order (files starting with
 * {@code _} or {@code .} are left out), which must share one schema.
 *
 * <p>Cells are text, as a CSV file would hold them: strings as written; integers in decimal; a DATE
 * as ISO {@code YYYY-MM-DD}; a TIMESTAMP (UTC, any unit, and Spark's legacy INT96) as its date alone
 * when it is midnight (pandas writes dates so), else ISO {@code YYYY-MM-DDTHH:MM:SS[.fraction]};
 * floating point as plain decimal without exponent or trailing zeros ({@code 2.5}, {@code 3});
 * DECIMAL as plain decimal with its scale; booleans {@code true}/{@code false}; null (and an empty
 * string) as a blank cell. Row {@code k} of the file (1-based, across row groups and parts) is line
 * {@code k + 1} in messages, as if a header line came first.
 *
 * <p>Flat schemas only: a struct, list or map column is a {@link ParquetFormatException} naming the
 * file and the column when the file is opened.
 */
public final class ParquetTableOpener implements TableOpener {
  /** For {@link java.util.ServiceLoader}. */
  public ParquetTableOpener() {}

  @Override
  public String name() {
    return "Parquet (mpi-parquet's own reader)";
  }

  /** Whether {@code file} is one this opener reads: by its name, else its first four bytes. */
  public static boolean isParquet(Path file) {
    Path name = file.getFileName();
    if (name != null && name.toString().toLowerCase(Locale.ROOT).endsWith(".parquet")) {
      return true;
    }
    return Files.isRegularFile(file) && ParquetFile.startsWithMagic(file);
  }

  @Override
  public boolean handles(Path file) {
    return isParquet(file);
  }

  @Override
  public Optional<CsvTable> open(Path file) {
    if (!isParquet(file)) {
      return Optional.empty();
    }
    List<ParquetFile> parts = new ArrayList<>();
    for (Path p : parts(file)) {
      parts.add(ParquetFile.open(p));
    }
    List<String> header = new ColumnBatches(parts.get(0), null).names();
    for (ParquetFile p : parts) {
      List<String> h = new ColumnBatches(p, null).names();
      if (!h.equals(header)) {
        throw new ParquetFormatException(
            p.name, "has columns " + h + ", the first part " + parts.get(0).name + " " + header);
      }
    }
    return Optional.of(CsvTable.of(file.toString(), header, new Rows(parts)));
  }

  /** The part files of a table: the file itself, or a directory's {@code *.parquet} files. */
  static List<Path> parts(Path file) {
    if (!Files.isDirectory(file)) {
      return List.of(file);
    }
    List<Path> parts;
    try (Stream<Path> s = Files.list(file)) {
      parts =
          s.filter(
                  p -> {
                    String n = p.getFileName().toString();
                    return !n.startsWith("_")
                        && !n.startsWith(".")
                        && n.toLowerCase(Locale.ROOT).endsWith(".parquet")
                        && Files.isRegularFile(p);
                  })
              .sorted()
              .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": cannot list: " + e.getMessage(), e);
    }
    if (parts.isEmpty()) {
      throw new ParquetFormatException(file.toString(), "is a directory without *.parquet files");
    }
    return parts;
  }

  /** The rows of the parts, one row group decoded at a time. */
  private static final class Rows implements Iterator<List<String>> {
    private final List<ParquetFile> parts;
    private int part;
    private ColumnBatches batches;
    private int rows;
    private int row;
    private Column[] columns;

    Rows(List<ParquetFile> parts) {
      this.parts = parts;
    }

    @Override
    public boolean hasNext() {
      while (row >= rows) {
        if (batches == null) {
          if (part == parts.size()) {
            return false;
          }
          batches = new ColumnBatches(parts.get(part++), null);
          columns = new Column[batches.file.columns.size()];
          for (int i = 0; i < columns.length; i++) {
            columns[i] = batches.column(i);
          }
        }
        rows = batches.next();
        row = 0;
        if (rows < 0) {
          batches = null;
          rows = 0;
        }
      }
      return true;
    }

    @Override
    public List<String> next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      String[] cells = new String[columns.length];
      for (int i = 0; i < cells.length; i++) {
        cells[i] = columns[i].cell(row);
      }
      row++;
      return Arrays.asList(cells);
    }
  }
}
