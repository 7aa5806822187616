package org.mpindex.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.mpindex.core.index.ChangeDecomposition;
import org.mpindex.core.index.ExclusionReason;
import org.mpindex.core.index.GroupTable;
import org.mpindex.core.index.Grouping;
import org.mpindex.core.index.IndexCell;
import org.mpindex.core.index.Interval;
import org.mpindex.core.index.IntervalMethod;
import org.mpindex.core.index.MpiResult;
import org.mpindex.core.index.Normalisation;
import org.mpindex.core.index.Standardisation;
import org.mpindex.core.index.Suppression;
import org.mpindex.core.index.SuppressionPlan;
import org.mpindex.core.index.TimeSeries;
import org.mpindex.core.time.Window;

/**
 * The CSV outputs: {@code series.csv} and {@code groups.csv}. Every double is written in the
 * shortest decimal form that reads back to the same bits; counts of every exclusion reason are
 * columns, so a cell's {@code candidates = patients + sum of excluded_*} can be checked from the
 * file alone.
 */
final class Outputs {
  private Outputs() {}

  /**
   * One cell as a row: the cell, its candidates without a known residence ("" when that count is
   * hidden), the window's caveat, and how the row is protected.
   *
   * @param suppressed a small cell ({@link Suppression}): the row keeps its period, group and caveat
   *     and shows no count and no value
   * @param minCell the minimum cell size; above 1, counts that could be small are protected: a group
   *     row shows its patients but not its candidates, exclusions by reason, {@code
   *     effort_incomplete} or {@code no_residence} (blank); the national row shows its candidates and
   *     exclusions only when none of the exclusions is a small number (1 to {@code minCell - 1};
   *     otherwise all of them are blank, so none can be recovered from candidates - patients), and
   *     {@code effort_incomplete} and {@code no_residence} only when not small
   * @param national whether this is the national row
   */
  record CellRow(
      IndexCell c,
      String noResidence,
      String caveat,
      boolean suppressed,
      int minCell,
      boolean national) {
    boolean exclusionsShown() {
      return minCell <= 1 || (national && !small(c.exclusions().values(), minCell));
    }

    boolean incompleteShown() {
      return minCell <= 1 || (national && !small(List.of(c.effortIncomplete()), minCell));
    }

    boolean residenceShown() {
      return minCell <= 1
          || (national
              && (noResidence.isEmpty() || !small(List.of(Long.parseLong(noResidence)), minCell)));
    }
  }

  /** A value of a cell row, blank in a suppressed row. */
  private static Function<CellRow, String> shown(Function<CellRow, String> value) {
    return r -> r.suppressed() ? "" : value.apply(r);
  }

  /** A count of a cell row, blank in a suppressed row and where {@code shown} says it is protected. */
  private static Function<CellRow, String> count(
      java.util.function.Predicate<CellRow> shown, java.util.function.ToLongFunction<CellRow> n) {
    return shown(r -> shown.test(r) ? String.valueOf(n.applyAsLong(r)) : "");
  }

  /**
   * The columns every cell row has, in order. {@code imprecise} is 1 where the relative standard
   * error (SE / MPI) is 30% or more, the threshold at which CDC and NCHS flag estimates as
   * unreliable.
   */
  static final CsvColumns<CellRow> CELL = cellColumns();

  private static CsvColumns<CellRow> cellColumns() {
    CsvColumns<CellRow> c =
        CsvColumns.<CellRow>of()
            .and("period", r -> r.c().window().label())
            .and("group", r -> text(r.c().group()))
            .and("mpi", shown(r -> num(r.c().mpi())))
            .and("mean_health", shown(r -> num(r.c().meanHealth())))
            .and("mean_effort", shown(r -> num(r.c().meanEffort())))
            .and("patients", shown(r -> String.valueOf(r.c().patients())))
            .and(
                "excluded_zero_effort",
                count(CellRow::exclusionsShown, r -> r.c().excluded(ExclusionReason.ZERO_EFFORT)))
            .and("ci_low", shown(r -> num(r.c().ciLow())))
            .and("ci_high", shown(r -> num(r.c().ciHigh())))
            .and("standard_error", shown(r -> num(r.c().standardError())))
            .and("interval_method", shown(r -> r.c().intervalMethod().label()))
            .and("candidates", count(CellRow::exclusionsShown, r -> r.c().candidates()));
    for (ExclusionReason reason : ExclusionReason.values()) {
      if (reason != ExclusionReason.ZERO_EFFORT) {
        c =
            c.and(
                "excluded_" + reason.name().toLowerCase(Locale.ROOT),
                count(CellRow::exclusionsShown, r -> r.c().excluded(reason)));
      }
    }
    return c.and(
            "effort_incomplete", count(CellRow::incompleteShown, r -> r.c().effortIncomplete()))
        .and("no_residence", shown(r -> r.residenceShown() ? r.noResidence() : ""))
        .and("caveat", r -> text(r.caveat()))
        .and("suppressed", r -> r.suppressed() ? "1" : "0")
        .and("imprecise", shown(r -> r.c().standardError() / r.c().mpi() >= 0.3 ? "1" : "0"));
  }

  /**
   * The change of a series row from the window before, decomposed ({@link ChangeDecomposition}), and
   * its percent changes from the window before and the year before with their intervals.
   *
   * @param decomposition the decomposed change; empty for the first window, a group without a cell
   *     the window before, or a change from or to a suppressed cell
   * @param point the series point; empty when the row has none or is hidden
   * @param qoq whether the change from the window before is shown
   * @param yoy whether the change from the year before is shown
   */
  record Changes(
      Optional<ChangeDecomposition> decomposition,
      Optional<TimeSeries.Point> point,
      boolean qoq,
      boolean yoy) {
    static final Changes NONE = new Changes(Optional.empty(), Optional.empty(), false, false);

    Interval q() {
      return qoq ? point.orElseThrow().changeFromPreviousInterval() : Interval.NONE;
    }

    Interval y() {
      return yoy ? point.orElseThrow().changeFromYearBeforeInterval() : Interval.NONE;
    }
  }

  /** A value of the decomposed change, blank without one. */
  private static Function<Changes, String> decomposed(Function<ChangeDecomposition, Double> part) {
    return c -> c.decomposition().map(d -> num(part.apply(d))).orElse("");
  }

  /** A value of the percent changes, blank without a series point. */
  private static Function<Changes, String> percent(Function<Changes, String> value) {
    return c -> c.point().isEmpty() ? "" : value.apply(c);
  }

  /** The change columns of series.csv, blank where a change would give a suppressed value away. */
  static final CsvColumns<Changes> CHANGES =
      CsvColumns.<Changes>of()
          .and("change", decomposed(ChangeDecomposition::change))
          .and("change_health", decomposed(ChangeDecomposition::health))
          .and("change_effort", decomposed(ChangeDecomposition::effort))
          .and("change_interaction", decomposed(ChangeDecomposition::interaction))
          .and("change_aggregation", decomposed(ChangeDecomposition::aggregation))
          .and(
              "qoq_pct",
              percent(c -> num(c.qoq() ? c.point().get().changeFromPrevious() : Double.NaN)))
          .and("qoq_se", percent(c -> num(c.q().standardError())))
          .and("qoq_ci_low", percent(c -> num(c.q().low())))
          .and("qoq_ci_high", percent(c -> num(c.q().high())))
          .and(
              "yoy_pct",
              percent(c -> num(c.yoy() ? c.point().get().changeFromYearBefore() : Double.NaN)))
          .and("yoy_se", percent(c -> num(c.y().standardError())))
          .and("yoy_ci_low", percent(c -> num(c.y().low())))
          .and("yoy_ci_high", percent(c -> num(c.y().high())))
          .and(
              "change_interval_method",
              percent(
                  c ->
                      (c.q().method() != IntervalMethod.NONE ? c.q().method() : c.y().method())
                          .label()));

  /** Directly standardised values ({@code --standardise}); blank when off, suppressed or undefined. */
  static final CsvColumns<Optional<Standardisation.Values>> STANDARDISED =
      CsvColumns.<Optional<Standardisation.Values>>of()
          .and("std_mpi", v -> v.map(x -> num(x.mpi())).orElse(""))
          .and("std_health", v -> v.map(x -> num(x.meanHealth())).orElse(""))
          .and("std_effort", v -> v.map(x -> num(x.meanEffort())).orElse(""))
          .and("std_missing_strata", v -> v.map(x -> String.valueOf(x.missingStrata())).orElse(""));

  /** A series.csv row: a cell, its changes, its standardised values and its cohort's name. */
  record SeriesRow(
      CellRow cell,
      Changes changes,
      Optional<Standardisation.Values> standardised,
      String cohort) {}

  /** series.csv: the cell columns, the changes, the standardised values, the cohort. */
  static final CsvColumns<SeriesRow> SERIES =
      CsvColumns.<SeriesRow>of()
          .then(CELL, SeriesRow::cell)
          .then(CHANGES, SeriesRow::changes)
          .then(STANDARDISED, SeriesRow::standardised)
          .and("cohort", r -> text(r.cohort()));

  /** A groups.csv row: a ranked group table row, its standardised values and its cohort's name. */
  record GroupsRow(
      CellRow cell,
      GroupTable.Row row,
      Optional<Standardisation.Values> standardised,
      String cohort) {}

  /** groups.csv: the cell columns, the normalised values and the rank, the standardised values, the cohort. */
  static final CsvColumns<GroupsRow> GROUPS =
      CsvColumns.<GroupsRow>of()
          .then(CELL, GroupsRow::cell)
          .and("mpi_norm", r -> num(r.row().mpiNorm()))
          .and("effort_norm", r -> num(r.row().effortNorm()))
          .and("health_norm", r -> num(r.row().healthNorm()))
          // a group without a rank (no residence, no or too few patients) has blank rank and tile
          .and("rank", r -> r.row().ranked() ? String.valueOf(r.row().rank()) : "")
          .and("tile", r -> r.row().ranked() ? String.valueOf(r.row().tile()) : "")
          .and("not_ranked", r -> r.row().unranked())
          .then(STANDARDISED, GroupsRow::standardised)
          .and("cohort", r -> text(r.cohort()));

  /** The columns every cell row has, in order, as a header. */
  static final String CELL_COLUMNS = CELL.header();

  static final String SERIES_HEADER = SERIES.header();

  static final String GROUPS_HEADER = GROUPS.header();

  /**
   * A number for CSV: empty for NaN, else the shortest decimal that parses back to the same double
   * (plain notation between 1e-7 and 1e21, scientific outside).
   */
  static String num(double d) {
    if (Double.isNaN(d)) {
      return "";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "Infinity" : "-Infinity";
    }
    if (d == 0) {
      return "0";
    }
    BigDecimal exact = new BigDecimal(d);
    for (int digits = 1; digits <= 17; digits++) {
      BigDecimal b = exact.round(new MathContext(digits, RoundingMode.HALF_EVEN));
      if (b.doubleValue() == d) {
        b = b.stripTrailingZeros();
        double mag = Math.abs(d);
        return mag >= 1e-7 && mag < 1e21 ? b.toPlainString() : b.toString();
      }
    }
    return Double.toString(d); // unreachable: 17 significant digits always round-trip
  }

  /**
   * A text field for CSV (a group key, a cohort name, a caveat: text that may come from data or
   * arguments): control characters escaped ({@link org.mpindex.core.text.Echo#escape}), a leading
   * {@code = + - @} or tab neutralised with a single quote ({@link
   * org.mpindex.core.text.Csv#textCell}), quoted when it holds a comma or a quote.
   * Numbers never pass through here.
   */
  static String text(String s) {
    return org.mpindex.core.text.Csv.textCell(org.mpindex.core.text.Echo.escape(s));
  }

  /**
   * The change columns of result {@code i}'s {@code group} ({@link Grouping#NATIONAL_KEY}: the
   * national cell) in {@code win}: the decomposed change, then the percent changes, each blank when
   * either of its two windows is suppressed ({@link SuppressionPlan#changeShown}).
   */
  static Changes changes(
      SuppressionPlan plan, int i, Window win, String group, Optional<TimeSeries.Point> point) {
    MpiResult r = plan.results().get(i);
    if (plan.hidden(i, win, group)) {
      return Changes.NONE;
    }
    int at = r.windows().indexOf(win);
    boolean decomposed = at <= 0 || plan.changeShown(i, group, r.windows().get(at - 1), win);
    boolean qoq = plan.changeShown(i, group, win.index() - 1, win);
    boolean yoy =
        r.spec().windowScheme().windowsPerYear().isEmpty()
            || plan.changeShown(
                i, group, win.index() - r.spec().windowScheme().windowsPerYear().getAsInt(), win);
    return new Changes(decomposed ? r.change(win, group) : Optional.empty(), point, qoq, yoy);
  }

  /** The standardised values of {@code group} in {@code window}; empty when {@code hide} or absent. */
  static Optional<Standardisation.Values> standardised(
      MpiResult r, Window window, String group, boolean hide) {
    return hide ? Optional.empty() : r.standardised(window, group);
  }

  /**
   * The strata whose share of a national standard is not shown: the national mix is a count of
   * patients by stratum, so strata of 1 to {@code minCell - 1} patients are hidden, with
   * complementary strata ({@link Suppression#ofCounts}); every stratum when the national cell itself
   * is small. None for a given standard (not a count of the data) or {@code minCell} 1.
   */
  static java.util.Set<org.mpindex.core.index.AgeSexStratum> hiddenStrata(
      MpiResult r, Window win, int minCell) {
    java.util.Map<org.mpindex.core.index.AgeSexStratum, Double> standard = r.standard(win);
    if (minCell <= 1
        || r.spec().standardisation().kind()
            != org.mpindex.core.index.Standardisation.Kind.NATIONAL_POPULATION) {
      return java.util.Set.of();
    }
    long n = r.national(win).map(IndexCell::patients).orElse(0L);
    if (n > 0 && n < minCell) {
      return standard.keySet();
    }
    List<org.mpindex.core.index.AgeSexStratum> keys = new ArrayList<>(standard.keySet());
    long[] counts = new long[keys.size()];
    for (int i = 0; i < counts.length; i++) {
      counts[i] = Math.round(standard.get(keys.get(i)) * n);
    }
    return Suppression.ofCounts(keys, counts, minCell);
  }

  /** standard.csv: the standard population's share of each stratum, window by window (hidden: blank). */
  /**
   * The spec block of a run ({@code spec.txt}): the library version, the command as given, where the
   * input came from, the method's every option and the accounting, so that a table can be tied to the
   * code and the choices that made it. No time stamp: the same run writes the same bytes. Unknown
   * codes seen 1 to {@code minCell - 1} times are shown as {@code <minCell}.
   */
  static String specBlock(
      MpiResult r,
      List<MpiResult> all,
      RunInfo info,
      String commandLine,
      List<String> files,
      int minCell) {
    // the command line, the input's names and the accounting come from the user and the data:
    // escaped (Echo), the command line cut like any echoed message
    return org.mpindex.core.text.Echo.escapeKeepingLayout(
        specText(r, all, info, org.mpindex.core.text.Echo.message(commandLine), files, minCell));
  }

  private static String specText(
      MpiResult r,
      List<MpiResult> all,
      RunInfo info,
      String commandLine,
      List<String> files,
      int minCell) {
    StringBuilder b = new StringBuilder();
    b.append("mpi ")
        .append(org.mpindex.core.MpiVersion.get())
        .append('\n')
        .append("command: ")
        .append(commandLine)
        .append('\n')
        .append("input: ")
        .append(org.mpindex.core.text.Echo.escape(info.source()))
        .append('\n')
        .append("study period: ")
        .append(info.studyPeriod())
        .append('\n')
        .append("health: ")
        .append(r.spec().healthLevel().describe())
        .append(" over ")
        .append(r.burdenDescription())
        .append('\n')
        .append("effort: ")
        .append(r.effortDescription())
        .append('\n');
    if (all.size() > 1) {
      b.append("cohorts: ")
          .append(String.join(", ", all.stream().map(c -> c.spec().cohort().name()).toList()))
          .append('\n');
    }
    b.append("files: ")
        .append(String.join(", ", files))
        .append("\n\nspec:\n")
        .append(r.spec())
        .append('\n')
        .append("\naccounting:\n")
        .append(r.accounting().summary(10, minCell));
    return b.toString();
  }

  /** Writes {@code text} as UTF-8; an I/O error names the file. */
  static void writeText(Path file, String text) {
    try {
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  static void writeStandard(MpiResult r, Path file, int minCell) {
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write("period,age_band,sex,share\n");
      // a hidden share is blank
      for (Window win : r.windows()) {
        java.util.Set<org.mpindex.core.index.AgeSexStratum> hide = hiddenStrata(r, win, minCell);
        for (java.util.Map.Entry<org.mpindex.core.index.AgeSexStratum, Double> e :
            r.standard(win).entrySet()) {
          w.write(
              win.label()
                  + ","
                  + e.getKey().ageBand()
                  + ","
                  + e.getKey().sex().name().charAt(0)
                  + ","
                  + (hide.contains(e.getKey()) ? "" : num(e.getValue()))
                  + "\n");
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  /** Whether any of {@code counts} is a small number, 1 to {@code minCell - 1}. */
  static boolean small(java.util.Collection<Long> counts, int minCell) {
    return counts.stream().anyMatch(n -> n > 0 && n < minCell);
  }

  /** Candidates without a known residence in {@code window}: those of the UNKNOWN group. */
  static long noResidence(MpiResult r, Window window) {
    return r.cell(window, Grouping.UNKNOWN_KEY).map(IndexCell::candidates).orElse(0L);
  }

  static long noResidence(IndexCell group) {
    return group.group().equals(Grouping.UNKNOWN_KEY) ? group.candidates() : 0;
  }

  /** National row then group rows, window by window. */
  static void writeSeries(MpiResult r, RunInfo info, Path file, int minCell) {
    writeSeries(List.of(r), info, file, minCell);
  }

  /**
   * The series of the main index and of its side-by-side cohorts (first the main one), with a
   * {@code cohort} column; small cells suppressed together across the tables ({@link #hidden}).
   */
  static void writeSeries(List<MpiResult> results, RunInfo info, Path file, int minCell) {
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write(SERIES_HEADER + "\n");
      SuppressionPlan plan = SuppressionPlan.of(results, minCell);
      for (int ri = 0; ri < results.size(); ri++) {
        MpiResult r = results.get(ri);
        String cohort = r.spec().cohort().name();
        java.util.Map<String, java.util.Map<Window, TimeSeries.Point>> points =
            new java.util.HashMap<>();
        Function<String, java.util.Map<Window, TimeSeries.Point>> pointsOf =
            g -> {
              java.util.Map<Window, TimeSeries.Point> m = new java.util.HashMap<>();
              (g.equals(Grouping.NATIONAL_KEY) ? r.nationalSeries() : r.series(g))
                  .points()
                  .forEach(p -> m.put(p.window(), p));
              return m;
            };
        for (Window win : r.windows()) {
          String caveat = info.caveat(win);
          java.util.Set<String> hidden = plan.hiddenGroups(win);
          IndexCell nat = r.national(win).orElseThrow();
          // a small national cell is a small cell too
          boolean natHide = plan.nationalHidden(ri, win);
          String natResidence =
              hidden.contains(Grouping.UNKNOWN_KEY) ? "" : String.valueOf(noResidence(r, win));
          w.write(
              SERIES.row(
                      new SeriesRow(
                          new CellRow(nat, natResidence, caveat, natHide, minCell, true),
                          changes(
                              plan,
                              ri,
                              win,
                              Grouping.NATIONAL_KEY,
                              Optional.ofNullable(
                                  points
                                      .computeIfAbsent(Grouping.NATIONAL_KEY, pointsOf)
                                      .get(win))),
                          standardised(r, win, Grouping.NATIONAL_KEY, natHide),
                          cohort))
                  + "\n");
          for (IndexCell c : r.groups(win)) {
            if (c.group().equals(Grouping.NATIONAL_KEY)) {
              continue; // --by national: the one group is the national row, written above
            }
            boolean hide = hidden.contains(c.group());
            // a hidden cell's change, or a change from or to a hidden window, would give values
            // away
            w.write(
                SERIES.row(
                        new SeriesRow(
                            new CellRow(
                                c, String.valueOf(noResidence(c)), caveat, hide, minCell, false),
                            changes(
                                plan,
                                ri,
                                win,
                                c.group(),
                                Optional.ofNullable(
                                    points.computeIfAbsent(c.group(), pointsOf).get(win))),
                            standardised(r, win, c.group(), hide),
                            cohort))
                    + "\n");
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * The groups to hide in {@code window}: the library's plan ({@link SuppressionPlan}) over the main
   * table, each cohort's and each cohort's complement (main minus cohort, the patients outside it),
   * so that no table and no difference of two lets a small count or a suppressed cell be derived.
   */
  static java.util.Set<String> hidden(List<MpiResult> results, Window win, int minCell) {
    return SuppressionPlan.of(results, minCell).hiddenGroups(win);
  }

  /** Every window's group table, in rank order within the window. */
  static void writeGroups(
      MpiResult r,
      RunInfo info,
      Path file,
      Normalisation norm,
      GroupTable.Column rankBy,
      int tiles,
      int minCell) {
    writeGroups(List.of(r), info, file, norm, rankBy, tiles, minCell);
  }

  /** Every window's group table of the main index and each cohort, with a {@code cohort} column. */
  static void writeGroups(
      List<MpiResult> results,
      RunInfo info,
      Path file,
      Normalisation norm,
      GroupTable.Column rankBy,
      int tiles,
      int minCell) {
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write(GROUPS_HEADER + "\n");
      SuppressionPlan plan = SuppressionPlan.of(results, minCell);
      for (MpiResult r : results) {
        String cohort = r.spec().cohort().name();
        for (Window win : r.windows()) {
          String caveat = info.caveat(win);
          for (GroupTable.Row row :
              r.groupTable(win, norm, rankBy, tiles, minCell, plan.hiddenGroups(win)).rows()) {
            w.write(
                GROUPS.row(
                        new GroupsRow(
                            new CellRow(
                                row.cell(),
                                String.valueOf(noResidence(row.cell())),
                                caveat,
                                row.suppressed(),
                                minCell,
                                false),
                            row,
                            standardised(r, win, row.group(), row.suppressed()),
                            cohort))
                    + "\n");
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}
