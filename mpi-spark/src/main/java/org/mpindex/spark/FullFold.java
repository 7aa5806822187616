package org.mpindex.spark;

import java.io.Serializable;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.sql.Row;
import org.mpindex.cli.SideIndices;
import org.mpindex.core.index.IndexAssembler;
import org.mpindex.core.index.IndexPartial;
import org.mpindex.core.index.MpiSpec;
import org.mpindex.core.index.StudyPeriod;
import org.mpindex.core.spi.BurdenGrouper;

/**
 * One task of a run with side-by-side cohorts ({@code --cohort}) or side indices ({@code
 * --sensitivity}, {@code --realtime-until}): the partition read once by {@link PartitionFold}, every
 * record handed to the side indices before the main assembler (as {@code mpi compute} does), and
 * one {@link Partials} given: the main partial, a partial per cohort and the side indices'
 * partials, each of which merges exactly with the other partitions' (disjoint patients).
 */
final class FullFold implements Function2<Integer, Iterator<Row>, Iterator<FullFold.Partials>> {
  private static final long serialVersionUID = 1L;

  /** Builds a partition's side indices from the fold's components, on the executor. */
  interface Sides extends Serializable {
    /** The side indices of the run for its spec and grouper: not started, no effort given yet. */
    SideIndices of(MpiSpec spec, BurdenGrouper grouper);
  }

  private final PartitionFold fold;
  private final Sides sides; // null: cohorts only

  FullFold(PartitionFold fold, Sides sides) {
    this.fold = fold;
    this.sides = sides;
  }

  @Override
  public Iterator<Partials> call(Integer partition, Iterator<Row> rows) {
    MpiSpark.Components c = fold.components();
    SideIndices side = null;
    java.util.Optional<StudyPeriod> period = fold.period();
    if (sides != null && period.isPresent()) {
      side = sides.of(c.spec, c.grouper);
      side.effort(c.effort);
      side.start(period.get());
    }
    IndexAssembler a = fold.read(partition, rows, e -> {}, side == null ? null : side.sink());
    return List.of(
            new Partials(
                a.partial(1),
                a.cohortPartials(1),
                side == null ? SideIndices.Partials.none() : side.partials()))
        .iterator();
  }

  /**
   * A partition's partials: the index's, each side-by-side cohort's (by name, the spec's order) and
   * the side indices'. Merged in any order into the whole's. Serializable.
   */
  static final class Partials implements Serializable {
    private static final long serialVersionUID = 1L;
    private final IndexPartial main;
    private final LinkedHashMap<String, IndexPartial> cohorts;
    private SideIndices.Partials side;

    Partials(IndexPartial main, Map<String, IndexPartial> cohorts, SideIndices.Partials side) {
      this.main = main;
      this.cohorts = new LinkedHashMap<>(cohorts);
      this.side = side;
    }

    IndexPartial main() {
      return main;
    }

    Map<String, IndexPartial> cohorts() {
      return cohorts;
    }

    SideIndices.Partials side() {
      return side;
    }

    /** Adds {@code other}'s partials (another partition's patients) to these; returns this. */
    Partials merge(Partials other) {
      main.merge(other.main);
      if (!cohorts.keySet().equals(other.cohorts.keySet())) {
        throw new IllegalArgumentException(
            "cannot merge partials of other cohorts: "
                + cohorts.keySet()
                + " vs "
                + other.cohorts.keySet());
      }
      cohorts.forEach((name, p) -> p.merge(other.cohorts.get(name)));
      side = side.merge(other.side);
      return this;
    }
  }
}
