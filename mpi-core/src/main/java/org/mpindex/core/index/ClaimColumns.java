package org.mpindex.core.index;

import java.util.Arrays;

/**
 * A batch of claim lines as primitive columns, the fast way into an {@link IndexAssembler}: no
 * object per line, ids and codes interned once by the assembler's columnar handle ({@link
 * IndexAssembler#columnar()}: {@link ColumnarIngest#patientIndex}, {@link
 * ColumnarIngest#lineSignature}, {@link ColumnarIngest#diagnosisIndex}), effort and burden categories resolved once per distinct
 * (signature, price list) and per distinct diagnosis. Reuse a batch: {@link #clear()} keeps its
 * arrays.
 *
 * <pre>{@code
 * ColumnarIngest in = assembler.columnar();
 * ClaimColumns batch = new ClaimColumns(1 << 16);
 * int p = in.patientIndex("B123");
 * int sig = in.lineSignature(ProcedureCode.of("99213"), List.of(), 1, ClaimType.PROFESSIONAL, null);
 * batch.line(p, (int) from.toEpochDay(), (int) through.toEpochDay(), sig);
 * batch.diagnosis(in.diagnosisIndex(DiagnosisCode.icd9("4019")));
 * in.add(batch);
 * }</pre>
 *
 * <p>When a batch is folded, the assembler checks it: every signature and diagnosis index must be
 * one it interned and every day within 0001-01-01..9999-12-31, else the fold throws an {@link
 * IllegalArgumentException} naming the line and column (diagnoses are checked before any line is
 * folded; signatures and days as each line is, so the lines before a bad one are folded: such a
 * batch is a caller's bug, and the assembler is best discarded).
 *
 * <p>Memory: 16 bytes a line plus 4 a diagnosis. Not thread-safe; one batch per thread.
 */
public final class ClaimColumns {
  int size;
  int[] patient;
  int[] from;
  int[] through;
  int[] signature;

  /** Diagnoses of line i: {@code dx[dxStart[i] .. dxStart[i + 1])}. */
  int[] dxStart;

  int[] dx;
  int dxSize;

  /** A batch with room for {@code capacity} lines (it grows). */
  public ClaimColumns(int capacity) {
    int c = Math.max(16, capacity);
    patient = new int[c];
    from = new int[c];
    through = new int[c];
    signature = new int[c];
    dxStart = new int[c + 1];
    dx = new int[c * 2];
  }

  /**
   * A batch over arrays you already hold (no copy; the batch uses them as they are, so do not
   * change them while it is folded). {@code from} and {@code through} may be the same array.
   *
   * @param size number of lines
   * @param dxStart {@code size + 1} offsets into {@code dx}, non-decreasing
   */
  public static ClaimColumns of(
      int size,
      int[] patient,
      int[] from,
      int[] through,
      int[] signature,
      int[] dxStart,
      int[] dx) {
    if (patient.length < size
        || from.length < size
        || through.length < size
        || signature.length < size
        || dxStart.length < size + 1
        || (size > 0 && dx.length < dxStart[size])) {
      throw new IllegalArgumentException("column arrays shorter than " + size + " lines");
    }
    if (size > 0 && dxStart[0] < 0) {
      throw new IllegalArgumentException("dxStart[0] is negative: " + dxStart[0]);
    }
    for (int i = 0; i < size; i++) {
      if (dxStart[i + 1] < dxStart[i]) {
        throw new IllegalArgumentException(
            "dxStart decreases at line " + i + ": " + dxStart[i] + " then " + dxStart[i + 1]);
      }
    }
    ClaimColumns c = new ClaimColumns(0);
    c.size = size;
    c.patient = patient;
    c.from = from;
    c.through = through;
    c.signature = signature;
    c.dxStart = dxStart;
    c.dx = dx;
    c.dxSize = size == 0 ? 0 : dxStart[size];
    return c;
  }

  /**
   * Starts a line; its diagnoses follow with {@link #diagnosis}.
   *
   * @param patientIndex from {@link ColumnarIngest#patientIndex}
   * @param fromEpochDay first day of service, {@code LocalDate.toEpochDay()}
   * @param throughEpochDay last day of service, not before the first
   * @param signatureIndex from {@link ColumnarIngest#lineSignature}
   * @throws IllegalArgumentException when the through day is before the from day
   */
  public ClaimColumns line(
      int patientIndex, int fromEpochDay, int throughEpochDay, int signatureIndex) {
    if (throughEpochDay < fromEpochDay) {
      throw new IllegalArgumentException(
          "through day " + throughEpochDay + " is before from day " + fromEpochDay);
    }
    if (size == patient.length) {
      int c = size * 2;
      patient = Arrays.copyOf(patient, c);
      from = Arrays.copyOf(from, c);
      through = Arrays.copyOf(through, c);
      signature = Arrays.copyOf(signature, c);
      dxStart = Arrays.copyOf(dxStart, c + 1);
    }
    patient[size] = patientIndex;
    from[size] = fromEpochDay;
    through[size] = throughEpochDay;
    signature[size] = signatureIndex;
    size++;
    dxStart[size] = dxSize;
    return this;
  }

  /** Adds a diagnosis (from {@link ColumnarIngest#diagnosisIndex}) to the current line. */
  public ClaimColumns diagnosis(int diagnosisIndex) {
    if (size == 0) {
      throw new IllegalStateException("no line to add a diagnosis to");
    }
    if (dxSize == dx.length) {
      dx = Arrays.copyOf(dx, dx.length * 2);
    }
    dx[dxSize++] = diagnosisIndex;
    dxStart[size] = dxSize;
    return this;
  }

  /**
   * This batch's lines regrouped by patient block, for shuffled input: a new batch in which the
   * lines of each block of {@code 2^blockBits} consecutive patient indices come together, blocks in
   * ascending order, the lines of a block in this batch's order (a stable counting sort: two passes
   * over the columns, no comparison). Folding the result touches one block of patients' state at a
   * time, so that state stays in the CPU's cache while its lines are folded, instead of every line
   * reaching into a random place of a table the size of the population. The result is the same index
   * (the fold is a sum and a union); only the order of the lines differs. This batch is not changed.
   *
   * <p>Pick a block whose state fits a core's cache: about 17 bytes a patient-window of the study
   * period, so {@code blockBits} = 14 (16,384 patients) holds 12 quarters in 3.3 MB. Memory: a copy
   * of the batch plus 4 bytes a block.
   *
   * @param blockBits 0 to 30
   * @throws IllegalArgumentException when {@code blockBits} is out of range or a line's patient
   *     index is negative
   */
  public ClaimColumns byPatientBlock(int blockBits) {
    if (blockBits < 0 || blockBits > 30) {
      throw new IllegalArgumentException("blockBits must be 0 to 30, got " + blockBits);
    }
    int maxPatient = -1;
    for (int i = 0; i < size; i++) {
      if (patient[i] < 0) {
        throw new IllegalArgumentException(
            "line " + i + " of the batch has patient index " + patient[i]);
      }
      maxPatient = Math.max(maxPatient, patient[i]);
    }
    int blocks = (maxPatient >>> blockBits) + 1;
    // lines per block, then each block's first line
    int[] lineAt = new int[blocks + 1];
    for (int i = 0; i < size; i++) {
      lineAt[(patient[i] >>> blockBits) + 1]++;
    }
    for (int b = 0; b < blocks; b++) {
      lineAt[b + 1] += lineAt[b];
    }
    int dxTotal = size == 0 ? 0 : dxStart[size] - dxStart[0];
    ClaimColumns out = new ClaimColumns(0);
    out.patient = new int[size];
    out.from = new int[size];
    out.through = from == through ? out.from : new int[size];
    out.signature = new int[size];
    out.dx = new int[Math.max(1, dxTotal)];
    // each line's position and its diagnosis count at start[position + 1], then the counts summed
    // into the diagnosis offsets of the new order
    int[] position = new int[size];
    int[] start = new int[size + 1];
    for (int i = 0; i < size; i++) {
      int j = lineAt[patient[i] >>> blockBits]++;
      position[i] = j;
      out.patient[j] = patient[i];
      out.from[j] = from[i];
      if (out.through != out.from) {
        out.through[j] = through[i];
      }
      out.signature[j] = signature[i];
      start[j + 1] = dxStart[i + 1] - dxStart[i];
    }
    for (int j = 0; j < size; j++) {
      start[j + 1] += start[j];
    }
    for (int i = 0; i < size; i++) {
      System.arraycopy(dx, dxStart[i], out.dx, start[position[i]], dxStart[i + 1] - dxStart[i]);
    }
    out.dxStart = start;
    out.size = size;
    out.dxSize = dxTotal;
    return out;
  }

  /** Number of lines. */
  public int size() {
    return size;
  }

  /** Empties the batch, keeping its arrays. */
  public void clear() {
    size = 0;
    dxSize = 0;
    dxStart[0] = 0;
  }
}
