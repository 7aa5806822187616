package org.mpindex.core.index;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.mpindex.core.spi.RejectedRecordException;
import org.mpindex.core.time.WindowScheme;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Steps 3 to 5 of the assembly, run over what an assembler folded (its {@link
 * FoldedState}, the only thing of the assembler it sees): the patients are split into ranges,
 * each evaluated by its own {@link PatientPass} on its own thread (eligibility and coverage, the
 * exclusion rules, H/M, the cells), and the passes' exact partials merged, so that the result is the
 * same bits on any number of threads. What the passes accounted for (accepted and orphan records,
 * lines outside the study period) is added to a copy of the assembler's tally, taken by the assembler.
 */
final class Evaluation {
  private static final Logger LOG = LoggerFactory.getLogger(Evaluation.class);

  private Evaluation() {}

  /**
   * The partial of the folded patients under {@code evaluation} (the assembler's spec, or it with
   * another lag or cohort).
   *
   * @param folded what the assembler folded, for {@code evaluation}'s cohort
   * @param counts a copy of the assembler's tally, taken before the evaluation: the passes' counts
   *     are added to it, and it becomes the partial's accounting
   * @param threads 1 or more
   * @throws RejectedRecordException in strict mode, for an id without a beneficiary record
   */
  static IndexPartial partial(
      FoldedState folded, IngestTally counts, int threads, MpiSpec evaluation) {
    MpiSpec spec = folded.spec();
    WindowScheme scheme = spec.windowScheme();
    FoldedPatients patients = folded.patients();
    boolean strict = spec.ingestMode() == IngestMode.STRICT;
    Optional<StudyPeriod> period = folded.studyPeriod();
    int lo = 0;
    int hi = -1;
    if (period.isPresent()) {
      lo = scheme.indexOf(period.get().from());
      hi = scheme.indexOf(period.get().to());
      IndexAssembler.checkWindowCount(spec, period.get(), "declare a study period");
    }
    int count = patients.size();
    if (strict) {
      patients.requireBeneficiaries();
    }
    int[] slotStart = null;
    int[] bySlot = null;
    if (folded.table() instanceof PatientWindowTable hashed) {
      slotStart = new int[count + 1];
      bySlot = slotsByPatient(hashed, slotStart);
    }
    int[] evidenceStart = new int[1];
    int[] evidenceIndex = new int[0];
    if (folded.evidence() != null) {
      evidenceStart = new int[count + 1];
      evidenceIndex = folded.evidence().byPatient(count, evidenceStart);
    }
    int parts = Math.max(1, Math.min(threads, count / 1024 + 1));
    List<PatientPass> passes = new ArrayList<>(parts);
    for (int k = 0; k < parts; k++) {
      passes.add(
          new PatientPass(
              folded,
              evaluation,
              evidenceIndex,
              evidenceStart,
              lo,
              hi,
              period,
              new IndexPartial(
                  lo,
                  Math.max(0, hi - lo + 1),
                  CellAccumulator.keepFor(evaluation),
                  k == 0 ? counts : new IngestTally())));
    }
    int[] starts = bySlot;
    int[] slotStarts = slotStart;
    Runnable[] work = new Runnable[parts];
    for (int k = 0; k < parts; k++) {
      int from = (int) ((long) count * k / parts);
      int to = (int) ((long) count * (k + 1) / parts);
      PatientPass pass = passes.get(k);
      work[k] =
          () -> {
            for (int p = from; p < to; p++) {
              pass.patient(p, starts, slotStarts);
            }
            pass.finish();
          };
    }
    if (parts == 1) {
      work[0].run();
    } else {
      java.util.concurrent.ExecutorService pool =
          java.util.concurrent.Executors.newFixedThreadPool(
              parts,
              r -> {
                Thread t = new Thread(r, "mpi-assemble");
                t.setDaemon(true);
                return t;
              });
      try {
        List<java.util.concurrent.Future<?>> futures = new ArrayList<>();
        for (Runnable r : work) {
          futures.add(pool.submit(r));
        }
        for (java.util.concurrent.Future<?> f : futures) {
          try {
            f.get();
          } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException) {
              throw (RuntimeException) e.getCause();
            }
            if (e.getCause() instanceof Error error) {
              throw error; // out of memory in a worker: the caller's out of memory, not a bug
            }
            throw new IllegalStateException(e.getCause());
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while assembling", e);
          }
        }
      } finally {
        pool.shutdownNow();
      }
    }
    IndexPartial whole = passes.get(0).out;
    long outside = 0;
    long ffsAndMa = 0;
    for (PatientPass pass : passes) {
      outside += pass.outside;
      ffsAndMa += pass.ffsAndMa;
      counts.accept(IngestTally.BENEFICIARIES, pass.beneficiaries);
      counts.accept(IngestTally.CLAIM_LINES, pass.acceptedLines);
      counts.accept(IngestTally.ENROLLMENTS, pass.acceptedSpans);
      counts.accept(IngestTally.BURDENS, pass.acceptedBurdens);
      counts.reject(IngestTally.CLAIM_LINES, IndexAssembler.NO_BENEFICIARY, pass.orphanLines);
      counts.reject(IngestTally.ENROLLMENTS, IndexAssembler.NO_BENEFICIARY, pass.orphanSpans);
      counts.reject(IngestTally.BURDENS, IndexAssembler.NO_BENEFICIARY, pass.orphanBurdens);
    }
    if (outside > 0) {
      counts.note(IndexAssembler.OUTSIDE_STUDY_PERIOD, outside);
    }
    if (ffsAndMa > 0) {
      counts.note(IndexAssembler.FFS_AND_MA_OVERLAP, ffsAndMa);
    }
    for (int k = 1; k < passes.size(); k++) {
      whole.merge(passes.get(k).out);
    }
    LOG.debug("assembled a partial over {} id(s) on {} thread(s)", count, parts);
    return whole;
  }

  /** The hash table's slots grouped by patient: patient p's are {@code start[p]..start[p+1]}. */
  private static int[] slotsByPatient(PatientWindowTable table, int[] start) {
    int n = table.size();
    for (int s = 0; s < n; s++) {
      start[table.patient[s] + 1]++;
    }
    for (int i = 1; i < start.length; i++) {
      start[i] += start[i - 1];
    }
    int[] pos = Arrays.copyOf(start, start.length);
    int[] bySlot = new int[n];
    for (int s = 0; s < n; s++) {
      bySlot[pos[table.patient[s]]++] = s;
    }
    return bySlot;
  }
}
