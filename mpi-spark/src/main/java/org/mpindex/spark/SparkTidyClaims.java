package org.mpindex.spark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.XXH64;
import org.apache.spark.unsafe.types.UTF8String;
import org.mpindex.core.claims.Beneficiary;
import org.mpindex.core.index.ClaimColumns;
import org.mpindex.core.index.ColumnarIngest;
import org.mpindex.core.index.IndexAssembler;
import org.mpindex.core.index.IngestTally;
import org.mpindex.core.index.RecordSink;
import org.mpindex.core.spi.MalformedRecordException;
import org.mpindex.core.text.CsvTable;
import org.mpindex.io.TidyCells;
import org.mpindex.io.TidyCsvReader;
import org.mpindex.io.collect.LongPairMap;
import org.mpindex.io.input.ReadContext;

/**
 * The columnar fold of one Spark partition's tidy claim rows: Spark's own rows ({@link InternalRow},
 * cells as {@link UTF8String}) go straight into {@link ClaimColumns} batches, each distinct cell
 * interned and parsed once per partition, no {@code ClaimLine} object per line, in any order (no
 * sort). The same rows, counts and rejections as {@link TidyCsvReader} reading them: a row the fast
 * path does not take as it is goes to the row parser at its place ({@link TidyCells}).
 *
 * <p>Exact repeats. A row identical to an earlier row of the same file and beneficiary (every cell
 * the index reads, and a 64-bit hash of the cells it does not read) is counted once ({@link
 * CsvTable#DUPLICATE_ROW}), wherever it is in the partition: the rule of the sorted row fold, for
 * which a claim's rows are always together. Rows are recognised by a 128-bit fingerprint of their
 * cells' bytes (two seeded 64-bit xxHash of each cell, mixed; two different rows of one partition
 * share one with probability about {@code n^2 / 2^129}: under 10^-23 for 100 M rows), held in a
 * table of 16 bytes a slot, at most three quarters full (21 to 43 bytes a row): the one state of
 * the fold that grows with the lines
 * (the index's own grows with the beneficiaries). The cells' parsing caches are bounded ({@link
 * #CACHE}): claim ids, distinct per claim, are hashed, never kept.
 *
 * <p>Row layout: source index (int), file name, beneficiary key, hash of the other cells (long,
 * null without any), then the cells of {@link #COLUMNS} in that order (null where the dataset has
 * no such column). Single-threaded; one instance folds one partition.
 */
final class SparkTidyClaims {
  /** The claim columns, in row order after the four leading fields. */
  static final List<String> COLUMNS = MpiSpark.CLAIM_COLUMNS;

  /** Where the cells start in a row. */
  static final int FIRST_CELL = 4;

  /** Distinct cells a column's cache holds before it starts again (parsing is redone, not kept). */
  static final int CACHE = 1 << 16;

  private final ReadContext context;
  private final IndexAssembler assembler;
  private final ColumnarIngest columnar;
  private final IngestTally tally;
  private final boolean strict;
  private final Function<String, Optional<Beneficiary>> known;
  private final List<List<String>> headers;
  private final String partition;
  private final ClaimColumns batch = new ClaimColumns(1 << 14);
  private final FingerprintSet seen = new FingerprintSet();
  private final Interned[] cells = new Interned[COLUMNS.size()];
  private final Map<String, FileRows> files = new HashMap<>();
  private LongPairMap signatures = new LongPairMap();
  private int signatureClears;
  private final TidyCells.Diagnoses dxIndex;
  private final TidyCells.Line line = new TidyCells.Line();
  private final int[] ids = new int[COLUMNS.size()];
  private FileRows last;
  private final int claim = COLUMNS.indexOf("claim_id");
  private final int beneficiary = COLUMNS.indexOf("beneficiary_id");
  private final int from = COLUMNS.indexOf("from_date");
  private final int through = COLUMNS.indexOf("through_date");
  private final int type = COLUMNS.indexOf("claim_type");
  private final int procedure = COLUMNS.indexOf("procedure");
  private final int modifiers = COLUMNS.indexOf("modifiers");
  private final int units = COLUMNS.indexOf("units");
  private final int place = COLUMNS.indexOf("place_of_service");
  private final int system = COLUMNS.indexOf("code_system");
  private final int diagnoses = COLUMNS.indexOf("diagnoses");
  // per beneficiary value id: the assembler's patient index (-1 not yet), the record lookup
  private int[] patient = new int[256];
  private Object[] life = new Object[256];
  // rows the row parser read (tests check that valid rows take the columnar path)
  long rowParserRows;

  /**
   * A fold into {@code assembler} (its study period fixed) with {@code context}'s mode, tally,
   * rejections sink, dating and beneficiaries (claims are checked against them when it knows them).
   *
   * @param headers per source index, the dataset's name of each of {@link #COLUMNS} (null where it
   *     has none)
   * @param partition the partition's number, for the names of its files
   */
  SparkTidyClaims(
      ReadContext context, IndexAssembler assembler, List<List<String>> headers, int partition) {
    this(context, assembler, headers, partition, CACHE);
  }

  /** With caches of {@code cache} distinct cells a column (tests make them tiny). */
  SparkTidyClaims(
      ReadContext context,
      IndexAssembler assembler,
      List<List<String>> headers,
      int partition,
      int cache) {
    this.context = context;
    this.assembler = assembler;
    this.columnar = assembler.columnar();
    this.dxIndex = new TidyCells.Diagnoses(columnar);
    this.tally = context.tally();
    this.strict = context.strict();
    this.known = context.checksBeneficiaries() ? context.beneficiaries() : null;
    this.headers = headers;
    this.partition = " (partition " + partition + ")";
    for (int i = 0; i < cells.length; i++) {
      // beneficiary ids are the partition's beneficiaries, whose state the assembler holds anyway:
      // never forgotten (a bounded cache of them thrashes, rows of one beneficiary arriving apart)
      cells[i] = new Interned(i == beneficiary ? Integer.MAX_VALUE : cache);
    }
    Arrays.fill(patient, -1);
  }

  /** The bytes of the repeat table (the fold's one state that grows with the lines). */
  long repeatTableBytes() {
    return seen.bytes();
  }

  /** Folds every row of {@code rows}. */
  void read(Iterator<InternalRow> rows) {
    while (rows.hasNext()) {
      row(rows.next());
    }
    flush();
  }

  /** The rows of one (source, file) of the partition, numbered as lines of a file. */
  private static final class FileRows {
    final int id;
    final int source;
    final UTF8String raw;
    final String name;
    long lines = 1; // the header

    FileRows(int id, int source, UTF8String raw, String name) {
      this.id = id;
      this.source = source;
      this.raw = raw;
      this.name = name;
    }
  }

  /**
   * One column's distinct cells, up to {@link #CACHE}: text once, parsed once; then it starts
   * again ({@code clears} counts how often: ids handed out before mean nothing after).
   */
  private static final class Interned {
    final Map<UTF8String, Integer> ids = new HashMap<>();
    final List<String> stripped = new ArrayList<>();
    final List<Object> parsed = new ArrayList<>();
    final List<UTF8String> keys = new ArrayList<>();
    final int limit;
    int clears;
    // the previous row's cell: a claim's rows mostly come one after another, sharing most cells
    private UTF8String last;
    private int lastId;

    Interned(int limit) {
      this.limit = limit;
    }

    int id(UTF8String u) {
      if (u == null) {
        return -1;
      }
      if (last != null && last.equals(u)) {
        return lastId;
      }
      Integer i = ids.get(u);
      if (i == null) {
        if (ids.size() >= limit) {
          ids.clear();
          stripped.clear();
          parsed.clear();
          keys.clear();
          clears++;
        }
        i = ids.size();
        UTF8String key = u.copy(); // the row's bytes are reused by the next row
        ids.put(key, i);
        keys.add(key);
        stripped.add(u.toString().strip());
        parsed.add(null);
      }
      last = keys.get(i);
      lastId = i;
      return i;
    }

    String stripped(int id) {
      return id < 0 ? "" : stripped.get(id);
    }

    Object parsed(int id, Function<String, Object> parser) {
      if (id < 0) {
        return null;
      }
      Object v = parsed.get(id);
      if (v == null) {
        String s = stripped.get(id);
        v = s.isEmpty() ? TidyCells.BLANK : parser.apply(s);
        parsed.set(id, v);
      }
      return v == TidyCells.BLANK ? null : v;
    }
  }

  private void row(InternalRow r) {
    FileRows f = file(r);
    long at = ++f.lines;
    long h1 = 0x9E3779B97F4A7C15L * (f.id + 1);
    long h2 = 0xC2B2AE3D27D4EB4FL * (f.id + 1);
    boolean claimBlank = true;
    for (int c = 0; c < ids.length; c++) {
      UTF8String u = r.isNullAt(FIRST_CELL + c) ? null : r.getUTF8String(FIRST_CELL + c);
      if (u == null) {
        h1 = mix(h1 ^ 0x5851F42D4C957F2DL);
        h2 = mix2(h2 + 0x14057B7EF767814FL);
      } else {
        h1 =
            mix(h1 ^ XXH64.hashUnsafeBytes(u.getBaseObject(), u.getBaseOffset(), u.numBytes(), 41));
        h2 =
            mix2(
                h2 + XXH64.hashUnsafeBytes(u.getBaseObject(), u.getBaseOffset(), u.numBytes(), 43));
      }
      if (c == claim) {
        claimBlank = u == null || u.numBytes() == 0 || u.toString().isBlank();
        ids[c] = -1;
      } else {
        ids[c] = cells[c].id(u);
      }
    }
    forgetCleared();
    long extra = r.isNullAt(3) ? 0 : r.getLong(3);
    h1 = mix(h1 ^ extra);
    h2 = mix2(h2 + extra);
    if (!seen.add(h1, h2)) {
      tally.read(TidyCsvReader.CLAIM_ROWS);
      tally.reject(TidyCsvReader.CLAIM_ROWS, CsvTable.DUPLICATE_ROW, 1);
      context
          .rejects()
          .accept(
              new MalformedRecordException(
                  CsvTable.DUPLICATE_ROW,
                  f.name,
                  at,
                  null,
                  "identical to an earlier row of the same claim: counted once"));
      return;
    }
    if (claimBlank || !take()) {
      slow(f, r, at);
      return;
    }
    tally.read(TidyCsvReader.CLAIM_ROWS);
    add();
    tally.accept(TidyCsvReader.CLAIM_ROWS, 1);
    if (batch.size() >= 1 << 14) {
      flush();
    }
  }

  private FileRows file(InternalRow r) {
    UTF8String name = r.isNullAt(1) ? UTF8String.EMPTY_UTF8 : r.getUTF8String(1);
    int source = r.getInt(0);
    if (last != null && last.source == source && last.raw.equals(name)) {
      return last;
    }
    String key = source + "|" + name;
    FileRows f = files.get(key);
    if (f == null) {
      f = new FileRows(files.size(), source, name.copy(), name + partition);
      files.put(key, f);
    }
    last = f;
    return f;
  }

  /**
   * After a column's cache started again: what was keyed by its ids goes too (the beneficiary
   * column's never starts again).
   */
  private void forgetCleared() {
    int signatureClears =
        cells[procedure].clears + cells[units].clears + cells[type].clears + cells[place].clears;
    if (signatureClears != this.signatureClears) {
      this.signatureClears = signatureClears;
      signatures = new LongPairMap();
    }
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 33)) * 0xFF51AFD7ED558CCDL;
    z = (z ^ (z >>> 33)) * 0xC4CEB9FE1A85EC53L;
    return z ^ (z >>> 33);
  }

  private static long mix2(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** Whether the current row's values are all as the fast path takes them. */
  private boolean take() {
    int b = ids[beneficiary];
    if (cells[beneficiary].stripped(b).isEmpty()) {
      return false;
    }
    String[] dx = codes();
    return line.take(
        cells[from].parsed(ids[from], TidyCells::date),
        cells[through].parsed(ids[through], TidyCells::date),
        cells[type].parsed(ids[type], TidyCells::claimType),
        cells[procedure].parsed(ids[procedure], TidyCells::procedure),
        cells[modifiers].stripped(ids[modifiers]).isEmpty(),
        cells[units].parsed(ids[units], TidyCells::units),
        cells[place].parsed(ids[place], TidyCells::place),
        cells[system].parsed(ids[system], TidyCells::codeSystem),
        dx,
        context.dating(),
        known == null ? null : () -> life(b),
        strict ? dxIndex : null);
  }

  private String[] codes() {
    Object o = cells[diagnoses].parsed(ids[diagnoses], TidyCells::codes);
    return o == null ? TidyCells.NO_CODES : (String[]) o;
  }

  private void grow(int b) {
    if (b >= patient.length) {
      int n = Math.max(b + 1, patient.length * 2);
      int old = patient.length;
      patient = Arrays.copyOf(patient, n);
      Arrays.fill(patient, old, n, -1);
      life = Arrays.copyOf(life, n);
    }
  }

  @SuppressWarnings("unchecked")
  private Optional<Beneficiary> life(int b) {
    grow(b);
    Object o = life[b];
    if (o == null) {
      o = known.apply(cells[beneficiary].stripped(b));
      life[b] = o;
    }
    return (Optional<Beneficiary>) o;
  }

  /** Adds the taken row to the batch. */
  private void add() {
    int b = ids[beneficiary];
    grow(b);
    int p = patient[b];
    if (p < 0) {
      p = columnar.patientIndex(cells[beneficiary].stripped(b));
      patient[b] = p;
    }
    long k1 = ((long) (ids[procedure] + 1) << 32) | (ids[units] + 1);
    long k2 = ((long) (ids[type] + 1) << 32) | (ids[place] + 1);
    int sig = signatures.get(k1, k2);
    if (sig < 0) {
      sig =
          columnar.lineSignature(
              line.procedure(), List.of(), line.units(), line.type(), line.place());
      signatures.put(k1, k2, sig);
    }
    batch.line(p, (int) line.from().toEpochDay(), (int) line.through().toEpochDay(), sig);
    dxIndex.addTo(batch, line.system(), codes(), tally);
  }

  /** The current row through the row parser (which counts it), as line {@code at} of its file. */
  private void slow(FileRows f, InternalRow r, long at) {
    flush();
    rowParserRows++;
    List<String> header = headers.get(f.source);
    List<String> names = new ArrayList<>();
    List<String> row = new ArrayList<>();
    for (int c = 0; c < header.size(); c++) {
      if (header.get(c) != null) {
        names.add(header.get(c));
        row.add(r.isNullAt(FIRST_CELL + c) ? null : r.getUTF8String(FIRST_CELL + c).toString());
      }
    }
    TidyCsvReader rows =
        new TidyCsvReader(context.mode(), context.dating())
            .rejectsTo(e -> context.rejects().accept(TidyCells.atLine(e, at)));
    if (known != null) {
      rows = rows.checkedAgainst(known);
    }
    try {
      rows.read(
          CsvTable.of(f.name, names, List.<List<String>>of(row).iterator()),
          TidyCsvReader.CLAIM_ROWS,
          RecordSink.into(assembler),
          tally,
          false);
    } catch (MalformedRecordException e) {
      throw TidyCells.atLine(e, at);
    }
  }

  private void flush() {
    if (batch.size() > 0) {
      columnar.add(batch);
      batch.clear();
    }
  }
}
