package org.mpindex.core.index;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Where every input record went, part of every result: counts per record kind ({@value
 * IngestTally#CLAIM_LINES}, {@value IngestTally#BENEFICIARIES}..., plus whatever a reader adds, such
 * as raw file rows), unknown codes by code, and notes (counted events that are not errors, such as
 * lines outside the study period or codes whose RVU status carries no work).
 *
 * @param records counts per record kind
 * @param unknownCodes occurrences per unknown code, keyed {@code "HCPCS 99999"}
 * @param notes occurrences per note text
 */
public record IngestAccounting(
    SortedMap<String, RecordCounts> records,
    SortedMap<String, Long> unknownCodes,
    SortedMap<String, Long> notes) {

  public IngestAccounting {
    records = Collections.unmodifiableSortedMap(new TreeMap<>(records));
    unknownCodes = Collections.unmodifiableSortedMap(new TreeMap<>(unknownCodes));
    notes = Collections.unmodifiableSortedMap(new TreeMap<>(notes));
  }

  /** The counts of one kind; all zero when none was seen. */
  public RecordCounts of(String kind) {
    RecordCounts c = records.get(kind);
    return c != null ? c : new RecordCounts(0, 0, new TreeMap<>());
  }

  /** Whether every kind balances (read = accepted + rejected). */
  public boolean balanced() {
    return records.values().stream().allMatch(RecordCounts::balanced);
  }

  /** The {@code n} most frequent unknown codes, most frequent first (ties by code). */
  public List<Map.Entry<String, Long>> topUnknownCodes(int n) {
    List<Map.Entry<String, Long>> all = new ArrayList<>(unknownCodes.entrySet());
    all.sort(
        Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
            .thenComparing(Map.Entry.comparingByKey()));
    return List.copyOf(all.subList(0, Math.min(n, all.size())));
  }

  /**
   * A multi-line summary for logs and the command line. Unknown codes and note texts come from the
   * input: each is shown as {@link org.mpindex.core.text.Echo#value} (codes) or {@link
   * org.mpindex.core.text.Echo#message} (notes) makes it, control characters escaped and cut.
   */
  public String summary(int topUnknown) {
    StringBuilder b = new StringBuilder();
    records.forEach((kind, c) -> b.append(kind).append(": ").append(c).append('\n'));
    long unknownTotal = unknownCodes.values().stream().mapToLong(Long::longValue).sum();
    b.append("unknown codes: ")
        .append(unknownCodes.size())
        .append(" distinct, ")
        .append(unknownTotal)
        .append(" occurrences");
    List<Map.Entry<String, Long>> top = topUnknownCodes(topUnknown);
    if (!top.isEmpty()) {
      b.append("; top: ");
      for (int i = 0; i < top.size(); i++) {
        b.append(i == 0 ? "" : ", ")
            .append(org.mpindex.core.text.Echo.value(top.get(i).getKey()))
            .append(" x")
            .append(top.get(i).getValue());
      }
    }
    b.append('\n');
    notes.forEach(
        (text, n) ->
            b.append("note: ")
                .append(org.mpindex.core.text.Echo.message(text))
                .append(": ")
                .append(n)
                .append('\n'));
    return b.toString();
  }
}
