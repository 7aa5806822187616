package org.mpindex.core.index;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.mpindex.core.claims.Beneficiary;
import org.mpindex.core.claims.Enrollment;
import org.mpindex.core.claims.Geography;
import org.mpindex.core.spi.BurdenGrouper;
import org.mpindex.core.spi.EffortCalculator;
import org.mpindex.core.spi.HealthLevelProvider;
import org.mpindex.core.time.Window;
import org.mpindex.core.time.WindowScheme;

/**
 * Step 4 of the assembly, evaluation: one pass over a range of patients of a folded assembler, read through its {@link FoldedState}. For
 * each patient it reads the fold state of the study windows (step 2), asks {@link
 * EnrollmentCoverage} which windows are eligible (step 3), applies the exclusion rules in their
 * documented order, and adds each ratio H/M (or the exclusion) to the window's group {@link
 * CellAccumulator} of its {@link IndexPartial} (step 5, aggregation); {@link #finish()} then makes
 * each national cell the exact merge of the window's group cells. It is also the {@link CohortView}
 * a cohort rule sees.
 *
 * <p>One pass per thread: buffers and cells of its own; passes over disjoint patients merge exactly.
 */
final class PatientPass implements CohortView {
  private final FoldedPatients patients;
  private final ConfirmationEvidence evidence;
  private final MpiSpec spec;
  private final BurdenGrouper grouper;
  private final FoldTable table;

  private final EnrollmentCoverage coverage;

  private final boolean lookBack;
  private final int lo;
  private final int span;
  private final int lag;
  private final Window[] windows;
  private final CellAccumulator[] national;
  private final List<HashMap<String, CellAccumulator>> groups;
  final IndexPartial out;
  private final int keep;
  private final HealthLevelProvider health;
  private final Map<String, Integer> markerIndex = new HashMap<>();

  // each group key's cells by window, and the last key asked for (see groupCell)
  private final Map<String, CellAccumulator[]> rowsByKey = new HashMap<>();
  private String lastKey;
  private CellAccumulator[] lastRow;

  /** The confirmation evidence by patient ({@link ConfirmationEvidence#byPatient}); empty without a rule. */
  private final int[] evidenceIndex;

  private final int[] evidenceStart;

  // per-patient buffers over the study windows
  private final long[] effort;
  private final long[] categories;
  private final long[] marks;
  private final byte[] flags;
  private final boolean[] covered;
  private final int[] coveredUpTo;
  private final boolean[] touched;

  // what this pass accounted for
  long outside;
  // patients with a fee-for-service and a Medicare Advantage span on one day
  long ffsAndMa;
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
  private List<Enrollment> viewSpans = List.of();

  PatientPass(
      FoldedState folded,
      MpiSpec spec,
      int[] evidenceIndex,
      int[] evidenceStart,
      int lo,
      int hi,
      Optional<StudyPeriod> period,
      IndexPartial out) {
    this.patients = folded.patients();
    this.evidence = folded.evidence();
    this.spec = spec;
    this.evidenceIndex = evidenceIndex;
    this.evidenceStart = evidenceStart;
    this.grouper = folded.grouper();
    this.table = folded.table();

    WindowScheme scheme = folded.spec().windowScheme();
    lookBack = spec.eligibility() == Eligibility.LOOK_BACK;
    lag = spec.lag();
    keep = CellAccumulator.keepFor(spec);
    health = spec.healthLevel();
    this.out = out;

    this.lo = lo;
    this.span = Math.max(0, hi - lo + 1);
    windows = new Window[span];
    for (int i = 0; i < span; i++) {
      windows[i] = scheme.window(lo + i);
    }
    national = out.national;
    groups = out.groups;
    int offset = folded.markerOffset();
    List<ClaimMarker> own = spec.cohort().markers();
    for (int i = 0; i < own.size(); i++) {
      markerIndex.put(own.get(i).name(), offset + i);
    }
    effort = new long[span];
    categories = new long[span];
    marks = new long[span];
    flags = new byte[span];
    coverage = new EnrollmentCoverage(spec, windows);
    covered = coverage.covered;
    coveredUpTo = coverage.coveredUpTo;
    touched = coverage.touched;
  }

  /** Accounts for patient {@code p} and evaluates them in every index window. */
  void patient(int p, int[] bySlot, int[] slotStart) {
    Beneficiary b = patients.beneficiary(p);
    List<Enrollment> spans = patients.enrollments(p);
    int spanCount = spans == null ? 0 : spans.size();
    if (b == null) {
      orphanLines += patients.pendingLines(p);
      orphanSpans += spanCount;
      orphanBurdens += patients.pendingBurdens(p);
      return;
    }
    beneficiaries++;
    acceptedLines += patients.pendingLines(p);
    acceptedSpans += spanCount;
    acceptedBurdens += patients.pendingBurdens(p);
    FoldTable t = table;
    if (t instanceof DenseTable d) {
      // every study window is written: no buffer needs clearing first
      outside += d.outsideLines(p);
      int base = p * d.width;
      for (int i = 0; i < span; i++) {
        int w = lo + i - d.lo;
        if (w < 0 || w >= d.width || (long) p * d.width >= d.effort.length) {
          effort[i] = 0;
          categories[i] = 0;
          marks[i] = 0;
          flags[i] = 0;
          continue;
        }
        int s = base + w;
        effort[i] = d.effort[s];
        categories[i] = confirmedCategories(p, lo + i, d.categories[s]);
        marks[i] = d.markers == null ? 0 : d.markers[s];
        flags[i] = d.flags[s];
      }
    } else {
      Arrays.fill(effort, 0);
      Arrays.fill(categories, 0);
      Arrays.fill(marks, 0);
      Arrays.fill(flags, (byte) 0);
      PatientWindowTable h = (PatientWindowTable) t;
      for (int k = slotStart[p], end = slotStart[p + 1]; k < end; k++) {
        int s = bySlot[k];
        int i = h.window[s] - lo;
        if (i < 0 || i >= span) {
          outside += h.lines[s];
          continue;
        }
        effort[i] = h.effort[s];
        categories[i] = confirmedCategories(p, lo + i, h.categories[s]);
        marks[i] = h.markers[s];
        flags[i] = h.flags[s];
      }
    }
    List<Enrollment> sorted = EnrollmentCoverage.sortedSpans(spans);
    if (sorted.size() > 1 && ffsMeetsMa(sorted)) {
      ffsAndMa++;
    }
    int eligibleInStudy = coverage.coverage(sorted, b);
    long patientKey =
        (keep & CellAccumulator.KEEP_PATIENTS) != 0 ? Bootstrap.patientKey(b.id()) : 0;
    for (int i = lag; i < span; i++) {
      int eligible = lookBack ? coveredUpTo[i] : eligibleInStudy;
      if (!touched[i] && (flags[i] & PatientWindowTable.HAS_CLAIM) == 0) {
        continue;
      }
      Window w = windows[i];
      Geography residence = coverage.residence(sorted, i, b);
      String key = spec.grouping().keyOf(b, residence, w);
      viewSpans = sorted;
      evaluate(b, residence, eligible, i, groupCell(key, i), patientKey);
    }
  }

  /**
   * Whether a fee-for-service span and a Medicare Advantage span of one patient share a day: a
   * beneficiary is in one or the other (Medicare Advantage replaces Parts A and B), so the records
   * contradict each other there.
   */
  static boolean ffsMeetsMa(List<Enrollment> spans) {
    for (int i = 0; i < spans.size(); i++) {
      Enrollment a = spans.get(i);
      if (!a.program().equals(org.mpindex.core.claims.Program.MEDICARE_FFS)) {
        continue;
      }
      for (Enrollment b : spans) {
        if (b.program().equals(org.mpindex.core.claims.Program.MEDICARE_ADVANTAGE)
            && !b.start().isAfter(a.end())
            && !a.start().isAfter(b.end())) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * The cell of group {@code key} in window {@code i}, found through the key's row of cells (the
   * same key usually comes back for every window of a patient: one map lookup, not one a window).
   */
  private CellAccumulator groupCell(String key, int i) {
    if (lastRow == null || !Objects.equals(key, lastKey)) {
      lastRow = rowsByKey.computeIfAbsent(key, k -> new CellAccumulator[span]);
      lastKey = key;
    }
    CellAccumulator cell = lastRow[i];
    if (cell == null) {
      cell = new CellAccumulator(keep);
      lastRow[i] = cell;
      groups.get(i).put(key, cell);
    }
    return cell;
  }

  /**
   * Ends the pass: each window's national cell is the exact merge of its group cells (every
   * evaluated patient-window is in exactly one group), so a patient is added to one cell, not two.
   */
  void finish() {
    for (int i = 0; i < span; i++) {
      for (CellAccumulator cell : groups.get(i).values()) {
        national[i].merge(cell);
      }
    }
  }

  /**
   * The categories of patient {@code p} in window {@code w} that count: those touched, confirmed by
   * the spec's rule when it has one ({@link Confirmation}), after the grouper's hierarchy.
   */
  private long confirmedCategories(int p, int w, long touched) {
    long c = touched;
    if (evidence != null && c != 0) {
      c &=
          evidence.confirmed(
              evidenceIndex, evidenceStart[p], evidenceStart[p + 1], w, spec.confirmation());
    }
    return grouper.applyHierarchy(c);
  }

  private void evaluate(
      Beneficiary b,
      Geography residence,
      int eligible,
      int i,
      CellAccumulator grp,
      long patientKey) {
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
      int burden = health.burden(categories[i]);
      h = spec.zeroBurden().healthLevelOf(health, categories[i]);
      if (Double.isNaN(h)) {
        reason =
            burden == 0 && spec.zeroBurden() == ZeroBurden.EXCLUDE
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
      grp.exclude(reason);
    } else {
      double ratio = h * EffortCalculator.MICROS_PER_UNIT / m;
      int stratum = AgeSexStratum.index(age, b.sex());
      grp.add(patientKey, ratio, h, m, stratum);
    }
    if ((reason == null || reason == ExclusionReason.ZERO_EFFORT)
        && (flags[i - lag] & PatientWindowTable.EFFORT_REJECTED) != 0) {
      grp.effortIncomplete();
    }
  }

  private LocalDate ageDay(int i) {
    return switch (spec.ageReference()) {
      case END_OF_WINDOW -> windows[i].end();
      case START_OF_EFFORT_WINDOW -> windows[i - lag].start();
      default -> windows[i].start();
    };
  }

  private boolean inCohort(Beneficiary b, Geography residence, int i, int age, int eligible) {
    viewBeneficiary = b;
    viewResidence = residence;
    viewIndex = i;
    viewAge = age;
    viewEligible = eligible;
    return spec.cohort().includes(this);
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
      throw new IllegalArgumentException(
          "cohort '" + spec.cohort().name() + "' declares no marker '" + name + "'");
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
  public Optional<org.mpindex.core.claims.Program> program() {
    Window w = windows[viewIndex];
    for (Enrollment e : viewSpans) {
      if (!e.start().isAfter(w.end()) && !e.end().isBefore(w.start())) {
        return Optional.of(e.program());
      }
    }
    return Optional.empty();
  }

  @Override
  public long effortMicros(int offset) {
    int i = viewIndex + offset;
    return i >= 0 && i <= lastVisible() ? effort[i] : 0L;
  }
}
