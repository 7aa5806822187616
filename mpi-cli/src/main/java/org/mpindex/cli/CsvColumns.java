package org.mpindex.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The columns of a CSV output, in order: each a name and how a row writes its value. The header and
 * every row come from the one list, so they cannot drift apart: a new output column is one {@link
 * #and} where its table's columns are listed ({@link Outputs}), plus its line in {@code
 * docs/outputs.md} (a test checks every column is documented). Immutable.
 *
 * @param <R> what one row is written from
 */
final class CsvColumns<R> {
  private final List<String> names;
  private final List<Function<? super R, String>> values;

  private CsvColumns(List<String> names, List<Function<? super R, String>> values) {
    this.names = List.copyOf(names);
    this.values = List.copyOf(values);
  }

  /** No column. */
  static <R> CsvColumns<R> of() {
    return new CsvColumns<>(List.of(), List.of());
  }

  /**
   * These columns and one more, {@code name}, whose value {@code value} writes as CSV text (already
   * escaped or a number; "" for blank).
   */
  CsvColumns<R> and(String name, Function<? super R, String> value) {
    if (names.contains(name)) {
      throw new IllegalArgumentException("column " + name + " twice");
    }
    List<String> n = new ArrayList<>(names);
    n.add(name);
    List<Function<? super R, String>> v = new ArrayList<>(values);
    v.add(value);
    return new CsvColumns<>(n, v);
  }

  /** These columns, then {@code more}'s, each written from the part {@code part} of a row. */
  <S> CsvColumns<R> then(CsvColumns<S> more, Function<? super R, ? extends S> part) {
    CsvColumns<R> c = this;
    for (int i = 0; i < more.names.size(); i++) {
      Function<? super S, String> f = more.values.get(i);
      c = c.and(more.names.get(i), r -> f.apply(part.apply(r)));
    }
    return c;
  }

  /** The column names in order. */
  List<String> names() {
    return names;
  }

  /** The header line (no line end). */
  String header() {
    return String.join(",", names);
  }

  /** The row of {@code r} (no line end): one value per column, comma-separated. */
  String row(R r) {
    StringBuilder b = new StringBuilder(256);
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        b.append(',');
      }
      b.append(values.get(i).apply(r));
    }
    return b.toString();
  }
}
