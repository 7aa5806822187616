package org.mpindex.core.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.mpindex.core.index.IngestTally;
import org.mpindex.core.index.RecordCounts;
import org.mpindex.core.spi.MalformedRecordException;

/**
 * Files whose header is not the first line (CMS files): the header rule, the lines before it, rows
 * that are not records, and rows with at least so many cells (issue #15, one row loop).
 */
class CsvTableHeaderRuleTest {

  /** The header is the row starting "CODE"; its names take the non-blank cells of a row above. */
  static final CsvTable.HeaderRule CODE_HEADER =
      (cells, above) -> {
        if (!cells.get(0).strip().equals("CODE")) {
          return Optional.empty();
        }
        List<String> names = new ArrayList<>(cells);
        if (!above.isEmpty() && above.get(above.size() - 1).get(0).isBlank()) {
          List<String> prefix = above.get(above.size() - 1);
          for (int c = 0; c < names.size() && c < prefix.size(); c++) {
            if (!prefix.get(c).isBlank()) {
              names.set(c, prefix.get(c).strip() + " " + names.get(c).strip());
            }
          }
        }
        return Optional.of(names);
      };

  static CsvTable open(String text) {
    return CsvTable.open(
        LineReader.of("t.csv", new StringReader(text)), CODE_HEADER, "no CODE row");
  }

  @Test
  void theHeaderIsTheRowTheRuleAcceptsAndItsNamesMayComeFromTheRowAbove() {
    String text =
        "Title of the file\n"
            + "\"an open quote\n" // does not split: preamble too
            + ",WORK,\n"
            + "CODE,RVU,NOTE\n"
            + "99213,0.92,a\n"
            + "Footnote: see below\n" // not a record
            + "\n" // blank: nothing
            + "99214,1.42\n" // 2 cells: at least 2 wanted
            + "99215\n"; // 1 cell: rejected
    IngestTally tally = new IngestTally();
    List<String> seen = new ArrayList<>();
    CsvTable t = open(text);
    assertEquals(List.of("CODE", "WORK RVU", "NOTE"), t.header());
    assertEquals(4, t.headerLine());
    assertEquals(3, t.preambleLines());
    int rvu = t.require("work rvu");
    t.minimumColumns(2).nonData(row -> !row.get(0).matches("[0-9A-Z]{5}"));
    t.forEachRow(
        () -> "rows",
        tally,
        false,
        row -> seen.add(row.get(0) + "=" + row.get(rvu) + "@" + row.line()));
    assertEquals(List.of("99213=0.92@5", "99214=1.42@8"), seen);
    assertEquals(1, t.nonDataRows());
    RecordCounts c = tally.snapshot().of(() -> "rows");
    // read: 99213, 99214, 99215; the footnote and the blank line are not records
    assertEquals(3, c.read());
    assertEquals(2, c.accepted());
    assertEquals(Long.valueOf(1), c.rejected().get("wrong column count"));
  }

  /** The header is the row starting "CODE"; a row below it with an empty first cell continues it. */
  static final CsvTable.HeaderRule TWO_ROW_HEADER =
      new CsvTable.HeaderRule() {
        @Override
        public Optional<List<String>> header(List<String> cells, List<List<String>> above) {
          return cells.get(0).equals("CODE") ? Optional.of(cells) : Optional.empty();
        }

        @Override
        public Optional<List<String>> continuation(List<String> header, List<String> next) {
          if (!next.get(0).isEmpty()) {
            return Optional.empty();
          }
          List<String> joined = new ArrayList<>();
          for (int c = 0; c < header.size(); c++) {
            joined.add((header.get(c) + " " + (c < next.size() ? next.get(c) : "")).strip());
          }
          return Optional.of(joined);
        }
      };

  @Test
  void aRowBelowTheHeaderMayContinueItOrBeTheFirstRow() {
    CsvTable joined =
        CsvTable.open(
            LineReader.of("t.csv", new StringReader("title\nCODE,2018\n,WORK GPCI\n99213,1.0\n")),
            TWO_ROW_HEADER,
            "none");
    assertEquals(List.of("CODE", "2018 WORK GPCI"), joined.header());
    assertEquals(3, joined.headerLine());
    List<String> rows = new ArrayList<>();
    joined.forEachRow(
        () -> "rows", new IngestTally(), true, row -> rows.add(row.get(0) + "@" + row.line()));
    assertEquals(List.of("99213@4"), rows);

    CsvTable plain =
        CsvTable.open(
            LineReader.of("t.csv", new StringReader("CODE,RVU\n99213,1.0\n99214,2\n")),
            TWO_ROW_HEADER,
            "none");
    assertEquals(List.of("CODE", "RVU"), plain.header());
    List<String> first = new ArrayList<>();
    plain.forEachRow(
        () -> "rows", new IngestTally(), true, row -> first.add(row.get(0) + "@" + row.line()));
    // the line after the header did not continue it: it is the first row, with its own line number
    assertEquals(List.of("99213@2", "99214@3"), first);
  }

  @Test
  void namesOverSeveralRowsStackColumnByColumn() {
    // CMS 2011 PPRRVU: ",,,,,NON-FAC" above "HCPCS,MOD,DESCRIPTION,STATUS,WORK,PE RVU"; a short row
    // adds nothing to the columns it lacks; blanks are left out, pieces stripped
    assertEquals(
        List.of("HCPCS", "MOD", "", "NON-FAC PE RVU"),
        CsvTable.HeaderRule.stacked(
            List.of(List.of("", " ", "", " NON-FAC "), List.of("HCPCS", "MOD", "", "PE RVU")), 4));
    assertEquals(
        List.of("A", "B"), CsvTable.HeaderRule.stacked(List.of(List.of("A", "B", "C")), 2));
  }

  @Test
  void noHeaderRowIsAnErrorNamingTheFileAndTheLastLine() {
    MalformedRecordException e =
        assertThrows(MalformedRecordException.class, () -> open("a,b\nc,d\n"));
    assertEquals("no header", e.reason().text());
    assertEquals(2, e.line());
    assertTrue(
        e.getMessage().contains("t.csv") && e.getMessage().contains("no CODE row"), e.getMessage());
  }

  @Test
  void aMissingColumnNamesTheHeadersLine() {
    CsvTable t = open("x\ny\nCODE,RVU\n");
    MalformedRecordException e =
        assertThrows(MalformedRecordException.class, () -> t.require("units"));
    assertEquals(3, e.line());
  }

  @Test
  void strictModeStopsAtAShortRowAfterCountingIt() {
    IngestTally tally = new IngestTally();
    CsvTable t = open("CODE,RVU\n99213\n").minimumColumns(2);
    MalformedRecordException e =
        assertThrows(
            MalformedRecordException.class,
            () -> t.forEachRow(() -> "rows", tally, true, row -> {}));
    assertEquals(2, e.line());
    assertEquals(1, tally.snapshot().of(() -> "rows").read());
  }

  /**
   * Every line is accounted for: preamble + header + records + non-data rows + blank lines = lines,
   * and read = accepted + rejected, whatever the mix.
   */
  @Property(tries = 300)
  void everyLineIsAccountedFor(
      @ForAll @IntRange(max = 6) int preamble,
      @ForAll @IntRange(max = 30) int good,
      @ForAll @IntRange(max = 10) int shortRows,
      @ForAll @IntRange(max = 10) int notes,
      @ForAll @IntRange(max = 5) int blanks,
      @ForAll long seed) {
    java.util.Random r = new java.util.Random(seed);
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < preamble; i++) {
      b.append("title ").append(i).append('\n');
    }
    b.append("CODE,RVU\n");
    List<String> body = new ArrayList<>();
    for (int i = 0; i < good; i++) {
      body.add(String.format("%05d,%d", i, r.nextInt(100)));
    }
    for (int i = 0; i < shortRows; i++) {
      body.add(String.format("%05d", 90000 + i));
    }
    for (int i = 0; i < notes; i++) {
      body.add("Note " + i + ",x");
    }
    for (int i = 0; i < blanks; i++) {
      body.add("");
    }
    java.util.Collections.shuffle(body, r);
    body.forEach(l -> b.append(l).append('\n'));
    IngestTally tally = new IngestTally();
    long[] bodies = {0};
    CsvTable t = open(b.toString()).minimumColumns(2).nonData(row -> row.get(0).startsWith("Note"));
    t.forEachRow(() -> "rows", tally, false, row -> bodies[0]++);
    RecordCounts c = tally.snapshot().of(() -> "rows");
    assertEquals(preamble, t.preambleLines());
    assertEquals(notes, t.nonDataRows());
    assertEquals(good + shortRows, c.read());
    assertEquals(good, c.accepted());
    assertEquals(good, bodies[0]);
    assertEquals(
        c.read(), c.accepted() + c.rejected().values().stream().mapToLong(Long::longValue).sum());
    assertEquals(
        preamble + 1 + good + shortRows + notes + blanks,
        t.preambleLines() + 1 + c.read() + t.nonDataRows() + blanks);
  }
}
