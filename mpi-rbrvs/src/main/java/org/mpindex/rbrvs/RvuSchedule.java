package org.mpindex.rbrvs;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Several RVU releases over time. The release in force on a day is the one with the latest
 * effective date on or before it; the last release stays in force to the end of its calendar year
 * (CMS replaces the schedule every January). Days before the first release or after that are outside
 * the schedule: {@link #releaseFor} throws {@link NoReleaseException}. Immutable.
 */
public final class RvuSchedule {
  private final NavigableMap<LocalDate, RvuRelease> releases;
  private final LocalDate end;
  private final RvuRelease[] byIndex;
  private final long[] startDays;

  private RvuSchedule(Collection<RvuRelease> releases) {
    if (releases.isEmpty()) {
      throw new IllegalArgumentException("an RVU schedule needs at least one release");
    }
    TreeMap<LocalDate, RvuRelease> m = new TreeMap<>();
    for (RvuRelease r : releases) {
      RvuRelease previous = m.put(r.effectiveFrom(), r);
      if (previous != null) {
        throw new IllegalArgumentException(
            "releases " + previous.name() + " and " + r.name() + " both take effect on " + r.effectiveFrom());
      }
    }
    this.releases = m;
    this.end = m.lastKey().withMonth(12).withDayOfMonth(31);
    this.byIndex = m.values().toArray(new RvuRelease[0]);
    this.startDays = m.keySet().stream().mapToLong(LocalDate::toEpochDay).toArray();
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
   * The release in force on {@code day}.
   *
   * @throws NoReleaseException when {@code day} is outside the schedule
   */
  public RvuRelease releaseFor(LocalDate day) {
    long d = day.toEpochDay();
    // few releases: a backward scan beats a tree and allocates nothing
    for (int i = startDays.length - 1; i >= 0; i--) {
      if (d >= startDays[i]) {
        if (i == startDays.length - 1 && day.isAfter(end)) {
          break;
        }
        return byIndex[i];
      }
    }
    throw new NoReleaseException(day, coverage());
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
    return end;
  }

  /** {@code RVU09A 2009-01-01, RVU09B 2009-04-01 .. 2009-12-31}. */
  public String coverage() {
    return releases.entrySet().stream().map(e -> e.getValue().name() + " " + e.getKey())
        .collect(Collectors.joining(", ")) + " .. " + end;
  }

  @Override
  public String toString() {
    return coverage();
  }
}
