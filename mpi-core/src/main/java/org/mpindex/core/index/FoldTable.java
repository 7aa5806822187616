package org.mpindex.core.index;

/**
 * The fold's state: per (patient, window) slot, the effort (exact micro-units), the burden
 * categories and cohort markers (bit sets) and flags, in columnar primitive arrays. Two layouts:
 * {@link PatientWindowTable}, a hash table for any window (the study period may still move), and
 * {@link DenseTable}, one block of slots per patient over a fixed window range (the study period is
 * known before the claims: smaller and several times faster).
 */
abstract class FoldTable {
  static final byte HAS_CLAIM = 1;

  /** A line of the patient-window had an effort the calculator could not value. */
  static final byte EFFORT_REJECTED = 2;

  long[] effort;
  long[] categories;

  /** Null when the cohort declares no markers. */
  long[] markers;

  byte[] flags;

  /** The slot of (patient, window), created empty if absent; -1 when the table does not hold the window. */
  abstract int slot(int patient, int window);

  /** Counts {@code n} lines of the patient that fell outside the table's windows. */
  abstract void outside(int patient, long n);

  /** Room for {@code patients} patients, exactly, when the layout is per patient (no-op otherwise). */
  void reserve(int patients) {}

  /** Adds one to the line count of a slot (the hash table keeps it, for lines outside the study). */
  abstract void countLine(int slot);

  /** Calls {@code visitor} with every slot. */
  abstract void forEachSlot(SlotVisitor visitor);

  /** What {@link #forEachSlot} reports. */
  interface SlotVisitor {
    void slot(int patient, int window, int slot, int lines);
  }
}
