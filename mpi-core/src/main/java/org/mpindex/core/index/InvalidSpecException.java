package org.mpindex.core.index;

/**
 * An {@link MpiSpec} cannot be built: a setting out of range, two settings that contradict each
 * other, or a study period too short for them. The message names the settings and their values, on
 * one line. {@code mpi} reports it as a usage error (exit code 2).
 */
public class InvalidSpecException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message what is wrong, naming the settings (one line)
   */
  public InvalidSpecException(String message) {
    super(message);
  }
}
