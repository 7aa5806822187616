package org.mpindex.parquet;

import io.airlift.compress.lz4.Lz4Decompressor;
import io.airlift.compress.snappy.SnappyDecompressor;
import io.airlift.compress.zstd.ZstdDecompressor;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.zip.GZIPInputStream;
import org.mpindex.parquet.ParquetFile.Chunk;
import org.mpindex.parquet.ParquetFile.ColumnSchema;

/**
 * Decodes a column chunk's pages into a {@link Column}: data pages v1 and v2; PLAIN, dictionary
 * (PLAIN_DICTIONARY, RLE_DICTIONARY), RLE (booleans), DELTA_BINARY_PACKED, DELTA_LENGTH_BYTE_ARRAY,
 * DELTA_BYTE_ARRAY and BYTE_STREAM_SPLIT values; definition levels of optional columns; uncompressed, Snappy, GZIP,
 * Zstandard and LZ4_RAW pages. Anything else is a {@link ParquetFormatException} naming the file,
 * the column and what to write instead.
 */
final class ChunkDecoder {
  // page types
  private static final int DATA_PAGE = 0;
  private static final int DICTIONARY_PAGE = 2;
  private static final int DATA_PAGE_V2 = 3;
  // encodings
  private static final int PLAIN = 0;
  private static final int PLAIN_DICTIONARY = 2;
  private static final int RLE = 3;
  private static final int DELTA_BINARY_PACKED = 5;
  private static final int DELTA_LENGTH_BYTE_ARRAY = 6;
  private static final int DELTA_BYTE_ARRAY = 7;
  private static final int RLE_DICTIONARY = 8;
  private static final int BYTE_STREAM_SPLIT = 9;

  private static final String[] CODECS = {
    "UNCOMPRESSED", "SNAPPY", "GZIP", "LZO", "BROTLI", "LZ4", "ZSTD", "LZ4_RAW"
  };

  private final ParquetFile file;
  private final SnappyDecompressor snappy = new SnappyDecompressor();
  private final ZstdDecompressor zstd = new ZstdDecompressor();
  private final Lz4Decompressor lz4 = new Lz4Decompressor();
  // scratch
  private int[] levels = new int[1024];
  private int[] dictionary = new int[0];
  private int dictionarySize;
  private int[] indices = new int[1024];
  private long[] deltas = new long[1024];
  private ColumnSchema schema;
  private Column out;

  ChunkDecoder(ParquetFile file) {
    this.file = file;
  }

  private ParquetFormatException error(String problem) {
    return new ParquetFormatException(file.name, "column " + schema.name() + ": " + problem);
  }

  /** The largest page this reader inflates: 1 GiB (writers' pages are about 1 MB). */
  static final int MAX_PAGE_BYTES = 1 << 30;

  private int rowsWanted;

  private int rowsLeft() {
    return rowsWanted - out.rows;
  }

  /** Decodes chunk {@code c} of {@code rows} rows into {@code into} (reset first). */
  void decode(java.nio.channels.FileChannel channel, Chunk c, int rows, Column into) {
    this.schema = into.schema;
    this.out = into;
    into.reset(rows);
    rowsWanted = rows;
    dictionarySize = 0;
    if (c.length() < 0 || c.length() > Integer.MAX_VALUE - 8) {
      throw error("a column chunk of " + c.length() + " bytes");
    }
    byte[] buf = ParquetFile.read(channel, c.start(), (int) c.length(), file.name);
    int pos = 0;
    try {
      while (into.rows < rows && pos < buf.length) {
        pos = page(buf, pos, c.codec());
      }
    } catch (ParquetFormatException e) {
      throw e;
    } catch (RuntimeException e) {
      // IllegalState, IndexOutOfBounds, aircompressor's MalformedInput, NegativeArraySize...: any
      // failure on these bytes is damage
      throw error("damaged page: " + e);
    }
    if (into.rows != rows) {
      throw error("has " + into.rows + " values where its row group has " + rows + " rows");
    }
  }

  /** Reads the page at {@code pos}; the position after it. */
  private int page(byte[] buf, int pos, int codec) {
    Thrift t = new Thrift(buf, pos, buf.length);
    int type = -1;
    int uncompressed = 0;
    int compressed = 0;
    int values = 0;
    int encoding = 0;
    int defLength = 0;
    int repLength = 0;
    boolean v2Compressed = true;
    int numNulls = 0;
    int levelEncoding = RLE;
    t.beginStruct();
    for (int f = t.field(); f >= 0; f = t.field()) {
      switch (f) {
        case 1 -> type = t.i32();
        case 2 -> uncompressed = t.i32();
        case 3 -> compressed = t.i32();
        case 5, 7, 8 -> {
          // DataPageHeader / DictionaryPageHeader / DataPageHeaderV2
          t.beginStruct();
          for (int g = t.field(); g >= 0; g = t.field()) {
            if (g == 1) {
              values = t.i32();
            } else if (f == 8 && g == 2) {
              numNulls = t.i32();
            } else if ((f != 8 && g == 2) || (f == 8 && g == 4)) {
              encoding = t.i32();
            } else if (f == 8 && g == 5) {
              defLength = t.i32();
            } else if (f == 8 && g == 6) {
              repLength = t.i32();
            } else if (f == 8 && g == 7) {
              v2Compressed = t.bool();
            } else if (f == 5 && g == 3) {
              levelEncoding = t.i32();
            } else {
              t.skip();
            }
          }
          t.endStruct();
        }
        default -> t.skip();
      }
    }
    t.endStruct();
    int body = t.position();
    int next = body + compressed;
    if (compressed < 0 || next > buf.length || next < body || uncompressed < 0) {
      throw new IllegalStateException("page of " + compressed + " bytes past the chunk's end");
    }
    if (uncompressed > MAX_PAGE_BYTES) {
      throw error(
          "a page of "
              + uncompressed
              + " bytes uncompressed, over this reader's limit of "
              + MAX_PAGE_BYTES
              + ": a damaged page header, or pages to write smaller");
    }
    if (type != DICTIONARY_PAGE && (values < 0 || values > rowsLeft())) {
      throw new IllegalStateException(
          "a page of " + values + " values where " + rowsLeft() + " rows are left");
    }
    switch (type) {
      case DICTIONARY_PAGE -> {
        byte[] page = decompress(buf, body, compressed, uncompressed, codec);
        dictionaryPage(page, values);
      }
      case DATA_PAGE -> {
        byte[] page = decompress(buf, body, compressed, uncompressed, codec);
        int p = 0;
        int nonNull = values;
        if (schema.optional()) {
          if (levelEncoding != RLE) {
            throw error(
                "definition levels in encoding "
                    + levelEncoding
                    + " (the deprecated BIT_PACKED): write the file with a current writer");
          }
          int len = le32(page, 0);
          p = 4;
          levels = grow(levels, values);
          hybrid(page, p, p + len, 1, values, levels);
          p += len;
          nonNull = 0;
          for (int i = 0; i < values; i++) {
            nonNull += levels[i];
          }
        }
        values(page, p, page.length, encoding, values, nonNull);
      }
      case DATA_PAGE_V2 -> {
        if (repLength != 0) {
          throw error("has repetition levels: only flat tables are read");
        }
        int levelsEnd = body + defLength;
        if (schema.optional()) {
          levels = grow(levels, values);
          hybrid(buf, body, levelsEnd, 1, values, levels);
        }
        int dataLength = compressed - defLength;
        byte[] page;
        int p;
        if (v2Compressed && codec != 0) {
          page = decompress(buf, levelsEnd, dataLength, uncompressed - defLength, codec);
          p = 0;
        } else {
          page = buf;
          p = levelsEnd;
        }
        int end = page == buf ? levelsEnd + dataLength : page.length;
        values(page, p, end, encoding, values, values - numNulls);
      }
      default -> {
        // index pages and unknown pages carry no values
      }
    }
    return next;
  }

  private byte[] decompress(byte[] buf, int from, int length, int size, int codec) {
    if (codec == 0) {
      return java.util.Arrays.copyOfRange(buf, from, from + length);
    }
    if (size == 0 && length == 0) {
      // parquet-java stores an empty section (a v2 page of only nulls) as zero bytes, not as the
      // codec's encoding of nothing, which would be at least one byte
      return new byte[0];
    }
    byte[] out = new byte[size];
    int n;
    switch (codec) {
      case 1 -> n = snappy.decompress(buf, from, length, out, 0, size);
      case 6 -> n = zstd.decompress(buf, from, length, out, 0, size);
      case 7 -> n = lz4.decompress(buf, from, length, out, 0, size);
      case 2 -> {
        try (GZIPInputStream in =
            new GZIPInputStream(new ByteArrayInputStream(buf, from, length))) {
          n = in.readNBytes(out, 0, size);
        } catch (IOException e) {
          throw error("damaged GZIP page: " + e.getMessage());
        }
      }
      default ->
          throw error(
              "compressed with "
                  + (codec < CODECS.length ? CODECS[codec] : "codec " + codec)
                  + ", which this reader does not decompress: write SNAPPY, ZSTD, GZIP or none");
    }
    if (n != size) {
      throw error("a page inflates to " + n + " bytes, its header says " + size);
    }
    return out;
  }

  private void dictionaryPage(byte[] page, int count) {
    dictionary = grow(dictionary, count);
    Cursor c = new Cursor(page, 0, page.length);
    for (int i = 0; i < count; i++) {
      dictionary[i] = plain(c);
    }
    dictionarySize = count;
  }

  /** Values of a data page: {@code nonNull} values for {@code count} rows (levels already read). */
  private void values(byte[] page, int from, int end, int encoding, int count, int nonNull) {
    indices = grow(indices, nonNull);
    int[] ids = indices;
    switch (encoding) {
      case PLAIN -> {
        if (schema.physical() == ParquetFile.BOOLEAN) {
          for (int i = 0; i < nonNull; i++) {
            ids[i] = out.internLong((page[from + (i >>> 3)] >>> (i & 7)) & 1);
          }
        } else {
          Cursor c = new Cursor(page, from, end);
          for (int i = 0; i < nonNull; i++) {
            ids[i] = plain(c);
          }
        }
      }
      case PLAIN_DICTIONARY, RLE_DICTIONARY -> {
        if (dictionarySize == 0 && nonNull > 0) {
          throw error("a dictionary-encoded page without a dictionary page");
        }
        if (nonNull > 0) {
          int width = page[from];
          hybrid(page, from + 1, end, width, nonNull, ids);
          for (int i = 0; i < nonNull; i++) {
            int k = ids[i];
            if (k < 0 || k >= dictionarySize) {
              throw error("dictionary index " + k + " outside its " + dictionarySize + " values");
            }
            ids[i] = dictionary[k];
          }
        }
      }
      case RLE -> {
        if (schema.physical() != ParquetFile.BOOLEAN) {
          throw error("RLE-encoded values of a non-boolean column");
        }
        hybrid(page, from + 4, end, 1, nonNull, ids);
        for (int i = 0; i < nonNull; i++) {
          ids[i] = out.internLong(ids[i]);
        }
      }
      case DELTA_BINARY_PACKED -> {
        deltas = grow(deltas, nonNull);
        deltaPacked(page, from, end, deltas, nonNull);
        for (int i = 0; i < nonNull; i++) {
          long v = schema.physical() == ParquetFile.INT32 ? (int) deltas[i] : deltas[i];
          ids[i] = out.internLong(v);
        }
      }
      case DELTA_LENGTH_BYTE_ARRAY -> {
        deltas = grow(deltas, nonNull);
        int p = deltaPacked(page, from, end, deltas, nonNull);
        for (int i = 0; i < nonNull; i++) {
          int n = (int) deltas[i];
          ids[i] = out.internBytes(page, p, n);
          p += n;
        }
      }
      case DELTA_BYTE_ARRAY -> deltaByteArray(page, from, end, nonNull, ids);
      case BYTE_STREAM_SPLIT -> {
        // byte k of value i at k * n + i: gathered back into PLAIN order, then read as PLAIN
        int width =
            switch (schema.physical()) {
              case ParquetFile.INT32, ParquetFile.FLOAT -> 4;
              case ParquetFile.INT64, ParquetFile.DOUBLE -> 8;
              case ParquetFile.FIXED_LEN_BYTE_ARRAY -> schema.typeLength();
              default -> throw error("BYTE_STREAM_SPLIT values of a variable-length column");
            };
        if (from + (long) width * nonNull > end) {
          throw new IllegalStateException("BYTE_STREAM_SPLIT values run past their page's end");
        }
        byte[] plain = new byte[width * nonNull];
        for (int i = 0; i < nonNull; i++) {
          for (int k = 0; k < width; k++) {
            plain[i * width + k] = page[from + k * nonNull + i];
          }
        }
        Cursor c = new Cursor(plain, 0, plain.length);
        for (int i = 0; i < nonNull; i++) {
          ids[i] = plain(c);
        }
      }
      default ->
          throw error(
              "values in encoding "
                  + encoding
                  + ", which this reader does not decode (it reads PLAIN, dictionary, RLE, the"
                  + " DELTA encodings and BYTE_STREAM_SPLIT): write the file with dictionary or plain encoding");
    }
    // spread the values over the rows: a row whose definition level is 0 is null
    if (nonNull == count) {
      for (int i = 0; i < count; i++) {
        out.add(ids[i]);
      }
    } else {
      int k = 0;
      for (int i = 0; i < count; i++) {
        out.add(levels[i] == 0 ? -1 : ids[k++]);
      }
    }
  }

  /** A position in a page's bytes. */
  private static final class Cursor {
    final byte[] b;
    int p;
    final int end;

    Cursor(byte[] b, int p, int end) {
      this.b = b;
      this.p = p;
      this.end = end;
    }
  }

  /** One PLAIN value at the cursor, interned. */
  private int plain(Cursor c) {
    byte[] b = c.b;
    int p = c.p;
    switch (schema.physical()) {
      case ParquetFile.INT32, ParquetFile.FLOAT -> {
        c.p = p + 4;
        checkEnd(c);
        long v = le32(b, p);
        return out.internLong(schema.physical() == ParquetFile.FLOAT ? v & 0xFFFFFFFFL : v);
      }
      case ParquetFile.INT64, ParquetFile.DOUBLE -> {
        c.p = p + 8;
        checkEnd(c);
        return out.internLong((le32(b, p) & 0xFFFFFFFFL) | ((long) le32(b, p + 4) << 32));
      }
      case ParquetFile.INT96 -> {
        c.p = p + 12;
        checkEnd(c);
        return out.internBytes(b, p, 12);
      }
      case ParquetFile.BYTE_ARRAY -> {
        int n = le32(b, p);
        c.p = p + 4 + n;
        if (n < 0) {
          throw new IllegalStateException("negative length " + n);
        }
        checkEnd(c);
        return out.internBytes(b, p + 4, n);
      }
      case ParquetFile.FIXED_LEN_BYTE_ARRAY -> {
        int n = schema.typeLength();
        c.p = p + n;
        checkEnd(c);
        return out.internBytes(b, p, n);
      }
      default -> {
        // BOOLEAN dictionaries: one bit each, never written in practice
        throw error("a dictionary of booleans");
      }
    }
  }

  private static void checkEnd(Cursor c) {
    if (c.p > c.end) {
      throw new IllegalStateException("values run past their page's end");
    }
  }

  static int le32(byte[] b, int p) {
    return (b[p] & 0xFF)
        | (b[p + 1] & 0xFF) << 8
        | (b[p + 2] & 0xFF) << 16
        | (b[p + 3] & 0xFF) << 24;
  }

  static int[] grow(int[] a, int n) {
    return a.length >= n ? a : new int[Math.max(n, a.length * 2)];
  }

  static long[] grow(long[] a, int n) {
    return a.length >= n ? a : new long[Math.max(n, a.length * 2)];
  }

  /**
   * The RLE / bit-packing hybrid: {@code count} values of {@code width} bits from {@code b[p,
   * end)} into {@code out}; the position after the last run read.
   */
  static int hybrid(byte[] b, int p, int end, int width, int count, int[] out) {
    if (width < 0 || width > 32) {
      throw new IllegalStateException("bit width " + width);
    }
    int n = 0;
    int bytesPerValue = (width + 7) >>> 3;
    long mask = width == 32 ? 0xFFFFFFFFL : (1L << width) - 1;
    while (n < count) {
      if (p >= end) {
        throw new IllegalStateException("RLE data ends after " + n + " of " + count + " values");
      }
      long header = 0;
      for (int shift = 0; ; shift += 7) {
        int x = b[p++] & 0xFF;
        header |= (long) (x & 0x7F) << shift;
        if ((x & 0x80) == 0) {
          break;
        }
      }
      if ((header & 1) == 0) {
        int run = (int) Math.min(header >>> 1, count - n);
        int v = 0;
        for (int k = 0; k < bytesPerValue; k++) {
          v |= (b[p + k] & 0xFF) << (8 * k);
        }
        p += bytesPerValue;
        java.util.Arrays.fill(out, n, n + run, v);
        n += run;
      } else {
        int groups = (int) (header >>> 1);
        int take = (int) Math.min(groups * 8L, count - n);
        int q = p;
        long acc = 0;
        int bits = 0;
        for (int k = 0; k < take; k++) {
          while (bits < width) {
            acc |= (b[q++] & 0xFFL) << bits;
            bits += 8;
          }
          out[n++] = (int) (acc & mask);
          acc >>>= width;
          bits -= width;
        }
        p += groups * width;
      }
    }
    return p;
  }

  private static long uvarint(byte[] b, int[] p) {
    long v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      int x = b[p[0]++] & 0xFF;
      v |= (long) (x & 0x7F) << shift;
      if ((x & 0x80) == 0) {
        return v;
      }
    }
    throw new IllegalStateException("varint longer than 10 bytes");
  }

  private static long zigzag(long v) {
    return (v >>> 1) ^ -(v & 1);
  }

  /** DELTA_BINARY_PACKED: {@code count} values into {@code out}; the position after them. */
  static int deltaPacked(byte[] b, int from, int end, long[] out, int count) {
    int[] p = {from};
    int blockSize = (int) uvarint(b, p);
    int miniblocks = (int) uvarint(b, p);
    long total = uvarint(b, p);
    long value = zigzag(uvarint(b, p));
    if (miniblocks <= 0 || blockSize <= 0 || blockSize % miniblocks != 0 || total < count) {
      throw new IllegalStateException("DELTA_BINARY_PACKED header: block " + blockSize);
    }
    int perMini = blockSize / miniblocks;
    int n = 0;
    if (total > 0) {
      if (count > 0) {
        out[0] = value;
      }
      n = 1;
    }
    while (n < total) {
      long minDelta = zigzag(uvarint(b, p));
      int widthsAt = p[0];
      p[0] += miniblocks;
      for (int m = 0; m < miniblocks && n < total; m++) {
        int width = b[widthsAt + m] & 0xFF;
        if (width > 64) {
          throw new IllegalStateException("delta bit width " + width);
        }
        int q = p[0];
        long acc = 0;
        int bits = 0;
        long mask = width == 64 ? -1L : (1L << width) - 1;
        for (int k = 0; k < perMini; k++) {
          long d;
          if (width == 0) {
            d = 0;
          } else {
            // up to 64 bits: gather from bytes without overflowing the accumulator
            d = 0;
            int got = 0;
            while (got < width) {
              if (bits == 0) {
                acc = b[q++] & 0xFFL;
                bits = 8;
              }
              int take = Math.min(bits, width - got);
              d |= (acc & ((1L << take) - 1)) << got;
              acc >>>= take;
              bits -= take;
              got += take;
            }
            d &= mask;
          }
          if (n < total) {
            value += minDelta + d;
            if (n < count) {
              out[n] = value;
            }
            n++;
          }
        }
        p[0] += perMini * width / 8;
      }
    }
    if (p[0] > end) {
      throw new IllegalStateException("DELTA_BINARY_PACKED values run past their page's end");
    }
    return p[0];
  }

  private byte[] previous = new byte[64];

  private void deltaByteArray(byte[] page, int from, int end, int count, int[] ids) {
    long[] prefixes = new long[count];
    int p = deltaPacked(page, from, end, prefixes, count);
    long[] suffixes = new long[count];
    p = deltaPacked(page, p, end, suffixes, count);
    int prevLength = 0;
    for (int i = 0; i < count; i++) {
      int pre = (int) prefixes[i];
      int suf = (int) suffixes[i];
      if (pre < 0 || pre > prevLength || suf < 0 || p + suf > end) {
        throw new IllegalStateException("DELTA_BYTE_ARRAY prefix " + pre + " suffix " + suf);
      }
      if (pre + suf > previous.length) {
        previous = java.util.Arrays.copyOf(previous, Math.max(pre + suf, previous.length * 2));
      }
      System.arraycopy(page, p, previous, pre, suf);
      p += suf;
      prevLength = pre + suf;
      ids[i] = out.internBytes(previous, 0, prevLength);
    }
  }
}
