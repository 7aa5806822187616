package org.mpindex.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.mpindex.core.claims.Beneficiary;
import org.mpindex.core.claims.Enrollment;

/**
 * Records for a consumer that can only be built once the study period is known (a sensitivity grid,
 * the real-time index): beneficiary and enrollment records, which come first, are held and replayed by
 * {@link #start}; afterwards every record goes straight through. A claim before the start is a bug of
 * the caller (the study period is fixed before the claims are read).
 */
final class HeldRecords implements Consumer<Object> {
  private final String what;
  private final List<Object> held = new ArrayList<>();
  private Consumer<Object> target;

  /** @param what the consumer, for the error message */
  HeldRecords(String what) {
    this.what = what;
  }

  @Override
  public void accept(Object record) {
    if (target != null) {
      target.accept(record);
    } else if (record instanceof Beneficiary || record instanceof Enrollment) {
      held.add(record);
    } else {
      throw new IllegalStateException(
          what
              + " got a "
              + record.getClass().getSimpleName()
              + " before the study period was known");
    }
  }

  /** From now on records go to {@code target}; the held ones first. */
  void start(Consumer<Object> target) {
    this.target = target;
    held.forEach(target);
    held.clear();
  }

  /** Whether {@link #start} was called. */
  boolean started() {
    return target != null;
  }
}
