package org.mpindex.io.input;

import java.nio.file.Path;
import java.util.Optional;
import org.mpindex.core.text.CsvTable;

/**
 * Opens files of a binary table format (Parquet) as rows with named columns. Optional modules
 * register one with {@link java.util.ServiceLoader} ({@code
 * META-INF/services/org.mpindex.io.input.TableOpener}), so that core users do not carry their
 * dependencies; {@link Tables#open} asks each registered opener before reading a file as text.
 */
public interface TableOpener {
  /** A short name for messages ({@code "Parquet (parquet-java 1.15)"}). */
  String name();

  /**
   * The file as a table when it is of this opener's format (told by its name or its first bytes),
   * else empty. Rows are numbered from 2 as if a header line came first (row 1 of the data is line
   * 2), so that messages read as they do for a CSV file.
   *
   * @throws java.io.UncheckedIOException naming the file when it is of this format but unreadable
   */
  Optional<CsvTable> open(Path file);

  /** Whether {@code file} is of this opener's format; by default, whether {@link #open} takes it. */
  default boolean handles(Path file) {
    Optional<CsvTable> t = open(file);
    t.ifPresent(CsvTable::close);
    return t.isPresent();
  }
}
