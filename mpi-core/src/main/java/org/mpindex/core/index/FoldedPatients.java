package org.mpindex.core.index;

import java.util.List;
import org.mpindex.core.claims.Beneficiary;
import org.mpindex.core.claims.Enrollment;
import org.mpindex.core.spi.RejectedRecordException;

/**
 * What the evaluation reads of the people an assembler ingested ({@link Patients} implements it):
 * patient {@code p} is the dense index the fold addresses, 0 to {@link #size()} - 1. Read only; the
 * evaluation sees the patients through this and nothing of the ingest's interning or merging.
 */
interface FoldedPatients {

  /** How many ids were seen (with or without a beneficiary record). */
  int size();

  /** Patient {@code p}'s beneficiary record; null when none was added (an orphan id). */
  Beneficiary beneficiary(int p);

  /** Patient {@code p}'s enrollment spans in the order added; null when there are none. */
  List<Enrollment> enrollments(int p);

  /** How many claim lines arrived for patient {@code p}. */
  int pendingLines(int p);

  /** How many precomputed burdens arrived for patient {@code p}. */
  int pendingBurdens(int p);

  /**
   * The strict mode's check before evaluation: every id with records has a beneficiary record.
   *
   * @throws RejectedRecordException naming the first id (in id order) without one, with its records
   */
  void requireBeneficiaries();
}
