package org.mpindex.io.input;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;
import org.mpindex.core.index.IngestTally;
import org.mpindex.core.text.CsvTable;
import org.mpindex.core.text.LineReader;

/** A text table's separator is told by its header: comma, vertical bar or tab. */
class DelimiterProperties {

  static CsvTable table(String text) {
    return CsvTable.openDetecting(LineReader.of("t.txt", new StringReader(text)));
  }

  @Property(tries = 200)
  void namesJoinedByASeparatorAreSplitByIt(
      @ForAll @Size(min = 2, max = 8)
          List<@AlphaChars @StringLength(min = 1, max = 6) String> names,
      @ForAll @CharRange(from = '\t', to = '\t') char tab,
      @ForAll int pick) {
    char d = new char[] {',', '|', tab}[Math.floorMod(pick, 3)];
    String header = String.join(String.valueOf(d), names);
    List<String> values = new ArrayList<>();
    names.forEach(n -> values.add(n.toLowerCase(java.util.Locale.ROOT) + "1"));
    try (CsvTable t = table(header + "\n" + String.join(String.valueOf(d), values) + "\n")) {
      assertEquals(d, t.delimiter());
      assertEquals(names, t.header());
      List<List<String>> rows = new ArrayList<>();
      t.forEachRow(
          "rows",
          new IngestTally(),
          true,
          r -> {
            List<String> cells = new ArrayList<>();
            for (int i = 0; i < r.size(); i++) {
              cells.add(r.get(i));
            }
            rows.add(cells);
          });
      assertEquals(List.of(values), rows);
    }
  }

  @Test
  void aQuotedSeparatorDoesNotCount() {
    // two bars inside quotes, one comma outside: a comma-separated file
    try (CsvTable t = table("\"a|b|c\",d\n1,2\n")) {
      assertEquals(',', t.delimiter());
      assertEquals(List.of("a|b|c", "d"), t.header());
    }
  }

  @Test
  void aOneColumnHeaderIsCommaSeparated() {
    try (CsvTable t = table("beneficiary_id\nA\n")) {
      assertEquals(',', t.delimiter());
    }
  }

  @Test
  void aCmsResearchFileHeaderIsBarSeparated() {
    // the layout of the BFD RIF samples: DML_IND|BENE_ID|...
    try (CsvTable t = table("DML_IND|BENE_ID|STATE_CODE\nINSERT|567834|MO\n")) {
      assertEquals('|', t.delimiter());
      assertEquals(List.of("DML_IND", "BENE_ID", "STATE_CODE"), t.header());
    }
  }
}
