package org.mpindex.io;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
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
import org.mpindex.core.claims.ClaimLine;
import org.mpindex.core.claims.ClaimType;
import org.mpindex.core.claims.CodeSystem;
import org.mpindex.core.claims.DiagnosisCode;
import org.mpindex.core.claims.InvalidValueException;
import org.mpindex.core.claims.PlaceOfService;
import org.mpindex.core.claims.ProcedureCode;
import org.mpindex.core.index.ClaimColumns;
import org.mpindex.core.index.ClaimDating;
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

  private static final java.lang.invoke.VarHandle LONGS =
      java.lang.invoke.MethodHandles.byteArrayViewVarHandle(
          long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

  private static final long P1 = 0x9E3779B97F4A7C15L;
  private static final long P2 = 0xC2B2AE3D27D4EB4FL;

  /**
   * A 64-bit hash of a byte range, eight bytes a step (xxHash64's round and Murmur3's finaliser, the
   * length in the seed): distinct ranges collide with a probability of about 2<sup>-64</sup> a
   * pair, as {@link ClaimRuns} assumes.
   */
  static long hash(byte[] b, int from, int to) {
    long h = P1 ^ (to - from);
    int i = from;
    for (; i + 8 <= to; i += 8) {
      h = Long.rotateLeft(h ^ ((long) LONGS.get(b, i) * P2), 31) * P1;
    }
    if (i < to) {
      // the last bytes: the range's last eight (overlapping) when it has eight, else its bytes
      // little-endian in a word (read whole when the array has room)
      long tail;
      if (to - from >= 8) {
        tail = (long) LONGS.get(b, to - 8);
      } else if (from + 8 <= b.length) {
        tail = (long) LONGS.get(b, from) & ((1L << ((to - from) << 3)) - 1);
      } else {
        tail = 0;
        for (int shift = 0; i < to; i++, shift += 8) {
          tail |= (b[i] & 0xFFL) << shift;
        }
      }
      h = Long.rotateLeft(h ^ (tail * P2), 31) * P1;
    }
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    return h ^ (h >>> 33);
  }

  /** Whether {@code a[af, af + n)} and {@code b[bf, bf + n)} hold the same bytes. */
  static boolean same(byte[] a, int af, byte[] b, int bf, int n) {
    if (n >= 8) {
      int i = 0;
      for (; i + 8 <= n; i += 8) {
        if ((long) LONGS.get(a, af + i) != (long) LONGS.get(b, bf + i)) {
          return false;
        }
      }
      // the last eight bytes, overlapping the words compared
      return i == n || (long) LONGS.get(a, af + n - 8) == (long) LONGS.get(b, bf + n - 8);
    }
    if (af + 8 <= a.length && bf + 8 <= b.length) {
      long differ = (long) LONGS.get(a, af) ^ (long) LONGS.get(b, bf);
      return (differ & ((1L << (n << 3)) - 1)) == 0;
    }
    for (int i = 0; i < n; i++) {
      if (a[af + i] != b[bf + i]) {
        return false;
      }
    }
    return true;
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
        if (hashes[id] == h && length[id] == n && same(bytes, offset[id], src, from, n)) {
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

  /** A date cell read on the worker (its epoch day in the chunk's day column). */
  static final int ISO_DAY = -2;

  /** Not a day. */
  static final int NO_DAY = Integer.MIN_VALUE;

  /**
   * The epoch day of {@code b[a, z)} when it is a valid date written {@code yyyy-mm-dd} with a year
   * of 1 to 9999 (what {@link CsvTable#parseDate} gives for it), else {@link #NO_DAY} (the cell is
   * then read by that parser).
   */
  static int isoDay(byte[] b, int a, int z) {
    if (z - a != 10 || b[a + 4] != '-' || b[a + 7] != '-') {
      return NO_DAY;
    }
    int y = 0;
    for (int k = 0; k < 4; k++) {
      int d = b[a + k] - '0';
      if (d < 0 || d > 9) {
        return NO_DAY;
      }
      y = y * 10 + d;
    }
    int m1 = b[a + 5] - '0';
    int m2 = b[a + 6] - '0';
    int d1 = b[a + 8] - '0';
    int d2 = b[a + 9] - '0';
    if (m1 < 0 || m1 > 9 || m2 < 0 || m2 > 9 || d1 < 0 || d1 > 9 || d2 < 0 || d2 > 9) {
      return NO_DAY;
    }
    return civilDay(y, m1 * 10 + m2, d1 * 10 + d2);
  }

  /**
   * The epoch day of year {@code y}, month {@code m}, day {@code d} when that is a date of years 1 to
   * 9999 of the proleptic Gregorian calendar, else {@link #NO_DAY}.
   */
  static int civilDay(int y, int m, int d) {
    if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1 || (d > 28 && d > lengthOfMonth(y, m))) {
      return NO_DAY;
    }
    // days from 0000-03-01 of the proleptic Gregorian calendar, then from 1970-01-01
    int yy = m <= 2 ? y - 1 : y;
    int era = yy / 400;
    int yoe = yy - era * 400;
    int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
  }

  private static int lengthOfMonth(int y, int m) {
    return m == 2
        ? (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0) ? 29 : 28)
        : m == 4 || m == 6 || m == 9 || m == 11 ? 30 : 31;
  }

  private static final byte PLAIN = 0;
  private static final byte SPACE = 1;
  private static final byte COMMA = 2;
  private static final byte SPECIAL = 3;

  /**
   * Each byte's part in a fast row: plain printable ASCII, a space, the separator, or special (a
   * control byte, a line end, a quote, a byte outside ASCII: the row ends there or is read slowly).
   */
  private static final byte[] BYTE_CLASS = new byte[256];

  static {
    for (int b = 0; b < 256; b++) {
      BYTE_CLASS[b] = b < 0x20 || b > 0x7E || b == '"' ? SPECIAL : PLAIN;
    }
    BYTE_CLASS[' '] = SPACE;
    BYTE_CLASS[','] = COMMA;
  }

  private static boolean spacesOnly(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] != ' ') {
        return false;
      }
    }
    return true;
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
    int[] keyFrom;
    int[] keyTo;
    long[] keyHash; // the claim id's key (ClaimRuns.key)
    int[] beneficiary; // in ids
    int[] from; // the rest in values, -1 when blank; dates ISO_DAY when read as fromDay/thruDay
    int[] through;
    int[] fromDay; // epoch days of dates written yyyy-mm-dd (valid), read on the worker
    int[] thruDay;
    int[] type;
    int[] procedure;
    int[] units;
    int[] place;
    int[] system;
    int[] combo; // (procedure, units, type, place) as one id of the chunk
    int combos;
    private final LongPairMap comboIds = new LongPairMap();
    int[] dxStart; // rows + 1 offsets into dx
    int[] dx;
    int dxSize;
    final ByteDict ids = new ByteDict();
    final ByteDict values = new ByteDict();
    // per column: the last non-blank cell read by again() and its id (-1: none yet)
    private int[] lastFrom = new int[0];
    private int[] lastTo = new int[0];
    private int[] lastId = new int[0];

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
      keyHash = new long[c];
      beneficiary = new int[c];
      from = new int[c];
      through = new int[c];
      fromDay = new int[c];
      thruDay = new int[c];
      type = new int[c];
      procedure = new int[c];
      units = new int[c];
      place = new int[c];
      system = new int[c];
      combo = new int[c];
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
      keyFrom = Arrays.copyOf(keyFrom, c);
      keyTo = Arrays.copyOf(keyTo, c);
      keyHash = Arrays.copyOf(keyHash, c);
      beneficiary = Arrays.copyOf(beneficiary, c);
      from = Arrays.copyOf(from, c);
      through = Arrays.copyOf(through, c);
      fromDay = Arrays.copyOf(fromDay, c);
      thruDay = Arrays.copyOf(thruDay, c);
      type = Arrays.copyOf(type, c);
      procedure = Arrays.copyOf(procedure, c);
      units = Arrays.copyOf(units, c);
      place = Arrays.copyOf(place, c);
      system = Arrays.copyOf(system, c);
      combo = Arrays.copyOf(combo, c);
      dxStart = Arrays.copyOf(dxStart, c + 1);
    }

    static Chunk parse(byte[] buf, int len, Layout layout) {
      Chunk c = new Chunk(buf, len / 48);
      c.lastFrom = new int[layout.width];
      c.lastTo = new int[layout.width];
      c.lastId = new int[layout.width];
      Arrays.fill(c.lastId, -1);
      int[] cellFrom = new int[layout.width];
      int[] cellTo = new int[layout.width];
      int i = 0;
      while (i < len) {
        i = c.row(i, len, layout, cellFrom, cellTo) + 1;
      }
      return c;
    }

    /**
     * Reads the row starting at {@code s}, scanning its bytes once; returns where it ends (its
     * {@code '\n'}, or {@code len}).
     */
    private int row(int s, int len, Layout l, int[] cellFrom, int[] cellTo) {
      int r = rows;
      if (r == kind.length) {
        grow();
      }
      rows++;
      start[r] = s;
      dxStart[r + 1] = dxSize;
      // printable ASCII without quotes only; split at commas, up to the line end
      int cells = 0;
      int cellStart = s;
      boolean slow = false;
      int i = s;
      for (; i < len; i++) {
        byte b = buf[i];
        int k = BYTE_CLASS[b & 0xFF];
        if (k == PLAIN) {
          continue;
        }
        if (k == COMMA) {
          if (cells == l.width) {
            slow = true;
            break;
          }
          cellFrom[cells] = cellStart;
          cellTo[cells] = i;
          cells++;
          cellStart = i + 1;
        } else if (k == SPECIAL) {
          if (b == '\n' || (b == '\r' && (i + 1 == len || buf[i + 1] == '\n'))) {
            break;
          }
          slow = true;
          break;
        }
      }
      int e = i;
      // blank: spaces only (a comma or any other byte is content)
      boolean blank = cells == 0 && !slow && spacesOnly(buf, s, i);
      if (slow || (e < len && buf[e] == '\r')) {
        e = indexOf(buf, i, len, (byte) '\n');
        if (e < 0) {
          e = len;
        }
      }
      end[r] = e;
      int ce = e > s && buf[e - 1] == '\r' ? e - 1 : e;
      if (ce - s > l.maxLine) {
        kind[r] = TOO_LONG;
        return e;
      }
      if (slow) {
        kind[r] = SLOW;
        return e;
      }
      if (blank) {
        kind[r] = BLANK;
        return e;
      }
      if (cells == l.width) {
        kind[r] = SLOW;
        return e;
      }
      cellFrom[cells] = cellStart;
      cellTo[cells] = ce;
      cells++;
      if (cells != l.width) {
        kind[r] = SLOW;
        return e;
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
        return e;
      }
      if (l.diagnoses >= 0 && cellTo[l.diagnoses] > cellFrom[l.diagnoses]) {
        byte first = buf[cellFrom[l.diagnoses]];
        if (first == '|' || first == ';') {
          kind[r] = SLOW;
          return e;
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
      keyFrom[r] = cellFrom[l.claim];
      keyTo[r] = cellTo[l.claim];
      keyHash[r] = hash(buf, keyFrom[r], keyTo[r]);
      beneficiary[r] = again(ids, l.beneficiary, cellFrom, cellTo);
      from[r] = date(l.from, cellFrom, cellTo, fromDay, r);
      through[r] = date(l.through, cellFrom, cellTo, thruDay, r);
      type[r] = l.type < 0 ? -1 : again(values, l.type, cellFrom, cellTo);
      procedure[r] = value(l.procedure, cellFrom, cellTo);
      units[r] = l.units < 0 ? -1 : again(values, l.units, cellFrom, cellTo);
      place[r] = l.place < 0 ? -1 : again(values, l.place, cellFrom, cellTo);
      system[r] = l.system < 0 ? -1 : again(values, l.system, cellFrom, cellTo);
      if (r > 0
          && kind[r - 1] == FAST
          && procedure[r] == procedure[r - 1]
          && units[r] == units[r - 1]
          && type[r] == type[r - 1]
          && place[r] == place[r - 1]) {
        combo[r] = combo[r - 1];
      } else {
        long k1 = ((long) (procedure[r] + 1) << 32) | (units[r] + 1);
        long k2 = ((long) (type[r] + 1) << 32) | (place[r] + 1);
        int id = comboIds.get(k1, k2);
        if (id < 0) {
          id = combos++;
          comboIds.put(k1, k2, id);
        }
        combo[r] = id;
      }
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
      return e;
    }

    private static boolean empty(int column, int[] from, int[] to) {
      return column < 0 || to[column] == from[column];
    }

    /**
     * A date cell: {@link #ISO_DAY} with its epoch day in {@code days[r]} when written {@code
     * yyyy-mm-dd} and valid, else as {@link #value}.
     */
    private int date(int column, int[] cellFrom, int[] cellTo, int[] days, int r) {
      if (column >= 0) {
        int d = isoDay(buf, cellFrom[column], cellTo[column]);
        if (d != NO_DAY) {
          days[r] = d;
          return ISO_DAY;
        }
      }
      return value(column, cellFrom, cellTo);
    }

    /**
     * A cell of a column whose value often repeats from row to row (a beneficiary's rows, a
     * constant code system): the id of the column's last fast cell when the bytes are the same, else
     * interned in {@code dict}; -1 when blank.
     */
    private int again(ByteDict dict, int column, int[] cellFrom, int[] cellTo) {
      int f = cellFrom[column];
      int t = cellTo[column];
      if (t == f) {
        return -1;
      }
      int lf = lastFrom[column];
      int id = lastId[column];
      if (id < 0 || lastTo[column] - lf != t - f || !same(buf, lf, buf, f, t - f)) {
        id = dict.intern(buf, f, t);
        lastId[column] = id;
      }
      lastFrom[column] = f;
      lastTo[column] = t;
      return id;
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
    // fast rows read and accepted, not yet told to the tally (told before any rejection and at the
    // end of each chunk: the tally's counts are right whenever anyone can see them)
    private long pendingRead;
    private long pendingAccept;
    // the current claim's run of rows, for exact duplicates: views of chunk buffers
    private long runKeyHash;
    private byte[] runKeyBuf;
    private int runKeyFrom;
    private int runKeyTo;
    private final RunRows run = new RunRows();
    // the claim whose beneficiary is known, as the row reader's ClaimOwner keeps it: set by a row
    // with a claim id and a beneficiary, and kept across rows without (an empty claim id between
    // two
    // rows of a claim does not make the second one its claim's first)
    private long ownerKeyHash;
    private byte[] ownerKeyBuf;
    private int ownerKeyFrom;
    private int ownerKeyTo;
    // the beneficiary of the claim's first such row (ownerSet false: none yet): its text (made on
    // first need) and where its fast rows name it
    private boolean ownerSet;
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
          pendingRead++;
          long keyHash = c.keyHash[r];
          if (repeated(
              c.buf, c.keyFrom[r], c.keyTo[r], keyHash, c.buf, c.trimFrom[r], c.trimTo[r], line)) {
            continue;
          }
          // as the row reader: the claim's beneficiary first, then whether the claim was read
          // before
          if (otherOwner(
              c.buf, c.keyFrom[r], c.keyTo[r], keyHash, c, c.beneficiary[r], null, line)) {
            continue;
          }
          if (claimRuns != null && claimRuns.repeated(keyHash)) {
            settle();
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

    /** Tells the tally the fast rows read and accepted since it was last told. */
    private void settle() {
      if (pendingRead > 0) {
        tally.read(TidyCsvReader.CLAIM_ROWS, pendingRead);
        pendingRead = 0;
      }
      if (pendingAccept > 0) {
        tally.accept(TidyCsvReader.CLAIM_ROWS, pendingAccept);
        pendingAccept = 0;
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
      long keyHash = hash(key, 0, key.length);
      if (repeated(key, 0, key.length, keyHash, stripped, 0, stripped.length, line)) {
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
                && otherOwner(key, 0, key.length, keyHash, null, -1, id, line)) {
              throw TidyCsvReader.otherBeneficiary(
                  x, layout.beneficiary, x.get(layout.claim), owner(), id);
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
        byte[] keyBuf,
        int keyFrom,
        int keyTo,
        long keyHash,
        Chunk c,
        int idInChunk,
        String id,
        long line) {
      if (ownerKeyBuf == null
          || ownerKeyHash != keyHash
          || ownerKeyTo - ownerKeyFrom != keyTo - keyFrom
          || !same(ownerKeyBuf, ownerKeyFrom, keyBuf, keyFrom, keyTo - keyFrom)) {
        ownerKeyHash = keyHash;
        ownerKeyBuf = keyBuf;
        ownerKeyFrom = keyFrom;
        ownerKeyTo = keyTo;
        ownerSet = false;
      }
      if (!ownerSet) {
        ownerSet = true;
        owner = id; // null for a fast row: made from its chunk on first need
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
        if (s.equals(owner())) {
          owner = s;
          ownerChunk = c;
          ownerId = idInChunk;
          return false;
        }
      }
      if (c == null) {
        return true;
      }
      String column = table.header().get(layout.beneficiary).strip();
      String claimId =
          new String(ownerKeyBuf, ownerKeyFrom, ownerKeyTo - ownerKeyFrom, StandardCharsets.UTF_8);
      MalformedRecordException e =
          TidyCsvReader.otherBeneficiary(
              file, line, column, claimId, owner(), c.ids.string(idInChunk));
      settle();
      tally.reject(TidyCsvReader.CLAIM_ROWS, e.reason(), 1);
      if (strict) {
        throw e;
      }
      table.rejects().accept(e);
      return true;
    }

    /** The current claim's beneficiary id as text. */
    private String owner() {
      if (owner == null && ownerChunk != null) {
        owner = ownerChunk.ids.string(ownerId);
      }
      return owner;
    }

    /**
     * Whether the row repeats an earlier row of its claim's run; counts and reports it when so. The
     * run's key and rows are views of the chunks' buffers (no copy a claim).
     */
    private boolean repeated(
        byte[] keyBuf,
        int keyFrom,
        int keyTo,
        long keyHash,
        byte[] rowBuf,
        int rowFrom,
        int rowTo,
        long line) {
      if (runKeyBuf == null
          || runKeyHash != keyHash
          || runKeyTo - runKeyFrom != keyTo - keyFrom
          || !same(runKeyBuf, runKeyFrom, keyBuf, keyFrom, keyTo - keyFrom)) {
        runKeyHash = keyHash;
        runKeyBuf = keyBuf;
        runKeyFrom = keyFrom;
        runKeyTo = keyTo;
        run.clear();
      }
      int n = rowTo - rowFrom;
      for (int k = 0; k < run.size; k++) {
        if (run.to[k] - run.from[k] == n && same(run.buf[k], run.from[k], rowBuf, rowFrom, n)) {
          MalformedRecordException e =
              new MalformedRecordException(
                  CsvTable.DUPLICATE_ROW,
                  file,
                  line,
                  null,
                  "identical to line " + run.line[k] + " of the same claim: counted once");
          settle();
          tally.reject(TidyCsvReader.CLAIM_ROWS, CsvTable.DUPLICATE_ROW, 1);
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
      // per combo id of the chunk ((procedure, units, type, place)): 0 not yet looked at, 1 valid,
      // 2 refused by a parser; and its line signature in the assembler (-1: not yet made)
      private final byte[] comboState;
      private final int[] comboSig;
      // per value id: its epoch day when parsed as a date
      private final int[] epochDay;
      // per row, filled by take()
      private int fromDay;
      private int thruDay;
      private final boolean byThrough = rows.dating() == ClaimDating.SERVICE_THROUGH;
      private int systemDay = NO_DAY;
      private CodeSystem system;
      // per beneficiary id of the chunk with a record: birth and death (MAX_VALUE: alive) epoch
      // days
      private final int[] birthDay;
      private final int[] deathDay;
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
        birthDay = known == null ? null : new int[c.ids.size()];
        deathDay = known == null ? null : new int[c.ids.size()];
        Arrays.fill(dx9, -2);
        Arrays.fill(dx10, -2);
        comboState = new byte[c.combos];
        comboSig = new int[c.combos];
        Arrays.fill(comboSig, -1);
        epochDay = new int[n];
      }

      /** Whether the fast row's values are all valid (else it is read by the row parser). */
      boolean take(int r) {
        fromDay = day(c.from[r], c.fromDay[r]);
        thruDay = c.through[r] == -1 ? fromDay : day(c.through[r], c.thruDay[r]);
        if (fromDay == NO_DAY || thruDay == NO_DAY || thruDay < fromDay) {
          return false;
        }
        int dated = byThrough ? thruDay : fromDay;
        if (known != null && beneficiary(c.beneficiary[r]) != null) {
          int id = c.beneficiary[r];
          if (dated < birthDay[id] || dated > deathDay[id]) {
            return false; // the row parser rejects it, naming the column
          }
        }
        int cb = c.combo[r];
        if (comboState[cb] == 0) {
          comboState[cb] = combo(r) ? (byte) 1 : (byte) 2;
        }
        codeSystem = c.system[r] < 0 ? systemOf(dated) : (CodeSystem) value(c.system[r], SYSTEM);
        if (comboState[cb] == 2 || codeSystem == null) {
          return false;
        }
        if (strict) {
          for (int k = c.dxStart[r]; k < c.dxStart[r + 1]; k++) {
            if (diagnosis(c.dx[k]) < 0) {
              return false; // the row parser throws the exact error
            }
          }
        }
        return true;
      }

      /**
       * Whether row {@code r}'s procedure, units, claim type and place are each valid (parsed into
       * the fields, as a line signature needs them).
       */
      private boolean combo(int r) {
        claimType = c.type[r] < 0 ? ClaimType.PROFESSIONAL : (ClaimType) value(c.type[r], TYPE);
        procedure = c.procedure[r] < 0 ? null : (ProcedureCode) value(c.procedure[r], PROCEDURE);
        Integer u = c.units[r] < 0 ? Integer.valueOf(1) : (Integer) value(c.units[r], UNITS);
        placeOfService = c.place[r] < 0 ? null : (PlaceOfService) value(c.place[r], PLACE);
        if (claimType == null
            || (c.procedure[r] >= 0 && procedure == null)
            || u == null
            || (c.place[r] >= 0 && placeOfService == null)) {
          return false;
        }
        unitCount = u;
        return true;
      }

      /** The epoch day of a date cell ({@link #ISO_DAY}: read on the worker), or NO_DAY. */
      private int day(int v, int isoDay) {
        if (v == ISO_DAY) {
          return isoDay;
        }
        return value(v, DATE) == null ? NO_DAY : epochDay[v];
      }

      /** The code system of a line dated {@code day}, when the row names none. */
      private CodeSystem systemOf(int day) {
        if (day != systemDay) {
          systemDay = day;
          system = CodeSystem.forServiceDate(LocalDate.ofEpochDay(day));
        }
        return system;
      }

      /** The beneficiary record of chunk id {@code id}, looked up once; null when none. */
      private Beneficiary beneficiary(int id) {
        if (!looked[id]) {
          Beneficiary b = known.apply(c.ids.string(id)).orElse(null);
          beneficiaries[id] = b;
          looked[id] = true;
          if (b != null) {
            birthDay[id] = (int) b.birthDate().toEpochDay();
            deathDay[id] =
                b.deathDate().isPresent()
                    ? (int) b.deathDate().get().toEpochDay()
                    : Integer.MAX_VALUE;
          }
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
        int cb = c.combo[r];
        int sig = comboSig[cb];
        if (sig < 0) {
          combo(r);
          sig = columnar.lineSignature(procedure, List.of(), unitCount, claimType, placeOfService);
          comboSig[cb] = sig;
        }
        batch.line(p, fromDay, thruDay, sig);
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
          Object v = parse(c.values.string(id), kind);
          parsed[at] = v;
          parsedAs[at] = 1;
          if (v instanceof LocalDate d) {
            epochDay[id] = (int) d.toEpochDay();
          }
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

  /** The rows of the current claim's run, as views of their buffers, with their file lines. */
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
