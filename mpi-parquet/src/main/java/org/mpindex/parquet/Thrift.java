package org.mpindex.parquet;

import java.nio.charset.StandardCharsets;

/**
 * A reader of Thrift's compact protocol, the encoding of Parquet's file metadata and page headers:
 * just what {@link ParquetFile} needs (structs read field by field, unknown fields skipped).
 * Spec: {@code apache/thrift doc/specs/thrift-compact-protocol.md}.
 */
final class Thrift {
  static final int BOOLEAN_TRUE = 1;
  static final int BOOLEAN_FALSE = 2;
  static final int BYTE = 3;
  static final int I16 = 4;
  static final int I32 = 5;
  static final int I64 = 6;
  static final int DOUBLE = 7;
  static final int BINARY = 8;
  static final int LIST = 9;
  static final int SET = 10;
  static final int MAP = 11;
  static final int STRUCT = 12;

  private final byte[] buf;
  private int pos;
  private final int end;
  // the field ids of the structs being read, innermost last
  private final int[] lastField = new int[64];
  private int depth = -1;
  // the type of the field just read (booleans are carried in it)
  private int fieldType;

  Thrift(byte[] buf, int from, int to) {
    this.buf = buf;
    this.pos = from;
    this.end = to;
  }

  /** Where the reader stands. */
  int position() {
    return pos;
  }

  private int next() {
    if (pos >= end) {
      throw new IllegalStateException("Thrift data ends early at byte " + pos);
    }
    return buf[pos++] & 0xFF;
  }

  void beginStruct() {
    if (++depth == lastField.length) {
      throw new IllegalStateException("Thrift structs nested deeper than " + lastField.length);
    }
    lastField[depth] = 0;
  }

  void endStruct() {
    depth--;
  }

  /** The next field's id, or -1 at the struct's end; its type is then {@link #fieldType()}. */
  int field() {
    int b = next();
    if (b == 0) {
      return -1;
    }
    fieldType = b & 0x0F;
    int delta = b >>> 4;
    int id = delta != 0 ? lastField[depth] + delta : (short) zigzag32((int) varint());
    lastField[depth] = id;
    return id;
  }

  int fieldType() {
    return fieldType;
  }

  boolean bool() {
    return fieldType == BOOLEAN_TRUE;
  }

  int i32() {
    return zigzag32((int) varint());
  }

  long i64() {
    long v = varint();
    return (v >>> 1) ^ -(v & 1);
  }

  String string() {
    int n = (int) varint();
    if (n < 0 || n > end - pos) {
      throw new IllegalStateException("Thrift string of " + n + " bytes at byte " + pos);
    }
    String s = new String(buf, pos, n, StandardCharsets.UTF_8);
    pos += n;
    return s;
  }

  /** A list's header: its size; {@link #elementType} its elements' type. */
  int listSize() {
    int b = next();
    elementType = b & 0x0F;
    int n = b >>> 4;
    return n == 15 ? (int) varint() : n;
  }

  private int elementType;

  int elementType() {
    return elementType;
  }

  /** Skips the value of the field just read. */
  void skip() {
    skip(fieldType);
  }

  void skip(int type) {
    switch (type) {
      case BOOLEAN_TRUE, BOOLEAN_FALSE -> {
        // in a field, the value is the type; in a list, one byte (handled by the caller's list)
      }
      case BYTE -> next();
      case I16, I32, I64 -> varint();
      case DOUBLE -> pos += 8;
      case BINARY -> {
        long n = varint();
        if (n < 0 || n > end - pos) {
          throw new IllegalStateException("Thrift binary of " + n + " bytes at byte " + pos);
        }
        pos += (int) n;
      }
      case LIST, SET -> {
        int n = listSize();
        int t = elementType;
        for (int i = 0; i < n; i++) {
          if (t == BOOLEAN_TRUE || t == BOOLEAN_FALSE) {
            next();
          } else {
            skip(t);
          }
        }
      }
      case MAP -> {
        int n = (int) varint();
        if (n > 0) {
          int kv = next();
          for (int i = 0; i < n; i++) {
            skipElement(kv >>> 4);
            skipElement(kv & 0x0F);
          }
        }
      }
      case STRUCT -> {
        beginStruct();
        while (field() >= 0) {
          skip();
        }
        endStruct();
      }
      default -> throw new IllegalStateException("unknown Thrift type " + type + " at byte " + pos);
    }
    if (pos > end) {
      throw new IllegalStateException("Thrift data ends early at byte " + end);
    }
  }

  private void skipElement(int type) {
    if (type == BOOLEAN_TRUE || type == BOOLEAN_FALSE) {
      next();
    } else {
      skip(type);
    }
  }

  private long varint() {
    long v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      int b = next();
      v |= (long) (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        return v;
      }
    }
    throw new IllegalStateException("Thrift varint longer than 10 bytes at byte " + pos);
  }

  private static int zigzag32(int v) {
    return (v >>> 1) ^ -(v & 1);
  }
}
