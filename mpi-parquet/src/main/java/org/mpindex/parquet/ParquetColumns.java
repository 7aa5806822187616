package org.mpindex.parquet;

import java.nio.file.Path;
import java.util.List;

/**
 * A Parquet file read one row group at a time, column by column, without a row object or a string
 * per cell: each column of the current row group gives one value id per row ({@code -1} for a null
 * or an empty string), two rows having the same id exactly when their values are equal, and each
 * distinct value's text ({@link #text}, as {@link ParquetTableOpener} writes cells) once asked for.
 * The columnar view under {@link ParquetTableOpener} and {@link ParquetTidyClaims}, for readers of
 * other layouts that want the same speed.
 *
 * <pre>{@code
 * ParquetColumns p = ParquetColumns.open(Path.of("claims.parquet"));
 * int procedure = p.columns().indexOf("procedure");
 * for (int rows = p.nextRowGroup(); rows >= 0; rows = p.nextRowGroup()) {
 *   for (int r = 0; r < rows; r++) {
 *     int id = p.valueId(procedure, r); // parse p.text(procedure, id) once per distinct id
 *   }
 * }
 * }</pre>
 *
 * <p>Memory: 4 bytes a row of the current row group per column, plus its distinct values. Not
 * thread-safe. A single file (for a directory of parts, open each part).
 */
public final class ParquetColumns {
  private final ColumnBatches batches;

  private ParquetColumns(ColumnBatches batches) {
    this.batches = batches;
  }

  /**
   * Opens a Parquet file and reads its footer (the row groups are read by {@link #nextRowGroup}).
   *
   * @throws ParquetFormatException naming the file when it is not Parquet this module reads, or
   *     has a nested column
   */
  public static ParquetColumns open(Path file) {
    return new ParquetColumns(new ColumnBatches(ParquetFile.open(file), null));
  }

  /** The column names, in the file's order (the column numbers of the other methods). */
  public List<String> columns() {
    return batches.names();
  }

  /** The file's row count, from its footer. */
  public long rows() {
    return batches.file.rows;
  }

  /**
   * Decodes the next row group (the previous one's ids and values are gone); its row count, or -1
   * after the last. Empty row groups are skipped.
   *
   * @throws ParquetFormatException naming the file and column of a page it cannot decode
   */
  public int nextRowGroup() {
    return batches.next();
  }

  /** The value id of row {@code row} (0-based, in the current row group) of column {@code column}. */
  public int valueId(int column, int row) {
    return batches.column(column).ids[row];
  }

  /** How many distinct values column {@code column} has in the current row group (ids 0 to n-1). */
  public int distinctValues(int column) {
    return batches.column(column).distinct();
  }

  /** The text of value {@code id} of column {@code column} ({@code ""} for -1). */
  public String text(int column, int id) {
    return id < 0 ? "" : batches.column(column).text(id);
  }
}
