package org.mpindex.benchmarks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.mpindex.core.claims.ClaimLine;
import org.mpindex.core.claims.DiagnosisCode;
import org.mpindex.core.claims.ProcedureCode;
import org.mpindex.core.spi.BurdenGrouper;
import org.mpindex.testkit.CodeMix;
import org.mpindex.testkit.SimpleBurdenGrouper;
import org.mpindex.testkit.SimpleEffortCalculator;
import org.mpindex.testkit.SyntheticPopulation;

/** Shared workloads: claim lines of the seeded synthetic population, sorted or shuffled. */
public final class Workloads {
  private Workloads() {}

  /** Order of the lines handed to the fold. */
  public enum Order {
    /** By beneficiary, then date: how claims files usually arrive. */
    PATIENT_SORTED,
    /** Shuffled: the cache-miss-bound worst case. */
    SHUFFLED
  }

  /** Exactly {@code count} claim lines of the synthetic population, patient by patient. */
  static List<ClaimLine> lines(int count, Order order) {
    List<ClaimLine> lines = new ArrayList<>(count);
    SyntheticPopulation gen = SyntheticPopulation.medicare2007to2009(2011, Integer.MAX_VALUE);
    for (int i = 0; lines.size() < count; i++) {
      lines.addAll(gen.patient(i).claimLines());
    }
    lines = new ArrayList<>(lines.subList(0, count));
    if (order == Order.SHUFFLED) {
      Collections.shuffle(lines, new Random(42));
    }
    return lines;
  }

  /**
   * {@code lines} as one columnar batch of {@code a} (reusing {@code reuse} when given): patients,
   * line signatures and diagnoses interned in line order.
   */
  static org.mpindex.core.index.ClaimColumns columns(
      org.mpindex.core.index.IndexAssembler a,
      ClaimLine[] lines,
      org.mpindex.core.index.ClaimColumns reuse) {
    org.mpindex.core.index.ClaimColumns b =
        reuse != null ? reuse : new org.mpindex.core.index.ClaimColumns(lines.length);
    b.clear();
    for (ClaimLine l : lines) {
      int sig =
          a.columnar()
              .lineSignature(
                  l.procedure().orElse(null),
                  l.modifiers(),
                  l.units(),
                  l.claimType(),
                  l.placeOfService().orElse(null));
      b.line(
          a.columnar().patientIndex(l.beneficiaryId()),
          (int) l.serviceFrom().toEpochDay(),
          (int) l.serviceThrough().toEpochDay(),
          sig);
      for (DiagnosisCode d : l.diagnoses()) {
        b.diagnosis(a.columnar().diagnosisIndex(d));
      }
    }
    return b;
  }

  /** A table calculator over the code mix with flat placeholder values (1 RVU per code). */
  static SimpleEffortCalculator tableEffort() {
    Map<ProcedureCode, Long> m = new HashMap<>();
    CodeMix.PROCEDURES.forEach(w -> m.put(ProcedureCode.of(w.code()), 1_000_000L));
    return SimpleEffortCalculator.of(m);
  }

  /**
   * The work-RVU calculator over one release a year 2007-2009 holding every procedure code of the
   * mix except the lab codes (placeholder values of 1.00: the benchmarks measure speed).
   */
  static org.mpindex.rbrvs.WorkRvuCalculator rbrvs() {
    List<org.mpindex.rbrvs.RvuRelease> releases = new ArrayList<>();
    for (int year = 2007; year <= 2009; year++) {
      List<org.mpindex.rbrvs.RvuRecord> rows = new ArrayList<>();
      for (CodeMix.Weighted w : CodeMix.PROCEDURES) {
        ProcedureCode c = ProcedureCode.of(w.code());
        if (!List.of("85025", "80053", "36415").contains(w.code())) {
          rows.add(
              org.mpindex.rbrvs.RvuRecord.work(
                  c,
                  null,
                  c.isAnesthesia()
                      ? org.mpindex.rbrvs.StatusCode.ANESTHESIA
                      : org.mpindex.rbrvs.StatusCode.ACTIVE,
                  new java.math.BigDecimal("1.00")));
        }
      }
      releases.add(
          new org.mpindex.rbrvs.RvuRelease(
              "RVU" + (year % 100) + "A", java.time.LocalDate.of(year, 1, 1), rows));
    }
    return org.mpindex.rbrvs.WorkRvuCalculator.of(org.mpindex.rbrvs.RvuSchedule.of(releases));
  }

  /** A prefix grouper with one category per chronic condition of the code mix (3-character prefixes). */
  static BurdenGrouper tableGrouper() {
    Map<DiagnosisCode, Integer> prefixes = new HashMap<>();
    List<String> names = new ArrayList<>();
    for (CodeMix.Condition c : CodeMix.CHRONIC) {
      int bit = names.size();
      names.add(c.icd9().substring(0, 3));
      prefixes.put(DiagnosisCode.icd9(c.icd9().substring(0, 3)), bit);
      prefixes.put(DiagnosisCode.icd10(c.icd10().substring(0, 3)), bit);
    }
    return SimpleBurdenGrouper.of(names, prefixes);
  }
}
