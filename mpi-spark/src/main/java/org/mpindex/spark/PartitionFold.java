package org.mpindex.spark;

import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.mpindex.core.index.IndexAssembler;
import org.mpindex.core.index.IndexPartial;
import org.mpindex.core.index.StudyPeriod;
import org.mpindex.core.spi.MalformedRecordException;

/** One task: a partition's patients folded by the core assembler into one partial. */
final class PartitionFold implements Function2<Integer, Iterator<Row>, Iterator<IndexPartial>> {
  private static final long serialVersionUID = 1L;

  private final Broadcast<MpiSpark.Recipes> recipes;
  private final List<MpiSpark.Table> tables;

  /** The study period as epoch days, or from > to for none (StudyPeriod is not serializable). */
  private final long from;

  private final long to;
  private final boolean groupedClaims;

  PartitionFold(
      Broadcast<MpiSpark.Recipes> recipes,
      List<MpiSpark.Table> tables,
      StudyPeriod period,
      boolean groupedClaims) {
    this.recipes = recipes;
    this.tables = tables;
    this.from = period == null ? 1 : period.from().toEpochDay();
    this.to = period == null ? 0 : period.to().toEpochDay();
    this.groupedClaims = groupedClaims;
  }

  /**
   * The rows each partition's readers reject (lenient mode), as {@code mpi compute --rejects} lists
   * them: the same reading as the fold, the rejections kept instead of the partial.
   */
  static final class Rejections
      implements Function2<Integer, Iterator<Row>, Iterator<MalformedRecordException>> {
    private static final long serialVersionUID = 1L;
    private final PartitionFold fold;

    Rejections(PartitionFold fold) {
      this.fold = fold;
    }

    @Override
    public Iterator<MalformedRecordException> call(Integer partition, Iterator<Row> rows) {
      java.util.List<MalformedRecordException> out = new java.util.ArrayList<>();
      fold.read(partition, rows, out::add);
      return out.iterator();
    }
  }

  /**
   * One task of the study-period pass (a fold without a study period, over one table: the enrollment,
   * or the claims when there is none): the span of the partition's records by {@link
   * IndexAssembler#studyPeriod()} as epoch days; the driver takes the earliest start and latest end,
   * the rule of one assembler.
   */
  static final class Period implements Function2<Integer, Iterator<Row>, Iterator<long[]>> {
    private static final long serialVersionUID = 1L;
    private final PartitionFold fold;

    Period(Broadcast<MpiSpark.Recipes> recipes, List<MpiSpark.Table> tables) {
      this.fold = new PartitionFold(recipes, tables, null, false);
    }

    @Override
    public Iterator<long[]> call(Integer partition, Iterator<Row> rows) {
      java.util.Optional<StudyPeriod> p = fold.read(partition, rows, e -> {}).studyPeriod();
      return p.isEmpty()
          ? List.<long[]>of().iterator()
          : List.of(new long[] {p.get().from().toEpochDay(), p.get().to().toEpochDay()}).iterator();
    }
  }

  @Override
  public Iterator<IndexPartial> call(Integer partition, Iterator<Row> rows) {
    return List.of(read(partition, rows, e -> {}).partial(1)).iterator();
  }

  private IndexAssembler read(
      Integer partition,
      Iterator<Row> rows,
      java.util.function.Consumer<MalformedRecordException> rejects) {
    MpiSpark.Components c = MpiSpark.Components.of(recipes.value());
    IndexAssembler a = IndexAssembler.create(c.spec, c.effort, c.grouper);
    if (from <= to) {
      a.fixStudyPeriod(
          StudyPeriod.of(java.time.LocalDate.ofEpochDay(from), java.time.LocalDate.ofEpochDay(to)));
    }
    new PartitionRows(rows, tables, partition).readInto(a, groupedClaims, rejects);
    return a;
  }
}
