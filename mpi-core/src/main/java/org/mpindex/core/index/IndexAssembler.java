package org.mpindex.core.index;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
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
import org.mpindex.core.time.WindowScheme;

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
 * <p>{@link #assemble()} does not consume the state, and may be called again (another lag, the
 * side-by-side cohorts, another thread count) with the same result; but it closes the assembler to
 * records: an {@code add}, {@link #addAll}, {@link #addWindowState} or {@link #combine} after the
 * first {@code assemble}, {@code assembleWithLag}, {@code assembleCohorts} or {@code partial} throws
 * {@link IllegalStateException} (a result already handed out would otherwise silently disagree
 * with the next one). An incremental index builds a new assembler per update, or keeps its own
 * running cells ({@link RealTimeIndex} does). Partial assemblers over disjoint sets of records combine with {@link
 * #combine}; the combined result equals the result over all records. Records are not de-duplicated
 * across assemblers: combining two assemblers that both folded the same claim line is the same as
 * adding that line twice (its effort counts twice; its categories, a union, do not change; it is
 * counted twice as read). Combining an assembler with itself, or with one it has already absorbed
 * (directly or through another), throws {@link IllegalArgumentException}.
 *
 * <p>The assembler is the composition of the steps of {@code org.mpindex.core.index} (see its
 * package comment): {@link Patients} (ingest of the people), {@link ClaimFold} (the fold of claims
 * into {@link FoldTable} state, with {@link LineCodebook}), {@link Evaluation} over {@link
 * PatientPass}es (eligibility and coverage, exclusions, H/M, the cells of an {@link IndexPartial})
 * and {@link ResultReader} (the {@link MpiResult}).
 *
 * <p>Threads: the methods that add or combine records ({@code add}, {@link #addAll}, {@link
 * #addWindowState}, {@link #combine}, the calls of {@link #columnar()}, {@link #expectPatients}, {@code fixStudyPeriod}) are <em>not</em> thread-safe:
 * give each thread its own assembler and {@link #combine} them (or merge their {@link #partial}s),
 * or hand one assembler from thread to thread with a happens-before edge (a queue, a join). Two
 * such calls that overlap in time on one assembler are detected on a best-effort basis (a flag set
 * for the duration of each call, one check per call, never per line of a batch) and the second one
 * throws {@link java.util.ConcurrentModificationException}; a detection is certain only when the
 * calls really overlap. {@link #assemble(int)} and its variants run on several threads internally
 * and may be called from any one thread once adding is done; {@link #hasBeneficiary} and {@link
 * #beneficiary} may be called from any thread while no record is added.
 */
public final class IndexAssembler {

  /** Rejection reason: records for an id without a beneficiary record. */
  public static final AssemblyRejection NO_BENEFICIARY = AssemblyRejection.NO_BENEFICIARY;

  /** Rejection reason: a second, identical beneficiary record. */
  public static final AssemblyRejection DUPLICATE_BENEFICIARY =
      AssemblyRejection.DUPLICATE_BENEFICIARY;

  /** Rejection reason: a second beneficiary record with the same id and other values. */
  public static final AssemblyRejection CONFLICTING_BENEFICIARY =
      AssemblyRejection.CONFLICTING_BENEFICIARY;

  /** Note: accepted claim lines dated outside the study period (they do not enter any index). */
  public static final String OUTSIDE_STUDY_PERIOD = "claim lines outside the study period";

  /**
   * Note: patients (with a beneficiary record) who have a {@code MEDICARE_FFS} and a {@code
   * MEDICARE_ADVANTAGE} enrollment span on one same day, which cannot both be true. Counted once
   * per patient, not rejected: which record is wrong cannot be told, and each span keeps its meaning
   * (under the default programs the fee-for-service span covers those days, the Medicare Advantage
   * span does not); check the enrollment data of these patients.
   */
  public static final String FFS_AND_MA_OVERLAP =
      "patients with fee-for-service and Medicare Advantage spans on the same days";

  /** Rejection reason of a precomputed burden whose span holds more windows than the spec's maximum. */
  public static final AssemblyRejection BURDEN_SPAN_TOO_LONG =
      AssemblyRejection.BURDEN_SPAN_TOO_LONG;

  /** Rejection reason of a line's effort: the patient-window's effort sum would overflow. */
  public static final AssemblyRejection EFFORT_OVERFLOW = AssemblyRejection.EFFORT_OVERFLOW;

  private final MpiSpec spec;
  private final EffortCalculator effortCalculator;
  final BurdenGrouper grouper;
  final WindowScheme scheme;
  private final boolean strict;

  /** Where each folded cohort's markers start among the fold's markers, by identity. */
  private final java.util.IdentityHashMap<Cohort, Integer> markerOffsets =
      new java.util.IdentityHashMap<>();

  private final IngestTally tally = new IngestTally();
  final Patients patients = new Patients();
  final ClaimFold fold;
  private final ColumnarIngest columnar = new ColumnarIngest(this);
  // the study period fixed before the first claim (declared, or fixStudyPeriod()): the dense layout
  private Optional<StudyPeriod> fixedPeriod = Optional.empty();

  // set by the first assembly: no record may be added after it (see the class comment)
  private volatile boolean assembled;

  // the thread inside a call that changes the state, null when none is: a second, overlapping call
  // throws (one check per call, opaque accesses: no fence on the fold's path). The columnar adds
  // clear it only when they return: one that threw leaves it set, and the next add is refused
  @SuppressWarnings("UnusedVariable") // accessed through OWNER
  private Thread owner;

  // the call the owner is in (for the message after a columnar add that threw)
  private String ownerCall;

  private static final java.lang.invoke.VarHandle OWNER;

  static {
    try {
      OWNER =
          java.lang.invoke.MethodHandles.lookup()
              .findVarHandle(IndexAssembler.class, "owner", Thread.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  // this assembler's serial number, and those of the assemblers combine folded in (with theirs):
  // combining one twice throws. Numbers, not references, so that an absorbed assembler's state can
  // be collected once it is combined
  private static final java.util.concurrent.atomic.AtomicLong SERIALS =
      new java.util.concurrent.atomic.AtomicLong();
  private final long serial = SERIALS.incrementAndGet();
  private final java.util.Set<Long> absorbed = new java.util.HashSet<>();

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
    this.fold =
        new ClaimFold(
            spec, effortCalculator, grouper, all.toArray(new ClaimMarker[0]), patients, tally);
    if (spec.studyPeriod().isPresent()) {
      fix(spec.studyPeriod().get());
    }
  }

  /**
   * Enters a call that changes the state: refuses it after assembly, while another such call runs on
   * this assembler, and after a columnar add that threw. Pair with {@link #leave()} in a {@code
   * finally}, except in the columnar adds (see {@link #add(ClaimColumns)}).
   */
  private void enter(String call) {
    refuseAfterAssembly(call);
    Object inside = OWNER.getOpaque(this);
    if (inside != null) {
      if (inside == Thread.currentThread()) {
        throw new IllegalStateException(
            call
                + " after "
                + ownerCall
                + " on this assembler ended in an exception: the batch it was folding may be partly"
                + " in, so what the assembler holds is not known; its tally and assemble() still"
                + " answer, but a new attempt needs a new assembler");
      }
      throw new java.util.ConcurrentModificationException(
          call
              + " while another call adds to the same assembler on another thread (or after a"
              + " columnar add on another thread ended in an exception): an assembler is not"
              + " thread-safe; give each thread its own assembler and combine() them");
    }
    OWNER.setOpaque(this, Thread.currentThread());
    ownerCall = call;
  }

  private void refuseAfterAssembly(String call) {
    if (assembled) {
      throw new IllegalStateException(
          call
              + " after the index was assembled: an assembler takes no record once assemble(),"
              + " assembleWithLag(), assembleCohorts() or partial() has run (the result handed out"
              + " would silently disagree with the next one); add every record first, or add the"
              + " new records to a new assembler and combine() this one into it");
    }
  }

  private void leave() {
    OWNER.setOpaque(this, null);
  }

  private void fix(StudyPeriod period) {
    int lo = scheme.indexOf(period.from());
    int hi = scheme.indexOf(period.to());
    checkWindowCount(spec, period, "declare a shorter study period");
    this.fixedPeriod = Optional.of(period);
    fold.fixWindows(lo, hi);
  }

  /**
   * Checks that {@code period} holds no more windows than the spec's maximum.
   *
   * @throws IllegalStateException naming the period, its windows and the maximum, with {@code advice}
   */
  static void checkWindowCount(MpiSpec spec, StudyPeriod period, String advice) {
    WindowScheme scheme = spec.windowScheme();
    long windows = (long) scheme.indexOf(period.to()) - scheme.indexOf(period.from()) + 1;
    if (windows > spec.maximumWindows()) {
      throw new IllegalStateException(
          "the study period "
              + period
              + " holds "
              + windows
              + " windows of "
              + scheme.describe()
              + ", more than the spec's maximum of "
              + spec.maximumWindows()
              + ": "
              + advice
              + ", or raise MpiSpec.Builder.maximumWindows");
    }
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
    refuseAfterAssembly("fixStudyPeriod");
    if (fold.anyClaim()) {
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
    refuseAfterAssembly("fixStudyPeriod");
    if (fold.anyClaim()) {
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
    enter("add(Beneficiary)");
    try {
      tally.read(IngestTally.BENEFICIARIES);
      patients.merge(patients.intern(beneficiary.id()), beneficiary, tally, strict);
    } finally {
      leave();
    }
    return this;
  }

  /** Adds an enrollment span; spans of ids without a beneficiary record are rejected at assembly. */
  public IndexAssembler add(Enrollment enrollment) {
    enter("add(Enrollment)");
    try {
      tally.read(IngestTally.ENROLLMENTS);
      patients.add(patients.intern(enrollment.beneficiaryId()), enrollment);
    } finally {
      leave();
    }
    return this;
  }

  /**
   * Folds a claim line: its effort (for effort-bearing claim types) and its diagnosis categories go
   * into the patient's state for the line's window (the window of its from- or through-date, as
   * {@link MpiSpec#claimDating()} says; the same day picks the RVU release).
   *
   * <p>Effort and health are separate facts about a line: when the effort calculator cannot value the
   * line (no price list in force on its day, say), lenient mode rejects the <em>effort</em> only,
   * counted by reason under {@link IngestTally#LINE_EFFORTS}; the line's diagnoses and window are
   * folded as usual, and the patient-window is marked as having incomplete effort ({@link
   * IndexCell#effortIncomplete()}).
   *
   * @throws RejectedRecordException in strict mode, when the effort calculator rejects the line
   */
  public IndexAssembler add(ClaimLine line) {
    enter("add(ClaimLine)");
    try {
      fold.add(line);
    } finally {
      leave();
    }
    return this;
  }

  /**
   * Folds the lines of one claim as {@link #add(ClaimLine)} would, with efforts from {@link
   * EffortCalculator#claimEffortMicros}, so that rules needing the whole claim apply (a day's
   * procedures ranked by fee). When the calculator rejects the claim, its lines are valued one by one.
   *
   * @throws RejectedRecordException in strict mode, when a line's effort is rejected
   */
  public IndexAssembler add(Claim claim) {
    enter("add(Claim)");
    try {
      fold.add(claim);
    } finally {
      leave();
    }
    return this;
  }

  /**
   * The beneficiary record added (or combined in) for {@code id}; empty when none has been. Readers
   * that see every beneficiary before the claims and enrollment spans (as {@code mpi compute} reads
   * them) use it to check records against the beneficiary as they read them, naming the file and
   * line: an id without a record ({@link #NO_BENEFICIARY}), a service day outside the beneficiary's
   * life. Does not intern {@code id}. Safe from any thread while no record is added.
   */
  public Optional<Beneficiary> beneficiary(String id) {
    return Optional.ofNullable(patients.beneficiaryOf(id));
  }

  /** Whether a beneficiary record for {@code id} has been added: {@link #beneficiary} is present. */
  public boolean hasBeneficiary(String id) {
    return patients.beneficiaryOf(id) != null;
  }

  // ---------------------------------------------------------------- columnar ingest

  /**
   * A hint that this assembler will hold about {@code patients} patients (distinct beneficiary ids)
   * in all: the id table, the per-patient arrays and the fold's state are sized for them at once,
   * instead of grown step by step as ids arrive (each step copies, and the id table places every id
   * again). Changes no result and no count; more ids than expected are taken as usual, fewer leave
   * the memory reserved unused (about 40 bytes a patient, plus the fold's state per patient-window
   * when the study period is fixed).
   *
   * @param patients how many distinct beneficiary ids are expected; 0 does nothing
   * @throws IllegalArgumentException if {@code patients} is negative
   */
  public IndexAssembler expectPatients(int patients) {
    if (patients < 0) {
      throw new IllegalArgumentException("expected patients must not be negative, got " + patients);
    }
    enter("expectPatients");
    try {
      this.patients.reserve(patients);
      fold.table.reserve(patients);
    } finally {
      leave();
    }
    return this;
  }

  /**
   * The handle of the columnar way in: interning of ids, line signatures and diagnoses for {@link
   * ClaimColumns}, and the fold of a batch. One per assembler (the same object on every call).
   */
  public ColumnarIngest columnar() {
    return columnar;
  }

  /** {@link ColumnarIngest#patientIndex}. */
  int patientIndex(String beneficiaryId) {
    if (beneficiaryId == null || beneficiaryId.isBlank()) {
      throw new IllegalArgumentException("beneficiary id is blank");
    }
    enter("patientIndex");
    try {
      return patients.intern(beneficiaryId);
    } finally {
      leave();
    }
  }

  /** {@link ColumnarIngest#lineSignature}. */
  int lineSignature(
      ProcedureCode procedure,
      List<Modifier> modifiers,
      int units,
      ClaimType type,
      PlaceOfService placeOfService) {
    enter("lineSignature");
    try {
      return fold.codebook.lineSignature(procedure, modifiers, units, type, placeOfService);
    } finally {
      leave();
    }
  }

  /** {@link ColumnarIngest#diagnosisIndex}. */
  int diagnosisIndex(DiagnosisCode code) {
    enter("diagnosisIndex");
    try {
      return fold.codebook.diagnosisIndex(code);
    } finally {
      leave();
    }
  }

  /**
   * Folds a batch of claim lines given as columns, interned through {@link #columnar()}: the same
   * as adding each line as a {@link ClaimLine}, without an object per line. Each distinct (line signature, pricing period) is valued
   * once when the effort calculator has pricing periods ({@link EffortCalculator#pricingPeriod}),
   * and its reports (unknown codes, notes) are counted for every line that uses it. With cohort
   * markers, which test line objects, the lines are materialised.
   *
   * <p>A batch that throws (a strict-mode rejection) may be partly folded: the assembler then
   * refuses every further add with an {@link IllegalStateException} naming this call; its tally and
   * {@link #assemble()} still answer. (Unlike the record adds, whose exceptions leave the assembler
   * as it was.)
   *
   * @throws RejectedRecordException in strict mode, when a line's effort is rejected
   */
  public IndexAssembler add(ClaimColumns batch) {
    enter("add(ClaimColumns)");
    // no finally: the fold's hottest call compiles 0.75-0.80x as fast inside one (FoldBenchmark,
    // benchmarks/README.md); a batch that throws halfway leaves the assembler refusing more adds
    fold.add(batch);
    leave();
    return this;
  }

  /**
   * Folds lines {@code fromLine} (inclusive) to {@code toLine} (exclusive) of a batch whose patient
   * indices are this assembler's plus {@code patientBase}: one batch over a whole population, sorted
   * by patient, can feed several assemblers (one per thread or machine), each its range of patients.
   */
  public IndexAssembler add(ClaimColumns batch, int fromLine, int toLine, int patientBase) {
    enter("add(ClaimColumns, from, to, base)");
    fold.add(batch, fromLine, toLine, patientBase); // no finally: as add(ClaimColumns)
    leave();
    return this;
  }

  /** OR-s precomputed categories (e.g. ACG output) into the patient's state for that window. */
  public IndexAssembler add(PrecomputedBurden burden) {
    enter("add(PrecomputedBurden)");
    try {
      fold.add(burden);
    } finally {
      leave();
    }
    return this;
  }

  /**
   * Adds the pre-aggregated claim state of one patient-window, as an incremental ledger keeps it
   * (a {@link RealTimeIndex}'s ledger summed over a window): the exact sum of the effort of its lines, the union of their categories,
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
    enter("addWindowState");
    try {
      fold.addWindowState(beneficiaryId, day, effortMicros, categories, lines, effortRejected);
    } finally {
      leave();
    }
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
    if (other == this) {
      throw new IllegalArgumentException(
          "cannot combine an assembler with itself: that would count its claim lines' effort twice"
              + " (but its patients once); combine assemblers that hold disjoint records");
    }
    if (absorbed.contains(other.serial)
        || other.absorbed.contains(serial)
        || !java.util.Collections.disjoint(absorbed, other.absorbed)) {
      throw new IllegalArgumentException(
          "cannot combine: the other assembler, or one it absorbed, was combined into this one"
              + " already (or the other way round); each partial assembler is combined once");
    }
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
    enter("combine");
    try {
      tally.addAll(other.tally);
      fold.absorb(other.fold, patients.absorb(other.patients, tally, strict));
      absorbed.add(other.serial);
      absorbed.addAll(other.absorbed);
    } finally {
      leave();
    }
    return this;
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
    return resultWithLag(partialWithLag(lag, threads), lag);
  }

  /**
   * {@link #partial(int)} with another lag ({@link #assembleWithLag}): merge it with the partials of
   * the same lag of assemblers that hold other patients of the same fixed study period, and read
   * the merged partial with {@link #resultWithLag} and the same lag. {@code
   * resultWithLag(partialWithLag(lag, t), lag)} is {@code assembleWithLag(lag, t)}.
   *
   * @param lag windows between a health window and the window of the effort it is divided by, 0
   *     or more
   * @param threads 1 or more
   * @throws IllegalArgumentException when the spec rejects {@code lag} (negative, or no index window
   *     left in a declared study period)
   */
  public IndexPartial partialWithLag(int lag, int threads) {
    return partial(threads, spec.toBuilder().lag(lag).build());
  }

  /**
   * Reads a partial made with {@link #partialWithLag} and {@code lag} (this assembler's, or merged
   * from assemblers with the same spec, components and fixed study period) into the result with
   * that lag; the result's spec is this assembler's with {@code lag}. A partial of another lag
   * gives another study's numbers: keep each lag's partials apart.
   *
   * @throws IllegalArgumentException when the spec rejects {@code lag}, or the partial covers other
   *     windows than this assembler's study period
   */
  public MpiResult resultWithLag(IndexPartial partial, int lag) {
    return result(partial, spec.toBuilder().lag(lag).build());
  }

  /**
   * The index of every side-by-side cohort of the spec ({@link MpiSpec#cohorts()}), from the claims
   * folded once: one result per cohort, by name in the spec's order, each with the spec's choices and
   * that cohort ({@code result.spec().cohort()}). Patients outside a cohort are counted under {@link
   * ExclusionReason#NOT_IN_COHORT} of its result. Empty when the spec declares none.
   */
  public Map<String, MpiResult> assembleCohorts(int threads) {
    return cohortResults(cohortPartials(threads));
  }

  /**
   * {@link #partial(int)} of every side-by-side cohort of the spec ({@link MpiSpec#cohorts()}), by
   * name in the spec's order: each the partial of this assembler's patients evaluated with that
   * cohort. Merge each with the same cohort's partials of assemblers that hold other patients of
   * the same fixed study period, and read them with {@link #cohortResults}; {@code
   * cohortResults(cohortPartials(t))} is {@code assembleCohorts(t)}. Empty when the spec declares
   * none.
   *
   * @param threads 1 or more
   */
  public Map<String, IndexPartial> cohortPartials(int threads) {
    Map<String, IndexPartial> out = new java.util.LinkedHashMap<>();
    for (Cohort c : spec.cohorts()) {
      out.put(c.name(), partial(threads, spec.toBuilder().cohort(c).build()));
    }
    return out;
  }

  /**
   * Reads (merged) partials of {@link #cohortPartials} into one result per side-by-side cohort, by
   * name in the spec's order, as {@link #assembleCohorts} gives them.
   *
   * @param partials a partial for each of the spec's side-by-side cohorts, by name (merged from
   *     assemblers with the same spec, components and fixed study period)
   * @throws IllegalArgumentException when a cohort of the spec has no partial, a partial names no
   *     cohort of the spec, or one covers other windows than this assembler's study period
   */
  public Map<String, MpiResult> cohortResults(Map<String, IndexPartial> partials) {
    Map<String, MpiResult> out = new java.util.LinkedHashMap<>();
    for (Cohort c : spec.cohorts()) {
      IndexPartial p = partials.get(c.name());
      if (p == null) {
        throw new IllegalArgumentException(
            "no partial for the side-by-side cohort '"
                + c.name()
                + "' (given: "
                + partials.keySet()
                + ")");
      }
      out.put(c.name(), result(p, spec.toBuilder().cohort(c).build()));
    }
    if (out.size() != partials.size()) {
      throw new IllegalArgumentException(
          "partials for cohorts the spec does not declare: given "
              + partials.keySet()
              + ", the spec's "
              + out.keySet());
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
    assembled = true;
    Object inside = OWNER.getOpaque(this);
    // this thread's own columnar add that threw is no obstacle: its tally and result still answer
    if (inside != null && inside != Thread.currentThread()) {
      throw new java.util.ConcurrentModificationException(
          "assemble while another thread adds to the same assembler: finish adding first");
    }
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, got " + threads);
    }
    // the copy first, as the accounting always was: the replay reaches the tally, not this copy
    IngestTally counts = tally.copy();
    fold.codebook.replayMemoReports(tally);
    FoldedState folded =
        new FoldedState(
            spec,
            grouper,
            fold.table,
            fold.evidence,
            patients,
            studyPeriod(),
            markerOffset(evaluation.cohort()));
    return Evaluation.partial(folded, counts, threads, evaluation);
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
    return ResultReader.read(
        partial, spec, studyPeriod(), effortCalculator.describe(), grouper.describe());
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
    return patients.enrollmentSpan().or(fold::claimSpan);
  }
}
