package org.mpindex.core.index;

import com.google.common.math.IntMath;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Objects;
import org.mpindex.core.claims.ClaimLine;
import org.mpindex.core.claims.ClaimType;
import org.mpindex.core.claims.DiagnosisCode;
import org.mpindex.core.claims.Modifier;
import org.mpindex.core.claims.PlaceOfService;
import org.mpindex.core.claims.ProcedureCode;
import org.mpindex.core.spi.BurdenGrouper;
import org.mpindex.core.spi.EffortCalculator;
import org.mpindex.core.spi.RejectedRecordException;
import org.mpindex.core.spi.RejectionReason;
import org.mpindex.core.time.WindowScheme;

/**
 * Step 1 of the assembly, ingest of columns: what the columnar path interns and resolves once. Line
 * signatures (procedure, modifiers, units, claim type, place of service) and diagnosis codes get
 * dense ids; each diagnosis's categories are looked up once; each distinct (signature, pricing
 * period) is valued once by the effort calculator and the reports of that valuation are replayed
 * for every line that used it; each day seen gets its window and pricing period once. The fold
 * loop ({@link IndexAssembler#add(ClaimColumns, int, int, int)}) reads these arrays directly.
 *
 * <p>One per assembler; not thread-safe.
 */
final class LineCodebook {
  private final EffortCalculator effortCalculator;
  private final BurdenGrouper grouper;
  private final WindowScheme scheme;
  private final boolean[] effortTypes;

  LineCodebook(
      EffortCalculator effortCalculator,
      BurdenGrouper grouper,
      WindowScheme scheme,
      boolean[] effortTypes,
      boolean lenient) {
    this.effortCalculator = effortCalculator;
    this.lenient = lenient;
    this.grouper = grouper;
    this.scheme = scheme;
    this.effortTypes = effortTypes;
  }

  /**
   * What a claim line carries for its effort, interned: procedure (null for a diagnosis-only line),
   * modifiers, units, claim type and place of service (null when not given).
   */
  record Signature(
      ProcedureCode procedure,
      List<Modifier> modifiers,
      int units,
      ClaimType type,
      PlaceOfService place) {}

  final HashMap<Signature, Integer> signatureIndex = new HashMap<>();
  final ArrayList<Signature> signatures = new ArrayList<>();
  boolean[] signatureValued = new boolean[64];

  /** Whether the diagnoses of a signature's lines count (its claim type is one of the spec's). */
  boolean[] signatureDiagnoses = new boolean[64];

  private boolean[] diagnosisTypes;

  /** The claim types whose diagnoses count (all by default), indexed by ordinal. */
  void diagnosisTypes(boolean[] types) {
    this.diagnosisTypes = types;
  }

  final HashMap<DiagnosisCode, Integer> diagnosisIndex = new HashMap<>();
  final ArrayList<DiagnosisCode> diagnoses = new ArrayList<>();
  // a power of two long (ClaimFold.union masks its indices with the length)
  long[] diagnosisCategories = new long[256];
  // effort of a (signature, pricing period): the value, or the reason it could not be valued, with
  // what the valuation reported (replayed for every use)
  long[] memoEffort = new long[256];
  RejectionReason[] memoRejection = new RejectionReason[256];
  IngestTally[] memoReports = new IngestTally[256];
  long[] memoUses = new long[256];
  int memoSize;
  // the pricing periods seen, numbered densely from 0 in the order seen ("slots"), and per slot
  // the memo entry of each signature plus one (0: not valued in that period yet): two array loads
  // a line instead of a hash probe
  private final HashMap<Integer, Integer> periodSlots = new HashMap<>();
  private int[][] memoBySlot = new int[0][];
  // window and pricing-period slot (-1: the calculator has no pricing periods on that day) of each
  // day seen, from day cacheBase on
  int cacheBase = Integer.MIN_VALUE;
  int[] windowOfDay = new int[0];
  int[] periodSlotOfDay = new int[0];
  boolean[] dayKnown = new boolean[0];

  // ---------------------------------------------------------------- the dense fold's tables

  // A flat entry of the dense fold (a long): bits 0-37 the effort, micro-units; bit 38 set when
  // the effort was rejected (lenient mode; the effort bits are then 0); bits 40-62 the memo entry
  // whose fastUses count the line; negative (bit 63) when the line must take the general path.
  static final long EFFORT_BITS = (1L << 38) - 1;
  static final int REJECTED_SHIFT = 37; // (entry >>> 37) & 2 = FoldTable.EFFORT_REJECTED
  static final int MEMO_SHIFT = 40;
  private static final long REJECTED = 1L << 38;
  private static final int MAX_MEMO = 1 << 23;

  /**
   * More flat entries than this (8 bytes each: 32 MB a fold) and batches take the general loop; with
   * 16 pricing periods, about 262,000 distinct line signatures.
   */
  private static final long MAX_FLAT_ENTRIES = 1L << 22;

  /** Whether a rejected effort may take the fast path (lenient mode; strict throws on it). */
  private final boolean lenient;

  // the dense fold's effort table (ClaimFold.foldDense): entry slot * flatStride + signature, as
  // above, for every (signature, pricing period) whose memo entry is known: valued, or rejected in
  // lenient mode, or (for a signature that carries no effort) an entry of its own that is never
  // valued; -1 (the general path, which settles the entry) for one not valued yet, an effort past
  // EFFORT_BITS or a rejection in strict mode
  long[] flatEffort = new long[0];
  int flatStride;
  private int flatSlots;

  /**
   * Lines of each memo entry folded by the dense loop since its batch began; a power of two long,
   * as the memo's arrays (ClaimFold.foldDense masks its index with the length).
   */
  long[] fastUses = new long[256];

  /** Memo entries of a signature that carries no effort (no procedure, or not an effort type). */
  private boolean[] memoNotValued = new boolean[256];

  // per day of the dense table's windows, from fastDayBase on, in one long: the
  // day's row in flatEffort (slot * flatStride, recomputed when the stride grows) in the high 32
  // bits, the window's offset in the table (-1 if the scheme puts the day elsewhere) in the low 32;
  // one load a line for both; made once a fold
  int fastDayBase;
  long[] fastDay = new long[0];
  private int[] fastSlot = new int[0];
  private int fastRowStride = -1;
  private boolean fastPrepared;
  private boolean fastRefused;

  /** More days than this in a dense table's windows and the fold takes the general loop. */
  private static final int MAX_FAST_DAYS = 1 << 22;

  /**
   * Prepares the dense fold over a dense table of windows {@code lo .. lo + width - 1}: the table's
   * days resolved once into {@link #fastDay}, and {@link #flatEffort} wide
   * enough for every signature and pricing period. False when the fold must take the general loop
   * instead: a day on which the calculator has no pricing period (every line valued on its own), or
   * tables too large.
   */
  boolean prepareDense(int lo, int width) {
    if (!fastPrepared) {
      fastPrepared = true;
      fastRefused = !prepareDays(lo, width);
    }
    if (fastRefused || !flatCovers()) {
      return false;
    }
    if (fastRowStride != flatStride) {
      for (int k = 0; k < fastDay.length; k++) {
        fastDay[k] = dayEntry(fastSlot[k] * flatStride, (int) fastDay[k]);
      }
      fastRowStride = flatStride;
    }
    return true;
  }

  /** A {@link #fastDay} entry: the row in the high 32 bits, the window offset (or -1) in the low. */
  private static long dayEntry(int row, int offset) {
    return ((long) row << 32) | (offset & 0xFFFF_FFFFL);
  }

  private boolean prepareDays(int lo, int width) {
    long first = scheme.window(lo).start().toEpochDay();
    long last = scheme.window(lo + width - 1).end().toEpochDay();
    long n = last - first + 1;
    if (n < 1 || n > MAX_FAST_DAYS) {
      return false;
    }
    int len = (int) n;
    fastDay = new long[len];
    fastSlot = new int[len];
    for (int k = 0; k < len; k++) {
      int d = dayCache((int) first + k);
      int slot = periodSlotOfDay[d];
      if (slot == -1) {
        return false;
      }
      int off = windowOfDay[d] - lo;
      fastDay[k] = dayEntry(0, off >= 0 && off < width ? off : -1);
      fastSlot[k] = slot;
    }
    fastDayBase = (int) first;
    return true;
  }

  /**
   * Grows {@link #flatEffort} to every signature and pricing-period slot known (the stride doubling,
   * so that signatures interned batch by batch do not rebuild it each time); false when it would be
   * too large.
   */
  private boolean flatCovers() {
    int slots = memoBySlot.length;
    if (signatures.size() <= flatStride && slots <= flatSlots) {
      return true;
    }
    int stride = Math.max(16, flatStride);
    while (stride < signatures.size()) {
      stride *= 2;
    }
    if ((long) stride * slots > MAX_FLAT_ENTRIES) {
      return false;
    }
    // a power of two long, the entries past the last row -1 (never read: ClaimFold.foldDense masks
    // its index with the length, which changes no index inside the rows)
    long[] flat = new long[IntMath.ceilingPowerOfTwo(Math.max(1, stride * slots))];
    Arrays.fill(flat, -1); // also the signatures not interned yet of every row
    for (int slot = 0; slot < slots; slot++) {
      for (int sig = 0; sig < signatures.size(); sig++) {
        flat[slot * stride + sig] = flatEntry(sig, slot);
      }
    }
    flatEffort = flat;
    flatStride = stride;
    flatSlots = slots;
    return true;
  }

  /** The flat effort entry of a signature in a pricing-period slot, from the memo. */
  private long flatEntry(int sig, int slot) {
    int[] row = memoBySlot[slot];
    int m = sig < row.length ? row[sig] - 1 : -1;
    if (m < 0 && !signatureValued[sig]) {
      m = newMemo();
      memoNotValued[m] = true;
      memoAt(slot, sig, m);
    }
    if (m < 0 || m >= MAX_MEMO) {
      return -1;
    }
    long entry = (long) m << MEMO_SHIFT;
    if (memoNotValued[m]) {
      return entry;
    }
    if (memoRejection[m] != null) {
      return lenient ? entry | REJECTED : -1;
    }
    return memoEffort[m] > EFFORT_BITS ? -1 : entry | memoEffort[m];
  }

  /**
   * After the general path folded a line of the dense fold: its flat entry (at {@code row + sig}, a
   * row of {@link #fastDay}) settled, so that the next line of the same signature and period takes
   * the fast path when it can.
   */
  void settle(int row, int sig) {
    flatEffort[row + sig] = flatEntry(sig, row / flatStride);
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
  int lineSignature(
      ProcedureCode procedure,
      List<Modifier> modifiers,
      int units,
      ClaimType type,
      PlaceOfService placeOfService) {
    if (units < 0) {
      throw new IllegalArgumentException("units is negative: " + units);
    }
    if (modifiers.size() > ClaimLine.MAX_MODIFIERS) {
      throw new IllegalArgumentException(
          "more than " + ClaimLine.MAX_MODIFIERS + " modifiers: " + modifiers);
    }
    Signature sig =
        new Signature(
            procedure,
            List.copyOf(modifiers),
            units,
            Objects.requireNonNull(type, "type"),
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
      signatureDiagnoses = Arrays.copyOf(signatureDiagnoses, i * 2);
    }
    signatureValued[i] = procedure != null && effortTypes[type.ordinal()];
    signatureDiagnoses[i] = diagnosisTypes == null || diagnosisTypes[type.ordinal()];
    return i;
  }

  /** The index of a diagnosis code for {@link ClaimColumns}; its categories are looked up once. */
  int diagnosisIndex(DiagnosisCode code) {
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
    diagnosisCategories[i] = grouper.categoriesOf(code);
    return i;
  }

  /** The position of {@code day} in the day caches, filling them for a day not seen before. */
  int dayCache(int day) {
    int d = day - cacheBase;
    if (cacheBase == Integer.MIN_VALUE || d < 0 || d >= dayKnown.length) {
      growDayCache(day);
      d = day - cacheBase;
    }
    if (!dayKnown[d]) {
      knowDay(d, day);
    }
    return d;
  }

  /**
   * Resolves a day seen for the first time (a method of its own, so that {@link #dayCache} stays
   * small enough for the fold's loop to inline).
   */
  private void knowDay(int d, int day) {
    LocalDate date = LocalDate.ofEpochDay(day);
    windowOfDay[d] = scheme.indexOf(date);
    int period = effortCalculator.pricingPeriod(date);
    periodSlotOfDay[d] = period == -1 ? -1 : periodSlot(period);
    dayKnown[d] = true;
  }

  private void growDayCache(int day) {
    int lo = cacheBase == Integer.MIN_VALUE ? day - 366 : Math.min(cacheBase, day - 366);
    int hi =
        cacheBase == Integer.MIN_VALUE
            ? day + 366
            : Math.max(cacheBase + dayKnown.length, day + 366);
    int len = hi - lo;
    int[] w = new int[len];
    int[] slot = new int[len];
    boolean[] known = new boolean[len];
    if (cacheBase != Integer.MIN_VALUE) {
      int off = cacheBase - lo;
      System.arraycopy(windowOfDay, 0, w, off, windowOfDay.length);
      System.arraycopy(periodSlotOfDay, 0, slot, off, periodSlotOfDay.length);
      System.arraycopy(dayKnown, 0, known, off, dayKnown.length);
    }
    cacheBase = lo;
    windowOfDay = w;
    periodSlotOfDay = slot;
    dayKnown = known;
  }

  /** The slot of a pricing period, numbered the first time it is seen. */
  private int periodSlot(int period) {
    Integer slot = periodSlots.get(period);
    if (slot == null) {
      slot = periodSlots.size();
      periodSlots.put(period, slot);
      memoBySlot = Arrays.copyOf(memoBySlot, slot + 1);
      memoBySlot[slot] = new int[Math.max(64, signatures.size())];
    }
    return slot;
  }

  /**
   * The memo entry of a signature in a pricing-period slot (of {@link #periodSlotOfDay}), valuing it
   * on {@code day} the first time. Small, so that the fold's loop inlines it.
   */
  int memoOf(int sig, int slot, int day) {
    int[] row = memoBySlot[slot];
    if (sig < row.length) {
      int m = row[sig] - 1;
      if (m >= 0) {
        return m;
      }
    }
    return memo(sig, slot, day);
  }

  /** A new memo entry: the signature valued on {@code day}, the first day of its slot seen. */
  private int memo(int sig, int slot, int day) {
    int m = newMemo();
    Signature sg = signatures.get(sig);
    ClaimLine prototype = prototype(sg, day);
    IngestTally reports = new IngestTally();
    try {
      memoEffort[m] =
          checked(
              effortCalculator,
              effortCalculator.effortMicros(prototype, LocalDate.ofEpochDay(day), reports),
              prototype);
    } catch (RejectedRecordException e) {
      memoRejection[m] = e.reason();
    }
    memoReports[m] = reports.isEmpty() ? null : reports;
    memoAt(slot, sig, m);
    return m;
  }

  /** A memo entry, the arrays grown for it. */
  private int newMemo() {
    int m = memoSize++;
    if (m == memoEffort.length) {
      int c = m * 2;
      memoEffort = Arrays.copyOf(memoEffort, c);
      memoRejection = Arrays.copyOf(memoRejection, c);
      memoReports = Arrays.copyOf(memoReports, c);
      memoUses = Arrays.copyOf(memoUses, c);
      fastUses = Arrays.copyOf(fastUses, c);
      memoNotValued = Arrays.copyOf(memoNotValued, c);
    }
    return m;
  }

  /** Records memo entry {@code m} as the one of {@code sig} in pricing-period slot {@code slot}. */
  private void memoAt(int slot, int sig, int m) {
    int[] row = memoBySlot[slot];
    if (sig >= row.length) {
      row = Arrays.copyOf(row, Math.max(sig + 1, row.length * 2));
      memoBySlot[slot] = row;
    }
    row[sig] = m + 1;
  }

  /**
   * Counts the memo's uses since the last time, in one walk over its entries: the lines the dense
   * loop folded ({@link #fastUses}) as the general loop counts its own (efforts read, and accepted or
   * rejected), and what each valuation reported, once per line that used it (either loop's).
   */
  void replayMemoReports(IngestTally tally) {
    long read = 0;
    long accepted = 0;
    for (int m = 0; m < memoSize; m++) {
      long fast = fastUses[m];
      if (fast > 0 && !memoNotValued[m]) {
        read += fast;
        if (memoRejection[m] == null) {
          accepted += fast;
        } else {
          tally.reject(IngestTally.LINE_EFFORTS, memoRejection[m], fast);
        }
      }
      long uses = memoUses[m] + fast;
      if (uses > 0 && memoReports[m] != null) {
        tally.addAll(memoReports[m], uses);
      }
      fastUses[m] = 0;
      memoUses[m] = 0;
    }
    tally.read(IngestTally.LINE_EFFORTS, read);
    tally.accept(IngestTally.LINE_EFFORTS, accepted);
  }

  private static ClaimLine prototype(Signature sg, int day) {
    ClaimLine.Builder b =
        ClaimLine.builder()
            .claimId("columns")
            .beneficiaryId("columns")
            .serviceFrom(LocalDate.ofEpochDay(day))
            .units(sg.units())
            .claimType(sg.type());
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
  ClaimLine materialise(ClaimColumns batch, int i, String beneficiaryId) {
    Signature sg = signatures.get(batch.signature[i]);
    ClaimLine.Builder b =
        ClaimLine.builder()
            .claimId("columns")
            .beneficiaryId(beneficiaryId)
            .serviceFrom(LocalDate.ofEpochDay(batch.from[i]))
            .serviceThrough(LocalDate.ofEpochDay(batch.through[i]))
            .units(sg.units())
            .claimType(sg.type());
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

  /** {@code effort}, checked not to be negative (a broken calculator is a bug, not bad input). */
  static long checked(EffortCalculator effortCalculator, long effort, ClaimLine line) {
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
}
