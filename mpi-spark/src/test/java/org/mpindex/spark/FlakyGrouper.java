package org.mpindex.spark;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.TaskContext;
import org.mpindex.core.claims.DiagnosisCode;
import org.mpindex.core.spi.BurdenGrouper;

/** A grouper that fails the first attempt of every task that asks it anything: tests task retries. */
final class FlakyGrouper implements BurdenGrouper {
  static final AtomicInteger failures = new AtomicInteger();
  private final BurdenGrouper inner;

  FlakyGrouper(BurdenGrouper inner) {
    this.inner = inner;
  }

  @Override
  public long categoriesOf(DiagnosisCode code) {
    TaskContext t = TaskContext.get();
    if (t != null && t.attemptNumber() == 0) {
      failures.incrementAndGet();
      throw new IllegalStateException("injected failure of task " + t.partitionId() + " attempt 0");
    }
    return inner.categoriesOf(code);
  }

  @Override
  public List<String> categoryNames() {
    return inner.categoryNames();
  }

  @Override
  public String describe() {
    return inner.describe();
  }
}
