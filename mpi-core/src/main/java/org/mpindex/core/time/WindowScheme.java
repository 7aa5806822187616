package org.mpindex.core.time;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.OptionalInt;
import org.mpindex.core.claims.InvalidValueException;

/**
 * How time is cut into the windows in which health and effort are measured. Health is measured in
 * window t and effort in window {@code t - lag}.
 *
 * <p>Built-in schemes are records (so specs compare by value): {@link #calendarQuarters()} (the
 * paper's), {@link #months(int, YearMonth)} and {@link #days(int, LocalDate)}. A moving 90-day window
 * ending on day D is window {@code -1} of {@code days(90, D.plusDays(1))}. Custom schemes implement
 * this interface; they must map every day to exactly one window and number windows consecutively.
 */
public interface WindowScheme {

  /** The index of the window containing {@code day}. Must be fast: it is called once per claim line. */
  int indexOf(LocalDate day);

  /** The window with this index. */
  Window window(int index);

  /** Windows per year when a whole number (for year-over-year change), else empty. */
  OptionalInt windowsPerYear();

  /** One line for reports and {@code MpiSpec.toString()}, e.g. {@code calendar quarters}. */
  String describe();

  /** Calendar quarters, labelled {@code 2009Q3}; index = {@link Quarter#index()}. */
  static WindowScheme calendarQuarters() {
    return CalendarQuarters.INSTANCE;
  }

  /**
   * Windows of {@code months} calendar months; window 0 starts on the first day of {@code anchor}.
   *
   * @throws InvalidValueException when {@code months < 1}
   */
  static WindowScheme months(int months, YearMonth anchor) {
    return new MonthWindows(months, anchor);
  }

  /**
   * Windows of {@code days} days; window 0 starts on {@code anchor}.
   *
   * @throws InvalidValueException when {@code days < 1}
   */
  static WindowScheme days(int days, LocalDate anchor) {
    return new DayWindows(days, anchor);
  }

  /** Calendar quarters. */
  record CalendarQuarters() implements WindowScheme {
    static final CalendarQuarters INSTANCE = new CalendarQuarters();

    @Override
    public int indexOf(LocalDate day) {
      return day.getYear() * 4 + (day.getMonthValue() - 1) / 3;
    }

    @Override
    public Window window(int index) {
      Quarter q = Quarter.ofIndex(index);
      return new Window(index, q.start(), q.end(), q.toString());
    }

    @Override
    public OptionalInt windowsPerYear() {
      return OptionalInt.of(4);
    }

    @Override
    public String describe() {
      return "calendar quarters";
    }
  }

  /**
   * Windows of whole calendar months.
   *
   * @param months window length in months, at least 1
   * @param anchor the month window 0 starts in
   */
  record MonthWindows(int months, YearMonth anchor) implements WindowScheme {
    public MonthWindows {
      if (months < 1) {
        throw new InvalidValueException(
            "window length in months", Integer.toString(months), "is below 1");
      }
      if (anchor == null) {
        throw new InvalidValueException("window anchor month", null, "is required");
      }
    }

    @Override
    public int indexOf(LocalDate day) {
      int m =
          (day.getYear() - anchor.getYear()) * 12 + day.getMonthValue() - anchor.getMonthValue();
      return Math.floorDiv(m, months);
    }

    @Override
    public Window window(int index) {
      YearMonth first = anchor.plusMonths((long) index * months);
      YearMonth last = first.plusMonths(months - 1L);
      String label = months == 1 ? first.toString() : first + ".." + last;
      return new Window(index, first.atDay(1), last.atEndOfMonth(), label);
    }

    @Override
    public OptionalInt windowsPerYear() {
      return 12 % months == 0 ? OptionalInt.of(12 / months) : OptionalInt.empty();
    }

    @Override
    public String describe() {
      return months + "-month windows from " + anchor;
    }
  }

  /**
   * Windows of a fixed number of days.
   *
   * @param days window length in days, at least 1
   * @param anchor first day of window 0
   */
  record DayWindows(int days, LocalDate anchor) implements WindowScheme {
    public DayWindows {
      if (days < 1) {
        throw new InvalidValueException(
            "window length in days", Integer.toString(days), "is below 1");
      }
      if (anchor == null) {
        throw new InvalidValueException("window anchor date", null, "is required");
      }
    }

    @Override
    public int indexOf(LocalDate day) {
      return (int) Math.floorDiv(day.toEpochDay() - anchor.toEpochDay(), days);
    }

    @Override
    public Window window(int index) {
      LocalDate start = anchor.plusDays((long) index * days);
      LocalDate end = start.plusDays(days - 1L);
      return new Window(
          index, start, end, start.format(DateTimeFormatter.ISO_LOCAL_DATE) + ".." + end);
    }

    /** Empty: a year is not a whole number of day windows (365 and 366 days alternate). */
    @Override
    public OptionalInt windowsPerYear() {
      return OptionalInt.empty();
    }

    @Override
    public String describe() {
      return days + "-day windows from " + anchor;
    }
  }
}
