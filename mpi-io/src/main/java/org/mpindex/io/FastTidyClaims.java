package org.mpindex.io;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.mpindex.core.claims.Beneficiary;
import org.mpindex.core.claims.ClaimLine;
import org.mpindex.core.claims.ClaimType;
import org.mpindex.core.claims.CodeSystem;
import org.mpindex.core.claims.DiagnosisCode;
import org.mpindex.core.claims.InvalidValueException;
import org.mpindex.core.claims.PlaceOfService;
import org.mpindex.core.claims.ProcedureCode;
import org.mpindex.core.index.ClaimColumns;
import org.mpindex.core.index.ColumnarIngest;
import org.mpindex.core.index.IndexAssembler;
import org.mpindex.core.index.IngestTally;
import org.mpindex.core.spi.MalformedRecordException;
import org.mpindex.core.spi.RecordKind;
import org.mpindex.core.text.CsvTable;
import org.mpindex.core.text.LineReader;
import org.mpindex.io.collect.LongPairMap;

/**
 * The fast path of the tidy claims file: the same rows, counts, rejections and index as {@link
 * TidyCsvReader} line by line, with the bytes parsed on all cores and fed to the assembler as
 * {@link ClaimColumns}.
 *
 * <p>How: the file (plain or gzip, inflated on the calling thread) is cut into chunks at line
 * boundaries; each chunk is split into fields on a worker thread without a {@code String} per field
 * (values are interned as bytes per chunk: beneficiary ids, dates, codes); the calling thread then
 * takes the chunks in file order, turns each distinct value of a chunk into its library value once
 * (through the same parsers the row reader uses: {@code LocalDate}, {@link ProcedureCode}, {@link
 * DiagnosisCode}...), checks exact duplicate rows within a claim's consecutive rows and claims
 * read before ({@link TidyCsvReader#REPEATED_CLAIM}, with the row reader's record of claims), and adds the
 * lines to the assembler in batches. A row the fast path does not take as it is (quotes, bytes
 * outside printable ASCII, a tab, modifiers, any value its parser refuses, a wrong column count, a
 * diagnosis list starting with a separator) goes through {@link TidyCsvReader}'s row parser at its
 * place in the file: the same rejection, naming the same file, line and column. A UTF-16 file, or a
 * header that cannot be decoded, is read entirely by the row reader.
 *
 * <p>Lines are added one by one, not grouped into claims: use {@link
 * TidyCsvReader#read(Path, RecordKind, org.mpindex.core.index.RecordSink, IngestTally, boolean)}
 * with grouping when the effort calculator has claim-level rules (multiple-procedure ranking).
 */
public final class FastTidyClaims {
  static final int DEFAULT_CHUNK_BYTES = 8 << 20;

  private final TidyCsvReader rows;
  private final int threads;
  private final int chunkBytes;

  /** How a worker parses a chunk (a test replaces it to make a worker fail). */
  interface ChunkParser {
    Chunk parse(byte[] buf, int len, Layout layout);
  }

  ChunkParser chunkParser = Chunk::parse;

  /**
   * @param rows the row reader whose mode (strict or lenient), claim-dating rule and rejects sink
   *     apply
   * @param threads parsing threads, 1 or more
   */
  public FastTidyClaims(TidyCsvReader rows, int threads) {
    this(rows, threads, DEFAULT_CHUNK_BYTES);
  }

  FastTidyClaims(TidyCsvReader rows, int threads, int chunkBytes) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, got " + threads);
    }
    if (chunkBytes < 16) {
      throw new IllegalArgumentException("chunks of at least 16 bytes, got " + chunkBytes);
    }
    this.rows = Objects.requireNonNull(rows, "rows");
    this.threads = threads;
    this.chunkBytes = chunkBytes;
  }

  /**
   * Reads a tidy claims file into {@code assembler}, counting rows into {@code tally} (record kind
   * {@link TidyCsvReader#CLAIM_ROWS}) as the row reader does.
   *
   * <p>Memory stays bounded: a line longer than {@link LineReader#defaultMaxLineBytes} is rejected
   * (reason {@link LineReader#LINE_TOO_LONG}) and skipped without being held; a parsing thread that
   * runs out of memory ends the read with its {@link OutOfMemoryError}, on the calling thread.
   *
   * @return {@code tally}
   * @throws MalformedRecordException in strict mode, at the first bad row (in file order)
   * @throws OutOfMemoryError when a parsing thread ran out of memory
   */
  public IngestTally read(Path file, IndexAssembler assembler, IngestTally tally) {
    LineReader in = LineReader.open(file, StandardCharsets.UTF_8);
    int maxLine = in.maxLineBytes();
    if (!in.hasBytes()) {
      in.close();
      return slow(file, assembler, tally);
    }
    ExecutorService pool =
        Executors.newFixedThreadPool(
            threads,
            r -> {
              Thread t = new Thread(r, "mpi-csv");
              t.setDaemon(true);
              return t;
            });
    try (in) {
      // the header: the first line
      byte[] buf = new byte[chunkBytes];
      int len = fill(in, buf, 0);
      int nl = indexOf(buf, 0, len, (byte) '\n');
      while (nl < 0 && len == buf.length && len <= maxLine + 1) {
        buf = Arrays.copyOf(buf, grown(buf.length));
        len = fill(in, buf, len);
        nl = indexOf(buf, 0, len, (byte) '\n');
      }
      if (len == 0 || (nl < 0 && len > maxLine + 1)) {
        // empty, or a header line longer than the limit: the row reader says so
        in.close();
        return slow(file, assembler, tally);
      }
      // the header line through the same line reader and table as the row reader: the same errors
      int headerEnd = nl < 0 ? len : nl;
      byte[] headerLine = Arrays.copyOf(buf, headerEnd + 1);
      headerLine[headerEnd] = '\n';
      CsvTable table =
          CsvTable.open(
                  LineReader.of(
                          in.name(), new ByteArrayInputStream(headerLine), StandardCharsets.UTF_8)
                      .maxLineBytes(maxLine))
              .rejectsTo(rows.rejects());
      TidyCsvReader.RowParser parser = rows.claimRows(table);
      Layout layout = new Layout(table, maxLine);
      Merger merger = new Merger(in.name(), table, parser, layout, assembler, tally);
      ArrayDeque<Future<Chunk>> pending = new ArrayDeque<>();
      // the chunks: from after the header, each cut at its last line end
      int carryFrom = nl < 0 ? len : nl + 1;
      boolean eof = len < buf.length;
      while (true) {
        int carry = len - carryFrom;
        if (eof && carry == 0) {
          break;
        }
        byte[] next = new byte[(int) Math.min(MAX_ARRAY, Math.max(chunkBytes, 2L * carry))];
        System.arraycopy(buf, carryFrom, next, 0, carry);
        buf = next;
        len = carry;
        int cut;
        while (true) {
          if (!eof) {
            len = fill(in, buf, len);
            eof = len < buf.length;
          }
          if (eof) {
            cut = len;
            break;
          }
          int last = lastIndexOf(buf, 0, len, (byte) '\n');
          if (last >= 0) {
            cut = last + 1;
            break;
          }
          if (len > maxLine + 1) { // + 1: the line may end in \r\n
            cut = -1;
            break;
          }
          buf = Arrays.copyOf(buf, grown(buf.length)); // a line longer than a chunk
        }
        if (cut < 0) {
          // the buffer is the start of one line longer than the limit: the rows before it in file
          // order, the line rejected (strict: thrown now), its rest skipped unread
          while (!pending.isEmpty()) {
            merger.merge(get(pending.poll()));
          }
          merger.tooLong(merger.nextLine++);
          int end = -1;
          while (end < 0 && !eof) {
            len = fill(in, buf, 0);
            eof = len < buf.length;
            end = indexOf(buf, 0, len, (byte) '\n');
          }
          carryFrom = end < 0 ? len : end + 1;
          continue;
        }
        byte[] chunkBuf = buf;
        int chunkLen = cut;
        ChunkParser chunks = chunkParser;
        pending.add(pool.submit(() -> chunks.parse(chunkBuf, chunkLen, layout)));
        carryFrom = cut;
        while (pending.size() > 2 * threads) {
          merger.merge(get(pending.poll()));
        }
      }
      while (!pending.isEmpty()) {
        merger.merge(get(pending.poll()));
      }
      merger.flush();
      return tally;
    } finally {
      pool.shutdownNow();
    }
  }

  private IngestTally slow(Path file, IndexAssembler assembler, IngestTally tally) {
    return rows.read(
        file,
        TidyCsvReader.CLAIM_ROWS,
        org.mpindex.core.index.RecordSink.into(assembler),
        tally,
        false);
  }

  private static int fill(LineReader in, byte[] buf, int from) {
    int len = from;
    while (len < buf.length) {
      int n = in.readBytes(buf, len, buf.length - len);
      if (n < 0) {
        break;
      }
      len += n;
    }
    return len;
  }

  private static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

  /** Twice {@code length}, as an array can have it. */
  private static int grown(int length) {
    return (int) Math.min(MAX_ARRAY, 2L * length);
  }

  private static Chunk get(Future<Chunk> f) {
    try {
      return f.get();
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof RuntimeException runtimeException) {
        throw runtimeException;
      }
      if (c instanceof Error error) {
        throw error; // out of memory in a worker is out of memory of the read, not a wrapped bug
      }
      throw new IllegalStateException(c);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading claims", e);
    }
  }

  static int indexOf(byte[] b, int from, int to, byte v) {
    for (int i = from; i < to; i++) {
      if (b[i] == v) {
        return i;
      }
    }
    return -1;
  }

  static int lastIndexOf(byte[] b, int from, int to, byte v) {
    for (int i = to - 1; i >= from; i--) {
      if (b[i] == v) {
        return i;
      }
    }
    return -1;
  }

  /** 64-bit FNV-1a of a byte range. */
  static long hash(byte[] b, int from, int to) {
    long h = 0xcbf29ce484222325L;
    for (int i = from; i < to; i++) {
      h = (h ^ (b[i] & 0xFF)) * 0x100000001b3L;
    }
    return h;
  }

  // ------------------------------------------------------------------ the header's columns

  /** Column positions of the header, -1 when absent. */
  static final class Layout {
    final int width;
    final int claim;
    final int beneficiary;
    final int from;
    final int through;
    final int type;
    final int procedure;
    final int modifiers;
    final int units;
    final int place;
    final int system;
    final int diagnoses;
    final int maxLine;

    Layout(CsvTable t, int maxLine) {
      this.maxLine = maxLine;
      width = t.header().size();
      claim = t.optional("claim_id");
      beneficiary = t.optional("beneficiary_id");
      from = t.optional("from_date");
      through = t.optional("through_date");
      type = t.optional("claim_type");
      procedure = t.optional("procedure");
      modifiers = t.optional("modifiers");
      units = t.optional("units");
      place = t.optional("place_of_service");
      system = t.optional("code_system");
      diagnoses = t.optional("diagnoses");
    }
  }

  // ------------------------------------------------------------------ a chunk, parsed on a worker

  /** Interned byte strings of one chunk. */
  static final class ByteDict {
    private byte[] bytes = new byte[1 << 12];
    private int used;
    private int[] offset = new int[256];
    private int[] length = new int[256];
    private int size;
    private int[] table = new int[1024]; // id + 1, 0 = empty
    private long[] hashes = new long[256];

    int intern(byte[] src, int from, int to) {
      long h = hash(src, from, to);
      int mask = table.length - 1;
      int n = to - from;
      for (int i = (int) (h ^ (h >>> 32)) & mask; ; i = (i + 1) & mask) {
        int id = table[i] - 1;
        if (id < 0) {
          return add(src, from, n, h, i);
        }
        if (hashes[id] == h
            && length[id] == n
            && Arrays.equals(bytes, offset[id], offset[id] + n, src, from, to)) {
          return id;
        }
      }
    }

    private int add(byte[] src, int from, int n, long h, int slot) {
      int id = size++;
      if (id == offset.length) {
        offset = Arrays.copyOf(offset, id * 2);
        length = Arrays.copyOf(length, id * 2);
        hashes = Arrays.copyOf(hashes, id * 2);
      }
      if (used + n > bytes.length) {
        bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, used + n));
      }
      System.arraycopy(src, from, bytes, used, n);
      offset[id] = used;
      length[id] = n;
      hashes[id] = h;
      used += n;
      table[slot] = id + 1;
      if (size * 2 > table.length) {
        rehash();
      }
      return id;
    }

    private void rehash() {
      int[] t = new int[table.length * 2];
      int mask = t.length - 1;
      for (int id = 0; id < size; id++) {
        long h = hashes[id];
        int i = (int) (h ^ (h >>> 32)) & mask;
        while (t[i] != 0) {
          i = (i + 1) & mask;
        }
        t[i] = id + 1;
      }
      table = t;
    }

    int size() {
      return size;
    }

    String string(int id) {
      return new String(bytes, offset[id], length[id], StandardCharsets.ISO_8859_1);
    }
  }

  /** Row kinds. */
  static final byte BLANK = 0;

  static final byte FAST = 1;
  static final byte SLOW = 2;
  static final byte TOO_LONG = 3;

  /** One chunk: its bytes, one entry per line, and the fast rows' fields as interned ids. */
  static final class Chunk {
    final byte[] buf;
    int rows;
    byte[] kind;
    int[] start; // line start
    int[] end; // line end, before '\n' (a '\r' not removed)
    // fast rows
    int[] trimFrom;
    int[] trimTo; // the row without its surrounding spaces
    long[] rowHash;
    int[] keyFrom;
    int[] keyTo;
    long[] keyHash; // the claim id's key (ClaimRuns.key)
    int[] beneficiary; // in ids
    int[] from; // the rest in values, -1 when blank
    int[] through;
    int[] type;
    int[] procedure;
    int[] units;
    int[] place;
    int[] system;
    int[] dxStart; // rows + 1 offsets into dx
    int[] dx;
    int dxSize;
    final ByteDict ids = new ByteDict();
    final ByteDict values = new ByteDict();

    private Chunk(byte[] buf, int capacity) {
      this.buf = buf;
      int c = Math.max(16, capacity);
      kind = new byte[c];
      start = new int[c];
      end = new int[c];
      trimFrom = new int[c];
      trimTo = new int[c];
      rowHash = new long[c];
      keyFrom = new int[c];
      keyTo = new int[c];
      keyHash = new long[c];
      beneficiary = new int[c];
      from = new int[c];
      through = new int[c];
      type = new int[c];
      procedure = new int[c];
      units = new int[c];
      place = new int[c];
      system = new int[c];
      dxStart = new int[c + 1];
      dx = new int[c * 3];
    }

    private void grow() {
      int c = kind.length * 2;
      kind = Arrays.copyOf(kind, c);
      start = Arrays.copyOf(start, c);
      end = Arrays.copyOf(end, c);
      trimFrom = Arrays.copyOf(trimFrom, c);
      trimTo = Arrays.copyOf(trimTo, c);
      rowHash = Arrays.copyOf(rowHash, c);
      keyFrom = Arrays.copyOf(keyFrom, c);
      keyTo = Arrays.copyOf(keyTo, c);
      keyHash = Arrays.copyOf(keyHash, c);
      beneficiary = Arrays.copyOf(beneficiary, c);
      from = Arrays.copyOf(from, c);
      through = Arrays.copyOf(through, c);
      type = Arrays.copyOf(type, c);
      procedure = Arrays.copyOf(procedure, c);
      units = Arrays.copyOf(units, c);
      place = Arrays.copyOf(place, c);
      system = Arrays.copyOf(system, c);
      dxStart = Arrays.copyOf(dxStart, c + 1);
    }

    static Chunk parse(byte[] buf, int len, Layout layout) {
      Chunk c = new Chunk(buf, len / 48);
      int[] cellFrom = new int[layout.width];
      int[] cellTo = new int[layout.width];
      int i = 0;
      while (i < len) {
        int e = indexOf(buf, i, len, (byte) '\n');
        if (e < 0) {
          e = len;
        }
        c.row(i, e, layout, cellFrom, cellTo);
        i = e + 1;
      }
      return c;
    }

    private void row(int s, int e, Layout l, int[] cellFrom, int[] cellTo) {
      int r = rows;
      if (r == kind.length) {
        grow();
      }
      rows++;
      start[r] = s;
      end[r] = e;
      dxStart[r + 1] = dxSize;
      int ce = e > s && buf[e - 1] == '\r' ? e - 1 : e;
      if (ce - s > l.maxLine) {
        kind[r] = TOO_LONG;
        return;
      }
      // printable ASCII without quotes only; split at commas
      int cells = 0;
      int cellStart = s;
      boolean blank = true;
      for (int i = s; i < ce; i++) {
        byte b = buf[i];
        if (b < 0x20 || b > 0x7E || b == '"') {
          kind[r] = SLOW;
          return;
        }
        if (b != ' ') {
          blank = false;
        }
        if (b == ',') {
          if (cells == l.width) {
            kind[r] = SLOW;
            return;
          }
          cellFrom[cells] = cellStart;
          cellTo[cells] = i;
          cells++;
          cellStart = i + 1;
        }
      }
      if (blank) {
        kind[r] = BLANK;
        return;
      }
      if (cells == l.width) {
        kind[r] = SLOW;
        return;
      }
      cellFrom[cells] = cellStart;
      cellTo[cells] = ce;
      cells++;
      if (cells != l.width) {
        kind[r] = SLOW;
        return;
      }
      for (int k = 0; k < cells; k++) {
        int a = cellFrom[k];
        int z = cellTo[k];
        while (a < z && buf[a] == ' ') {
          a++;
        }
        while (z > a && buf[z - 1] == ' ') {
          z--;
        }
        cellFrom[k] = a;
        cellTo[k] = z;
      }
      if (empty(l.claim, cellFrom, cellTo)
          || empty(l.beneficiary, cellFrom, cellTo)
          || empty(l.from, cellFrom, cellTo)
          || !empty(l.modifiers, cellFrom, cellTo)) {
        kind[r] = SLOW;
        return;
      }
      if (l.diagnoses >= 0 && cellTo[l.diagnoses] > cellFrom[l.diagnoses]) {
        byte first = buf[cellFrom[l.diagnoses]];
        if (first == '|' || first == ';') {
          kind[r] = SLOW;
          return;
        }
      }
      kind[r] = FAST;
      int a = s;
      int z = ce;
      while (a < z && buf[a] == ' ') {
        a++;
      }
      while (z > a && buf[z - 1] == ' ') {
        z--;
      }
      trimFrom[r] = a;
      trimTo[r] = z;
      rowHash[r] = hash(buf, a, z);
      keyFrom[r] = cellFrom[l.claim];
      keyTo[r] = cellTo[l.claim];
      keyHash[r] = hash(buf, keyFrom[r], keyTo[r]);
      beneficiary[r] = ids.intern(buf, cellFrom[l.beneficiary], cellTo[l.beneficiary]);
      from[r] = value(l.from, cellFrom, cellTo);
      through[r] = value(l.through, cellFrom, cellTo);
      type[r] = value(l.type, cellFrom, cellTo);
      procedure[r] = value(l.procedure, cellFrom, cellTo);
      units[r] = value(l.units, cellFrom, cellTo);
      place[r] = value(l.place, cellFrom, cellTo);
      system[r] = value(l.system, cellFrom, cellTo);
      if (l.diagnoses >= 0) {
        int p = cellFrom[l.diagnoses];
        int q = cellTo[l.diagnoses];
        while (p < q) {
          int t = p;
          while (t < q && buf[t] != ' ' && buf[t] != '|' && buf[t] != ';') {
            t++;
          }
          if (dxSize == dx.length) {
            dx = Arrays.copyOf(dx, dx.length * 2);
          }
          dx[dxSize++] = values.intern(buf, p, t);
          p = t;
          while (p < q && (buf[p] == ' ' || buf[p] == '|' || buf[p] == ';')) {
            p++;
          }
        }
      }
      dxStart[r + 1] = dxSize;
    }

    private static boolean empty(int column, int[] from, int[] to) {
      return column < 0 || to[column] == from[column];
    }

    private int value(int column, int[] cellFrom, int[] cellTo) {
      if (column < 0 || cellTo[column] == cellFrom[column]) {
        return -1;
      }
      return values.intern(buf, cellFrom[column], cellTo[column]);
    }
  }

  // ------------------------------------------------------------------ the merge, in file order

  /** Takes parsed chunks in file order into the assembler. */
  private final class Merger {
    private final String file;
    private final CsvTable table;
    private final TidyCsvReader.RowParser parser;
    private final Layout layout;
    private final IndexAssembler assembler;
    private final ColumnarIngest columnar;
    private final IngestTally tally;
    private final boolean strict = rows.strict();
    // repeated claims: the row reader's, so that its parser (slow rows) and this merger (fast rows)
    // see one sequence of claim runs
    private final ClaimRuns claimRuns = rows.claimRuns();
    private final ClaimColumns batch = new ClaimColumns(1 << 16);
    private long nextLine = 2;
    // the current claim's run of rows, for exact duplicates
    private byte[] runKey;
    private final List<RunRow> run = new ArrayList<>();
    // the claim whose beneficiary is known, as the row reader's ClaimOwner keeps it: set by a row
    // with a claim id and a beneficiary, and kept across rows without (an empty claim id between
    // two
    // rows of a claim does not make the second one its claim's first)
    private byte[] ownerKey;
    // the beneficiary of the claim's first such row (null: none yet), and where its fast rows name
    // it
    private String owner;
    private Chunk ownerChunk;
    private int ownerId = -1;
    private final java.util.function.Function<String, Optional<Beneficiary>> known = rows.known();

    Merger(
        String file,
        CsvTable table,
        TidyCsvReader.RowParser parser,
        Layout layout,
        IndexAssembler assembler,
        IngestTally tally) {
      this.file = file;
      this.table = table;
      this.parser = parser;
      this.layout = layout;
      this.assembler = assembler;
      this.columnar = assembler.columnar();
      this.tally = tally;
    }

    void merge(Chunk c) {
      Values v = new Values(c);
      for (int r = 0; r < c.rows; r++) {
        long line = nextLine++;
        byte k = c.kind[r];
        if (k == BLANK) {
          continue;
        }
        if (k == TOO_LONG) {
          tooLong(line);
          continue;
        }
        if (k == FAST && v.take(r)) {
          tally.read(TidyCsvReader.CLAIM_ROWS);
          if (repeated(
              c.buf,
              c.keyFrom[r],
              c.keyTo[r],
              c.buf,
              c.trimFrom[r],
              c.trimTo[r],
              c.rowHash[r],
              line)) {
            continue;
          }
          // as the row reader: the claim's beneficiary first, then whether the claim was read
          // before
          if (otherOwner(c.buf, c.keyFrom[r], c.keyTo[r], c, c.beneficiary[r], null, line)) {
            continue;
          }
          if (claimRuns != null && claimRuns.repeated(c.keyHash[r])) {
            table.reject(
                strict,
                tally,
                TidyCsvReader.CLAIM_ROWS,
                TidyCsvReader.repeatedClaim(
                    file,
                    line,
                    table.header().get(layout.claim).strip(),
                    new String(
                        c.buf,
                        c.keyFrom[r],
                        c.keyTo[r] - c.keyFrom[r],
                        StandardCharsets.US_ASCII)));
            continue;
          }
          v.add(r, line);
          tally.accept(TidyCsvReader.CLAIM_ROWS, 1);
          if (batch.size() >= 1 << 16) {
            flush();
          }
        } else {
          slowRow(c.buf, c.start[r], c.end[r], line);
        }
      }
    }

    /** Counts line {@code line}, longer than the limit, as read and rejected (thrown if strict). */
    void tooLong(long line) {
      flush();
      tally.read(TidyCsvReader.CLAIM_ROWS);
      table.reject(
          strict,
          tally,
          TidyCsvReader.CLAIM_ROWS,
          LineReader.lineTooLong(file, line, layout.maxLine));
    }

    private void slowRow(byte[] buf, int from, int to, long line) {
      flush();
      RecordKind kind = TidyCsvReader.CLAIM_ROWS;
      String text;
      CsvTable.Row row;
      try {
        text = LineReader.decodeUtf8(file, buf, from, to, line);
        if (text.isBlank()) {
          return;
        }
        row = table.row(text, line);
      } catch (MalformedRecordException e) {
        tally.read(kind);
        table.reject(strict, tally, kind, e);
        return;
      }
      tally.read(kind);
      byte[] key = row.get(layout.claim).getBytes(StandardCharsets.UTF_8);
      byte[] stripped = text.strip().getBytes(StandardCharsets.UTF_8);
      if (repeated(
          key,
          0,
          key.length,
          stripped,
          0,
          stripped.length,
          hash(stripped, 0, stripped.length),
          line)) {
        return;
      }
      table.accept(
          row,
          kind,
          tally,
          strict,
          x -> {
            String id = x.get(layout.beneficiary);
            if (!x.get(layout.claim).isEmpty()
                && !id.isEmpty()
                && otherOwner(key, 0, key.length, null, -1, id, line)) {
              throw TidyCsvReader.otherBeneficiary(
                  x, layout.beneficiary, x.get(layout.claim), owner, id);
            }
            assembler.add((ClaimLine) parser.parse(x, tally));
          });
    }

    /**
     * Whether a row of the current claim's run names another beneficiary than the run's first row
     * ({@link TidyCsvReader#CLAIM_OF_ANOTHER_BENEFICIARY}); a fast row ({@code c} given) is then
     * counted and reported here, a slow row ({@code id} given) by its caller. The first row of a
     * claim ({@code keyBuf[keyFrom, keyTo)}, rows with a claim id and a beneficiary only) makes its
     * beneficiary the claim's; a row without a claim id between two rows of a claim does not end it,
     * as in the row reader ({@code TidyCsvReader.ClaimOwner}).
     */
    private boolean otherOwner(
        byte[] keyBuf, int keyFrom, int keyTo, Chunk c, int idInChunk, String id, long line) {
      if (ownerKey == null
          || !Arrays.equals(ownerKey, 0, ownerKey.length, keyBuf, keyFrom, keyTo)) {
        ownerKey = Arrays.copyOfRange(keyBuf, keyFrom, keyTo);
        owner = null;
        ownerChunk = null;
      }
      if (owner == null) {
        owner = c == null ? id : c.ids.string(idInChunk);
        ownerChunk = c;
        ownerId = idInChunk;
        return false;
      }
      if (c != null && c == ownerChunk) {
        if (idInChunk == ownerId) {
          return false;
        }
      } else {
        String s = c == null ? id : c.ids.string(idInChunk);
        if (s.equals(owner)) {
          ownerChunk = c;
          ownerId = idInChunk;
          return false;
        }
      }
      if (c == null) {
        return true;
      }
      String column = table.header().get(layout.beneficiary).strip();
      String claimId = new String(ownerKey, StandardCharsets.UTF_8);
      MalformedRecordException e =
          TidyCsvReader.otherBeneficiary(
              file, line, column, claimId, owner, c.ids.string(idInChunk));
      tally.reject(TidyCsvReader.CLAIM_ROWS, e.reason(), 1);
      if (strict) {
        throw e;
      }
      table.rejects().accept(e);
      return true;
    }

    /** Whether the row repeats an earlier row of its claim's run; counts and reports it when so. */
    private boolean repeated(
        byte[] keyBuf,
        int keyFrom,
        int keyTo,
        byte[] rowBuf,
        int rowFrom,
        int rowTo,
        long h,
        long line) {
      if (runKey == null || !Arrays.equals(runKey, 0, runKey.length, keyBuf, keyFrom, keyTo)) {
        runKey = Arrays.copyOfRange(keyBuf, keyFrom, keyTo);
        run.clear();
      }
      for (RunRow earlier : run) {
        if (earlier.hash == h
            && Arrays.equals(earlier.buf, earlier.from, earlier.to, rowBuf, rowFrom, rowTo)) {
          MalformedRecordException e =
              new MalformedRecordException(
                  CsvTable.DUPLICATE_ROW,
                  file,
                  line,
                  null,
                  "identical to line " + earlier.line + " of the same claim: counted once");
          tally.reject(TidyCsvReader.CLAIM_ROWS, CsvTable.DUPLICATE_ROW, 1);
          table.rejects().accept(e);
          return true;
        }
      }
      run.add(new RunRow(rowBuf, rowFrom, rowTo, h, line));
      return false;
    }

    void flush() {
      if (batch.size() > 0) {
        columnar.add(batch);
        batch.clear();
      }
    }

    /** A chunk's values turned into library values, each distinct one once. */
    private final class Values {
      private final Chunk c;
      private final int[] patient;
      private final Object[] parsed; // per value id: by the first use's kind (see below)
      private final byte[] parsedAs;
      private final int[] dx9;
      private final int[] dx10;
      // per beneficiary id of the chunk: its record, looked up once (checkedAgainst only)
      private final Beneficiary[] beneficiaries;
      private final boolean[] looked;
      // (procedure, units, type, place) value ids to the assembler's line signature
      private final LongPairMap signatures = new LongPairMap();
      // per row, filled by take()
      private LocalDate fromDate;
      private LocalDate thruDate;
      private ClaimType claimType;
      private ProcedureCode procedure;
      private int unitCount;
      private PlaceOfService placeOfService;
      private CodeSystem codeSystem;

      Values(Chunk c) {
        this.c = c;
        patient = new int[c.ids.size()];
        Arrays.fill(patient, -1);
        int n = c.values.size();
        parsed = new Object[n * KINDS];
        parsedAs = new byte[n * KINDS];
        dx9 = new int[n];
        dx10 = new int[n];
        beneficiaries = known == null ? null : new Beneficiary[c.ids.size()];
        looked = known == null ? null : new boolean[c.ids.size()];
        Arrays.fill(dx9, -2);
        Arrays.fill(dx10, -2);
      }

      /** Whether the fast row's values are all valid (else it is read by the row parser). */
      boolean take(int r) {
        fromDate = (LocalDate) value(c.from[r], DATE);
        thruDate = c.through[r] < 0 ? fromDate : (LocalDate) value(c.through[r], DATE);
        if (fromDate == null || thruDate == null || thruDate.isBefore(fromDate)) {
          return false;
        }
        if (known != null) {
          Beneficiary b = beneficiary(c.beneficiary[r]);
          if (b != null) {
            LocalDate day = rows.dating().dayOf(fromDate, thruDate);
            if (day.isBefore(b.birthDate())
                || (b.deathDate().isPresent() && day.isAfter(b.deathDate().get()))) {
              return false; // the row parser rejects it, naming the column
            }
          }
        }
        claimType = c.type[r] < 0 ? ClaimType.PROFESSIONAL : (ClaimType) value(c.type[r], TYPE);
        procedure = c.procedure[r] < 0 ? null : (ProcedureCode) value(c.procedure[r], PROCEDURE);
        Integer u = c.units[r] < 0 ? Integer.valueOf(1) : (Integer) value(c.units[r], UNITS);
        placeOfService = c.place[r] < 0 ? null : (PlaceOfService) value(c.place[r], PLACE);
        codeSystem =
            c.system[r] < 0
                ? CodeSystem.forServiceDate(rows.dating().dayOf(fromDate, thruDate))
                : (CodeSystem) value(c.system[r], SYSTEM);
        if (claimType == null
            || (c.procedure[r] >= 0 && procedure == null)
            || u == null
            || (c.place[r] >= 0 && placeOfService == null)
            || codeSystem == null) {
          return false;
        }
        unitCount = u;
        if (strict) {
          for (int k = c.dxStart[r]; k < c.dxStart[r + 1]; k++) {
            if (diagnosis(c.dx[k]) < 0) {
              return false; // the row parser throws the exact error
            }
          }
        }
        return true;
      }

      /** The beneficiary record of chunk id {@code id}, looked up once; null when none. */
      private Beneficiary beneficiary(int id) {
        if (!looked[id]) {
          beneficiaries[id] = known.apply(c.ids.string(id)).orElse(null);
          looked[id] = true;
        }
        return beneficiaries[id];
      }

      /** Adds the taken row (file line {@code line}) to the batch. */
      void add(int r, long line) {
        if (known != null && !strict && beneficiary(c.beneficiary[r]) == null) {
          table
              .rejects()
              .accept(
                  TidyCsvReader.noBeneficiary(
                      file,
                      line,
                      table.header().get(layout.beneficiary).strip(),
                      c.ids.string(c.beneficiary[r])));
        }
        int p = patient[c.beneficiary[r]];
        if (p < 0) {
          p = columnar.patientIndex(c.ids.string(c.beneficiary[r]));
          patient[c.beneficiary[r]] = p;
        }
        long k1 = ((long) (c.procedure[r] + 1) << 32) | (c.units[r] + 1);
        long k2 = ((long) (c.type[r] + 1) << 32) | (c.place[r] + 1);
        int sig = signatures.get(k1, k2);
        if (sig < 0) {
          sig = columnar.lineSignature(procedure, List.of(), unitCount, claimType, placeOfService);
          signatures.put(k1, k2, sig);
        }
        batch.line(p, (int) fromDate.toEpochDay(), (int) thruDate.toEpochDay(), sig);
        for (int k = c.dxStart[r]; k < c.dxStart[r + 1]; k++) {
          int d = diagnosis(c.dx[k]);
          if (d >= 0) {
            batch.diagnosis(d);
          } else {
            tally.unknownCode("invalid " + codeSystem.displayName(), c.values.string(c.dx[k]));
          }
        }
      }

      /** The assembler's index of a diagnosis value in the row's code system; -1 when invalid. */
      private int diagnosis(int id) {
        int[] memo = codeSystem == CodeSystem.ICD9CM ? dx9 : dx10;
        int d = memo[id];
        if (d == -2) {
          Optional<DiagnosisCode> code = DiagnosisCode.tryParse(codeSystem, c.values.string(id));
          d = code.isPresent() ? columnar.diagnosisIndex(code.get()) : -1;
          memo[id] = d;
        }
        return d;
      }

      /** A value parsed as {@code kind}, or null when its parser refuses it. */
      private Object value(int id, int kind) {
        int at = id * KINDS + kind;
        if (parsedAs[at] == 0) {
          parsed[at] = parse(c.values.string(id), kind);
          parsedAs[at] = 1;
        }
        return parsed[at];
      }
    }
  }

  private static final int DATE = 0;
  private static final int TYPE = 1;
  private static final int PROCEDURE = 2;
  private static final int UNITS = 3;
  private static final int PLACE = 4;
  private static final int SYSTEM = 5;
  private static final int KINDS = 6;

  /** As the row reader parses a (stripped, non-blank) cell; null where it would reject the row. */
  private static Object parse(String v, int kind) {
    try {
      switch (kind) {
        case DATE -> {
          return CsvTable.parseDate(v).orElse(null);
        }
        case TYPE -> {
          return TidyCsvReader.claimTypeOf(v);
        }
        case PROCEDURE -> {
          return ProcedureCode.of(v);
        }
        case UNITS -> {
          int u = Integer.parseInt(v);
          return u < 0 || u > 1_000_000 ? null : u;
        }
        case PLACE -> {
          return PlaceOfService.of(v);
        }
        default -> {
          return CodeSystem.parse(v);
        }
      }
    } catch (DateTimeParseException | InvalidValueException | NumberFormatException e) {
      return null;
    }
  }

  // a view of a row's bytes, never compared or hashed as a record (rows are compared cell by cell)
  @SuppressWarnings("ArrayRecordComponent")
  private record RunRow(byte[] buf, int from, int to, long hash, long line) {}
}
