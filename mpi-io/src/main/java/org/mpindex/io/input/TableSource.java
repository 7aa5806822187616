package org.mpindex.io.input;

import java.nio.charset.Charset;
import java.nio.file.Path;
import org.mpindex.core.text.CsvTable;

/**
 * Where a reader's tables come from: {@link #FILES} opens each path as a file ({@link Tables#open});
 * a distributed reader gives rows it holds in memory instead (one partition of a Spark dataset), the
 * paths then naming tables that are not files ({@code "carrier.csv (partition 3)"}). Every layout's
 * row readers open their tables through {@link ReadContext#openTable}, so a context with another
 * source reads the same rows with the same checks, counts and rejections.
 */
@FunctionalInterface
public interface TableSource {
  /** The files themselves: {@link Tables#open}. */
  TableSource FILES = Tables::open;

  /**
   * The table {@code file} names, text in {@code charset} where it is read from bytes.
   *
   * @throws java.io.UncheckedIOException naming the file when it cannot be read
   * @throws IllegalArgumentException when this source holds no table of that name
   */
  CsvTable open(Path file, Charset charset);

  /**
   * Whether the whole table that {@code file} is one part of holds rows, when this source gives
   * only a part of it (one partition's rows of a dataset): a layout whose rule depends on a whole
   * table being empty (OMOP's {@code payer_plan_period}) asks this instead of counting the part's
   * rows. False by default (the file is the whole table).
   */
  default boolean wholeTableHasRows(Path file) {
    return false;
  }
}
