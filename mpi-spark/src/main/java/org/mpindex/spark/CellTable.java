package org.mpindex.spark;

import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.mpindex.core.index.IngestAccounting;
import org.mpindex.core.index.StudyPeriod;
import org.mpindex.core.time.Window;

/**
 * The index's cells as a Spark {@code Dataset}, reduced by cell on the cluster (nothing but the
 * accounting comes to the driver), for group sets too large to collect: one row per index window
 * and group, plus each window's national row ({@code national = true}, group {@code US}).
 *
 * <p>Columns: {@code window} (label, {@code 2009Q3}), {@code window_start}, {@code window_end}
 * (dates), {@code national}, {@code group_key}, {@code patients} (in the index), {@code mpi},
 * {@code mean_health} (mean H, 1/burden), {@code mean_effort} (mean work RVUs of the previous
 * window), {@code standard_error}, {@code ci_low}, {@code ci_high} (NaN where undefined: no
 * patient, or an aggregation without one), {@code candidates}, {@code effort_incomplete} and one
 * {@code excluded_<reason>} count per {@link org.mpindex.core.index.ExclusionReason}. Each row holds
 * exactly the values of the same cell of {@link MpiSpark#compute}'s result. A group with patients in
 * no window has no rows; the national row of every index window is there.
 *
 * <p>The fold behind it is kept (memory and disk) until {@link #close()}: use the dataset, then close.
 */
public final class CellTable implements AutoCloseable {
  private final Dataset<Row> cells;
  private final IngestAccounting accounting;
  private final Optional<StudyPeriod> studyPeriod;
  private final List<Window> windows;
  private final Runnable release;

  CellTable(
      Dataset<Row> cells,
      IngestAccounting accounting,
      Optional<StudyPeriod> studyPeriod,
      List<Window> windows,
      Runnable release) {
    this.cells = cells;
    this.accounting = accounting;
    this.studyPeriod = studyPeriod;
    this.windows = List.copyOf(windows);
    this.release = release;
  }

  /** The cells (lazy: computed when an action runs on it). */
  public Dataset<Row> cells() {
    return cells;
  }

  /** Every record read, accepted and rejected by reason, as in {@code MpiResult.accounting()}. */
  public IngestAccounting accounting() {
    return accounting;
  }

  /** The study period used (declared, or derived as on one machine). */
  public Optional<StudyPeriod> studyPeriod() {
    return studyPeriod;
  }

  /** The index windows, in order. */
  public List<Window> windows() {
    return windows;
  }

  /** Releases the kept fold and the broadcast recipes; the dataset cannot be used afterwards. */
  @Override
  public void close() {
    release.run();
  }
}
