package org.mpindex.core.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.mpindex.core.index.IngestTally;
import org.mpindex.core.spi.MalformedRecordException;

/** A table of cells reads like the CSV file that holds the same cells. */
class CsvTableOfTest {
  @Test
  void cellsReadAsTheirCsvLines() {
    List<List<String>> rows = new ArrayList<>();
    rows.add(Arrays.asList("A1", "2009-01-02", null));
    rows.add(Arrays.asList("", " ", null)); // blank cells: a record with missing values, rejected
    rows.add(Arrays.asList("A,2", "20090103", "say \"hi\""));
    rows.add(Arrays.asList("A3", "not a date", "x"));
    IngestTally tally = new IngestTally();
    List<String> seen = new ArrayList<>();
    try (CsvTable t =
        CsvTable.of("claims (partition 0)", List.of("id", "day", "note"), rows.iterator())) {
      int id = t.require("ID");
      int day = t.require("day");
      int note = t.optional("note");
      assertEquals(-1, t.optional("other"));
      MalformedRecordException missing =
          assertThrows(MalformedRecordException.class, () -> t.require("amount"));
      assertTrue(
          missing.getMessage().contains("claims (partition 0)")
              && missing.getMessage().contains("amount"));
      t.forEachRow(
          () -> "rows",
          tally,
          false,
          row ->
              seen.add(
                  row.required(id)
                      + "|"
                      + row.requiredDate(day)
                      + "|"
                      + row.get(note)
                      + "|"
                      + row.line()
                      + "|"
                      + row));
    }
    // null reads blank; the line is the row's place after an imagined header; toString is CSV text
    assertEquals(
        List.of(
            "A1|2009-01-02||2|A1,2009-01-02,",
            "A,2|2009-01-03|say \"hi\"|4|\"A,2\",20090103,\"say \"\"hi\"\"\""),
        seen);
    assertEquals(4, tally.snapshot().of(() -> "rows").read());
    assertEquals(1L, tally.snapshot().of(() -> "rows").rejected().get("missing value (id)"));
    assertEquals(1L, tally.snapshot().of(() -> "rows").rejected().get("bad date (day)"));
  }

  @Test
  void strictModeNamesTheTableAndRow() {
    List<List<String>> rows = List.of(List.of("A1", "2009-13-01"));
    try (CsvTable t =
        CsvTable.of("enrollment (partition 3)", List.of("id", "day"), rows.iterator())) {
      int day = t.require("day");
      MalformedRecordException e =
          assertThrows(
              MalformedRecordException.class,
              () ->
                  t.forEachRow(
                      () -> "rows", new IngestTally(), true, row -> row.requiredDate(day)));
      assertEquals("enrollment (partition 3)", e.file());
      assertEquals(2, e.line());
      assertEquals("day", e.column());
    }
  }

  @Provide
  Arbitrary<List<List<String>>> tables() {
    Arbitrary<String> cell =
        Arbitraries.oneOf(
            Arbitraries.of("", " ", "a", "a,b", "\"q\"", "x y", "2009-01-01", "7"),
            Arbitraries.strings().withChars("ab,\" ;|").ofMaxLength(6));
    return cell.list().ofSize(3).list().ofMaxSize(30);
  }

  @Property(tries = 300)
  void aTableOfCellsReadsAsItsCsvText(@ForAll("tables") List<List<String>> rows) {
    // the same cells written as CSV text (quoted where needed) and read by the line reader
    StringBuilder text = new StringBuilder("c0,c1,c2\n");
    for (List<String> r : rows) {
      List<String> q = new ArrayList<>();
      r.forEach(c -> q.add(Csv.quote(c)));
      text.append(String.join(",", q)).append('\n');
    }
    assertEquals(
        read(CsvTable.open(LineReader.of("t", new StringReader(text.toString())))),
        read(CsvTable.of("t", List.of("c0", "c1", "c2"), rows.iterator())));
  }

  private static List<String> read(CsvTable table) {
    List<String> out = new ArrayList<>();
    IngestTally tally = new IngestTally();
    try (CsvTable t = table) {
      t.forEachRow(
          () -> "rows",
          tally,
          false,
          row -> {
            if (row.get(1).equals("7")) {
              throw row.error(() -> "seven", 1, "seven is rejected");
            }
            out.add(
                row.line() + ":" + row.get(0) + "|" + row.get(1) + "|" + row.get(2) + "|" + row);
          });
    }
    out.add(tally.snapshot().toString());
    return out;
  }
}
