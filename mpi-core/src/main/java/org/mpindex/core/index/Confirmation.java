package org.mpindex.core.index;

/**
 * A confirmation rule for diagnoses, as comorbidity studies use it (issue #14, point 4): a category
 * touched in window t counts toward the burden only when, within windows t-{@code lookBack} .. t, it
 * was seen on at least one inpatient claim or on at least {@code otherClaims} distinct claims of
 * other types (professional, outpatient...). A single rule-out diagnosis on one office claim then
 * does not make a patient ill. Claims are told apart by claim id; the rule looks back only (no later
 * window confirms an earlier one), so a real-time value never moves.
 *
 * @param lookBack windows before t that may confirm (0 = t only)
 * @param otherClaims distinct non-inpatient claims needed (0 = no rule)
 */
public record Confirmation(int lookBack, int otherClaims) {

  public Confirmation {
    if (lookBack < 0 || otherClaims < 0) {
      throw new IllegalArgumentException(
          "confirmation needs lookBack >= 0 and otherClaims >= 0, got "
              + lookBack
              + ", "
              + otherClaims);
    }
    if (otherClaims == 0 && lookBack != 0) {
      throw new IllegalArgumentException("no confirmation takes no look-back");
    }
  }

  /** No rule: every diagnosis counts (default). */
  public static Confirmation none() {
    return new Confirmation(0, 0);
  }

  /** The usual rule: one inpatient claim or {@code otherClaims} other claims within {@code lookBack} windows. */
  public static Confirmation of(int lookBack, int otherClaims) {
    if (otherClaims < 1) {
      throw new IllegalArgumentException(
          "a confirmation rule needs at least 1 other claim, got " + otherClaims);
    }
    return new Confirmation(lookBack, otherClaims);
  }

  /** Whether a rule applies. */
  public boolean enabled() {
    return otherClaims > 0;
  }

  @Override
  public String toString() {
    return enabled()
        ? "a category counts when seen on 1 inpatient claim or "
            + otherClaims
            + " other claims within t-"
            + lookBack
            + " .. t"
        : "none (every diagnosis counts)";
  }
}
