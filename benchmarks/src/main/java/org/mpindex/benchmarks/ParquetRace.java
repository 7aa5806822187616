package org.mpindex.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.mpindex.adg.ComorbidityGrouper;
import org.mpindex.core.index.ClaimDating;
import org.mpindex.core.index.IndexAssembler;
import org.mpindex.core.index.IngestMode;
import org.mpindex.core.index.MpiSpec;
import org.mpindex.core.index.StudyPeriod;
import org.mpindex.core.text.CsvTable;
import org.mpindex.io.TidyCsvReader;
import org.mpindex.io.input.ReadContext;
import org.mpindex.parquet.ParquetColumns;
import org.mpindex.parquet.ParquetTableOpener;
import org.mpindex.parquet.ParquetTidyClaims;
import org.mpindex.rbrvs.RvuSchedule;
import org.mpindex.rbrvs.WorkRvuCalculator;
import org.mpindex.testkit.PaperScaleWorkload;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Which Parquet reader mpi-parquet should carry (issue 26, point 5): the tidy claims file of a
 * {@link PaperScaleWorkload} written to Parquet by DuckDB ({@code from_date} a DATE column, Snappy
 * pages, DuckDB's default row groups), read whole, one thread, by
 *
 * <ul>
 *   <li>{@code ownCells}: mpi-parquet's own reader as a table ({@link ParquetTableOpener}: every cell
 *       as text, as every layout reader sees a Parquet file);
 *   <li>{@code ownColumns}: mpi-parquet's reader column by column ({@link ParquetColumns}: each
 *       value's id, no text: the least it does per value);
 *   <li>{@code parquetJavaRecords}: parquet-java 1.15.2 record by record (its example {@code Group}
 *       records, every field as text: what a row reader built on parquet-java would do);
 *   <li>{@code parquetJavaColumns}: parquet-java 1.15.2 column by column ({@code ColumnReader}, each
 *       value read in its physical type: the least a parquet-java reader can do per value);
 *   <li>{@code ownIndexClaims}: the whole claims read into an assembler by {@link ParquetTidyClaims}
 *       (the columnar fast path: decode, parse, fold), and {@code csvIndexClaims} the same claims
 *       from the same population's tidy CSV file by the row reader, as a yardstick;
 *   <li>{@code duckdbRead}: DuckDB reading the same Parquet file into a table (its own threads).
 * </ul>
 *
 * One operation = the whole file. Jar weights are in {@code benchmarks/README.md}. parquet-java and
 * Hadoop are not in benchmarks.jar (provided scope, from Spark's class path):
 *
 * <pre>
 * mvn -B -q dependency:build-classpath -pl mpi-spark -Dmdep.includeScope=provided -Dmdep.outputFile=/tmp/cp
 * java -cp benchmarks/target/benchmarks.jar:$(cat /tmp/cp) org.openjdk.jmh.Main ParquetRace -f 1 -wi 2 -i 3
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 3)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
public class ParquetRace {
  @Param({"100000"})
  public int beneficiaries;

  private Path dir;
  private Path parquet;

  /** Rows of the claims file (printed once, to turn times into rows/s). */
  public long rows;

  @Setup(Level.Trial)
  public void write() throws IOException, SQLException {
    dir = Files.createTempDirectory("parquet-race");
    PaperScaleWorkload.generate(2011, beneficiaries).writeTidy(dir);
    parquet = dir.resolve("claims.parquet");
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement()) {
      s.execute(
          "COPY (SELECT * FROM read_csv('"
              + dir.resolve("claims.csv")
              + "', columns = {'claim_id': 'VARCHAR', 'beneficiary_id': 'VARCHAR', 'from_date':"
              + " 'DATE', 'procedure': 'VARCHAR', 'code_system': 'VARCHAR', 'diagnoses':"
              + " 'VARCHAR'}, header = true)) TO '"
              + parquet
              + "' (FORMAT PARQUET, COMPRESSION snappy)");
      try (ResultSet r = s.executeQuery("SELECT count(*) FROM read_parquet('" + parquet + "')")) {
        r.next();
        rows = r.getLong(1);
      }
    }
    System.out.printf(
        "%nParquetRace: %,d claim rows, Parquet %,d bytes, CSV %,d bytes%n",
        rows, Files.size(parquet), Files.size(dir.resolve("claims.csv")));
  }

  @TearDown(Level.Trial)
  public void delete() throws IOException {
    CsvRace.deleteTree(dir);
  }

  /** mpi-parquet's reader: every cell of every row as text. */
  @Benchmark
  public long ownCells(Blackhole bh) {
    long[] n = {0};
    try (CsvTable t = new ParquetTableOpener().open(parquet).orElseThrow()) {
      int columns = t.header().size();
      t.forEachRow(
          "claims",
          new org.mpindex.core.index.IngestTally(),
          true,
          row -> {
            for (int i = 0; i < columns; i++) {
              bh.consume(row.get(i));
            }
            n[0]++;
          });
    }
    return n[0];
  }

  /** mpi-parquet's reader, column by column: each value's id (its text is never asked for). */
  @Benchmark
  public long ownColumns(Blackhole bh) {
    ParquetColumns p = ParquetColumns.open(parquet);
    int columns = p.columns().size();
    long n = 0;
    for (int rows = p.nextRowGroup(); rows >= 0; rows = p.nextRowGroup()) {
      for (int c = 0; c < columns; c++) {
        for (int r = 0; r < rows; r++) {
          bh.consume(p.valueId(c, r));
        }
      }
      n += rows;
    }
    return n;
  }

  private ParquetFileReader parquetJava() throws IOException {
    return ParquetFileReader.open(
        new LocalInputFile(parquet),
        ParquetReadOptions.builder(new PlainParquetConfiguration()).build());
  }

  /** parquet-java, record by record, each field as text. */
  @Benchmark
  public long parquetJavaRecords(Blackhole bh) throws IOException {
    long n = 0;
    try (ParquetFileReader r = parquetJava()) {
      MessageType schema = r.getFooter().getFileMetaData().getSchema();
      MessageColumnIO io = new ColumnIOFactory().getColumnIO(schema);
      int fields = schema.getFieldCount();
      PageReadStore pages;
      while ((pages = r.readNextRowGroup()) != null) {
        RecordReader<Group> records = io.getRecordReader(pages, new GroupRecordConverter(schema));
        for (long i = 0; i < pages.getRowCount(); i++) {
          Group g = records.read();
          for (int f = 0; f < fields; f++) {
            bh.consume(g.getFieldRepetitionCount(f) == 0 ? "" : g.getValueToString(f, 0));
          }
          n++;
        }
      }
    }
    return n;
  }

  /** parquet-java, column by column, each value in its physical type. */
  @Benchmark
  public long parquetJavaColumns(Blackhole bh) throws IOException {
    long n = 0;
    try (ParquetFileReader r = parquetJava()) {
      MessageType schema = r.getFooter().getFileMetaData().getSchema();
      List<ColumnDescriptor> columns = schema.getColumns();
      PageReadStore pages;
      while ((pages = r.readNextRowGroup()) != null) {
        ColumnReadStoreImpl store =
            new ColumnReadStoreImpl(
                pages, new GroupRecordConverter(schema).getRootConverter(), schema, "");
        for (ColumnDescriptor d : columns) {
          ColumnReader c = store.getColumnReader(d);
          int max = d.getMaxDefinitionLevel();
          PrimitiveType.PrimitiveTypeName type = d.getPrimitiveType().getPrimitiveTypeName();
          for (long i = 0, total = pages.getPageReader(d).getTotalValueCount(); i < total; i++) {
            if (c.getCurrentDefinitionLevel() == max) {
              switch (type) {
                case INT32 -> bh.consume(c.getInteger());
                case INT64 -> bh.consume(c.getLong());
                case DOUBLE -> bh.consume(c.getDouble());
                case BOOLEAN -> bh.consume(c.getBoolean());
                default -> bh.consume(c.getBinary());
              }
            }
            c.consume();
          }
        }
        n += pages.getRowCount();
      }
    }
    return n;
  }

  private IndexAssembler assembler() {
    IndexAssembler a =
        IndexAssembler.create(
            MpiSpec.builder()
                .studyPeriod(StudyPeriod.of(PaperScaleWorkload.START, PaperScaleWorkload.END))
                .build(),
            WorkRvuCalculator.of(RvuSchedule.bundled()),
            ComorbidityGrouper.elixhauser());
    TidyCsvReader rows = new TidyCsvReader(org.mpindex.core.index.IngestMode.LENIENT);
    rows.read(
        dir.resolve("beneficiaries.csv"),
        TidyCsvReader.BENEFICIARY_ROWS,
        org.mpindex.core.index.RecordSink.into(a),
        a.tally(),
        false);
    rows.read(
        dir.resolve("enrollment.csv"),
        TidyCsvReader.ENROLLMENT_ROWS,
        org.mpindex.core.index.RecordSink.into(a),
        a.tally(),
        false);
    return a.fixStudyPeriod();
  }

  /** The claims into an assembler through mpi-parquet's columnar path (beneficiaries read first, timed too). */
  @Benchmark
  public IndexAssembler ownIndexClaims() {
    IndexAssembler a = assembler();
    new ParquetTidyClaims(
            new ReadContext(
                IngestMode.LENIENT,
                a.tally(),
                e -> {},
                ClaimDating.SERVICE_FROM,
                ReadContext.NOBODY_YET))
        .read(parquet, a);
    return a;
  }

  /** The same claims from the tidy CSV file, row by row (the yardstick; beneficiaries read first too). */
  @Benchmark
  public IndexAssembler csvIndexClaims() {
    IndexAssembler a = assembler();
    new TidyCsvReader(org.mpindex.core.index.IngestMode.LENIENT)
        .read(
            CsvTable.open(
                org.mpindex.core.text.LineReader.open(
                    dir.resolve("claims.csv"), StandardCharsets.UTF_8)),
            TidyCsvReader.CLAIM_ROWS,
            org.mpindex.core.index.RecordSink.into(a),
            a.tally(),
            false);
    return a;
  }

  /** DuckDB reading the same Parquet file into a table (all cores). */
  @Benchmark
  public long duckdbRead() throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE claims AS SELECT * FROM read_parquet('" + parquet + "')");
      try (ResultSet r = s.executeQuery("SELECT count(*) FROM claims")) {
        r.next();
        return r.getLong(1);
      }
    }
  }
}
