package org.mpindex.core.index;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.ToDoubleFunction;
import org.mpindex.core.time.Window;

/**
 * The decomposition of one window's group values into MPI, effort and health (the paper's Table 1),
 * normalised, ranked by a named column and classed into equal-size n-tiles (terciles by default).
 *
 * @param window the health window
 * @param normalisation how the {@code *Norm} columns were computed
 * @param rankedBy the column ranks and tiles follow
 * @param tiles number of tiles
 * @param rows in rank order (rank 1 first)
 */
public record GroupTable(Window window, Normalisation normalisation, Column rankedBy, int tiles, List<Row> rows) {

  /** A column to rank by: the raw value, highest ranked first. */
  public enum Column {
    MPI(IndexCell::mpi),
    EFFORT(IndexCell::meanEffort),
    HEALTH(IndexCell::meanHealth),
    PATIENTS(c -> c.patients());

    private final ToDoubleFunction<IndexCell> value;

    Column(ToDoubleFunction<IndexCell> value) {
      this.value = value;
    }

    /** The column's value in a cell. */
    public double of(IndexCell cell) {
      return value.applyAsDouble(cell);
    }
  }

  /**
   * One group.
   *
   * @param cell the group's index
   * @param mpiNorm normalised MPI
   * @param effortNorm normalised mean effort
   * @param healthNorm normalised mean health
   * @param rank 1 for the highest value of the ranking column; groups whose value is NaN rank last
   *     (ties and NaNs ordered by group key)
   * @param tile 1 (top) to {@code tiles}; tile sizes differ by at most one, larger tiles first
   */
  public record Row(IndexCell cell, double mpiNorm, double effortNorm, double healthNorm, int rank, int tile) {
    public String group() {
      return cell.group();
    }
  }

  public GroupTable {
    rows = List.copyOf(rows);
  }

  /**
   * Builds the table.
   *
   * @param cells the groups' cells of one window
   * @param national the national cell of that window (for {@link Normalisation#INDEX_TO_NATIONAL})
   * @param tiles number of tiles, at least 1
   */
  public static GroupTable of(
      List<IndexCell> cells, IndexCell national, Normalisation normalisation, Column rankBy, int tiles) {
    Objects.requireNonNull(normalisation, "normalisation");
    Objects.requireNonNull(rankBy, "rankBy");
    if (tiles < 1) {
      throw new IllegalArgumentException("tiles must be at least 1, got " + tiles);
    }
    List<IndexCell> ranked = new ArrayList<>(cells);
    Comparator<IndexCell> byValue = Comparator.comparingDouble((IndexCell c) -> {
      double v = rankBy.of(c);
      return Double.isNaN(v) ? Double.NEGATIVE_INFINITY : v;
    }).reversed().thenComparing(IndexCell::group);
    ranked.sort(byValue);
    double[] mpi = normalise(ranked, IndexCell::mpi, national, normalisation);
    double[] effort = normalise(ranked, IndexCell::meanEffort, national, normalisation);
    double[] health = normalise(ranked, IndexCell::meanHealth, national, normalisation);
    int n = ranked.size();
    List<Row> rows = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      rows.add(new Row(ranked.get(i), mpi[i], effort[i], health[i], i + 1, tileOf(i, n, tiles)));
    }
    Window w = national != null ? national.window() : (n > 0 ? ranked.get(0).window() : null);
    return new GroupTable(w, normalisation, rankBy, tiles, rows);
  }

  /**
   * The tile (1-based) of the item at 0-based {@code position} among {@code n} ranked items, cut
   * into {@code tiles} groups whose sizes differ by at most one, larger groups first: 52 states in
   * terciles give 18, 17, 17.
   */
  public static int tileOf(int position, int n, int tiles) {
    if (position < 0 || position >= n) {
      throw new IndexOutOfBoundsException("position " + position + " of " + n);
    }
    int base = n / tiles;
    int extra = n % tiles; // the first 'extra' tiles hold base + 1
    int bigBlock = extra * (base + 1);
    if (position < bigBlock) {
      return position / (base + 1) + 1;
    }
    return extra + (position - bigBlock) / base + 1;
  }

  private static double[] normalise(
      List<IndexCell> cells, ToDoubleFunction<IndexCell> f, IndexCell national, Normalisation how) {
    int n = cells.size();
    double[] out = new double[n];
    switch (how) {
      case TIMES_100:
        for (int i = 0; i < n; i++) {
          out[i] = f.applyAsDouble(cells.get(i)) * 100.0;
        }
        return out;
      case INDEX_TO_NATIONAL: {
        double nat = national == null ? Double.NaN : f.applyAsDouble(national);
        for (int i = 0; i < n; i++) {
          out[i] = nat == 0 || Double.isNaN(nat) ? Double.NaN : f.applyAsDouble(cells.get(i)) / nat * 100.0;
        }
        return out;
      }
      default: {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (IndexCell c : cells) {
          double v = f.applyAsDouble(c);
          if (!Double.isNaN(v)) {
            min = Math.min(min, v);
            max = Math.max(max, v);
          }
        }
        for (int i = 0; i < n; i++) {
          double v = f.applyAsDouble(cells.get(i));
          out[i] = Double.isNaN(v) ? Double.NaN : (max == min ? 50.0 : (v - min) / (max - min) * 100.0);
        }
        return out;
      }
    }
  }
}
