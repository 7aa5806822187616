package org.mpindex.core.index;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.mpindex.core.claims.Beneficiary;
import org.mpindex.core.claims.ClaimLine;
import org.mpindex.core.claims.DiagnosisCode;
import org.mpindex.core.claims.Enrollment;
import org.mpindex.core.claims.Geography;
import org.mpindex.core.spi.BurdenGrouper;
import org.mpindex.core.spi.EffortCalculator;
import org.mpindex.core.spi.HealthLevelProvider;
import org.mpindex.core.spi.RejectedRecordException;
import org.mpindex.core.time.Window;
import org.mpindex.core.time.WindowScheme;

/**
 * The paper's real-time index (docs/method.md section 7): records arrive in any order and at any time —
 * late claims, and reversals that cancel an earlier claim by its id — and the index of the window
 * ending on any day is answered from a per-patient ledger, without re-reading the claims and without
 * building an assembler.
 *
 * <p>Each claim line is valued and grouped once, on arrival (its effort by the effort calculator on
 * its service day, its categories by the grouper), and summed into its patient's ledger entry of
 * (day, claim): effort (exact micro-units), the union of its categories, its lines, whether a line's
 * effort was rejected. A reversal removes its claim's entries. {@link #query} gives the index of the
 * window ending on a day: {@code windowDays}-day windows ending there (health) and the one before
 * (effort, lag 1), look-back eligibility counted over the windows of the study up to it, and the spec's
 * other choices. Its cells equal, bit for bit, those of a batch run over the same net records with the
 * same spec ({@link #batchSpec}).
 *
 * <p><b>Incremental evaluation.</b> Each patient keeps the outcome of their last evaluation (their
 * group key, and the exclusion or the ratio H/M with H, M and age/sex stratum) and the last window
 * end it is known to hold for. Between two ends the outcome can change only when a ledger day enters
 * or leaves the health or the effort window (end = day, day + W, day + 2W for windows of W days),
 * when a window boundary meets an enrollment span's first or last day or the day of death (ends on
 * three residues mod W around each of those days: every window boundary of the study is the end or
 * the day after it, mod W), when the study gains a window (ends = study start mod W), when the age
 * on the reference day changes (a birthday), and when the patient's records change (an add or a
 * reversal). Boundary events away from the last two windows change only the eligible windows, in a
 * known direction, and expire an outcome only when that can matter. A query moves the
 * running cells from the last end to the new one: it re-evaluates only the patients that were changed
 * or whose outcome expired on the way (kept in a queue by day), taking each old outcome out of its
 * group cell and putting the new one in. Cells are exact sums ({@link ExactSum}: adding -x takes x
 * out exactly), so the running cells hold the same bits as a fresh evaluation. Cells that keep every
 * ratio or patient (order statistics, a bootstrap) are rebuilt from the kept outcomes at each query
 * instead, and a grouping other than the built-in national, state, county and ZIP ones (whose key
 * may depend on the window) re-evaluates every patient at each query. A query for an end before the
 * last one re-evaluates everyone.
 *
 * <p><b>Cost.</b> An add: a hash lookup, the line's effort and categories, and an insertion into the
 * patient's ledger (sorted by day; a claim's lines of one day share an entry). A reversal: one pass
 * over the patient's ledger. A query on the day after the last one: the re-evaluation of the patients
 * changed or expired (each: one binary search of the ledger, the enrollment coverage of the study
 * windows, the outcome and its next expiry; about 1-2 microseconds), plus reading the cells of the
 * window (a few milliseconds whatever the population: exact sums read as decimals). On the synthetic
 * 2011-2013 population (54 lines a beneficiary) a daily series re-evaluates 9.6% of the patients a
 * day: ledger days entering or leaving a window, and enrollment, death and study-start boundaries
 * only where they can change an outcome (see {@code validThrough}). A query far ahead of the last
 * one costs up to a full evaluation of every patient; one before the last one, or with a grouping
 * that reads the window, is a full evaluation.
 *
 * <p><b>Memory.</b> Per patient: the beneficiary and enrollment records, an object of about 100
 * bytes with the kept outcome, and per ledger entry 29 bytes in six arrays grown by half (day 4,
 * effort 8, categories 8, lines 4, rejected 1, claim id reference 4 with compressed oops) plus the
 * claim id string (kept for reversals, shared by a claim's entries). Measured on the synthetic
 * 2011-2013 population after every claim was added: about 5.1 KB a beneficiary, records and claim
 * ids included (heap after GC, {@code RealTimeBenchmark.Series}); about 5 GB for 1 M beneficiaries.
 * {@link #forget} drops the entries dated before a day no query will look at again, bounding it by
 * the look-back.
 *
 * <p>Cohorts (claim markers) and diagnosis confirmation rules are not supported. The partials ({@link
 * #partial}) carry the cells of the queried window only, and no ingest accounting. Not thread-safe.
 */
public final class RealTimeIndex {
  private static final int NONE = Integer.MIN_VALUE;
  private static final int FOREVER = Integer.MAX_VALUE;

  private final MpiSpec spec;
  private final EffortCalculator effort;
  private final BurdenGrouper grouper;
  private final int windowDays;
  private final LocalDate studyStart;
  private final int studyStartDay;
  private final Map<String, Patient> byId = new HashMap<>();
  private final List<Patient> all = new ArrayList<>();
  private final boolean[] effortTypes =
      new boolean[org.mpindex.core.claims.ClaimType.values().length];
  private final boolean[] diagnosisTypes =
      new boolean[org.mpindex.core.claims.ClaimType.values().length];
  private final IngestTally tally = new IngestTally();
  private final boolean fixedKeys;
  private final int keep;
  private final boolean subtract;
  private int threads = 1;

  /** Patients a thread evaluates at least, when a query has several ({@link #threads(int)}). */
  static final int MIN_CHUNK = 512;

  // the running evaluation: the end it holds (NONE: nothing evaluated yet), its group cells, the
  // patients to re-evaluate (changed), and by day the patients whose outcome expires that day
  private int current = NONE;
  private final Map<String, CellAccumulator> running = new HashMap<>();
  private final List<Patient> changed = new ArrayList<>();
  private final TreeMap<Integer, int[]> expiring = new TreeMap<>();

  /** One patient: records, ledger and the outcome of the last evaluation. */
  private static final class Patient {
    final String id;
    final int index;
    Beneficiary beneficiary;
    List<Enrollment> spans;
    List<Enrollment> sorted;

    // the ledger: entries of (day, claim), sorted by day (arrival order within a day)
    int size;
    int[] day = new int[0];
    long[] effort = new long[0];
    long[] categories = new long[0];
    int[] lines = new int[0];
    boolean[] rejected = new boolean[0];
    String[] claim = new String[0];

    // the outcome: none (not evaluated in the window), an exclusion (reason) or a ratio
    boolean queued;
    int validThrough = NONE;
    boolean has;
    String key;
    ExclusionReason reason;
    double ratio;
    double health;
    long micros;
    int stratum;
    long patientKey;
    boolean incomplete;
    // the cell the outcome was put into
    CellAccumulator cell;

    Patient(String id, int index) {
      this.id = id;
      this.index = index;
    }

    /** The first entry dated on or after {@code d}. */
    int firstFrom(int d) {
      int lo = 0;
      int hi = size;
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (day[mid] < d) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      return lo;
    }

    void grow() {
      if (size == day.length) {
        int n = Math.max(2, size + (size >> 1) + 1);
        day = Arrays.copyOf(day, n);
        effort = Arrays.copyOf(effort, n);
        categories = Arrays.copyOf(categories, n);
        lines = Arrays.copyOf(lines, n);
        rejected = Arrays.copyOf(rejected, n);
        claim = Arrays.copyOf(claim, n);
      }
    }

    void removeAt(int k) {
      int tail = size - k - 1;
      System.arraycopy(day, k + 1, day, k, tail);
      System.arraycopy(effort, k + 1, effort, k, tail);
      System.arraycopy(categories, k + 1, categories, k, tail);
      System.arraycopy(lines, k + 1, lines, k, tail);
      System.arraycopy(rejected, k + 1, rejected, k, tail);
      System.arraycopy(claim, k + 1, claim, k, tail);
      size--;
      claim[size] = null;
    }

    List<Enrollment> sortedSpans() {
      if (sorted == null) {
        sorted = EnrollmentCoverage.sortedSpans(spans);
      }
      return sorted;
    }
  }

  /** The sums of a patient's ledger over one window. */
  private static final class WindowState {
    long effort;
    long categories;
    int lines;
    boolean rejected;

    void clear() {
      effort = 0;
      categories = 0;
      lines = 0;
      rejected = false;
    }

    void add(Patient p, int k) {
      effort += p.effort[k];
      categories |= p.categories[k];
      lines += p.lines[k];
      rejected |= p.rejected[k];
    }

    void sum(Patient p, int from, int to) {
      clear();
      for (int k = p.firstFrom(from); k < p.size && p.day[k] <= to; k++) {
        add(p, k);
      }
    }
  }

  private RealTimeIndex(
      MpiSpec spec,
      EffortCalculator effort,
      BurdenGrouper grouper,
      int windowDays,
      LocalDate studyStart) {
    if (!spec.cohort().isEveryone() || !spec.cohorts().isEmpty()) {
      throw new IllegalArgumentException(
          "the real-time index does not take cohorts (claim markers)");
    }
    if (windowDays < 1) {
      throw new IllegalArgumentException("window length must be at least 1 day, got " + windowDays);
    }
    if (spec.confirmation().enabled()) {
      throw new IllegalArgumentException(
          "the real-time index does not take a diagnosis confirmation rule (its"
              + " ledger keeps category counts per day, not the claims that confirm them)");
    }
    this.spec = spec;
    this.effort = Objects.requireNonNull(effort, "effort");
    this.grouper = Objects.requireNonNull(grouper, "grouper");
    this.windowDays = windowDays;
    this.studyStart = Objects.requireNonNull(studyStart, "studyStart");
    this.studyStartDay = (int) studyStart.toEpochDay();
    spec.effortClaimTypes().forEach(t -> effortTypes[t.ordinal()] = true);
    spec.diagnosisClaimTypes().forEach(t -> diagnosisTypes[t.ordinal()] = true);
    Grouping.Key k = spec.grouping().key();
    // the built-in keys read the beneficiary and residence only, never the window
    this.fixedKeys =
        k == Grouping.NATIONAL.key()
            || k == Grouping.STATE.key()
            || k == Grouping.COUNTY.key()
            || k == Grouping.ZIP.key();
    this.keep = CellAccumulator.keepFor(spec);
    this.subtract = new CellAccumulator(keep).removable();
  }

  /**
   * An engine over {@code windowDays}-day windows (90 in the paper) whose study starts on {@code
   * studyStart} (eligible windows are counted from there); the spec's other choices apply (its window
   * scheme, lag, study period and eligibility are replaced per query: see {@link #batchSpec}).
   */
  public static RealTimeIndex create(
      MpiSpec spec,
      EffortCalculator effort,
      BurdenGrouper grouper,
      int windowDays,
      LocalDate studyStart) {
    return new RealTimeIndex(spec, effort, grouper, windowDays, studyStart);
  }

  /**
   * Evaluates the patients a query re-evaluates on up to {@code threads} threads (1 by default): the
   * caller's and {@code threads - 1} started per query, each over at least {@value #MIN_CHUNK}
   * patients (fewer use fewer threads). The cells are the same bits on any number of threads. The
   * spec's functions (grouping key, health level) and the grouper's hierarchy are then called from
   * several threads: they must be pure, as their contracts say.
   *
   * @param threads 1 or more
   * @return this engine
   */
  public RealTimeIndex threads(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, got " + threads);
    }
    this.threads = threads;
    return this;
  }

  /**
   * The spec of the window ending on {@code end}: {@code windowDays}-day windows, one of them ending
   * on {@code end}, lag 1, look-back eligibility, the study from the window holding the study start to
   * {@code end}. A batch {@link IndexAssembler} with this spec over the same net records gives the
   * same cells for that window.
   */
  public MpiSpec batchSpec(LocalDate end) {
    WindowScheme scheme = WindowScheme.days(windowDays, end.plusDays(1));
    LocalDate from = scheme.window(scheme.indexOf(studyStart)).start();
    return spec.toBuilder()
        .windowScheme(scheme)
        .lag(1)
        .eligibility(Eligibility.LOOK_BACK)
        .studyPeriod(StudyPeriod.of(from, end))
        .build();
  }

  private Patient patient(String id) {
    Patient p = byId.get(id);
    if (p == null) {
      p = new Patient(id, all.size());
      byId.put(id, p);
      all.add(p);
    }
    return p;
  }

  private void changed(Patient p) {
    if (!p.queued) {
      p.queued = true;
      changed.add(p);
    }
  }

  /** Adds or replaces a beneficiary record (the one that sorts first wins, as in batch). */
  public RealTimeIndex add(Beneficiary b) {
    Patient p = patient(b.id());
    if (p.beneficiary == null || b.toString().compareTo(p.beneficiary.toString()) < 0) {
      p.beneficiary = b;
      changed(p);
    }
    return this;
  }

  /** Adds an enrollment span of its beneficiary (spans may overlap, come late, in any order). */
  public RealTimeIndex add(Enrollment e) {
    Patient p = patient(e.beneficiaryId());
    if (p.spans == null) {
      p.spans = new ArrayList<>(1);
    }
    p.spans.add(e);
    p.sorted = null;
    changed(p);
    return this;
  }

  /**
   * Adds a claim line, valued and grouped now. A late line (an earlier service day) simply lands on
   * its day.
   */
  public RealTimeIndex add(ClaimLine line) {
    int day = (int) spec.claimDating().dayOf(line).toEpochDay();
    LocalDate date = LocalDate.ofEpochDay(day);
    long micros = 0;
    boolean rejected = false;
    if (effortTypes[line.claimType().ordinal()] && line.procedure().isPresent()) {
      try {
        micros = effort.effortMicros(line, date, tally);
      } catch (RejectedRecordException e) {
        if (spec.ingestMode() == IngestMode.STRICT) {
          throw e;
        }
        rejected = true;
      }
    }
    long categories = 0;
    if (diagnosisTypes[line.claimType().ordinal()]) {
      for (DiagnosisCode d : line.diagnoses()) {
        categories |= grouper.categoriesOf(d);
      }
    }
    Patient p = patient(line.beneficiaryId());
    String claim = line.claimId();
    int k = p.firstFrom(day);
    for (; k < p.size && p.day[k] == day; k++) {
      if (p.claim[k].equals(claim)) {
        p.effort[k] += micros;
        p.categories[k] |= categories;
        p.lines[k]++;
        p.rejected[k] |= rejected;
        changed(p);
        return this;
      }
    }
    p.grow();
    int tail = p.size - k;
    System.arraycopy(p.day, k, p.day, k + 1, tail);
    System.arraycopy(p.effort, k, p.effort, k + 1, tail);
    System.arraycopy(p.categories, k, p.categories, k + 1, tail);
    System.arraycopy(p.lines, k, p.lines, k + 1, tail);
    System.arraycopy(p.rejected, k, p.rejected, k + 1, tail);
    System.arraycopy(p.claim, k, p.claim, k + 1, tail);
    p.day[k] = day;
    p.effort[k] = micros;
    p.categories[k] = categories;
    p.lines[k] = 1;
    p.rejected[k] = rejected;
    p.claim[k] = claim;
    p.size++;
    changed(p);
    return this;
  }

  /**
   * Cancels every line of claim {@code claimId} of {@code beneficiaryId} received so far (a reversal
   * or a full adjustment; send the corrected lines after it).
   *
   * @return the number of lines cancelled (0 when the claim is unknown)
   */
  public int reverse(String beneficiaryId, String claimId) {
    Patient p = byId.get(beneficiaryId);
    if (p == null) {
      return 0;
    }
    int n = 0;
    for (int k = p.size - 1; k >= 0; k--) {
      if (p.claim[k].equals(claimId)) {
        n += p.lines[k];
        p.removeAt(k);
      }
    }
    if (n > 0) {
      changed(p);
    }
    return n;
  }

  /**
   * Drops the ledger entries dated before {@code day} (a claim with lines on both sides keeps those
   * on or after it): queries ending before {@code day + 2 windows} change.
   */
  public RealTimeIndex forget(LocalDate day) {
    int cut = (int) day.toEpochDay();
    for (Patient p : all) {
      int k = p.firstFrom(cut);
      if (k > 0) {
        int tail = p.size - k;
        System.arraycopy(p.day, k, p.day, 0, tail);
        System.arraycopy(p.effort, k, p.effort, 0, tail);
        System.arraycopy(p.categories, k, p.categories, 0, tail);
        System.arraycopy(p.lines, k, p.lines, 0, tail);
        System.arraycopy(p.rejected, k, p.rejected, 0, tail);
        System.arraycopy(p.claim, k, p.claim, 0, tail);
        Arrays.fill(p.claim, tail, p.size, null);
        p.size = tail;
        changed(p);
      }
    }
    return this;
  }

  /**
   * The index of one window.
   *
   * @param end the window's last day
   * @param spec the batch spec it equals ({@link #batchSpec})
   * @param national the national cell
   * @param groups the group cells, by group key
   */
  public record WindowIndex(
      LocalDate end, MpiSpec spec, IndexCell national, List<IndexCell> groups) {
    public WindowIndex {
      groups = List.copyOf(groups);
    }
  }

  /**
   * The first day a window with an index can end on: the end of the {@code k}-th window of {@code
   * windowDays} days from the study start, where {@code k} is the larger of 2 (the window and the
   * one before it, lag 1) and the spec's {@link MpiSpec#minimumEligibleWindows} (with look-back
   * eligibility nobody qualifies before that many windows have passed). With the paper's 4 eligible
   * windows of 90 days from 2011-01-01 that is 2011-01-01 + 4 x 90 - 1 days = 2011-12-26.
   */
  public LocalDate firstEnd() {
    long windows = Math.max(2, spec.minimumEligibleWindows());
    return studyStart.plusDays(windows * windowDays - 1);
  }

  /**
   * The index of the window ending on {@code end}: the national cell and the group cells of that
   * window, as a batch run with {@link #batchSpec}({@code end}) gives them. Cheapest when the ends
   * come in order, a day or a few apart (see the class comment).
   *
   * @throws IllegalArgumentException when {@code end} is before {@link #firstEnd()}
   * @throws IllegalStateException when the study up to {@code end} holds more windows than the
   *     spec's maximum
   * @throws RejectedRecordException in strict mode, when records refer to an id without a
   *     beneficiary record
   */
  public WindowIndex query(LocalDate end) {
    return read(end, partial(end));
  }

  /**
   * The index of the window ending on {@code end} for this engine's patients, before it is read:
   * merge it with the partials of the same day of engines (same spec, components, window length and
   * study start) that hold other patients, and read the merged partial with {@link #read}. {@code
   * read(end, partial(end))} is {@link #query}{@code (end)}, so a population split by patient over
   * processes gives the same cells as one engine. The partial covers the study's windows, but only
   * the one ending on {@code end} has cells (the others are empty), and it carries no ingest
   * accounting.
   *
   * @throws IllegalArgumentException when {@code end} is before {@link #firstEnd()}
   */
  public IndexPartial partial(LocalDate end) {
    checkEnd(end);
    MpiSpec q = batchSpec(end);
    StudyPeriod period = q.studyPeriod().orElseThrow();
    IndexAssembler.checkWindowCount(q, period, "declare a shorter study period");
    if (q.ingestMode() == IngestMode.STRICT) {
      requireBeneficiaries(q, end);
    }
    WindowScheme scheme = q.windowScheme();
    int lo = scheme.indexOf(period.from());
    int span = scheme.indexOf(period.to()) - lo + 1;
    Window[] windows = new Window[span];
    for (int i = 0; i < span; i++) {
      windows[i] = scheme.window(lo + i);
    }
    advance(q, windows, (int) end.toEpochDay());
    IndexPartial out = new IndexPartial(lo, span, keep, new IngestTally());
    Map<String, CellAccumulator> cells = subtract ? running : rebuilt();
    HashMap<String, CellAccumulator> groups = out.groups.get(span - 1);
    for (Map.Entry<String, CellAccumulator> e : cells.entrySet()) {
      if (e.getValue().candidates() > 0) {
        CellAccumulator c = e.getValue().copy();
        groups.put(e.getKey(), c);
        out.national[span - 1].merge(c);
      }
    }
    return out;
  }

  /** The group cells from every patient's kept outcome (cells that cannot take a patient out). */
  private Map<String, CellAccumulator> rebuilt() {
    Map<String, CellAccumulator> cells = new HashMap<>();
    for (Patient p : all) {
      if (p.has) {
        put(cells, p);
      }
    }
    return cells;
  }

  /**
   * In strict mode, the batch's refusal of records without a beneficiary record: the same exception
   * (the first such id in id order, with its counts in the window and the one before it).
   */
  private void requireBeneficiaries(MpiSpec q, LocalDate end) {
    IndexAssembler orphans = null;
    int last = (int) end.toEpochDay();
    WindowState s = new WindowState();
    for (Patient p : all) {
      if (p.beneficiary != null) {
        continue;
      }
      if (orphans == null) {
        orphans = IndexAssembler.create(q, effort, grouper);
      }
      IndexAssembler a = orphans;
      if (p.spans != null) {
        p.spans.forEach(a::add);
      }
      for (int from = last - 2 * windowDays + 1; from <= last; from += windowDays) {
        s.sum(p, from, from + windowDays - 1);
        if (s.lines > 0) {
          a.addWindowState(
              p.id,
              LocalDate.ofEpochDay(from + windowDays - 1L),
              s.effort,
              s.categories,
              s.lines,
              s.rejected);
        }
      }
    }
    if (orphans != null) {
      orphans.partial(1); // throws for the first orphan in id order, as the batch does
    }
  }

  /** Moves the running evaluation to the window ending on epoch day {@code end}. */
  private void advance(MpiSpec q, Window[] windows, int end) {
    if (current == NONE || end < current || !fixedKeys) {
      running.clear();
      expiring.clear();
      for (Patient p : all) {
        p.has = false;
        changed(p);
      }
    } else {
      // the outcomes that expired on the way
      while (!expiring.isEmpty() && expiring.firstKey() <= end) {
        int[] list = expiring.pollFirstEntry().getValue();
        for (int k = 1; k <= list[0]; k++) {
          Patient p = all.get(list[k]);
          if (p.validThrough < end) {
            changed(p);
          }
        }
      }
    }
    if (subtract) {
      for (Patient p : changed) {
        if (p.has) {
          take(p);
        }
      }
    }
    evaluate(q, windows, end);
    for (Patient p : changed) {
      p.queued = false;
      if (p.has && subtract) {
        put(running, p);
      }
      if (p.validThrough != FOREVER && fixedKeys) {
        int day = p.validThrough + 1;
        int[] list = expiring.get(day);
        if (list == null) {
          list = new int[4];
        } else if (list[0] + 1 == list.length) {
          list = Arrays.copyOf(list, list.length * 2);
        }
        list[++list[0]] = p.index;
        expiring.put(day, list);
      }
    }
    changed.clear();
    current = end;
  }

  /**
   * Evaluates the changed patients, on up to {@link #threads} threads when there are at least
   * {@value #MIN_CHUNK} a thread: each thread its range of patients and its own evaluator (an
   * outcome reads only its patient; the cells are changed afterwards, on the caller's thread).
   */
  private void evaluate(MpiSpec q, Window[] windows, int end) {
    int n = changed.size();
    int parts = Math.max(1, Math.min(threads, n / MIN_CHUNK));
    if (parts == 1) {
      Evaluator ev = new Evaluator(q, windows, end);
      for (Patient p : changed) {
        ev.evaluate(p);
      }
      return;
    }
    RuntimeException[] failed = new RuntimeException[parts];
    Error[] errors = new Error[parts];
    Thread[] workers = new Thread[parts];
    for (int k = 0; k < parts; k++) {
      int from = (int) ((long) n * k / parts);
      int to = (int) ((long) n * (k + 1) / parts);
      int part = k;
      Runnable work =
          () -> {
            try {
              Evaluator ev = new Evaluator(q, windows, end);
              for (int i = from; i < to; i++) {
                ev.evaluate(changed.get(i));
              }
            } catch (RuntimeException e) {
              failed[part] = e;
            } catch (Error e) {
              errors[part] = e;
            }
          };
      if (k == 0) {
        workers[k] = null;
        continue;
      }
      workers[k] = new Thread(work, "mpi-realtime");
      workers[k].setDaemon(true);
      workers[k].start();
    }
    // the first range on this thread
    int to0 = n / parts;
    try {
      Evaluator ev = new Evaluator(q, windows, end);
      for (int i = 0; i < to0; i++) {
        ev.evaluate(changed.get(i));
      }
    } catch (RuntimeException e) {
      failed[0] = e;
    }
    for (int k = 1; k < parts; k++) {
      try {
        workers[k].join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while evaluating", e);
      }
    }
    for (int k = 0; k < parts; k++) {
      if (errors[k] != null) {
        throw errors[k];
      }
      if (failed[k] != null) {
        throw failed[k];
      }
    }
  }

  private void put(Map<String, CellAccumulator> cells, Patient p) {
    CellAccumulator c = cells.computeIfAbsent(p.key, k -> new CellAccumulator(keep));
    p.cell = c;
    if (p.reason != null) {
      c.exclude(p.reason);
    } else {
      c.add(p.patientKey, p.ratio, p.health, p.micros, p.stratum);
    }
    if (p.incomplete) {
      c.effortIncomplete();
    }
  }

  private void take(Patient p) {
    CellAccumulator c = p.cell;
    if (p.reason != null) {
      c.unexclude(p.reason);
    } else {
      c.remove(p.ratio, p.health, p.micros, p.stratum);
    }
    if (p.incomplete) {
      c.unmarkEffortIncomplete();
    }
  }

  /**
   * One query's evaluation of a patient in the window ending on {@code end}, as a batch pass
   * ({@code PatientPass}) evaluates them in the study's last window, and how long the outcome holds.
   */
  private final class Evaluator {
    private final MpiSpec q;
    private final Window[] windows;
    private final int end;
    private final int i;
    private final EnrollmentCoverage coverage;
    private final HealthLevelProvider healthLevel;
    private final WindowState healthWindow = new WindowState();
    private final WindowState effortWindow = new WindowState();
    private final int ageOffset;

    Evaluator(MpiSpec q, Window[] windows, int end) {
      this.q = q;
      this.windows = windows;
      this.end = end;
      this.i = windows.length - 1;
      this.coverage = new EnrollmentCoverage(q, windows);
      this.healthLevel = q.healthLevel();
      this.ageOffset =
          switch (q.ageReference()) {
            case END_OF_WINDOW -> 0;
            case START_OF_EFFORT_WINDOW -> 1 - 2 * windowDays;
            default -> 1 - windowDays;
          };
    }

    // the last evaluation's eligible windows (coveredUpTo of the last window)
    private int eligible;
    // the last evaluation's first ledger entries in the effort window, the health window, after it
    private int firstEffort;
    private int firstHealth;
    private int firstAfter;

    void evaluate(Patient p) {
      p.has = false;
      Beneficiary b = p.beneficiary;
      if (b == null) {
        p.validThrough = FOREVER; // an orphan until its beneficiary record comes (a change)
        return;
      }
      outcome(p, b);
      p.validThrough = fixedKeys ? validThrough(p, b) : end;
    }

    private void outcome(Patient p, Beneficiary b) {
      List<Enrollment> sorted = p.sortedSpans();
      coverage.coverage(sorted, b);
      // the effort window, then the health window, in one pass from one binary search; the first
      // entry of each and the first after them are the next ledger events (validThrough)
      effortWindow.clear();
      healthWindow.clear();
      int k = p.firstFrom(end - 2 * windowDays + 1);
      firstEffort = k;
      for (int to = end - windowDays; k < p.size && p.day[k] <= to; k++) {
        effortWindow.add(p, k);
      }
      firstHealth = k;
      for (; k < p.size && p.day[k] <= end; k++) {
        healthWindow.add(p, k);
      }
      firstAfter = k;
      boolean healthClaim = healthWindow.lines > 0;
      boolean[] covered = coverage.covered;
      if (!coverage.touched[i] && !healthClaim) {
        return;
      }
      Window w = windows[i];
      Geography residence = coverage.residence(sorted, i, b);
      p.has = true;
      p.key = q.grouping().keyOf(b, residence, w);
      eligible = coverage.coveredUpTo[i];
      ExclusionReason reason = null;
      double h = 0;
      long m = 0;
      int age = b.ageOn(LocalDate.ofEpochDay((long) end + ageOffset));
      long categories = grouper.applyHierarchy(healthWindow.categories);
      if (b.diedBefore(w.start())) {
        reason = ExclusionReason.DECEASED;
      } else if (!covered[i]) {
        reason = ExclusionReason.NOT_ENROLLED;
      } else if (age < q.minimumAge()) {
        reason = ExclusionReason.UNDER_MINIMUM_AGE;
      } else if (!covered[i - 1]) {
        reason = ExclusionReason.NOT_ENROLLED_IN_EFFORT_WINDOW;
      } else if (eligible < q.minimumEligibleWindows()) {
        reason = ExclusionReason.TOO_FEW_ELIGIBLE_WINDOWS;
      } else if (q.healthPopulation() == HealthPopulation.WITH_CLAIM_IN_WINDOW && !healthClaim) {
        reason = ExclusionReason.NO_CLAIM_IN_WINDOW;
      } else {
        int burden = healthLevel.burden(categories);
        h = q.zeroBurden().healthLevelOf(healthLevel, categories);
        if (Double.isNaN(h)) {
          reason =
              burden == 0 && q.zeroBurden() == ZeroBurden.EXCLUDE
                  ? ExclusionReason.ZERO_BURDEN
                  : ExclusionReason.HEALTH_UNDEFINED;
        } else if (h < 0 || Double.isInfinite(h)) {
          throw new IllegalStateException(
              "health level " + healthLevel.describe() + " gave " + h + " for burden " + burden);
        }
        if (reason == null) {
          long effortMicros = effortWindow.lines > 0 ? effortWindow.effort : 0;
          m = Math.max(effortMicros, q.zeroEffort().floorMicros());
          if (m == 0) {
            reason = ExclusionReason.ZERO_EFFORT;
          }
        }
      }
      p.reason = reason;
      if (reason == null) {
        p.ratio = h * EffortCalculator.MICROS_PER_UNIT / m;
        p.health = h;
        p.micros = m;
        p.stratum = AgeSexStratum.index(age, b.sex());
        p.patientKey =
            (keep & CellAccumulator.KEEP_PATIENTS) != 0 ? Bootstrap.patientKey(b.id()) : 0;
      }
      p.incomplete =
          (reason == null || reason == ExclusionReason.ZERO_EFFORT)
              && effortWindow.lines > 0
              && effortWindow.rejected;
    }

    /**
     * The last window end from {@code end} on for which the outcome cannot have changed: before the
     * next ledger day entering or leaving a window, the next birthday on the age's reference day, and
     * the next end on which a window boundary meets an enrollment span's first or last day or the day
     * of death (or the study gains a window) in a way that can change the outcome.
     *
     * <p>As the end moves on, a window boundary meeting a span's first day can only make windows
     * covered (or touched), one meeting a span's last day or the day of death only uncovered, and a
     * new first window of the study only adds one to the eligible windows. Away from the window and
     * the one before it (more than 2W + 2 days after the day), such an event changes only the
     * eligible windows, which count only when the evaluation reached the eligibility rule: an
     * increase only when the patient had too few, a decrease whenever it was reached.
     */
    private int validThrough(Patient p, Beneficiary b) {
      boolean reached =
          p.has
              && (p.reason == null
                  || p.reason.compareTo(ExclusionReason.NOT_ENROLLED_IN_EFFORT_WINDOW) > 0);
      boolean increases = reached && eligible < q.minimumEligibleWindows();
      long next = FOREVER;
      // the first entry after the health window enters it, the first of the health window moves
      // to the effort window, the first of the effort window leaves it
      if (firstAfter < p.size) {
        next = Math.min(next, p.day[firstAfter]);
      }
      if (firstHealth < p.size) {
        next = Math.min(next, (long) p.day[firstHealth] + windowDays);
      }
      if (firstEffort < p.size) {
        next = Math.min(next, (long) p.day[firstEffort] + 2L * windowDays);
      }
      if (increases) {
        // the study's window count grows on the ends = study start mod W
        next = Math.min(next, end + 1 + Math.floorMod(studyStartDay - (end + 1L), windowDays));
      }
      if (b.deathDate().isPresent()) {
        next = Math.min(next, boundary(b.deathDate().get().toEpochDay(), reached));
      }
      if (p.spans != null) {
        for (Enrollment e : p.spans) {
          next = Math.min(next, boundary(e.start().toEpochDay(), increases));
          next = Math.min(next, boundary(e.end().toEpochDay(), reached));
        }
      }
      LocalDate reference = LocalDate.ofEpochDay((long) end + ageOffset);
      long birthday = b.birthDate().plusYears((long) b.ageOn(reference) + 1).toEpochDay();
      if (birthday <= reference.toEpochDay()) {
        birthday = reference.toEpochDay() + 1; // 29 February: ask again tomorrow
      }
      next = Math.min(next, birthday - ageOffset);
      return (int) Math.max(end, Math.min((long) FOREVER - 1, next - 1));
    }

    /**
     * The first end after this one on which a window boundary (an end, or the day after it, mod W)
     * meets day {@code x} or the day before or after it, no earlier than such a boundary can exist
     * ({@code x - 2}); none after {@code x + 2W + 2} (older windows only) unless {@code older}.
     */
    private long boundary(long x, boolean older) {
      long from = Math.max(end + 1L, x - 2);
      long best = Long.MAX_VALUE;
      for (long r = x - 1; r <= x + 1; r++) {
        best = Math.min(best, from + Math.floorMod(r - from, (long) windowDays));
      }
      return !older && best > x + 2L * windowDays + 2 ? Long.MAX_VALUE : best;
    }
  }

  /**
   * Reads a (merged) partial of the window ending on {@code end} ({@link #partial}) into its index,
   * as {@link #query} gives it; this engine's own records are not used, so any engine with the same
   * spec, components, window length and study start reads it (an empty one on a driver).
   *
   * @throws IllegalArgumentException when {@code end} is before {@link #firstEnd()}, when no window
   *     of the study ends on {@code end}, or when the partial covers other windows than the one
   *     ending on {@code end} and those before it
   */
  public WindowIndex read(LocalDate end, IndexPartial partial) {
    checkEnd(end);
    MpiResult result = IndexAssembler.create(batchSpec(end), effort, grouper).result(partial);
    Window w =
        result.windows().isEmpty() ? null : result.windows().get(result.windows().size() - 1);
    if (w == null || !w.end().equals(end)) {
      throw new IllegalArgumentException(
          "no index window ends on "
              + end
              + ": the study starts "
              + studyStart
              + " and the index needs the window ending there and the one before it ("
              + windowDays
              + " days each)");
    }
    return new WindowIndex(end, result.spec(), result.national(w).orElseThrow(), result.groups(w));
  }

  private void checkEnd(LocalDate end) {
    if (end.isBefore(firstEnd())) {
      throw new IllegalArgumentException(
          "no index value for the window ending on "
              + end
              + ": the first is the one ending on "
              + firstEnd()
              + " ("
              + Math.max(2, spec.minimumEligibleWindows())
              + " windows of "
              + windowDays
              + " days from the study start "
              + studyStart
              + ": the minimum eligible windows "
              + spec.minimumEligibleWindows()
              + ", and at least the window and the one before it)");
    }
  }
}
