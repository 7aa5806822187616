package org.mpindex.core.index;

import java.time.LocalDate;

/**
 * What the columnar fold checks of a batch before it folds any line: the range of its days and that
 * every signature and diagnosis index is one the assembler interned (a hostile or stale index gets
 * a clear exception naming the line, never a wrong effort or category read from an unused entry).
 * One sequential pass over each column, which the JIT vectorises.
 */
final class BatchRange {
  /** The first day a columnar line may carry: 0001-01-01. */
  static final int MIN_DAY = (int) LocalDate.of(1, 1, 1).toEpochDay();

  /** The last day a columnar line may carry: 9999-12-31. */
  static final int MAX_DAY = (int) LocalDate.of(9999, 12, 31).toEpochDay();

  final int minDay;
  final int maxDay;
  private final int minSignature;
  private final int maxSignature;
  private final int minDiagnosis;
  private final int maxDiagnosis;
  private final ClaimColumns batch;
  private final int[] days;
  private final int from;
  private final int to;

  private BatchRange(ClaimColumns batch, int[] days, int from, int to) {
    this.batch = batch;
    this.days = days;
    this.from = from;
    this.to = to;
    int lo = Integer.MAX_VALUE;
    int hi = Integer.MIN_VALUE;
    for (int i = from; i < to; i++) {
      lo = Math.min(lo, days[i]);
      hi = Math.max(hi, days[i]);
    }
    minDay = lo;
    maxDay = hi;
    int[] sig = batch.signature;
    lo = Integer.MAX_VALUE;
    hi = Integer.MIN_VALUE;
    for (int i = from; i < to; i++) {
      lo = Math.min(lo, sig[i]);
      hi = Math.max(hi, sig[i]);
    }
    minSignature = lo;
    maxSignature = hi;
    int[] dx = batch.dx;
    lo = Integer.MAX_VALUE;
    hi = Integer.MIN_VALUE;
    for (int k = batch.dxStart[from], end = batch.dxStart[to]; k < end; k++) {
      lo = Math.min(lo, dx[k]);
      hi = Math.max(hi, dx[k]);
    }
    minDiagnosis = lo;
    maxDiagnosis = hi;
  }

  /** The ranges of lines {@code from..to} (at least one) of {@code batch}, dated by {@code days}. */
  static BatchRange of(ClaimColumns batch, int[] days, int from, int to) {
    return new BatchRange(batch, days, from, to);
  }

  /**
   * Checks the ranges against the assembler's interned signatures and diagnoses and the days a line
   * may carry.
   *
   * @throws IllegalArgumentException naming the first offending line and column
   */
  void check(int signatures, int diagnoses) {
    if (minDay < MIN_DAY || maxDay > MAX_DAY) {
      int i = first(days, MIN_DAY, MAX_DAY);
      throw new IllegalArgumentException(
          "line "
              + i
              + " of the batch: epoch day "
              + days[i]
              + " is outside 0001-01-01..9999-12-31");
    }
    if (minSignature < 0 || maxSignature >= signatures) {
      int i = first(batch.signature, 0, signatures - 1);
      throw new IllegalArgumentException(
          "line "
              + i
              + " of the batch: signature index "
              + batch.signature[i]
              + " is not one of the "
              + signatures
              + " this assembler interned (lineSignature)");
    }
    if (minDiagnosis < 0 || maxDiagnosis >= diagnoses) {
      for (int i = from; i < to; i++) {
        for (int k = batch.dxStart[i]; k < batch.dxStart[i + 1]; k++) {
          int d = batch.dx[k];
          if (d < 0 || d >= diagnoses) {
            throw new IllegalArgumentException(
                "line "
                    + i
                    + " of the batch: diagnosis index "
                    + d
                    + " is not one of the "
                    + diagnoses
                    + " this assembler interned (diagnosisIndex)");
          }
        }
      }
    }
  }

  /** The first line whose value in {@code column} is outside {@code lo..hi}. */
  private int first(int[] column, int lo, int hi) {
    for (int i = from; i < to; i++) {
      if (column[i] < lo || column[i] > hi) {
        return i;
      }
    }
    throw new AssertionError("no line out of range");
  }
}
