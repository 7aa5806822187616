package org.mpindex.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.zip.GZIPOutputStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.mpindex.core.claims.DiagnosisCode;
import org.mpindex.core.claims.ProcedureCode;
import org.mpindex.core.index.ClaimDating;
import org.mpindex.core.index.IndexAssembler;
import org.mpindex.core.index.IngestMode;
import org.mpindex.core.index.MpiResult;
import org.mpindex.core.index.MpiSpec;
import org.mpindex.core.index.StudyPeriod;
import org.mpindex.testkit.Mutations;
import org.mpindex.testkit.SimpleBurdenGrouper;
import org.mpindex.testkit.SimpleEffortCalculator;

/**
 * The fast claims path is the row reader, faster: for any file (valid, edited by hand at the edges,
 * or mutated at random), any chunk size and any thread count, it gives the same index, the same
 * accounting, the same rejections (file, line, reason, message) in the same order, and in strict
 * mode the same first error, as {@link TidyCsvReader} reading the file row by row.
 */
class FastTidyClaimsTest {
  private static final String HEADER =
      "claim_id,beneficiary_id,from_date,through_date,claim_type,procedure,modifiers,units,place_of_service,code_system,diagnoses\n";

  /** What a read leaves: the result (with its accounting) and the rejections, or the error. */
  private record Outcome(MpiResult result, List<String> rejects, String error) {}

  private static Outcome run(Path claims, boolean strict, Function<TidyCsvReader, Reading> how) {
    return run(claims, strict, 0, how);
  }

  private static Outcome run(
      Path claims, boolean strict, int variant, Function<TidyCsvReader, Reading> how) {
    List<String> rejects = new ArrayList<>();
    TidyCsvReader reader =
        variant(
            new TidyCsvReader(
                    (strict ? IngestMode.STRICT : IngestMode.LENIENT),
                    (variant & 1) == 0 ? ClaimDating.SERVICE_FROM : ClaimDating.SERVICE_THROUGH)
                .rejectsTo(
                    e ->
                        rejects.add(
                            e.file() + ":" + e.line() + ":" + e.reason() + ":" + e.getMessage())),
            variant);
    IndexAssembler a = assembler(strict);
    try {
      how.apply(reader).read(claims, a);
      return new Outcome(a.assemble(), rejects, null);
    } catch (org.mpindex.core.spi.RejectedRecordException | java.io.UncheckedIOException e) {
      return new Outcome(null, rejects, e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  /**
   * The reader of a variant: bit 0 dates lines by their through-date, bit 1 checks lines against
   * the beneficiaries' records (a line outside a life is rejected; an id without a record listed).
   */
  private static TidyCsvReader variant(TidyCsvReader r, int variant) {
    return (variant & 2) == 0 ? r : r.checkedAgainst(id -> Optional.ofNullable(KNOWN.get(id)));
  }

  /**
   * The records lines are checked against (bit 1 of a variant): C dies on 2008-06-15, D is born on
   * 2008-07-01, so lines of the edges and the random files fall outside their lives.
   */
  private static final Map<String, org.mpindex.core.claims.Beneficiary> KNOWN = known();

  private static Map<String, org.mpindex.core.claims.Beneficiary> known() {
    Map<String, org.mpindex.core.claims.Beneficiary> m = new java.util.LinkedHashMap<>();
    for (String id : new String[] {"A", "B", "C", "D"}) {
      m.put(
          id,
          new org.mpindex.core.claims.Beneficiary(
              id,
              id.equals("D")
                  ? java.time.LocalDate.of(2008, 7, 1)
                  : java.time.LocalDate.of(1930, 5, 10),
              id.equals("C") ? Optional.of(java.time.LocalDate.of(2008, 6, 15)) : Optional.empty(),
              org.mpindex.core.claims.Sex.FEMALE,
              org.mpindex.core.claims.Geography.of(org.mpindex.core.claims.UsState.WY)));
    }
    return m;
  }

  private interface Reading {
    void read(Path file, IndexAssembler a);
  }

  private static Reading slow(TidyCsvReader r) {
    return (f, a) ->
        r.read(
            f,
            TidyCsvReader.CLAIM_ROWS,
            org.mpindex.core.index.RecordSink.into(a),
            a.tally(),
            false);
  }

  private static Function<TidyCsvReader, Reading> fast(int threads, int chunk) {
    return r -> (f, a) -> new FastTidyClaims(r, threads, chunk).read(f, a, a.tally());
  }

  private static IndexAssembler assembler(boolean strict) {
    MpiSpec spec =
        MpiSpec.builder()
            .studyPeriod(
                StudyPeriod.of(
                    java.time.LocalDate.of(2008, 1, 1), java.time.LocalDate.of(2008, 12, 31)))
            .minimumEligibleWindows(2)
            .ingestMode(
                strict
                    ? org.mpindex.core.index.IngestMode.STRICT
                    : org.mpindex.core.index.IngestMode.LENIENT)
            .build();
    IndexAssembler a =
        IndexAssembler.create(
            spec,
            SimpleEffortCalculator.of(
                Map.of(
                    ProcedureCode.of("99213"),
                    920_000L,
                    ProcedureCode.of("99214"),
                    1_420_000L,
                    ProcedureCode.of("27447"),
                    20_720_000L,
                    ProcedureCode.of("71020"),
                    180_000L)),
            SimpleBurdenGrouper.of(
                List.of("htn", "dm", "chf", "copd"),
                Map.of(
                    DiagnosisCode.icd9("401"),
                    0,
                    DiagnosisCode.icd9("250"),
                    1,
                    DiagnosisCode.icd9("428"),
                    2,
                    DiagnosisCode.icd9("496"),
                    3)));
    for (String id : new String[] {"A", "B", "C", "D"}) {
      a.add(
          org.mpindex.core.claims.Beneficiary.of(
              id,
              java.time.LocalDate.of(1930, 5, 10),
              org.mpindex.core.claims.Sex.FEMALE,
              org.mpindex.core.claims.Geography.of(org.mpindex.core.claims.UsState.WY)));
      a.add(
          org.mpindex.core.claims.Enrollment.of(
              id,
              java.time.LocalDate.of(2008, 1, 1),
              java.time.LocalDate.of(2008, 12, 31),
              org.mpindex.core.claims.Program.MEDICARE_FFS));
    }
    return a;
  }

  private static void assertSame(Outcome slow, Outcome fast) {
    assertEquals(slow.error(), fast.error());
    assertEquals(slow.rejects(), fast.rejects());
    if (slow.result() != null) {
      assertEquals(slow.result().accounting(), fast.result().accounting());
      assertEquals(slow.result().national(), fast.result().national());
      assertEquals(slow.result().groupCells(), fast.result().groupCells());
    }
  }

  private static void compare(byte[] file, int threads, int chunk) throws IOException {
    compare(file, threads, chunk, 0);
  }

  /** As {@link #compare(byte[], int, int)} with the reader of {@link #variant}. */
  private static void compare(byte[] file, int threads, int chunk, int variant) throws IOException {
    Path dir = Files.createTempDirectory("fast-tidy");
    Path claims = dir.resolve("claims.csv");
    Files.write(claims, file);
    try {
      for (boolean strict : new boolean[] {false, true}) {
        assertSame(
            run(claims, strict, variant, FastTidyClaimsTest::slow),
            run(claims, strict, variant, fast(threads, chunk)));
        // and with repeated claims rejected
        assertSame(
            runAll(List.of(claims), strict, variant, FastTidyClaimsTest::slow),
            runAll(List.of(claims), strict, variant, fast(threads, chunk)));
      }
    } finally {
      Files.delete(claims);
      Files.delete(dir);
    }
  }

  /** Every edge the fast path hands to the row parser, or takes itself, in one file. */
  static final String EDGES =
      HEADER
          + "C1,A,2008-02-01,2008-02-01,professional,99213,,1,11,icd9,401.9\n"
          + "C1,A,2008-02-01,2008-02-01,professional,99213,,1,11,icd9,401.9\n" // exact duplicate:
          // counted once
          + "C1,A,2008-02-01,2008-02-01,professional,99213,,1,11,icd9, 401.9\n" // not exact
          + "  C2 ,A,20080315,,,99214,,,,,250.00|428.0;496\r\n" // spaces, CMS date, CRLF,
          // separators
          + "\n"
          + "   \n"
          + "\t\n" // blank, by the row reader
          + "C3,B,2008-04-01,2008-04-01,professional,99213,,1,11,icd9,\"401.9\"\n" // quotes
          + "C4,B,2008-05-01,2008-05-01,professional,99213,25,1,11,icd9,401.9\n" // modifier
          + "C5,B,2008-13-01,,,99213,,,,,401.9\n" // bad date
          + "C6,B,2008-06-01,2008-05-01,,99213,,,,,401.9\n" // through before from
          + "C7,B,2008-06-01,,,9921,,,,,401.9\n" // bad procedure: effort rejected, diagnoses kept
          + "C8,C,2008-06-01,,,99213,,x,,,401.9\n" // bad units
          + "C9,C,2008-06-01,,,99213,,,ZZ,,401.9\n" // bad place of service
          + "C10,C,2008-06-01,,,99213,,,,icd11,401.9\n" // bad code system
          + "C11,C,2008-06-01,,,99213,,,,,40X.9 401.9\n" // an invalid diagnosis: counted, the row
          // kept
          + "C12,C,2008-06-01,,,99213,,,,,|401.9\n" // a leading separator
          + "C13,C,2008-06-01,,,99213,,,\n" // wrong column count
          + "C14,D,2008-07-01,,spaceship,99213,,,,,496\n" // bad claim type
          + "C15,D,2008-07-01,,OUTPATIENT,99213,,,,,496\n"
          + "C16,Dé,2008-07-01,,,99213,,,,,496\n" // non-ASCII: no beneficiary record
          + "C17,D,2008-07-01,,,99213,,,,,496\u001A\n" // trailing 0x1A
          + "C18,,2008-07-01,,,99213,,,,,496\n" // no beneficiary
          + "C19,D,2008-08-01,,,99214,,2,22,icd9,4280 2500 4019\n"
          + "C19,D,2008-08-01,,,99214,,2,22,icd9,4280 2500 4019"; // duplicate, last line without a

  // line end

  @Test
  void everyEdgeGivesWhatTheRowReaderGives() throws IOException {
    byte[] bytes = EDGES.getBytes(StandardCharsets.UTF_8);
    for (int chunk : new int[] {16, 37, 100, 1 << 16}) {
      for (int threads : new int[] {1, 3}) {
        compare(bytes, threads, chunk);
      }
    }
    for (int variant = 1; variant < 4; variant++) {
      compare(bytes, 2, 37, variant);
    }
    // and the lenient run did see the edges
    Path dir = Files.createTempDirectory("fast-tidy");
    Path claims = dir.resolve("claims.csv");
    Files.write(claims, bytes);
    Outcome o = run(claims, false, fast(2, 64));
    assertTrue(
        o.rejects().stream().anyMatch(r -> r.contains(":3:exact duplicate")),
        o.rejects().toString());
    assertTrue(
        o.rejects().stream().anyMatch(r -> r.contains(":11:bad date (from_date)")),
        o.rejects().toString());
    assertTrue(
        o.rejects().stream().anyMatch(r -> r.contains(":26:exact duplicate")),
        o.rejects().toString());
    Files.delete(claims);
    Files.delete(dir);
  }

  @Test
  void gzipAndUtf16AreReadToo() throws IOException {
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (OutputStream o = new GZIPOutputStream(gz)) {
      o.write(EDGES.getBytes(StandardCharsets.UTF_8));
    }
    compare(gz.toByteArray(), 2, 50);
    ByteArrayOutputStream u16 = new ByteArrayOutputStream();
    u16.write(EDGES.getBytes(StandardCharsets.UTF_16)); // with its byte order mark
    compare(u16.toByteArray(), 2, 50);
    compare(("\uFEFF" + EDGES).getBytes(StandardCharsets.UTF_8), 2, 50);
    compare(new byte[0], 1, 16);
    compare(HEADER.getBytes(StandardCharsets.UTF_8), 1, 16);
    compare(
        "claim_id,beneficiary_id\nC1,A\n".getBytes(StandardCharsets.UTF_8),
        1,
        16); // no from_date column
  }

  @Provide
  Arbitrary<byte[]> hostile() {
    return Mutations.hostile(EDGES.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * A row without a claim id between two rows of a claim does not end the claim (the row reader's
   * rule): the second row, for another beneficiary, is rejected as such by both readers, and its
   * missing from_date is not what they report. Found by {@link
   * #anyMutatedFileGivesWhatTheRowReaderGives} (seed -3508680231824233131), where the fast reader
   * took the second row for its claim's first.
   */
  @Test
  void aRowWithoutAClaimIdDoesNotEndTheClaim() throws IOException {
    String file =
        HEADER
            + "D,A,2008-07-01,,,99213,,,,,401.9\n"
            + ",A,2008-07-01,,,99213,,,,,401.9\n"
            + "D,B,,,,99213,,,,,401.9\n";
    for (int threads = 1; threads <= 3; threads++) {
      for (int chunk : new int[] {16, 40, 400}) {
        compare(file.getBytes(StandardCharsets.UTF_8), threads, chunk);
      }
    }
    Path claims = Files.createTempDirectory("fast-tidy").resolve("claims.csv");
    Files.writeString(claims, file);
    Outcome slow = run(claims, false, FastTidyClaimsTest::slow);
    assertTrue(
        slow.rejects().stream().anyMatch(r -> r.contains(":4:claim id of another beneficiary")),
        slow.rejects().toString());
  }

  @Property(tries = 1000)
  void anyMutatedFileGivesWhatTheRowReaderGives(
      @ForAll("hostile") byte[] file,
      @ForAll @IntRange(min = 1, max = 3) int threads,
      @ForAll @IntRange(min = 16, max = 400) int chunk,
      @ForAll @IntRange(min = 0, max = 3) int variant)
      throws IOException {
    compare(file, threads, chunk, variant);
  }

  @Provide
  Arbitrary<String> validRows() {
    Arbitrary<String> row =
        net.jqwik.api.Combinators.combine(
                Arbitraries.of("C1", "C2", "C3", "C4"),
                Arbitraries.of("A", "B", "C", "D", "E", "AB"),
                Arbitraries.integers().between(1, 360),
                Arbitraries.of(-1, 0, 5, 40), // days from the from-date to the through-date
                Arbitraries.of("99213", "99214", "27447", "71020", "J1100", ""),
                Arbitraries.of("", "1", "2", "0", "12"),
                Arbitraries.of("401.9", "4019 496", "250.00|428.0", "", "X99", "401.9;496"))
            .as(
                (claim, bene, day, through, proc, units, dx) -> {
                  java.time.LocalDate from = java.time.LocalDate.of(2008, 1, 1).plusDays(day);
                  return claim
                      + ","
                      + bene
                      + ","
                      + from
                      + ","
                      + (through < 0 ? "" : from.plusDays(through))
                      + ",,"
                      + proc
                      + ",,"
                      + units
                      + ",,icd9,"
                      + dx;
                });
    return row.list().ofMaxSize(60).map(rows -> HEADER + String.join("\n", rows) + "\n");
  }

  @Property(tries = 200)
  void anyValidFileGivesWhatTheRowReaderGives(
      @ForAll("validRows") String file,
      @ForAll @IntRange(min = 1, max = 3) int threads,
      @ForAll @IntRange(min = 16, max = 400) int chunk,
      @ForAll @IntRange(min = 0, max = 3) int variant)
      throws IOException {
    compare(file.getBytes(StandardCharsets.UTF_8), threads, chunk, variant);
  }

  // ------------------------------------------------------------------ repeated claims (issue 25)

  /** Reads {@code files} in order with one reader (the slow path, or the fast path). */
  private static Outcome runAll(
      List<Path> files, boolean strict, Function<TidyCsvReader, Reading> how) {
    return runAll(files, strict, 0, how);
  }

  private static Outcome runAll(
      List<Path> files, boolean strict, int variant, Function<TidyCsvReader, Reading> how) {
    List<String> rejects = new ArrayList<>();
    TidyCsvReader reader =
        variant(
            new TidyCsvReader(
                    (strict ? IngestMode.STRICT : IngestMode.LENIENT),
                    (variant & 1) == 0 ? ClaimDating.SERVICE_FROM : ClaimDating.SERVICE_THROUGH)
                .rejectsTo(
                    e ->
                        rejects.add(
                            e.file() + ":" + e.line() + ":" + e.reason() + ":" + e.getMessage()))
                .readingClaimsOnce(),
            variant);
    IndexAssembler a = assembler(strict);
    try {
      Reading r = how.apply(reader);
      for (Path f : files) {
        r.read(f, a);
      }
      return new Outcome(a.assemble(), rejects, null);
    } catch (org.mpindex.core.spi.RejectedRecordException | java.io.UncheckedIOException e) {
      return new Outcome(null, rejects, e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  private static final String ROW_C1A = "C1,A,2008-02-01,,,99213,,1,11,icd9,401.9\n";
  private static final String ROW_C1B = "C1,A,2008-02-01,,,99214,,1,11,icd9,401.9\n";
  private static final String ROW_C2 = "C2,B,2008-03-01,,,99213,,1,11,icd9,250.00\n";
  private static final String ROW_C3 = "C3,C,2008-04-01,,,99213,,1,11,icd9,428.0\n";
  private static final String ROW_C4 = "C4,D,2008-05-01,,,99213,,1,11,icd9,496\n";

  @Test
  void aClaimWhoseRowsComeAgainApartIsReadOnce() throws IOException {
    Path dir = Files.createTempDirectory("fast-tidy");
    // first.csv: C1 (lines 2-3, one claim of two lines), C2 (4), then C1 again (5-6: a repeat,
    // both rows rejected), C3 (7); second.csv: C3 again (line 2: a repeat, even at the start of a
    // file), C4 (3)
    Path first =
        Files.writeString(
            dir.resolve("first.csv"),
            HEADER + ROW_C1A + ROW_C1B + ROW_C2 + ROW_C1A + ROW_C1B + ROW_C3);
    Path second = Files.writeString(dir.resolve("second.csv"), HEADER + ROW_C3 + ROW_C4);
    String repeated = TidyCsvReader.REPEATED_CLAIM + " (claim_id)";
    List<String> expected =
        List.of(
            "first.csv:5:" + repeated + ":first.csv:5: column claim_id: claim C1 was read before",
            "first.csv:6:" + repeated + ":first.csv:6: column claim_id: claim C1 was read before",
            "second.csv:2:"
                + repeated
                + ":second.csv:2: column claim_id: claim C3 was read before");
    List<Function<TidyCsvReader, Reading>> readers =
        List.of(FastTidyClaimsTest::slow, fast(1, 1 << 16), fast(3, 16), fast(2, 50));
    for (Function<TidyCsvReader, Reading> how : readers) {
      Outcome o = runAll(List.of(first, second), false, how);
      assertEquals(3, o.rejects().size(), o.rejects().toString());
      for (int i = 0; i < 3; i++) {
        assertTrue(o.rejects().get(i).startsWith(expected.get(i)), o.rejects().toString());
      }
      // 8 rows read, 5 accepted (lines 2, 3, 4, 7 of first.csv, line 3 of second.csv), 3 rejected
      org.mpindex.core.index.RecordCounts rows =
          o.result().accounting().of(TidyCsvReader.CLAIM_ROWS);
      assertEquals(8, rows.read());
      assertEquals(5, rows.accepted());
      assertEquals(java.util.Map.of(repeated, 3L), rows.rejected());
      // the same index as the file without its repeats
      Path once =
          Files.writeString(
              dir.resolve("once.csv"), HEADER + ROW_C1A + ROW_C1B + ROW_C2 + ROW_C3 + ROW_C4);
      Outcome clean = runAll(List.of(once), false, how);
      assertEquals(clean.result().national(), o.result().national());
      assertEquals(clean.result().groupCells(), o.result().groupCells());
      // strict: the first repeat is the error
      Outcome strict = runAll(List.of(first, second), true, how);
      assertTrue(
          strict.error().contains("first.csv:5: column claim_id: claim C1 was read before"),
          strict.error());
    }
  }

  @Test
  void claimRowsApartAreAllReadByDefault() throws IOException {
    Path dir = Files.createTempDirectory("fast-tidy");
    Path f =
        Files.writeString(dir.resolve("apart.csv"), HEADER + ROW_C1A + ROW_C2 + ROW_C1B + ROW_C3);
    for (Function<TidyCsvReader, Reading> how :
        List.<Function<TidyCsvReader, Reading>>of(FastTidyClaimsTest::slow, fast(2, 16))) {
      Outcome o = run(f, false, how);
      assertEquals(List.of(), o.rejects());
      assertEquals(4, o.result().accounting().of(TidyCsvReader.CLAIM_ROWS).accepted());
    }
  }

  /**
   * A file appended to itself, or read twice by one reader, gives the index of the file read once:
   * every row of the second copy is rejected (a repeated claim, an exact duplicate, or what
   * rejected it the first time).
   */
  @Property(tries = 200)
  void aFileReadTwiceGivesTheIndexOfTheFileReadOnce(
      @ForAll("validRows") String file,
      @ForAll @IntRange(min = 1, max = 3) int threads,
      @ForAll @IntRange(min = 16, max = 400) int chunk,
      @ForAll boolean appended)
      throws IOException {
    Path dir = Files.createTempDirectory("fast-tidy");
    Path once = Files.writeString(dir.resolve("once.csv"), file);
    String body = file.substring(HEADER.length());
    List<Path> twice =
        appended
            ? List.of(Files.writeString(dir.resolve("twice.csv"), file + body))
            : List.of(once, once);
    long rows = body.lines().filter(l -> !l.isBlank()).count();
    for (Function<TidyCsvReader, Reading> how :
        List.<Function<TidyCsvReader, Reading>>of(FastTidyClaimsTest::slow, fast(threads, chunk))) {
      Outcome one = runAll(List.of(once), false, how);
      Outcome two = runAll(twice, false, how);
      assertEquals(one.result().national(), two.result().national());
      assertEquals(one.result().groupCells(), two.result().groupCells());
      org.mpindex.core.index.RecordCounts c1 =
          one.result().accounting().of(TidyCsvReader.CLAIM_ROWS);
      org.mpindex.core.index.RecordCounts c2 =
          two.result().accounting().of(TidyCsvReader.CLAIM_ROWS);
      if (rows > 0) {
        assertEquals(2 * rows, c2.read());
        assertEquals(c1.accepted(), c2.accepted());
      }
    }
  }

  /**
   * A date with a signed year (the mutation that found it put a '-' before 2008-02-01) is a rejected
   * row on both paths (bad date), not a line the fold refuses with an exception.
   */
  @Test
  void aSignedYearIsABadDateOnBothPaths() throws IOException {
    String file =
        HEADER
            + "C1,A,2008-02-01,2008-02-01,professional,99213,,1,11,icd9,401.9\n"
            + "C1,A,-2008-02-01,2008-02-01,professional,99213,,1,11,icd9, 401.9\n"
            + "C2,A,+12008-03-15,,,99214,,,,,250.00\n"
            + "C3,B,2008-04-01,2008-04-01,professional,99213,,1,11,icd9,401.9\n";
    for (int threads = 1; threads <= 2; threads++) {
      compare(file.getBytes(StandardCharsets.UTF_8), threads, 64);
    }
    Path dir = Files.createTempDirectory("fast-tidy");
    Path claims = Files.writeString(dir.resolve("claims.csv"), file);
    try {
      Outcome slow = run(claims, false, FastTidyClaimsTest::slow);
      assertEquals(
          2L,
          slow.result()
              .accounting()
              .of(TidyCsvReader.CLAIM_ROWS)
              .rejected()
              .get("bad date (from_date)"),
          slow.rejects().toString());
    } finally {
      Files.delete(claims);
      Files.delete(dir);
    }
  }

  /** Runs {@code body} with the process's longest line set to {@code bytes}, then restores it. */
  private static void withLineLimit(int bytes, IoBody body) throws IOException {
    int before = org.mpindex.core.text.LineReader.defaultMaxLineBytes();
    org.mpindex.core.text.LineReader.setDefaultMaxLineBytes(bytes);
    try {
      body.run();
    } finally {
      org.mpindex.core.text.LineReader.setDefaultMaxLineBytes(before);
    }
  }

  private interface IoBody {
    void run() throws IOException;
  }

  /**
   * Under a lowered line limit, lines past it anywhere (inside a chunk, across chunks, longer than
   * a chunk, the header, the last line) are rejected at the same line, with the same message, in
   * the same order as by the row reader.
   */
  @Property(tries = 300)
  void longLinesAreRejectedAsTheRowReaderRejectsThem(
      @ForAll("hostile") byte[] file,
      @ForAll @IntRange(min = 1, max = 3) int threads,
      @ForAll @IntRange(min = 16, max = 400) int chunk,
      @ForAll @IntRange(min = 30, max = 140) int limit)
      throws IOException {
    withLineLimit(limit, () -> compare(file, threads, chunk));
  }

  /**
   * A gzip'd claims file whose third line is 32 MiB of zeros without a line end (a gzip bomb, about
   * 32 KB compressed, made here): with the default 1 MiB limit it is one rejected row at line 3,
   * the rows around it read; strict, an error naming the file and line 3. Before, the chunk buffer
   * doubled to hold the line (and a line of 2 GiB overflowed the doubling:
   * NegativeArraySizeException).
   */
  @Test
  void aGzipBombLineIsOneRejectedRow() throws IOException {
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (OutputStream o = new GZIPOutputStream(gz)) {
      o.write(HEADER.getBytes(StandardCharsets.UTF_8));
      o.write("C1,A,2008-02-01,,,99213,,,,icd9,401.9\n".getBytes(StandardCharsets.UTF_8));
      byte[] zeros = new byte[1 << 20];
      for (int i = 0; i < 32; i++) {
        o.write(zeros);
      }
      o.write("\nC2,B,2008-03-01,,,99213,,,,icd9,401.9\n".getBytes(StandardCharsets.UTF_8));
    }
    assertTrue(gz.size() < 1 << 20, "a small bomb: " + gz.size());
    Path dir = Files.createTempDirectory("fast-tidy");
    Path claims = dir.resolve("claims.csv.gz");
    Files.write(claims, gz.toByteArray());
    try {
      Outcome lenient = run(claims, false, fast(2, 1 << 16));
      assertEquals(1, lenient.rejects().size(), lenient.rejects().toString());
      assertTrue(
          lenient.rejects().get(0).startsWith("claims.csv.gz:3:line too long:"),
          lenient.rejects().toString());
      var rows = lenient.result().accounting().of(TidyCsvReader.CLAIM_ROWS);
      assertEquals(3, rows.read()); // C1, the long line, C2
      assertEquals(1L, rows.rejected(org.mpindex.core.text.LineReader.LINE_TOO_LONG));
      Outcome strict = run(claims, true, fast(2, 1 << 16));
      assertTrue(
          strict
              .error()
              .startsWith("MalformedRecordException: claims.csv.gz:3: the line is longer"),
          strict.error());
    } finally {
      Files.delete(claims);
      Files.delete(dir);
    }
  }

  /**
   * A parsing thread that runs out of memory ends the read with that {@link OutOfMemoryError} on
   * the calling thread (which the command turns into its one out-of-memory line), not wrapped into
   * an internal error, and does not hang.
   */
  @Test
  void outOfMemoryInAWorkerIsOutOfMemoryOfTheRead() throws IOException {
    Path dir = Files.createTempDirectory("fast-tidy");
    Path claims = dir.resolve("claims.csv");
    Files.write(claims, EDGES.getBytes(StandardCharsets.UTF_8));
    try {
      FastTidyClaims fast = new FastTidyClaims(new TidyCsvReader(IngestMode.LENIENT), 2, 64);
      fast.chunkParser =
          (buf, len, layout) -> {
            throw new OutOfMemoryError("Java heap space (injected)");
          };
      IndexAssembler a = assembler(false);
      OutOfMemoryError e =
          org.junit.jupiter.api.Assertions.assertThrows(
              OutOfMemoryError.class, () -> fast.read(claims, a, a.tally()));
      assertEquals("Java heap space (injected)", e.getMessage());
    } finally {
      Files.delete(claims);
      Files.delete(dir);
    }
  }
}
