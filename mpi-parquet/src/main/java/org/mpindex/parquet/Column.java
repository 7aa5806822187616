package org.mpindex.parquet;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import org.mpindex.parquet.ParquetFile.ColumnSchema;
import org.mpindex.parquet.ParquetFile.Kind;

/**
 * One column of one row group, decoded: per row the id of its value ({@code -1} for null or an
 * empty string), each distinct value stored once (a dictionary page's values are the first ids, so a
 * dictionary-encoded page costs one int per row). Two rows of a column have the same id exactly when
 * their values are equal; a value's text ({@link #text}) is written once, when first asked for.
 *
 * <p>Memory: 4 bytes a row plus the distinct values (their bytes, or 8 bytes each for numbers).
 */
final class Column {
  final ColumnSchema schema;
  final String file;
  int[] ids = new int[0];
  int rows;

  // distinct values: bytes (byte arrays, INT96) or longs (every other type)
  private final boolean bytesKind;
  private byte[] pool = new byte[1024];
  private int poolSize;
  private int[] offsets = new int[65];
  private long[] numbers = new long[64];
  private int size;
  private String[] texts = new String[64];
  // open addressing: slot -> id + 1 (0 empty)
  private int[] slots = new int[128];

  Column(ColumnSchema schema, String file) {
    this.schema = schema;
    this.file = file;
    this.bytesKind =
        schema.physical() == ParquetFile.BYTE_ARRAY
            || schema.physical() == ParquetFile.FIXED_LEN_BYTE_ARRAY
            || schema.physical() == ParquetFile.INT96;
  }

  /** Empties the column for the next row group of {@code rows} rows, keeping its arrays. */
  void reset(int rowCount) {
    if (ids.length < rowCount) {
      ids = new int[rowCount];
    }
    rows = 0;
    if (size > 0) {
      Arrays.fill(slots, 0);
      Arrays.fill(texts, 0, size, null);
    }
    size = 0;
    poolSize = 0;
  }

  /** Number of distinct values. */
  int distinct() {
    return size;
  }

  /** The value of row {@code row}'s text: "" for null. */
  String cell(int row) {
    int id = ids[row];
    return id < 0 ? "" : text(id);
  }

  /** The text of value {@code id}: as {@link ParquetTableOpener} documents. */
  String text(int id) {
    String t = texts[id];
    if (t == null) {
      try {
        t = bytesKind ? bytesText(id) : numberText(numbers[id]);
      } catch (java.time.DateTimeException | ArithmeticException e) {
        // a TIME or TIMESTAMP outside java.time's range: the stored number, as written
        t = bytesKind ? bytesTextPlain(id) : Long.toString(numbers[id]);
      }
      texts[id] = t;
    }
    return t;
  }

  private String bytesTextPlain(int id) {
    return new String(pool, offsets[id], offsets[id + 1] - offsets[id], StandardCharsets.UTF_8);
  }

  // ---- interning ----

  int internLong(long v) {
    int mask = slots.length - 1;
    long h = v * 0x9E3779B97F4A7C15L;
    int i = (int) (h ^ (h >>> 32)) & mask;
    while (true) {
      int s = slots[i];
      if (s == 0) {
        break;
      }
      if (numbers[s - 1] == v) {
        return s - 1;
      }
      i = (i + 1) & mask;
    }
    if (size == numbers.length) {
      numbers = Arrays.copyOf(numbers, size * 2);
      texts = Arrays.copyOf(texts, size * 2);
    }
    numbers[size] = v;
    slots[i] = ++size;
    if (size * 2 > slots.length) {
      rehash();
    }
    return size - 1;
  }

  /** The id of the bytes {@code b[from, from + n)}; -1 for an empty string. */
  int internBytes(byte[] b, int from, int n) {
    if (n == 0 && schema.physical() == ParquetFile.BYTE_ARRAY) {
      return -1;
    }
    int mask = slots.length - 1;
    int h = hash(b, from, n);
    int i = h & mask;
    while (true) {
      int s = slots[i];
      if (s == 0) {
        break;
      }
      int id = s - 1;
      if (offsets[id + 1] - offsets[id] == n
          && Arrays.equals(pool, offsets[id], offsets[id + 1], b, from, from + n)) {
        return id;
      }
      i = (i + 1) & mask;
    }
    if (size + 2 > offsets.length) {
      offsets = Arrays.copyOf(offsets, offsets.length * 2);
      texts = Arrays.copyOf(texts, Math.max(texts.length, offsets.length));
    }
    if (size == texts.length) {
      texts = Arrays.copyOf(texts, size * 2);
    }
    if (poolSize + n > pool.length) {
      pool = Arrays.copyOf(pool, Math.max(pool.length * 2, poolSize + n));
    }
    System.arraycopy(b, from, pool, poolSize, n);
    offsets[size] = poolSize;
    poolSize += n;
    offsets[size + 1] = poolSize;
    slots[i] = ++size;
    if (size * 2 > slots.length) {
      rehash();
    }
    return size - 1;
  }

  private static int hash(byte[] b, int from, int n) {
    int h = 0x811C9DC5;
    for (int k = from; k < from + n; k++) {
      h = (h ^ b[k]) * 0x01000193;
    }
    return h ^ (h >>> 16);
  }

  private void rehash() {
    slots = new int[slots.length * 2];
    int mask = slots.length - 1;
    for (int id = 0; id < size; id++) {
      int i;
      if (bytesKind) {
        i = hash(pool, offsets[id], offsets[id + 1] - offsets[id]) & mask;
      } else {
        long h = numbers[id] * 0x9E3779B97F4A7C15L;
        i = (int) (h ^ (h >>> 32)) & mask;
      }
      while (slots[i] != 0) {
        i = (i + 1) & mask;
      }
      slots[i] = id + 1;
    }
  }

  void add(int id) {
    ids[rows++] = id;
  }

  // ---- text ----

  private String numberText(long v) {
    return switch (schema.physical()) {
      case ParquetFile.BOOLEAN -> v != 0 ? "true" : "false";
      case ParquetFile.FLOAT -> decimalText(Float.intBitsToFloat((int) v));
      case ParquetFile.DOUBLE -> decimalText(Double.longBitsToDouble(v));
      case ParquetFile.INT32 -> intText((int) v);
      default -> longText(v);
    };
  }

  private String intText(int v) {
    return switch (schema.kind()) {
      case DATE -> dateText(v);
      case DECIMAL -> BigDecimal.valueOf(v, schema.scale()).toPlainString();
      case UNSIGNED -> Integer.toUnsignedString(v);
      case TIME_MILLIS -> LocalTime.ofNanoOfDay(v * 1_000_000L).toString();
      default -> Integer.toString(v);
    };
  }

  private String longText(long v) {
    return switch (schema.kind()) {
      case DECIMAL -> BigDecimal.valueOf(v, schema.scale()).toPlainString();
      case UNSIGNED -> Long.toUnsignedString(v);
      case TIME_MICROS -> LocalTime.ofNanoOfDay(v * 1000L).toString();
      case TIME_NANOS -> LocalTime.ofNanoOfDay(v).toString();
      case TIMESTAMP_MILLIS ->
          timestampText(Math.floorDiv(v, 1000L), Math.floorMod(v, 1000L) * 1_000_000L);
      case TIMESTAMP_MICROS ->
          timestampText(Math.floorDiv(v, 1_000_000L), Math.floorMod(v, 1_000_000L) * 1000L);
      case TIMESTAMP_NANOS ->
          timestampText(Math.floorDiv(v, 1_000_000_000L), Math.floorMod(v, 1_000_000_000L));
      default -> Long.toString(v);
    };
  }

  /** A day count from 1970-01-01 as ISO {@code YYYY-MM-DD}; out of LocalDate's range: the count. */
  static String dateText(long epochDay) {
    if (epochDay < -365243219162L || epochDay > 365241780471L) {
      return Long.toString(epochDay);
    }
    return LocalDate.ofEpochDay(epochDay).toString();
  }

  /** A timestamp (UTC): its date alone at midnight (pandas writes dates so), else ISO date-time. */
  static String timestampText(long epochSecond, long nanos) {
    LocalDateTime t;
    try {
      t = LocalDateTime.ofInstant(Instant.ofEpochSecond(epochSecond, nanos), ZoneOffset.UTC);
    } catch (java.time.DateTimeException e) {
      return epochSecond + "s";
    }
    return t.toLocalTime().equals(LocalTime.MIDNIGHT) ? t.toLocalDate().toString() : t.toString();
  }

  /** A float or double as plain decimal text: {@code 2.5}, {@code 3} (not 3.0), {@code NaN}. */
  static String decimalText(double d) {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      return Double.toString(d);
    }
    if (d == 0) {
      return "0";
    }
    return new BigDecimal(Double.toString(d)).stripTrailingZeros().toPlainString();
  }

  static String decimalText(float f) {
    if (Float.isNaN(f) || Float.isInfinite(f)) {
      return Float.toString(f);
    }
    if (f == 0) {
      return "0";
    }
    return new BigDecimal(Float.toString(f)).stripTrailingZeros().toPlainString();
  }

  private String bytesText(int id) {
    int from = offsets[id];
    int n = offsets[id + 1] - from;
    if (schema.physical() == ParquetFile.INT96) {
      // legacy Spark/Impala timestamps: nanoseconds of the day (8 bytes), then the Julian day (4)
      long nanos = 0;
      for (int k = 7; k >= 0; k--) {
        nanos = (nanos << 8) | (pool[from + k] & 0xFF);
      }
      int julian =
          (pool[from + 8] & 0xFF)
              | (pool[from + 9] & 0xFF) << 8
              | (pool[from + 10] & 0xFF) << 16
              | (pool[from + 11] & 0xFF) << 24;
      long epochDay = julian - 2_440_588L;
      return timestampText(
          epochDay * 86_400L + Math.floorDiv(nanos, 1_000_000_000L),
          Math.floorMod(nanos, 1_000_000_000L));
    }
    if (schema.kind() == Kind.DECIMAL) {
      return n == 0
          ? "0"
          : new BigDecimal(new BigInteger(Arrays.copyOfRange(pool, from, from + n)), schema.scale())
              .toPlainString();
    }
    if (schema.kind() == Kind.UUID && n == 16) {
      long hi = 0;
      long lo = 0;
      for (int k = 0; k < 8; k++) {
        hi = (hi << 8) | (pool[from + k] & 0xFF);
        lo = (lo << 8) | (pool[from + 8 + k] & 0xFF);
      }
      return new java.util.UUID(hi, lo).toString();
    }
    return new String(pool, from, n, StandardCharsets.UTF_8);
  }
}
