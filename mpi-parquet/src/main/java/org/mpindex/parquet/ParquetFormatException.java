package org.mpindex.parquet;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A Parquet file this module cannot read: damaged, cut short, encrypted, nested, or written with a
 * codec or encoding it does not decode. The message names the file (and the column, where one is
 * at fault) and says what to do. An {@link UncheckedIOException}, as {@link
 * org.mpindex.io.input.TableOpener#open} promises for a file of its format that cannot be read.
 */
public final class ParquetFormatException extends UncheckedIOException {
  private static final long serialVersionUID = 1L;

  /**
   * @param file the file's name as the user gave it
   * @param problem what is wrong, as the rest of a sentence starting with the file name
   */
  public ParquetFormatException(String file, String problem) {
    super(file + ": " + problem, new IOException(file + ": " + problem));
  }
}
