package org.mpindex.core.time;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * One window of a {@link WindowScheme}: a span of days, both ends inclusive, with its index in the
 * scheme (consecutive windows have consecutive indexes; {@code t - lag} is {@code index - lag}).
 *
 * @param index position in the scheme
 * @param start first day
 * @param end last day
 * @param label how reports print it, e.g. {@code 2009Q3}
 */
public record Window(int index, LocalDate start, LocalDate end, String label)
    implements Comparable<Window> {

  public Window {
    if (start == null || end == null || label == null || end.isBefore(start)) {
      throw new IllegalArgumentException(
          "window needs start <= end and a label: " + start + ".." + end);
    }
  }

  /** Number of days, both ends included. */
  public long lengthDays() {
    return ChronoUnit.DAYS.between(start, end) + 1;
  }

  public boolean contains(LocalDate day) {
    return !day.isBefore(start) && !day.isAfter(end);
  }

  @Override
  public int compareTo(Window o) {
    return Integer.compare(index, o.index);
  }

  @Override
  public String toString() {
    return label;
  }
}
