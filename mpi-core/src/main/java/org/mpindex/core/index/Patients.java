package org.mpindex.core.index;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.mpindex.core.claims.Beneficiary;
import org.mpindex.core.claims.Enrollment;
import org.mpindex.core.spi.RejectedRecordException;

/**
 * Step 1 of the fold, ingest of the people: every beneficiary id an assembler has seen, interned once
 * to a dense index (the fold table and the passes address patients by it), with the patient's
 * beneficiary record, enrollment spans, and how many claim lines and precomputed burdens arrived for
 * the id (so that an id without a beneficiary record can be rejected with its records counted).
 */
final class Patients implements FoldedPatients {
  private static final Comparator<Beneficiary> CANONICAL_BENEFICIARY =
      Comparator.comparing(Beneficiary::toString);

  private final PatientIds ids = new PatientIds();
  private String lastId;
  private int lastPatient = -1;
  Beneficiary[] beneficiaries = new Beneficiary[256];
  final PatientSpans enrollments = new PatientSpans();
  int[] pendingLines = new int[256];
  int[] pendingBurdens = new int[256];
  // the most patients expectPatients announced (0: none)
  private int expected;
  private long enrollmentFirstDay = Long.MAX_VALUE;
  private long enrollmentLastDay = Long.MIN_VALUE;

  /** The index of {@code id}, interned the first time it is seen. */
  int intern(String id) {
    if (id.equals(lastId)) {
      return lastPatient;
    }
    int p = ids.indexOf(id);
    if (p < 0) {
      p = ids.add(id);
      if (p == beneficiaries.length) {
        int cap = p * 2;
        beneficiaries = Arrays.copyOf(beneficiaries, cap);
        pendingLines = Arrays.copyOf(pendingLines, cap);
        pendingBurdens = Arrays.copyOf(pendingBurdens, cap);
      }
    }
    lastId = id;
    lastPatient = p;
    return p;
  }

  /** The beneficiary record of {@code id}, without interning it; null when there is none. */
  Beneficiary beneficiaryOf(String id) {
    int p = ids.indexOf(id);
    return p < 0 ? null : beneficiaries[p];
  }

  /** Makes room for {@code n} patients in all (see {@link IndexAssembler#expectPatients}). */
  void reserve(int n) {
    expected = Math.max(expected, n);
    ids.reserve(n);
    if (n > beneficiaries.length) {
      beneficiaries = Arrays.copyOf(beneficiaries, n);
      pendingLines = Arrays.copyOf(pendingLines, n);
      pendingBurdens = Arrays.copyOf(pendingBurdens, n);
    }
    enrollments.reserve(n);
  }

  /** How many patients the state should be sized for now: those interned, or more if announced. */
  int expectedSize() {
    return Math.max(size(), expected);
  }

  /** Number of ids interned. */
  @Override
  public int size() {
    return ids.size();
  }

  /** The id of index {@code p}. */
  String id(int p) {
    return ids.get(p);
  }

  void add(int p, Enrollment enrollment) {
    enrollments.add(p, enrollment);
    enrollmentFirstDay = Math.min(enrollmentFirstDay, enrollment.start().toEpochDay());
    enrollmentLastDay = Math.max(enrollmentLastDay, enrollment.end().toEpochDay());
  }

  /** From the earliest enrollment start to the latest enrollment end; empty without enrollment. */
  Optional<StudyPeriod> enrollmentSpan() {
    if (enrollmentFirstDay > enrollmentLastDay) {
      return Optional.empty();
    }
    return Optional.of(
        StudyPeriod.of(
            LocalDate.ofEpochDay(enrollmentFirstDay), LocalDate.ofEpochDay(enrollmentLastDay)));
  }

  /**
   * Keeps {@code b} as patient {@code p}'s record. A second identical record is rejected as a
   * duplicate; a different one throws in strict mode, else the record that sorts first by its {@code
   * toString()} is kept (so the outcome does not depend on order) and the other rejected.
   */
  void merge(int p, Beneficiary b, IngestTally tally, boolean strict) {
    Beneficiary old = beneficiaries[p];
    if (old == null) {
      beneficiaries[p] = b;
    } else if (old.equals(b)) {
      tally.reject(IngestTally.BENEFICIARIES, IndexAssembler.DUPLICATE_BENEFICIARY, 1);
    } else {
      if (strict) {
        throw new RejectedRecordException(
            IndexAssembler.CONFLICTING_BENEFICIARY,
            "beneficiary " + b.id() + " has two different records: " + old + " and " + b);
      }
      beneficiaries[p] = CANONICAL_BENEFICIARY.compare(old, b) <= 0 ? old : b;
      tally.reject(IngestTally.BENEFICIARIES, IndexAssembler.CONFLICTING_BENEFICIARY, 1);
    }
  }

  /**
   * Takes in {@code other}'s patients (records, spans, pending counts) as if they had been added
   * here.
   *
   * @return this registry's index of each of {@code other}'s patients
   */
  int[] absorb(Patients other, IngestTally tally, boolean strict) {
    int[] map = new int[other.size()];
    for (int q = 0; q < map.length; q++) {
      int p = intern(other.id(q));
      map[q] = p;
      if (other.beneficiaries[q] != null) {
        merge(p, other.beneficiaries[q], tally, strict);
      }
      List<Enrollment> spans = other.enrollments.get(q);
      if (spans != null) {
        for (Enrollment e : spans) {
          enrollments.add(p, e);
        }
      }
      pendingLines[p] += other.pendingLines[q];
      pendingBurdens[p] += other.pendingBurdens[q];
    }
    enrollmentFirstDay = Math.min(enrollmentFirstDay, other.enrollmentFirstDay);
    enrollmentLastDay = Math.max(enrollmentLastDay, other.enrollmentLastDay);
    return map;
  }

  @Override
  public Beneficiary beneficiary(int p) {
    return beneficiaries[p];
  }

  @Override
  public List<Enrollment> enrollments(int p) {
    return enrollments.get(p);
  }

  @Override
  public int pendingLines(int p) {
    return pendingLines[p];
  }

  @Override
  public int pendingBurdens(int p) {
    return pendingBurdens[p];
  }

  @Override
  public void requireBeneficiaries() {
    String missing = null;
    int missingIndex = -1;
    for (int p = 0; p < size(); p++) {
      if (beneficiaries[p] == null && (missing == null || id(p).compareTo(missing) < 0)) {
        missing = id(p);
        missingIndex = p;
      }
    }
    if (missing != null) {
      List<Enrollment> spans = enrollments.get(missingIndex);
      throw new RejectedRecordException(
          IndexAssembler.NO_BENEFICIARY,
          "beneficiary '"
              + missing
              + "' has "
              + pendingLines[missingIndex]
              + " claim line(s), "
              + (spans == null ? 0 : spans.size())
              + " enrollment span(s) and "
              + pendingBurdens[missingIndex]
              + " precomputed burden(s) but no beneficiary record");
    }
  }
}
