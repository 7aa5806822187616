package org.mpindex.spark;

import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.mpindex.core.index.IndexAssembler;
import org.mpindex.core.index.StudyPeriod;

/**
 * One task of the study-period pass: the rows of one table (enrollment, or claims when there is no
 * enrollment) read into an assembler whose {@link IndexAssembler#studyPeriod()} gives the span of
 * its records; the driver takes the earliest start and latest end, the rule of one assembler.
 */
final class PartitionPeriod implements Function2<Integer, Iterator<Row>, Iterator<long[]>> {
  private static final long serialVersionUID = 1L;

  private final Broadcast<MpiSpark.Recipes> recipes;
  private final List<MpiSpark.Table> tables;

  PartitionPeriod(Broadcast<MpiSpark.Recipes> recipes, List<MpiSpark.Table> tables) {
    this.recipes = recipes;
    this.tables = tables;
  }

  @Override
  public Iterator<long[]> call(Integer partition, Iterator<Row> rows) {
    MpiSpark.Components c = MpiSpark.Components.of(recipes.value());
    IndexAssembler a = IndexAssembler.create(c.spec, c.effort, c.grouper);
    new PartitionRows(rows, tables, partition).readInto(a, false);
    Optional<StudyPeriod> p = a.studyPeriod();
    return p.isEmpty() ? List.<long[]>of().iterator()
        : List.of(new long[] {p.get().from().toEpochDay(), p.get().to().toEpochDay()}).iterator();
  }
}
