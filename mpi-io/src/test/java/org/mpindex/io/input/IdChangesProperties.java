package org.mpindex.io.input;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.mpindex.core.text.CsvTable;

/**
 * {@link InputFormat#idChanges} of CCLF, for any crosswalk whose changes go forward (an MBI only
 * ever changes to a later-issued one, so no chain loops): every id it maps is a previous MBI of the
 * rows, no id it maps to is mapped again (the ids are final, so keying by them puts one
 * beneficiary's rows together), and an MBI no row changes is left out.
 */
class IdChangesProperties {
  private static final List<String> HEADER = List.of("CRNT_NUM", "PRVS_NUM", "FILE_DATE");

  @Property(tries = 200)
  void theChangedIdsAreFinal(
      @ForAll @Size(max = 30) List<@IntRange(min = 0, max = 15) Integer> from,
      @ForAll @Size(max = 30) List<@IntRange(min = 1, max = 15) Integer> step,
      @ForAll @Size(max = 30) List<@IntRange(min = 1, max = 3) Integer> delivery) {
    int n = Math.min(from.size(), Math.min(step.size(), delivery.size()));
    List<List<String>> rows = new ArrayList<>();
    Set<String> previous = new HashSet<>();
    for (int i = 0; i < n; i++) {
      String prvs = mbi(from.get(i));
      rows.add(List.of(mbi(from.get(i) + step.get(i)), prvs, "2026-0" + delivery.get(i) + "-01"));
      previous.add(prvs);
    }
    TableSource memory =
        (Path file, Charset cs) -> CsvTable.of(file.toString(), HEADER, rows.iterator());
    InputFormat cclf = InputFormats.byName("cclf").orElseThrow();
    Map<String, String> changes =
        cclf.idChanges(
            new InputFiles(cclf, Map.of("CCLF9", List.of(Path.of("xref (memory)")))),
            ReadContext.lenient().withTables(memory));
    for (Map.Entry<String, String> e : changes.entrySet()) {
      assertTrue(previous.contains(e.getKey()), e.toString());
      assertFalse(changes.containsKey(e.getValue()), "not final: " + e + " in " + changes);
      assertTrue(e.getValue().compareTo(e.getKey()) > 0, "forward: " + e);
    }
  }

  private static String mbi(int i) {
    return String.format(java.util.Locale.ROOT, "1AA0AA0AA%02d", i);
  }
}
