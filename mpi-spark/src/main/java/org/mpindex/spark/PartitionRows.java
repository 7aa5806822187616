package org.mpindex.spark;

import java.util.AbstractMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.Consumer;
import org.apache.spark.sql.Row;
import org.mpindex.core.index.IndexAssembler;
import org.mpindex.core.index.IngestMode;
import org.mpindex.core.index.IngestTally;
import org.mpindex.core.text.CsvTable;
import org.mpindex.io.SynpufBeneficiaryReader;
import org.mpindex.io.SynpufClaimReader;
import org.mpindex.io.SynpufCoverage;
import org.mpindex.io.TidyCsvReader;

/**
 * Reads one partition's sorted rows ({@code k, y, key, cells}: table, year, beneficiary, cells) with
 * the library's readers, table after table, into an assembler: rows of a table become a {@link
 * CsvTable} streamed from the partition, so the readers' checks, rejections and counts are those of
 * files.
 */
final class PartitionRows {
  private final Iterator<Row> rows;
  private final List<MpiSpark.Table> tables;
  private final int partition;
  private Row next;

  PartitionRows(Iterator<Row> rows, List<MpiSpark.Table> tables, int partition) {
    this.rows = rows;
    this.tables = tables;
    this.partition = partition;
    this.next = rows.hasNext() ? rows.next() : null;
  }

  /** Reads every row into {@code assembler}, counting into its tally. */
  void readInto(IndexAssembler assembler, boolean groupedClaims) {
    readInto(assembler, groupedClaims, e -> {});
  }

  /** {@link #readInto(IndexAssembler, boolean)}, handing every lenient rejection to {@code rejects}. */
  void readInto(
      IndexAssembler assembler,
      boolean groupedClaims,
      Consumer<org.mpindex.core.spi.MalformedRecordException> rejects) {
    IngestTally tally = assembler.tally();
    IngestMode mode = assembler.spec().ingestMode();
    org.mpindex.core.index.RecordSink sink = org.mpindex.core.index.RecordSink.into(assembler);
    TidyCsvReader tidy = new TidyCsvReader(mode, assembler.spec().claimDating()).rejectsTo(rejects);
    // enrollment and claims checked against the beneficiary records, as mpi compute checks them:
    // a partition's rows come sorted by table, so its beneficiary rows are in before the others
    TidyCsvReader checked = tidy.checkedAgainst(assembler::beneficiary);
    // one reader for every claims table of the partition: a claim in two tables (files) is read
    // once,
    // as mpi compute reads it (a claim's rows share its patient, so its partition)
    SynpufClaimReader synpuf =
        new SynpufClaimReader(mode, true)
            .rejectsTo(rejects)
            .checkedAgainst(assembler::beneficiary, assembler.spec().claimDating());
    while (next != null) {
      int k = next.getInt(0);
      MpiSpark.Table t = tables.get(k);
      switch (t.kind) {
        case BENEFICIARIES ->
            tidy.read(table(k, -1), TidyCsvReader.BENEFICIARY_ROWS, sink, tally, false);
        case ENROLLMENT ->
            checked.read(table(k, -1), TidyCsvReader.ENROLLMENT_ROWS, sink, tally, false);
        case CLAIMS ->
            checked.read(table(k, -1), TidyCsvReader.CLAIM_ROWS, sink, tally, groupedClaims);
        case SUMMARIES ->
            new SynpufBeneficiaryReader(mode, SynpufCoverage.DEFAULT)
                .rejectsTo(rejects)
                .read(years(k), sink, tally);
        case SYNPUF_CLAIMS -> synpuf.read(table(k, -1), sink, tally);
        case ACG -> {
          // read strictly, as mpi compute --acg-output does
          org.mpindex.adg.AcgOutputReader acg = org.mpindex.adg.AcgOutputReader.strict();
          if (t.defaultDay != null) {
            acg = acg.defaultDay(java.time.LocalDate.parse(t.defaultDay));
          }
          tally.addAll(acg.read(table(k, -1), assembler::add));
        }
        default -> throw new IllegalStateException("unknown table kind " + t.kind);
      }
    }
  }

  /** The summary tables of table {@code k}, one per year, each streaming its year's rows. */
  private Iterator<Map.Entry<Integer, CsvTable>> years(int k) {
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return next != null && next.getInt(0) == k;
      }

      @Override
      public Map.Entry<Integer, CsvTable> next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        int year = next.getInt(1);
        return new AbstractMap.SimpleImmutableEntry<>(year, table(k, year));
      }
    };
  }

  /** The rows of table {@code k} (and year {@code year}, unless -1) as a table streaming from the partition. */
  private CsvTable table(int k, int year) {
    MpiSpark.Table t = tables.get(k);
    String name = t.name + (year >= 0 ? " " + year : "") + " (partition " + partition + ")";
    Iterator<List<String>> cells =
        new Iterator<>() {
          @Override
          public boolean hasNext() {
            return next != null && next.getInt(0) == k && (year < 0 || next.getInt(1) == year);
          }

          @Override
          public List<String> next() {
            if (!hasNext()) {
              throw new NoSuchElementException();
            }
            List<String> c = next.getList(3);
            advance();
            return c;
          }
        };
    return CsvTable.of(name, t.header, cells);
  }

  private void advance() {
    next = rows.hasNext() ? rows.next() : null;
  }
}
