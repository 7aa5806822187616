package org.mpindex.parquet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.mpindex.core.text.CsvTable;

/**
 * Whatever parquet-java writes (any strings, numbers, dates and nulls; v1 or v2 pages; dictionary
 * on or off; any codec; pages and row groups of any size), this module reads back as written.
 */
class ParquetRoundTripProperties {
  private static final String SCHEMA =
      "message t { optional binary s (STRING); required int32 i; optional int64 l;"
          + " optional int32 d (DATE); optional double x; optional boolean b; }";

  @Provide
  Arbitrary<List<Object[]>> rows() {
    Arbitrary<String> s =
        Arbitraries.oneOf(
            Arbitraries.strings().ofMaxLength(12),
            Arbitraries.of("C1", "C2", "401.9", "é|;", ""),
            Arbitraries.just((String) null));
    Arbitrary<Integer> i = Arbitraries.integers();
    Arbitrary<Long> l = Arbitraries.oneOf(Arbitraries.longs(), Arbitraries.just((Long) null));
    Arbitrary<Integer> d =
        Arbitraries.oneOf(
            Arbitraries.integers().between(-800_000, 2_900_000), Arbitraries.just((Integer) null));
    Arbitrary<Double> x =
        Arbitraries.oneOf(
            Arbitraries.doubles().between(-1e9, 1e9).ofScale(3),
            Arbitraries.of(0.0, 2.0, 1e-7, Double.NaN),
            Arbitraries.just((Double) null));
    Arbitrary<Boolean> b =
        Arbitraries.oneOf(Arbitraries.of(true, false), Arbitraries.just((Boolean) null));
    return Combinators.combine(s, i, l, d, x, b)
        .as((a1, a2, a3, a4, a5, a6) -> new Object[] {a1, a2, a3, a4, a5, a6})
        .list()
        .ofMaxSize(400);
  }

  @Provide
  Arbitrary<Writers.JavaStyle> styles() {
    return Combinators.combine(
            Arbitraries.of(true, false),
            Arbitraries.of(true, false),
            Arbitraries.of(
                CompressionCodecName.UNCOMPRESSED,
                CompressionCodecName.SNAPPY,
                CompressionCodecName.GZIP,
                CompressionCodecName.ZSTD),
            Arbitraries.of(1024, 8 * 1024, 1 << 20),
            Arbitraries.of(64, 512, 1 << 16))
        .as(Writers.JavaStyle::new);
  }

  /** A cell as the opener's Javadoc says each type reads (stripped, as Row.get gives it). */
  private static String expected(Object v, int column) {
    if (v == null) {
      return "";
    }
    return switch (column) {
      case 3 -> LocalDate.ofEpochDay((Integer) v).toString();
      case 4 ->
          ((Double) v).isNaN()
              ? "NaN"
              : (Double) v == 0
                  ? "0"
                  : new java.math.BigDecimal(v.toString()).stripTrailingZeros().toPlainString();
      default -> v.toString().strip();
    };
  }

  @Property(tries = 60)
  void whatParquetJavaWritesReadsBackAsWritten(
      @ForAll("rows") List<Object[]> rows, @ForAll("styles") Writers.JavaStyle style)
      throws IOException {
    Path dir = Files.createTempDirectory("parquet-round-trip");
    Path f = dir.resolve("t.parquet");
    try {
      Writers.parquetJava(f, SCHEMA, rows, style);
      List<List<String>> want = new ArrayList<>();
      for (Object[] r : rows) {
        List<String> c = new ArrayList<>();
        for (int k = 0; k < r.length; k++) {
          c.add(expected(r[k], k));
        }
        want.add(c);
      }
      CsvTable t = new ParquetTableOpener().open(f).orElseThrow();
      assertEquals(List.of("s", "i", "l", "d", "x", "b"), t.header());
      assertEquals(want, ParquetTableOpenerTest.cells(t));
    } finally {
      Files.deleteIfExists(f);
      Files.delete(dir);
    }
  }
}
