package org.mpindex.cli;

/**
 * The RVU releases given do not cover days whose effort the index needs. {@code mpi} exits with
 * code 3 and this message, before computing anything.
 */
final class UncoveredEffortException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  UncoveredEffortException(String message) {
    super(message);
  }
}
