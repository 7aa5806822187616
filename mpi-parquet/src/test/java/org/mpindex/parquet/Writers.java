package org.mpindex.parquet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;

/** The two writers the tests make Parquet files with: DuckDB (SQL) and parquet-java (rows). */
final class Writers {
  private Writers() {}

  private static Connection duck;

  /** One in-memory DuckDB for the test run. */
  static synchronized Connection duckDb() {
    if (duck == null) {
      try {
        Class.forName("org.duckdb.DuckDBDriver");
        duck = DriverManager.getConnection("jdbc:duckdb:");
      } catch (SQLException | ClassNotFoundException e) {
        throw new IllegalStateException(e);
      }
    }
    return duck;
  }

  /** Runs SQL statements in DuckDB (a COPY ... TO 'x.parquet' writes a file). */
  static synchronized void duck(String... sql) {
    try (Statement s = duckDb().createStatement()) {
      for (String q : sql) {
        s.execute(q);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(String.join("; ", sql) + ": " + e.getMessage(), e);
    }
  }

  /** A query's result in DuckDB, read by {@code reader}. */
  interface ResultReader<T> {
    T read(java.sql.ResultSet rs) throws SQLException;
  }

  static synchronized <T> T duckQuery(String sql, ResultReader<T> reader) throws SQLException {
    try (Statement s = duckDb().createStatement();
        java.sql.ResultSet rs = s.executeQuery(sql)) {
      return reader.read(rs);
    }
  }

  /** A path as a SQL string literal. */
  static String lit(Path p) {
    return "'" + p.toAbsolutePath().toString().replace("'", "''") + "'";
  }

  /** How parquet-java writes: page version, dictionary, codec, row group and page sizes. */
  record JavaStyle(
      boolean v2,
      boolean dictionary,
      CompressionCodecName codec,
      int rowGroupBytes,
      int pageBytes) {}

  /**
   * Writes rows with parquet-java (no Hadoop configuration: {@link PlainParquetConfiguration}).
   * {@code schema} in parquet-java's message syntax; a row's cells in schema order, null for a
   * null; values by the column's type: String for binary, Integer for int32 (DATE: days since
   * 1970-01-01), Long, Double, Boolean.
   */
  static void parquetJava(Path file, String schema, List<Object[]> rows, JavaStyle style) {
    MessageType type = MessageTypeParser.parseMessageType(schema);
    SimpleGroupFactory groups = new SimpleGroupFactory(type);
    try {
      Files.deleteIfExists(file);
      try (ParquetWriter<Group> w =
          ExampleParquetWriter.builder(new LocalOutputFile(file))
              .withConf(new PlainParquetConfiguration())
              .withType(type)
              .withCompressionCodec(style.codec())
              .withWriterVersion(
                  style.v2()
                      ? ParquetProperties.WriterVersion.PARQUET_2_0
                      : ParquetProperties.WriterVersion.PARQUET_1_0)
              .withDictionaryEncoding(style.dictionary())
              .withRowGroupSize((long) style.rowGroupBytes())
              .withPageSize(style.pageBytes())
              .withDictionaryPageSize(style.pageBytes())
              .build()) {
        for (Object[] row : rows) {
          Group g = groups.newGroup();
          for (int i = 0; i < row.length; i++) {
            Object v = row[i];
            String name = type.getFieldName(i);
            if (v == null) {
              // a null: nothing added
            } else if (v instanceof String s) {
              g.add(name, s);
            } else if (v instanceof Integer n) {
              g.add(name, n);
            } else if (v instanceof Long n) {
              g.add(name, n);
            } else if (v instanceof Double d) {
              g.add(name, d);
            } else if (v instanceof Boolean b) {
              g.add(name, b);
            } else {
              throw new IllegalArgumentException(v.getClass() + " in column " + name);
            }
          }
          w.write(g);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
