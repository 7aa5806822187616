package org.mpindex.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.mpindex.core.index.GroupTable;
import org.mpindex.core.index.IndexCell;
import org.mpindex.core.index.MpiResult;
import org.mpindex.core.index.Normalisation;
import org.mpindex.core.index.TimeSeries;
import org.mpindex.core.time.Window;

/** What demo and compute share: output options, printing, and writing the output directory. */
final class Run {
  private Run() {}

  static final Set<String> OUTPUT_SINGLE =
      Set.of("out", "normalisation", "rank-by", "tiles", "report-window", "min-cell-size");

  static final String OUTPUT_HELP =
      """
                                    output options:
                                      --out DIR                    output directory: series.csv, groups.csv, report.html
                                      --normalisation paper|min-max|x100|national  scale of the group table (paper: the paper's Table 1, MPI and
                                                                   health x100, effort in work RVUs; min-max 0-100; x100; national = 100)
                                      --min-cell-size N            groups with 1 to N-1 patients are suppressed in every output, with a
                                                                   complementary group, and not ranked (11, CMS's minimum cell; 1: off)
                                      --rank-by mpi|effort|health|patients  ranking column (mpi)
                                      --tiles N                    equal-size classes (3: terciles)
                                      --report-window 2009Q3       window of the report's map, bars and table (the last one)\
                                    """;

  static Normalisation normalisation(Args a) {
    return SpecOptions.choose(
        "normalisation",
        a.get("normalisation").orElse("paper"),
        Normalisation.class,
        new String[] {"paper", "min-max", "x100", "national"},
        new Normalisation[] {
          Normalisation.PAPER_TABLE1,
          Normalisation.MIN_MAX,
          Normalisation.TIMES_100,
          Normalisation.INDEX_TO_NATIONAL
        });
  }

  static int minCellSize(Args a) {
    return a.integer("min-cell-size", GroupTable.DEFAULT_MINIMUM_PATIENTS, 1);
  }

  static GroupTable.Column rankBy(Args a) {
    return SpecOptions.choose(
        "rank-by",
        a.get("rank-by").orElse("mpi"),
        GroupTable.Column.class,
        new String[] {"mpi", "effort", "health", "patients"},
        GroupTable.Column.values());
  }

  /** Checks the output options that do not depend on the result, before anything is computed. */
  static void checkOutputOptions(Args a) {
    normalisation(a);
    rankBy(a);
    minCellSize(a);
    a.integer("tiles", 3, 1);
  }

  /** One result's national series, a small (suppressed) window shown as "-". */
  private static void printNational(
      MpiResult r, List<MpiResult> all, int i, int minCell, RunInfo info, PrintStream out) {
    out.println(
        String.format(
            Locale.ROOT,
            "%-10s %9s %9s %10s %9s %8s %8s",
            "period",
            "mpi",
            "mean H",
            "mean M",
            "patients",
            "QoQ %",
            "YoY %"));
    org.mpindex.core.index.SuppressionPlan plan =
        org.mpindex.core.index.SuppressionPlan.of(all, minCell);
    String nat = org.mpindex.core.index.Grouping.NATIONAL_KEY;
    java.util.OptionalInt perYear = r.spec().windowScheme().windowsPerYear();
    for (TimeSeries.Point p : r.nationalSeries().points()) {
      IndexCell c = p.cell();
      String caveat = info.caveat(p.window()).isEmpty() ? "" : "  *";
      // a change from or to a suppressed window would give that window away: "-"
      boolean qoq = plan.changeShown(i, nat, p.window().index() - 1, p.window());
      boolean yoy =
          perYear.isEmpty()
              || plan.changeShown(i, nat, p.window().index() - perYear.getAsInt(), p.window());
      if (plan.nationalHidden(i, p.window())) {
        out.println(
            String.format(
                Locale.ROOT,
                "%-10s %9s %9s %10s %9s %8s %8s%s",
                p.window().label(),
                "-",
                "-",
                "-",
                "-",
                "-",
                "-",
                caveat + "  (small cell, suppressed)"));
        continue;
      }
      out.println(
          String.format(
              Locale.ROOT,
              "%-10s %9s %9s %10s %9d %8s %8s%s",
              p.window().label(),
              Report.f(c.mpi(), 5),
              Report.f(c.meanHealth(), 4),
              Report.f(c.meanEffort(), 3),
              c.patients(),
              qoq ? Report.f(p.changeFromPrevious(), 1) : "-",
              yoy ? Report.f(p.changeFromYearBefore(), 1) : "-",
              caveat));
    }
  }

  /** Prints the national series and the group table, writes the outputs and the accounting. */
  static void finish(
      MpiResult r, Args a, OutputDir outDir, RunInfo info, PrintStream out, PrintStream err) {
    finish(r, a, outDir, info, out, err, Optional.empty());
  }

  /**
   * The same, with {@code more} files written into the output directory with the others (before it
   * replaces {@code --out}); {@code more} returns the names it wrote.
   */
  static void finish(
      MpiResult r,
      Args a,
      OutputDir outDir,
      RunInfo info,
      PrintStream out,
      PrintStream err,
      Optional<java.util.function.Function<Path, List<String>>> more) {
    finish(r, java.util.Map.of(), a, outDir, info, out, err, more);
  }

  /**
   * The same with side-by-side cohorts ({@code IndexAssembler.assembleCohorts}): their national
   * series printed after the main one, their rows in {@code series.csv} and {@code groups.csv} (the
   * column named "cohort"), their trend in the report; small cells suppressed together across the tables.
   */
  static void finish(
      MpiResult r,
      java.util.Map<String, MpiResult> cohorts,
      Args a,
      OutputDir outDir,
      RunInfo info,
      PrintStream out,
      PrintStream err,
      Optional<java.util.function.Function<Path, List<String>>> more) {
    List<MpiResult> all = new java.util.ArrayList<>();
    all.add(r);
    all.addAll(cohorts.values());
    int minCell = minCellSize(a);
    if (r.windows().isEmpty()) {
      throw new UsageException(
          "no index window: the input holds no claim lines in a study period with at least "
              + (r.spec().lag() + 1)
              + " windows");
    }
    Normalisation norm = normalisation(a);
    GroupTable.Column rankBy = rankBy(a);
    int tiles = a.integer("tiles", 3, 1);
    Window reportWindow =
        a.get("report-window")
            .map(
                label ->
                    r.windows().stream()
                        .filter(w -> w.label().equalsIgnoreCase(label))
                        .findFirst()
                        .orElseThrow(
                            () ->
                                new UsageException(
                                    "--report-window "
                                        + label
                                        + " is not one of the index windows "
                                        + r.windows())))
            .orElse(r.windows().get(r.windows().size() - 1));
    out.println(
        "mpi " + org.mpindex.core.MpiVersion.get() + "; study period: " + info.studyPeriod());
    out.println("National MPI (" + r.spec().aggregation() + ")");
    printNational(r, all, 0, minCell, info, out);
    if (!info.caveats().isEmpty()) {
      for (Window w : r.windows()) {
        if (!info.caveat(w).isEmpty()) {
          out.println("  * " + w.label() + ": " + info.caveat(w));
        }
      }
    }
    for (int i = 1; i < all.size(); i++) {
      out.println();
      out.println("Cohort " + all.get(i).spec().cohort().name() + ": national MPI");
      printNational(all.get(i), all, i, minCell, info, out);
    }
    GroupTable table =
        r.groupTable(
            reportWindow, norm, rankBy, tiles, minCell, Outputs.hidden(all, reportWindow, minCell));
    out.println();
    out.println(
        "Groups ("
            + r.spec().grouping()
            + "), "
            + reportWindow.label()
            + ", ranked by "
            + rankBy.name().toLowerCase(Locale.ROOT)
            + ", "
            + norm.name().toLowerCase(Locale.ROOT).replace('_', '-'));
    out.println(
        String.format(
            Locale.ROOT,
            "%4s %-9s %8s %8s %8s %9s %5s",
            "rank",
            "group",
            "mpi",
            "effort",
            "health",
            "patients",
            "tile"));
    for (GroupTable.Row row : table.rows()) {
      out.println(
          String.format(
              Locale.ROOT,
              "%4s %-9s %8s %8s %8s %9s %5s%s",
              row.ranked() ? row.rank() : "-",
              row.group(),
              Report.f(row.mpiNorm(), 2),
              Report.f(row.effortNorm(), 2),
              Report.f(row.healthNorm(), 2),
              row.suppressed() ? "-" : String.valueOf(row.cell().patients()),
              row.ranked() ? row.tile() : "-",
              row.ranked() ? "" : "  not ranked: " + row.unranked()));
    }
    if (r.spec().standardisation().enabled()) {
      out.println();
      out.println(
          "Standard population of "
              + reportWindow.label()
              + " ("
              + r.spec().standardisation()
              + "):");
      java.util.Set<org.mpindex.core.index.AgeSexStratum> hide =
          Outputs.hiddenStrata(r, reportWindow, minCell);
      r.standard(reportWindow)
          .forEach(
              (stratum, share) -> {
                if (hide.contains(stratum)) {
                  out.println(
                      String.format(
                          Locale.ROOT,
                          "  %-6s %-7s %8s",
                          stratum.ageBand(),
                          stratum.sex(),
                          "hidden"));
                } else if (share > 0) {
                  out.println(
                      String.format(
                          Locale.ROOT,
                          "  %-6s %-7s %7s%%",
                          stratum.ageBand(),
                          stratum.sex(),
                          Report.f(share * 100, 2)));
                }
              });
    }
    // every file is written into a temporary directory that replaces --out only when complete
    Path tmp = outDir.begin();
    List<String> written =
        new java.util.ArrayList<>(List.of("series.csv", "groups.csv", "report.html"));
    try {
      Outputs.writeSeries(all, info, tmp.resolve("series.csv"), minCell);
      Outputs.writeGroups(all, info, tmp.resolve("groups.csv"), norm, rankBy, tiles, minCell);
      Report.write(r, table, info, tmp.resolve("report.html"), all);
      if (r.spec().standardisation().enabled()) {
        Outputs.writeStandard(r, tmp.resolve("standard.csv"), minCell);
        written.add("standard.csv");
      }
      if (more.isPresent()) {
        out.println();
        written.addAll(more.get().apply(tmp));
      }
      // last, so that it lists every file of the run
      written.add("spec.txt");
      Outputs.writeText(
          tmp.resolve("spec.txt"),
          Outputs.specBlock(r, all, info, a.commandLine(), written, minCell));
      outDir.commit();
    } catch (RuntimeException | Error e) {
      outDir.abort();
      throw e;
    }
    out.println();
    out.println(
        "wrote "
            + written.stream()
                .map(f -> outDir.target().resolve(f).toString())
                .reduce((x, y) -> x + ", " + y)
                .orElse(""));
    err.println();
    err.println("accounting:");
    err.print(r.accounting().summary(10));
  }
}
