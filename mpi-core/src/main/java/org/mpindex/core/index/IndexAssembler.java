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
import java.util.OptionalInt;
import java.util.TreeMap;
import org.mpindex.core.claims.Beneficiary;
import org.mpindex.core.claims.Claim;
import org.mpindex.core.claims.ClaimType;
import org.mpindex.core.claims.Modifier;
import org.mpindex.core.claims.PlaceOfService;
import org.mpindex.core.claims.ProcedureCode;
import org.mpindex.core.claims.ClaimLine;
import org.mpindex.core.claims.DiagnosisCode;
import org.mpindex.core.claims.Enrollment;
import org.mpindex.core.claims.Geography;
import org.mpindex.core.spi.BurdenGrouper;
import org.mpindex.core.spi.EffortCalculator;
import org.mpindex.core.spi.HealthLevelProvider;
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
  /** Rejection reason of a line's effort: the patient-window's effort sum would overflow. */
  public static final String EFFORT_OVERFLOW = "effort sum overflows";

  private static final Comparator<Beneficiary> CANONICAL_BENEFICIARY =
      Comparator.comparing(Beneficiary::toString);

  private final MpiSpec spec;
  private final EffortCalculator effortCalculator;
  private final BurdenGrouper grouper;
  private final WindowScheme scheme;
  private final boolean strict;
  private final ClaimMarker[] markers;
  private final boolean[] effortTypes;

  private final IngestTally tally = new IngestTally();
  private final HashMap<String, Integer> patientIndex = new HashMap<>();
  private final ArrayList<String> ids = new ArrayList<>();
  private String lastId;
  private int lastPatient = -1;
  private Beneficiary[] beneficiaries = new Beneficiary[256];
  private final ArrayList<List<Enrollment>> enrollments = new ArrayList<>();
  private int[] pendingLines = new int[256];
  private int[] pendingBurdens = new int[256];

  private FoldTable table;
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
      throw new IllegalArgumentException("grouper " + grouper.describe() + " has more than 64 categories");
    }
    this.scheme = spec.windowScheme();
    this.strict = spec.ingestMode() == IngestMode.STRICT;
    this.markers = spec.cohort().markers().toArray(new ClaimMarker[0]);
    this.effortTypes = new boolean[org.mpindex.core.claims.ClaimType.values().length];
    spec.effortClaimTypes().forEach(t -> effortTypes[t.ordinal()] = true);
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
      throw new IllegalStateException("the study period " + period + " holds " + ((long) hi - lo + 1)
          + " windows of " + scheme.describe() + ", more than the spec's maximum of " + spec.maximumWindows()
          + ": declare a shorter study period, or raise MpiSpec.Builder.maximumWindows");
    }
    this.fixedPeriod = Optional.of(period);
    this.table = new DenseTable(lo, hi, markers.length > 0, Math.max(1024, ids.size()));
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
      throw new IllegalStateException("claim lines were folded already: fix the study period before the first claim");
    }
    fix(studyPeriod().orElseThrow(() -> new IllegalStateException(
        "no study period to fix: declare one in the spec or add enrollment records first")));
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
  public static IndexAssembler create(MpiSpec spec, EffortCalculator effortCalculator, BurdenGrouper grouper) {
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
    List<Enrollment> spans = enrollments.get(p);
    if (spans == null) {
      spans = new ArrayList<>(2);
      enrollments.set(p, spans);
    }
    spans.add(enrollment);
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
      efforts = valuedLines.isEmpty() ? new long[0] : effortCalculator.claimEffortMicros(valuedLines, days, reported);
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
      throw new IllegalStateException(effortCalculator.describe() + " returned negative effort "
          + effort + " for claim " + line.claimId());
    }
    return effort;
  }

  /**
   * Folds a line whose effort is known: {@code effortRejection} is null when the effort was valued
   * (and counted as read under {@value IngestTally#LINE_EFFORTS}), else the reason it was not.
   */
  private IndexAssembler fold(ClaimLine line, LocalDate day, long effort, String effortRejection) {
    boolean valued = valued(line);
    long categories = 0;
    List<DiagnosisCode> dx = line.diagnoses();
    for (int i = 0, n = dx.size(); i < n; i++) {
      categories |= categoriesOf(dx.get(i));
    }
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
          throw new RejectedRecordException(EFFORT_OVERFLOW, describe(line) + ": the effort of its window would pass "
              + Long.MAX_VALUE + " micro-units");
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
   * What a claim line carries for its effort, interned: procedure (null for a diagnosis-only line),
   * modifiers, units, claim type and place of service (null when not given).
   */
  private record Signature(ProcedureCode procedure, List<Modifier> modifiers, int units, ClaimType type,
      PlaceOfService place) {}

  private final HashMap<Signature, Integer> signatureIndex = new HashMap<>();
  private final ArrayList<Signature> signatures = new ArrayList<>();
  private boolean[] signatureValued = new boolean[64];
  private final HashMap<DiagnosisCode, Integer> diagnosisIndex = new HashMap<>();
  private final ArrayList<DiagnosisCode> diagnoses = new ArrayList<>();
  private long[] diagnosisCategories = new long[256];
  // effort of a (signature, pricing period): the value, or the reason it could not be valued, with
  // what the valuation reported (replayed for every use)
  private final LongIntMap effortMemo = new LongIntMap(1024);
  private long[] memoEffort = new long[256];
  private String[] memoRejection = new String[256];
  private IngestTally[] memoReports = new IngestTally[256];
  private long[] memoUses = new long[256];
  private int memoSize;
  private int[] lastPeriodOfSignature = new int[0];
  private int[] lastMemoOfSignature = new int[0];
  // window and pricing period of each day seen, from day cacheBase on
  private int cacheBase = Integer.MIN_VALUE;
  private int[] windowOfDay = new int[0];
  private int[] periodOfDay = new int[0];
  private boolean[] dayKnown = new boolean[0];

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
  public int lineSignature(ProcedureCode procedure, List<Modifier> modifiers, int units, ClaimType type,
      PlaceOfService placeOfService) {
    if (units < 0) {
      throw new IllegalArgumentException("units is negative: " + units);
    }
    if (modifiers.size() > ClaimLine.MAX_MODIFIERS) {
      throw new IllegalArgumentException("more than " + ClaimLine.MAX_MODIFIERS + " modifiers: " + modifiers);
    }
    Signature sig = new Signature(procedure, List.copyOf(modifiers), units, Objects.requireNonNull(type, "type"),
        placeOfService);
    Integer known = signatureIndex.get(sig);
    if (known != null) {
      return known;
    }
    int i = signatures.size();
    signatures.add(sig);
    signatureIndex.put(sig, i);
    if (i == signatureValued.length) {
      signatureValued = Arrays.copyOf(signatureValued, i * 2);
    }
    signatureValued[i] = procedure != null && effortTypes[type.ordinal()];
    return i;
  }

  /** The index of a diagnosis code for {@link ClaimColumns}; its categories are looked up once. */
  public int diagnosisIndex(DiagnosisCode code) {
    Integer known = diagnosisIndex.get(code);
    if (known != null) {
      return known;
    }
    int i = diagnoses.size();
    diagnoses.add(code);
    diagnosisIndex.put(code, i);
    if (i == diagnosisCategories.length) {
      diagnosisCategories = Arrays.copyOf(diagnosisCategories, i * 2);
    }
    diagnosisCategories[i] = categoriesOf(code);
    return i;
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
      throw new IllegalArgumentException("lines " + fromLine + ".." + toLine + " outside the batch of " + batch.size);
    }
    int n = toLine - fromLine;
    if (markers.length > 0) {
      for (int i = fromLine; i < toLine; i++) {
        add(materialise(batch, i, patientBase));
      }
      return this;
    }
    tally.read(IngestTally.CLAIM_LINES, n);
    anyClaim |= n > 0;
    int[] days = spec.claimDating() == ClaimDating.SERVICE_FROM ? batch.from : batch.through;
    long efforts = 0;
    long accepted = 0;
    int known = ids.size();
    for (int i = fromLine; i < toLine; i++) {
      int p = batch.patient[i] - patientBase;
      if (p < 0 || p >= known) {
        throw new IllegalArgumentException("line " + i + " of the batch has patient index " + batch.patient[i]
            + " (base " + patientBase + "), not one of the " + known + " this assembler interned");
      }
      int day = days[i];
      int d = dayCache(day);
      int w = windowOfDay[d];
      int sig = batch.signature[i];
      long effort = 0;
      String rejection = null;
      boolean valued = signatureValued[sig];
      if (valued) {
        efforts++;
        int period = periodOfDay[d];
        if (period == -1) {
          ClaimLine line = materialise(batch, i, patientBase);
          try {
            effort = checked(effortCalculator.effortMicros(line, LocalDate.ofEpochDay(day), tally), line);
          } catch (RejectedRecordException e) {
            rejection = e.reason();
            if (strict) {
              tally.reject(IngestTally.LINE_EFFORTS, rejection, 1);
              throw new RejectedRecordException(rejection, describe(line) + ": " + e.getMessage(), e);
            }
          }
        } else {
          // the signature's last period is usually this one: no hash probe
          int m;
          if (sig < lastPeriodOfSignature.length && lastPeriodOfSignature[sig] == period && lastMemoOfSignature[sig] >= 0) {
            m = lastMemoOfSignature[sig];
          } else {
            m = memo(sig, period, day);
            if (sig >= lastPeriodOfSignature.length) {
              int c = Math.max(sig + 1, lastPeriodOfSignature.length * 2);
              int old = lastPeriodOfSignature.length;
              lastPeriodOfSignature = Arrays.copyOf(lastPeriodOfSignature, c);
              lastMemoOfSignature = Arrays.copyOf(lastMemoOfSignature, c);
              Arrays.fill(lastMemoOfSignature, old, c, -1);
            }
            lastPeriodOfSignature[sig] = period;
            lastMemoOfSignature[sig] = m;
          }
          memoUses[m]++;
          rejection = memoRejection[m];
          effort = memoEffort[m];
          if (rejection != null && strict) {
            tally.reject(IngestTally.LINE_EFFORTS, rejection, 1);
            throw new RejectedRecordException(rejection, "a claim line of beneficiary " + ids.get(p)
                + " dated " + LocalDate.ofEpochDay(day) + ": its effort cannot be valued (" + rejection + ")");
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
            throw new RejectedRecordException(EFFORT_OVERFLOW, "a claim line of beneficiary " + ids.get(p)
                + ": the effort of its window would pass " + Long.MAX_VALUE + " micro-units");
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
      for (int k = batch.dxStart[i], end = batch.dxStart[i + 1]; k < end; k++) {
        categories |= diagnosisCategories[batch.dx[k]];
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
    replayMemoReports();
    return this;
  }

  /** The position of {@code day} in the day caches, filling them for a day not seen before. */
  private int dayCache(int day) {
    int d = day - cacheBase;
    if (cacheBase == Integer.MIN_VALUE || d < 0 || d >= dayKnown.length) {
      growDayCache(day);
      d = day - cacheBase;
    }
    if (!dayKnown[d]) {
      LocalDate date = LocalDate.ofEpochDay(day);
      windowOfDay[d] = scheme.indexOf(date);
      periodOfDay[d] = effortCalculator.pricingPeriod(date);
      dayKnown[d] = true;
    }
    return d;
  }

  private void growDayCache(int day) {
    int lo = cacheBase == Integer.MIN_VALUE ? day - 366 : Math.min(cacheBase, day - 366);
    int hi = cacheBase == Integer.MIN_VALUE ? day + 366 : Math.max(cacheBase + dayKnown.length, day + 366);
    int len = hi - lo;
    int[] w = new int[len];
    int[] per = new int[len];
    boolean[] known = new boolean[len];
    if (cacheBase != Integer.MIN_VALUE) {
      int off = cacheBase - lo;
      System.arraycopy(windowOfDay, 0, w, off, windowOfDay.length);
      System.arraycopy(periodOfDay, 0, per, off, periodOfDay.length);
      System.arraycopy(dayKnown, 0, known, off, dayKnown.length);
    }
    cacheBase = lo;
    windowOfDay = w;
    periodOfDay = per;
    dayKnown = known;
  }

  /** The memo entry of a signature in a pricing period, valuing it on {@code day} the first time. */
  private int memo(int sig, int period, int day) {
    long key = ((long) sig << 32) | (period & 0xFFFF_FFFFL);
    int m = effortMemo.get(key);
    if (m >= 0) {
      return m;
    }
    m = memoSize++;
    if (m == memoEffort.length) {
      int c = m * 2;
      memoEffort = Arrays.copyOf(memoEffort, c);
      memoRejection = Arrays.copyOf(memoRejection, c);
      memoReports = Arrays.copyOf(memoReports, c);
      memoUses = Arrays.copyOf(memoUses, c);
    }
    Signature sg = signatures.get(sig);
    ClaimLine prototype = prototype(sg, day);
    IngestTally reports = new IngestTally();
    try {
      memoEffort[m] = checked(effortCalculator.effortMicros(prototype, LocalDate.ofEpochDay(day), reports), prototype);
    } catch (RejectedRecordException e) {
      memoRejection[m] = e.reason();
    }
    memoReports[m] = reports.isEmpty() ? null : reports;
    effortMemo.put(key, m);
    return m;
  }

  /** Counts what each memoised valuation reported, once per line that used it since the last time. */
  private void replayMemoReports() {
    for (int m = 0; m < memoSize; m++) {
      if (memoUses[m] > 0) {
        if (memoReports[m] != null) {
          tally.addAll(memoReports[m], memoUses[m]);
        }
        memoUses[m] = 0;
      }
    }
  }

  private static ClaimLine prototype(Signature sg, int day) {
    ClaimLine.Builder b = ClaimLine.builder().claimId("columns").beneficiaryId("columns")
        .serviceFrom(LocalDate.ofEpochDay(day)).units(sg.units()).claimType(sg.type());
    if (sg.procedure() != null) {
      b.procedure(sg.procedure());
    }
    if (sg.place() != null) {
      b.placeOfService(sg.place());
    }
    sg.modifiers().forEach(b::modifier);
    return b.build();
  }

  /** Line {@code i} of a batch as an object (for cohort markers and calculators without periods). */
  private ClaimLine materialise(ClaimColumns batch, int i, int patientBase) {
    Signature sg = signatures.get(batch.signature[i]);
    ClaimLine.Builder b = ClaimLine.builder().claimId("columns").beneficiaryId(ids.get(batch.patient[i] - patientBase))
        .serviceFrom(LocalDate.ofEpochDay(batch.from[i])).serviceThrough(LocalDate.ofEpochDay(batch.through[i]))
        .units(sg.units()).claimType(sg.type());
    if (sg.procedure() != null) {
      b.procedure(sg.procedure());
    }
    if (sg.place() != null) {
      b.placeOfService(sg.place());
    }
    sg.modifiers().forEach(b::modifier);
    for (int k = batch.dxStart[i]; k < batch.dxStart[i + 1]; k++) {
      b.diagnosis(diagnoses.get(batch.dx[k]));
    }
    return b.build();
  }

  private static String describe(ClaimLine line) {
    return "claim " + line.claimId() + " of beneficiary " + line.beneficiaryId();
  }

  /** OR-s precomputed categories (e.g. ACG output) into the patient's state for that window. */
  public IndexAssembler add(PrecomputedBurden burden) {
    tally.read(IngestTally.BURDENS);
    int p = intern(burden.beneficiaryId());
    int s = table.slot(p, scheme.indexOf(burden.day()));
    if (s >= 0) {
      table.categories[s] |= burden.categories();
    }
    pendingBurdens[p]++;
    return this;
  }

  /** Adds every beneficiary, enrollment span, claim line or precomputed burden of {@code records}. */
  public IndexAssembler addAll(Iterable<?> records) {
    for (Object r : records) {
      if (r instanceof ClaimLine) {
        add((ClaimLine) r);
      } else if (r instanceof Claim) {
        add((Claim) r);
      } else if (r instanceof Beneficiary) {
        add((Beneficiary) r);
      } else if (r instanceof Enrollment) {
        add((Enrollment) r);
      } else if (r instanceof PrecomputedBurden) {
        add((PrecomputedBurden) r);
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
      throw new IllegalArgumentException("cannot combine assemblers with different fixed study periods ("
          + fixedPeriod.map(Object::toString).orElse("none") + " vs "
          + other.fixedPeriod.map(Object::toString).orElse("none") + "): fix the same period in both");
    }
    if (!spec.equals(other.spec)) {
      throw new IllegalArgumentException("cannot combine assemblers with different specs:\n" + spec + "\n" + other.spec);
    }
    if (!effortCalculator.equals(other.effortCalculator) || !grouper.equals(other.grouper)) {
      throw new IllegalArgumentException("cannot combine assemblers with different effort calculators or groupers ("
          + effortCalculator.describe() + " / " + grouper.describe() + " vs " + other.effortCalculator.describe()
          + " / " + other.grouper.describe() + "): share the instances, or give them value equality");
    }
    tally.addAll(other.tally);
    int[] map = new int[other.ids.size()];
    for (int q = 0; q < map.length; q++) {
      int p = intern(other.ids.get(q));
      map[q] = p;
      if (other.beneficiaries[q] != null) {
        mergeBeneficiary(p, other.beneficiaries[q]);
      }
      List<Enrollment> spans = other.enrollments.get(q);
      if (spans != null) {
        for (Enrollment e : spans) {
          if (enrollments.get(p) == null) {
            enrollments.set(p, new ArrayList<>(2));
          }
          enrollments.get(p).add(e);
        }
      }
      pendingLines[p] += other.pendingLines[q];
      pendingBurdens[p] += other.pendingBurdens[q];
    }
    FoldTable o = other.table;
    o.forEachSlot((q, w, s, lines) -> {
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
        throw new RejectedRecordException(CONFLICTING_BENEFICIARY,
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
    Integer known = patientIndex.get(id);
    int p;
    if (known != null) {
      p = known;
    } else {
      p = ids.size();
      ids.add(id);
      patientIndex.put(id, p);
      enrollments.add(null);
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
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, got " + threads);
    }
    IngestTally counts = tally.copy();
    replayMemoReports();
    Optional<StudyPeriod> period = studyPeriod();
    int lo = 0;
    int hi = -1;
    if (period.isPresent()) {
      lo = scheme.indexOf(period.get().from());
      hi = scheme.indexOf(period.get().to());
      if ((long) hi - lo + 1 > spec.maximumWindows()) {
        throw new IllegalStateException("the study period " + period.get() + " holds " + ((long) hi - lo + 1)
            + " windows of " + scheme.describe() + ", more than the spec's maximum of " + spec.maximumWindows()
            + ": declare a study period, or raise MpiSpec.Builder.maximumWindows");
      }
    }
    int patients = ids.size();
    if (strict) {
      // the first id (in id order) without a beneficiary record is named
      String missing = null;
      int missingIndex = -1;
      for (int p = 0; p < patients; p++) {
        if (beneficiaries[p] == null && (missing == null || ids.get(p).compareTo(missing) < 0)) {
          missing = ids.get(p);
          missingIndex = p;
        }
      }
      if (missing != null) {
        List<Enrollment> spans = enrollments.get(missingIndex);
        throw new RejectedRecordException(NO_BENEFICIARY, "beneficiary '" + missing + "' has "
            + pendingLines[missingIndex] + " claim line(s), " + (spans == null ? 0 : spans.size())
            + " enrollment span(s) and " + pendingBurdens[missingIndex]
            + " precomputed burden(s) but no beneficiary record");
      }
    }
    int[] slotStart = null;
    int[] bySlot = null;
    if (table instanceof PatientWindowTable) {
      slotStart = new int[patients + 1];
      bySlot = slotsByPatient(slotStart);
    }
    int parts = Math.max(1, Math.min(threads, patients / 1024 + 1));
    List<Pass> passes = new ArrayList<>(parts);
    for (int k = 0; k < parts; k++) {
      passes.add(new Pass(lo, hi, period, new IndexPartial(lo, Math.max(0, hi - lo + 1),
          spec.aggregation().needsAllRatios(), k == 0 ? counts : new IngestTally())));
    }
    int[] starts = bySlot;
    int[] slotStarts = slotStart;
    Runnable[] work = new Runnable[parts];
    for (int k = 0; k < parts; k++) {
      int from = (int) ((long) patients * k / parts);
      int to = (int) ((long) patients * (k + 1) / parts);
      Pass pass = passes.get(k);
      work[k] = () -> {
        for (int p = from; p < to; p++) {
          pass.patient(p, starts, slotStarts);
        }
      };
    }
    if (parts == 1) {
      work[0].run();
    } else {
      java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(parts, r -> {
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
    for (Pass pass : passes) {
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
    LOG.debug("assembled a partial over {} id(s) on {} thread(s)", ids.size(), parts);
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
    Optional<StudyPeriod> period = studyPeriod();
    int lo = period.map(p -> scheme.indexOf(p.from())).orElse(0);
    int span = period.map(p -> scheme.indexOf(p.to()) - scheme.indexOf(p.from()) + 1).orElse(0);
    if (partial.lo != lo || partial.span != span) {
      throw new IllegalArgumentException("the partial covers windows " + partial.lo + "+" + partial.span
          + ", this assembler's study " + lo + "+" + span + ": fix the same study period everywhere");
    }
    List<Window> indexWindows = new ArrayList<>();
    List<IndexCell> nationalCells = new ArrayList<>();
    Map<Integer, List<IndexCell>> groupCells = new TreeMap<>();
    for (int i = spec.lag(); i < span; i++) {
      Window w = scheme.window(lo + i);
      indexWindows.add(w);
      nationalCells.add(partial.national[i].toCell(w, Grouping.NATIONAL_KEY, spec.aggregation()));
      List<IndexCell> cells = new ArrayList<>();
      new TreeMap<>(partial.groups.get(i)).forEach((key, acc) -> cells.add(acc.toCell(w, key, spec.aggregation())));
      groupCells.put(w.index(), cells);
    }
    MpiResult result = new MpiResult(spec, period, effortCalculator.describe(), grouper.describe(),
        partial.counts.snapshot(), indexWindows, nationalCells, groupCells);
    LOG.debug("read {} window(s); accounting balanced: {}", result.windows().size(), result.accounting().balanced());
    return result;
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
      return Optional.of(StudyPeriod.of(LocalDate.ofEpochDay(enrollmentFirstDay), LocalDate.ofEpochDay(enrollmentLastDay)));
    }
    if (claimMinWindow <= claimMaxWindow) {
      return Optional.of(StudyPeriod.of(scheme.window(claimMinWindow).start(), scheme.window(claimMaxWindow).end()));
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

  /** One assembly pass over the study windows [lo, hi], with reusable per-patient buffers. */
  private final class Pass implements CohortView {
    private final Optional<StudyPeriod> period;
    private final boolean lookBack = spec.eligibility() == Eligibility.LOOK_BACK;
    private final int lo;
    private final int span;
    private final int lag = spec.lag();
    private final Window[] windows;
    private final long[] windowStart;
    private final long[] windowEnd;
    private final CellAccumulator[] national;
    private final List<HashMap<String, CellAccumulator>> groups;
    final IndexPartial out;
    private final boolean keepRatios = spec.aggregation().needsAllRatios();
    private final HealthLevelProvider health = spec.healthLevel();
    private final Map<String, Integer> markerIndex = new HashMap<>();

    // per-patient buffers over the study windows
    private final long[] effort;
    private final long[] categories;
    private final long[] marks;
    private final byte[] flags;
    private final boolean[] covered;
    private final int[] coveredUpTo;
    private final boolean[] touched;

    // the current patient's day of death (epoch day; Long.MAX_VALUE while alive)
    private long deathDay;

    // what this pass accounted for
    long outside;
    long beneficiaries;
    long acceptedLines;
    long acceptedSpans;
    long acceptedBurdens;
    long orphanLines;
    long orphanSpans;
    long orphanBurdens;

    // the cohort view's current patient and window
    private Beneficiary viewBeneficiary;
    private Geography viewResidence;
    private int viewIndex;
    private int viewAge;
    private int viewEligible;

    Pass(int lo, int hi, Optional<StudyPeriod> period, IndexPartial out) {
      // one pass per thread: buffers and cells of its own
      this.out = out;
      this.period = period;
      this.lo = lo;
      this.span = Math.max(0, hi - lo + 1);
      windows = new Window[span];
      windowStart = new long[span];
      windowEnd = new long[span];
      for (int i = 0; i < span; i++) {
        windows[i] = scheme.window(lo + i);
        windowStart[i] = windows[i].start().toEpochDay();
        windowEnd[i] = windows[i].end().toEpochDay();
      }
      national = out.national;
      groups = out.groups;
      for (int i = 0; i < markers.length; i++) {
        markerIndex.put(markers[i].name(), i);
      }
      effort = new long[span];
      categories = new long[span];
      marks = new long[span];
      flags = new byte[span];
      covered = new boolean[span];
      coveredUpTo = new int[span];
      touched = new boolean[span];
    }

    /** Accounts for patient {@code p} and evaluates them in every index window. */
    void patient(int p, int[] bySlot, int[] slotStart) {
      Beneficiary b = IndexAssembler.this.beneficiaries[p];
      List<Enrollment> spans = enrollments.get(p);
      int spanCount = spans == null ? 0 : spans.size();
      if (b == null) {
        orphanLines += pendingLines[p];
        orphanSpans += spanCount;
        orphanBurdens += pendingBurdens[p];
        return;
      }
      beneficiaries++;
      acceptedLines += pendingLines[p];
      acceptedSpans += spanCount;
      acceptedBurdens += pendingBurdens[p];
      Arrays.fill(effort, 0);
      Arrays.fill(categories, 0);
      Arrays.fill(marks, 0);
      Arrays.fill(flags, (byte) 0);
      FoldTable t = table;
      if (t instanceof DenseTable) {
        DenseTable d = (DenseTable) t;
        outside += d.outsideLines(p);
        int base = p * d.width;
        for (int i = 0; i < span; i++) {
          int w = lo + i - d.lo;
          if (w < 0 || w >= d.width || (long) p * d.width >= d.effort.length) {
            continue;
          }
          int s = base + w;
          effort[i] = d.effort[s];
          categories[i] = grouper.applyHierarchy(d.categories[s]);
          marks[i] = d.markers == null ? 0 : d.markers[s];
          flags[i] = d.flags[s];
        }
      } else {
        PatientWindowTable h = (PatientWindowTable) t;
        for (int k = slotStart[p], end = slotStart[p + 1]; k < end; k++) {
          int s = bySlot[k];
          int i = h.window[s] - lo;
          if (i < 0 || i >= span) {
            outside += h.lines[s];
            continue;
          }
          effort[i] = h.effort[s];
          categories[i] = grouper.applyHierarchy(h.categories[s]);
          marks[i] = h.markers[s];
          flags[i] = h.flags[s];
        }
      }
      List<Enrollment> sorted = sortedSpans(spans);
      int eligibleInStudy = coverage(sorted, b);
      for (int i = lag; i < span; i++) {
        int eligible = lookBack ? coveredUpTo[i] : eligibleInStudy;
        if (!touched[i] && (flags[i] & PatientWindowTable.HAS_CLAIM) == 0) {
          continue;
        }
        Window w = windows[i];
        Geography residence = residence(sorted, i, b);
        String key = spec.grouping().keyOf(b, residence, w);
        CellAccumulator nat = national[i];
        CellAccumulator grp = groups.get(i).computeIfAbsent(key, k -> new CellAccumulator(keepRatios));
        evaluate(b, residence, eligible, i, nat, grp);
      }
    }

    private void evaluate(
        Beneficiary b, Geography residence, int eligible, int i, CellAccumulator nat, CellAccumulator grp) {
      Window w = windows[i];
      ExclusionReason reason = null;
      double h = 0;
      long m = 0;
      int age = b.ageOn(ageDay(i));
      if (b.diedBefore(w.start())) {
        reason = ExclusionReason.DECEASED;
      } else if (!covered[i]) {
        reason = ExclusionReason.NOT_ENROLLED;
      } else if (age < spec.minimumAge()) {
        reason = ExclusionReason.UNDER_MINIMUM_AGE;
      } else if (!covered[i - lag]) {
        reason = ExclusionReason.NOT_ENROLLED_IN_EFFORT_WINDOW;
      } else if (eligible < spec.minimumEligibleWindows()) {
        reason = ExclusionReason.TOO_FEW_ELIGIBLE_WINDOWS;
      } else if (!spec.cohort().isEveryone() && !inCohort(b, residence, i, age, eligible)) {
        reason = ExclusionReason.NOT_IN_COHORT;
      } else if (spec.healthPopulation() == HealthPopulation.WITH_CLAIM_IN_WINDOW
          && (flags[i] & PatientWindowTable.HAS_CLAIM) == 0) {
        reason = ExclusionReason.NO_CLAIM_IN_WINDOW;
      } else {
        int burden = Long.bitCount(categories[i]);
        h = spec.zeroBurden().healthLevel(health, burden);
        if (Double.isNaN(h)) {
          reason = burden == 0 && spec.zeroBurden() == ZeroBurden.EXCLUDE
              ? ExclusionReason.ZERO_BURDEN
              : ExclusionReason.HEALTH_UNDEFINED;
        } else if (h < 0 || Double.isInfinite(h)) {
          throw new IllegalStateException(
              "health level " + health.describe() + " gave " + h + " for burden " + burden);
        }
        if (reason == null) {
          m = Math.max(effort[i - lag], spec.zeroEffort().floorMicros());
          if (m == 0) {
            reason = ExclusionReason.ZERO_EFFORT;
          }
        }
      }
      if (reason != null) {
        nat.exclude(reason);
        grp.exclude(reason);
      } else {
        double ratio = h * EffortCalculator.MICROS_PER_UNIT / m;
        nat.add(ratio, h, m);
        grp.add(ratio, h, m);
      }
      if ((reason == null || reason == ExclusionReason.ZERO_EFFORT)
          && (flags[i - lag] & PatientWindowTable.EFFORT_REJECTED) != 0) {
        nat.effortIncomplete();
        grp.effortIncomplete();
      }
    }

    private LocalDate ageDay(int i) {
      switch (spec.ageReference()) {
        case END_OF_WINDOW:
          return windows[i].end();
        case START_OF_EFFORT_WINDOW:
          return windows[i - lag].start();
        default:
          return windows[i].start();
      }
    }

    private boolean inCohort(Beneficiary b, Geography residence, int i, int age, int eligible) {
      viewBeneficiary = b;
      viewResidence = residence;
      viewIndex = i;
      viewAge = age;
      viewEligible = eligible;
      return spec.cohort().includes(this);
    }

    private List<Enrollment> sortedSpans(List<Enrollment> spans) {
      if (spans == null) {
        return List.of();
      }
      List<Enrollment> sorted = new ArrayList<>(spans);
      sorted.sort(Comparator.comparing(Enrollment::start)
          .thenComparing(Enrollment::end)
          .thenComparing(Enrollment::program)
          .thenComparing(e -> e.residence().toString()));
      return sorted;
    }

    /**
     * Fills {@code covered}, {@code coveredUpTo} and {@code touched}; returns the number of covered
     * study windows.
     */
    private int coverage(List<Enrollment> sorted, Beneficiary b) {
      deathDay = b.deathDate().map(LocalDate::toEpochDay).orElse(Long.MAX_VALUE);
      Arrays.fill(covered, false);
      Arrays.fill(touched, false);
      long runStart = Long.MIN_VALUE;
      long runEnd = Long.MIN_VALUE;
      for (Enrollment e : sorted) {
        markTouched(e);
        if (!spec.programs().isEmpty() && !spec.programs().contains(e.program())) {
          continue;
        }
        long s = e.start().toEpochDay();
        long t = e.end().toEpochDay();
        if (runStart != Long.MIN_VALUE && s <= runEnd + 1) {
          runEnd = Math.max(runEnd, t);
        } else {
          if (runStart != Long.MIN_VALUE) {
            markCovered(runStart, runEnd);
          }
          runStart = s;
          runEnd = t;
        }
      }
      if (runStart != Long.MIN_VALUE) {
        markCovered(runStart, runEnd);
      }
      int n = 0;
      for (int i = 0; i < span; i++) {
        n += covered[i] ? 1 : 0;
        coveredUpTo[i] = n;
      }
      return n;
    }

    private void markTouched(Enrollment e) {
      int a = Math.max(scheme.indexOf(e.start()) - lo, 0);
      int z = Math.min(scheme.indexOf(e.end()) - lo, span - 1);
      for (int i = a; i <= z; i++) {
        touched[i] = true;
      }
    }

    private void markCovered(long startDay, long endDay) {
      int a = Math.max(scheme.indexOf(LocalDate.ofEpochDay(startDay)) - lo, 0);
      int z = Math.min(scheme.indexOf(LocalDate.ofEpochDay(endDay)) - lo, span - 1);
      Coverage rule = spec.coverage();
      for (int i = a; i <= z; i++) {
        if (rule == Coverage.ANY_DAY) {
          covered[i] = true;
        } else if (rule == Coverage.FULL_WINDOW) {
          covered[i] = windowStart[i] >= startDay && windowEnd[i] <= endDay;
        } else if (windowStart[i] <= deathDay) {
          // while alive: the days from the window's start to its end or the day of death
          covered[i] = windowStart[i] >= startDay && Math.min(windowEnd[i], deathDay) <= endDay;
        }
      }
    }

    /**
     * The residence of the span with a residence that covers the window's first day, else of the
     * first such span overlapping the window, else the beneficiary's geography.
     */
    private Geography residence(List<Enrollment> sorted, int i, Beneficiary b) {
      Enrollment overlapping = null;
      for (Enrollment e : sorted) {
        if (e.residence().isEmpty()) {
          continue;
        }
        long s = e.start().toEpochDay();
        long t = e.end().toEpochDay();
        if (s <= windowStart[i] && t >= windowStart[i]) {
          return e.residence().get();
        }
        if (overlapping == null && s <= windowEnd[i] && t >= windowStart[i]) {
          overlapping = e;
        }
      }
      return overlapping != null ? overlapping.residence().get() : b.geography();
    }

    // ------------------------------------------------------------ CohortView

    @Override
    public Beneficiary beneficiary() {
      return viewBeneficiary;
    }

    @Override
    public Window window() {
      return windows[viewIndex];
    }

    @Override
    public Geography residence() {
      return viewResidence;
    }

    @Override
    public int age() {
      return viewAge;
    }

    @Override
    public int eligibleWindows() {
      return viewEligible;
    }

    private int marker(String name) {
      Integer m = markerIndex.get(name);
      if (m == null) {
        throw new IllegalArgumentException("cohort '" + spec.cohort().name() + "' declares no marker '" + name + "'");
      }
      return m;
    }

    /** The last window the view may see: t under look-back eligibility, else the study's last. */
    private int lastVisible() {
      return lookBack ? viewIndex : span - 1;
    }

    @Override
    public boolean marked(String name, int fromOffset, int toOffset) {
      long bit = 1L << marker(name);
      int a = Math.max(viewIndex + fromOffset, 0);
      int z = Math.min(viewIndex + toOffset, lastVisible());
      for (int i = a; i <= z; i++) {
        if ((marks[i] & bit) != 0) {
          return true;
        }
      }
      return false;
    }

    @Override
    public OptionalInt firstMarked(String name) {
      long bit = 1L << marker(name);
      for (int i = 0; i <= viewIndex; i++) {
        if ((marks[i] & bit) != 0) {
          return OptionalInt.of(i - viewIndex);
        }
      }
      return OptionalInt.empty();
    }

    @Override
    public long categories(int offset) {
      int i = viewIndex + offset;
      return i >= 0 && i <= lastVisible() ? categories[i] : 0L;
    }

    @Override
    public long effortMicros(int offset) {
      int i = viewIndex + offset;
      return i >= 0 && i <= lastVisible() ? effort[i] : 0L;
    }
  }
}
