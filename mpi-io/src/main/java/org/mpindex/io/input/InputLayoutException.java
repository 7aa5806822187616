package org.mpindex.io.input;

/**
 * The files given do not make a run of the layout: a table it needs is missing, or a file is none of
 * its tables. The message says what is missing or which file, in one line, and what was expected.
 */
public class InputLayoutException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public InputLayoutException(String message) {
    super(message);
  }
}
