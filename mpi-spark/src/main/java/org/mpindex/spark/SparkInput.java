package org.mpindex.spark;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.mpindex.io.input.InputFormat;
import org.mpindex.io.input.InputFormats;

/**
 * The input of a computation in any layout the library reads: the layout, as a recipe built on
 * every JVM that reads (a layout object need not be serializable), and the datasets of its tables
 * by {@link org.mpindex.io.input.InputTable#name() table name} ({@code carrier claims}, {@code
 * CCLF5}, {@code person}), each dataset standing for one or more files of that table. Columns are
 * named as in the layout's files (matched without case) and read as text ({@link MpiSpark} says
 * how typed columns become text).
 *
 * @param format the layout, built where it is read
 * @param tables the datasets of each table, by table name, in the order files would be given
 */
public record SparkInput(
    MpiSpark.Recipe<? extends InputFormat> format, Map<String, List<Dataset<Row>>> tables) {

  public SparkInput {
    Objects.requireNonNull(format, "format");
    Map<String, List<Dataset<Row>>> copy = new LinkedHashMap<>();
    tables.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    tables = java.util.Collections.unmodifiableMap(copy);
  }

  /**
   * The input of the registered layout called {@code formatName} ({@link InputFormats#byName}:
   * {@code tidy}, {@code desynpuf}, {@code rif}, {@code cclf}, {@code omop}) with its defaults.
   *
   * @throws IllegalArgumentException naming the layouts when there is none of that name
   */
  public static SparkInput of(String formatName, Map<String, List<Dataset<Row>>> tables) {
    if (InputFormats.byName(formatName).isEmpty()) {
      throw new IllegalArgumentException(
          "no input layout '"
              + formatName
              + "': one of "
              + InputFormats.all().stream().map(InputFormat::name).toList());
    }
    String name = formatName;
    return new SparkInput(() -> InputFormats.byName(name).orElseThrow(), tables);
  }
}
