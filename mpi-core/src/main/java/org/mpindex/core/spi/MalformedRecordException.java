package org.mpindex.core.spi;

/**
 * A record of an input file cannot be read. The message names the file, the line and the column:
 * {@code PPRRVU09.csv:1204: column WORK RVU: '0.9x' is not a number}. Lenient readers count it under
 * {@link #reason()} and go on; strict readers throw it.
 */
public class MalformedRecordException extends RejectedRecordException {
  private static final long serialVersionUID = 1L;

  private final String file;
  private final long line;
  private final String column;

  /**
   * @param reason the key for counting, usually narrowed to the column ({@code
   *     ReadRejection.BAD_NUMBER.in("WORK RVU")})
   * @param file file name as given by the caller
   * @param line 1-based line number
   * @param column column name or number; null when the whole line is at fault
   * @param problem what is wrong, quoting the value
   */
  public MalformedRecordException(
      RejectionReason reason, String file, long line, String column, String problem) {
    super(
        reason,
        file + ":" + line + ": " + (column == null ? "" : "column " + column + ": ") + problem);
    this.file = file;
    this.line = line;
    this.column = column;
  }

  /**
   * As {@link #MalformedRecordException(RejectionReason, String, long, String, String)}, the reason
   * given by its text (for readers whose reasons are not an enum yet: {@link
   * RejectionReason#of(String)}).
   */
  public MalformedRecordException(
      String reason, String file, long line, String column, String problem) {
    this(RejectionReason.of(reason), file, line, column, problem);
  }

  public String file() {
    return file;
  }

  public long line() {
    return line;
  }

  /** The column name or number, or null when the whole line is at fault. */
  public String column() {
    return column;
  }
}
