package org.mpindex.core.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.mpindex.core.index.IngestTally;
import org.mpindex.core.spi.MalformedRecordException;

/** A line longer than the limit is an error of that line, skipped without being held in memory. */
class LineLimitTest {

  private static long allocatedBytes() {
    return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
        .getThreadAllocatedBytes(Thread.currentThread().getId());
  }

  private static LineReader bytes(String text) {
    return LineReader.of(
        "t.csv", new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), UTF8);
  }

  private static final java.nio.charset.Charset UTF8 = StandardCharsets.UTF_8;

  @Test
  void aLongLineIsAnErrorOfItsLineAndTheNextLinesAreRead() {
    // limit 10: "0123456789" (10 bytes) passes, 11 bytes do not; the line end is not counted
    for (boolean chars : new boolean[] {false, true}) {
      String text = "a\n0123456789\r\n0123456789A\nb\n" + "x".repeat(100_000) + "\nlast";
      try (LineReader r =
          (chars ? LineReader.of("t.csv", new StringReader(text)) : bytes(text)).maxLineBytes(10)) {
        assertEquals("a", r.next());
        assertEquals("0123456789", r.next());
        MalformedRecordException e = assertThrows(MalformedRecordException.class, r::next);
        assertEquals(LineReader.LINE_TOO_LONG, e.reason());
        assertEquals(3, e.line());
        assertTrue(e.getMessage().startsWith("t.csv:3: "), e.getMessage());
        assertTrue(e.getMessage().contains("longer than 10 bytes"), e.getMessage());
        assertEquals("b", r.next());
        MalformedRecordException far = assertThrows(MalformedRecordException.class, r::next);
        assertEquals(5, far.line());
        assertEquals("last", r.next());
        assertEquals(6, r.lineNumber());
        assertNull(r.next());
      }
    }
  }

  @Test
  void theLimitIsOneMebibyteByDefaultAndChecked() {
    assertEquals(1 << 20, LineReader.DEFAULT_MAX_LINE_BYTES);
    assertEquals(1 << 20, bytes("").maxLineBytes());
    assertThrows(IllegalArgumentException.class, () -> bytes("").maxLineBytes(0));
    assertThrows(
        IllegalArgumentException.class, () -> LineReader.setDefaultMaxLineBytes((1 << 30) + 1));
  }

  /**
   * A gzip bomb: 64 MiB of zero bytes without a line end (about 64 KB of gzip, made here). Read
   * with the default 1 MiB limit, the line is an error as soon as the limit is passed, and skipping
   * the other 63 MiB allocates a bounded amount (the reader's 64 KiB buffers, the limit, the
   * inflater's), not the line: before, the buffer doubled to 128 MiB (and a 2 GiB line overflowed
   * the doubling into a NegativeArraySizeException).
   */
  @Test
  void aGzipBombOfOneEndlessLineCostsTheLimitNotItsSize() throws IOException {
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
      byte[] zeros = new byte[1 << 20];
      for (int i = 0; i < 64; i++) {
        out.write(zeros);
      }
    }
    assertTrue(gz.size() < 1 << 20, "the bomb is small: " + gz.size());
    long before = allocatedBytes();
    try (LineReader r =
        LineReader.of("bomb.csv.gz", new ByteArrayInputStream(gz.toByteArray()), UTF8)) {
      assertEquals("gzip, UTF-8", r.format());
      MalformedRecordException e = assertThrows(MalformedRecordException.class, r::next);
      assertEquals(LineReader.LINE_TOO_LONG, e.reason());
      assertEquals(1, e.line());
      assertNull(r.next());
    }
    long allocated = allocatedBytes() - before;
    assertTrue(allocated < 16L << 20, "reading the bomb allocated " + allocated + " bytes");
  }

  @Test
  void aTableRejectsALongRowOrStopsAtItInStrictMode() {
    String csv = "id,day\nA1,2009-01-02\nA2," + "9".repeat(64) + "\nA3,2009-01-03\n";
    IngestTally tally = new IngestTally();
    List<String> ids = new ArrayList<>();
    List<Long> rejectedLines = new ArrayList<>();
    try (CsvTable t =
        CsvTable.open(LineReader.of("t.csv", new StringReader(csv)).maxLineBytes(32))
            .rejectsTo(e -> rejectedLines.add(e.line()))) {
      int id = t.require("id");
      t.forEachRow(() -> "rows", tally, false, row -> ids.add(row.get(id)));
    }
    assertEquals(List.of("A1", "A3"), ids);
    assertEquals(List.of(3L), rejectedLines);
    assertEquals(3, tally.snapshot().of(() -> "rows").read());
    assertEquals(1L, tally.snapshot().of(() -> "rows").rejected(LineReader.LINE_TOO_LONG));
    IngestTally strictTally = new IngestTally();
    try (CsvTable t =
        CsvTable.open(LineReader.of("t.csv", new StringReader(csv)).maxLineBytes(32))) {
      MalformedRecordException e =
          assertThrows(
              MalformedRecordException.class,
              () -> t.forEachRow(() -> "rows", strictTally, true, row -> {}));
      assertEquals("t.csv", e.file());
      assertEquals(3, e.line());
      assertEquals(LineReader.LINE_TOO_LONG, e.reason());
    }
    assertEquals(2, strictTally.snapshot().of(() -> "rows").read()); // counted before it was thrown
    assertTrue(strictTally.snapshot().balanced());
  }

  @Provide
  Arbitrary<List<String>> lines() {
    return Arbitraries.strings().withChars("ab, ").ofMaxLength(40).list().ofMaxSize(30);
  }

  /**
   * Whatever the lines and the limit, bytes or characters, {@code \n} or {@code \r\n}: every line
   * comes back as written when it fits, an error naming its number when it does not, and the lines
   * after it are read as if it were not there.
   */
  @Property(tries = 300)
  void everyLineIsReadOrRejectedAtItsNumber(
      @ForAll("lines") List<String> lines,
      @ForAll @IntRange(min = 1, max = 45) int limit,
      @ForAll boolean chars,
      @ForAll boolean crlf) {
    String text = String.join(crlf ? "\r\n" : "\n", lines);
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String l = lines.get(i);
      if (i == lines.size() - 1 && l.isEmpty()) {
        break; // nothing after the last line end: no line
      }
      expected.add(l.length() <= limit ? l : "too long at " + (i + 1));
    }
    List<String> seen = new ArrayList<>();
    try (LineReader r =
        (chars ? LineReader.of("t", new StringReader(text)) : bytes(text)).maxLineBytes(limit)) {
      while (true) {
        try {
          String l = r.next();
          if (l == null) {
            break;
          }
          seen.add(l);
        } catch (MalformedRecordException e) {
          seen.add("too long at " + e.line());
        }
      }
    }
    assertEquals(expected, seen);
  }
}
