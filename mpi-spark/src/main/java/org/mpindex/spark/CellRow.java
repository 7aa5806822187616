package org.mpindex.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.mpindex.core.index.CellPartial;
import org.mpindex.core.index.ExclusionReason;
import org.mpindex.core.index.IndexCell;
import scala.Tuple2;

/** A reduced cell as a row of {@link CellTable#cells()}, read with the spec built on the executor. */
final class CellRow implements Function<Tuple2<String, CellPartial>, Row> {
  private static final long serialVersionUID = 1L;

  static final StructType SCHEMA;

  static {
    List<StructField> f = new ArrayList<>();
    f.add(DataTypes.createStructField("window", DataTypes.StringType, false));
    f.add(DataTypes.createStructField("window_start", DataTypes.DateType, false));
    f.add(DataTypes.createStructField("window_end", DataTypes.DateType, false));
    f.add(DataTypes.createStructField("national", DataTypes.BooleanType, false));
    f.add(DataTypes.createStructField("group_key", DataTypes.StringType, false));
    f.add(DataTypes.createStructField("patients", DataTypes.LongType, false));
    f.add(DataTypes.createStructField("mpi", DataTypes.DoubleType, false));
    f.add(DataTypes.createStructField("mean_health", DataTypes.DoubleType, false));
    f.add(DataTypes.createStructField("mean_effort", DataTypes.DoubleType, false));
    f.add(DataTypes.createStructField("standard_error", DataTypes.DoubleType, false));
    f.add(DataTypes.createStructField("ci_low", DataTypes.DoubleType, false));
    f.add(DataTypes.createStructField("ci_high", DataTypes.DoubleType, false));
    f.add(DataTypes.createStructField("candidates", DataTypes.LongType, false));
    f.add(DataTypes.createStructField("effort_incomplete", DataTypes.LongType, false));
    for (ExclusionReason r : ExclusionReason.values()) {
      f.add(DataTypes.createStructField(column(r), DataTypes.LongType, false));
    }
    SCHEMA = DataTypes.createStructType(f);
  }

  /** The column of the patients excluded for {@code r}: {@code excluded_zero_burden}. */
  static String column(ExclusionReason r) {
    return "excluded_" + r.name().toLowerCase(Locale.ROOT);
  }

  private final Broadcast<MpiSpark.Recipes> recipes;

  CellRow(Broadcast<MpiSpark.Recipes> recipes) {
    this.recipes = recipes;
  }

  @Override
  public Row call(Tuple2<String, CellPartial> keyed) {
    CellPartial p = keyed._2();
    IndexCell c = p.toCell(MpiSpark.Components.of(recipes.value()).spec);
    List<Object> v = new ArrayList<>();
    v.add(c.window().label());
    v.add(java.sql.Date.valueOf(c.window().start()));
    v.add(java.sql.Date.valueOf(c.window().end()));
    v.add(p.national());
    v.add(c.group());
    v.add(c.patients());
    v.add(c.mpi());
    v.add(c.meanHealth());
    v.add(c.meanEffort());
    v.add(c.standardError());
    v.add(c.ciLow());
    v.add(c.ciHigh());
    v.add(c.candidates());
    v.add(c.effortIncomplete());
    for (ExclusionReason r : ExclusionReason.values()) {
      v.add(c.exclusions().getOrDefault(r, 0L));
    }
    return RowFactory.create(v.toArray());
  }
}
