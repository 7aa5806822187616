package org.mpindex.core.index;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.mpindex.core.claims.Beneficiary;
import org.mpindex.core.claims.ClaimLine;
import org.mpindex.core.claims.DiagnosisCode;
import org.mpindex.core.claims.Enrollment;
import org.mpindex.core.spi.BurdenGrouper;
import org.mpindex.core.spi.EffortCalculator;
import org.mpindex.core.spi.RejectedRecordException;
import org.mpindex.core.time.WindowScheme;

/**
 * The paper's real-time index (docs/method.md section 7): records arrive in any order and at any time —
 * late claims, and reversals that cancel an earlier claim by its id — and the index of the window
 * ending on any day is answered from a per-patient day ledger, without re-reading the claims.
 *
 * <p>Each claim line is valued and grouped once, on arrival (its effort by the effort calculator on
 * its service day, its categories by the grouper), and kept as a contribution of its claim to its
 * patient's day: effort (exact micro-units), category counts, line count, whether its effort was
 * rejected. A reversal subtracts its claim's contributions. {@link #query} builds the index of the
 * window ending on a day: {@code windowDays}-day windows ending there (health) and the one before
 * (effort, lag 1), look-back eligibility counted over the windows of the study up to it, and the spec's
 * other choices; it folds one pre-aggregated state per patient and window ({@link
 * IndexAssembler#addWindowState}) with the beneficiaries and enrollment spans. Its cells equal, bit for
 * bit, those of a batch run over the same net records with the same spec ({@link #batchSpec}).
 *
 * <p><b>State.</b> Per patient: the beneficiary, the enrollment spans, and per claim its contributions
 * (about 60 bytes a line, plus 16 bytes a diagnosis category); {@link #forget} drops claims dated
 * before a day no query will look at again, bounding it by the look-back. A query costs one pass over
 * the patients and their ledger days in the two windows. Cohorts (claim markers) and diagnosis
 * confirmation rules are not supported.
 * Not thread-safe.
 */
public final class RealTimeIndex {
  private final MpiSpec spec;
  private final EffortCalculator effort;
  private final BurdenGrouper grouper;
  private final int windowDays;
  private final LocalDate studyStart;
  private final Map<String, Beneficiary> beneficiaries = new HashMap<>();
  private final List<Enrollment> enrollments = new ArrayList<>();
  private final Map<String, Patient> patients = new HashMap<>();
  private final boolean[] effortTypes =
      new boolean[org.mpindex.core.claims.ClaimType.values().length];
  private final boolean[] diagnosisTypes =
      new boolean[org.mpindex.core.claims.ClaimType.values().length];
  private final IngestTally tally = new IngestTally();

  /** One line's contribution to its day. */
  private record Contribution(int day, long effortMicros, long categories, boolean rejected) {}

  /** A day of one patient's ledger. */
  private static final class Day {
    long effort;
    int lines;
    int rejected;
    final int[] categoryCounts = new int[64];
  }

  private static final class Patient {
    final Map<String, List<Contribution>> claims = new HashMap<>();
    final TreeMap<Integer, Day> days = new TreeMap<>();
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
    spec.effortClaimTypes().forEach(t -> effortTypes[t.ordinal()] = true);
    spec.diagnosisClaimTypes().forEach(t -> diagnosisTypes[t.ordinal()] = true);
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

  /** Adds or replaces a beneficiary record (the one that sorts first wins, as in batch). */
  public RealTimeIndex add(Beneficiary b) {
    beneficiaries.merge(b.id(), b, (x, y) -> x.toString().compareTo(y.toString()) <= 0 ? x : y);
    return this;
  }

  public RealTimeIndex add(Enrollment e) {
    enrollments.add(e);
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
    Patient p = patients.computeIfAbsent(line.beneficiaryId(), k -> new Patient());
    Contribution c = new Contribution(day, micros, categories, rejected);
    p.claims.computeIfAbsent(line.claimId(), k -> new ArrayList<>()).add(c);
    apply(p, c, 1);
    return this;
  }

  /**
   * Cancels every line of claim {@code claimId} of {@code beneficiaryId} received so far (a reversal
   * or a full adjustment; send the corrected lines after it).
   *
   * @return the number of lines cancelled (0 when the claim is unknown)
   */
  public int reverse(String beneficiaryId, String claimId) {
    Patient p = patients.get(beneficiaryId);
    if (p == null) {
      return 0;
    }
    List<Contribution> lines = p.claims.remove(claimId);
    if (lines == null) {
      return 0;
    }
    lines.forEach(c -> apply(p, c, -1));
    return lines.size();
  }

  /** Drops the claims of every day before {@code day}: queries ending before {@code day + 2 windows} change. */
  public RealTimeIndex forget(LocalDate day) {
    int cut = (int) day.toEpochDay();
    for (Patient p : patients.values()) {
      p.claims.values().removeIf(lines -> lines.stream().allMatch(c -> c.day < cut));
      p.days.headMap(cut).clear();
    }
    return this;
  }

  private static void apply(Patient p, Contribution c, int sign) {
    Day d = p.days.computeIfAbsent(c.day, k -> new Day());
    d.effort += sign * c.effortMicros;
    d.lines += sign;
    d.rejected += c.rejected ? sign : 0;
    for (long bits = c.categories; bits != 0; bits &= bits - 1) {
      d.categoryCounts[Long.numberOfTrailingZeros(bits)] += sign;
    }
    if (d.lines == 0) {
      p.days.remove(c.day);
    }
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
   * window, as a batch run with {@link #batchSpec}({@code end}) gives them.
   *
   * @throws IllegalArgumentException when {@code end} is before {@link #firstEnd()}
   */
  public WindowIndex query(LocalDate end) {
    return read(end, partial(end));
  }

  /**
   * The index of the window ending on {@code end} for this engine's patients, before it is read:
   * merge it with the partials of the same day of engines (same spec, components, window length and
   * study start) that hold other patients, and read the merged partial with {@link #read}. {@code
   * read(end, partial(end))} is {@link #query}{@code (end)}, so a population split by patient over
   * processes gives the same cells as one engine.
   *
   * @throws IllegalArgumentException when {@code end} is before {@link #firstEnd()}
   */
  public IndexPartial partial(LocalDate end) {
    checkEnd(end);
    return assembler(end).partial(1);
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
    MpiResult all = IndexAssembler.create(batchSpec(end), effort, grouper).result(partial);
    org.mpindex.core.time.Window w =
        all.windows().isEmpty() ? null : all.windows().get(all.windows().size() - 1);
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
    return new WindowIndex(end, all.spec(), all.national(w).orElseThrow(), all.groups(w));
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

  /** An assembler of the window ending on {@code end} holding this engine's patients. */
  private IndexAssembler assembler(LocalDate end) {
    MpiSpec q = batchSpec(end);
    IndexAssembler a = IndexAssembler.create(q, effort, grouper);
    beneficiaries.values().forEach(a::add);
    enrollments.forEach(a::add);
    int last = (int) end.toEpochDay();
    int healthStart = last - windowDays + 1;
    int effortStart = healthStart - windowDays;
    patients.forEach(
        (id, p) -> {
          window(a, id, p, effortStart, healthStart - 1);
          window(a, id, p, healthStart, last);
        });
    return a;
  }

  private static void window(IndexAssembler a, String id, Patient p, int from, int to) {
    long effort = 0;
    long categories = 0;
    int lines = 0;
    boolean rejected = false;
    for (Day d : p.days.subMap(from, true, to, true).values()) {
      effort += d.effort;
      lines += d.lines;
      rejected |= d.rejected > 0;
      for (int i = 0; i < 64; i++) {
        if (d.categoryCounts[i] > 0) {
          categories |= 1L << i;
        }
      }
    }
    if (lines > 0) {
      a.addWindowState(id, LocalDate.ofEpochDay(to), effort, categories, lines, rejected);
    }
  }
}
