package org.mpindex.parquet;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A Parquet file read one row group at a time, every column (or the chosen ones) decoded into a
 * {@link Column}: the columnar view both the table opener and the claims fast path read.
 */
final class ColumnBatches {
  final ParquetFile file;
  private final ChunkDecoder decoder;
  private final int[] chosen;
  private final Column[] columns;
  private int next;

  /** All columns of {@code path}. */
  ColumnBatches(Path path) {
    this(ParquetFile.open(path), null);
  }

  /**
   * @param chosen the schema indices of the columns to decode (in that order), or null for all
   */
  ColumnBatches(ParquetFile file, int[] chosen) {
    this.file = file;
    this.decoder = new ChunkDecoder(file);
    int n = file.columns.size();
    if (chosen == null) {
      chosen = new int[n];
      for (int i = 0; i < n; i++) {
        chosen[i] = i;
      }
    }
    this.chosen = chosen;
    this.columns = new Column[chosen.length];
    for (int i = 0; i < chosen.length; i++) {
      columns[i] = new Column(file.columns.get(chosen[i]), file.name);
    }
  }

  /** The column names of the file's schema, in order. */
  List<String> names() {
    List<String> names = new ArrayList<>(file.columns.size());
    for (ParquetFile.ColumnSchema c : file.columns) {
      names.add(c.name());
    }
    return names;
  }

  /**
   * Decodes the next row group into the columns (reused: the previous group's values are gone);
   * its row count, or -1 after the last.
   */
  int next() {
    while (next < file.rowGroups.size()) {
      ParquetFile.RowGroup g = file.rowGroups.get(next++);
      if (g.chunks().size() != file.columns.size()) {
        throw new ParquetFormatException(
            file.name,
            "row group "
                + (next - 1)
                + " has "
                + g.chunks().size()
                + " columns, the schema "
                + file.columns.size());
      }
      if (g.rows() > Integer.MAX_VALUE - 8) {
        throw new ParquetFormatException(
            file.name, "row group " + (next - 1) + " has " + g.rows() + " rows: more than 2^31");
      }
      int rows = (int) g.rows();
      if (rows == 0) {
        continue;
      }
      try (java.nio.channels.FileChannel ch = file.channel()) {
        for (int i = 0; i < chosen.length; i++) {
          decoder.decode(ch, g.chunks().get(chosen[i]), rows, columns[i]);
        }
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(file.name + ": " + e.getMessage(), e);
      }
      return rows;
    }
    return -1;
  }

  /** The {@code i}-th chosen column of the current row group. */
  Column column(int i) {
    return columns[i];
  }
}
