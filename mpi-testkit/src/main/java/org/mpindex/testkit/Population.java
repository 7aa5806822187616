package org.mpindex.testkit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.mpindex.core.claims.Beneficiary;
import org.mpindex.core.claims.ClaimLine;
import org.mpindex.core.claims.Enrollment;

/**
 * A materialised set of input records: beneficiaries, enrollment spans and claim lines.
 *
 * @param beneficiaries beneficiary records
 * @param enrollments enrollment spans
 * @param claimLines claim lines
 */
public record Population(
    List<Beneficiary> beneficiaries, List<Enrollment> enrollments, List<ClaimLine> claimLines) {

  public Population {
    beneficiaries = List.copyOf(beneficiaries);
    enrollments = List.copyOf(enrollments);
    claimLines = List.copyOf(claimLines);
  }

  /** Every record, beneficiaries first, then spans, then lines. */
  public List<Object> records() {
    List<Object> all =
        new ArrayList<>(beneficiaries.size() + enrollments.size() + claimLines.size());
    all.addAll(beneficiaries);
    all.addAll(enrollments);
    all.addAll(claimLines);
    return all;
  }

  /** Every record in an order shuffled by {@code seed}, all kinds interleaved. */
  public List<Object> shuffledRecords(long seed) {
    List<Object> all = records();
    Collections.shuffle(all, new Random(seed));
    return all;
  }

  /** Number of records of all kinds. */
  public int size() {
    return beneficiaries.size() + enrollments.size() + claimLines.size();
  }
}
