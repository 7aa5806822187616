package org.mpindex.core.index;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;
import org.mpindex.core.spi.RejectionReason;

/**
 * What happened to the records of one kind: how many were read, accepted, and rejected by reason.
 * {@link #balanced()} holds for every result the library produces.
 *
 * @param read records seen
 * @param accepted records used
 * @param rejected records not used, by the reason's text ({@link RejectionReason#text()})
 */
public record RecordCounts(long read, long accepted, SortedMap<String, Long> rejected) {

  public RecordCounts {
    rejected = Collections.unmodifiableSortedMap(new TreeMap<>(rejected));
  }

  /** The rejections for {@code reason} (by its text); 0 when there were none. */
  public long rejected(RejectionReason reason) {
    return rejected.getOrDefault(reason.text(), 0L);
  }

  /** Sum of the rejections over all reasons. */
  public long rejectedTotal() {
    long s = 0;
    for (long v : rejected.values()) {
      s += v;
    }
    return s;
  }

  /** {@code read == accepted + rejected}. */
  public boolean balanced() {
    return read == accepted + rejectedTotal();
  }

  @Override
  public String toString() {
    return "read "
        + read
        + ", accepted "
        + accepted
        + ", rejected "
        + rejectedTotal()
        + (rejected.isEmpty() ? "" : " " + rejected);
  }
}
