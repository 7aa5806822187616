package org.mpindex.io;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.mpindex.core.claims.Beneficiary;
import org.mpindex.core.claims.CodeSystem;
import org.mpindex.core.claims.DiagnosisCode;
import org.mpindex.core.claims.InvalidValueException;
import org.mpindex.core.claims.ProcedureCode;
import org.mpindex.core.index.ClaimColumns;
import org.mpindex.core.index.ClaimDating;
import org.mpindex.core.index.ColumnarIngest;
import org.mpindex.core.index.IndexAssembler;
import org.mpindex.core.index.IngestTally;
import org.mpindex.core.index.RecordSink;
import org.mpindex.core.spi.MalformedRecordException;
import org.mpindex.core.text.CsvTable;
import org.mpindex.core.text.LineReader;
import org.mpindex.core.text.StableHash;

/**
 * The fast path of DE-SynPUF claims files (carrier, inpatient, outpatient): the same rows, counts,
 * rejections, notes, unknown codes and index as {@link SynpufClaimReader} row by row (giving the
 * sink line by line), with the bytes parsed on all cores and fed to the assembler as {@link
 * ClaimColumns}.
 *
 * <p>How (as {@link FastTidyClaims}): the file (plain or gzip, inflated on the calling thread) is
 * cut into chunks at line ends; a worker splits each chunk's rows into cells without a {@code
 * String} a cell, keeps only the cells the index reads (beneficiary, claim id, dates, the claim's
 * diagnoses, and each line slot's HCPCS code, line diagnosis and processing indicator; the payment
 * columns are skipped), reads {@code YYYYMMDD} dates to epoch days and interns the codes of the
 * chunk as bytes; the calling thread takes the chunks in file order, parses each distinct code of a
 * chunk once (through {@link DiagnosisCode} and {@link ProcedureCode}, as the row reader does) and
 * adds the lines to the assembler in batches.
 *
 * <p>A row goes through the row reader's own code ({@code SynpufClaimReader.FileRows}), at its
 * place in the file and with its state (claims read before, the current claim's beneficiary and
 * segments), whenever the fast path does not take it as it is: quotes, bytes outside printable
 * ASCII, a wrong column count, a blank beneficiary, claim id or from-date (continuation rows), a
 * date not written {@code YYYYMMDD} or not valid, a through-date before the from-date, a row of the
 * claim read just before it or of a claim read before (a duplicate), a service day outside the
 * beneficiary's life, an invalid HCPCS code of an allowed line, and (strict mode) an invalid
 * diagnosis. The rejections are then the row reader's: same file, line, column, reason and message.
 *
 * <p>Lines are added one by one, not grouped into claims: read with {@link SynpufClaimReader} and
 * {@code asClaims} when the effort calculator has claim-level rules (multiple-procedure ranking).
 */
public final class FastSynpufClaims {
  static final int DEFAULT_CHUNK_BYTES = 8 << 20;

  private final SynpufClaimReader rows;
  private final int threads;
  private final int chunkBytes;

  /**
   * @param rows the row reader whose mode (strict or lenient), options (denied lines, diagnosis
   *     sources, beneficiary checks and claim dating), rejects sink and record of claims read apply;
   *     reading a file with either changes the state of both (claims read before)
   * @param threads parsing threads, 1 or more
   * @throws IllegalArgumentException when {@code threads} is below 1
   */
  public FastSynpufClaims(SynpufClaimReader rows, int threads) {
    this(rows, threads, DEFAULT_CHUNK_BYTES);
  }

  FastSynpufClaims(SynpufClaimReader rows, int threads, int chunkBytes) {
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
   * Reads a DE-SynPUF claims file (its kind told by its header, as the row reader tells it) into
   * {@code assembler}, counting rows into {@code tally} as the row reader does (record kinds {@link
   * SynpufClaimReader.Kind#rows()}; notes such as {@link SynpufClaimReader#LINES_PRODUCED}).
   *
   * <p>Memory stays bounded: a line longer than {@link LineReader#defaultMaxLineBytes} is rejected
   * (reason {@link LineReader#LINE_TOO_LONG}) and skipped without being held.
   *
   * @return {@code tally}
   * @throws MalformedRecordException in strict mode, at the first bad row (in file order); in any
   *     mode, when the header lacks a required column (as the row reader)
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
              Thread t = new Thread(r, "mpi-synpuf");
              t.setDaemon(true);
              return t;
            });
    try (in) {
      byte[] buf = new byte[chunkBytes];
      int len = fill(in, buf, 0);
      int nl = FastTidyClaims.indexOf(buf, 0, len, (byte) '\n');
      while (nl < 0 && len == buf.length && len <= maxLine + 1) {
        buf = Arrays.copyOf(buf, grown(buf.length));
        len = fill(in, buf, len);
        nl = FastTidyClaims.indexOf(buf, 0, len, (byte) '\n');
      }
      if (len == 0 || (nl < 0 && len > maxLine + 1)) {
        in.close();
        return slow(file, assembler, tally);
      }
      int headerEnd = nl < 0 ? len : nl;
      byte[] headerLine = Arrays.copyOf(buf, headerEnd + 1);
      headerLine[headerEnd] = '\n';
      CsvTable table =
          CsvTable.open(
                  LineReader.of(
                          in.name(), new ByteArrayInputStream(headerLine), StandardCharsets.UTF_8)
                      .maxLineBytes(maxLine))
              .rejectsTo(rows.rejects);
      SynpufClaimReader.FileRows f = rows.new FileRows(table, RecordSink.into(assembler), tally);
      Layout layout = new Layout(f, table.header().size(), maxLine);
      Merger merger = new Merger(in.name(), table, f, layout, assembler, tally);
      ArrayDeque<Future<Chunk>> pending = new ArrayDeque<>();
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
          int last = FastTidyClaims.lastIndexOf(buf, 0, len, (byte) '\n');
          if (last >= 0) {
            cut = last + 1;
            break;
          }
          if (len > maxLine + 1) {
            cut = -1;
            break;
          }
          buf = Arrays.copyOf(buf, grown(buf.length));
        }
        if (cut < 0) {
          // one line longer than the limit: the rows before it, the line rejected, its rest skipped
          while (!pending.isEmpty()) {
            merger.merge(get(pending.poll()));
          }
          merger.tooLong(merger.nextLine++);
          int end = -1;
          while (end < 0 && !eof) {
            len = fill(in, buf, 0);
            eof = len < buf.length;
            end = FastTidyClaims.indexOf(buf, 0, len, (byte) '\n');
          }
          carryFrom = end < 0 ? len : end + 1;
          continue;
        }
        byte[] chunkBuf = buf;
        int chunkLen = cut;
        pending.add(pool.submit(() -> Chunk.parse(chunkBuf, chunkLen, layout)));
        carryFrom = cut;
        while (pending.size() > 2 * threads) {
          merger.merge(get(pending.poll()));
        }
      }
      while (!pending.isEmpty()) {
        merger.merge(get(pending.poll()));
      }
      merger.flush();
      f.finish();
      return tally;
    } finally {
      pool.shutdownNow();
    }
  }

  private IngestTally slow(Path file, IndexAssembler assembler, IngestTally tally) {
    return rows.read(file, RecordSink.into(assembler), tally);
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
        throw error;
      }
      throw new IllegalStateException(c);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading claims", e);
    }
  }

  /**
   * The epoch day of {@code b[a, z)} when it is a valid date written {@code YYYYMMDD} with a year of
   * 1 to 9999 (what {@link CsvTable#parseDate} gives for it), else {@link FastTidyClaims#NO_DAY}.
   */
  static int cmsDay(byte[] b, int a, int z) {
    if (z - a != 8) {
      return FastTidyClaims.NO_DAY;
    }
    int v = 0;
    for (int k = a; k < z; k++) {
      int d = b[k] - '0';
      if (d < 0 || d > 9) {
        return FastTidyClaims.NO_DAY;
      }
      v = v * 10 + d;
    }
    return FastTidyClaims.civilDay(v / 10000, v / 100 % 100, v % 100);
  }

  /** {@link StableHash#of(long, String)} of the ASCII bytes {@code b[a, z)}. */
  static long stableHash(long seed, byte[] b, int a, int z) {
    long h = 0xcbf29ce484222325L ^ seed;
    for (int i = a; i < z; i++) {
      h ^= b[i] & 0xFF;
      h *= 0x100000001b3L;
    }
    return StableHash.mix(h);
  }

  // ------------------------------------------------------------------ the header's columns

  /** The columns the fast path reads, from the row reader's file state. */
  static final class Layout {
    final int width;
    final int maxLine;
    final long seed;
    final int id;
    final int claim;
    final int from;
    final int thru;
    final int[] claimDx;
    final int[] hcpcs;
    final int[] lineDx; // -1: absent or not read (diagnosis sources)
    final int[] status; // -1: absent

    Layout(SynpufClaimReader.FileRows f, int width, int maxLine) {
      this.width = width;
      this.maxLine = maxLine;
      seed = f.kind.ordinal();
      id = f.id;
      claim = f.claim;
      from = f.from;
      thru = f.thru;
      claimDx = f.claimDx.stream().mapToInt(Integer::intValue).toArray();
      hcpcs = f.hcpcs.stream().mapToInt(Integer::intValue).toArray();
      lineDx = new int[hcpcs.length];
      status = new int[hcpcs.length];
      for (int i = 0; i < hcpcs.length; i++) {
        lineDx[i] = f.lineSource ? f.lineDx.get(i) : -1;
        status[i] = f.processing.get(i);
      }
    }
  }

  // ------------------------------------------------------------------ a chunk, parsed on a worker

  /** One chunk: its bytes, one entry per line, and the fast rows' cells as interned ids. */
  static final class Chunk {
    final byte[] buf;
    int rows;
    byte[] kind;
    int[] start;
    int[] end; // before '\n' (a '\r' not removed)
    int[] trimFrom;
    int[] trimTo;
    int[] keyFrom;
    int[] keyTo;
    long[] key; // SynpufClaimReader.claimKey of the claim id
    int[] beneficiary; // in ids
    int[] fromDay;
    int[] thruDay;
    int[] dxStart; // rows + 1 offsets into dx: the claim's diagnoses read, in values
    int[] dx;
    int dxSize;
    int[] slotStart; // rows + 1 offsets into the slots with a code or a line diagnosis
    int[] slotCode; // values, -1 blank
    int[] slotDx;
    int[] slotStatus;
    int slots;
    final FastTidyClaims.ByteDict ids = new FastTidyClaims.ByteDict();
    final FastTidyClaims.ByteDict values = new FastTidyClaims.ByteDict();

    private Chunk(byte[] buf, int capacity) {
      this.buf = buf;
      int c = Math.max(16, capacity);
      kind = new byte[c];
      start = new int[c];
      end = new int[c];
      trimFrom = new int[c];
      trimTo = new int[c];
      keyFrom = new int[c];
      keyTo = new int[c];
      key = new long[c];
      beneficiary = new int[c];
      fromDay = new int[c];
      thruDay = new int[c];
      dxStart = new int[c + 1];
      dx = new int[c * 4];
      slotStart = new int[c + 1];
      slotCode = new int[c * 2];
      slotDx = new int[c * 2];
      slotStatus = new int[c * 2];
    }

    private void grow() {
      int c = kind.length * 2;
      kind = Arrays.copyOf(kind, c);
      start = Arrays.copyOf(start, c);
      end = Arrays.copyOf(end, c);
      trimFrom = Arrays.copyOf(trimFrom, c);
      trimTo = Arrays.copyOf(trimTo, c);
      keyFrom = Arrays.copyOf(keyFrom, c);
      keyTo = Arrays.copyOf(keyTo, c);
      key = Arrays.copyOf(key, c);
      beneficiary = Arrays.copyOf(beneficiary, c);
      fromDay = Arrays.copyOf(fromDay, c);
      thruDay = Arrays.copyOf(thruDay, c);
      dxStart = Arrays.copyOf(dxStart, c + 1);
      slotStart = Arrays.copyOf(slotStart, c + 1);
    }

    static Chunk parse(byte[] buf, int len, Layout layout) {
      Chunk c = new Chunk(buf, len / 256);
      int[] cellFrom = new int[layout.width];
      int[] cellTo = new int[layout.width];
      int i = 0;
      while (i < len) {
        i = c.row(i, len, layout, cellFrom, cellTo) + 1;
      }
      return c;
    }

    private int row(int s, int len, Layout l, int[] cellFrom, int[] cellTo) {
      int r = rows;
      if (r == kind.length) {
        grow();
      }
      rows++;
      start[r] = s;
      dxStart[r + 1] = dxSize;
      slotStart[r + 1] = slots;
      int cells = 0;
      int cellStart = s;
      boolean blank = true;
      boolean slow = false;
      int i = s;
      for (; i < len; i++) {
        byte b = buf[i];
        if (b == ',') {
          if (cells == l.width) {
            slow = true;
            break;
          }
          cellFrom[cells] = cellStart;
          cellTo[cells] = i;
          cells++;
          cellStart = i + 1;
          blank = false;
        } else if (b < 0x20 || b > 0x7E || b == '"') {
          if (b == '\n' || (b == '\r' && (i + 1 == len || buf[i + 1] == '\n'))) {
            break;
          }
          slow = true;
          break;
        } else if (b != ' ') {
          blank = false;
        }
      }
      int e = i;
      if (slow || (e < len && buf[e] == '\r')) {
        e = FastTidyClaims.indexOf(buf, i, len, (byte) '\n');
        if (e < 0) {
          e = len;
        }
      }
      end[r] = e;
      int ce = e > s && buf[e - 1] == '\r' ? e - 1 : e;
      if (ce - s > l.maxLine) {
        kind[r] = FastTidyClaims.TOO_LONG;
        return e;
      }
      if (slow) {
        kind[r] = FastTidyClaims.SLOW;
        return e;
      }
      if (blank) {
        kind[r] = FastTidyClaims.BLANK;
        return e;
      }
      if (cells == l.width) {
        kind[r] = FastTidyClaims.SLOW;
        return e;
      }
      cellFrom[cells] = cellStart;
      cellTo[cells] = ce;
      cells++;
      if (cells != l.width) {
        kind[r] = FastTidyClaims.SLOW;
        return e;
      }
      if (!taken(r, s, ce, l, cellFrom, cellTo)) {
        kind[r] = FastTidyClaims.SLOW;
        dxSize = dxStart[r + 1];
        slots = slotStart[r + 1];
        return e;
      }
      kind[r] = FastTidyClaims.FAST;
      dxStart[r + 1] = dxSize;
      slotStart[r + 1] = slots;
      return e;
    }

    /** Reads the cells of a row of the right width; false when the row parser must read it. */
    private boolean taken(int r, int s, int ce, Layout l, int[] cellFrom, int[] cellTo) {
      int idFrom = trimmedFrom(cellFrom[l.id], cellTo[l.id]);
      int idTo = trimmedTo(idFrom, cellTo[l.id]);
      int claimFrom = trimmedFrom(cellFrom[l.claim], cellTo[l.claim]);
      int claimTo = trimmedTo(claimFrom, cellTo[l.claim]);
      if (idFrom == idTo || claimFrom == claimTo) {
        return false;
      }
      int fa = trimmedFrom(cellFrom[l.from], cellTo[l.from]);
      int from = cmsDay(buf, fa, trimmedTo(fa, cellTo[l.from]));
      if (from == FastTidyClaims.NO_DAY) {
        return false; // blank (a continuation row) or not YYYYMMDD
      }
      int ta = trimmedFrom(cellFrom[l.thru], cellTo[l.thru]);
      int tz = trimmedTo(ta, cellTo[l.thru]);
      int thru = ta == tz ? from : cmsDay(buf, ta, tz);
      if (thru == FastTidyClaims.NO_DAY || thru < from) {
        return false;
      }
      fromDay[r] = from;
      thruDay[r] = thru;
      keyFrom[r] = claimFrom;
      keyTo[r] = claimTo;
      key[r] = stableHash(l.seed, buf, claimFrom, claimTo);
      beneficiary[r] = ids.intern(buf, idFrom, idTo);
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
      for (int column : l.claimDx) {
        int v = value(column, cellFrom, cellTo);
        if (v >= 0) {
          if (dxSize == dx.length) {
            dx = Arrays.copyOf(dx, dx.length * 2);
          }
          dx[dxSize++] = v;
        }
      }
      for (int k = 0; k < l.hcpcs.length; k++) {
        int code = value(l.hcpcs[k], cellFrom, cellTo);
        int lineDx = value(l.lineDx[k], cellFrom, cellTo);
        if (code < 0 && lineDx < 0) {
          continue;
        }
        if (slots == slotCode.length) {
          int n = slots * 2;
          slotCode = Arrays.copyOf(slotCode, n);
          slotDx = Arrays.copyOf(slotDx, n);
          slotStatus = Arrays.copyOf(slotStatus, n);
        }
        slotCode[slots] = code;
        slotDx[slots] = lineDx;
        slotStatus[slots] = code < 0 ? -1 : value(l.status[k], cellFrom, cellTo);
        slots++;
      }
      return true;
    }

    private int trimmedFrom(int a, int z) {
      while (a < z && buf[a] == ' ') {
        a++;
      }
      return a;
    }

    private int trimmedTo(int a, int z) {
      while (z > a && buf[z - 1] == ' ') {
        z--;
      }
      return z;
    }

    /** The interned value of a cell, stripped; -1 when blank or the column is absent. */
    private int value(int column, int[] cellFrom, int[] cellTo) {
      if (column < 0) {
        return -1;
      }
      int a = trimmedFrom(cellFrom[column], cellTo[column]);
      int z = trimmedTo(a, cellTo[column]);
      return a == z ? -1 : values.intern(buf, a, z);
    }
  }

  // ------------------------------------------------------------------ the merge, in file order

  /** Takes parsed chunks in file order into the assembler. */
  private final class Merger {
    private final String file;
    private final CsvTable table;
    private final SynpufClaimReader.FileRows f;
    private final Layout layout;
    private final ColumnarIngest columnar;
    private final IngestTally tally;
    private final boolean strict = rows.strict;
    private final ClaimColumns batch = new ClaimColumns(1 << 16);
    private long nextLine = 2;
    private long pendingRead;
    private long pendingAccept;
    // the rows of the current run of one claim id (CsvTable's duplicate rows): views of buffers
    private byte[] runKeyBuf;
    private int runKeyFrom;
    private int runKeyTo;
    private final RunRows run = new RunRows();
    // the signature of a line without effort (a diagnosis-only slot, a denied line)
    private int noEffort = -1;
    private final boolean byThrough = rows.dating == ClaimDating.SERVICE_THROUGH;
    // a file with segments (inpatient, outpatient): continuation rows need their segment 1's dates
    private final boolean institutional;

    Merger(
        String file,
        CsvTable table,
        SynpufClaimReader.FileRows f,
        Layout layout,
        IndexAssembler assembler,
        IngestTally tally) {
      this.file = file;
      this.table = table;
      this.f = f;
      this.institutional = f.segment >= 0;
      this.layout = layout;
      this.columnar = assembler.columnar();
      this.tally = tally;
    }

    void merge(Chunk c) {
      Values v = new Values(c);
      for (int r = 0; r < c.rows; r++) {
        long line = nextLine++;
        byte k = c.kind[r];
        if (k == FastTidyClaims.BLANK) {
          continue;
        }
        if (k == FastTidyClaims.TOO_LONG) {
          tooLong(line);
          continue;
        }
        if (k == FastTidyClaims.FAST && v.take(r)) {
          pendingRead++;
          if (repeated(c.buf, c.keyFrom[r], c.keyTo[r], c.buf, c.trimFrom[r], c.trimTo[r], line)) {
            continue;
          }
          v.add(r, line);
          pendingAccept++;
          if (batch.size() >= 1 << 16) {
            flush();
          }
        } else {
          slowRow(c.buf, c.start[r], c.end[r], line);
        }
      }
      settle();
    }

    private void settle() {
      if (pendingRead > 0) {
        tally.read(f.kind.rows(), pendingRead);
        pendingRead = 0;
      }
      if (pendingAccept > 0) {
        tally.accept(f.kind.rows(), pendingAccept);
        pendingAccept = 0;
      }
    }

    void tooLong(long line) {
      flush();
      tally.read(f.kind.rows());
      table.reject(
          strict, tally, f.kind.rows(), LineReader.lineTooLong(file, line, layout.maxLine));
    }

    private void slowRow(byte[] buf, int from, int to, long line) {
      flush();
      String text;
      CsvTable.Row row;
      try {
        text = LineReader.decodeUtf8(file, buf, from, to, line);
        if (text.isBlank()) {
          return;
        }
        row = table.row(text, line);
      } catch (MalformedRecordException e) {
        tally.read(f.kind.rows());
        table.reject(strict, tally, f.kind.rows(), e);
        return;
      }
      tally.read(f.kind.rows());
      byte[] key = row.get(layout.claim).getBytes(StandardCharsets.UTF_8);
      byte[] stripped = text.strip().getBytes(StandardCharsets.UTF_8);
      if (repeated(key, 0, key.length, stripped, 0, stripped.length, line)) {
        return;
      }
      table.accept(row, f.kind.rows(), tally, strict, f::row);
    }

    /**
     * Whether the row repeats an earlier row of its claim id's run (as {@code CsvTable}'s duplicate
     * rows); counts and reports it when so.
     */
    private boolean repeated(
        byte[] keyBuf, int keyFrom, int keyTo, byte[] rowBuf, int rowFrom, int rowTo, long line) {
      if (runKeyBuf == null
          || runKeyTo - runKeyFrom != keyTo - keyFrom
          || !FastTidyClaims.same(runKeyBuf, runKeyFrom, keyBuf, keyFrom, keyTo - keyFrom)) {
        runKeyBuf = keyBuf;
        runKeyFrom = keyFrom;
        runKeyTo = keyTo;
        run.clear();
      }
      int n = rowTo - rowFrom;
      for (int k = 0; k < run.size; k++) {
        if (run.to[k] - run.from[k] == n
            && FastTidyClaims.same(run.buf[k], run.from[k], rowBuf, rowFrom, n)) {
          MalformedRecordException e =
              new MalformedRecordException(
                  CsvTable.DUPLICATE_ROW,
                  file,
                  line,
                  null,
                  "identical to line " + run.line[k] + " of the same claim: counted once");
          settle();
          tally.reject(f.kind.rows(), CsvTable.DUPLICATE_ROW, 1);
          table.rejects().accept(e);
          return true;
        }
      }
      run.add(rowBuf, rowFrom, rowTo, line);
      return false;
    }

    void flush() {
      settle();
      if (batch.size() > 0) {
        columnar.add(batch);
        batch.clear();
      }
    }

    private int noEffort() {
      if (noEffort < 0) {
        noEffort = columnar.lineSignature(null, List.of(), 0, f.kind.type(), null);
      }
      return noEffort;
    }

    /** A chunk's values turned into library values, each distinct one once. */
    private final class Values {
      private final Chunk c;
      private final int[] patient;
      private final String[] idText;
      private final int[] dx; // per value: -2 not parsed, -1 invalid ICD-9-CM, else its index
      private final int[] sig; // per value: -2 not parsed, -1 invalid HCPCS, else its signature
      private final byte[] allowed; // per value as a processing indicator: 0 not looked, 1 A, 2 not
      private final Beneficiary[] person;
      private final boolean[] looked;
      private final int[] birthDay;
      private final int[] deathDay;

      Values(Chunk c) {
        this.c = c;
        int ids = c.ids.size();
        patient = new int[ids];
        Arrays.fill(patient, -1);
        idText = new String[ids];
        int n = c.values.size();
        dx = new int[n];
        sig = new int[n];
        Arrays.fill(dx, -2);
        Arrays.fill(sig, -2);
        allowed = new byte[n];
        boolean checks = rows.known != null;
        person = checks ? new Beneficiary[ids] : null;
        looked = checks ? new boolean[ids] : null;
        birthDay = checks ? new int[ids] : null;
        deathDay = checks ? new int[ids] : null;
      }

      private String id(int id) {
        if (idText[id] == null) {
          idText[id] = c.ids.string(id);
        }
        return idText[id];
      }

      /** Whether the fast row is taken as it is (else the row reader's code reads it). */
      boolean take(int r) {
        long key = c.key[r];
        if (rows.anyClaim && key == rows.lastClaimKey) {
          return false; // a row of the claim just read: its owner and segments are the row reader's
        }
        if (rows.seenClaims.contains(key)) {
          return false; // read before: rejected by the row reader
        }
        if (rows.known != null) {
          int b = c.beneficiary[r];
          if (person(b) != null) {
            int day = byThrough ? c.thruDay[r] : c.fromDay[r];
            if (day < birthDay[b] || day > deathDay[b]) {
              return false;
            }
          }
        }
        if (strict) {
          for (int k = c.dxStart[r]; k < c.dxStart[r + 1]; k++) {
            if (diagnosis(c.dx[k]) < 0) {
              return false;
            }
          }
        }
        for (int s = c.slotStart[r]; s < c.slotStart[r + 1]; s++) {
          if (strict && c.slotDx[s] >= 0 && diagnosis(c.slotDx[s]) < 0) {
            return false;
          }
          int code = c.slotCode[s];
          if (code >= 0 && !denied(c.slotStatus[s]) && signature(code) < 0) {
            return false; // an invalid HCPCS code: the row reader names its column
          }
        }
        return true;
      }

      private Beneficiary person(int id) {
        if (!looked[id]) {
          Beneficiary b = rows.known.apply(id(id)).orElse(null);
          person[id] = b;
          looked[id] = true;
          if (b != null) {
            birthDay[id] = (int) b.birthDate().toEpochDay();
            deathDay[id] =
                b.deathDate().isPresent()
                    ? (int) b.deathDate().get().toEpochDay()
                    : Integer.MAX_VALUE;
          }
        }
        return person[id];
      }

      /** Whether a line with processing indicator value {@code status} (-1 blank) is denied. */
      private boolean denied(int status) {
        if (status < 0 || rows.deniedEffort) {
          return false;
        }
        if (allowed[status] == 0) {
          allowed[status] = c.values.string(status).equals("A") ? (byte) 1 : (byte) 2;
        }
        return allowed[status] == 2;
      }

      private int diagnosis(int value) {
        int d = dx[value];
        if (d == -2) {
          Optional<DiagnosisCode> code =
              DiagnosisCode.tryParse(CodeSystem.ICD9CM, c.values.string(value));
          d = code.isPresent() ? columnar.diagnosisIndex(code.get()) : -1;
          dx[value] = d;
        }
        return d;
      }

      private int signature(int value) {
        int s = sig[value];
        if (s == -2) {
          try {
            ProcedureCode p = ProcedureCode.of(c.values.string(value));
            s = columnar.lineSignature(p, List.of(), 1, f.kind.type(), null);
          } catch (InvalidValueException e) {
            s = -1;
          }
          sig[value] = s;
        }
        return s;
      }

      /** A diagnosis's index, counting it as an unknown code when invalid (-1). */
      private int counted(int value) {
        int d = diagnosis(value);
        if (d < 0) {
          tally.unknownCode("invalid ICD-9-CM", c.values.string(value));
        }
        return d;
      }

      /** Reads the taken row (file line {@code line}) as the row reader would, into the batch. */
      void add(int r, long line) {
        int b = c.beneficiary[r];
        String bene = id(b);
        rows.seenClaims.add(c.key[r]);
        rows.lastClaimKey = c.key[r];
        rows.anyClaim = true;
        rows.claimOwner = bene;
        int from = c.fromDay[r];
        int thru = c.thruDay[r];
        if (institutional) {
          f.segments.remember(
              bene,
              new String(c.buf, c.keyFrom[r], c.keyTo[r] - c.keyFrom[r], StandardCharsets.US_ASCII),
              LocalDate.ofEpochDay(from),
              LocalDate.ofEpochDay(thru));
        }
        int dx0 = c.dxStart[r];
        int dx1 = c.dxStart[r + 1];
        int valid = 0;
        for (int k = dx0; k < dx1; k++) {
          if (counted(c.dx[k]) >= 0) {
            valid++;
          }
        }
        int p = -1;
        int lines = 0;
        for (int s = c.slotStart[r]; s < c.slotStart[r + 1]; s++) {
          int lineDx = c.slotDx[s] >= 0 ? counted(c.slotDx[s]) : -1;
          int code = c.slotCode[s];
          if (code < 0 && lineDx < 0) {
            continue;
          }
          int signature;
          if (code < 0) {
            signature = noEffort();
            tally.note(SynpufClaimReader.DIAGNOSIS_ONLY_SLOTS);
          } else if (denied(c.slotStatus[s])) {
            signature = noEffort();
            tally.read(IngestTally.LINE_EFFORTS);
            tally.reject(
                IngestTally.LINE_EFFORTS,
                SynpufClaimReader.DENIED_LINE.withCode(c.values.string(c.slotStatus[s])),
                1);
          } else {
            signature = signature(code);
          }
          if (p < 0) {
            p = patient(b);
          }
          line(p, from, thru, signature, dx0, dx1);
          if (lineDx >= 0) {
            batch.diagnosis(lineDx);
          }
          lines++;
        }
        if (lines == 0 && valid > 0) {
          line(patient(b), from, thru, noEffort(), dx0, dx1);
          lines++;
        }
        if (lines == 0) {
          tally.note(SynpufClaimReader.ROWS_WITHOUT_CODES);
        }
        if (rows.known != null && !strict && lines > 0 && person(b) == null) {
          rows.rejects.accept(
              TidyCsvReader.noBeneficiary(file, line, table.header().get(layout.id).strip(), bene));
        }
        f.produced += lines;
      }

      private void line(int p, int from, int thru, int signature, int dx0, int dx1) {
        batch.line(p, from, thru, signature);
        for (int k = dx0; k < dx1; k++) {
          int d = dx[c.dx[k]];
          if (d >= 0) {
            batch.diagnosis(d);
          }
        }
      }

      private int patient(int id) {
        int p = patient[id];
        if (p < 0) {
          p = columnar.patientIndex(id(id));
          patient[id] = p;
        }
        return p;
      }
    }
  }

  /** The rows of the current claim id's run, as views of their buffers, with their file lines. */
  private static final class RunRows {
    byte[][] buf = new byte[8][];
    int[] from = new int[8];
    int[] to = new int[8];
    long[] line = new long[8];
    int size;

    void clear() {
      for (int k = 0; k < size; k++) {
        buf[k] = null;
      }
      size = 0;
    }

    void add(byte[] b, int f, int t, long l) {
      if (size == buf.length) {
        buf = Arrays.copyOf(buf, size * 2);
        from = Arrays.copyOf(from, size * 2);
        to = Arrays.copyOf(to, size * 2);
        line = Arrays.copyOf(line, size * 2);
      }
      buf[size] = b;
      from[size] = f;
      to[size] = t;
      line[size] = l;
      size++;
    }
  }
}
