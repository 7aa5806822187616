package org.mpindex.core.index;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import org.mpindex.core.claims.Claim;
import org.mpindex.core.claims.ClaimLine;
import org.mpindex.core.claims.ClaimType;
import org.mpindex.core.claims.DiagnosisCode;
import org.mpindex.core.spi.BurdenGrouper;
import org.mpindex.core.spi.EffortCalculator;
import org.mpindex.core.spi.PrecomputedBurden;
import org.mpindex.core.spi.RejectedRecordException;
import org.mpindex.core.spi.RejectionReason;
import org.mpindex.core.time.WindowScheme;

/**
 * Step 2, the fold: claim lines (as objects or as {@link ClaimColumns}), precomputed burdens and
 * window states folded into per-(patient, window) state ({@link FoldTable}): an exact effort sum, a
 * union of category bits, cohort marks and flags. Each line is folded once and nothing else of it is
 * kept; the state is a sum and a union, so the order of the records does not matter. Lines and
 * efforts are counted into the assembler's tally as they are folded; patients come from its {@link
 * Patients}.
 */
final class ClaimFold {
  private final MpiSpec spec;
  private final EffortCalculator effortCalculator;
  private final BurdenGrouper grouper;
  private final WindowScheme scheme;
  private final boolean strict;
  private final IngestTally tally;
  private final Patients patients;
  final ClaimMarker[] markers;
  private final boolean[] effortTypes;

  /** Claim types whose diagnoses count, by ordinal; all of them by default. */
  private final boolean[] diagnosisTypes;

  private final boolean allDiagnosisTypes;

  /** Evidence for the spec's diagnosis confirmation rule; null without one. */
  final ConfirmationEvidence evidence;

  final LineCodebook codebook;
  private final HashMap<DiagnosisCode, Long> categoryMemo = new HashMap<>();

  FoldTable table = new PatientWindowTable(1024);
  private boolean anyClaim;
  // whether the dense loop folded lines since claimWindows last read the table
  private boolean denseLines;
  private int claimMinWindow = Integer.MAX_VALUE;
  private int claimMaxWindow = Integer.MIN_VALUE;

  ClaimFold(
      MpiSpec spec,
      EffortCalculator effortCalculator,
      BurdenGrouper grouper,
      ClaimMarker[] markers,
      Patients patients,
      IngestTally tally) {
    this.spec = spec;
    this.effortCalculator = effortCalculator;
    this.grouper = grouper;
    this.scheme = spec.windowScheme();
    this.strict = spec.ingestMode() == IngestMode.STRICT;
    this.markers = markers;
    this.patients = patients;
    this.tally = tally;
    this.effortTypes = new boolean[ClaimType.values().length];
    spec.effortClaimTypes().forEach(t -> effortTypes[t.ordinal()] = true);
    this.codebook = new LineCodebook(effortCalculator, grouper, scheme, effortTypes, !strict);
    this.diagnosisTypes = new boolean[effortTypes.length];
    spec.diagnosisClaimTypes().forEach(t -> diagnosisTypes[t.ordinal()] = true);
    this.allDiagnosisTypes = spec.diagnosisClaimTypes().size() == effortTypes.length;
    codebook.diagnosisTypes(diagnosisTypes);
    this.evidence = spec.confirmation().enabled() ? new ConfirmationEvidence() : null;
  }

  /** Switches to the dense layout over windows {@code lo..hi} (before the first claim). */
  void fixWindows(int lo, int hi) {
    table = new DenseTable(lo, hi, markers.length > 0, Math.max(1024, patients.expectedSize()));
  }

  /** Whether any claim line or window state was folded. */
  boolean anyClaim() {
    return anyClaim;
  }

  /** From the first to the last window of the folded claims; empty when none was folded. */
  Optional<StudyPeriod> claimSpan() {
    claimWindows();
    if (claimMinWindow > claimMaxWindow) {
      return Optional.empty();
    }
    return Optional.of(
        StudyPeriod.of(scheme.window(claimMinWindow).start(), scheme.window(claimMaxWindow).end()));
  }

  /**
   * Brings {@link #claimMinWindow} and {@link #claimMaxWindow} up to date: the dense loop does not
   * track them line by line (two more live values in the hot loop); the windows it folded into are
   * those of the dense table with a claim ({@link FoldTable#HAS_CLAIM}), read off the table here,
   * once.
   */
  private void claimWindows() {
    if (!denseLines || !(table instanceof DenseTable t)) {
      return;
    }
    denseLines = false;
    byte[] flags = t.flags;
    int width = t.width;
    int n = (int) Math.min(flags.length, (long) patients.size() * width);
    for (int w = 0; w < width; w++) {
      for (int s = w; s < n; s += width) {
        if ((flags[s] & FoldTable.HAS_CLAIM) != 0) {
          claimMinWindow = Math.min(claimMinWindow, t.lo + w);
          claimMaxWindow = Math.max(claimMaxWindow, t.lo + w);
          break;
        }
      }
    }
  }

  /**
   * Adds everything {@code other} folded, its patient {@code q} being this fold's {@code map[q]}.
   */
  void absorb(ClaimFold other, int[] map) {
    if (evidence != null) {
      evidence.addAll(other.evidence, map);
    }
    FoldTable o = other.table;
    o.forEachSlot(
        (q, w, s, lines) -> {
          int p = map[q];
          if (s < 0) {
            table.outside(p, lines); // the other's lines outside its fixed study period
            return;
          }
          int t = table.slot(p, w);
          if (t < 0) {
            table.outside(p, Math.max(1, lines));
            return;
          }
          table.effort[t] = Math.addExact(table.effort[t], o.effort[s]);
          table.categories[t] |= o.categories[s];
          if (table.markers != null && o.markers != null) {
            table.markers[t] |= o.markers[s];
          }
          table.flags[t] |= o.flags[s];
          for (int k = 0; k < lines; k++) {
            table.countLine(t);
          }
        });
    anyClaim |= other.anyClaim;
    other.claimWindows();
    claimMinWindow = Math.min(claimMinWindow, other.claimMinWindow);
    claimMaxWindow = Math.max(claimMaxWindow, other.claimMaxWindow);
  }

  /** {@link IndexAssembler#add(ClaimLine)}. */
  void add(ClaimLine line) {
    tally.read(IngestTally.CLAIM_LINES);
    LocalDate day = spec.claimDating().dayOf(line);
    if (!valued(line)) {
      fold(line, day, 0, null);
      return;
    }
    tally.read(IngestTally.LINE_EFFORTS);
    try {
      fold(line, day, checked(effortCalculator.effortMicros(line, day, tally), line), null);
    } catch (RejectedRecordException e) {
      if (strict) {
        // counted first, so that a caller who catches it still holds a balanced tally
        tally.reject(IngestTally.LINE_EFFORTS, e.reason(), 1);
        throw new RejectedRecordException(e.reason(), describe(line) + ": " + e.getMessage(), e);
      }
      fold(line, day, 0, e.reason());
    }
  }

  /** {@link IndexAssembler#add(Claim)}. */
  void add(Claim claim) {
    List<ClaimLine> lines = claim.lines();
    List<ClaimLine> valuedLines = new ArrayList<>(lines.size());
    List<LocalDate> days = new ArrayList<>(lines.size());
    for (ClaimLine l : lines) {
      if (valued(l)) {
        valuedLines.add(l);
        days.add(spec.claimDating().dayOf(l));
      }
    }
    long[] efforts;
    // what the calculator reports is kept apart until it succeeds, so that the fallback to line by
    // line does not count an unknown code twice
    IngestTally reported = new IngestTally();
    try {
      efforts =
          valuedLines.isEmpty()
              ? new long[0]
              : effortCalculator.claimEffortMicros(valuedLines, days, reported);
    } catch (RejectedRecordException e) {
      lines.forEach(this::add);
      return;
    }
    tally.addAll(reported);
    int k = 0;
    for (ClaimLine l : lines) {
      tally.read(IngestTally.CLAIM_LINES);
      if (valued(l)) {
        tally.read(IngestTally.LINE_EFFORTS);
        fold(l, days.get(k), checked(efforts[k], l), null);
        k++;
      } else {
        fold(l, spec.claimDating().dayOf(l), 0, null);
      }
    }
  }

  /** Counts a valued line's effort as accepted or rejected; true when rejected. */
  private boolean countEffort(boolean valued, RejectionReason rejection) {
    if (!valued) {
      return false;
    }
    if (rejection == null) {
      tally.accept(IngestTally.LINE_EFFORTS, 1);
      return false;
    }
    tally.reject(IngestTally.LINE_EFFORTS, rejection, 1);
    return true;
  }

  private boolean valued(ClaimLine line) {
    return effortTypes[line.claimType().ordinal()] && line.procedure().isPresent();
  }

  private long checked(long effort, ClaimLine line) {
    return LineCodebook.checked(effortCalculator, effort, line);
  }

  /**
   * The categories of a line's diagnoses, when its claim type's diagnoses count (a method of its own,
   * so that {@code fold} stays small enough for the JIT to inline).
   */
  private long lineCategories(ClaimLine line) {
    if (!allDiagnosisTypes && !diagnosisTypes[line.claimType().ordinal()]) {
      return 0;
    }
    long categories = 0;
    List<DiagnosisCode> dx = line.diagnoses();
    for (int i = 0, n = dx.size(); i < n; i++) {
      categories |= categoriesOf(dx.get(i));
    }
    return categories;
  }

  private void recordEvidence(ClaimLine line, int p, int w, long categories) {
    evidence.add(
        p,
        w,
        line.claimId(),
        line.claimType() == org.mpindex.core.claims.ClaimType.INPATIENT,
        categories);
  }

  /**
   * Folds a line whose effort is known: {@code effortRejection} is null when the effort was valued
   * (and counted as read under {@link IngestTally#LINE_EFFORTS}), else the reason it was not.
   */
  private void fold(ClaimLine line, LocalDate day, long effort, RejectionReason effortRejection) {
    boolean valued = valued(line);
    long categories = lineCategories(line);
    long marks = 0;
    for (int i = 0; i < markers.length; i++) {
      if (markers[i].matches().test(line)) {
        marks |= 1L << i;
      }
    }
    int p = patients.intern(line.beneficiaryId());
    int w = scheme.indexOf(day);
    anyClaim = true;
    int s = table.slot(p, w);
    if (s < 0) {
      // outside the fixed study period: counted, nothing kept
      table.outside(p, 1);
      countEffort(valued, effortRejection);
      patients.pendingLines[p]++;
      return;
    }
    if (effort > 0) {
      long sum = table.effort[s] + effort;
      if (sum < 0) {
        // past Long.MAX_VALUE micro-units (9.2 trillion RVUs): only hostile input gets here; the
        // line's effort is rejected, never wrapped into a negative sum
        if (strict) {
          if (valued) {
            tally.reject(IngestTally.LINE_EFFORTS, IndexAssembler.EFFORT_OVERFLOW, 1);
          }
          throw overflow(describe(line));
        }
        effortRejection = IndexAssembler.EFFORT_OVERFLOW;
      } else {
        table.effort[s] = sum;
      }
    }
    byte lineFlags = FoldTable.HAS_CLAIM;
    if (countEffort(valued, effortRejection)) {
      lineFlags |= FoldTable.EFFORT_REJECTED;
    }
    table.categories[s] |= categories;
    if (evidence != null && categories != 0) {
      recordEvidence(line, p, w, categories);
    }
    if (table.markers != null) {
      table.markers[s] |= marks;
    }
    table.flags[s] |= lineFlags;
    table.countLine(s);
    patients.pendingLines[p]++;
    if (w < claimMinWindow) {
      claimMinWindow = w;
    }
    if (w > claimMaxWindow) {
      claimMaxWindow = w;
    }
  }

  /** {@link IndexAssembler#add(ClaimColumns)}. */
  void add(ClaimColumns batch) {
    add(batch, 0, batch.size, 0);
  }

  /** {@link IndexAssembler#add(ClaimColumns, int, int, int)}: the columnar fold. */
  void add(ClaimColumns batch, int fromLine, int toLine, int patientBase) {
    if (fromLine < 0 || toLine > batch.size || fromLine > toLine) {
      throw new IllegalArgumentException(
          "lines " + fromLine + ".." + toLine + " outside the batch of " + batch.size);
    }
    int n = toLine - fromLine;
    if (n == 0) {
      return;
    }
    int[] days = spec.claimDating() == ClaimDating.SERVICE_FROM ? batch.from : batch.through;
    BatchCheck.checkDiagnoses(batch, fromLine, toLine, codebook.diagnoses.size());
    if (markers.length > 0) {
      for (int i = fromLine; i < toLine; i++) {
        checkLine(batch, days, i);
        add(codebook.materialise(batch, i, patients.id(batch.patient[i] - patientBase)));
      }
      return;
    }
    if (evidence != null) {
      throw new IllegalStateException(
          "the spec's diagnosis confirmation rule tells claims apart by claim id, which"
              + " columnar batches do not carry: add ClaimLine or Claim objects");
    }
    tally.read(IngestTally.CLAIM_LINES, n);
    anyClaim = true;
    // the patients interned so far (usually all: records before claims) get their state exactly
    table.reserve(patients.size());
    try {
      if (table instanceof DenseTable dense && codebook.prepareDense(dense.lo, dense.width)) {
        foldDense(batch, days, fromLine, toLine, patientBase, dense);
      } else {
        foldLines(batch, days, fromLine, toLine, patientBase);
      }
    } finally {
      // also when a strict rejection ends the batch: the lines before it were folded and counted
      tally.read(IngestTally.LINE_EFFORTS, valuedLines);
      tally.accept(IngestTally.LINE_EFFORTS, acceptedEfforts);
      valuedLines = 0;
      acceptedEfforts = 0;
      codebook.replayMemoReports(tally);
    }
  }

  // valued lines and accepted efforts of the batch being folded, counted into the tally when it
  // ends
  private long valuedLines;
  private long acceptedEfforts;

  /**
   * The dense fold, the hot loop: over a {@link DenseTable}, each line's window offset and effort
   * found by loads from the tables {@link LineCodebook#prepareDense} made: one by day, one by
   * (pricing period, signature). A line these tables cannot settle (its day outside the table's
   * windows, its effort not valued yet, too large or rejected in strict mode, an effort sum that
   * would overflow, an index the assembler did not intern) takes {@link #foldLines} on its own, which
   * counts it as the general loop does (and refuses a bad index); its effort entry is then settled
   * for the lines after it.
   */
  private void foldDense(
      ClaimColumns batch, int[] days, int fromLine, int toLine, int patientBase, DenseTable t) {
    // everything the loop reads held in locals: no field is reloaded per line
    int[] patientOf = batch.patient;
    int[] signatureOf = batch.signature;
    int[] dxStart = batch.dxStart;
    int[] dx = batch.dx;
    long[] categoriesOf = codebook.diagnosisCategories;
    boolean allDx = allDiagnosisTypes;
    boolean[] sigDiagnoses = codebook.signatureDiagnoses;
    long[] flatEffort = codebook.flatEffort;
    int sigMask = codebook.flatStride - 1;
    long[] uses = codebook.fastUses;
    int dayBase = codebook.fastDayBase;
    long[] dayOf = codebook.fastDay;
    long[] effort = t.effort;
    long[] categories = t.categories;
    byte[] flags = t.flags;
    int width = t.width;
    int known = patients.size();
    int[] pending = patients.pendingLines;
    // the claims' first and last window are read off the table when asked (claimWindows)
    denseLines = true;
    for (int i = fromLine; i < toLine; i++) {
      int p = patientOf[i] - patientBase;
      if (p < 0 || p >= known) {
        throw unknownPatient(batch, i, patientBase, known);
      }
      int d = days[i] - dayBase;
      if (d < 0 || d >= dayOf.length) {
        // a day outside the table's windows (or outside the calendar: refused there)
        foldLines(batch, days, i, i + 1, patientBase);
        uses = codebook.fastUses; // a new memo entry may have grown it
        continue;
      }
      long day = dayOf[d];
      int offset = (int) day;
      int row = (int) (day >>> 32);
      int sig = signatureOf[i];
      // masked with the table's power-of-two length: no index inside the rows changes, and the JIT
      // drops the range check
      long e = flatEffort[(row + (sig & sigMask)) & (flatEffort.length - 1)];
      int s = p * width + offset;
      long sum = effort[Math.max(s, 0)] + (e & LineCodebook.EFFORT_BITS);
      // negative when: the scheme puts the day elsewhere, the signature is outside the table's
      // row, the entry is not settled, or the sum would overflow
      if ((offset | (sigMask - sig) | sig | e | sum) < 0) {
        foldLines(batch, days, i, i + 1, patientBase);
        codebook.settle(row, sig);
        uses = codebook.fastUses;
        continue;
      }
      effort[s] = sum;
      // masked: memo entries are below the memo's size, and the array is a power of two long
      uses[(int) (e >>> LineCodebook.MEMO_SHIFT) & (uses.length - 1)]++;
      long c = 0;
      int k = dxStart[i];
      int end = dxStart[i + 1];
      if (end > k && (allDx || sigDiagnoses[sig])) {
        c = union(categoriesOf, dx, k, end);
      }
      categories[s] |= c;
      flags[s] |= (byte) (FoldTable.HAS_CLAIM | ((e >>> LineCodebook.REJECTED_SHIFT) & 2));
      pending[p]++;
    }
    // the lines' efforts are counted from the memo's uses when the batch ends (add)
  }

  /**
   * The union of the categories of diagnoses {@code dx[k .. end)} (at least one). One to four are
   * read without a loop whose length changes every line (its exit branch missed often): OR is
   * idempotent, so a line with fewer reads its last code again; a fifth and later go through a loop.
   * Each diagnosis index is masked with {@code categoriesOf.length - 1}: the table's length is a
   * power of two and every index was checked to be below the diagnoses interned ({@link
   * BatchCheck#checkDiagnoses}), so the mask changes no index, and the JIT drops the range check of
   * a masked index (four fewer compare-and-branch a line).
   */
  private static long union(long[] categoriesOf, int[] dx, int k, int end) {
    int last = end - 1;
    int mask = categoriesOf.length - 1;
    long c =
        categoriesOf[dx[k] & mask]
            | categoriesOf[dx[Math.min(k + 1, last)] & mask]
            | categoriesOf[dx[Math.min(k + 2, last)] & mask]
            | categoriesOf[dx[Math.min(k + 3, last)] & mask];
    for (int j = k + 4; j < end; j++) {
      c |= categoriesOf[dx[j] & mask];
    }
    return c;
  }

  /** Refuses line {@code i} when its signature or day is not one the fold takes. */
  private void checkLine(ClaimColumns batch, int[] days, int i) {
    int sig = batch.signature[i];
    if (sig < 0 || sig >= codebook.signatures.size()) {
      throw BatchCheck.badSignature(batch, i, codebook.signatures.size());
    }
    if (days[i] < BatchCheck.MIN_DAY || days[i] > BatchCheck.MAX_DAY) {
      throw BatchCheck.badDay(i, days[i]);
    }
  }

  /**
   * The general columnar loop: any table layout and any calculator, each line's day, window and
   * effort memo looked up on its own.
   */
  private void foldLines(
      ClaimColumns batch, int[] days, int fromLine, int toLine, int patientBase) {
    int[] patientOf = batch.patient;
    int[] signatureOf = batch.signature;
    int[] dxStart = batch.dxStart;
    int[] dx = batch.dx;
    long[] categoriesOf = codebook.diagnosisCategories;
    boolean allDx = allDiagnosisTypes;
    boolean[] sigDiagnoses = codebook.signatureDiagnoses;
    long efforts = 0;
    long accepted = 0;
    int known = patients.size();
    int[] pending = patients.pendingLines;
    // the claims' first and last window, in locals while the loop runs
    int minWindow = claimMinWindow;
    int maxWindow = claimMaxWindow;
    try {
      for (int i = fromLine; i < toLine; i++) {
        int p = patientOf[i] - patientBase;
        if (p < 0 || p >= known) {
          throw unknownPatient(batch, i, patientBase, known);
        }
        checkLine(batch, days, i);
        int day = days[i];
        int d = codebook.dayCache(day);
        int w = codebook.windowOfDay[d];
        int sig = signatureOf[i];
        long effort = 0;
        RejectionReason rejection = null;
        boolean valued = codebook.signatureValued[sig];
        if (valued) {
          efforts++;
          int slot = codebook.periodSlotOfDay[d];
          if (slot == -1) {
            ClaimLine line = codebook.materialise(batch, i, patients.id(p));
            try {
              effort =
                  checked(
                      effortCalculator.effortMicros(line, LocalDate.ofEpochDay(day), tally), line);
            } catch (RejectedRecordException e) {
              rejection = e.reason();
              if (strict) {
                tally.reject(IngestTally.LINE_EFFORTS, rejection, 1);
                throw new RejectedRecordException(
                    rejection, describe(line) + ": " + e.getMessage(), e);
              }
            }
          } else {
            int m = codebook.memoOf(sig, slot, day);
            codebook.memoUses[m]++;
            rejection = codebook.memoRejection[m];
            effort = codebook.memoEffort[m];
            if (rejection != null && strict) {
              tally.reject(IngestTally.LINE_EFFORTS, rejection, 1);
              throw new RejectedRecordException(
                  rejection,
                  "a claim line of beneficiary "
                      + patients.id(p)
                      + " dated "
                      + LocalDate.ofEpochDay(day)
                      + ": its effort cannot be valued ("
                      + rejection
                      + ")");
            }
          }
        }
        int s = table.slot(p, w);
        if (s < 0) {
          table.outside(p, 1);
          pending[p]++;
          if (valued) {
            if (rejection == null) {
              accepted++;
            } else {
              tally.reject(IngestTally.LINE_EFFORTS, rejection, 1);
            }
          }
          continue;
        }
        if (effort > 0) {
          long sum = table.effort[s] + effort;
          if (sum < 0) {
            if (strict) {
              tally.reject(IngestTally.LINE_EFFORTS, IndexAssembler.EFFORT_OVERFLOW, 1);
              throw overflow("a claim line of beneficiary " + patients.id(p));
            }
            rejection = IndexAssembler.EFFORT_OVERFLOW;
          } else {
            table.effort[s] = sum;
          }
        }
        byte flags = FoldTable.HAS_CLAIM;
        if (valued) {
          if (rejection == null) {
            accepted++;
          } else {
            tally.reject(IngestTally.LINE_EFFORTS, rejection, 1);
            flags |= FoldTable.EFFORT_REJECTED;
          }
        }
        long categories = 0;
        int k = dxStart[i];
        int end = dxStart[i + 1];
        if (end > k && (allDx || sigDiagnoses[sig])) {
          categories = union(categoriesOf, dx, k, end);
        }
        table.categories[s] |= categories;
        table.flags[s] |= flags;
        table.countLine(s);
        pending[p]++;
        minWindow = Math.min(minWindow, w);
        maxWindow = Math.max(maxWindow, w);
      }
    } finally {
      // also when a strict rejection ends the batch: the lines before it were folded
      claimMinWindow = minWindow;
      claimMaxWindow = maxWindow;
      valuedLines += efforts;
      acceptedEfforts += accepted;
    }
  }

  private IllegalArgumentException unknownPatient(
      ClaimColumns batch, int i, int patientBase, int known) {
    return new IllegalArgumentException(
        "line "
            + i
            + " of the batch has patient index "
            + batch.patient[i]
            + " (base "
            + patientBase
            + "), not one of the "
            + known
            + " this assembler interned");
  }

  /** Strict mode's error for a line whose effort would overflow its window's sum. */
  private static RejectedRecordException overflow(String line) {
    return new RejectedRecordException(
        IndexAssembler.EFFORT_OVERFLOW,
        line + ": the effort of its window would pass " + Long.MAX_VALUE + " micro-units");
  }

  private static String describe(ClaimLine line) {
    return "claim " + line.claimId() + " of beneficiary " + line.beneficiaryId();
  }

  /** {@link IndexAssembler#add(PrecomputedBurden)}. */
  void add(PrecomputedBurden burden) {
    tally.read(IngestTally.BURDENS);
    int first = scheme.indexOf(burden.day());
    int last = scheme.indexOf(burden.through());
    if ((long) last - first + 1 > spec.maximumWindows()) {
      // counted first, so that a caller who catches it still holds a balanced tally
      tally.reject(IngestTally.BURDENS, IndexAssembler.BURDEN_SPAN_TOO_LONG, 1);
      if (strict) {
        throw new RejectedRecordException(
            IndexAssembler.BURDEN_SPAN_TOO_LONG,
            "precomputed burden of '"
                + burden.beneficiaryId()
                + "' spans "
                + burden.day()
                + ".."
                + burden.through()
                + ": more than "
                + spec.maximumWindows()
                + " windows");
      }
      return;
    }
    int p = patients.intern(burden.beneficiaryId());
    for (int w = first; w <= last; w++) {
      int s = table.slot(p, w);
      if (s >= 0) {
        table.categories[s] |= burden.categories();
      }
    }
    patients.pendingBurdens[p]++;
  }

  /** {@link IndexAssembler#addWindowState}. */
  void addWindowState(
      String beneficiaryId,
      LocalDate day,
      long effortMicros,
      long categories,
      int lines,
      boolean effortRejected) {
    if (effortMicros < 0 || lines < 1) {
      throw new IllegalArgumentException(
          "window state needs effort >= 0 and at least one line, got "
              + effortMicros
              + " micro-units and "
              + lines
              + " lines");
    }
    if (evidence != null) {
      throw new IllegalStateException(
          "a window state carries no claims: the spec's diagnosis confirmation rule"
              + " cannot apply to it");
    }
    tally.read(IngestTally.CLAIM_LINES, lines);
    int p = patients.intern(beneficiaryId);
    int w = scheme.indexOf(day);
    anyClaim = true;
    int s = table.slot(p, w);
    patients.pendingLines[p] += lines;
    if (s < 0) {
      table.outside(p, lines);
      return;
    }
    table.effort[s] = Math.addExact(table.effort[s], effortMicros);
    table.categories[s] |= categories;
    table.flags[s] |=
        effortRejected
            ? (byte) (FoldTable.HAS_CLAIM | FoldTable.EFFORT_REJECTED)
            : FoldTable.HAS_CLAIM;
    for (int i = 0; i < lines; i++) {
      table.countLine(s);
    }
    claimMinWindow = Math.min(claimMinWindow, w);
    claimMaxWindow = Math.max(claimMaxWindow, w);
  }

  private long categoriesOf(DiagnosisCode code) {
    Long c = categoryMemo.get(code);
    if (c == null) {
      c = grouper.categoriesOf(code);
      categoryMemo.put(code, c);
    }
    return c;
  }
}
