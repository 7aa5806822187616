package org.mpindex.cli;

/** Bad command-line arguments: the command prints the one-line reason and exits with code 2. */
final class UsageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  UsageException(String reason) {
    super(reason);
  }
}
