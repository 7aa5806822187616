package org.mpindex.rbrvs;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Several RVU releases over time. A release is in force from its effective date to the day before
 * the next release takes effect, and never beyond 31 December of its own year (CMS replaces the
 * schedule every January): a year without a release of its own is not covered, not silently priced
 * with an older year. Days outside every release's span throw {@link NoReleaseException} from
 * {@link #releaseFor}; {@link #uncovered} lists them for a range of days, so that a caller can
 * check before computing. Immutable.
 */
public final class RvuSchedule {
  private final NavigableMap<LocalDate, RvuRelease> releases;
  private final RvuRelease[] byIndex;
  private final long[] startDays;
  private final long[] endDays;
  private final RvuRelease everyDay;
  private final List<Substitution> substitutions;

  /**
   * A year priced with another year's release ({@link #withNearestYears}).
   *
   * @param year the year without a release of its own
   * @param release the name of the release used for it
   */
  public record Substitution(int year, String release) {
    @Override
    public String toString() {
      return year + " priced with " + release;
    }
  }

  /**
   * Days, both ends inclusive, that no release covers.
   *
   * @param from first uncovered day
   * @param to last uncovered day
   */
  public record Gap(LocalDate from, LocalDate to) {
    @Override
    public String toString() {
      return from.equals(to) ? from.toString() : from + ".." + to;
    }
  }

  private RvuSchedule(Collection<RvuRelease> releases) {
    this(releases, null, List.of());
  }

  private RvuSchedule(
      Collection<RvuRelease> releases, RvuRelease everyDay, List<Substitution> substitutions) {
    this.everyDay = everyDay;
    this.substitutions = List.copyOf(substitutions);
    if (releases.isEmpty()) {
      throw new IllegalArgumentException("an RVU schedule needs at least one release");
    }
    TreeMap<LocalDate, RvuRelease> m = new TreeMap<>();
    for (RvuRelease r : releases) {
      RvuRelease previous = m.put(r.effectiveFrom(), r);
      if (previous != null) {
        throw new IllegalArgumentException(
            "releases "
                + previous.name()
                + " and "
                + r.name()
                + " both take effect on "
                + r.effectiveFrom());
      }
    }
    this.releases = m;
    this.byIndex = m.values().toArray(new RvuRelease[0]);
    this.startDays = m.keySet().stream().mapToLong(LocalDate::toEpochDay).toArray();
    this.endDays = new long[startDays.length];
    for (int i = 0; i < startDays.length; i++) {
      long yearEnd =
          LocalDate.ofEpochDay(startDays[i]).withMonth(12).withDayOfMonth(31).toEpochDay();
      endDays[i] = i + 1 < startDays.length ? Math.min(yearEnd, startDays[i + 1] - 1) : yearEnd;
    }
  }

  public static RvuSchedule of(Collection<RvuRelease> releases) {
    return new RvuSchedule(releases);
  }

  public static RvuSchedule of(RvuRelease... releases) {
    return new RvuSchedule(List.of(releases));
  }

  /** Reads each file strictly, naming releases and dates after the file names. */
  public static RvuSchedule load(Path... files) {
    List<RvuRelease> rs = new ArrayList<>();
    for (Path f : files) {
      rs.add(RvuFileReader.strict().read(f).release());
    }
    return new RvuSchedule(rs);
  }

  /**
   * The CMS January releases bundled with the library ({@link BundledRvu}): 2009 and 2011-2025, each
   * in force for its calendar year; 2010 and the years before 2009 are not covered.
   *
   * @throws IllegalStateException when the artifact {@code mpi-rbrvs-data} is not on the class path
   */
  public static RvuSchedule bundled() {
    return new RvuSchedule(BundledRvu.all());
  }

  /**
   * Prices every date with one release: a change of M over time then reflects the services, not
   * CMS's revaluation of them (relative values change every year, and budget neutrality rescales
   * them). Codes that did not exist in the base year are unknown codes (0, counted).
   */
  public static RvuSchedule fixedTo(RvuRelease base) {
    return new RvuSchedule(List.of(base), base, List.of());
  }

  /**
   * This schedule with every calendar year from {@code fromYear} to {@code toYear} that has no
   * release of its own priced with the release in force on 1 January of the nearest covered year
   * (ties: the earlier year). Each such year is listed in {@link #substitutions()}, so that results
   * can say so; an explicit choice ({@code mpi compute --rvu-year-fallback nearest}), never a
   * default.
   */
  public RvuSchedule withNearestYears(int fromYear, int toYear) {
    if (everyDay != null) {
      return this;
    }
    List<RvuRelease> all = new ArrayList<>(releases.values());
    List<Substitution> subs = new ArrayList<>(substitutions);
    for (int y = fromYear; y <= toYear; y++) {
      if (covers(LocalDate.of(y, 1, 1))) {
        continue;
      }
      RvuRelease nearest = null;
      int best = Integer.MAX_VALUE;
      for (RvuRelease r : releases.values()) {
        int ry = r.effectiveFrom().getYear();
        if (covers(LocalDate.of(ry, 1, 1)) && Math.abs(ry - y) < best) {
          best = Math.abs(ry - y);
          nearest = releaseFor(LocalDate.of(ry, 1, 1));
        }
      }
      if (nearest == null) {
        continue;
      }
      all.add(
          new RvuRelease(nearest.name() + " as " + y, LocalDate.of(y, 1, 1), nearest.records()));
      subs.add(new Substitution(y, nearest.name()));
    }
    return new RvuSchedule(all, null, subs);
  }

  /** Years priced with another year's release; empty unless made by {@link #withNearestYears}. */
  public List<Substitution> substitutions() {
    return substitutions;
  }

  /** The single release pricing every date ({@link #fixedTo}), if any. */
  public java.util.Optional<RvuRelease> fixedRelease() {
    return java.util.Optional.ofNullable(everyDay);
  }

  /**
   * The release in force on {@code day}.
   *
   * @throws NoReleaseException when no release covers {@code day}
   */
  public RvuRelease releaseFor(LocalDate day) {
    if (everyDay != null) {
      return everyDay;
    }
    long d = day.toEpochDay();
    // few releases: a backward scan beats a tree and allocates nothing
    for (int i = startDays.length - 1; i >= 0; i--) {
      if (d >= startDays[i]) {
        if (d <= endDays[i]) {
          return byIndex[i];
        }
        break;
      }
    }
    throw new NoReleaseException(day, coverage());
  }

  /** The index (in effective-date order) of the release in force on {@code day}, or -1. */
  int releaseIndex(LocalDate day) {
    if (everyDay != null) {
      return 0;
    }
    long d = day.toEpochDay();
    for (int i = startDays.length - 1; i >= 0; i--) {
      if (d >= startDays[i]) {
        return d <= endDays[i] ? i : -1;
      }
    }
    return -1;
  }

  /** Whether a release is in force on {@code day}. */
  public boolean covers(LocalDate day) {
    if (everyDay != null) {
      return true;
    }
    long d = day.toEpochDay();
    for (int i = startDays.length - 1; i >= 0; i--) {
      if (d >= startDays[i]) {
        return d <= endDays[i];
      }
    }
    return false;
  }

  /**
   * The days from {@code from} to {@code to} (inclusive) on which no release is in force, as
   * maximal ranges in date order; empty when the schedule covers them all.
   */
  public List<Gap> uncovered(LocalDate from, LocalDate to) {
    List<Gap> gaps = new ArrayList<>();
    if (everyDay != null) {
      return gaps;
    }
    long day = from.toEpochDay();
    long last = to.toEpochDay();
    for (int i = 0; i < startDays.length && day <= last; i++) {
      if (endDays[i] < day) {
        continue;
      }
      if (startDays[i] > day) {
        gaps.add(
            new Gap(
                LocalDate.ofEpochDay(day), LocalDate.ofEpochDay(Math.min(startDays[i] - 1, last))));
      }
      day = Math.max(day, endDays[i] + 1);
    }
    if (day <= last) {
      gaps.add(new Gap(LocalDate.ofEpochDay(day), to));
    }
    return gaps;
  }

  /** The releases by effective date. */
  public NavigableMap<LocalDate, RvuRelease> releases() {
    return java.util.Collections.unmodifiableNavigableMap(releases);
  }

  /** First day covered. */
  public LocalDate start() {
    return releases.firstKey();
  }

  /** Last day covered: 31 December of the last release's year. */
  public LocalDate end() {
    return LocalDate.ofEpochDay(endDays[endDays.length - 1]);
  }

  /**
   * {@code RVU09A 2009-01-01..2009-03-31, RVU09B 2009-04-01..2009-12-31}: each release with the
   * days it is in force.
   */
  public String coverage() {
    if (everyDay != null) {
      return everyDay.name()
          + " for every date (base year "
          + everyDay.effectiveFrom().getYear()
          + ")";
    }
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < byIndex.length; i++) {
      b.append(i == 0 ? "" : ", ")
          .append(byIndex[i].name())
          .append(' ')
          .append(LocalDate.ofEpochDay(startDays[i]))
          .append("..")
          .append(LocalDate.ofEpochDay(endDays[i]));
    }
    return b.toString();
  }

  @Override
  public String toString() {
    return coverage();
  }
}
