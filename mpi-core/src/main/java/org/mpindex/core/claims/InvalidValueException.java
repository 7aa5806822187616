package org.mpindex.core.claims;

/**
 * A domain value could not be constructed because its input is not valid. The message names the
 * field, quotes the offending value and says what is wrong with it, e.g.
 * {@code procedure code '9921' is not a HCPCS code: expected 5 characters}.
 *
 * <p>Readers catch this exception and re-throw it with the file, line and column (see
 * {@code MalformedRecordException} in the I/O modules), or count the record as rejected in lenient
 * mode.
 */
public class InvalidValueException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String field;
  private final String value;

  /**
   * @param field what the value was meant to be, in the domain's words ("diagnosis code")
   * @param value the offending input as given (may be {@code null})
   * @param reason why it is not valid, starting lower case
   */
  public InvalidValueException(String field, String value, String reason) {
    super(field + " '" + org.mpindex.core.text.Echo.value(value) + "' " + reason);
    this.field = field;
    this.value = value;
  }

  /** The field the value was meant for, e.g. {@code "diagnosis code"}. */
  public String field() {
    return field;
  }

  /** The offending input exactly as given; {@code null} when the input was null. */
  public String value() {
    return value;
  }
}
