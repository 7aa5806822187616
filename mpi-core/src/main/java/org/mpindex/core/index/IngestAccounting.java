package org.mpindex.core.index;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.mpindex.core.spi.RecordKind;

/**
 * Where every input record went, part of every result: counts per record kind ({@link
 * AssemblyRecordKind#CLAIM_LINES}, {@link AssemblyRecordKind#BENEFICIARIES}..., plus whatever a
 * reader adds, such as raw file rows), unknown codes by code, and notes (counted events that are
 * not errors, such as lines outside the study period or codes whose RVU status carries no work).
 *
 * <p>The maps are keyed by the texts the outputs show ({@link RecordKind#text()}, {@link
 * org.mpindex.core.spi.RejectionReason#text()}), in their order; look a kind up with {@link
 * #of(RecordKind)} and a reason with {@link
 * RecordCounts#rejected(org.mpindex.core.spi.RejectionReason)}.
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
  public RecordCounts of(RecordKind kind) {
    return of(kind.text());
  }

  /** The counts of the kind whose text is {@code kind}; all zero when none was seen. */
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
   * A multi-line summary for logs and the command line, every count exact. Unknown codes and note
   * texts come from the input: each is shown as {@link org.mpindex.core.text.Echo#value} (codes) or
   * {@link org.mpindex.core.text.Echo#message} (notes) makes it, control characters escaped and cut.
   */
  public String summary(int topUnknown) {
    return summary(topUnknown, 1);
  }

  /**
   * A multi-line summary for publication: the same as {@link #summary(int)}, but an unknown code
   * seen 1 to {@code minimum - 1} times (an SSA county code of a few beneficiaries, say) is shown as
   * {@code <minimum} (e.g. {@code SSA county 02850 x<11}), and when any code is that small the total
   * of occurrences counts only the codes seen {@code minimum} times or more, followed by how many
   * codes were seen fewer times, so that no small count comes back by subtraction.
   *
   * @param minimum the smallest count shown (1: every count exact)
   */
  public String summary(int topUnknown, int minimum) {
    if (minimum < 1) {
      throw new IllegalArgumentException("minimum must be at least 1, got " + minimum);
    }
    StringBuilder b = new StringBuilder();
    records.forEach((kind, c) -> b.append(kind).append(": ").append(c).append('\n'));
    long unknownTotal = 0;
    long smallCodes = 0;
    for (long n : unknownCodes.values()) {
      if (n > 0 && n < minimum) {
        smallCodes++;
      } else {
        unknownTotal += n;
      }
    }
    b.append("unknown codes: ")
        .append(unknownCodes.size())
        .append(" distinct, ")
        .append(unknownTotal)
        .append(" occurrences");
    if (smallCodes > 0) {
      b.append(" in codes seen ")
          .append(minimum)
          .append(" times or more, and <")
          .append(minimum)
          .append(" each in ")
          .append(smallCodes)
          .append(smallCodes == 1 ? " code" : " codes");
    }
    List<Map.Entry<String, Long>> top = topUnknownCodes(topUnknown);
    if (!top.isEmpty()) {
      b.append("; top: ");
      for (int i = 0; i < top.size(); i++) {
        long n = top.get(i).getValue();
        b.append(i == 0 ? "" : ", ")
            .append(org.mpindex.core.text.Echo.value(top.get(i).getKey()))
            .append(" x")
            .append(n > 0 && n < minimum ? "<" + minimum : String.valueOf(n));
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
