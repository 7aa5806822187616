package org.mpindex.parquet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * A Parquet file's footer: its flat schema and its row groups, read with the compact-Thrift parser
 * of this package (no parquet-java, no Hadoop). Format: {@code apache/parquet-format}, {@code
 * src/main/thrift/parquet.thrift}. Flat schemas only: a column that is a group (struct, list, map) or
 * repeated is refused, naming the file and the column.
 */
final class ParquetFile {
  /** The four bytes a Parquet file starts and ends with. */
  static final byte[] MAGIC = {'P', 'A', 'R', '1'};

  // physical types
  static final int BOOLEAN = 0;
  static final int INT32 = 1;
  static final int INT64 = 2;
  static final int INT96 = 3;
  static final int FLOAT = 4;
  static final int DOUBLE = 5;
  static final int BYTE_ARRAY = 6;
  static final int FIXED_LEN_BYTE_ARRAY = 7;

  final String name;
  final Path path;
  final List<ColumnSchema> columns;
  final List<RowGroup> rowGroups;
  final long rows;
  final String createdBy;
  final long size;

  /**
   * One column of a flat schema.
   *
   * @param kind how its values read as text ({@link Kind})
   * @param scale decimal scale (DECIMAL only)
   * @param optional whether the column may hold nulls (definition level 1)
   */
  record ColumnSchema(
      String name, int physical, int typeLength, Kind kind, int scale, boolean optional) {}

  /** What a column's values mean, beyond their physical type. */
  enum Kind {
    PLAIN,
    STRING,
    DATE,
    DECIMAL,
    UNSIGNED,
    TIME_MILLIS,
    TIME_MICROS,
    TIME_NANOS,
    TIMESTAMP_MILLIS,
    TIMESTAMP_MICROS,
    TIMESTAMP_NANOS,
    UUID
  }

  /** A column chunk of a row group: where its pages are and how they are compressed. */
  record Chunk(int codec, long start, long length, long values) {}

  /** A row group: its row count and one chunk per column, in schema order. */
  record RowGroup(long rows, List<Chunk> chunks) {}

  private ParquetFile(
      String name,
      Path path,
      List<ColumnSchema> columns,
      List<RowGroup> rowGroups,
      long rows,
      String createdBy,
      long size) {
    this.name = name;
    this.path = path;
    this.columns = columns;
    this.rowGroups = rowGroups;
    this.rows = rows;
    this.createdBy = createdBy;
    this.size = size;
  }

  /** Whether {@code file} starts with the Parquet magic {@code PAR1}. */
  static boolean startsWithMagic(Path file) {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      ByteBuffer b = ByteBuffer.allocate(4);
      while (b.hasRemaining() && ch.read(b) > 0) {
        // fill
      }
      return !b.hasRemaining() && java.util.Arrays.equals(b.array(), MAGIC);
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Opens a Parquet file and reads its footer.
   *
   * @throws ParquetFormatException naming the file when it is no Parquet file, is damaged, or has a
   *     nested column
   * @throws UncheckedIOException when it cannot be read
   */
  static ParquetFile open(Path path) {
    String name = path.toString();
    try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
      long size = ch.size();
      if (size < 12) {
        throw new ParquetFormatException(name, "is " + size + " bytes: too short for Parquet");
      }
      byte[] tail = read(ch, size - 8, 8, name);
      if (!(tail[4] == 'P' && tail[5] == 'A' && tail[6] == 'R' && tail[7] == '1')) {
        throw new ParquetFormatException(
            name,
            "does not end with PAR1: not a Parquet file, or cut short (an unfinished write)"
                + (tail[4] == 'P' && tail[5] == 'A' && tail[6] == 'R' && tail[7] == 'E'
                    ? "; PARE: an encrypted footer, which this reader does not read"
                    : ""));
      }
      long footerLength = ChunkDecoder.le32(tail, 0) & 0xFFFFFFFFL;
      if (footerLength == 0 || footerLength > size - 12) {
        throw new ParquetFormatException(
            name, "footer length " + footerLength + " does not fit a file of " + size + " bytes");
      }
      byte[] footer = read(ch, size - 8 - footerLength, (int) footerLength, name);
      try {
        return parseFooter(name, path, new Thrift(footer, 0, footer.length), size);
      } catch (ParquetFormatException e) {
        throw e;
      } catch (RuntimeException e) {
        // any other failure on these bytes is damage (a count or offset out of its range)
        throw new ParquetFormatException(name, "damaged footer: " + e);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(name + ": cannot read: " + e.getMessage(), e);
    }
  }

  /** The file opened for reading its chunks; the caller closes it. */
  FileChannel channel() {
    try {
      return FileChannel.open(path, StandardOpenOption.READ);
    } catch (IOException e) {
      throw new UncheckedIOException(name + ": cannot open: " + e.getMessage(), e);
    }
  }

  static byte[] read(FileChannel ch, long at, int length, String name) {
    ByteBuffer b = ByteBuffer.allocate(length);
    try {
      while (b.hasRemaining()) {
        int n = ch.read(b, at + b.position());
        if (n < 0) {
          throw new ParquetFormatException(
              name, "ends at byte " + (at + b.position()) + ", inside data it says it holds");
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(name + ": cannot read: " + e.getMessage(), e);
    }
    return b.array();
  }

  // ---- the footer (FileMetaData) ----

  private record Element(
      String name,
      int type,
      int typeLength,
      int repetition,
      int children,
      int converted,
      int scale,
      Kind logical) {}

  private static ParquetFile parseFooter(String name, Path path, Thrift t, long size) {
    List<Element> schema = new ArrayList<>();
    List<RowGroup> groups = new ArrayList<>();
    long rows = 0;
    String createdBy = null;
    t.beginStruct();
    for (int f = t.field(); f >= 0; f = t.field()) {
      switch (f) {
        case 2 -> {
          int n = t.listSize();
          for (int i = 0; i < n; i++) {
            schema.add(element(t));
          }
        }
        case 3 -> rows = t.i64();
        case 4 -> {
          int n = t.listSize();
          for (int i = 0; i < n; i++) {
            groups.add(rowGroup(t));
          }
        }
        case 6 -> createdBy = t.string();
        default -> t.skip();
      }
    }
    t.endStruct();
    for (RowGroup g : groups) {
      for (Chunk c : g.chunks()) {
        if (c.start() < 4 || c.length() < 0 || c.start() + c.length() > size - 8) {
          throw new ParquetFormatException(
              name,
              "a column chunk at byte "
                  + c.start()
                  + " of "
                  + c.length()
                  + " bytes lies outside the file's "
                  + size
                  + " bytes");
        }
      }
    }
    return new ParquetFile(
        name, path, flatten(name, schema), List.copyOf(groups), rows, createdBy, size);
  }

  private static Element element(Thrift t) {
    String name = null;
    int type = -1;
    int typeLength = 0;
    int repetition = 0;
    int children = 0;
    int converted = -1;
    int scale = 0;
    Kind logical = null;
    t.beginStruct();
    for (int f = t.field(); f >= 0; f = t.field()) {
      switch (f) {
        case 1 -> type = t.i32();
        case 2 -> typeLength = t.i32();
        case 3 -> repetition = t.i32();
        case 4 -> name = t.string();
        case 5 -> children = t.i32();
        case 6 -> converted = t.i32();
        case 7 -> scale = t.i32();
        case 10 -> {
          int[] s = new int[1];
          logical = logicalType(t, s);
          if (logical == Kind.DECIMAL) {
            scale = s[0];
          }
        }
        default -> t.skip();
      }
    }
    t.endStruct();
    return new Element(name, type, typeLength, repetition, children, converted, scale, logical);
  }

  /** The LogicalType union: the kind it names (null for one without a text of its own). */
  private static Kind logicalType(Thrift t, int[] scale) {
    Kind k = null;
    t.beginStruct();
    for (int f = t.field(); f >= 0; f = t.field()) {
      switch (f) {
        case 1, 4, 12 -> {
          k = Kind.STRING; // STRING, ENUM, JSON
          t.skip();
        }
        case 5 -> {
          k = Kind.DECIMAL;
          t.beginStruct();
          for (int g = t.field(); g >= 0; g = t.field()) {
            if (g == 1) {
              scale[0] = t.i32();
            } else {
              t.skip();
            }
          }
          t.endStruct();
        }
        case 6 -> {
          k = Kind.DATE;
          t.skip();
        }
        case 7, 8 -> k = timeUnit(t, f == 7);
        case 10 -> k = integerType(t);
        case 14 -> {
          k = Kind.UUID;
          t.skip();
        }
        default -> t.skip();
      }
    }
    t.endStruct();
    return k;
  }

  /** TimeType / TimestampType: {1: isAdjustedToUTC, 2: unit {1 MILLIS, 2 MICROS, 3 NANOS}}. */
  private static Kind timeUnit(Thrift t, boolean time) {
    int unit = 0;
    t.beginStruct();
    for (int f = t.field(); f >= 0; f = t.field()) {
      if (f == 2) {
        t.beginStruct();
        for (int g = t.field(); g >= 0; g = t.field()) {
          unit = g;
          t.skip();
        }
        t.endStruct();
      } else {
        t.skip();
      }
    }
    t.endStruct();
    return switch (unit) {
      case 1 -> time ? Kind.TIME_MILLIS : Kind.TIMESTAMP_MILLIS;
      case 3 -> time ? Kind.TIME_NANOS : Kind.TIMESTAMP_NANOS;
      default -> time ? Kind.TIME_MICROS : Kind.TIMESTAMP_MICROS;
    };
  }

  /** IntType {1: bitWidth, 2: isSigned}: unsigned 32- and 64-bit values need their own text. */
  private static Kind integerType(Thrift t) {
    boolean signed = true;
    t.beginStruct();
    for (int f = t.field(); f >= 0; f = t.field()) {
      if (f == 2) {
        signed = t.bool();
      } else {
        t.skip();
      }
    }
    t.endStruct();
    return signed ? null : Kind.UNSIGNED;
  }

  private static List<ColumnSchema> flatten(String file, List<Element> schema) {
    if (schema.isEmpty()) {
      throw new ParquetFormatException(file, "has no schema");
    }
    int n = schema.get(0).children;
    if (n < 0 || n >= schema.size()) {
      throw new ParquetFormatException(
          file, "schema says " + n + " columns and holds " + (schema.size() - 1) + " elements");
    }
    List<ColumnSchema> out = new ArrayList<>(n);
    int i = 1;
    for (int c = 0; c < n; c++) {
      if (i >= schema.size()) {
        throw new ParquetFormatException(file, "schema names fewer columns than it says");
      }
      Element e = schema.get(i++);
      if (e.name == null) {
        throw new ParquetFormatException(
            file, "schema element " + (i - 1) + " has no name: a damaged schema");
      }
      if (e.children > 0 || e.type < 0) {
        throw new ParquetFormatException(
            file,
            "column "
                + e.name
                + " is nested (a struct, list or map): only flat tables are read; select or"
                + " flatten its fields into columns of their own before writing");
      }
      if (e.repetition == 2) {
        throw new ParquetFormatException(
            file,
            "column "
                + e.name
                + " is repeated (a list): only flat tables are read; write one value per row");
      }
      if (kindOf(e) == Kind.DECIMAL && (e.scale < 0 || e.scale > 1000)) {
        throw new ParquetFormatException(
            file, "column " + e.name + " is a DECIMAL of scale " + e.scale + ": a damaged schema");
      }
      out.add(
          new ColumnSchema(e.name, e.type, e.typeLength, kindOf(e), e.scale, e.repetition == 1));
    }
    return List.copyOf(out);
  }

  private static Kind kindOf(Element e) {
    if (e.logical != null) {
      return e.logical;
    }
    return switch (e.converted) {
      case 0, 4, 19 -> Kind.STRING; // UTF8, ENUM, JSON
      case 5 -> Kind.DECIMAL;
      case 6 -> Kind.DATE;
      case 7 -> Kind.TIME_MILLIS;
      case 8 -> Kind.TIME_MICROS;
      case 9 -> Kind.TIMESTAMP_MILLIS;
      case 10 -> Kind.TIMESTAMP_MICROS;
      case 11, 12, 13, 14 -> Kind.UNSIGNED;
      default -> Kind.PLAIN;
    };
  }

  private static RowGroup rowGroup(Thrift t) {
    List<Chunk> chunks = new ArrayList<>();
    long rows = 0;
    t.beginStruct();
    for (int f = t.field(); f >= 0; f = t.field()) {
      switch (f) {
        case 1 -> {
          int n = t.listSize();
          for (int i = 0; i < n; i++) {
            chunks.add(columnChunk(t));
          }
        }
        case 3 -> rows = t.i64();
        default -> t.skip();
      }
    }
    t.endStruct();
    return new RowGroup(rows, List.copyOf(chunks));
  }

  private static Chunk columnChunk(Thrift t) {
    Chunk c = null;
    t.beginStruct();
    for (int f = t.field(); f >= 0; f = t.field()) {
      if (f == 3) {
        c = columnMetaData(t);
      } else {
        t.skip(); // file_path (a chunk in another file) is refused below by its absent metadata
      }
    }
    t.endStruct();
    if (c == null) {
      throw new IllegalStateException("a column chunk without its metadata");
    }
    return c;
  }

  private static Chunk columnMetaData(Thrift t) {
    int codec = 0;
    long values = 0;
    long compressed = 0;
    long dataPage = -1;
    long dictionaryPage = -1;
    t.beginStruct();
    for (int f = t.field(); f >= 0; f = t.field()) {
      switch (f) {
        case 4 -> codec = t.i32();
        case 5 -> values = t.i64();
        case 7 -> compressed = t.i64();
        case 9 -> dataPage = t.i64();
        case 11 -> dictionaryPage = t.i64();
        default -> t.skip();
      }
    }
    t.endStruct();
    // some writers set dictionary_page_offset 0 for "none": a chunk starts at its first page
    long start = dictionaryPage > 0 && dictionaryPage < dataPage ? dictionaryPage : dataPage;
    return new Chunk(codec, start, compressed, values);
  }
}
