package org.mpindex.core.claims;

/**
 * A two-character CPT/HCPCS modifier, normalised to upper case ({@code 26}, {@code TC}, {@code 50},
 * {@code LT}). Whether a modifier changes effort is the effort calculator's business; any
 * well-formed modifier may appear on a line.
 *
 * @param code two letters or digits, upper case
 */
public record Modifier(String code) implements Comparable<Modifier> {

  /** Professional component. */
  public static final Modifier PROFESSIONAL_COMPONENT = new Modifier("26");

  /** Technical component. */
  public static final Modifier TECHNICAL_COMPONENT = new Modifier("TC");

  public Modifier {
    Checks.present(code, "modifier");
    String c = Checks.tidy(code);
    if (c.length() != 2 || !Checks.allAlphanumeric(c, 0, 2)) {
      throw new InvalidValueException(
          "modifier", code, "is not a modifier: expected 2 letters or digits");
    }
    code = c;
  }

  /**
   * The modifier with this two-character code.
   *
   * @throws InvalidValueException when the code is not two letters or digits
   */
  public static Modifier of(String code) {
    return new Modifier(code);
  }

  @Override
  public int compareTo(Modifier o) {
    return code.compareTo(o.code);
  }

  @Override
  public String toString() {
    return code;
  }
}
