package org.mpindex.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.mpindex.core.claims.Beneficiary;
import org.mpindex.core.claims.Claim;
import org.mpindex.core.claims.ClaimLine;
import org.mpindex.core.claims.Enrollment;
import org.mpindex.core.index.IndexCell;
import org.mpindex.core.index.MpiSpec;
import org.mpindex.core.index.RealTimeIndex;
import org.mpindex.core.index.StudyPeriod;
import org.mpindex.core.spi.BurdenGrouper;
import org.mpindex.core.spi.EffortCalculator;
import org.mpindex.core.time.WindowScheme;

/**
 * {@code mpi compute --realtime-until DATE [--step Nd]}: the real-time index ({@link RealTimeIndex})
 * fed in the same pass as the main index, then queried for every window end day from the first one
 * with an index ({@link RealTimeIndex#firstEnd}: max(2, minimum eligible windows) windows after the
 * study start) to DATE, every N days; {@code realtime.csv}
 * holds the daily (or N-daily) national series. Windows are the {@code --window Nd} length, else 90
 * days; eligibility is counted up to each day (look-back), the other choices are the main run's.
 */
final class RealTimeRun {
  static final Set<String> SINGLE = Set.of("realtime-until", "step");
  static final String HELP =
      """
                             --realtime-until DATE        also the real-time index: the window ending on every day (--step) from the
                                                          first with an index to DATE, in realtime.csv (90-day windows, or --window Nd);
                                                          the first ends max(2, --min-eligible) windows after the study start
                             --step Nd                    days between two real-time window ends (1d)\
                             """;
  static final String HEADER =
      "window_end,mpi,mean_health,mean_effort,patients,ci_low,ci_high,candidates,suppressed";

  private final RealTimeIndex index;
  private final LocalDate until;
  private final int step;
  private final int windowDays;
  private final LocalDate first;

  private RealTimeRun(
      RealTimeIndex index, LocalDate until, int step, int windowDays, LocalDate first) {
    this.index = index;
    this.until = until;
    this.step = step;
    this.windowDays = windowDays;
    this.first = first;
  }

  /** The run {@code --realtime-until} and {@code --step} ask for, once the study period is known. */
  static RealTimeRun of(
      Args a, MpiSpec spec, EffortCalculator effort, BurdenGrouper grouper, StudyPeriod period) {
    LocalDate until;
    try {
      until = LocalDate.parse(a.get("realtime-until").get().strip());
    } catch (DateTimeParseException e) {
      throw new UsageException(
          "--realtime-until needs a date like 2009-12-31, got '"
              + a.get("realtime-until").get()
              + "'");
    }
    String s = a.get("step").orElse("1d").strip().toLowerCase(Locale.ROOT);
    int step;
    try {
      step = Integer.parseInt(s.endsWith("d") ? s.substring(0, s.length() - 1) : s);
    } catch (NumberFormatException e) {
      throw new UsageException("--step needs days like 1d or 7d, got '" + s + "'");
    }
    if (step < 1) {
      throw new UsageException("--step must be at least 1d, got " + s);
    }
    int days =
        spec.windowScheme() instanceof WindowScheme.DayWindows
            ? ((WindowScheme.DayWindows) spec.windowScheme()).days()
            : 90;
    if (spec.cohort() != org.mpindex.core.index.Cohort.ALL || !spec.cohorts().isEmpty()) {
      throw new UsageException("--realtime-until does not take --cohort");
    }
    if (spec.confirmation().enabled()) {
      throw new UsageException("--realtime-until does not take --confirm-diagnoses");
    }
    RealTimeIndex index = RealTimeIndex.create(spec, effort, grouper, days, period.from());
    LocalDate first = index.firstEnd();
    if (until.isBefore(first)) {
      int windows = Math.max(2, spec.minimumEligibleWindows());
      throw new UsageException(
          "--realtime-until "
              + until
              + " is before the first window end with an index, "
              + first
              + " ("
              + windows
              + " "
              + days
              + "-day windows after the study start "
              + period.from()
              + ": the window and the one before it, and --min-eligible "
              + spec.minimumEligibleWindows()
              + ")");
    }
    // each window end is one query of the real-time index, and the index holds a window of `days`
    // per `days` days up to DATE: both are bounded by --max-windows, as the main study is
    long ends = java.time.temporal.ChronoUnit.DAYS.between(first, until) / step + 1;
    long windows = java.time.temporal.ChronoUnit.DAYS.between(period.from(), until) / days + 1;
    if (Math.max(ends, windows) > spec.maximumWindows()) {
      throw new UsageException(
          "--realtime-until "
              + until
              + " asks for "
              + Math.max(ends, windows)
              + (ends >= windows
                  ? " real-time window ends (every " + step + " day(s) from " + first
                  : " windows of " + days + " days (from " + period.from())
              + "), more than --max-windows "
              + spec.maximumWindows()
              + ": give an earlier date, a longer --step, or raise --max-windows if you mean it");
    }
    return new RealTimeRun(index, until, step, days, first);
  }

  /**
   * The engine before the study period is known: beneficiary and enrollment records are held and
   * replayed when {@link #start} creates the run.
   */
  static final class Pending {
    private final Args a;
    private final HeldRecords records = new HeldRecords("the real-time index");
    private RealTimeRun run;

    private Pending(Args a) {
      this.a = a;
    }

    /** Empty without {@code --realtime-until} (and {@code --step} alone is refused). */
    static Optional<Pending> of(Args a) {
      if (a.get("realtime-until").isEmpty()) {
        if (a.get("step").isPresent()) {
          throw new UsageException("--step is for --realtime-until");
        }
        return Optional.empty();
      }
      return Optional.of(new Pending(a));
    }

    void accept(Object r) {
      records.accept(r);
    }

    /** Creates the run for the now known study period and replays the held records. */
    void start(MpiSpec spec, EffortCalculator effort, BurdenGrouper grouper, StudyPeriod period) {
      run = RealTimeRun.of(a, spec, effort, grouper, period);
      records.start(run::accept);
    }

    /** The started run; a usage error when the study period never became known. */
    RealTimeRun run() {
      if (run == null) {
        throw new UsageException(
            "--realtime-until: no study period (no enrollment records and none declared)");
      }
      return run;
    }
  }

  /** A record for the engine. */
  void accept(Object r) {
    if (r instanceof ClaimLine claimLine) {
      index.add(claimLine);
    } else if (r instanceof Claim claim) {
      claim.lines().forEach(index::add);
    } else if (r instanceof Enrollment enrollment) {
      index.add(enrollment);
    } else if (r instanceof Beneficiary beneficiary) {
      index.add(beneficiary);
    } else {
      throw new UsageException("--realtime-until does not take precomputed burdens (--acg-output)");
    }
  }

  private final java.util.List<LocalDate> ends = new java.util.ArrayList<>();
  private final java.util.List<IndexCell> cells = new java.util.ArrayList<>();

  private java.util.List<org.mpindex.core.index.IndexPartial> merged; // null: this index's records

  /** The window ends queried: from the first with an index to the last day, every step. */
  private java.util.List<LocalDate> windowEnds() {
    java.util.List<LocalDate> out = new java.util.ArrayList<>();
    for (LocalDate end = first; !end.isAfter(until); end = end.plusDays(step)) {
      out.add(end);
    }
    return out;
  }

  /**
   * This index's window ends as partials, one per end in order, for a distributed run that merges
   * the parts' partials ({@link SideIndices}).
   */
  java.util.List<org.mpindex.core.index.IndexPartial> partials() {
    java.util.List<org.mpindex.core.index.IndexPartial> out = new java.util.ArrayList<>();
    for (LocalDate end : windowEnds()) {
      out.add(index.partial(end));
    }
    return out;
  }

  /** From now on the series is read from these merged partials ({@link #partials}'s order). */
  void readFrom(java.util.List<org.mpindex.core.index.IndexPartial> partials) {
    if (partials.size() != windowEnds().size()) {
      throw new IllegalArgumentException(
          "the real-time run has "
              + windowEnds().size()
              + " window ends, given "
              + partials.size()
              + " partials");
    }
    merged = new java.util.ArrayList<>(partials);
  }

  /** Queries every window end (once; the series is kept for the file and the report). */
  void compute() {
    if (!ends.isEmpty()) {
      return;
    }
    java.util.List<LocalDate> all = windowEnds();
    for (int k = 0; k < all.size(); k++) {
      LocalDate end = all.get(k);
      ends.add(end);
      cells.add(
          merged == null ? index.query(end).national() : index.read(end, merged.get(k)).national());
    }
  }

  /** Figure 1c of the report. */
  String figure(int minCell) {
    compute();
    return Report.realTimeTrend(ends, cells, windowDays, minCell);
  }

  /** Writes {@code realtime.csv} into {@code dir}. */
  String write(Path dir, int minCell, PrintStream out) {
    compute();
    int n = 0;
    try (Writer w = Files.newBufferedWriter(dir.resolve("realtime.csv"), StandardCharsets.UTF_8)) {
      w.write(HEADER + "\n");
      for (int k = 0; k < ends.size(); k++) {
        LocalDate end = ends.get(k);
        IndexCell c = cells.get(k);
        boolean hide = c.patients() > 0 && c.patients() < minCell;
        w.write(
            end
                + ","
                + (hide
                    ? ",,,,,,,"
                    : Outputs.num(c.mpi())
                        + ","
                        + Outputs.num(c.meanHealth())
                        + ","
                        + Outputs.num(c.meanEffort())
                        + ","
                        + c.patients()
                        + ","
                        + Outputs.num(c.ciLow())
                        + ","
                        + Outputs.num(c.ciHigh())
                        + ","
                        + c.candidates()
                        + ",")
                + (hide ? "1" : "0")
                + "\n");
        n++;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write realtime.csv: " + e.getMessage(), e);
    }
    out.println(
        "Real-time index: "
            + n
            + " window ends from "
            + first
            + " to "
            + until
            + " every "
            + step
            + " day(s), "
            + windowDays
            + "-day windows (realtime.csv)");
    return "realtime.csv";
  }
}
