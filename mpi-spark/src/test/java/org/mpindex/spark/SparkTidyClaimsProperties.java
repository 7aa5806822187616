package org.mpindex.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.unsafe.types.UTF8String;
import org.junit.jupiter.api.Test;
import org.mpindex.core.index.ClaimDating;
import org.mpindex.core.index.IndexAssembler;
import org.mpindex.core.index.IngestMode;
import org.mpindex.core.index.MpiSpec;
import org.mpindex.core.index.RecordSink;
import org.mpindex.core.index.StudyPeriod;
import org.mpindex.core.spi.MalformedRecordException;
import org.mpindex.core.text.CsvTable;
import org.mpindex.io.TidyCsvReader;
import org.mpindex.io.input.ReadContext;

/**
 * The columnar partition fold against the row fold, without a cluster: for any mix of good and
 * hostile tidy claim rows (repeats anywhere, bad and blank cells, unknown and dead beneficiaries,
 * modifiers, bad codes) in any order, {@link SparkTidyClaims} gives the index and the accounting
 * that {@link TidyCsvReader} gives reading the same rows in the row fold's order (sorted by
 * beneficiary and cells, so that a claim's repeats are next to each other).
 */
class SparkTidyClaimsProperties {
  private static final java.time.LocalDate DAY = java.time.LocalDate.of(2011, 1, 1);
  private static final String BENEFICIARIES =
      """
      beneficiary_id,birth_date,death_date,sex,state
      B1,1930-01-01,,F,MD
      B2,1935-06-01,,M,CA
      B3,1940-01-01,2011-06-30,F,CA
      B4,1938-01-01,,M,TX
      """;
  private static final String ENROLLMENT =
      """
      beneficiary_id,start_date,end_date,program
      B1,2011-01-01,2011-12-31,MEDICARE_FFS
      B2,2011-01-01,2011-12-31,MEDICARE_FFS
      B3,2011-01-01,2011-12-31,MEDICARE_FFS
      B4,2011-01-01,2011-12-31,MEDICARE_FFS
      """;

  @Property(tries = 150)
  void anyOrderGivesTheRowFoldsIndexAndAccounting(
      @ForAll("rows") List<List<String>> rows,
      @ForAll long seed,
      @ForAll @net.jqwik.api.constraints.IntRange(min = 1, max = 8) int cache) {
    List<List<String>> shuffled = new ArrayList<>(rows);
    Collections.shuffle(shuffled, new Random(seed));
    IndexAssembler columnar = people();
    List<MalformedRecordException> listed = new ArrayList<>();
    // caches of 1 to 8 cells a column: they start again many times, and the result stays
    new SparkTidyClaims(
            context(columnar, IngestMode.LENIENT, listed), columnar, headers(), 0, cache)
        .read(internal(shuffled).iterator());

    IndexAssembler reference = people();
    List<List<String>> sorted = new ArrayList<>(rows);
    sorted.sort(ROW_FOLD_ORDER);
    List<MalformedRecordException> referenceListed = new ArrayList<>();
    new TidyCsvReader(IngestMode.LENIENT, ClaimDating.SERVICE_FROM)
        .rejectsTo(referenceListed::add)
        .checkedAgainst(reference::beneficiary)
        .read(
            CsvTable.of("claims.csv (partition 0)", SparkTidyClaims.COLUMNS, sorted.iterator()),
            TidyCsvReader.CLAIM_ROWS,
            RecordSink.into(reference),
            reference.tally(),
            false);

    assertEquals(reference.tally().snapshot(), columnar.tally().snapshot());
    assertEquals(reference.assemble(1), columnar.assemble(1));
    // the same rows listed (rejected or noted), for the same reasons and columns
    assertEquals(listing(referenceListed), listing(listed));
  }

  @Property(tries = 60)
  void repeatsAnywhereAreCountedOnce(@ForAll("rows") List<List<String>> rows, @ForAll long seed) {
    // the rows, then every row again at a random place: the index is the rows' own
    List<List<String>> twice = new ArrayList<>(rows);
    twice.addAll(rows);
    Collections.shuffle(twice, new Random(seed));
    IndexAssembler once = people();
    new SparkTidyClaims(context(once, IngestMode.LENIENT, new ArrayList<>()), once, headers(), 0)
        .read(internal(rows).iterator());
    IndexAssembler doubled = people();
    new SparkTidyClaims(
            context(doubled, IngestMode.LENIENT, new ArrayList<>()), doubled, headers(), 0)
        .read(internal(twice).iterator());
    var x = once.assemble(1);
    var y = doubled.assemble(1);
    // the same cells; the accounting differs by the repeats read
    assertEquals(x.national(), y.national());
    assertEquals(x.groupCells(), y.groupCells());
    var a = claimRows(once);
    var b = claimRows(doubled);
    assertEquals(2 * a.read(), b.read());
    assertEquals(a.accepted(), b.accepted());
  }

  @Test
  void aRowDifferingOnlyInAColumnTheIndexDoesNotReadIsNoRepeat() {
    List<String> line = row("C1", "B1", "2011-02-01", "99213", "", "1", "4019");
    IndexAssembler a = people();
    List<InternalRow> two = new ArrayList<>(internal(List.of(line, line)));
    // the same cells, other hashes of the unread columns (line numbers 1 and 2)
    ((GenericInternalRow) two.get(0)).update(3, 1L);
    ((GenericInternalRow) two.get(1)).update(3, 2L);
    new SparkTidyClaims(context(a, IngestMode.LENIENT, new ArrayList<>()), a, headers(), 0)
        .read(two.iterator());
    var counts = claimRows(a);
    assertEquals(2, counts.read());
    assertEquals(2, counts.accepted());
  }

  @Test
  void validRowsNeverTouchTheRowParserAndAreCountedByHand() {
    IndexAssembler a = people();
    SparkTidyClaims fold =
        new SparkTidyClaims(context(a, IngestMode.LENIENT, new ArrayList<>()), a, headers(), 3);
    fold.read(
        internal(
                List.of(
                    row("C1", "B1", "2011-02-01", "99213", "", "1", "4019"),
                    row("C1", "B1", "2011-02-01", "99214", "", "2", "4019 25000"),
                    row("C2", "B2", "2011-05-01", "99213", "", "", "4280"),
                    row("C1", "B1", "2011-02-01", "99213", "", "1", "4019")))
            .iterator());
    assertEquals(0, fold.rowParserRows);
    var counts = claimRows(a);
    // four rows read, the last a repeat of the first
    assertEquals(4, counts.read());
    assertEquals(3, counts.accepted());
    assertEquals(1, counts.rejectedTotal());
  }

  @Test
  void strictModeThrowsTheRowParsersErrorAtTheRowsPlace() {
    IndexAssembler a = people();
    List<MalformedRecordException> listed = new ArrayList<>();
    MalformedRecordException e =
        assertThrows(
            MalformedRecordException.class,
            () ->
                new SparkTidyClaims(context(a, IngestMode.STRICT, listed), a, headers(), 2)
                    .read(
                        internal(
                                List.of(
                                    row("C1", "B1", "2011-02-01", "99213", "", "1", "4019"),
                                    row("C2", "B1", "2011-13-01", "99213", "", "1", "4019")))
                            .iterator()));
    assertEquals("claims.csv (partition 2)", e.file());
    assertEquals(3, e.line(), "the header is line 1, the second row line 3");
    assertEquals("from_date", e.column());
    assertTrue(e.getMessage().contains("2011-13-01"), e.getMessage());
  }

  // ------------------------------------------------------------------------------ generators

  @Provide
  Arbitrary<List<List<String>>> rows() {
    // mostly good values (most rows take the fast path, and efforts reach the index), some hostile
    Arbitrary<String> ben = cell(List.of("B1", "B2", "B3", "B4"), List.of("B9", " B2 ", ""));
    Arbitrary<String> claim = cell(List.of("C1", "C2", "C3", "C4"), List.of(""));
    Arbitrary<String> from =
        cell(
            List.of("2011-02-01", "2011-05-20", "2011-08-15", "2011-11-03", "20110404"),
            List.of("2011-13-01", ""));
    Arbitrary<String> through = cell(List.of("", "", "2011-12-31"), List.of("2010-01-01", "x"));
    Arbitrary<String> type =
        cell(List.of("", "professional", "carrier"), List.of("inpatient", "bad"));
    Arbitrary<String> procedure =
        cell(List.of("99213", "99214", "G0438", "99215", ""), List.of("@@@"));
    Arbitrary<String> modifiers = cell(List.of(""), List.of("25"));
    Arbitrary<String> units = cell(List.of("", "1", "2", "3"), List.of("-1", "x"));
    Arbitrary<String> place = cell(List.of("", "11", "22"), List.of("zz"));
    Arbitrary<String> system = cell(List.of("", "icd9"), List.of("bogus"));
    Arbitrary<String> dx =
        cell(List.of("", "4019", "4019 25000", "V5869;4280", "4280"), List.of("|4019", "XYZ!!"));
    Arbitrary<List<String>> row =
        Combinators.combine(
                List.of(
                    claim, ben, from, through, type, procedure, modifiers, units, place, system,
                    dx))
            .as(
                cells -> {
                  List<String> r = new ArrayList<>(cells);
                  // claim ids of one beneficiary: a claim is never two beneficiaries'
                  if (!r.get(0).isEmpty()) {
                    r.set(0, r.get(1).strip() + "-" + r.get(0));
                  }
                  return List.copyOf(r);
                });
    return row.list()
        .ofMinSize(0)
        .ofMaxSize(60)
        .flatMap(
            l ->
                Arbitraries.integers()
                    .between(0, Math.max(0, l.size() / 3))
                    .map(
                        k -> {
                          List<List<String>> out = new ArrayList<>(l);
                          for (int i = 0; i < k; i++) {
                            out.add(l.get(i * 7 % l.size())); // repeats of earlier rows
                          }
                          return out;
                        }));
  }

  /** A cell: one of {@code good} 9 times in 10, else one of {@code bad}. */
  private static Arbitrary<String> cell(List<String> good, List<String> bad) {
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(9, Arbitraries.of(good)),
        net.jqwik.api.Tuple.of(1, Arbitraries.of(bad)));
  }

  /** The row fold's order within a partition and file: by beneficiary key, then cells. */
  private static final Comparator<List<String>> ROW_FOLD_ORDER =
      Comparator.<List<String>, String>comparing(r -> r.get(1).strip())
          .thenComparing(
              (x, y) -> {
                for (int i = 0; i < x.size(); i++) {
                  int c = x.get(i).compareTo(y.get(i));
                  if (c != 0) {
                    return c;
                  }
                }
                return 0;
              });

  private static org.mpindex.core.index.RecordCounts claimRows(IndexAssembler a) {
    return a.tally()
        .snapshot()
        .records()
        .getOrDefault(
            TidyCsvReader.CLAIM_ROWS.text(),
            new org.mpindex.core.index.RecordCounts(0, 0, new java.util.TreeMap<>()));
  }

  private static List<String> listing(List<MalformedRecordException> listed) {
    List<String> out = new ArrayList<>();
    for (MalformedRecordException e : listed) {
      out.add(e.reason().text() + " | " + e.column() + " | " + e.file());
    }
    Collections.sort(out);
    return out;
  }

  private static List<String> row(
      String claim, String ben, String from, String proc, String mods, String units, String dx) {
    return List.of(claim, ben, from, "", "", proc, mods, units, "", "", dx);
  }

  private static List<List<String>> headers() {
    return List.of(SparkTidyClaims.COLUMNS);
  }

  private static List<InternalRow> internal(List<List<String>> rows) {
    List<InternalRow> out = new ArrayList<>();
    for (List<String> r : rows) {
      Object[] v = new Object[SparkTidyClaims.FIRST_CELL + r.size()];
      v[0] = 0;
      v[1] = UTF8String.fromString("claims.csv");
      v[2] = UTF8String.fromString(r.get(1).strip());
      v[3] = null;
      for (int i = 0; i < r.size(); i++) {
        v[SparkTidyClaims.FIRST_CELL + i] = UTF8String.fromString(r.get(i));
      }
      out.add(new GenericInternalRow(v));
    }
    return out;
  }

  private static IndexAssembler people() {
    IndexAssembler a =
        IndexAssembler.create(MpiSpec.PARENTE_2011, Fixtures.EFFORT.get(), Fixtures.GROUPER.get());
    TidyCsvReader r = new TidyCsvReader(IngestMode.LENIENT, ClaimDating.SERVICE_FROM);
    RecordSink sink = RecordSink.into(a);
    r.read(
        table("beneficiaries.csv", BENEFICIARIES),
        TidyCsvReader.BENEFICIARY_ROWS,
        sink,
        a.tally(),
        false);
    r.read(
        table("enrollment.csv", ENROLLMENT), TidyCsvReader.ENROLLMENT_ROWS, sink, a.tally(), false);
    a.fixStudyPeriod(StudyPeriod.of(DAY, DAY.plusYears(1).minusDays(1)));
    return a;
  }

  private static CsvTable table(String name, String text) {
    List<String> lines = List.of(text.split("\n"));
    List<List<String>> rows = new ArrayList<>();
    for (String l : lines.subList(1, lines.size())) {
      rows.add(List.of(l.split(",", -1)));
    }
    return CsvTable.of(name, List.of(lines.get(0).split(",")), rows.iterator());
  }

  private static ReadContext context(
      IndexAssembler a, IngestMode mode, List<MalformedRecordException> listed) {
    return new ReadContext(
            mode, a.tally(), listed::add, ClaimDating.SERVICE_FROM, ReadContext.NOBODY_YET)
        .withBeneficiaries(a::beneficiary);
  }
}
