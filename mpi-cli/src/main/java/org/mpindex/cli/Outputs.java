package org.mpindex.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.mpindex.core.index.ExclusionReason;
import org.mpindex.core.index.GroupTable;
import org.mpindex.core.index.IndexCell;
import org.mpindex.core.index.MpiResult;
import org.mpindex.core.index.Normalisation;
import org.mpindex.core.time.Window;

/** The CSV outputs: {@code series.csv} and {@code groups.csv}. */
final class Outputs {
  private Outputs() {}

  static final String SERIES_HEADER =
      "period,group,mpi,mean_health,mean_effort,patients,excluded_zero_effort,ci_low,ci_high";
  static final String GROUPS_HEADER = SERIES_HEADER + ",mpi_norm,effort_norm,health_norm,rank,tile";

  /** A number for CSV: empty for NaN, else up to 8 decimals without trailing zeros. */
  static String num(double d) {
    if (Double.isNaN(d)) {
      return "";
    }
    String s = String.format(Locale.ROOT, "%.8f", d);
    s = s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    return s.equals("-0") ? "0" : s;
  }

  static String row(IndexCell c) {
    return String.join(",", c.window().label(), c.group(), num(c.mpi()), num(c.meanHealth()), num(c.meanEffort()),
        Long.toString(c.patients()), Long.toString(c.excluded(ExclusionReason.ZERO_EFFORT)), num(c.ciLow()),
        num(c.ciHigh()));
  }

  /** National row then group rows, window by window. */
  static void writeSeries(MpiResult r, Path file) {
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write(SERIES_HEADER + "\n");
      for (Window win : r.windows()) {
        w.write(row(r.national(win).orElseThrow()) + "\n");
        for (IndexCell c : r.groups(win)) {
          w.write(row(c) + "\n");
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  /** Every window's group table, in rank order within the window. */
  static void writeGroups(MpiResult r, Path file, Normalisation norm, GroupTable.Column rankBy, int tiles) {
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write(GROUPS_HEADER + "\n");
      for (Window win : r.windows()) {
        for (GroupTable.Row row : r.groupTable(win, norm, rankBy, tiles).rows()) {
          w.write(row(row.cell()) + "," + num(row.mpiNorm()) + "," + num(row.effortNorm()) + ","
              + num(row.healthNorm()) + "," + row.rank() + "," + row.tile() + "\n");
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}
