package org.mpindex.core.time;

import java.time.LocalDate;
import org.mpindex.core.claims.InvalidValueException;

/**
 * A calendar quarter, e.g. {@code 2009Q3} = 1 July to 30 September 2009.
 *
 * @param year the calendar year
 * @param quarter 1 to 4
 */
public record Quarter(int year, int quarter) implements Comparable<Quarter> {

  public Quarter {
    if (quarter < 1 || quarter > 4) {
      throw new InvalidValueException("quarter", Integer.toString(quarter), "is not 1 to 4");
    }
    if (year < 1 || year > 9999) {
      throw new InvalidValueException("year", Integer.toString(year), "is not 1 to 9999");
    }
  }

  public static Quarter of(int year, int quarter) {
    return new Quarter(year, quarter);
  }

  /** The quarter containing {@code day}. */
  public static Quarter containing(LocalDate day) {
    return new Quarter(day.getYear(), (day.getMonthValue() - 1) / 3 + 1);
  }

  /** The quarter with this {@link #index()}. */
  public static Quarter ofIndex(int index) {
    return new Quarter(Math.floorDiv(index, 4), Math.floorMod(index, 4) + 1);
  }

  /**
   * Parses {@code 2009Q3}, {@code 2009-Q3} or {@code 2009q3}.
   *
   * @throws InvalidValueException for anything else
   */
  public static Quarter parse(String s) {
    if (s != null) {
      String t = s.strip().toUpperCase(java.util.Locale.ROOT).replace("-", "");
      if (t.length() == 6 && t.charAt(4) == 'Q') {
        try {
          return new Quarter(Integer.parseInt(t.substring(0, 4)), Integer.parseInt(t.substring(5)));
        } catch (NumberFormatException e) {
          // fall through to the message below
        }
      }
    }
    throw new InvalidValueException("quarter", s, "is not of the form 2009Q3");
  }

  /** A dense ordinal: {@code year * 4 + quarter - 1}; consecutive quarters differ by one. */
  public int index() {
    return year * 4 + quarter - 1;
  }

  /** First day. */
  public LocalDate start() {
    return LocalDate.of(year, (quarter - 1) * 3 + 1, 1);
  }

  /** Last day. */
  public LocalDate end() {
    return start().plusMonths(3).minusDays(1);
  }

  public Quarter plus(int quarters) {
    return ofIndex(index() + quarters);
  }

  @Override
  public int compareTo(Quarter o) {
    return Integer.compare(index(), o.index());
  }

  /** {@code 2009Q3}. */
  @Override
  public String toString() {
    return year + "Q" + quarter;
  }
}
