package org.mpindex.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import net.jqwik.api.constraints.UniqueElements;
import org.junit.jupiter.api.Test;

/** The column model of the CSV outputs: one list gives the header and every row. */
class CsvColumnsTest {

  record Pair(String left, int right) {}

  @Test
  void aHeaderAndItsRowComeFromTheSameColumns() {
    CsvColumns<Pair> c =
        CsvColumns.<Pair>of().and("left", Pair::left).and("right", p -> String.valueOf(p.right()));
    assertEquals("left,right", c.header());
    assertEquals("x,3", c.row(new Pair("x", 3)));
    CsvColumns<List<Pair>> nested =
        CsvColumns.<List<Pair>>of().and("n", l -> String.valueOf(l.size())).then(c, l -> l.get(0));
    assertEquals("n,left,right", nested.header());
    assertEquals("2,a,1", nested.row(List.of(new Pair("a", 1), new Pair("b", 2))));
  }

  @Test
  void aColumnNamedTwiceIsRefused() {
    CsvColumns<Pair> c = CsvColumns.<Pair>of().and("left", Pair::left);
    assertThrows(IllegalArgumentException.class, () -> c.and("left", Pair::left));
  }

  /** Whatever the columns, a row has as many fields as the header, in the header's order. */
  @Property(tries = 200)
  void everyRowHasTheHeadersFields(
      @ForAll @Size(min = 1, max = 30) @UniqueElements
          List<@AlphaChars @StringLength(min = 1, max = 8) String> names,
      @ForAll @Size(max = 30) List<@AlphaChars @StringLength(max = 5) String> cells) {
    CsvColumns<List<String>> c = CsvColumns.of();
    for (int i = 0; i < names.size(); i++) {
      int at = i;
      c = c.and(names.get(i), l -> at < l.size() ? l.get(at) : "");
    }
    String[] header = c.header().split(",", -1);
    String[] row = c.row(cells).split(",", -1);
    assertEquals(names, List.of(header));
    assertEquals(header.length, row.length);
    for (int i = 0; i < names.size(); i++) {
      assertEquals(i < cells.size() ? cells.get(i) : "", row[i]);
    }
  }

  /**
   * Every column of series.csv and groups.csv is documented in docs/outputs.md (by its name in
   * backticks, or the {@code excluded_<reason>} family), so a new column cannot go out undocumented.
   */
  @Test
  void everyOutputColumnIsDocumented() throws Exception {
    Path docs = Path.of("..", "docs", "outputs.md");
    String text = Files.readString(docs, StandardCharsets.UTF_8);
    Set<String> documented = new LinkedHashSet<>();
    Matcher m = Pattern.compile("`([a-z_<>]+)`").matcher(text);
    while (m.find()) {
      documented.add(m.group(1));
    }
    List<String> missing = new ArrayList<>();
    Set<String> all = new LinkedHashSet<>(Outputs.SERIES.names());
    all.addAll(Outputs.GROUPS.names());
    for (String column : all) {
      boolean family = column.startsWith("excluded_") && documented.contains("excluded_<reason>");
      if (!documented.contains(column) && !family) {
        missing.add(column);
      }
    }
    assertTrue(missing.isEmpty(), "columns not in docs/outputs.md: " + missing);
    assertEquals(
        Outputs.CELL.names(), Outputs.SERIES.names().subList(0, Outputs.CELL.names().size()));
  }
}
