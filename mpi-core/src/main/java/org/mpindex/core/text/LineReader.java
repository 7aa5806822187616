package org.mpindex.core.text;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.mpindex.core.spi.MalformedRecordException;

/**
 * Lines of a text file, decoded one line at a time, so that a line with bytes the charset cannot
 * decode is an error of that line (file and line number, with a hint), not of the whole file: the
 * reader has moved past it, and a lenient caller goes on with the next line.
 *
 * <p>{@link #open} looks at the first bytes: the gzip signature ({@code 1f 8b}) is read through
 * gzip whatever the file's name ({@code claims.csv.gz}); a UTF-16 byte order mark switches to
 * UTF-16; a UTF-8 byte order mark is skipped. Lines end at {@code \n}, with or without {@code \r};
 * the DOS end-of-file byte 0x1A at the end of a line is dropped.
 *
 * <p>Not thread-safe.
 */
public final class LineReader implements Closeable {
  /** Reason of a line that cannot be decoded. */
  public static final String UNDECODABLE = "undecodable bytes";

  private final String name;
  private final InputStream bytes;
  private final BufferedReader chars;
  private final CharsetDecoder decoder;
  private final boolean asciiCompatible;
  private final String format;
  private byte[] buf = new byte[1 << 16];
  private int pos;
  private int limit;
  private boolean eof;
  private long lineNo;

  private LineReader(
      String name, InputStream bytes, BufferedReader chars, Charset charset, String format) {
    this.name = name;
    this.bytes = bytes;
    this.chars = chars;
    this.decoder =
        charset
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    this.asciiCompatible = !charset.name().startsWith("UTF-16");
    this.format = format;
  }

  /**
   * Opens a file in {@code charset} (UTF-8 for the library's inputs, windows-1252 for CMS files),
   * gzip'd or not, with a message naming the path when it cannot be read: missing, a directory,
   * not readable.
   *
   * @throws UncheckedIOException naming the file and what is wrong with it
   */
  public static LineReader open(Path file, Charset charset) {
    String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
    if (Files.isDirectory(file)) {
      throw new UncheckedIOException(
          new IOException("cannot read " + file + ": it is a directory, not a file"));
    }
    InputStream in;
    try {
      in = Files.newInputStream(file);
    } catch (NoSuchFileException e) {
      throw new UncheckedIOException("cannot read " + file + ": no such file", e);
    } catch (AccessDeniedException e) {
      throw new UncheckedIOException("cannot read " + file + ": permission denied", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
    return of(name, in, charset);
  }

  /** Lines of a byte stream (detecting gzip and byte order marks as {@link #open} does). */
  public static LineReader of(String name, InputStream raw, Charset charset) {
    return detect(name, raw, charset, false);
  }

  private static LineReader detect(String name, InputStream raw, Charset charset, boolean gzip) {
    String prefix = gzip ? "gzip, " : "";
    try {
      BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
      in.mark(4);
      int b0 = in.read();
      int b1 = in.read();
      int b2 = in.read();
      in.reset();
      if (b0 == 0x1f && b1 == 0x8b && !gzip) {
        return detect(name, new GZIPInputStream(in, 1 << 16), charset, true);
      }
      if ((b0 == 0xFE && b1 == 0xFF) || (b0 == 0xFF && b1 == 0xFE)) {
        Reader r = new InputStreamReader(in, StandardCharsets.UTF_16);
        return new LineReader(
            name, null, new BufferedReader(r, 1 << 16), StandardCharsets.UTF_16, prefix + "UTF-16");
      }
      if (b0 == 0xEF && b1 == 0xBB && b2 == 0xBF) {
        in.skip(3);
      }
      return new LineReader(name, in, null, charset, prefix + charset.name());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + name + ": " + e.getMessage(), e);
    }
  }

  /** Lines of characters that need no decoding (a test's {@code StringReader}). */
  public static LineReader of(String name, Reader in) {
    BufferedReader r =
        in instanceof BufferedReader bufferedReader
            ? bufferedReader
            : new BufferedReader(in, 1 << 16);
    return new LineReader(name, null, r, StandardCharsets.UTF_16, "text");
  }

  /**
   * Whether the lines come from bytes in an ASCII-compatible charset (not UTF-16, not a {@code
   * Reader}): then {@link #readBytes} hands out the raw bytes, gzip already inflated and a UTF-8
   * byte order mark already skipped, for readers that split lines themselves.
   */
  public boolean hasBytes() {
    return bytes != null && asciiCompatible;
  }

  /**
   * Reads up to {@code len} raw bytes (see {@link #hasBytes}) instead of lines; do not mix with
   * {@link #next()}.
   *
   * @return bytes read, or -1 at the end
   * @throws IllegalStateException when the reader has no bytes
   * @throws UncheckedIOException when the file cannot be read (or a gzip stream is corrupt)
   */
  public int readBytes(byte[] dst, int off, int len) {
    if (!hasBytes()) {
      throw new IllegalStateException(name + " is read as " + format + ", not as bytes");
    }
    if (pos < limit) {
      int n = Math.min(len, limit - pos);
      System.arraycopy(buf, pos, dst, off, n);
      pos += n;
      return n;
    }
    if (eof) {
      return -1;
    }
    try {
      int n = bytes.readNBytes(dst, off, len);
      if (n == 0 && len > 0) {
        eof = true;
        return -1;
      }
      return n;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read "
              + name
              + ": "
              + e.getMessage()
              + (format.startsWith("gzip") ? " (a damaged gzip file?)" : ""),
          e);
    }
  }

  /**
   * Decodes one UTF-8 line as {@link #next()} does: without a final {@code \r} and trailing
   * {@code 0x1A} bytes, rejecting NUL bytes and malformed UTF-8.
   *
   * @param name the file name for messages
   * @param lineNo the line's number for messages
   * @throws MalformedRecordException reason {@value #UNDECODABLE}
   */
  public static String decodeUtf8(String name, byte[] buf, int from, int to, long lineNo) {
    CharsetDecoder d =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    return decode(name, d, true, buf, from, to, lineNo);
  }

  /** The file name messages use. */
  public String name() {
    return name;
  }

  /** How the file was read: the charset, {@code gzip} or {@code UTF-16}. */
  public String format() {
    return format;
  }

  /** The 1-based number of the line last returned (or failed). */
  public long lineNumber() {
    return lineNo;
  }

  /**
   * The next line without its line end, or null at the end.
   *
   * @throws MalformedRecordException reason {@value #UNDECODABLE}, naming the file and line, when the
   *     line's bytes are not text in the charset; the next call reads the next line
   * @throws UncheckedIOException when the file cannot be read (or a gzip stream is corrupt)
   */
  public String next() {
    try {
      if (chars != null) {
        String l = chars.readLine();
        if (l != null) {
          lineNo++;
          if (lineNo == 1 && !l.isEmpty() && l.charAt(0) == '\uFEFF') {
            l = l.substring(1);
          }
          l = dropEof(l);
        }
        return l;
      }
      return nextBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read "
              + name
              + " after line "
              + lineNo
              + ": "
              + e.getMessage()
              + (format.startsWith("gzip") ? " (a damaged gzip file?)" : ""),
          e);
    }
  }

  private static String dropEof(String l) {
    int end = l.length();
    while (end > 0 && l.charAt(end - 1) == '\u001A') {
      end--;
    }
    return end == l.length() ? l : l.substring(0, end);
  }

  private String nextBytes() throws IOException {
    int start = pos;
    int scan = pos;
    while (true) {
      for (int i = scan; i < limit; i++) {
        if (buf[i] == '\n') {
          pos = i + 1;
          return decode(start, i);
        }
      }
      if (eof) {
        if (start >= limit) {
          return null;
        }
        pos = limit;
        return decode(start, limit);
      }
      // keep the partial line, read more
      int kept = limit - start;
      if (start > 0) {
        System.arraycopy(buf, start, buf, 0, kept);
      } else if (kept == buf.length) {
        buf = java.util.Arrays.copyOf(buf, buf.length * 2);
      }
      scan = kept;
      start = 0;
      limit = kept;
      int n = bytes.read(buf, limit, buf.length - limit);
      if (n < 0) {
        eof = true;
      } else {
        limit += n;
      }
    }
  }

  private String decode(int from, int to) {
    lineNo++;
    return decode(name, decoder, asciiCompatible, buf, from, to, lineNo);
  }

  private static String decode(
      String name,
      CharsetDecoder decoder,
      boolean asciiCompatible,
      byte[] buf,
      int from,
      int to,
      long lineNo) {
    if (to > from && buf[to - 1] == '\r') {
      to--;
    }
    while (to > from && buf[to - 1] == 0x1A) {
      to--;
    }
    boolean ascii = asciiCompatible;
    for (int i = from; i < to && ascii; i++) {
      ascii = buf[i] >= 0 && buf[i] != 0;
    }
    if (ascii) {
      return new String(buf, from, to - from, StandardCharsets.ISO_8859_1);
    }
    for (int i = from; i < to; i++) {
      if (buf[i] == 0) {
        throw new MalformedRecordException(
            UNDECODABLE,
            name,
            lineNo,
            null,
            "a NUL byte at byte "
                + (i - from + 1)
                + " of the line: is the file compressed (other than gzip) or binary, or UTF-16 without a byte order mark?");
      }
    }
    try {
      CharBuffer c = decoder.reset().decode(ByteBuffer.wrap(buf, from, to - from));
      return c.toString();
    } catch (CharacterCodingException e) {
      int bad = from;
      while (bad < to && buf[bad] >= 0) {
        bad++;
      }
      throw new MalformedRecordException(
          UNDECODABLE,
          name,
          lineNo,
          null,
          String.format(
              "byte 0x%02X at byte %d of the line is not %s: is the file in another encoding (Latin-1, Windows-1252,"
                  + " UTF-16)? Convert it to %s",
              buf[bad] & 0xFF, bad - from + 1, decoder.charset().name(), decoder.charset().name()));
    }
  }

  @Override
  public void close() {
    try {
      if (chars != null) {
        chars.close();
      }
      if (bytes != null) {
        bytes.close();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
