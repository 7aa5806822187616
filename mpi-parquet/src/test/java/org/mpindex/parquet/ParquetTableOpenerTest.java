package org.mpindex.parquet;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mpindex.core.index.IngestTally;
import org.mpindex.core.text.CsvTable;
import org.mpindex.io.input.Tables;

/**
 * Parquet files read as tables: real files written by DuckDB (the Eunomia fixtures), files written
 * here by DuckDB and by parquet-java in every page version, encoding and codec they offer, and the
 * files this reader refuses, each refusal naming the file (and the column).
 */
class ParquetTableOpenerTest {
  @TempDir Path dir;

  static Path fixture(String name) {
    try {
      return Path.of(ParquetTableOpenerTest.class.getResource("/fixtures/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Every cell of a table, rows in order. */
  static List<List<String>> cells(CsvTable t) {
    List<List<String>> rows = new ArrayList<>();
    t.forEachRow(
        "rows",
        new IngestTally(),
        true,
        row -> {
          List<String> r = new ArrayList<>();
          for (int i = 0; i < row.size(); i++) {
            r.add(row.get(i));
          }
          rows.add(r);
        });
    return rows;
  }

  static CsvTable open(Path p) {
    return new ParquetTableOpener().open(p).orElseThrow();
  }

  /** The same file read by DuckDB, each cell as this module writes it (stripped, as Row.get). */
  static List<List<String>> duckCells(Path p) throws SQLException {
    return Writers.duckQuery(
        "SELECT * FROM read_parquet(" + Writers.lit(p) + ")",
        rs -> {
          List<List<String>> rows = new ArrayList<>();
          ResultSetMetaData md = rs.getMetaData();
          while (rs.next()) {
            List<String> r = new ArrayList<>();
            for (int i = 1; i <= md.getColumnCount(); i++) {
              Object v = rs.getObject(i);
              String type = md.getColumnTypeName(i);
              String text;
              if (v == null) {
                text = "";
              } else if (type.equals("DATE")) {
                text = rs.getObject(i, LocalDate.class).toString();
              } else if (type.equals("DOUBLE") || type.equals("FLOAT")) {
                text = Column.decimalText(((Number) v).doubleValue());
              } else if (type.startsWith("TIMESTAMP")) {
                java.time.LocalDateTime t = rs.getObject(i, java.time.LocalDateTime.class);
                text =
                    t.toLocalTime().equals(java.time.LocalTime.MIDNIGHT)
                        ? t.toLocalDate().toString()
                        : t.toString();
              } else {
                text = v.toString();
              }
              r.add(text.strip());
            }
            rows.add(r);
          }
          return rows;
        });
  }

  @Test
  void eunomiaFilesWrittenByDuckDbReadAsDuckDbReadsThem() throws SQLException {
    for (String f :
        List.of(
            "person", "death", "condition_occurrence", "observation_period", "payer_plan_period")) {
      Path p = fixture("eunomia/" + f + ".parquet");
      assertEquals(duckCells(p), cells(open(p)), f);
    }
    // the OMOP 5.4 person columns in order; 28 people (DuckDB counts 28 rows too)
    CsvTable person = open(fixture("eunomia/person.parquet"));
    assertEquals("person_id", person.header().get(0));
    assertEquals("gender_concept_id", person.header().get(1));
    assertEquals(28, cells(person).size());
    assertEquals(0, cells(open(fixture("eunomia/payer_plan_period.parquet"))).size());
  }

  @Test
  void tablesOpenFindsTheOpenerByNameOrByMagic() throws IOException {
    assertTrue(
        Tables.openers().contains(new ParquetTableOpener().name()), Tables.openers().toString());
    Path p = fixture("eunomia/death.parquet");
    CsvTable byName = Tables.open(p, UTF_8);
    assertEquals(duckCellsUnchecked(p), cells(byName));
    Path noExtension = dir.resolve("death.bin");
    Files.copy(p, noExtension);
    assertEquals(duckCellsUnchecked(p), cells(Tables.open(noExtension, UTF_8)));
    // a CSV file is still a CSV file
    Path csv = dir.resolve("x.csv");
    Files.writeString(csv, "a,b\n1,2\n");
    assertEquals(List.of(List.of("1", "2")), cells(Tables.open(csv, UTF_8)));
  }

  private static List<List<String>> duckCellsUnchecked(Path p) {
    try {
      return duckCells(p);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** One row of every type a claims file holds, and a row of nulls, written by DuckDB. */
  private static final String TYPED =
      "SELECT * FROM (VALUES "
          + "('C1', 7::INTEGER, 9000000000::BIGINT, DATE '2009-07-15', 2.5::DOUBLE, true,"
          + " 12.30::DECIMAL(9,2), TIMESTAMP '2009-07-15 00:00:00', TIMESTAMP '2009-07-15 10:15:30',"
          + " 3::SMALLINT, 4294967295::UINTEGER, 3.0::DOUBLE, '  padded '),"
          + "(NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, ''),"
          + "('Dé', -1, -9000000000, DATE '1900-01-01', -0.125, false, -0.05, TIMESTAMP"
          + " '1969-12-31 23:59:59.5', TIMESTAMP '2100-02-28 00:00:00', -3, 0, 1e20, 'x'))"
          + " t(s, i, l, d, f, b, m, ts, ts2, sm, u, big, p)";

  // by hand from the VALUES above, as the opener's Javadoc says each type reads
  private static final List<List<String>> TYPED_CELLS =
      List.of(
          List.of(
              "C1",
              "7",
              "9000000000",
              "2009-07-15",
              "2.5",
              "true",
              "12.30",
              "2009-07-15",
              "2009-07-15T10:15:30",
              "3",
              "4294967295",
              "3",
              "padded"),
          List.of("", "", "", "", "", "", "", "", "", "", "", "", ""),
          List.of(
              "Dé",
              "-1",
              "-9000000000",
              "1900-01-01",
              "-0.125",
              "false",
              "-0.05",
              "1969-12-31T23:59:59.500",
              "2100-02-28",
              "-3",
              "0",
              "100000000000000000000",
              "x"));

  @Test
  void duckDbFilesOfEveryTypeAndCodecReadAsWritten() {
    for (String codec : List.of("uncompressed", "snappy", "gzip", "zstd", "lz4_raw")) {
      Path p = dir.resolve("typed-" + codec + ".parquet");
      Writers.duck(
          "COPY ("
              + TYPED
              + ") TO "
              + Writers.lit(p)
              + " (FORMAT PARQUET, COMPRESSION "
              + codec
              + ")");
      assertEquals(TYPED_CELLS, cells(open(p)), codec);
      assertEquals(duckCellsUnchecked(p), cells(open(p)), codec);
    }
    // DuckDB's V2 format (data pages v2, DELTA encodings)
    Path v2 = dir.resolve("typed-v2.parquet");
    Writers.duck(
        "COPY (" + TYPED + ") TO " + Writers.lit(v2) + " (FORMAT PARQUET, PARQUET_VERSION V2)");
    assertEquals(TYPED_CELLS, cells(open(v2)));
  }

  @Test
  void manyRowGroupsAndPagesReadInOrder() {
    Path p = dir.resolve("big.parquet");
    Writers.duck(
        "COPY (SELECT 'C' || (i % 1000) AS claim, i AS n, DATE '2008-01-01' + (i % 700)::INTEGER AS d,"
            + " CASE WHEN i % 7 = 0 THEN NULL ELSE 'x' || (i % 13) END AS maybe"
            + " FROM range(250000) r(i)) TO "
            + Writers.lit(p)
            + " (FORMAT PARQUET, ROW_GROUP_SIZE 30000)");
    List<List<String>> rows = cells(open(p));
    assertEquals(250000, rows.size());
    for (int i : new int[] {0, 1, 6, 7, 29999, 30000, 123456, 249999}) {
      assertEquals(
          List.of(
              "C" + (i % 1000),
              Integer.toString(i),
              LocalDate.of(2008, 1, 1).plusDays(i % 700).toString(),
              i % 7 == 0 ? "" : "x" + (i % 13)),
          rows.get(i),
          "row " + i);
    }
  }

  static final String SCHEMA =
      "message claims { optional binary claim_id (STRING); required binary beneficiary_id (STRING);"
          + " optional int32 from_date (DATE); optional int32 units; optional int64 big;"
          + " optional double amount; optional boolean flag; }";

  static List<Object[]> javaRows(int n) {
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      rows.add(
          new Object[] {
            i % 11 == 0 ? null : "CLM" + (i % 500),
            "B" + (i % 37),
            i % 5 == 0 ? null : (int) LocalDate.of(2008, 1, 1).plusDays(i % 400).toEpochDay(),
            i % 3 == 0 ? null : i % 4,
            (long) i * 1_000_003L,
            i % 2 == 0 ? null : i / 4.0,
            i % 6 == 0 ? null : i % 2 == 0
          });
    }
    return rows;
  }

  /** The cells of {@link #javaRows}, by hand from how each type reads. */
  static List<List<String>> javaCells(List<Object[]> rows) {
    List<List<String>> out = new ArrayList<>();
    for (Object[] r : rows) {
      List<String> c = new ArrayList<>();
      c.add(r[0] == null ? "" : (String) r[0]);
      c.add((String) r[1]);
      c.add(r[2] == null ? "" : LocalDate.ofEpochDay((Integer) r[2]).toString());
      c.add(r[3] == null ? "" : r[3].toString());
      c.add(r[4].toString());
      c.add(
          r[5] == null
              ? ""
              : new java.math.BigDecimal(r[5].toString())
                  .stripTrailingZeros()
                  .toPlainString()
                  .replace("0E-", "0E-"));
      c.add(r[6] == null ? "" : r[6].toString());
      out.add(c);
    }
    return out;
  }

  @Test
  void parquetJavaFilesOfEveryPageVersionEncodingAndCodecReadAsWritten() {
    List<Object[]> rows = javaRows(20_000);
    List<List<String>> expected = javaCells(rows);
    for (boolean v2 : new boolean[] {false, true}) {
      for (boolean dictionary : new boolean[] {false, true}) {
        for (CompressionCodecName codec :
            List.of(
                CompressionCodecName.UNCOMPRESSED,
                CompressionCodecName.SNAPPY,
                CompressionCodecName.GZIP,
                CompressionCodecName.ZSTD)) {
          Path p = dir.resolve("java-" + v2 + "-" + dictionary + "-" + codec + ".parquet");
          // small pages and row groups: many pages, dictionary fallback to plain within a chunk
          Writers.parquetJava(
              p, SCHEMA, rows, new Writers.JavaStyle(v2, dictionary, codec, 64 * 1024, 2 * 1024));
          assertEquals(expected, cells(open(p)), p.getFileName().toString());
        }
      }
    }
  }

  /**
   * A v2 page whose values are all null has an empty data section; parquet-java stores it as zero
   * bytes, not as the codec's encoding of nothing (CI found this with a random all-null page).
   */
  @Test
  void aV2PageOfOnlyNullsReadsUnderEveryCodec() {
    String schema = "message t { optional double x; optional binary s (STRING); }";
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      rows.add(new Object[] {null, i % 2 == 0 ? null : "s" + i});
    }
    List<List<String>> expected = new ArrayList<>();
    for (Object[] r : rows) {
      expected.add(List.of("", r[1] == null ? "" : (String) r[1]));
    }
    for (CompressionCodecName codec :
        List.of(
            CompressionCodecName.UNCOMPRESSED,
            CompressionCodecName.SNAPPY,
            CompressionCodecName.GZIP,
            CompressionCodecName.ZSTD)) {
      for (boolean dictionary : new boolean[] {false, true}) {
        Path p = dir.resolve("nulls-" + codec + "-" + dictionary + ".parquet");
        Writers.parquetJava(
            p, schema, rows, new Writers.JavaStyle(true, dictionary, codec, 1 << 20, 1024));
        assertEquals(expected, cells(open(p)), p.getFileName().toString());
      }
    }
  }

  @Test
  void aNestedColumnIsAnErrorNamingFileAndColumn() {
    Path struct = dir.resolve("struct.parquet");
    Writers.duck(
        "COPY (SELECT 1 AS id, {'code': 'x', 'n': 2} AS detail) TO "
            + Writers.lit(struct)
            + " (FORMAT PARQUET)");
    ParquetFormatException e = assertThrows(ParquetFormatException.class, () -> open(struct));
    assertTrue(e.getMessage().startsWith(struct + ": column detail is nested"), e.getMessage());
    Path list = dir.resolve("list.parquet");
    Writers.duck(
        "COPY (SELECT 1 AS id, [1, 2] AS codes) TO " + Writers.lit(list) + " (FORMAT PARQUET)");
    e = assertThrows(ParquetFormatException.class, () -> open(list));
    assertTrue(e.getMessage().startsWith(list + ": column codes is nested"), e.getMessage());
  }

  @Test
  void aCutOrDamagedFileIsAnErrorNamingIt() throws IOException {
    byte[] good = Files.readAllBytes(fixture("eunomia/person.parquet"));
    Path cut = dir.resolve("cut.parquet");
    Files.write(cut, java.util.Arrays.copyOf(good, good.length / 2));
    ParquetFormatException e = assertThrows(ParquetFormatException.class, () -> open(cut));
    assertTrue(e.getMessage().startsWith(cut + ": does not end with PAR1"), e.getMessage());
    // a footer whose length points outside the file
    byte[] bad = good.clone();
    bad[bad.length - 5] = 0x7F;
    Path badFooter = dir.resolve("footer.parquet");
    Files.write(badFooter, bad);
    e = assertThrows(ParquetFormatException.class, () -> open(badFooter));
    assertTrue(e.getMessage().startsWith(badFooter + ": footer length"), e.getMessage());
    // pages overwritten with garbage: an error naming the file and a column, never a wrong value
    byte[] garbage = good.clone();
    for (int i = 4; i < garbage.length / 3; i++) {
      garbage[i] = (byte) (i * 31);
    }
    Path pages = dir.resolve("pages.parquet");
    Files.write(pages, garbage);
    e = assertThrows(ParquetFormatException.class, () -> cells(open(pages)));
    assertTrue(e.getMessage().startsWith(pages + ": column "), e.getMessage());
  }

  @Test
  void aSparkStyleDirectoryIsItsPartsInNameOrder() throws IOException {
    Path table = dir.resolve("claims.parquet");
    Files.createDirectory(table);
    Writers.duck(
        "COPY (SELECT 'a' AS x, 1 AS n) TO "
            + Writers.lit(table.resolve("part-00001.parquet"))
            + " (FORMAT PARQUET)",
        "COPY (SELECT 'b' AS x, 2 AS n UNION ALL SELECT 'c', 3) TO "
            + Writers.lit(table.resolve("part-00000.parquet"))
            + " (FORMAT PARQUET)");
    Files.writeString(table.resolve("_SUCCESS"), "");
    CsvTable t = open(table);
    assertEquals(List.of("x", "n"), t.header());
    assertEquals(List.of(List.of("b", "2"), List.of("c", "3"), List.of("a", "1")), cells(t));
  }
}
