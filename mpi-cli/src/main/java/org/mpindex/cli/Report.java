package org.mpindex.cli;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.mpindex.core.claims.UsState;
import org.mpindex.core.index.ChangeDecomposition;
import org.mpindex.core.index.GroupTable;
import org.mpindex.core.index.Grouping;
import org.mpindex.core.index.IndexCell;
import org.mpindex.core.index.MpiResult;
import org.mpindex.core.index.TimeSeries;
import org.mpindex.core.time.Window;

/**
 * The self-contained HTML report (inline SVG and CSS, no script, no network): the national trend
 * (the paper's Figure 1), a US state tile map coloured by tercile, or by {@code --tiles N} n-tile
 * with one colour each (Figure 2), the decomposition bars
 * by state (Figure 3), the ranked state table (Table 1), and the spec and ingest accounting.
 */
final class Report {
  private Report() {}

  /** Tile-map positions {column, row} of the 52 geographies: a conventional US tile grid. */
  static final Map<UsState, int[]> TILES = tiles();

  private static Map<UsState, int[]> tiles() {
    String[] rows = {
      "AK:0 ME:11",
      "WI:6 VT:10 NH:11",
      "WA:1 ID:2 MT:3 ND:4 MN:5 IL:6 MI:7 NY:9 MA:10",
      "OR:1 NV:2 WY:3 SD:4 IA:5 IN:6 OH:7 PA:8 NJ:9 CT:10 RI:11",
      "CA:1 UT:2 CO:3 NE:4 MO:5 KY:6 WV:7 VA:8 MD:9 DE:10",
      "AZ:2 NM:3 KS:4 AR:5 TN:6 NC:7 SC:8 DC:9",
      "OK:4 LA:5 MS:6 AL:7 GA:8",
      "HI:0 TX:4 FL:9 PR:11"
    };
    Map<UsState, int[]> m = new HashMap<>();
    for (int r = 0; r < rows.length; r++) {
      for (String cell : rows[r].split(" ", -1)) {
        String[] p = cell.split(":", -1);
        m.put(UsState.valueOf(p[0]), new int[] {Integer.parseInt(p[1]), r});
      }
    }
    return Map.copyOf(m);
  }

  static final String[] TILE_COLOURS = {"#1a9850", "#fee08b", "#d73027"};

  /**
   * The colours of {@code n} tiles, top first: the three of {@link #TILE_COLOURS} (green, yellow,
   * red) at tiles 1, (n+1)/2 and n, the others interpolated in RGB between them; one tile is
   * yellow.
   */
  static String[] tileColours(int n) {
    String[] out = new String[n];
    for (int i = 0; i < n; i++) {
      double t = n == 1 ? 0.5 : (double) i / (n - 1);
      int from = t <= 0.5 ? 0 : 1;
      double u = t <= 0.5 ? t * 2 : (t - 0.5) * 2;
      int a = Integer.parseInt(TILE_COLOURS[from].substring(1), 16);
      int b = Integer.parseInt(TILE_COLOURS[from + 1].substring(1), 16);
      int rgb = 0;
      for (int shift = 16; shift >= 0; shift -= 8) {
        int x = (a >> shift) & 0xff;
        int y = (b >> shift) & 0xff;
        rgb |= (int) Math.round(x + (y - x) * u) << shift;
      }
      out[i] = String.format(Locale.ROOT, "#%06x", rgb);
    }
    return out;
  }

  /** What one of {@code n} tiles is called: tercile, quartile, quintile, decile, else tile. */
  static String tileName(int n) {
    return switch (n) {
      case 2 -> "half";
      case 3 -> "tercile";
      case 4 -> "quartile";
      case 5 -> "quintile";
      case 10 -> "decile";
      default -> "tile";
    };
  }

  /** The n-tiles, plural, for headings: "terciles", "halves", "7 tiles". */
  static String tilesName(int n) {
    return switch (n) {
      case 1 -> "one class";
      case 2 -> "halves";
      case 3, 4, 5, 10 -> tileName(n) + "s";
      default -> n + " tiles";
    };
  }

  /**
   * Text for HTML (element content or a quoted attribute): {@code & < > " '} as entities, control
   * characters and bidirectional overrides escaped ({@link
   * org.mpindex.core.text.Echo#escapeKeepingLayout}).
   */
  static String esc(String s) {
    return org.mpindex.core.text.Echo.escapeKeepingLayout(s)
        .replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;")
        .replace("'", "&#39;");
  }

  /** The close of a chart with nothing to draw. */
  private static final String NO_VALUES = "<text x=\"20\" y=\"40\">no index values</text></svg>\n";

  /** The opening tag of a chart: its id, size and accessible label. */
  private static String svgOpen(String id, int width, int height, String label) {
    return "<svg id=\""
        + id
        + "\" xmlns=\"http://www.w3.org/2000/svg\" width=\""
        + width
        + "\" height=\""
        + height
        + "\" role=\"img\" aria-label=\""
        + esc(label)
        + "\">\n";
  }

  /** Line colours of the cohort figure: the total first (the trend's blue). */
  private static final String[] COLOURS = {
    "#2166ac", "#b2182b", "#1b7837", "#762a83", "#e08214", "#35978f", "#8c510a", "#c51b7d"
  };

  /**
   * Figure 1b: each result's national MPI by window, one line per cohort (the total first), on one
   * axis; windows whose cell is small or small outside the cohort are left out, as in the CSV.
   */
  static String cohortTrend(List<MpiResult> all, int minCell) {
    List<Window> windows = all.get(0).windows();
    int width = 900;
    int height = 320;
    int left = 70;
    int top = 20;
    int bottom = 50;
    org.mpindex.core.index.SuppressionPlan plan =
        org.mpindex.core.index.SuppressionPlan.of(all, minCell);
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < all.size(); i++) {
      for (Window w : windows) {
        IndexCell c = all.get(i).national(w).orElse(null);
        if (c != null && c.patients() > 0 && !plan.nationalHidden(i, w)) {
          min = Math.min(min, c.mpi());
          max = Math.max(max, c.mpi());
        }
      }
    }
    StringBuilder svg = new StringBuilder();
    svg.append(svgOpen("cohorts", width, height, "National MPI by cohort"));
    if (min > max) {
      return svg.append(NO_VALUES).toString();
    }
    double pad = (max - min) * 0.15 + 1e-9;
    min -= pad;
    max += pad;
    double plotW = width - left - 180;
    double plotH = height - top - bottom;
    int n = windows.size();
    for (int k = 0; k < n; k++) {
      double x = left + (n == 1 ? plotW / 2 : plotW * k / (n - 1));
      svg.append("<text x=\"")
          .append(f(x, 1))
          .append("\" y=\"")
          .append(height - bottom + 18)
          .append("\" font-size=\"11\" text-anchor=\"middle\">")
          .append(esc(windows.get(k).label()))
          .append("</text>\n");
    }
    for (int i = 0; i < all.size(); i++) {
      String colour = COLOURS[i % COLOURS.length];
      StringBuilder path = new StringBuilder();
      for (int k = 0; k < n; k++) {
        Window w = windows.get(k);
        IndexCell c = all.get(i).national(w).orElse(null);
        if (c == null || c.patients() == 0 || plan.nationalHidden(i, w)) {
          continue;
        }
        double x = left + (n == 1 ? plotW / 2 : plotW * k / (n - 1));
        double y = top + plotH - plotH * (c.mpi() - min) / (max - min);
        path.append(path.length() == 0 ? "M" : " L").append(f(x, 1)).append(',').append(f(y, 1));
        svg.append("<circle cx=\"")
            .append(f(x, 1))
            .append("\" cy=\"")
            .append(f(y, 1))
            .append("\" r=\"3\" fill=\"")
            .append(colour)
            .append("\"><title>")
            .append(esc(all.get(i).spec().cohort().name()))
            .append(' ')
            .append(esc(w.label()))
            .append(": ")
            .append(f(c.mpi(), 4))
            .append(" (")
            .append(c.patients())
            .append(" patients)</title></circle>\n");
      }
      svg.append("<path class=\"cohort\" d=\"")
          .append(path)
          .append("\" fill=\"none\" stroke=\"")
          .append(colour)
          .append("\" stroke-width=\"2\"/>\n");
      svg.append("<text x=\"")
          .append(width - 170)
          .append("\" y=\"")
          .append(top + 16 * (i + 1))
          .append("\" font-size=\"12\" fill=\"")
          .append(colour)
          .append("\">")
          .append(
              esc(
                  i == 0
                      ? "total (" + all.get(0).spec().cohort().name() + ")"
                      : all.get(i).spec().cohort().name()))
          .append("</text>\n");
    }
    return svg.append("</svg>\n").toString();
  }

  /**
   * Figure 1c: the real-time national MPI of the window ending on each day ({@code --realtime-until});
   * small (suppressed) windows left out.
   */
  static String realTimeTrend(
      List<java.time.LocalDate> ends, List<IndexCell> cells, int windowDays, int minCell) {
    StringBuilder h =
        new StringBuilder(
            "<h2>Figure 1c. Real-time national MPI, "
                + windowDays
                + "-day window ending on each day</h2>\n");
    int width = 900;
    int height = 260;
    int left = 70;
    int top = 20;
    int bottom = 40;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (IndexCell c : cells) {
      if (c.patients() >= minCell && !Double.isNaN(c.mpi())) {
        min = Math.min(min, c.mpi());
        max = Math.max(max, c.mpi());
      }
    }
    h.append(svgOpen("realtime", width, height, "Real-time national MPI"));
    if (min > max) {
      return h.append(NO_VALUES).toString();
    }
    double pad = (max - min) * 0.15 + 1e-9;
    min -= pad;
    max += pad;
    double plotW = width - left - 20;
    double plotH = height - top - bottom;
    int n = ends.size();
    StringBuilder path = new StringBuilder();
    for (int k = 0; k < n; k++) {
      IndexCell c = cells.get(k);
      if (c.patients() < minCell || Double.isNaN(c.mpi())) {
        continue;
      }
      double x = left + (n == 1 ? plotW / 2 : plotW * k / (n - 1));
      double y = top + plotH - plotH * (c.mpi() - min) / (max - min);
      path.append(path.length() == 0 ? "M" : " L").append(f(x, 1)).append(',').append(f(y, 1));
    }
    h.append("<path d=\"")
        .append(path)
        .append("\" fill=\"none\" stroke=\"#2166ac\" stroke-width=\"1.5\"/>\n");
    h.append("<text x=\"")
        .append(left)
        .append("\" y=\"")
        .append(height - 12)
        .append("\" font-size=\"11\">")
        .append(esc(ends.get(0).toString()))
        .append("</text>\n");
    h.append("<text x=\"")
        .append(width - 20)
        .append("\" y=\"")
        .append(height - 12)
        .append("\" font-size=\"11\" text-anchor=\"end\">")
        .append(esc(ends.get(n - 1).toString()))
        .append("</text>\n");
    h.append("<text x=\"4\" y=\"")
        .append(top + 10)
        .append("\" font-size=\"11\">")
        .append(f(max, 3))
        .append("</text>\n<text x=\"4\" y=\"")
        .append(top + plotH)
        .append("\" font-size=\"11\">")
        .append(f(min, 3))
        .append("</text>\n");
    return h.append("</svg>\n").toString();
  }

  /** How a cell's interval was made, for a tooltip. */
  static String intervalName(IndexCell c) {
    return switch (c.intervalMethod()) {
      case STUDENT_T -> "Student's t, " + (c.patients() - 1) + " df";
      case DELTA -> "delta method, t with " + (c.patients() - 1) + " df";
      case BOOTSTRAP_PERCENTILE -> "bootstrap percentile";
      case BOOTSTRAP_BCA -> "bootstrap BCa";
      default -> "none";
    };
  }

  static String f(double d, int decimals) {
    return Double.isNaN(d) ? "n/a" : String.format(Locale.ROOT, "%." + decimals + "f", d);
  }

  static void write(MpiResult r, GroupTable table, RunInfo info, Path file) {
    write(r, table, info, file, List.of(r));
  }

  /** The report, with a figure of the cohorts' national series beside the total when {@code all} holds cohorts. */
  static void write(MpiResult r, GroupTable table, RunInfo info, Path file, List<MpiResult> all) {
    Outputs.writeText(file, html(r, table, info, all));
  }

  static String html(MpiResult r, GroupTable table, RunInfo info) {
    return html(r, table, info, List.of(r));
  }

  static String html(MpiResult r, GroupTable table, RunInfo info, List<MpiResult> all) {
    String title = info.title();
    StringBuilder h = new StringBuilder(64 * 1024);
    h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<title>")
        .append(esc(title))
        .append("</title>\n<style>\n")
        .append(
            "body{font-family:Helvetica,Arial,sans-serif;margin:24px auto;max-width:1100px;color:#222}")
        .append("h1{font-size:24px}h2{font-size:18px;margin-top:32px;border-bottom:1px solid #ccc}")
        .append(
            "table{border-collapse:collapse;font-size:13px}td,th{padding:3px 8px;border-bottom:1px solid #eee;text-align:right}")
        .append(
            "th{background:#f4f4f4}td.l,th.l{text-align:left}pre{background:#f8f8f8;padding:8px;font-size:12px;overflow-x:auto}")
        .append(
            ".note{color:#555;font-size:13px}.legend span{display:inline-block;width:14px;height:14px;margin:0 4px 0 12px;vertical-align:middle}")
        .append("\n</style></head><body>\n");
    h.append("<h1>")
        .append(esc(title))
        .append("</h1>\n<p class=\"note\">")
        .append(esc(info.source()))
        .append("<br>")
        .append("Study period: ")
        .append(esc(info.studyPeriod()))
        .append(".<br>")
        .append("Health: ")
        .append(esc(r.spec().healthLevel().describe()))
        .append(" over ")
        .append(esc(r.burdenDescription()))
        .append(". Effort: ")
        .append(esc(r.effortDescription()))
        .append(".</p>\n");
    if (!info.caveats().isEmpty()) {
      h.append("<div id=\"caveats\" class=\"note\"><b>Caveats.</b><ul>\n");
      for (Window cw : r.windows()) {
        if (!info.caveat(cw).isEmpty()) {
          h.append("<li>")
              .append(esc(cw.label()))
              .append(": ")
              .append(esc(info.caveat(cw)))
              .append("</li>\n");
        }
      }
      h.append("</ul></div>\n");
    }

    h.append("<h2>Figure 1. National MPI by quarter, with 95% intervals</h2>\n")
        .append("<p class=\"note\">Intervals: ")
        .append(esc(r.spec().intervals().toString()))
        .append(".</p>\n")
        .append(
            trend(
                r.nationalSeries(),
                info,
                table.minimumPatients(),
                org.mpindex.core.index.SuppressionPlan.of(all, table.minimumPatients())));
    if (all.size() > 1) {
      h.append("<h2>Figure 1b. National MPI by cohort, side by side with the total</h2>\n")
          .append(cohortTrend(all, table.minimumPatients()));
    }
    h.append(info.extraFigures());
    Window w = table.window();
    h.append("<h2>Figure 2. MPI by state, ")
        .append(esc(w.label()))
        .append(", in ")
        .append(tilesName(table.tiles()))
        .append("</h2>\n")
        .append(tileMap(table));
    h.append("<h2>Figure 3. Decomposition by state, ")
        .append(esc(w.label()))
        .append(" (")
        .append(esc(table.normalisation().name().toLowerCase(Locale.ROOT).replace('_', '-')))
        .append(")</h2>\n")
        .append(bars(table));
    h.append("<h2>Table 1. States ranked by ")
        .append(esc(table.rankedBy().name().toLowerCase(Locale.ROOT)))
        .append(", ")
        .append(esc(w.label()))
        .append("</h2>\n")
        .append(rankTable(table));
    h.append(changeTable(r, table, all));
    h.append(standardTable(r, table));
    h.append("<h2>Method and accounting</h2>\n<p class=\"version\">Computed with mpi ")
        .append(esc(org.mpindex.core.MpiVersion.get()))
        .append(" (cite this version with the spec below).</p>\n<pre>")
        .append(esc(r.spec().toString()))
        .append("</pre>\n<pre>")
        .append(esc(r.accounting().summary(10, table.minimumPatients())))
        .append("</pre>\n");
    h.append("</body></html>\n");
    return h.toString();
  }

  static String trend(TimeSeries s, RunInfo info) {
    return trend(s, info, 1);
  }

  /** The trend line without the windows whose national cell is small (1 to {@code minCell - 1} patients). */
  static String trend(TimeSeries s, RunInfo info, int minCell) {
    return trend(s, info, minCell, null);
  }

  /** The same, also without the windows whose national cell {@code plan} hides (when not null). */
  static String trend(
      TimeSeries s, RunInfo info, int minCell, org.mpindex.core.index.SuppressionPlan plan) {
    List<TimeSeries.Point> pts =
        s.points().stream()
            .filter(
                p ->
                    !Double.isNaN(p.mpi())
                        && !(p.cell().patients() > 0 && p.cell().patients() < minCell)
                        && (plan == null || !plan.nationalHidden(0, p.window())))
            .toList();
    int width = 900;
    int height = 300;
    int left = 70;
    int right = 20;
    int top = 20;
    int bottom = 50;
    StringBuilder svg = new StringBuilder();
    svg.append(svgOpen("trend", width, height, "National MPI by quarter"));
    if (pts.isEmpty()) {
      return svg.append(NO_VALUES).toString();
    }
    // the axis holds the 95% intervals too (Student's t; drawn as whiskers where defined)
    double min =
        pts.stream()
            .mapToDouble(
                p ->
                    Double.isFinite(p.cell().ciLow())
                        ? Math.min(p.mpi(), p.cell().ciLow())
                        : p.mpi())
            .min()
            .getAsDouble();
    double max =
        pts.stream()
            .mapToDouble(
                p ->
                    Double.isFinite(p.cell().ciHigh())
                        ? Math.max(p.mpi(), p.cell().ciHigh())
                        : p.mpi())
            .max()
            .getAsDouble();
    double pad = (max - min) * 0.15 + 1e-9;
    min -= pad;
    max += pad;
    double plotW = width - left - right;
    double plotH = height - top - bottom;
    int n = pts.size();
    svg.append("<line x1=\"")
        .append(left)
        .append("\" y1=\"")
        .append(top)
        .append("\" x2=\"")
        .append(left)
        .append("\" y2=\"")
        .append(height - bottom)
        .append("\" stroke=\"#888\"/>\n");
    svg.append("<line x1=\"")
        .append(left)
        .append("\" y1=\"")
        .append(height - bottom)
        .append("\" x2=\"")
        .append(width - right)
        .append("\" y2=\"")
        .append(height - bottom)
        .append("\" stroke=\"#888\"/>\n");
    for (int k = 0; k <= 4; k++) {
      double v = min + (max - min) * k / 4;
      double y = top + plotH - plotH * k / 4;
      svg.append("<text x=\"")
          .append(left - 8)
          .append("\" y=\"")
          .append(f(y + 4, 1))
          .append("\" font-size=\"11\" text-anchor=\"end\">")
          .append(f(v, 4))
          .append("</text>\n");
      svg.append("<line x1=\"")
          .append(left)
          .append("\" y1=\"")
          .append(f(y, 1))
          .append("\" x2=\"")
          .append(width - right)
          .append("\" y2=\"")
          .append(f(y, 1))
          .append("\" stroke=\"#eee\"/>\n");
    }
    StringBuilder path = new StringBuilder();
    for (int i = 0; i < n; i++) {
      TimeSeries.Point p = pts.get(i);
      double x = left + 30 + (n == 1 ? (plotW - 60) / 2 : (plotW - 60) * i / (n - 1));
      double y = top + plotH - plotH * (p.mpi() - min) / (max - min);
      path.append(i == 0 ? "" : " ").append(f(x, 1)).append(',').append(f(y, 1));
      String caveat = info.caveat(p.window());
      IndexCell c = p.cell();
      if (Double.isFinite(c.ciLow()) && Double.isFinite(c.ciHigh())) {
        double yLow = top + plotH - plotH * (c.ciLow() - min) / (max - min);
        double yHigh = top + plotH - plotH * (c.ciHigh() - min) / (max - min);
        svg.append("<line class=\"ci\" x1=\"")
            .append(f(x, 1))
            .append("\" y1=\"")
            .append(f(yLow, 1))
            .append("\" x2=\"")
            .append(f(x, 1))
            .append("\" y2=\"")
            .append(f(yHigh, 1))
            .append("\" stroke=\"#92c5de\" stroke-width=\"3\">")
            .append("<title>95% interval ")
            .append(f(c.ciLow(), 4))
            .append(" to ")
            .append(f(c.ciHigh(), 4))
            .append(" (")
            .append(intervalName(c))
            .append(")</title></line>\n");
      }
      svg.append("<circle cx=\"")
          .append(f(x, 1))
          .append("\" cy=\"")
          .append(f(y, 1))
          .append("\" r=\"4\" fill=\"")
          .append(
              caveat.isEmpty()
                  ? "#2166ac\""
                  : "#ffffff\" stroke=\"#b2182b\" stroke-width=\"2\" class=\"caveat\"")
          .append("><title>")
          .append(esc(p.window().label()))
          .append(": ")
          .append(f(p.mpi(), 4))
          .append(caveat.isEmpty() ? "" : " (" + esc(caveat) + ")")
          .append("</title></circle>\n");
      svg.append("<text x=\"")
          .append(f(x, 1))
          .append("\" y=\"")
          .append(height - bottom + 18)
          .append("\" font-size=\"11\" text-anchor=\"middle\">")
          .append(esc(p.window().label()))
          .append("</text>\n");
      svg.append("<text x=\"")
          .append(f(x, 1))
          .append("\" y=\"")
          .append(f(y - 9, 1))
          .append("\" font-size=\"10\" text-anchor=\"middle\" fill=\"#333\">")
          .append(f(p.mpi(), 3))
          .append("</text>\n");
    }
    svg.append("<polyline fill=\"none\" stroke=\"#2166ac\" stroke-width=\"2\" points=\"")
        .append(path)
        .append("\"/>\n");
    svg.append("<text x=\"16\" y=\"")
        .append(top + plotH / 2)
        .append("\" font-size=\"12\" transform=\"rotate(-90 16 ")
        .append(top + plotH / 2)
        .append(")\" text-anchor=\"middle\">MPI (health per work RVU)</text>\n");
    return svg.append("</svg>\n").toString();
  }

  static String tileMap(GroupTable table) {
    Map<String, GroupTable.Row> byState = new HashMap<>();
    table.rows().forEach(row -> byState.put(row.group(), row));
    int size = 52;
    int gap = 4;
    StringBuilder svg = new StringBuilder();
    svg.append("<svg id=\"tilemap\" xmlns=\"http://www.w3.org/2000/svg\" width=\"")
        .append(12 * (size + gap) + 20)
        .append("\" height=\"")
        .append(8 * (size + gap) + 20)
        .append("\" role=\"img\" aria-label=\"MPI ")
        .append(tilesName(table.tiles()))
        .append(" by state\">\n");
    String[] colours = tileColours(table.tiles());
    for (UsState s : UsState.REFERENCE) {
      int[] p = TILES.get(s);
      int x = 10 + p[0] * (size + gap);
      int y = 10 + p[1] * (size + gap);
      GroupTable.Row row = byState.get(s.usps());
      String colour = row == null || !row.ranked() ? "#cccccc" : colours[row.tile() - 1];
      svg.append("<g class=\"tile\" data-state=\"")
          .append(s.usps())
          .append("\"><rect x=\"")
          .append(x)
          .append("\" y=\"")
          .append(y)
          .append("\" width=\"")
          .append(size)
          .append("\" height=\"")
          .append(size)
          .append("\" rx=\"4\" fill=\"")
          .append(colour)
          .append("\"><title>")
          .append(esc(s.fullName()))
          .append(
              row == null
                  ? ": no data"
                  : row.suppressed()
                      ? ": suppressed (small cell)"
                      : !row.ranked()
                          ? ": not ranked (" + esc(row.unranked()) + ")"
                          : ": MPI "
                              + f(row.cell().mpi(), 4)
                              + ", "
                              + tileName(table.tiles())
                              + " "
                              + row.tile()
                              + " of "
                              + table.tiles())
          .append("</title></rect><text x=\"")
          .append(x + size / 2)
          .append("\" y=\"")
          .append(y + size / 2 + 5)
          .append("\" font-size=\"14\" text-anchor=\"middle\" fill=\"#111\">")
          .append(s.usps())
          .append("</text></g>\n");
    }
    // one legend entry per tile, in the tiles' colours
    svg.append("</svg>\n<div class=\"legend\">");
    int n = colours.length;
    for (int i = 0; i < n; i++) {
      String label =
          n == 1
              ? "all ranked"
              : i == 0
                  ? "high (top " + tileName(n) + ")"
                  : i == n - 1 ? "low" : n == 3 ? "medium" : String.valueOf(i + 1);
      svg.append("<span style=\"background:").append(colours[i]).append("\"></span>").append(label);
    }
    svg.append(
        "<span style=\"background:#cccccc\"></span>no data, not ranked or suppressed (small cell)</div>\n");
    return svg.toString();
  }

  static String bars(GroupTable table) {
    List<GroupTable.Row> rows = table.rows();
    int rowH = 16;
    int labelW = 50;
    int barW = 260;
    int width = labelW + 3 * (barW + 20) + 20;
    int height = 30 + rows.size() * rowH;
    double scale = 100;
    for (GroupTable.Row r : rows) {
      for (double v : new double[] {r.mpiNorm(), r.effortNorm(), r.healthNorm()}) {
        if (!Double.isNaN(v)) {
          scale = Math.max(scale, v);
        }
      }
    }
    StringBuilder svg = new StringBuilder();
    svg.append("<svg id=\"decomposition\" xmlns=\"http://www.w3.org/2000/svg\" width=\"")
        .append(width)
        .append("\" height=\"")
        .append(height)
        .append("\" role=\"img\" aria-label=\"Decomposition by state\">\n");
    String[] heads = {"MPI", "physician effort", "health level"};
    String[] colours = {"#4d4d4d", "#b2182b", "#2166ac"};
    for (int k = 0; k < 3; k++) {
      svg.append("<text x=\"")
          .append(labelW + k * (barW + 20))
          .append("\" y=\"16\" font-size=\"13\" font-weight=\"bold\">")
          .append(heads[k])
          .append("</text>\n");
    }
    for (int i = 0; i < rows.size(); i++) {
      GroupTable.Row r = rows.get(i);
      int y = 26 + i * rowH;
      svg.append("<text x=\"")
          .append(labelW - 6)
          .append("\" y=\"")
          .append(y + 11)
          .append("\" font-size=\"11\" text-anchor=\"end\">")
          .append(esc(r.group()))
          .append("</text>\n");
      double[] vals = {r.mpiNorm(), r.effortNorm(), r.healthNorm()};
      for (int k = 0; k < 3; k++) {
        double v = Double.isNaN(vals[k]) ? 0 : Math.max(0, vals[k]);
        svg.append("<rect class=\"bar\" x=\"")
            .append(labelW + k * (barW + 20))
            .append("\" y=\"")
            .append(y)
            .append("\" width=\"")
            .append(f(barW * v / scale, 1))
            .append("\" height=\"")
            .append(rowH - 4)
            .append("\" fill=\"")
            .append(colours[k])
            .append("\"><title>")
            .append(esc(r.group()))
            .append(' ')
            .append(heads[k])
            .append(": ")
            .append(f(vals[k], 2))
            .append("</title></rect>\n");
      }
    }
    return svg.append("</svg>\n").toString();
  }

  /**
   * Table 2: the change of the MPI from the window before, split into health, effort, interaction
   * and aggregation parts (ChangeDecomposition), nationally and for the ranked groups; empty for the
   * first index window.
   */
  /**
   * Table 3 when the spec standardises: the standard population of the report window, and each shown
   * group's crude and age/sex-standardised MPI; empty otherwise.
   */
  static String standardTable(MpiResult r, GroupTable table) {
    if (!r.spec().standardisation().enabled()) {
      return "";
    }
    Window w = table.window();
    StringBuilder h = new StringBuilder();
    h.append("<h2 id=\"standardised\">Table 3. Age/sex-standardised MPI, ")
        .append(esc(w.label()))
        .append("</h2>\n")
        .append("<p class=\"note\">")
        .append(esc(r.spec().standardisation().toString()))
        .append(". Standard population (share of patients): ");
    StringBuilder shares = new StringBuilder();
    java.util.Set<org.mpindex.core.index.AgeSexStratum> hide =
        Outputs.hiddenStrata(r, w, table.minimumPatients());
    r.standard(w)
        .forEach(
            (stratum, share) -> {
              if (hide.contains(stratum)) {
                shares
                    .append(shares.length() == 0 ? "" : "; ")
                    .append(esc(stratum.ageBand()))
                    .append(' ')
                    .append(stratum.sex().name().charAt(0))
                    .append(" (small, hidden)");
              } else if (share > 0) {
                shares
                    .append(shares.length() == 0 ? "" : "; ")
                    .append(esc(stratum.ageBand()))
                    .append(' ')
                    .append(stratum.sex().name().charAt(0))
                    .append(' ')
                    .append(f(share * 100, 1))
                    .append('%');
              }
            });
    h.append(shares)
        .append(
            ". A group without patients in a stratum of the standard has no standardised value."
                + "</p>\n<table><tr><th>group</th><th>MPI</th><th>standardised MPI</th><th>strata missing</th></tr>\n");
    for (GroupTable.Row row : table.rows()) {
      if (row.suppressed()) {
        continue;
      }
      r.standardised(w, row.group())
          .ifPresent(
              v ->
                  h.append("<tr><td>")
                      .append(esc(row.group()))
                      .append("</td><td>")
                      .append(f(row.cell().mpi(), 5))
                      .append("</td><td>")
                      .append(f(v.mpi(), 5))
                      .append("</td><td>")
                      .append(v.missingStrata())
                      .append("</td></tr>\n"));
    }
    return h.append("</table>\n").toString();
  }

  static String changeTable(MpiResult r, GroupTable table) {
    return changeTable(r, table, List.of(r));
  }

  /**
   * Table 2 with the cells suppressed in either window left out ({@link
   * org.mpindex.core.index.SuppressionPlan#changeShown}): a change from or to a suppressed window
   * would give that window's values away. {@code all}: the results published together, {@code r}
   * first.
   */
  static String changeTable(MpiResult r, GroupTable table, List<MpiResult> all) {
    Window w = table.window();
    java.util.Optional<ChangeDecomposition> nat = r.change(w, Grouping.NATIONAL_KEY);
    if (nat.isEmpty()) {
      return "";
    }
    org.mpindex.core.index.SuppressionPlan plan =
        org.mpindex.core.index.SuppressionPlan.of(all, table.minimumPatients());
    StringBuilder t =
        new StringBuilder("<h2>Table 2. Change of the MPI from ")
            .append(esc(nat.get().previous().label()))
            .append(" to ")
            .append(esc(w.label()))
            .append(
                ", decomposed</h2>\n<p>health = (h1 - h0) / m0, effort = h0 (1/m1"
                    + " - 1/m0), interaction = (h1 - h0)(1/m1 - 1/m0), aggregation = the change of MPI - h/m; they add up"
                    + " to the change.</p>\n<table id=\"change\"><tr><th class=\"l\">group</th><th>change</th><th>health</th>"
                    + "<th>effort</th><th>interaction</th><th>aggregation</th></tr>\n");
    List<ChangeDecomposition> rows = new java.util.ArrayList<>();
    if (plan.changeShown(0, Grouping.NATIONAL_KEY, nat.get().previous(), w)) {
      rows.add(nat.get());
    }
    for (GroupTable.Row row : table.ranked()) {
      r.change(w, row.group())
          .filter(d -> plan.changeShown(0, row.group(), d.previous(), w))
          .ifPresent(rows::add);
    }
    for (ChangeDecomposition d : rows) {
      t.append("<tr><td class=\"l\">")
          .append(esc(d.group()))
          .append("</td><td>")
          .append(f(d.change(), 5))
          .append("</td><td>")
          .append(f(d.health(), 5))
          .append("</td><td>")
          .append(f(d.effort(), 5))
          .append("</td><td>")
          .append(f(d.interaction(), 5))
          .append("</td><td>")
          .append(f(d.aggregation(), 5))
          .append("</td></tr>\n");
    }
    return t.append("</table>\n").toString();
  }

  static String rankTable(GroupTable table) {
    StringBuilder t =
        new StringBuilder(
            "<table id=\"ranking\"><tr><th>rank</th><th class=\"l\">state</th><th>MPI</th>"
                + "<th>physician effort</th><th>health level</th><th>MPI (raw)</th><th>mean effort (work RVU)</th>"
                + "<th>mean health</th><th>patients</th><th>"
                + tileName(table.tiles())
                + "</th></tr>\n");
    for (GroupTable.Row r : table.rows()) {
      IndexCell c = r.cell();
      String name = r.group();
      try {
        name = UsState.parse(r.group()).fullName();
      } catch (RuntimeException notAState) {
        // county or other key: keep it
      }
      t.append("<tr><td>")
          .append(r.ranked() ? String.valueOf(r.rank()) : "&ndash;")
          .append("</td><td class=\"l\">")
          .append(esc(name))
          .append("</td><td>")
          .append(f(r.mpiNorm(), 2))
          .append("</td><td>")
          .append(f(r.effortNorm(), 2))
          .append("</td><td>")
          .append(f(r.healthNorm(), 2))
          .append("</td><td>")
          .append(r.suppressed() ? "suppressed" : f(c.mpi(), 4))
          .append("</td><td>")
          .append(r.suppressed() ? "" : f(c.meanEffort(), 3))
          .append("</td><td>")
          .append(r.suppressed() ? "" : f(c.meanHealth(), 4))
          .append("</td><td>")
          .append(r.suppressed() ? "suppressed" : String.valueOf(c.patients()))
          .append("</td><td>")
          .append(r.ranked() ? String.valueOf(r.tile()) : "not ranked: " + esc(r.unranked()))
          .append("</td></tr>\n");
    }
    return t.append("</table>\n").toString();
  }
}
