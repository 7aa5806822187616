package org.mpindex.cli;

/**
 * Bad command-line arguments: the command prints the one-line reason and exits with code 2. Public
 * so that an engine of {@link ComputeRun} (the Spark job's) refuses what it cannot do the same way.
 */
public final class UsageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** A usage error whose message is {@code reason}, one line naming the option. */
  public UsageException(String reason) {
    super(reason);
  }
}
