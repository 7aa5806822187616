package org.mpindex.cli;

import java.io.PrintStream;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.mpindex.core.index.IndexPartial;
import org.mpindex.core.index.MpiSpec;
import org.mpindex.core.index.RecordSink;
import org.mpindex.core.index.StudyPeriod;
import org.mpindex.core.spi.BurdenGrouper;
import org.mpindex.core.spi.EffortCalculator;

/**
 * The indices {@code mpi compute} computes beside the main one from the same records, for an
 * engine that folds the records in parts (the partitions of patients of a Spark job): the
 * sensitivity grid ({@code --sensitivity}: one fold per window length, read at every lag) and the
 * real-time index ({@code --realtime-until}: one query per window end).
 *
 * <p>Each part builds them from the run's options with {@link #of}, is given the effort calculator
 * ({@link #effort}) and the run's fixed study period ({@link #start}), hands every record it folds
 * to {@link #sink()} before its main assembler (as {@code mpi compute} does), and gives its {@link
 * #partials()}. The driver builds them alike (no record), merges the parts' partials ({@link
 * Partials#merge}, in any order: the parts must hold disjoint patients) and reads them with {@link
 * #finish}; {@link #figures} and {@link #outputs} then give exactly what {@code mpi compute} gives
 * on one machine ({@code sensitivity.csv}, {@code sensitivity-ranks.csv}, {@code realtime.csv} and
 * Figure 1c), since every value of these outputs is read from partials that merge exactly.
 *
 * <p>Memory per part: the grid holds one fold per window length (as the main one); the real-time
 * index holds a day ledger per patient, and its partials are one per window end (sums per cell,
 * more when the spec keeps ratios).
 */
public final class SideIndices {
  private final LateEffort effort = new LateEffort();
  private final MpiSpec spec;
  private final BurdenGrouper grouper;
  private final Optional<SensitivityGrid> grid;
  private final Optional<RealTimeRun.Pending> realtime;
  private boolean started;

  private SideIndices(ComputeOptions o, MpiSpec spec, BurdenGrouper grouper) {
    this.spec = spec;
    this.grouper = grouper;
    this.grid = SensitivityGrid.of(o.args, spec, effort, grouper);
    this.realtime = RealTimeRun.Pending.of(o.args);
  }

  /**
   * The side indices {@code options} ask for, with the run's spec and grouper; {@link #isEmpty()}
   * when they ask for none.
   *
   * @throws UsageException for their options alone that are wrong (as {@code mpi compute} says)
   */
  public static SideIndices of(ComputeOptions options, MpiSpec spec, BurdenGrouper grouper) {
    return new SideIndices(options, spec, grouper);
  }

  /** Whether the options ask for neither a sensitivity grid nor the real-time index. */
  public boolean isEmpty() {
    return grid.isEmpty() && realtime.isEmpty();
  }

  /** The effort calculator of the run (which prices the days {@link #effortDays} adds), once known. */
  public void effort(EffortCalculator calculator) {
    effort.set(calculator);
  }

  /**
   * The study period is known: the grid's folds and the real-time index are built for it (each
   * part's and the driver's for the same period).
   *
   * @throws UsageException for a real-time date that does not fit the period (before the first
   *     window end with an index, too many window ends), as {@code mpi compute} says
   */
  public void start(StudyPeriod period) {
    grid.ifPresent(g -> g.start(period));
    realtime.ifPresent(x -> x.start(spec, effort, grouper, period));
    started = true;
  }

  /** More days the effort must be priced for (the grid's windows and lags) in {@code period}. */
  public List<StudyPeriod> effortDays(StudyPeriod period) {
    return grid.map(g -> g.effortDays(period)).orElse(List.of());
  }

  /**
   * Where a part hands every record it reads, before its main assembler: each goes to every fold of
   * the grid and to the real-time index.
   */
  public RecordSink sink() {
    return RecordSink.each(
        r -> {
          grid.ifPresent(g -> g.accept(r));
          realtime.ifPresent(x -> x.accept(r));
        });
  }

  /**
   * This part's side indices as partials (no records are kept): the grid's configurations in order
   * (window length, then lag) and the real-time window ends in order; {@link Partials#none()} before
   * {@link #start} (a run without a study period).
   */
  public Partials partials() {
    if (!started) {
      return Partials.none();
    }
    return new Partials(
        true,
        grid.map(g -> g.partials(1)).orElse(List.of()),
        realtime.map(x -> x.run().partials()).orElse(List.of()));
  }

  /**
   * The parts' merged partials: {@link #figures} and {@link #outputs} read them instead of this
   * object's records. Without a study period ({@link #start} not called) they are not read, and the
   * outputs say so as {@code mpi compute} does.
   *
   * @throws IllegalArgumentException when the partials are of another grid or real-time series
   */
  public void finish(Partials merged) {
    if (!started || isEmpty()) {
      return;
    }
    if (!merged.started) {
      throw new IllegalArgumentException(
          "the parts gave no side partials though the study period is known");
    }
    grid.ifPresent(g -> g.readFrom(merged.grid));
    realtime.ifPresent(x -> x.run().readFrom(merged.realtime));
  }

  /** The report's more figures (Figure 1c of the real-time index), HTML; "" without. */
  public String figures(int minCellSize) {
    return realtime.map(x -> x.run().figure(minCellSize)).orElse("");
  }

  /**
   * The side indices' files, written into an output directory (as {@link ComputeRun.Engine#moreOutputs}
   * takes them); empty when none is asked for.
   */
  public Optional<Function<Path, List<String>>> outputs(int minCellSize, PrintStream out) {
    if (isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        tmp -> {
          List<String> more = new ArrayList<>();
          grid.ifPresent(
              g ->
                  more.addAll(
                      g.finish(Runtime.getRuntime().availableProcessors(), minCellSize, tmp, out)));
          realtime.ifPresent(x -> more.add(x.run().write(tmp, minCellSize, out)));
          return more;
        });
  }

  /**
   * A part's side indices before they are read: per configuration of the grid and per real-time
   * window end an {@link IndexPartial}. Parts of disjoint patients merge exactly, in any order.
   * Serializable. Not thread-safe.
   */
  public static final class Partials implements Serializable {
    private static final long serialVersionUID = 1L;
    private final boolean started;
    // ArrayLists: serializable; a null entry is a lag the spec refuses (said by the driver)
    private final ArrayList<IndexPartial> grid;
    private final ArrayList<IndexPartial> realtime;

    private Partials(boolean started, List<IndexPartial> grid, List<IndexPartial> realtime) {
      this.started = started;
      this.grid = new ArrayList<>(grid);
      this.realtime = new ArrayList<>(realtime);
    }

    /** The partials of a part that was never started (no study period): merging it changes nothing. */
    public static Partials none() {
      return new Partials(false, List.of(), List.of());
    }

    /**
     * Adds {@code other} (a part of other patients of the same run) to this one.
     *
     * @return the merged partials: this, or {@code other} when this part was never started
     * @throws IllegalArgumentException when the two are of different grids or real-time series
     */
    public Partials merge(Partials other) {
      if (!other.started) {
        return this;
      }
      if (!started) {
        return other;
      }
      if (other.grid.size() != grid.size() || other.realtime.size() != realtime.size()) {
        throw new IllegalArgumentException(
            "cannot merge side partials of different runs ("
                + grid.size()
                + "/"
                + realtime.size()
                + " vs "
                + other.grid.size()
                + "/"
                + other.realtime.size()
                + " partials)");
      }
      mergeInto(grid, other.grid);
      mergeInto(realtime, other.realtime);
      return this;
    }

    private static void mergeInto(List<IndexPartial> mine, List<IndexPartial> theirs) {
      for (int i = 0; i < mine.size(); i++) {
        IndexPartial m = mine.get(i);
        IndexPartial t = theirs.get(i);
        if (m == null || t == null) {
          mine.set(i, null);
        } else {
          m.merge(t);
        }
      }
    }
  }
}
