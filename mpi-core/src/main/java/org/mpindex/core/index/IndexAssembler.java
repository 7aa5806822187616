package org.mpindex.core.index;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.mpindex.core.claims.Beneficiary;
import org.mpindex.core.claims.Claim;
import org.mpindex.core.claims.ClaimLine;
import org.mpindex.core.claims.ClaimType;
import org.mpindex.core.claims.DiagnosisCode;
import org.mpindex.core.claims.Enrollment;
import org.mpindex.core.claims.Modifier;
import org.mpindex.core.claims.PlaceOfService;
import org.mpindex.core.claims.ProcedureCode;
import org.mpindex.core.spi.BurdenGrouper;
import org.mpindex.core.spi.EffortCalculator;
import org.mpindex.core.spi.PrecomputedBurden;
import org.mpindex.core.spi.RejectedRecordException;
import org.mpindex.core.time.Window;
import org.mpindex.core.time.WindowScheme;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Folds beneficiaries, enrollment spans, claim lines and precomputed burdens into per-(patient,
 * window) state and assembles the index from it.
 *
 * <p>Each claim line is folded once: its effort (exact micro-units, from the {@link
 * EffortCalculator}, only for the spec's effort claim types) is added to the patient's state in the
 * line's window, and the categories of its diagnosis codes (from the {@link BurdenGrouper},
 * memoised per distinct code) are OR-ed into it. Nothing else of the line is kept. Records may come
 * in any order and any interleaving; the result does not depend on it, because the state is a sum
 * and a union, and {@link #assemble()} visits patients in id order.
 *
 * <p>{@link #assemble()} does not consume the state: more records can be added afterwards and the
 * index assembled again (the incremental index of METHOD.md section 7). Partial assemblers over
 * disjoint sets of records combine with {@link #combine}; the combined result equals the result
 * over all records. Records are not de-duplicated across assemblers: combining two assemblers that
 * both folded the same claim line is the same as adding that line twice (its effort counts twice;
 * its categories, a union, do not change; it is counted twice as read).
 *
 * <p>Not thread-safe: give each thread its own assembler and combine them.
 */
public final class IndexAssembler {
  private static final Logger LOG = LoggerFactory.getLogger(IndexAssembler.class);

  /** Rejection reason: records for an id without a beneficiary record. */
  public static final String NO_BENEFICIARY = "no beneficiary record";

  /** Rejection reason: a second, identical beneficiary record. */
  public static final String DUPLICATE_BENEFICIARY = "duplicate beneficiary record";

  /** Rejection reason: a second beneficiary record with the same id and other values. */
  public static final String CONFLICTING_BENEFICIARY = "conflicting beneficiary record";

  /** Note: accepted claim lines dated outside the study period (they do not enter any index). */
  public static final String OUTSIDE_STUDY_PERIOD = "claim lines outside the study period";

  /** Rejection reason of a precomputed burden whose span holds more windows than the spec's maximum. */
  public static final String BURDEN_SPAN_TOO_LONG = "burden span longer than the maximum windows";

  /** Rejection reason of a line's effort: the patient-window's effort sum would overflow. */
  public static final String EFFORT_OVERFLOW = "effort sum overflows";

  private static final Comparator<Beneficiary> CANONICAL_BENEFICIARY =
      Comparator.comparing(Beneficiary::toString);

  private final MpiSpec spec;
  private final EffortCalculator effortCalculator;
  final BurdenGrouper grouper;
  final WindowScheme scheme;
  private final boolean strict;
  final ClaimMarker[] markers;

  /** Where each folded cohort's markers start in {@link #markers}, by identity. */
  private final java.util.IdentityHashMap<Cohort, Integer> markerOffsets =
      new java.util.IdentityHashMap<>();

  private final boolean[] effortTypes;

  /** Claim types whose diagnoses count, by ordinal; all of them by default. */
  private final boolean[] diagnosisTypes;

  private final boolean allDiagnosisTypes;

  /** Evidence for the spec's diagnosis confirmation rule; null without one. */
  final ConfirmationEvidence evidence;

  /** The evidence by patient for the passes of the current assembly ({@link ConfirmationEvidence#byPatient}). */
  int[] evidenceIndex = new int[0];

  int[] evidenceStart = new int[1];

  private final IngestTally tally = new IngestTally();
  private final LineCodebook codebook;
  private final PatientIds patientIds = new PatientIds();
  private String lastId;
  private int lastPatient = -1;
  Beneficiary[] beneficiaries = new Beneficiary[256];
  final PatientSpans enrollments = new PatientSpans();
  int[] pendingLines = new int[256];
  int[] pendingBurdens = new int[256];

  FoldTable table;
  // the study period fixed before the first claim (declared, or fixStudyPeriod()): the dense layout
  private Optional<StudyPeriod> fixedPeriod = Optional.empty();
  private boolean anyClaim;
  private final HashMap<DiagnosisCode, Long> categoryMemo = new HashMap<>();
  private int claimMinWindow = Integer.MAX_VALUE;
  private int claimMaxWindow = Integer.MIN_VALUE;
  private long enrollmentFirstDay = Long.MAX_VALUE;
  private long enrollmentLastDay = Long.MIN_VALUE;

  private IndexAssembler(MpiSpec spec, EffortCalculator effortCalculator, BurdenGrouper grouper) {
    this.spec = Objects.requireNonNull(spec, "spec");
    this.effortCalculator = Objects.requireNonNull(effortCalculator, "effortCalculator");
    this.grouper = Objects.requireNonNull(grouper, "grouper");
    if (grouper.categoryNames().size() > BurdenGrouper.MAX_CATEGORIES) {
      throw new IllegalArgumentException(
          "grouper " + grouper.describe() + " has more than 64 categories");
    }
    this.scheme = spec.windowScheme();
    this.strict = spec.ingestMode() == IngestMode.STRICT;
    // the markers of the main cohort and of every side-by-side one, each cohort's at its own offset
    List<ClaimMarker> all = new ArrayList<>();
    List<Cohort> folded = new ArrayList<>();
    folded.add(spec.cohort());
    folded.addAll(spec.cohorts());
    for (Cohort c : folded) {
      markerOffsets.putIfAbsent(c, all.size());
      if (markerOffsets.get(c) == all.size()) {
        all.addAll(c.markers());
      }
    }
    this.markers = all.toArray(new ClaimMarker[0]);
    this.effortTypes = new boolean[org.mpindex.core.claims.ClaimType.values().length];
    spec.effortClaimTypes().forEach(t -> effortTypes[t.ordinal()] = true);
    this.codebook = new LineCodebook(effortCalculator, grouper, scheme, effortTypes);
    this.diagnosisTypes = new boolean[effortTypes.length];
    spec.diagnosisClaimTypes().forEach(t -> diagnosisTypes[t.ordinal()] = true);
    this.allDiagnosisTypes = spec.diagnosisClaimTypes().size() == effortTypes.length;
    codebook.diagnosisTypes(diagnosisTypes);
    this.evidence = spec.confirmation().enabled() ? new ConfirmationEvidence() : null;
    if (spec.studyPeriod().isPresent()) {
      fix(spec.studyPeriod().get());
    } else {
      this.table = new PatientWindowTable(1024);
    }
  }

  private void fix(StudyPeriod period) {
    int lo = scheme.indexOf(period.from());
    int hi = scheme.indexOf(period.to());
    if ((long) hi - lo + 1 > spec.maximumWindows()) {
      throw new IllegalStateException(
          "the study period "
              + period
              + " holds "
              + ((long) hi - lo + 1)
              + " windows of "
              + scheme.describe()
              + ", more than the spec's maximum of "
              + spec.maximumWindows()
              + ": declare a shorter study period, or raise MpiSpec.Builder.maximumWindows");
    }
    this.fixedPeriod = Optional.of(period);
    this.table = new DenseTable(lo, hi, markers.length > 0, Math.max(1024, patientIds.size()));
  }

  /**
   * Fixes the study period before the first claim line: the one declared, else the span of the
   * enrollment records added so far. The fold then keeps its state in a dense layout (several
   * times faster and smaller); enrollment added later no longer moves the study period, and claim
   * lines outside it are counted, as always. Streaming pipelines that read enrollment before claims
   * (as {@code mpi compute} does) call it between the two.
   *
   * @throws IllegalStateException when claim lines were already folded, or there is no period to fix
   */
  public IndexAssembler fixStudyPeriod() {
    if (fixedPeriod.isPresent()) {
      return this;
    }
    if (anyClaim) {
      throw new IllegalStateException(
          "claim lines were folded already: fix the study period before the first claim");
    }
    fix(
        studyPeriod()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "no study period to fix: declare one in the spec or add enrollment records first")));
    return this;
  }

  /**
   * Fixes {@code period} as the study period before the first claim line, whatever the enrollment
   * records say: for an assembler that holds some of the patients (a shard, a Spark partition) and
   * must use the study period of the whole population (computed elsewhere by the same rule as
   * {@link #studyPeriod()}), so that its {@link #partial} merges with the others'. The result is then
   * that of one assembler over all records, whose study period was {@code period}.
   *
   * @throws IllegalStateException when claim lines were already folded, or a different period is fixed
   *     (declared in the spec, or fixed before)
   */
  public IndexAssembler fixStudyPeriod(StudyPeriod period) {
    Objects.requireNonNull(period, "period");
    if (fixedPeriod.isPresent()) {
      if (!fixedPeriod.get().equals(period)) {
        throw new IllegalStateException(
            "the study period " + fixedPeriod.get() + " is fixed already, cannot fix " + period);
      }
      return this;
    }
    if (anyClaim) {
      throw new IllegalStateException(
          "claim lines were folded already: fix the study period before the first claim");
    }
    fix(period);
    return this;
  }

  /**
   * An empty assembler.
   *
   * @param spec the method's choices
   * @param effortCalculator values each claim line's effort
   * @param grouper maps diagnosis codes to burden categories ({@link BurdenGrouper#NONE} when every
   *     burden comes precomputed)
   */
  public static IndexAssembler create(
      MpiSpec spec, EffortCalculator effortCalculator, BurdenGrouper grouper) {
    return new IndexAssembler(spec, effortCalculator, grouper);
  }

  public MpiSpec spec() {
    return spec;
  }

  /**
   * The tally the assembler counts into. Readers add their own counts (file rows read and rejected)
   * with {@link IngestTally#addAll} so that the result's accounting covers the files as well.
   */
  public IngestTally tally() {
    return tally;
  }

  // ---------------------------------------------------------------- ingest

  /**
   * Adds a beneficiary. A second record with the same id is rejected as a duplicate when identical;
   * when different, strict mode throws and lenient mode keeps the record that sorts first by its
   * {@code toString()} (so the outcome does not depend on order) and rejects the other.
   *
   * @throws RejectedRecordException in strict mode, for a conflicting duplicate
   */
  public IndexAssembler add(Beneficiary beneficiary) {
    tally.read(IngestTally.BENEFICIARIES);
    mergeBeneficiary(intern(beneficiary.id()), beneficiary);
    return this;
  }

  /** Adds an enrollment span; spans of ids without a beneficiary record are rejected at assembly. */
  public IndexAssembler add(Enrollment enrollment) {
    tally.read(IngestTally.ENROLLMENTS);
    int p = intern(enrollment.beneficiaryId());
    enrollments.add(p, enrollment);
    enrollmentFirstDay = Math.min(enrollmentFirstDay, enrollment.start().toEpochDay());
    enrollmentLastDay = Math.max(enrollmentLastDay, enrollment.end().toEpochDay());
    return this;
  }

  /**
   * Folds a claim line: its effort (for effort-bearing claim types) and its diagnosis categories go
   * into the patient's state for the line's window (the window of its from- or through-date, as
   * {@link MpiSpec#claimDating()} says; the same day picks the RVU release).
   *
   * <p>Effort and health are separate facts about a line: when the effort calculator cannot value the
   * line (no price list in force on its day, say), lenient mode rejects the <em>effort</em> only,
   * counted by reason under {@value IngestTally#LINE_EFFORTS}; the line's diagnoses and window are
   * folded as usual, and the patient-window is marked as having incomplete effort ({@link
   * IndexCell#effortIncomplete()}).
   *
   * @throws RejectedRecordException in strict mode, when the effort calculator rejects the line
   */
  public IndexAssembler add(ClaimLine line) {
    tally.read(IngestTally.CLAIM_LINES);
    LocalDate day = spec.claimDating().dayOf(line);
    if (!valued(line)) {
      return fold(line, day, 0, null);
    }
    tally.read(IngestTally.LINE_EFFORTS);
    try {
      return fold(line, day, checked(effortCalculator.effortMicros(line, day, tally), line), null);
    } catch (RejectedRecordException e) {
      if (strict) {
        // counted first, so that a caller who catches it still holds a balanced tally
        tally.reject(IngestTally.LINE_EFFORTS, e.reason(), 1);
        throw new RejectedRecordException(e.reason(), describe(line) + ": " + e.getMessage(), e);
      }
      return fold(line, day, 0, e.reason());
    }
  }

  /**
   * Folds the lines of one claim as {@link #add(ClaimLine)} would, with efforts from {@link
   * EffortCalculator#claimEffortMicros}, so that rules needing the whole claim apply (a day's
   * procedures ranked by fee). When the calculator rejects the claim, its lines are valued one by one.
   *
   * @throws RejectedRecordException in strict mode, when a line's effort is rejected
   */
  public IndexAssembler add(Claim claim) {
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
      return this;
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
    return this;
  }

  /** Counts a valued line's effort as accepted or rejected; true when rejected. */
  private boolean countEffort(boolean valued, String rejection) {
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
    if (effort < 0) {
      throw new IllegalStateException(
          effortCalculator.describe()
              + " returned negative effort "
              + effort
              + " for claim "
              + line.claimId());
    }
    return effort;
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
   * (and counted as read under {@value IngestTally#LINE_EFFORTS}), else the reason it was not.
   */
  private IndexAssembler fold(ClaimLine line, LocalDate day, long effort, String effortRejection) {
    boolean valued = valued(line);
    long categories = lineCategories(line);
    long marks = 0;
    for (int i = 0; i < markers.length; i++) {
      if (markers[i].matches().test(line)) {
        marks |= 1L << i;
      }
    }
    int p = intern(line.beneficiaryId());
    int w = scheme.indexOf(day);
    anyClaim = true;
    int s = table.slot(p, w);
    if (s < 0) {
      // outside the fixed study period: counted, nothing kept
      table.outside(p, 1);
      countEffort(valued, effortRejection);
      pendingLines[p]++;
      return this;
    }
    if (effort > 0) {
      long sum = table.effort[s] + effort;
      if (sum < 0) {
        // past Long.MAX_VALUE micro-units (9.2 trillion RVUs): only hostile input gets here; the
        // line's effort is rejected, never wrapped into a negative sum
        if (strict) {
          if (valued) {
            tally.reject(IngestTally.LINE_EFFORTS, EFFORT_OVERFLOW, 1);
          }
          throw new RejectedRecordException(
              EFFORT_OVERFLOW,
              describe(line)
                  + ": the effort of its window would pass "
                  + Long.MAX_VALUE
                  + " micro-units");
        }
        effortRejection = EFFORT_OVERFLOW;
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
    pendingLines[p]++;
    if (w < claimMinWindow) {
      claimMinWindow = w;
    }
    if (w > claimMaxWindow) {
      claimMaxWindow = w;
    }
    return this;
  }

  // ---------------------------------------------------------------- columnar ingest

  /**
   * The index of a beneficiary id for {@link ClaimColumns} (interned once; the same id always gives
   * the same index in this assembler).
   */
  public int patientIndex(String beneficiaryId) {
    if (beneficiaryId == null || beneficiaryId.isBlank()) {
      throw new IllegalArgumentException("beneficiary id is blank");
    }
    return intern(beneficiaryId);
  }

  /**
   * The index of what a line carries for its effort, for {@link ClaimColumns}.
   *
   * @param procedure the HCPCS/CPT code; null for a line that carries diagnoses only
   * @param modifiers up to four, in claim order
   * @param units units of service, 0 or more
   * @param type the claim type (decides whether the line carries effort)
   * @param placeOfService null when not given
   */
  public int lineSignature(
      ProcedureCode procedure,
      List<Modifier> modifiers,
      int units,
      ClaimType type,
      PlaceOfService placeOfService) {
    return codebook.lineSignature(procedure, modifiers, units, type, placeOfService);
  }

  /** The index of a diagnosis code for {@link ClaimColumns}; its categories are looked up once. */
  public int diagnosisIndex(DiagnosisCode code) {
    return codebook.diagnosisIndex(code);
  }

  /**
   * Folds a batch of claim lines given as columns: the same as adding each line as a {@link
   * ClaimLine}, without an object per line. Each distinct (line signature, pricing period) is valued
   * once when the effort calculator has pricing periods ({@link EffortCalculator#pricingPeriod}),
   * and its reports (unknown codes, notes) are counted for every line that uses it. With cohort
   * markers, which test line objects, the lines are materialised.
   *
   * @throws RejectedRecordException in strict mode, when a line's effort is rejected
   */
  public IndexAssembler add(ClaimColumns batch) {
    return add(batch, 0, batch.size, 0);
  }

  /**
   * Folds lines {@code fromLine} (inclusive) to {@code toLine} (exclusive) of a batch whose patient
   * indices are this assembler's plus {@code patientBase}: one batch over a whole population, sorted
   * by patient, can feed several assemblers (one per thread or machine), each its range of patients.
   */
  public IndexAssembler add(ClaimColumns batch, int fromLine, int toLine, int patientBase) {
    if (fromLine < 0 || toLine > batch.size || fromLine > toLine) {
      throw new IllegalArgumentException(
          "lines " + fromLine + ".." + toLine + " outside the batch of " + batch.size);
    }
    int n = toLine - fromLine;
    if (markers.length > 0) {
      for (int i = fromLine; i < toLine; i++) {
        add(codebook.materialise(batch, i, patientIds.get(batch.patient[i] - patientBase)));
      }
      return this;
    }
    if (evidence != null && n > 0) {
      throw new IllegalStateException(
          "the spec's diagnosis confirmation rule tells claims apart by claim id, which"
              + " columnar batches do not carry: add ClaimLine or Claim objects");
    }
    tally.read(IngestTally.CLAIM_LINES, n);
    anyClaim |= n > 0;
    // the patients interned so far (usually all: records before claims) get their state exactly
    table.reserve(patientIds.size());
    int[] days = spec.claimDating() == ClaimDating.SERVICE_FROM ? batch.from : batch.through;
    // the batch's arrays and the diagnosis categories do not change while the batch is folded: held
    // in locals, the loop reads them without reloading fields
    int[] patientOf = batch.patient;
    int[] signatureOf = batch.signature;
    int[] dxStart = batch.dxStart;
    int[] dx = batch.dx;
    long[] categoriesOf = codebook.diagnosisCategories;
    boolean allDx = allDiagnosisTypes;
    boolean[] sigDiagnoses = codebook.signatureDiagnoses;
    long efforts = 0;
    long accepted = 0;
    int known = patientIds.size();
    for (int i = fromLine; i < toLine; i++) {
      int p = patientOf[i] - patientBase;
      if (p < 0 || p >= known) {
        throw new IllegalArgumentException(
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
      int day = days[i];
      int d = codebook.dayCache(day);
      int w = codebook.windowOfDay[d];
      int sig = signatureOf[i];
      long effort = 0;
      String rejection = null;
      boolean valued = codebook.signatureValued[sig];
      if (valued) {
        efforts++;
        int period = codebook.periodOfDay[d];
        if (period == -1) {
          ClaimLine line =
              codebook.materialise(batch, i, patientIds.get(batch.patient[i] - patientBase));
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
          int m = codebook.memoOf(sig, period, day);
          codebook.memoUses[m]++;
          rejection = codebook.memoRejection[m];
          effort = codebook.memoEffort[m];
          if (rejection != null && strict) {
            tally.reject(IngestTally.LINE_EFFORTS, rejection, 1);
            throw new RejectedRecordException(
                rejection,
                "a claim line of beneficiary "
                    + patientIds.get(p)
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
        pendingLines[p]++;
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
            tally.reject(IngestTally.LINE_EFFORTS, EFFORT_OVERFLOW, 1);
            throw new RejectedRecordException(
                EFFORT_OVERFLOW,
                "a claim line of beneficiary "
                    + patientIds.get(p)
                    + ": the effort of its window would pass "
                    + Long.MAX_VALUE
                    + " micro-units");
          }
          rejection = EFFORT_OVERFLOW;
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
        // one to four diagnoses without a loop whose length changes every line (its branch missed
        // often): OR is idempotent, so a line with fewer reads its last code again
        int last = end - 1;
        categories =
            categoriesOf[dx[k]]
                | categoriesOf[dx[Math.min(k + 1, last)]]
                | categoriesOf[dx[Math.min(k + 2, last)]]
                | categoriesOf[dx[Math.min(k + 3, last)]];
        for (int j = k + 4; j < end; j++) {
          categories |= categoriesOf[dx[j]];
        }
      }
      table.categories[s] |= categories;
      table.flags[s] |= flags;
      table.countLine(s);
      pendingLines[p]++;
      if (w < claimMinWindow) {
        claimMinWindow = w;
      }
      if (w > claimMaxWindow) {
        claimMaxWindow = w;
      }
    }
    tally.read(IngestTally.LINE_EFFORTS, efforts);
    tally.accept(IngestTally.LINE_EFFORTS, accepted);
    codebook.replayMemoReports(tally);
    return this;
  }

  private static String describe(ClaimLine line) {
    return "claim " + line.claimId() + " of beneficiary " + line.beneficiaryId();
  }

  /** OR-s precomputed categories (e.g. ACG output) into the patient's state for that window. */
  public IndexAssembler add(PrecomputedBurden burden) {
    tally.read(IngestTally.BURDENS);
    int first = scheme.indexOf(burden.day());
    int last = scheme.indexOf(burden.through());
    if ((long) last - first + 1 > spec.maximumWindows()) {
      // counted first, so that a caller who catches it still holds a balanced tally
      tally.reject(IngestTally.BURDENS, BURDEN_SPAN_TOO_LONG, 1);
      if (strict) {
        throw new RejectedRecordException(
            BURDEN_SPAN_TOO_LONG,
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
      return this;
    }
    int p = intern(burden.beneficiaryId());
    for (int w = first; w <= last; w++) {
      int s = table.slot(p, w);
      if (s >= 0) {
        table.categories[s] |= burden.categories();
      }
    }
    pendingBurdens[p]++;
    return this;
  }

  /**
   * Adds the pre-aggregated claim state of one patient-window, as an incremental ledger keeps it
   * ({@link RealTimeIndex}): the exact sum of the effort of its lines, the union of their categories,
   * how many lines there were and whether any line's effort could not be valued. The same as adding
   * those lines one by one (the fold of a window is a sum and a union), without the lines. Counted as
   * {@code lines} claim lines read.
   *
   * @param day any day of the window
   * @param effortMicros the window's effort, in micro-units, at least 0
   * @param categories the window's categories (bit i = the grouper's category i)
   * @param lines the window's lines, at least 1
   * @param effortRejected whether a line's effort was rejected (its M is a lower bound)
   * @throws IllegalArgumentException for negative effort or fewer than one line
   */
  public IndexAssembler addWindowState(
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
    int p = intern(beneficiaryId);
    int w = scheme.indexOf(day);
    anyClaim = true;
    int s = table.slot(p, w);
    pendingLines[p] += lines;
    if (s < 0) {
      table.outside(p, lines);
      return this;
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
    return this;
  }

  /** Adds every beneficiary, enrollment span, claim line or precomputed burden of {@code records}. */
  public IndexAssembler addAll(Iterable<?> records) {
    for (Object r : records) {
      if (r instanceof ClaimLine claimLine) {
        add(claimLine);
      } else if (r instanceof Claim claim) {
        add(claim);
      } else if (r instanceof Beneficiary beneficiary) {
        add(beneficiary);
      } else if (r instanceof Enrollment enrollment) {
        add(enrollment);
      } else if (r instanceof PrecomputedBurden precomputedBurden) {
        add(precomputedBurden);
      } else {
        throw new IllegalArgumentException("not a record the assembler takes: " + r);
      }
    }
    return this;
  }

  /**
   * Adds everything {@code other} has folded (its records and counts) into this assembler. The
   * result is then the result over both sets of records, duplicates included: nothing is
   * de-duplicated, so a claim line folded by both assemblers counts twice (twice its effort, twice
   * as read), exactly as if it had been added twice to one assembler. Split the input, do not copy
   * it.
   *
   * @throws IllegalArgumentException when the two differ in spec, effort calculator or grouper (compared
   *     with {@code equals}, by default identity)
   */
  public IndexAssembler combine(IndexAssembler other) {
    if (!fixedPeriod.equals(other.fixedPeriod)) {
      throw new IllegalArgumentException(
          "cannot combine assemblers with different fixed study periods ("
              + fixedPeriod.map(Object::toString).orElse("none")
              + " vs "
              + other.fixedPeriod.map(Object::toString).orElse("none")
              + "): fix the same period in both");
    }
    if (!spec.equals(other.spec)) {
      throw new IllegalArgumentException(
          "cannot combine assemblers with different specs:\n" + spec + "\n" + other.spec);
    }
    if (!effortCalculator.equals(other.effortCalculator) || !grouper.equals(other.grouper)) {
      throw new IllegalArgumentException(
          "cannot combine assemblers with different effort calculators or groupers ("
              + effortCalculator.describe()
              + " / "
              + grouper.describe()
              + " vs "
              + other.effortCalculator.describe()
              + " / "
              + other.grouper.describe()
              + "): share the instances, or give them value equality");
    }
    tally.addAll(other.tally);
    int[] map = new int[other.patientIds.size()];
    for (int q = 0; q < map.length; q++) {
      int p = intern(other.patientIds.get(q));
      map[q] = p;
      if (other.beneficiaries[q] != null) {
        mergeBeneficiary(p, other.beneficiaries[q]);
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
    claimMinWindow = Math.min(claimMinWindow, other.claimMinWindow);
    claimMaxWindow = Math.max(claimMaxWindow, other.claimMaxWindow);
    enrollmentFirstDay = Math.min(enrollmentFirstDay, other.enrollmentFirstDay);
    enrollmentLastDay = Math.max(enrollmentLastDay, other.enrollmentLastDay);
    return this;
  }

  private void mergeBeneficiary(int p, Beneficiary b) {
    Beneficiary old = beneficiaries[p];
    if (old == null) {
      beneficiaries[p] = b;
    } else if (old.equals(b)) {
      tally.reject(IngestTally.BENEFICIARIES, DUPLICATE_BENEFICIARY, 1);
    } else {
      if (strict) {
        throw new RejectedRecordException(
            CONFLICTING_BENEFICIARY,
            "beneficiary " + b.id() + " has two different records: " + old + " and " + b);
      }
      beneficiaries[p] = CANONICAL_BENEFICIARY.compare(old, b) <= 0 ? old : b;
      tally.reject(IngestTally.BENEFICIARIES, CONFLICTING_BENEFICIARY, 1);
    }
  }

  private long categoriesOf(DiagnosisCode code) {
    Long c = categoryMemo.get(code);
    if (c == null) {
      c = grouper.categoriesOf(code);
      categoryMemo.put(code, c);
    }
    return c;
  }

  private int intern(String id) {
    if (id.equals(lastId)) {
      return lastPatient;
    }
    int p = patientIds.indexOf(id);
    if (p < 0) {
      p = patientIds.add(id);
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

  // ---------------------------------------------------------------- assembly

  /**
   * Computes the index from everything added so far. Does not change the assembler.
   *
   * @throws RejectedRecordException in strict mode, when records refer to an id without a
   *     beneficiary record (the first such id in id order is named)
   */
  public MpiResult assemble() {
    return assemble(1);
  }

  /**
   * {@link #assemble()} on {@code threads} threads: the patients are split into ranges, each
   * evaluated by its own pass, and the passes' cells merged exactly, so the result is the same bits
   * as on one thread. The spec's functions (grouping key, health level, cohort rule) and the
   * grouper's hierarchy are then called from several threads: they must be pure, as their
   * contracts say.
   *
   * @param threads 1 or more
   */
  public MpiResult assemble(int threads) {
    return result(partial(threads));
  }

  /**
   * The index of this assembler's patients as a partial (exact accumulators and accounting), on
   * {@code threads} threads: merge it with the partials of assemblers that hold other patients of
   * the same fixed study period, and read the merged partial with {@link #result}.
   */
  public IndexPartial partial(int threads) {
    return partial(threads, spec);
  }

  /**
   * {@link #assemble(int)} with another lag: the folded claims do not depend on the lag (only which
   * window's effort a health window is divided by does), so one fold serves every lag. The result's
   * spec is this assembler's with {@code lag}. Used by sensitivity grids ({@link Sensitivity}).
   *
   * @throws IllegalArgumentException when the spec rejects {@code lag} (negative, or no index window
   *     left in a declared study period)
   */
  public MpiResult assembleWithLag(int lag, int threads) {
    MpiSpec evaluation = spec.toBuilder().lag(lag).build();
    return result(partial(threads, evaluation), evaluation);
  }

  /**
   * The index of every side-by-side cohort of the spec ({@link MpiSpec#cohorts()}), from the claims
   * folded once: one result per cohort, by name in the spec's order, each with the spec's choices and
   * that cohort ({@code result.spec().cohort()}). Patients outside a cohort are counted under {@link
   * ExclusionReason#NOT_IN_COHORT} of its result. Empty when the spec declares none.
   */
  public Map<String, MpiResult> assembleCohorts(int threads) {
    Map<String, MpiResult> out = new java.util.LinkedHashMap<>();
    for (Cohort c : spec.cohorts()) {
      MpiSpec evaluation = spec.toBuilder().cohort(c).build();
      out.put(c.name(), result(partial(threads, evaluation), evaluation));
    }
    return out;
  }

  /**
   * Where {@code cohort}'s claim markers start among the folded ones.
   *
   * @throws IllegalArgumentException when the cohort was not declared in the spec (its markers were
   *     not folded)
   */
  int markerOffset(Cohort cohort) {
    Integer o = markerOffsets.get(cohort);
    if (o == null) {
      throw new IllegalArgumentException(
          "cohort '"
              + cohort.name()
              + "' is not the spec's cohort or one of its"
              + " side-by-side cohorts: its claim markers were not folded");
    }
    return o;
  }

  private IndexPartial partial(int threads, MpiSpec evaluation) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, got " + threads);
    }
    IngestTally counts = tally.copy();
    codebook.replayMemoReports(tally);
    Optional<StudyPeriod> period = studyPeriod();
    int lo = 0;
    int hi = -1;
    if (period.isPresent()) {
      lo = scheme.indexOf(period.get().from());
      hi = scheme.indexOf(period.get().to());
      if ((long) hi - lo + 1 > spec.maximumWindows()) {
        throw new IllegalStateException(
            "the study period "
                + period.get()
                + " holds "
                + ((long) hi - lo + 1)
                + " windows of "
                + scheme.describe()
                + ", more than the spec's maximum of "
                + spec.maximumWindows()
                + ": declare a study period, or raise MpiSpec.Builder.maximumWindows");
      }
    }
    int patients = patientIds.size();
    if (strict) {
      // the first id (in id order) without a beneficiary record is named
      String missing = null;
      int missingIndex = -1;
      for (int p = 0; p < patients; p++) {
        if (beneficiaries[p] == null
            && (missing == null || patientIds.get(p).compareTo(missing) < 0)) {
          missing = patientIds.get(p);
          missingIndex = p;
        }
      }
      if (missing != null) {
        List<Enrollment> spans = enrollments.get(missingIndex);
        throw new RejectedRecordException(
            NO_BENEFICIARY,
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
    int[] slotStart = null;
    int[] bySlot = null;
    if (table instanceof PatientWindowTable) {
      slotStart = new int[patients + 1];
      bySlot = slotsByPatient(slotStart);
    }
    if (evidence != null) {
      evidenceStart = new int[patients + 1];
      evidenceIndex = evidence.byPatient(patients, evidenceStart);
    }
    int parts = Math.max(1, Math.min(threads, patients / 1024 + 1));
    List<PatientPass> passes = new ArrayList<>(parts);
    for (int k = 0; k < parts; k++) {
      passes.add(
          new PatientPass(
              this,
              evaluation,
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
      int from = (int) ((long) patients * k / parts);
      int to = (int) ((long) patients * (k + 1) / parts);
      PatientPass pass = passes.get(k);
      work[k] =
          () -> {
            for (int p = from; p < to; p++) {
              pass.patient(p, starts, slotStarts);
            }
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
    for (PatientPass pass : passes) {
      outside += pass.outside;
      counts.accept(IngestTally.BENEFICIARIES, pass.beneficiaries);
      counts.accept(IngestTally.CLAIM_LINES, pass.acceptedLines);
      counts.accept(IngestTally.ENROLLMENTS, pass.acceptedSpans);
      counts.accept(IngestTally.BURDENS, pass.acceptedBurdens);
      counts.reject(IngestTally.CLAIM_LINES, NO_BENEFICIARY, pass.orphanLines);
      counts.reject(IngestTally.ENROLLMENTS, NO_BENEFICIARY, pass.orphanSpans);
      counts.reject(IngestTally.BURDENS, NO_BENEFICIARY, pass.orphanBurdens);
    }
    if (outside > 0) {
      counts.note(OUTSIDE_STUDY_PERIOD, outside);
    }
    for (int k = 1; k < passes.size(); k++) {
      whole.merge(passes.get(k).out);
    }
    LOG.debug("assembled a partial over {} id(s) on {} thread(s)", patientIds.size(), parts);
    return whole;
  }

  /**
   * Reads a partial (this assembler's, or merged from assemblers with the same spec, components and
   * fixed study period) into the result: cells, views and accounting.
   *
   * @throws IllegalArgumentException when the partial covers other windows than this assembler's
   *     study period
   */
  public MpiResult result(IndexPartial partial) {
    return result(partial, spec);
  }

  private MpiResult result(IndexPartial partial, MpiSpec spec) {
    Optional<StudyPeriod> period = studyPeriod();
    int lo = period.map(p -> scheme.indexOf(p.from())).orElse(0);
    int span = period.map(p -> scheme.indexOf(p.to()) - scheme.indexOf(p.from()) + 1).orElse(0);
    if (partial.lo != lo || partial.span != span) {
      throw new IllegalArgumentException(
          "the partial covers windows "
              + partial.lo
              + "+"
              + partial.span
              + ", this assembler's study "
              + lo
              + "+"
              + span
              + ": fix the same study period everywhere");
    }
    List<Window> indexWindows = new ArrayList<>();
    // one task per cell (national key first in each window), read in parallel: a bootstrap is
    // costly
    List<Window> taskWindows = new ArrayList<>();
    List<String> taskKeys = new ArrayList<>();
    List<CellAccumulator> taskCells = new ArrayList<>();
    for (int i = spec.lag(); i < span; i++) {
      Window w = scheme.window(lo + i);
      indexWindows.add(w);
      taskWindows.add(w);
      taskKeys.add(MpiResult.NATIONAL_SERIES);
      taskCells.add(partial.national[i]);
      new TreeMap<>(partial.groups.get(i))
          .forEach(
              (key, acc) -> {
                taskWindows.add(w);
                taskKeys.add(key);
                taskCells.add(acc);
              });
    }
    Bootstrap.CellStats[] stats = new Bootstrap.CellStats[taskCells.size()];
    IndexCell[] read = new IndexCell[taskCells.size()];
    java.util.stream.IntStream cells = java.util.stream.IntStream.range(0, read.length);
    (spec.intervals().bootstrap() ? cells.parallel() : cells)
        .forEach(
            k -> {
              stats[k] = taskCells.get(k).bootstrap(spec);
              String key = taskKeys.get(k);
              read[k] =
                  taskCells
                      .get(k)
                      .toCell(
                          taskWindows.get(k),
                          key.equals(MpiResult.NATIONAL_SERIES) ? Grouping.NATIONAL_KEY : key,
                          spec,
                          stats[k]);
            });
    List<IndexCell> nationalCells = new ArrayList<>();
    Map<Integer, List<IndexCell>> groupCells = new TreeMap<>();
    Map<String, Map<Integer, Bootstrap.CellStats>> statsBySeries = new HashMap<>();
    for (int k = 0; k < read.length; k++) {
      String key = taskKeys.get(k);
      int w = taskWindows.get(k).index();
      if (key.equals(MpiResult.NATIONAL_SERIES)) {
        nationalCells.add(read[k]);
        groupCells.put(w, new ArrayList<>());
      } else {
        groupCells.get(w).add(read[k]);
      }
      if (stats[k] != null) {
        statsBySeries.computeIfAbsent(key, x -> new HashMap<>()).put(w, stats[k]);
      }
    }
    // direct standardisation: each window's standard shares, then every cell's standardised values
    Map<Integer, Map<AgeSexStratum, Double>> standards = new TreeMap<>();
    Map<Integer, Map<String, Standardisation.Values>> standardised = new TreeMap<>();
    if (spec.standardisation().enabled()) {
      for (int k = 0; k < read.length; k++) {
        int w = taskWindows.get(k).index();
        CellAccumulator acc = taskCells.get(k);
        if (taskKeys.get(k).equals(MpiResult.NATIONAL_SERIES)) {
          standards.put(w, Standardisation.ordered(standardShares(spec.standardisation(), acc)));
        }
        double[] shares = new double[AgeSexStratum.COUNT];
        standards.get(w).forEach((stratum, share) -> shares[stratum.index()] = share);
        String key =
            taskKeys.get(k).equals(MpiResult.NATIONAL_SERIES)
                ? Grouping.NATIONAL_KEY
                : taskKeys.get(k);
        if (read[k].patients() > 0) {
          standardised
              .computeIfAbsent(w, x -> new java.util.HashMap<>())
              .putIfAbsent(key, acc.standardised(shares, spec.aggregation()));
        }
      }
    }
    MpiResult result =
        new MpiResult(
            spec,
            period,
            effortCalculator.describe(),
            grouper.describe(),
            partial.counts.snapshot(),
            indexWindows,
            nationalCells,
            groupCells,
            changeIntervals(statsBySeries, spec),
            standards,
            standardised);
    LOG.debug(
        "read {} window(s); accounting balanced: {}",
        result.windows().size(),
        result.accounting().balanced());
    return result;
  }

  /** The standard's shares per stratum: the given ones, or the national cell's patients. */
  private static double[] standardShares(Standardisation std, CellAccumulator national) {
    double[] shares = new double[AgeSexStratum.COUNT];
    if (std.kind() == Standardisation.Kind.GIVEN) {
      std.givenShares().forEach((s, w) -> shares[s.index()] = w);
      return shares;
    }
    long[] n = national.stratumCounts();
    long total = 0;
    for (long c : n) {
      total += c;
    }
    for (int i = 0; i < shares.length; i++) {
      shares[i] = total == 0 ? 0 : (double) n[i] / total;
    }
    return shares;
  }

  /**
   * The bootstrap intervals of each series' percent changes from the window before and from the
   * year before, by series key and window index; empty without a bootstrap.
   */
  private Map<String, Map<Integer, List<Interval>>> changeIntervals(
      Map<String, Map<Integer, Bootstrap.CellStats>> statsBySeries, MpiSpec spec) {
    boolean bca = spec.intervals().method() == Intervals.Method.BOOTSTRAP_BCA;
    int perYear = spec.windowScheme().windowsPerYear().orElse(-1);
    Map<String, Map<Integer, List<Interval>>> out = new HashMap<>();
    statsBySeries.forEach(
        (key, byWindow) -> {
          Map<Integer, List<Interval>> series = new HashMap<>();
          byWindow.forEach(
              (w, after) -> {
                Bootstrap.CellStats prev = byWindow.get(w - 1);
                Bootstrap.CellStats year = perYear > 0 ? byWindow.get(w - perYear) : null;
                series.put(
                    w,
                    List.of(
                        prev == null ? Interval.NONE : Bootstrap.percentChange(prev, after, bca),
                        year == null ? Interval.NONE : Bootstrap.percentChange(year, after, bca)));
              });
          out.put(key, series);
        });
    return out;
  }

  /**
   * The study period the next {@link #assemble()} uses: the fixed one (declared in the spec, or by
   * {@link #fixStudyPeriod()}), else from the earliest enrollment start to the latest enrollment end,
   * else (no enrollment record at all) the windows of the claim lines; empty when there is nothing
   * to go by.
   */
  public Optional<StudyPeriod> studyPeriod() {
    if (fixedPeriod.isPresent()) {
      return fixedPeriod;
    }
    if (enrollmentFirstDay <= enrollmentLastDay) {
      return Optional.of(
          StudyPeriod.of(
              LocalDate.ofEpochDay(enrollmentFirstDay), LocalDate.ofEpochDay(enrollmentLastDay)));
    }
    if (claimMinWindow <= claimMaxWindow) {
      return Optional.of(
          StudyPeriod.of(
              scheme.window(claimMinWindow).start(), scheme.window(claimMaxWindow).end()));
    }
    return Optional.empty();
  }

  private int[] slotsByPatient(int[] start) {
    PatientWindowTable table = (PatientWindowTable) this.table;
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
