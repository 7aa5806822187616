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
import org.mpindex.core.index.ChangeDecomposition;
import org.mpindex.core.index.ExclusionReason;
import org.mpindex.core.index.GroupTable;
import org.mpindex.core.index.Grouping;
import org.mpindex.core.index.IndexCell;
import org.mpindex.core.index.Interval;
import org.mpindex.core.index.IntervalMethod;
import org.mpindex.core.index.MpiResult;
import org.mpindex.core.index.Normalisation;
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

  /** The columns every cell row has, in order. */
  static final String CELL_COLUMNS = cellColumns();

  /** series.csv: the cell columns, then the change from the window before, decomposed (ChangeDecomposition). */
  static final String SERIES_HEADER =
      CELL_COLUMNS
          + ",change,change_health,change_effort,change_interaction,change_aggregation"
          + ",qoq_pct,qoq_se,qoq_ci_low,qoq_ci_high,yoy_pct,yoy_se,yoy_ci_low,yoy_ci_high,change_interval_method"
          + Outputs.STD_COLUMNS
          + ",cohort";

  static final String GROUPS_HEADER =
      CELL_COLUMNS
          + ",mpi_norm,effort_norm,health_norm,rank,tile,not_ranked"
          + Outputs.STD_COLUMNS
          + ",cohort";

  /** Directly standardised values ({@code --standardise}); blank when off, suppressed or undefined. */
  static final String STD_COLUMNS = ",std_mpi,std_health,std_effort,std_missing_strata";

  private static String cellColumns() {
    List<String> c =
        new ArrayList<>(
            List.of(
                "period",
                "group",
                "mpi",
                "mean_health",
                "mean_effort",
                "patients",
                "excluded_zero_effort",
                "ci_low",
                "ci_high",
                "standard_error",
                "interval_method",
                "candidates"));
    for (ExclusionReason r : ExclusionReason.values()) {
      if (r != ExclusionReason.ZERO_EFFORT) {
        c.add("excluded_" + r.name().toLowerCase(Locale.ROOT));
      }
    }
    c.addAll(List.of("effort_incomplete", "no_residence", "caveat", "suppressed", "imprecise"));
    return String.join(",", c);
  }

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
   * One cell's columns ({@link #CELL_COLUMNS}).
   *
   * @param noResidence candidates of the cell whose residence is unknown (group UNKNOWN)
   * @param caveat what the reader must know about the window, or ""
   */
  /** A suppressed cell's empty columns: every cell column but period, group, caveat and the two flags. */
  private static final String HIDDEN = ",".repeat(CELL_COLUMNS.split(",").length - 5);

  /** The five change columns; blank for the first window or a group without a cell the window before. */
  static String change(java.util.Optional<ChangeDecomposition> d) {
    if (d.isEmpty()) {
      return ",,,,,";
    }
    ChangeDecomposition x = d.get();
    return ","
        + num(x.change())
        + ","
        + num(x.health())
        + ","
        + num(x.effort())
        + ","
        + num(x.interaction())
        + ","
        + num(x.aggregation());
  }

  /** The nine percent-change columns of a series point; blank when {@code point} is absent. */
  static String percentChanges(java.util.Optional<TimeSeries.Point> point) {
    return percentChanges(point, true, true);
  }

  /**
   * The same, the quarter-over-quarter columns blank unless {@code qoq} and the year-over-year ones
   * unless {@code yoy} (a change next to a suppressed window would give that window's values away).
   */
  static String percentChanges(
      java.util.Optional<TimeSeries.Point> point, boolean qoq, boolean yoy) {
    if (point.isEmpty()) {
      return ",,,,,,,,,";
    }
    TimeSeries.Point p = point.get();
    Interval q = qoq ? p.changeFromPreviousInterval() : Interval.NONE;
    Interval y = yoy ? p.changeFromYearBeforeInterval() : Interval.NONE;
    IntervalMethod method = q.method() != IntervalMethod.NONE ? q.method() : y.method();
    return ","
        + num(qoq ? p.changeFromPrevious() : Double.NaN)
        + ","
        + num(q.standardError())
        + ","
        + num(q.low())
        + ","
        + num(q.high())
        + ","
        + num(yoy ? p.changeFromYearBefore() : Double.NaN)
        + ","
        + num(y.standardError())
        + ","
        + num(y.low())
        + ","
        + num(y.high())
        + ","
        + method.label();
  }

  /**
   * The change columns of result {@code i}'s {@code group} ({@link Grouping#NATIONAL_KEY}: the
   * national cell) in {@code win}: the decomposed change, then the percent changes, each blank when
   * either of its two windows is suppressed ({@link SuppressionPlan#changeShown}).
   */
  static String changes(
      SuppressionPlan plan,
      int i,
      Window win,
      String group,
      java.util.Optional<TimeSeries.Point> point) {
    MpiResult r = plan.results().get(i);
    if (plan.hidden(i, win, group)) {
      return ",,,,," + ",,,,,,,,,";
    }
    int at = r.windows().indexOf(win);
    boolean decomposed = at <= 0 || plan.changeShown(i, group, r.windows().get(at - 1), win);
    boolean qoq = plan.changeShown(i, group, win.index() - 1, win);
    boolean yoy =
        r.spec().windowScheme().windowsPerYear().isEmpty()
            || plan.changeShown(
                i, group, win.index() - r.spec().windowScheme().windowsPerYear().getAsInt(), win);
    return (decomposed ? change(r.change(win, group)) : ",,,,,") + percentChanges(point, qoq, yoy);
  }

  /** The standardised columns of {@code group} in {@code window}; blank when {@code hide} or absent. */
  static String standardised(MpiResult r, Window window, String group, boolean hide) {
    if (hide) {
      return ",,,,";
    }
    return r.standardised(window, group)
        .map(
            v ->
                ","
                    + num(v.mpi())
                    + ","
                    + num(v.meanHealth())
                    + ","
                    + num(v.meanEffort())
                    + ","
                    + v.missingStrata())
        .orElse(",,,,");
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

  static String row(IndexCell c, long noResidence, String caveat) {
    return row(c, String.valueOf(noResidence), caveat, false);
  }

  /**
   * One cell's columns; a suppressed cell ({@link Suppression}) keeps its period and group and shows
   * no count and no value. {@code imprecise} is 1 where the relative standard error (SE / MPI) is 30%
   * or more, the threshold at which CDC and NCHS flag estimates as unreliable.
   */
  static String row(IndexCell c, String noResidence, String caveat, boolean suppressed) {
    return row(c, noResidence, caveat, suppressed, 1, false);
  }

  /**
   * One cell's columns under a minimum cell size. Besides suppressing small cells, counts that could
   * be small are protected when {@code minCell > 1}: a group row shows its patients but not its
   * candidates, exclusions by reason, {@code effort_incomplete} or {@code no_residence} (blank); the
   * national row shows its candidates and exclusions only when none of the exclusions is a small
   * number (1 to {@code minCell - 1}; otherwise all of them are blank, so none can be recovered from
   * candidates - patients), and {@code effort_incomplete} and {@code no_residence} only when not small.
   */
  static String row(
      IndexCell c,
      String noResidence,
      String caveat,
      boolean suppressed,
      int minCell,
      boolean national) {
    StringBuilder b = new StringBuilder(256);
    b.append(c.window().label()).append(',').append(text(c.group()));
    if (suppressed) {
      b.append(HIDDEN).append(',').append(text(caveat)).append(",1,");
      return b.toString();
    }
    boolean protect = minCell > 1;
    boolean exclusions = !protect || (national && !small(c.exclusions().values(), minCell));
    boolean incomplete = !protect || (national && !small(List.of(c.effortIncomplete()), minCell));
    boolean residence =
        !protect
            || (national
                && (noResidence.isEmpty()
                    || !small(List.of(Long.parseLong(noResidence)), minCell)));
    b.append(',')
        .append(num(c.mpi()))
        .append(',')
        .append(num(c.meanHealth()))
        .append(',')
        .append(num(c.meanEffort()))
        .append(',')
        .append(c.patients())
        .append(',')
        .append(exclusions ? String.valueOf(c.excluded(ExclusionReason.ZERO_EFFORT)) : "")
        .append(',')
        .append(num(c.ciLow()))
        .append(',')
        .append(num(c.ciHigh()))
        .append(',')
        .append(num(c.standardError()))
        .append(',')
        .append(c.intervalMethod().label())
        .append(',')
        .append(exclusions ? String.valueOf(c.candidates()) : "");
    for (ExclusionReason r : ExclusionReason.values()) {
      if (r != ExclusionReason.ZERO_EFFORT) {
        b.append(',').append(exclusions ? String.valueOf(c.excluded(r)) : "");
      }
    }
    double rse = c.standardError() / c.mpi();
    return b.append(',')
        .append(incomplete ? String.valueOf(c.effortIncomplete()) : "")
        .append(',')
        .append(residence ? noResidence : "")
        .append(',')
        .append(text(caveat))
        .append(",0,")
        .append(rse >= 0.3 ? "1" : "0")
        .toString();
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
        String cohort = "," + text(r.spec().cohort().name());
        java.util.Map<String, java.util.Map<Window, TimeSeries.Point>> points =
            new java.util.HashMap<>();
        java.util.function.Function<String, java.util.Map<Window, TimeSeries.Point>> pointsOf =
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
          w.write(
              row(
                      nat,
                      hidden.contains(Grouping.UNKNOWN_KEY)
                          ? ""
                          : String.valueOf(noResidence(r, win)),
                      caveat,
                      natHide,
                      minCell,
                      true)
                  + changes(
                      plan,
                      ri,
                      win,
                      Grouping.NATIONAL_KEY,
                      java.util.Optional.ofNullable(
                          points.computeIfAbsent(Grouping.NATIONAL_KEY, pointsOf).get(win)))
                  + standardised(r, win, Grouping.NATIONAL_KEY, natHide)
                  + cohort
                  + "\n");
          for (IndexCell c : r.groups(win)) {
            if (c.group().equals(Grouping.NATIONAL_KEY)) {
              continue; // --by national: the one group is the national row, written above
            }
            boolean hide = hidden.contains(c.group());
            // a hidden cell's change, or a change from or to a hidden window, would give values
            // away
            w.write(
                row(c, String.valueOf(noResidence(c)), caveat, hide, minCell, false)
                    + changes(
                        plan,
                        ri,
                        win,
                        c.group(),
                        java.util.Optional.ofNullable(
                            points.computeIfAbsent(c.group(), pointsOf).get(win)))
                    + standardised(r, win, c.group(), hide)
                    + cohort
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
        String cohort = "," + text(r.spec().cohort().name());
        for (Window win : r.windows()) {
          String caveat = info.caveat(win);
          for (GroupTable.Row row :
              r.groupTable(win, norm, rankBy, tiles, minCell, plan.hiddenGroups(win)).rows()) {
            // a group without a rank (no residence, no or too few patients) has blank rank and tile
            w.write(
                row(
                        row.cell(),
                        String.valueOf(noResidence(row.cell())),
                        caveat,
                        row.suppressed(),
                        minCell,
                        false)
                    + ","
                    + num(row.mpiNorm())
                    + ","
                    + num(row.effortNorm())
                    + ","
                    + num(row.healthNorm())
                    + ","
                    + (row.ranked() ? row.rank() : "")
                    + ","
                    + (row.ranked() ? row.tile() : "")
                    + ","
                    + row.unranked()
                    + standardised(r, win, row.group(), row.suppressed())
                    + cohort
                    + "\n");
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}
