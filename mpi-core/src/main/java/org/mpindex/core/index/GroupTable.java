package org.mpindex.core.index;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.ToDoubleFunction;
import org.mpindex.core.time.Window;

/**
 * The decomposition of one window's group values into MPI, effort and health (the paper's Table 1),
 * shown on a {@link Normalisation} scale, ranked by a named column and classed into n-tiles
 * (terciles by default).
 *
 * <p>Only groups that can be compared are ranked: a group with no residence ({@value
 * Grouping#UNKNOWN_KEY}), without patients (or without a value in the ranking column) or with fewer
 * patients than {@code minimumPatients} gets no rank and no tile, takes no part in min-max, and is
 * listed after the ranked groups with its reason ({@link Row#unranked()}). Small cells are suppressed
 * ({@link Suppression}: 1 to {@code minimumPatients - 1} patients, and complementary cells so that
 * none can be recovered from the national count): {@link Row#suppressed()}, NaN scaled values, no rank.
 *
 * <p><b>Ties.</b> Equal values of the ranking column share a rank (standard competition ranking:
 * 1, 2, 2, 4) and a tile. <b>Tiles.</b> {@code n} ranked groups are cut into {@code tiles} classes
 * by position, the class sizes differing by at most one, the larger classes first (52 states in
 * terciles: 18, 17, 17); a group takes the class of its rank's position ({@code rank - 1}), so tied
 * groups all take the class of the first of them, and a class can hold more than its share (and a
 * later one fewer) when a tie straddles a cut.
 *
 * @param window the health window
 * @param normalisation how the {@code *Norm} columns were computed
 * @param rankedBy the column ranks and tiles follow
 * @param tiles number of tiles
 * @param minimumPatients groups with fewer patients are not ranked
 * @param rows the ranked groups in rank order (ties by group key), then the unranked by group key
 */
public record GroupTable(
    Window window,
    Normalisation normalisation,
    Column rankedBy,
    int tiles,
    int minimumPatients,
    List<Row> rows) {

  /**
   * The smallest group ranked by default: 11 patients, the minimum cell size of CMS's data release
   * policy (cells of 1-10 beneficiaries are suppressed in CMS publications).
   */
  public static final int DEFAULT_MINIMUM_PATIENTS = 11;

  /** Why a group has no rank. */
  public static final String NO_RESIDENCE = "no residence";

  public static final String NO_PATIENTS = "no patients";
  public static final String NO_VALUE = "no value to rank by";
  public static final String TOO_FEW_PATIENTS = "fewer patients than the minimum";

  /**
   * Why a suppressed group has no rank ({@link Suppression}), whether it is small itself (primary)
   * or hidden to protect a small one (complementary): one label for both, so that the label does not
   * tell a reader which suppressed groups are small.
   */
  public static final String SUPPRESSED = "suppressed (small cell or complement)";

  /** A column to rank by: the raw value, highest ranked first. */
  public enum Column {
    MPI(IndexCell::mpi),
    EFFORT(IndexCell::meanEffort),
    HEALTH(IndexCell::meanHealth),
    PATIENTS(c -> c.patients());

    // a method reference of IndexCell's accessors: stateless, so the constant stays immutable
    @SuppressWarnings("ImmutableEnumChecker")
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
   * @param mpiNorm MPI on the table's scale
   * @param effortNorm mean effort on the table's scale
   * @param healthNorm mean health on the table's scale
   * @param rank 1 for the highest value of the ranking column, equal values sharing a rank; 0 when
   *     not ranked
   * @param tile 1 (top) to the number of tiles; 0 when not ranked
   * @param unranked why the group is not ranked ({@link #NO_RESIDENCE}, {@link #NO_PATIENTS},
   *     {@link #NO_VALUE}, {@link #TOO_FEW_PATIENTS}, {@link #SUPPRESSED}: every suppressed row,
   *     primary or complementary, says {@link #SUPPRESSED}); empty when it is
   * @param suppressed whether outputs must hide the cell's counts and values ({@link Suppression},
   *     with {@code minimumPatients} as the minimum); its {@code *Norm} values are then NaN
   */
  public record Row(
      IndexCell cell,
      double mpiNorm,
      double effortNorm,
      double healthNorm,
      int rank,
      int tile,
      String unranked,
      boolean suppressed) {
    public String group() {
      return cell.group();
    }

    /** Whether the group has a rank and a tile. */
    public boolean ranked() {
      return unranked.isEmpty();
    }
  }

  public GroupTable {
    rows = List.copyOf(rows);
  }

  /** The ranked rows, in rank order. */
  public List<Row> ranked() {
    return rows.stream().filter(Row::ranked).toList();
  }

  /** The rows without a rank, by group key. */
  public List<Row> unranked() {
    return rows.stream().filter(r -> !r.ranked()).toList();
  }

  /**
   * Builds the table with the default minimum of {@value #DEFAULT_MINIMUM_PATIENTS} patients.
   *
   * @param cells the groups' cells of one window
   * @param national the national cell of that window (for {@link Normalisation#INDEX_TO_NATIONAL})
   * @param tiles number of tiles, at least 1
   */
  public static GroupTable of(
      List<IndexCell> cells,
      IndexCell national,
      Normalisation normalisation,
      Column rankBy,
      int tiles) {
    return of(cells, national, normalisation, rankBy, tiles, DEFAULT_MINIMUM_PATIENTS);
  }

  /**
   * Builds the table.
   *
   * @param minimumPatients groups with fewer patients are not ranked (1 or more)
   */
  public static GroupTable of(
      List<IndexCell> cells,
      IndexCell national,
      Normalisation normalisation,
      Column rankBy,
      int tiles,
      int minimumPatients) {
    return of(
        cells,
        national,
        normalisation,
        rankBy,
        tiles,
        minimumPatients,
        Suppression.of(cells, Math.max(1, minimumPatients)));
  }

  /**
   * Builds the table with the groups to suppress given, e.g. by {@link Suppression#linked} when
   * tables of several cohorts are published together.
   *
   * @param hidden keys of the groups to suppress
   */
  public static GroupTable of(
      List<IndexCell> cells,
      IndexCell national,
      Normalisation normalisation,
      Column rankBy,
      int tiles,
      int minimumPatients,
      java.util.Set<String> hidden) {
    Objects.requireNonNull(normalisation, "normalisation");
    Objects.requireNonNull(rankBy, "rankBy");
    if (tiles < 1) {
      throw new IllegalArgumentException("tiles must be at least 1, got " + tiles);
    }
    if (minimumPatients < 1) {
      throw new IllegalArgumentException(
          "minimumPatients must be at least 1, got " + minimumPatients);
    }
    List<IndexCell> ranked = new ArrayList<>();
    List<IndexCell> apart = new ArrayList<>();
    for (IndexCell c : cells) {
      (why(c, rankBy, minimumPatients).isEmpty() && !hidden.contains(c.group()) ? ranked : apart)
          .add(c);
    }
    ranked.sort(
        Comparator.comparingDouble((IndexCell c) -> rankBy.of(c))
            .reversed()
            .thenComparing(IndexCell::group));
    apart.sort(Comparator.comparing(IndexCell::group));
    double[] mpi = normalise(ranked, apart, IndexCell::mpi, national, normalisation, false);
    double[] effort =
        normalise(ranked, apart, IndexCell::meanEffort, national, normalisation, true);
    double[] health =
        normalise(ranked, apart, IndexCell::meanHealth, national, normalisation, false);
    int n = ranked.size();
    List<Row> rows = new ArrayList<>(cells.size());
    int rank = 0;
    for (int i = 0; i < n; i++) {
      if (i == 0 || Double.compare(rankBy.of(ranked.get(i)), rankBy.of(ranked.get(i - 1))) != 0) {
        rank = i + 1;
      }
      rows.add(
          new Row(
              ranked.get(i),
              mpi[i],
              effort[i],
              health[i],
              rank,
              tileOf(rank - 1, n, tiles),
              "",
              false));
    }
    for (int j = 0; j < apart.size(); j++) {
      IndexCell c = apart.get(j);
      boolean hide = hidden.contains(c.group());
      rows.add(
          hide
              ? new Row(c, Double.NaN, Double.NaN, Double.NaN, 0, 0, SUPPRESSED, true)
              : new Row(
                  c,
                  mpi[n + j],
                  effort[n + j],
                  health[n + j],
                  0,
                  0,
                  why(c, rankBy, minimumPatients),
                  false));
    }
    Window w =
        national != null ? national.window() : (cells.isEmpty() ? null : cells.get(0).window());
    return new GroupTable(w, normalisation, rankBy, tiles, minimumPatients, rows);
  }

  /** Why a cell cannot be ranked; empty when it can. */
  private static String why(IndexCell c, Column rankBy, int minimumPatients) {
    if (Grouping.UNKNOWN_KEY.equals(c.group())) {
      return NO_RESIDENCE;
    }
    if (c.patients() == 0) {
      return NO_PATIENTS;
    }
    if (Double.isNaN(rankBy.of(c))) {
      return NO_VALUE;
    }
    return c.patients() < minimumPatients ? TOO_FEW_PATIENTS : "";
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

  /** The scaled values of the ranked cells, then of the unranked. */
  private static double[] normalise(
      List<IndexCell> ranked,
      List<IndexCell> apart,
      ToDoubleFunction<IndexCell> f,
      IndexCell national,
      Normalisation how,
      boolean effort) {
    int n = ranked.size();
    double[] out = new double[n + apart.size()];
    List<IndexCell> all = new ArrayList<>(ranked);
    all.addAll(apart);
    switch (how) {
      case PAPER_TABLE1 -> {
        for (int i = 0; i < all.size(); i++) {
          out[i] = effort ? f.applyAsDouble(all.get(i)) : f.applyAsDouble(all.get(i)) * 100.0;
        }
        return out;
      }
      case TIMES_100 -> {
        for (int i = 0; i < all.size(); i++) {
          out[i] = f.applyAsDouble(all.get(i)) * 100.0;
        }
        return out;
      }
      case INDEX_TO_NATIONAL -> {
        double nat = national == null ? Double.NaN : f.applyAsDouble(national);
        for (int i = 0; i < all.size(); i++) {
          out[i] =
              nat == 0 || Double.isNaN(nat)
                  ? Double.NaN
                  : f.applyAsDouble(all.get(i)) / nat * 100.0;
        }
        return out;
      }
      default -> {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (IndexCell c : ranked) {
          double v = f.applyAsDouble(c);
          if (!Double.isNaN(v)) {
            min = Math.min(min, v);
            max = Math.max(max, v);
          }
        }
        for (int i = 0; i < all.size(); i++) {
          double v = f.applyAsDouble(all.get(i));
          out[i] =
              i >= n || Double.isNaN(v)
                  ? Double.NaN
                  : (max == min ? 50.0 : (v - min) / (max - min) * 100.0);
        }
        return out;
      }
    }
  }
}
