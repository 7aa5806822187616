package org.mpindex.cli;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.mpindex.rbrvs.BundledRvu;
import org.mpindex.rbrvs.RvuRelease;
import org.mpindex.rbrvs.RvuSchedule;
import org.mpindex.rbrvs.WorkAdjustors;
import org.mpindex.rbrvs.WorkRvuCalculator;

/**
 * Where the work RVUs come from, for {@code compute} and {@code rvu}: the CMS files given with
 * {@code --rvu} (only those: never mixed with the bundled ones), else the bundled CMS releases of
 * 2009 and 2011-2025. A year neither covers stops the run naming it, unless {@code
 * --rvu-year-fallback nearest} prices it with the nearest year (marked in every output). {@code
 * --rvu-base-year} prices every date with one year; {@code --rvu-budget-neutrality} applies CMS's
 * 2007/2008 work adjustors.
 */
final class RvuOptions {
  static final Set<String> SINGLE = Set.of("rvu-year-fallback", "rvu-base-year", "value-statuses");
  static final Set<String> FLAGS =
      Set.of(
          "rvu-budget-neutrality",
          "bilateral",
          "multiple-procedure",
          "assistant",
          "co-surgery",
          "reduced-services",
          "no-units",
          "no-component-modifiers",
          "no-modifier-rows");

  static final String HELP =
      String.join(
          "\n",
          "  --rvu F...                   CMS relative value files (PPRRVUyy.csv or .txt), one per release; without",
          "                               it the bundled CMS January releases of "
              + describeBundled()
              + " are used",
          "  --rvu-year-fallback nearest  price a year without a release with the nearest year's (marked in outputs)",
          "  --rvu-base-year YYYY         price every date with one year's release: M then moves with services only",
          "  --rvu-budget-neutrality      apply CMS's work budget-neutrality adjustors of 2007 (0.8994) and 2008 (0.8806)",
          "  --bilateral --multiple-procedure --assistant --co-surgery --reduced-services",
          "                               payment-policy adjustments (off by default; see mpi-rbrvs/README.md);",
          "                               --multiple-procedure ranks a claim's procedures of a day by fee (compute)",
          "  --no-units --no-component-modifiers --no-modifier-rows  turn the default adjustments off",
          "  --value-statuses N,I,B       for payers other than Medicare: value codes of these non-payable statuses",
          "                               with the work RVUs the file gives them (none: Medicare's rule)");

  private static String describeBundled() {
    try {
      return BundledRvu.describeYears();
    } catch (IllegalStateException e) {
      return "(none: mpi-rbrvs-data is missing)";
    }
  }

  /**
   * The schedule and what a run must say about it.
   *
   * @param schedule the releases in force
   * @param source one line for reports: files or bundled, base year, adjustors
   * @param files the files given, or empty for bundled
   */
  record Setup(
      RvuSchedule schedule,
      String source,
      List<Path> files,
      WorkAdjustors adjustors,
      org.mpindex.core.index.IngestTally tally) {
    boolean bundled() {
      return files.isEmpty();
    }

    /** A calculator over the schedule with the payment options of {@code a}. */
    WorkRvuCalculator calculator(Args a) {
      WorkRvuCalculator.Builder b =
          WorkRvuCalculator.builder(schedule)
              .units(!a.flag("no-units"))
              .componentModifiers(!a.flag("no-component-modifiers"))
              .modifierRows(!a.flag("no-modifier-rows"))
              .bilateral(a.flag("bilateral"))
              .multipleProcedure(a.flag("multiple-procedure"))
              .assistantAtSurgery(a.flag("assistant"))
              .coSurgery(a.flag("co-surgery"))
              .reducedServices(a.flag("reduced-services"), 0.5);
      a.get("value-statuses")
          .ifPresent(
              v -> {
                java.util.Set<org.mpindex.rbrvs.StatusCode> codes = new java.util.HashSet<>();
                for (String c : v.split(",", -1)) {
                  try {
                    if (c.strip().length() != 1) {
                      throw new IllegalArgumentException(
                          "'" + c.strip() + "' is not a one-letter status code");
                    }
                    codes.add(
                        org.mpindex.rbrvs.StatusCode.of(
                            c.strip().toUpperCase(java.util.Locale.ROOT).charAt(0)));
                  } catch (IllegalArgumentException e) {
                    throw new UsageException("--value-statuses: " + e.getMessage());
                  }
                }
                try {
                  b.valueStatuses(codes);
                } catch (IllegalArgumentException e) {
                  throw new UsageException("--value-statuses: " + e.getMessage());
                }
              });
      if (adjustors != null) {
        b.workAdjustors(adjustors);
      }
      return b.build();
    }
  }

  /**
   * Builds the schedule for the days from {@code needFrom} to {@code needTo} (the effort days of the
   * study; for {@code rvu} the service date).
   *
   * @throws UncoveredEffortException when a needed year has no release and no fallback is asked for
   */
  static Setup setup(Args a, List<Path> files, LocalDate needFrom, LocalDate needTo) {
    RvuSchedule schedule;
    String source;
    org.mpindex.core.index.IngestTally tally = new org.mpindex.core.index.IngestTally();
    if (files.isEmpty()) {
      schedule = RvuSchedule.bundled();
      source = "bundled CMS PPRRVU January releases (" + BundledRvu.describeYears() + ")";
    } else {
      schedule = load(files, tally);
      source = "RVU files " + ComputeCommand.names(files);
    }
    Integer baseYear =
        a.get("rvu-base-year")
            .map(
                v -> {
                  try {
                    return Integer.parseInt(v.strip());
                  } catch (NumberFormatException e) {
                    throw new UsageException("--rvu-base-year needs a year, got '" + v + "'");
                  }
                })
            .orElse(null);
    String fallback =
        a.get("rvu-year-fallback").map(v -> v.strip().toLowerCase(Locale.ROOT)).orElse(null);
    if (fallback != null && !fallback.equals("nearest")) {
      throw new UsageException(
          "--rvu-year-fallback is nearest, got '" + a.get("rvu-year-fallback").get() + "'");
    }
    if (baseYear != null && fallback != null) {
      throw new UsageException(
          "--rvu-base-year prices every year with one release; --rvu-year-fallback has nothing"
              + " to do with it: give one of them");
    }
    if (baseYear != null) {
      LocalDate jan1 = LocalDate.of(baseYear, 1, 1);
      if (!schedule.covers(jan1)) {
        throw new UsageException(
            "--rvu-base-year "
                + baseYear
                + ": no release for "
                + baseYear
                + " in the "
                + (files.isEmpty()
                    ? "bundled releases (" + BundledRvu.describeYears() + ")"
                    : "files given"));
      }
      RvuRelease base = schedule.releaseFor(jan1);
      schedule = RvuSchedule.fixedTo(base);
      source += "; every date priced with " + base.name() + " (--rvu-base-year " + baseYear + ")";
    } else {
      Set<Integer> missing = new TreeSet<>();
      for (int y = needFrom.getYear(); y <= needTo.getYear(); y++) {
        LocalDate from = y == needFrom.getYear() ? needFrom : LocalDate.of(y, 1, 1);
        LocalDate to = y == needTo.getYear() ? needTo : LocalDate.of(y, 12, 31);
        if (!schedule.uncovered(from, to).isEmpty()) {
          missing.add(y);
        }
      }
      if (!missing.isEmpty() && fallback != null) {
        schedule = schedule.withNearestYears(needFrom.getYear(), needTo.getYear());
        source +=
            "; "
                + schedule.substitutions().stream()
                    .map(Object::toString)
                    .collect(Collectors.joining(", "))
                + " (--rvu-year-fallback nearest)";
      } else if (!missing.isEmpty() && files.isEmpty()) {
        String years = missing.stream().map(String::valueOf).collect(Collectors.joining(", "));
        throw new UncoveredEffortException(
            "no RVU release for "
                + years
                + " among the bundled CMS releases ("
                + BundledRvu.describeYears()
                + "), and the index needs effort from "
                + needFrom
                + " to "
                + needTo
                + ": give the CMS relative value file of each such year with --rvu (PPRRVUyy.csv from RVUyyA.zip on"
                + " CMS's PFS Relative Value Files page; then only the files given are used), or --rvu-year-fallback"
                + " nearest to price it with the nearest bundled year (marked in every output)");
      }
    }
    WorkAdjustors adjustors = a.flag("rvu-budget-neutrality") ? WorkAdjustors.CMS_2007_2008 : null;
    if (adjustors != null) {
      source += "; " + adjustors.describe();
    }
    return new Setup(schedule, source, List.copyOf(files), adjustors, tally);
  }

  private static RvuSchedule load(List<Path> files, org.mpindex.core.index.IngestTally tally) {
    Map<LocalDate, Path> byDate = new TreeMap<>();
    List<RvuRelease> releases = new ArrayList<>();
    for (Path f : files) {
      RvuRelease r;
      try {
        org.mpindex.rbrvs.RvuFileReader.Result result =
            org.mpindex.rbrvs.RvuFileReader.strict().read(f);
        tally.addAll(result.tally());
        r = result.release();
      } catch (IllegalArgumentException e) {
        throw new UsageException("--rvu " + f + ": " + e.getMessage());
      }
      Path other = byDate.put(r.effectiveFrom(), f);
      if (other != null) {
        throw new UsageException(
            "--rvu "
                + other.getFileName()
                + " and "
                + f.getFileName()
                + " are both release "
                + r.name()
                + " (in force from "
                + r.effectiveFrom()
                + "): give each release once");
      }
      releases.add(r);
    }
    return RvuSchedule.of(releases);
  }
}
