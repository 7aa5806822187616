package org.mpindex.core.index;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.mpindex.core.time.Window;

/**
 * The index computed by an {@link IndexAssembler}: for every health window t of the study whose
 * effort window is in the study too, the national cell and one cell per group, plus the spec that
 * made them, the components used and the ingest accounting. Immutable; two results are equal when
 * all of those are.
 */
public final class MpiResult {
  /** The key of the national series among {@code changeIntervals} (no group key is empty). */
  static final String NATIONAL_SERIES = "";

  private final MpiSpec spec;
  private final Optional<StudyPeriod> studyPeriod;
  private final String effortDescription;
  private final String burdenDescription;
  private final IngestAccounting accounting;
  private final List<Window> windows;
  private final List<IndexCell> national;
  private final SortedMap<Integer, List<IndexCell>> groupsByWindow;

  /** The same cells by window and group key: {@link #cell} is a lookup (outputs ask it per cell). */
  private final Map<Integer, Map<String, IndexCell>> cellIndex;

  /** Bootstrap intervals of the changes, by group key then window index: {previous, year before}. */
  private final Map<String, Map<Integer, List<Interval>>> changeIntervals;

  /** Standard shares by window index (empty without standardisation). */
  private final Map<Integer, Map<AgeSexStratum, Double>> standards;

  /** Standardised values by window index and group key (national under its key). */
  private final Map<Integer, Map<String, Standardisation.Values>> standardised;

  MpiResult(
      MpiSpec spec,
      Optional<StudyPeriod> studyPeriod,
      String effortDescription,
      String burdenDescription,
      IngestAccounting accounting,
      List<Window> windows,
      List<IndexCell> national,
      Map<Integer, List<IndexCell>> groupsByWindow,
      Map<String, Map<Integer, List<Interval>>> changeIntervals,
      Map<Integer, Map<AgeSexStratum, Double>> standards,
      Map<Integer, Map<String, Standardisation.Values>> standardised) {
    this.standards = Map.copyOf(standards);
    Map<Integer, Map<String, Standardisation.Values>> st = new java.util.HashMap<>();
    standardised.forEach((w, m) -> st.put(w, Map.copyOf(m)));
    this.standardised = Map.copyOf(st);
    Map<String, Map<Integer, List<Interval>>> ci = new java.util.HashMap<>();
    changeIntervals.forEach((k, v) -> ci.put(k, Map.copyOf(v)));
    this.changeIntervals = Map.copyOf(ci);
    this.spec = Objects.requireNonNull(spec);
    this.studyPeriod = Objects.requireNonNull(studyPeriod);
    this.effortDescription = effortDescription;
    this.burdenDescription = burdenDescription;
    this.accounting = accounting;
    this.windows = List.copyOf(windows);
    this.national = List.copyOf(national);
    TreeMap<Integer, List<IndexCell>> g = new TreeMap<>();
    groupsByWindow.forEach((k, v) -> g.put(k, List.copyOf(v)));
    this.groupsByWindow = Collections.unmodifiableSortedMap(g);
    Map<Integer, Map<String, IndexCell>> index = new java.util.HashMap<>();
    g.forEach(
        (w, cells) -> {
          Map<String, IndexCell> byGroup = new java.util.HashMap<>();
          cells.forEach(c -> byGroup.putIfAbsent(c.group(), c));
          index.put(w, byGroup);
        });
    this.cellIndex = index;
  }

  /** The spec that made this result. */
  public MpiSpec spec() {
    return spec;
  }

  /**
   * The study period the result was computed over: the spec's declared period, else the one the
   * assembler derived from the records (see {@link MpiSpec#studyPeriod()}); empty when there were
   * no records to go by.
   */
  public Optional<StudyPeriod> studyPeriod() {
    return studyPeriod;
  }

  /** {@code EffortCalculator.describe()} of the calculator used. */
  public String effortDescription() {
    return effortDescription;
  }

  /** {@code BurdenGrouper.describe()} of the grouper used. */
  public String burdenDescription() {
    return burdenDescription;
  }

  /** Where every input record went. */
  public IngestAccounting accounting() {
    return accounting;
  }

  /** The health windows with an index, in order. */
  public List<Window> windows() {
    return windows;
  }

  /** The national cell of every window, in window order. */
  public List<IndexCell> national() {
    return national;
  }

  /** The national cell of {@code window}. */
  public Optional<IndexCell> national(Window window) {
    return national.stream().filter(c -> c.window().equals(window)).findFirst();
  }

  /** The group cells of {@code window}, by group key. */
  public List<IndexCell> groups(Window window) {
    return groupsByWindow.getOrDefault(window.index(), List.of());
  }

  /** Every group cell, by window then group key. */
  public List<IndexCell> groupCells() {
    List<IndexCell> all = new ArrayList<>();
    groupsByWindow.values().forEach(all::addAll);
    return all;
  }

  /** Every group key seen in any window. */
  public SortedSet<String> groupKeys() {
    TreeSet<String> keys = new TreeSet<>();
    groupsByWindow.values().forEach(l -> l.forEach(c -> keys.add(c.group())));
    return keys;
  }

  /** One group's cell in {@code window}. */
  public Optional<IndexCell> cell(Window window, String group) {
    return Optional.ofNullable(cellIndex.getOrDefault(window.index(), Map.of()).get(group));
  }

  /**
   * The change of {@code group}'s MPI (or the national one, key {@value Grouping#NATIONAL_KEY}) from
   * the index window before {@code window} to {@code window}, decomposed into health, effort,
   * interaction and aggregation parts ({@link ChangeDecomposition}). Empty for the first index window
   * and when the group has no cell in either window; NaN parts when either cell has no patients.
   */
  public Optional<ChangeDecomposition> change(Window window, String group) {
    int i = windows.indexOf(window);
    if (i <= 0) {
      return Optional.empty();
    }
    Window before = windows.get(i - 1);
    boolean nat = Grouping.NATIONAL_KEY.equals(group);
    Optional<IndexCell> b = nat ? national(before) : cell(before, group);
    Optional<IndexCell> a = nat ? national(window) : cell(window, group);
    return b.isPresent() && a.isPresent()
        ? Optional.of(ChangeDecomposition.of(b.get(), a.get()))
        : Optional.empty();
  }

  /**
   * The directly standardised values of {@code group} (or the nation, key {@value
   * Grouping#NATIONAL_KEY}) in {@code window} ({@link Standardisation}); empty without
   * standardisation in the spec or when the cell has no patients.
   */
  public Optional<Standardisation.Values> standardised(Window window, String group) {
    return Optional.ofNullable(standardised.getOrDefault(window.index(), Map.of()).get(group));
  }

  /**
   * The standard population of {@code window}: each {@link AgeSexStratum}'s share, in stratum order,
   * summing to 1 (0 for all when the window has no patient); empty without standardisation.
   */
  public Map<AgeSexStratum, Double> standard(Window window) {
    return standards.getOrDefault(window.index(), Map.of());
  }

  /** The national series with quarter-over-quarter and year-over-year changes. */
  public TimeSeries nationalSeries() {
    return TimeSeries.of(
        Grouping.NATIONAL_KEY,
        national,
        spec.windowScheme().windowsPerYear(),
        changeIntervals.getOrDefault(NATIONAL_SERIES, Map.of()));
  }

  /** One group's series. */
  public TimeSeries series(String group) {
    List<IndexCell> cells = new ArrayList<>();
    // a lookup per window (a scan of every cell per group was quadratic in the groups)
    for (Window w : windows) {
      cell(w, group).ifPresent(cells::add);
    }
    return TimeSeries.of(
        group,
        cells,
        spec.windowScheme().windowsPerYear(),
        changeIntervals.getOrDefault(group, Map.of()));
  }

  /**
   * The group table of {@code window}: decomposition, normalisation, ranking and tiles.
   *
   * @throws IllegalArgumentException when {@code window} has no index
   */
  public GroupTable groupTable(
      Window window, Normalisation normalisation, GroupTable.Column rankBy, int tiles) {
    return groupTable(window, normalisation, rankBy, tiles, GroupTable.DEFAULT_MINIMUM_PATIENTS);
  }

  /**
   * The group table of {@code window}, groups with fewer than {@code minimumPatients} patients left
   * unranked.
   *
   * @throws IllegalArgumentException when {@code window} has no index
   */
  public GroupTable groupTable(
      Window window,
      Normalisation normalisation,
      GroupTable.Column rankBy,
      int tiles,
      int minimumPatients) {
    IndexCell nat =
        national(window)
            .orElseThrow(() -> new IllegalArgumentException("no index for window " + window));
    return GroupTable.of(groups(window), nat, normalisation, rankBy, tiles, minimumPatients);
  }

  /**
   * The group table of {@code window} with the groups to suppress given ({@link Suppression#linked},
   * when tables of several cohorts are published together).
   *
   * @throws IllegalArgumentException when {@code window} has no index
   */
  public GroupTable groupTable(
      Window window,
      Normalisation normalisation,
      GroupTable.Column rankBy,
      int tiles,
      int minimumPatients,
      java.util.Set<String> hidden) {
    IndexCell nat =
        national(window)
            .orElseThrow(() -> new IllegalArgumentException("no index for window " + window));
    return GroupTable.of(
        groups(window), nat, normalisation, rankBy, tiles, minimumPatients, hidden);
  }

  /**
   * The default table: the paper's Table 1 scale ({@link Normalisation#PAPER_TABLE1}), ranked by MPI
   * in terciles (the paper's map), groups under {@value GroupTable#DEFAULT_MINIMUM_PATIENTS} patients
   * unranked. The paper's Table 1 itself is sorted by health level: {@code groupTable(w,
   * PAPER_TABLE1, Column.HEALTH, 3)} lists it in its order.
   */
  public GroupTable groupTable(Window window) {
    return groupTable(window, Normalisation.PAPER_TABLE1, GroupTable.Column.MPI, 3);
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof MpiResult r)) {
      return false;
    }

    return spec.equals(r.spec)
        && studyPeriod.equals(r.studyPeriod)
        && Objects.equals(effortDescription, r.effortDescription)
        && Objects.equals(burdenDescription, r.burdenDescription)
        && accounting.equals(r.accounting)
        && windows.equals(r.windows)
        && national.equals(r.national)
        && groupsByWindow.equals(r.groupsByWindow)
        && changeIntervals.equals(r.changeIntervals)
        && standards.equals(r.standards)
        && standardised.equals(r.standardised);
  }

  @Override
  public int hashCode() {
    return Objects.hash(spec, accounting, windows, national, groupsByWindow);
  }

  /** The national series, one window per line. */
  @Override
  public String toString() {
    StringBuilder b = new StringBuilder("MpiResult{national:\n");
    for (IndexCell c : national) {
      b.append(
          String.format(
              java.util.Locale.ROOT,
              "  %s mpi=%.6f H=%.6f M=%.4f n=%d%n",
              c.window().label(),
              c.mpi(),
              c.meanHealth(),
              c.meanEffort(),
              c.patients()));
    }
    return b.append('}').toString();
  }
}
