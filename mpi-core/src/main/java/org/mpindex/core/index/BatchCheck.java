package org.mpindex.core.index;

import java.time.LocalDate;

/**
 * What the columnar fold checks of a batch's lines: that every signature and diagnosis index is one
 * the assembler interned and every day within 0001-01-01..9999-12-31. A hostile or stale index gets
 * a clear exception naming the line and column, never a wrong effort or category read from an
 * unused entry. Diagnoses are checked in one pass before any line is folded (a reduction the JIT
 * vectorises); signatures and days as each line is folded.
 */
final class BatchCheck {
  /** The first day a columnar line may carry: 0001-01-01. */
  static final int MIN_DAY = (int) LocalDate.of(1, 1, 1).toEpochDay();

  /** The last day a columnar line may carry: 9999-12-31. */
  static final int MAX_DAY = (int) LocalDate.of(9999, 12, 31).toEpochDay();

  private BatchCheck() {}

  /**
   * Checks that the diagnoses of lines {@code from..to} are indices below {@code diagnoses}.
   *
   * @throws IllegalArgumentException naming the first line with another
   */
  static void checkDiagnoses(ClaimColumns batch, int from, int to, int diagnoses) {
    int[] dx = batch.dx;
    int top = diagnoses - 1;
    int bad = 0;
    // negative as soon as one index is negative or above top: one OR reduction
    for (int k = batch.dxStart[from], end = batch.dxStart[to]; k < end; k++) {
      bad |= dx[k] | (top - dx[k]);
    }
    if (bad >= 0) {
      return;
    }
    for (int i = from; i < to; i++) {
      for (int k = batch.dxStart[i]; k < batch.dxStart[i + 1]; k++) {
        if (dx[k] < 0 || dx[k] > top) {
          throw new IllegalArgumentException(
              "line "
                  + i
                  + " of the batch: diagnosis index "
                  + dx[k]
                  + " is not one of the "
                  + diagnoses
                  + " this assembler interned (diagnosisIndex)");
        }
      }
    }
  }

  /** Line {@code i}'s signature index is not below {@code signatures}. */
  static IllegalArgumentException badSignature(ClaimColumns batch, int i, int signatures) {
    return new IllegalArgumentException(
        "line "
            + i
            + " of the batch: signature index "
            + batch.signature[i]
            + " is not one of the "
            + signatures
            + " this assembler interned (lineSignature)");
  }

  /** Line {@code i}'s day is outside the calendar the fold takes. */
  static IllegalArgumentException badDay(int i, int day) {
    return new IllegalArgumentException(
        "line " + i + " of the batch: epoch day " + day + " is outside 0001-01-01..9999-12-31");
  }
}
