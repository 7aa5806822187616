package org.mpindex.io.input;

import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import org.mpindex.core.text.CsvTable;
import org.mpindex.core.text.LineReader;

/**
 * Opens any input file as a table: a binary table format through a registered {@link TableOpener}
 * (Parquet, when {@code mpi-parquet} is on the class path), else delimited text, gzip'd or not, its
 * separator (comma, {@code |} or tab) told by its header line ({@link CsvTable#openDetecting}).
 */
public final class Tables {
  private static final List<TableOpener> OPENERS = load();

  private Tables() {}

  private static List<TableOpener> load() {
    List<TableOpener> found = new java.util.ArrayList<>();
    ServiceLoader.load(TableOpener.class, Tables.class.getClassLoader()).forEach(found::add);
    return List.copyOf(found);
  }

  /** The binary table formats registered, by name (empty when only text is read). */
  public static List<String> openers() {
    return OPENERS.stream().map(TableOpener::name).toList();
  }

  /** Whether {@code file} is read as delimited text (no registered opener takes it). */
  public static boolean isText(Path file) {
    for (TableOpener o : OPENERS) {
      if (o.handles(file)) {
        return false;
      }
    }
    return true;
  }

  /**
   * The file as a table, text in {@code charset} (UTF-8 for the library's own layouts,
   * windows-1252 for CMS files).
   *
   * @throws java.io.UncheckedIOException naming the file when it cannot be read
   * @throws org.mpindex.core.spi.MalformedRecordException naming line 1 when a text file has no
   *     readable header
   */
  public static CsvTable open(Path file, Charset charset) {
    for (TableOpener o : OPENERS) {
      Optional<CsvTable> t = o.open(file);
      if (t.isPresent()) {
        return t.get();
      }
    }
    return CsvTable.openDetecting(LineReader.open(file, charset));
  }
}
