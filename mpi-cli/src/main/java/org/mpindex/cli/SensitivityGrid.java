package org.mpindex.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.mpindex.core.index.IndexAssembler;
import org.mpindex.core.index.IndexPartial;
import org.mpindex.core.index.Intervals;
import org.mpindex.core.index.MpiResult;
import org.mpindex.core.index.MpiSpec;
import org.mpindex.core.index.Sensitivity;
import org.mpindex.core.index.StudyPeriod;
import org.mpindex.core.spi.BurdenGrouper;
import org.mpindex.core.spi.EffortCalculator;
import org.mpindex.core.time.WindowScheme;

/**
 * {@code mpi compute --sensitivity}: the index over a grid of window lengths (days) and lags, read
 * in the same pass over the input as the main index. Each window length has its own assembler (the
 * fold depends on the windows), fed every record the main one gets; each lag is read from that fold
 * ({@link IndexAssembler#assembleWithLag}). Windows start on the study period's first day (or
 * {@code --window-anchor}); the minimum of eligible windows is converted to the same span of days
 * (4 quarters = 365.25 days: 7 windows of 60 days, 5 of 90, 4 of 120, rounded up); intervals are
 * left analytic (only point values and ranks are compared). Beneficiary and enrollment records
 * arriving before the study period is known are held and replayed.
 */
final class SensitivityGrid {
  static final Set<String> SINGLE = Set.of("sensitivity-windows", "sensitivity-lags");
  static final Set<String> FLAGS = Set.of("sensitivity");
  static final String HELP =
      """
                             --sensitivity                also compute a grid of window lengths x lags in the same pass and write
                                                          sensitivity.csv and sensitivity-ranks.csv (national MPI per configuration,
                                                          Spearman correlation of the state ranks for every pair)
                             --sensitivity-windows D,D    window lengths in days (60,90,120)
                             --sensitivity-lags L,L       lags in windows (1,2)\
                             """;

  private final MpiSpec base;
  private final EffortCalculator effort;
  private final BurdenGrouper grouper;
  private final List<Integer> days;
  private final List<Integer> lags;
  private final Optional<LocalDate> anchor;
  private final HeldRecords records = new HeldRecords("the sensitivity grid");
  private List<IndexAssembler> assemblers;
  private List<IndexPartial> merged; // null: this grid's own folds

  private SensitivityGrid(
      MpiSpec base,
      EffortCalculator effort,
      BurdenGrouper grouper,
      List<Integer> days,
      List<Integer> lags,
      Optional<LocalDate> anchor) {
    this.base = base;
    this.effort = effort;
    this.grouper = grouper;
    this.days = days;
    this.lags = lags;
    this.anchor = anchor;
  }

  /** The grid the options ask for; empty without {@code --sensitivity}. */
  static Optional<SensitivityGrid> of(
      Args a, MpiSpec spec, EffortCalculator effort, BurdenGrouper grouper) {
    boolean any = a.get("sensitivity-windows").isPresent() || a.get("sensitivity-lags").isPresent();
    if (!a.flag("sensitivity")) {
      if (any) {
        throw new UsageException("--sensitivity-windows and --sensitivity-lags need --sensitivity");
      }
      return Optional.empty();
    }
    List<Integer> days = ints(a, "sensitivity-windows", "60,90,120", 1);
    List<Integer> lags = ints(a, "sensitivity-lags", "1,2", 0);
    Optional<LocalDate> anchor = a.get("window-anchor").map(LocalDate::parse);
    return Optional.of(new SensitivityGrid(spec, effort, grouper, days, lags, anchor));
  }

  private static List<Integer> ints(Args a, String name, String dflt, int min) {
    List<Integer> out = new ArrayList<>();
    for (String v : a.get(name).orElse(dflt).split(",", -1)) {
      try {
        int i = Integer.parseInt(v.strip());
        if (i < min) {
          throw new UsageException("--" + name + ": " + i + " is below " + min);
        }
        if (out.contains(i)) {
          throw new UsageException("--" + name + ": " + i + " is given twice");
        }
        out.add(i);
      } catch (NumberFormatException e) {
        throw new UsageException(
            "--" + name + " needs whole numbers separated by commas, got '" + v + "'");
      }
    }
    return out;
  }

  /** The spec of window length {@code d}: day windows from {@code start}, the same eligibility span. */
  MpiSpec specFor(int d, LocalDate start) {
    double baseDays =
        base.windowScheme() instanceof WindowScheme.DayWindows
            ? ((WindowScheme.DayWindows) base.windowScheme()).days()
            : 365.25 / base.windowScheme().windowsPerYear().orElse(4);
    int minimum = (int) Math.ceil(base.minimumEligibleWindows() * baseDays / d - 1e-9);
    return SpecOptions.rebuild(
        base.toBuilder()
            .windowScheme(WindowScheme.days(d, anchor.orElse(start)))
            .lag(lags.stream().mapToInt(Integer::intValue).min().orElse(1))
            .minimumEligibleWindows(minimum)
            .intervals(Intervals.analytic()));
  }

  /** A record for the grid: held until {@link #start}, then added to every assembler. */
  void accept(Object record) {
    records.accept(record);
  }

  /** Creates the assemblers once the study period is known, replays the held records, fixes the period. */
  void start(StudyPeriod period) {
    assemblers = new ArrayList<>();
    for (int d : days) {
      IndexAssembler x = IndexAssembler.create(specFor(d, period.from()), effort, grouper);
      x.fixStudyPeriod(period);
      assemblers.add(x);
    }
    records.start(r -> assemblers.forEach(x -> x.addAll(List.of(r))));
  }

  /** The days the grid's effort windows need, for the RVU set-up. */
  List<StudyPeriod> effortDays(StudyPeriod period) {
    List<StudyPeriod> out = new ArrayList<>();
    for (int d : days) {
      for (int lag : lags) {
        ComputeCommand.effortDays(specFor(d, period.from()).toBuilder().lag(lag).build(), period)
            .ifPresent(out::add);
      }
    }
    return out;
  }

  /**
   * This grid's folds as partials, one per configuration (window length, then lag, in the grid's
   * order), for a distributed run that merges the parts' partials ({@link SideIndices}); null for a
   * lag the spec refuses (the driver's {@link #finish} then says why, as on one machine).
   */
  List<IndexPartial> partials(int threads) {
    List<IndexPartial> out = new ArrayList<>();
    for (int i = 0; i < days.size(); i++) {
      for (int lag : lags) {
        IndexPartial p;
        try {
          p = assemblers.get(i).partialWithLag(lag, threads);
        } catch (org.mpindex.core.index.InvalidSpecException e) {
          p = null;
        }
        out.add(p);
      }
    }
    return out;
  }

  /**
   * From now on {@link #finish} reads these merged partials ({@link #partials}'s order) instead of
   * this grid's own folds.
   */
  void readFrom(List<IndexPartial> partials) {
    if (partials.size() != days.size() * lags.size()) {
      throw new IllegalArgumentException(
          "the sensitivity grid has "
              + days.size() * lags.size()
              + " configurations, given "
              + partials.size()
              + " partials");
    }
    merged = new ArrayList<>(partials);
  }

  /** Computes every configuration, writes the two files and prints the summary; returns their names. */
  List<String> finish(int threads, int minCell, Path dir, PrintStream out) {
    if (!records.started()) {
      throw new UsageException(
          "--sensitivity: no study period (no enrollment records and none declared)");
    }
    Map<Sensitivity.Configuration, MpiResult> results = new LinkedHashMap<>();
    int k = 0;
    for (int i = 0; i < days.size(); i++) {
      for (int lag : lags) {
        IndexPartial p = merged == null ? null : merged.get(k);
        k++;
        results.put(
            new Sensitivity.Configuration(days.get(i), lag),
            p == null
                // one machine; or a lag the parts' spec refused, refused here alike
                ? assemblers.get(i).assembleWithLag(lag, threads)
                : assemblers.get(i).resultWithLag(p, lag));
      }
    }
    Sensitivity s = Sensitivity.of(results, minCell);
    write(s, dir);
    out.println(
        "Sensitivity (window length x lag; state ranks in each configuration's last window, groups of "
            + minCell
            + "+ patients):");
    out.println(
        String.format(
            Locale.ROOT,
            "%-14s %7s %9s %9s %9s %9s %7s",
            "configuration",
            "windows",
            "first",
            "last",
            "min",
            "max",
            "ranked"));
    for (Sensitivity.Summary x : s.summaries()) {
      out.println(
          String.format(
              Locale.ROOT,
              "%-14s %7d %9s %9s %9s %9s %7d",
              x.configuration(),
              x.indexWindows(),
              Report.f(x.first(), 5),
              Report.f(x.last(), 5),
              Report.f(x.min(), 5),
              Report.f(x.max(), 5),
              x.rankedGroups()));
    }
    for (Sensitivity.RankCorrelation c : s.correlations()) {
      out.println(
          String.format(
              Locale.ROOT,
              "  rank correlation %s vs %s: %s over %d groups",
              c.a(),
              c.b(),
              Report.f(c.spearman(), 3),
              c.groups()));
    }
    return List.of("sensitivity.csv", "sensitivity-ranks.csv");
  }

  static final String SUMMARY_HEADER =
      "window_days,lag,index_windows,national_first,national_last,national_mean,national_min,national_max,ranked_groups";
  static final String RANKS_HEADER = "window_days_a,lag_a,window_days_b,lag_b,groups,spearman";

  private static void write(Sensitivity s, Path dir) {
    try (Writer w =
        Files.newBufferedWriter(dir.resolve("sensitivity.csv"), StandardCharsets.UTF_8)) {
      w.write(SUMMARY_HEADER + "\n");
      for (Sensitivity.Summary x : s.summaries()) {
        w.write(
            x.configuration().windowDays()
                + ","
                + x.configuration().lag()
                + ","
                + x.indexWindows()
                + ","
                + Outputs.num(x.first())
                + ","
                + Outputs.num(x.last())
                + ","
                + Outputs.num(x.mean())
                + ","
                + Outputs.num(x.min())
                + ","
                + Outputs.num(x.max())
                + ","
                + x.rankedGroups()
                + "\n");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write sensitivity.csv: " + e.getMessage(), e);
    }
    try (Writer w =
        Files.newBufferedWriter(dir.resolve("sensitivity-ranks.csv"), StandardCharsets.UTF_8)) {
      w.write(RANKS_HEADER + "\n");
      for (Sensitivity.RankCorrelation c : s.correlations()) {
        w.write(
            c.a().windowDays()
                + ","
                + c.a().lag()
                + ","
                + c.b().windowDays()
                + ","
                + c.b().lag()
                + ","
                + c.groups()
                + ","
                + Outputs.num(c.spearman())
                + "\n");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write sensitivity-ranks.csv: " + e.getMessage(), e);
    }
  }
}
