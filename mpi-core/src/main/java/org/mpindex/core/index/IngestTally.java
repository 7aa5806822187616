package org.mpindex.core.index;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.mpindex.core.spi.CodeTally;
import org.mpindex.core.spi.RecordKind;
import org.mpindex.core.spi.RejectionReason;

/**
 * Mutable counters behind {@link IngestAccounting}: readers and the assembler count here what they
 * read, accept and reject. Not thread-safe; one per reader or assembler, combined with {@link
 * #addAll}.
 */
public final class IngestTally implements CodeTally, java.io.Serializable {
  private static final long serialVersionUID = 1L;

  /** Record kind of {@code Beneficiary} values given to an assembler. */
  public static final AssemblyRecordKind BENEFICIARIES = AssemblyRecordKind.BENEFICIARIES;

  /** Record kind of {@code Enrollment} values given to an assembler. */
  public static final AssemblyRecordKind ENROLLMENTS = AssemblyRecordKind.ENROLLMENTS;

  /** Record kind of {@code ClaimLine} values given to an assembler. */
  public static final AssemblyRecordKind CLAIM_LINES = AssemblyRecordKind.CLAIM_LINES;

  /**
   * Record kind of the efforts of claim lines: one per line whose claim type carries effort and
   * which has a procedure code (read), valued (accepted) or not valued, by reason (rejected). A
   * rejected effort never rejects its line: the line's diagnoses and window still count.
   */
  public static final AssemblyRecordKind LINE_EFFORTS = AssemblyRecordKind.LINE_EFFORTS;

  /** Record kind of {@code PrecomputedBurden} values given to an assembler. */
  public static final AssemblyRecordKind BURDENS = AssemblyRecordKind.BURDENS;

  // keyed by the kinds' and reasons' texts, as the accounting shows them: a tally crosses machines
  // (Spark) and merges with others by text, whatever enum the kind came from
  private final Map<String, long[]> counts = new HashMap<>(); // kind -> {read, accepted}
  private final Map<String, Map<String, Long>> rejected = new HashMap<>();
  // counters are long[1] cells so that counting an occurrence allocates nothing once the key is
  // known;
  // unknown codes are kept by kind, then code, so that no "kind code" string is built per
  // occurrence
  private final Map<String, Map<String, long[]>> unknownCodes = new HashMap<>();
  private final Map<String, long[]> notes = new HashMap<>();

  private long[] countsOf(String kind) {
    return counts.computeIfAbsent(kind, k -> new long[2]);
  }

  /** One record of {@code kind} was read. */
  public void read(RecordKind kind) {
    countsOf(kind.text())[0]++;
  }

  /** {@code n} records of {@code kind} were read. */
  public void read(RecordKind kind, long n) {
    if (n != 0) {
      countsOf(kind.text())[0] += n;
    }
  }

  /** {@code n} records of {@code kind} were accepted. */
  public void accept(RecordKind kind, long n) {
    if (n != 0) {
      countsOf(kind.text())[1] += n;
    }
  }

  /** {@code n} records of {@code kind} were rejected for {@code reason}. */
  public void reject(RecordKind kind, RejectionReason reason, long n) {
    if (n != 0) {
      reject(kind.text(), reason.text(), n);
    }
  }

  /**
   * One record of the kind whose text is {@code kind} was read (for readers whose kinds are not an
   * enum yet; counted as {@link #read(RecordKind)} with a kind of that text).
   */
  public void read(String kind) {
    countsOf(kind)[0]++;
  }

  /** As {@link #read(RecordKind, long)}, the kind given by its text. */
  public void read(String kind, long n) {
    if (n != 0) {
      countsOf(kind)[0] += n;
    }
  }

  /** As {@link #accept(RecordKind, long)}, the kind given by its text. */
  public void accept(String kind, long n) {
    if (n != 0) {
      countsOf(kind)[1] += n;
    }
  }

  /** As {@link #reject(RecordKind, RejectionReason, long)}, the kind given by its text. */
  public void reject(String kind, RejectionReason reason, long n) {
    if (n != 0) {
      reject(kind, reason.text(), n);
    }
  }

  /** As {@link #reject(RecordKind, RejectionReason, long)}, the reason given by its text. */
  public void reject(RecordKind kind, String reason, long n) {
    if (n != 0) {
      reject(kind.text(), reason, n);
    }
  }

  /** As {@link #reject(RecordKind, RejectionReason, long)}, kind and reason given as texts. */
  public void reject(String kind, String reason, long n) {
    if (n == 0) {
      return;
    }
    countsOf(kind);
    rejected.computeIfAbsent(kind, k -> new HashMap<>()).merge(reason, n, Long::sum);
  }

  @Override
  public void unknownCode(String codeKind, String code) {
    unknownCode(codeKind, code, 1);
  }

  /** {@code n} occurrences of an unknown code. */
  public void unknownCode(String codeKind, String code, long n) {
    Map<String, long[]> byCode = unknownCodes.get(codeKind);
    if (byCode == null) {
      byCode = new HashMap<>();
      unknownCodes.put(codeKind, byCode);
    }
    long[] c = byCode.get(code);
    if (c == null) {
      byCode.put(code, new long[] {n});
    } else {
      c[0] += n;
    }
  }

  @Override
  public void note(String what) {
    note(what, 1);
  }

  /** {@code n} occurrences of a note. */
  public void note(String what, long n) {
    long[] c = notes.get(what);
    if (c == null) {
      notes.put(what, new long[] {n});
    } else {
      c[0] += n;
    }
  }

  /** Adds every count of {@code other} to this tally. */
  public void addAll(IngestTally other) {
    addAll(other, 1);
  }

  /** Adds every count of {@code other}, {@code times} over (what one valuation reported, for each of its uses). */
  public void addAll(IngestTally other, long times) {
    if (times == 0) {
      return;
    }
    other.counts.forEach(
        (k, v) -> {
          long[] mine = countsOf(k);
          mine[0] += v[0] * times;
          mine[1] += v[1] * times;
        });
    other.rejected.forEach((k, m) -> m.forEach((reason, n) -> reject(k, reason, n * times)));
    other.unknownCodes.forEach(
        (kind, byCode) -> byCode.forEach((code, n) -> unknownCode(kind, code, n[0] * times)));
    other.notes.forEach((k, n) -> note(k, n[0] * times));
  }

  /** Whether nothing was counted. */
  boolean isEmpty() {
    return counts.isEmpty() && rejected.isEmpty() && unknownCodes.isEmpty() && notes.isEmpty();
  }

  /** A copy, for adding end-of-run counts without touching this one. */
  public IngestTally copy() {
    IngestTally t = new IngestTally();
    t.addAll(this);
    return t;
  }

  /** An immutable snapshot. */
  public IngestAccounting snapshot() {
    TreeMap<String, RecordCounts> records = new TreeMap<>();
    counts.forEach(
        (k, v) ->
            records.put(
                k,
                new RecordCounts(v[0], v[1], new TreeMap<>(rejected.getOrDefault(k, Map.of())))));
    TreeMap<String, Long> unknown = new TreeMap<>();
    unknownCodes.forEach(
        (kind, byCode) -> byCode.forEach((code, n) -> unknown.put(kind + " " + code, n[0])));
    TreeMap<String, Long> noted = new TreeMap<>();
    notes.forEach((k, n) -> noted.put(k, n[0]));
    return new IngestAccounting(records, unknown, noted);
  }
}
