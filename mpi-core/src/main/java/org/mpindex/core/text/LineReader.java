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
 * the DOS end-of-file byte 0x1A at the end of a line is dropped ({@code \r} alone ends a line too
 * when the source is characters: a {@code Reader} or UTF-16).
 *
 * <p>Memory is bounded whatever the input: a line longer than {@link #maxLineBytes} (bytes, or
 * characters for a character source; {@value #DEFAULT_MAX_LINE_BYTES} bytes, 1 MiB, unless {@link
 * #setDefaultMaxLineBytes} or {@link #maxLineBytes(int)} say otherwise) is an error of that line,
 * reason {@link #LINE_TOO_LONG}, thrown as soon as the limit is passed; the next call skips the
 * rest of the line without keeping it (a gzip bomb of one endless line costs the limit, not its
 * inflated size) and reads the next line.
 *
 * <p>Not thread-safe.
 */
public final class LineReader implements Closeable {
  /** Reason of a line that cannot be decoded. */
  public static final ReadRejection UNDECODABLE = ReadRejection.UNDECODABLE;

  /** Reason of a line longer than {@link #maxLineBytes}. */
  public static final ReadRejection LINE_TOO_LONG = ReadRejection.LINE_TOO_LONG;

  /** The longest line read unless said otherwise: 1 MiB. */
  public static final int DEFAULT_MAX_LINE_BYTES = 1 << 20;

  /** The largest limit that can be set: 1 GiB (the line's buffer is a Java array). */
  public static final int MAX_LINE_BYTES_LIMIT = 1 << 30;

  private static volatile int defaultMaxLineBytes = DEFAULT_MAX_LINE_BYTES;

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
  private int maxLineBytes = defaultMaxLineBytes;
  // the line last thrown as too long has not been skipped yet: the next call skips it first
  private boolean skipping;
  // a character source: its buffer, and whether a \n right after a \r is to be skipped
  private char[] cbuf;
  private int cpos;
  private int climit;
  private boolean skipLf;
  private final StringBuilder charLine = new StringBuilder();

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
   * @throws MalformedRecordException reason {@link #UNDECODABLE}
   */
  public static String decodeUtf8(String name, byte[] buf, int from, int to, long lineNo) {
    CharsetDecoder d =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    return decode(name, d, true, buf, from, to, lineNo);
  }

  /**
   * Sets the longest line that readers opened from now on accept, in the whole process (the readers
   * of {@code mpi-io}, {@code mpi-rbrvs} and {@code mpi-adg} open their files through this class;
   * the {@code mpi} command's {@code --max-line-length}). Readers already open keep theirs.
   *
   * @param bytes 1 to {@value #MAX_LINE_BYTES_LIMIT}
   * @throws IllegalArgumentException outside that range
   */
  public static void setDefaultMaxLineBytes(int bytes) {
    defaultMaxLineBytes = checkedLimit(bytes);
  }

  /** The longest line a reader opened now accepts, in bytes ({@link #setDefaultMaxLineBytes}). */
  public static int defaultMaxLineBytes() {
    return defaultMaxLineBytes;
  }

  private static int checkedLimit(int bytes) {
    if (bytes < 1 || bytes > MAX_LINE_BYTES_LIMIT) {
      throw new IllegalArgumentException(
          "the longest line must be 1 to " + MAX_LINE_BYTES_LIMIT + " bytes, got " + bytes);
    }
    return bytes;
  }

  /**
   * This reader with lines of up to {@code bytes} bytes (characters for a character source), the
   * line end not counted; a longer line is an error of that line, reason {@link #LINE_TOO_LONG}.
   *
   * @param bytes 1 to {@value #MAX_LINE_BYTES_LIMIT}
   * @return this
   * @throws IllegalArgumentException outside that range
   */
  public LineReader maxLineBytes(int bytes) {
    this.maxLineBytes = checkedLimit(bytes);
    return this;
  }

  /** The longest line this reader accepts, in bytes (characters for a character source). */
  public int maxLineBytes() {
    return maxLineBytes;
  }

  /**
   * The error of line {@code lineNo} of {@code name} longer than {@code limit} bytes, reason
   * {@link #LINE_TOO_LONG} (for readers that split lines themselves).
   */
  public static MalformedRecordException lineTooLong(String name, long lineNo, int limit) {
    return new MalformedRecordException(
        LINE_TOO_LONG,
        name,
        lineNo,
        null,
        String.format(
            "the line is longer than %,d bytes, the longest line read (raise it with"
                + " --max-line-length, or LineReader.setDefaultMaxLineBytes in the library):"
                + " skipped without being read",
            limit));
  }

  private MalformedRecordException tooLong() {
    lineNo++;
    skipping = true;
    return lineTooLong(name, lineNo, maxLineBytes);
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
   * @throws MalformedRecordException reason {@link #UNDECODABLE}, naming the file and line, when
   *     the line's bytes are not text in the charset, or {@link #LINE_TOO_LONG} when it is longer
   *     than {@link #maxLineBytes}; the next call reads the next line
   * @throws UncheckedIOException when the file cannot be read (or a gzip stream is corrupt)
   */
  public String next() {
    try {
      if (chars != null) {
        String l = nextChars();
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

  /**
   * The next line of a character source, ended by {@code \n}, {@code \r\n} or {@code \r} as {@link
   * BufferedReader#readLine} ends it, or null at the end; at most {@link #maxLineBytes} characters.
   */
  private String nextChars() throws IOException {
    if (cbuf == null) {
      cbuf = new char[1 << 13];
    }
    if (skipping) {
      skipping = false;
      if (!skipCharsToLineEnd()) {
        return null;
      }
    }
    StringBuilder line = null;
    while (true) {
      if (cpos >= climit) {
        int n = chars.read(cbuf, 0, cbuf.length);
        if (n < 0) {
          return line == null ? null : line.toString();
        }
        cpos = 0;
        climit = n;
        continue;
      }
      if (skipLf) {
        skipLf = false;
        if (cbuf[cpos] == '\n') {
          cpos++;
          continue;
        }
      }
      if (line == null) {
        line = charLine;
        line.setLength(0);
      }
      int i = cpos;
      while (i < climit && cbuf[i] != '\n' && cbuf[i] != '\r') {
        i++;
      }
      if ((long) line.length() + (i - cpos) > maxLineBytes) {
        cpos = i;
        line.setLength(0);
        throw tooLong();
      }
      line.append(cbuf, cpos, i - cpos);
      if (i < climit) {
        skipLf = cbuf[i] == '\r';
        cpos = i + 1;
        return line.toString();
      }
      cpos = i;
    }
  }

  /** Skips to after the next line end of a character source; false at the end of the source. */
  private boolean skipCharsToLineEnd() throws IOException {
    while (true) {
      if (cpos >= climit) {
        int n = chars.read(cbuf, 0, cbuf.length);
        if (n < 0) {
          return false;
        }
        cpos = 0;
        climit = n;
      }
      int i = cpos;
      while (i < climit && cbuf[i] != '\n' && cbuf[i] != '\r') {
        i++;
      }
      if (i < climit) {
        skipLf = cbuf[i] == '\r';
        cpos = i + 1;
        return true;
      }
      cpos = climit;
    }
  }

  /** Skips to after the next {@code \n} of a byte source; false at the end of the source. */
  private boolean skipBytesToLineEnd() throws IOException {
    while (true) {
      for (int i = pos; i < limit; i++) {
        if (buf[i] == '\n') {
          pos = i + 1;
          return true;
        }
      }
      pos = 0;
      limit = 0;
      if (eof) {
        return false;
      }
      int n = bytes.read(buf, 0, buf.length);
      if (n < 0) {
        eof = true;
        return false;
      }
      limit = n;
    }
  }

  private String nextBytes() throws IOException {
    if (skipping) {
      skipping = false;
      if (!skipBytesToLineEnd()) {
        return null;
      }
    }
    int start = pos;
    int scan = pos;
    while (true) {
      for (int i = scan; i < limit; i++) {
        if (buf[i] == '\n') {
          pos = i + 1;
          if (i - start - (i > start && buf[i - 1] == '\r' ? 1 : 0) > maxLineBytes) {
            lineNo++; // the whole line is in the buffer (a limit under the buffer's size): passed
            throw lineTooLong(name, lineNo, maxLineBytes);
          }
          return decode(start, i);
        }
      }
      if (limit - start > maxLineBytes + 1) { // + 1: the line may end in \r\n
        pos = limit;
        throw tooLong(); // the rest of the line is skipped by the next call
      }
      if (eof) {
        if (start >= limit) {
          return null;
        }
        pos = limit;
        if (limit - start - (buf[limit - 1] == '\r' ? 1 : 0) > maxLineBytes) {
          lineNo++;
          throw lineTooLong(name, lineNo, maxLineBytes);
        }
        return decode(start, limit);
      }
      // keep the partial line, read more
      int kept = limit - start;
      if (start > 0) {
        System.arraycopy(buf, start, buf, 0, kept);
      } else if (kept == buf.length) {
        buf = java.util.Arrays.copyOf(buf, (int) Math.min(2L * buf.length, Integer.MAX_VALUE - 8));
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
