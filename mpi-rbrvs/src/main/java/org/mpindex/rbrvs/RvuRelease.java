package org.mpindex.rbrvs;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mpindex.core.claims.Modifier;
import org.mpindex.core.claims.ProcedureCode;

/**
 * One release of the national relative value file: CMS publishes an annual release in January
 * ({@code RVUyyA}) and quarterly updates ({@code B} April, {@code C} July, {@code D} October), each in
 * force from its effective date until the next one. Immutable.
 *
 * <p>Memory: one {@link RvuRecord} (about 200 bytes) per row; a full release holds about 16,000
 * rows, 3-4 MB.
 */
public final class RvuRelease {
  private static final Pattern RELEASE_NAME = Pattern.compile("(?i)RVU(\\d{2})(?!\\d)([A-D])?");
  private static final Pattern FILE_NAME = Pattern.compile("(?i)PPRRVU(20\\d{2}|\\d{2})");

  private final String name;
  private final LocalDate effectiveFrom;
  // the rows and the index by code: built at construction, or on first use for a lazily read
  // release (the bundled ones), exactly once
  private volatile Loaded loaded;
  private java.util.function.Supplier<List<RvuRecord>> source;

  private static final class Loaded {
    final List<RvuRecord> records;
    final Map<ProcedureCode, Rows> byCode;

    Loaded(List<RvuRecord> records, Map<ProcedureCode, Rows> byCode) {
      this.records = records;
      this.byCode = byCode;
    }
  }

  /**
   * The rows of one code: the global row and the rows with a pricing modifier, with their work RVUs
   * precomputed in micro-units for the calculator's hot path.
   */
  static final class Rows {
    RvuRecord global;
    long globalWorkMicros;
    // the few modifier rows of a code (26, TC, 53): small arrays scanned in order, no map per code
    private static final Modifier[] NONE = new Modifier[0];
    Modifier[] modifiers = NONE;
    RvuRecord[] modifierRows;
    long[] modifierMicros;

    /** The index of {@code m} among the modifier rows, or -1. */
    int indexOf(Modifier m) {
      for (int i = 0; i < modifiers.length; i++) {
        if (modifiers[i].equals(m)) {
          return i;
        }
      }
      return -1;
    }

    RvuRecord row(Modifier m) {
      int i = indexOf(m);
      return i < 0 ? null : modifierRows[i];
    }

    /** Adds a modifier row; returns the row it replaces, or null. */
    RvuRecord put(Modifier m, RvuRecord r, long workMicros) {
      int i = indexOf(m);
      if (i >= 0) {
        RvuRecord old = modifierRows[i];
        modifierRows[i] = r;
        modifierMicros[i] = workMicros;
        return old;
      }
      int n = modifiers.length;
      modifiers = java.util.Arrays.copyOf(modifiers, n + 1);
      modifierRows =
          modifierRows == null ? new RvuRecord[1] : java.util.Arrays.copyOf(modifierRows, n + 1);
      modifierMicros =
          modifierMicros == null ? new long[1] : java.util.Arrays.copyOf(modifierMicros, n + 1);
      modifiers[n] = m;
      modifierRows[n] = r;
      modifierMicros[n] = workMicros;
      return null;
    }
  }

  /** Work RVUs in micro-units, rounded half-even beyond six decimals. */
  static long micros(java.math.BigDecimal rvu) {
    return rvu.movePointRight(6).setScale(0, java.math.RoundingMode.HALF_EVEN).longValueExact();
  }

  /**
   * @param name the release name, e.g. {@code RVU09A}
   * @param effectiveFrom first day the release is in force
   * @param records its rows; a second row with the same code and modifier is an error
   * @throws IllegalArgumentException naming the code for a duplicate row
   */
  public RvuRelease(String name, LocalDate effectiveFrom, List<RvuRecord> records) {
    this.name = Objects.requireNonNull(name, "name");
    this.effectiveFrom = Objects.requireNonNull(effectiveFrom, "effectiveFrom");
    this.loaded = index(name, records);
  }

  /**
   * A release whose rows are read on first use (by {@code rows}, once; thread-safe): for the
   * bundled releases, so that a schedule over sixteen years reads only the years it prices.
   */
  static RvuRelease lazy(
      String name, LocalDate effectiveFrom, java.util.function.Supplier<List<RvuRecord>> rows) {
    RvuRelease r = new RvuRelease(name, effectiveFrom);
    r.source = Objects.requireNonNull(rows, "rows");
    return r;
  }

  private RvuRelease(String name, LocalDate effectiveFrom) {
    this.name = Objects.requireNonNull(name, "name");
    this.effectiveFrom = Objects.requireNonNull(effectiveFrom, "effectiveFrom");
  }

  private Loaded loaded() {
    Loaded l = loaded;
    if (l == null) {
      synchronized (this) {
        l = loaded;
        if (l == null) {
          l = index(name, source.get());
          loaded = l;
          source = null;
        }
      }
    }
    return l;
  }

  private static Loaded index(String name, List<RvuRecord> list) {
    List<RvuRecord> records = List.copyOf(list);
    Map<ProcedureCode, Rows> byCode = new HashMap<>(records.size() * 2);
    for (RvuRecord r : records) {
      Rows rows = byCode.computeIfAbsent(r.code(), c -> new Rows());
      RvuRecord previous;
      if (r.modifier().isEmpty()) {
        previous = rows.global;
        rows.global = r;
        rows.globalWorkMicros = micros(r.workRvu());
      } else {
        previous = rows.put(r.modifier().get(), r, micros(r.workRvu()));
      }
      if (previous != null) {
        throw new IllegalArgumentException("release " + name + " has two rows for " + r.key());
      }
    }
    return new Loaded(records, byCode);
  }

  /**
   * The effective date of a release name: {@code RVU09A} is 2009-01-01, {@code B} April, {@code C}
   * July, {@code D} October; a bare {@code PPRRVU09} file is the January release.
   *
   * @throws IllegalArgumentException when the name holds no recognisable year
   */
  public static LocalDate effectiveDateOf(String releaseOrFileName) {
    Matcher m = RELEASE_NAME.matcher(releaseOrFileName);
    if (m.find()) {
      int year = 2000 + Integer.parseInt(m.group(1));
      String q = m.group(2) == null ? "A" : m.group(2).toUpperCase(java.util.Locale.ROOT);
      return LocalDate.of(year, 1 + 3 * (q.charAt(0) - 'A'), 1);
    }
    Matcher f = FILE_NAME.matcher(releaseOrFileName);
    if (f.find()) {
      String y = f.group(1);
      return LocalDate.of(y.length() == 2 ? 2000 + Integer.parseInt(y) : Integer.parseInt(y), 1, 1);
    }
    throw new IllegalArgumentException(
        "cannot tell the release from '"
            + releaseOrFileName
            + "': expected RVUyyA..D or PPRRVUyy in the name,"
            + " or give the effective date");
  }

  public String name() {
    return name;
  }

  public LocalDate effectiveFrom() {
    return effectiveFrom;
  }

  /** Every row, in file order. */
  public List<RvuRecord> records() {
    return loaded().records;
  }

  /** Number of rows. */
  public int size() {
    return records().size();
  }

  /** The global row of {@code code} (no modifier). */
  public Optional<RvuRecord> global(ProcedureCode code) {
    Rows r = loaded().byCode.get(code);
    return r == null ? Optional.empty() : Optional.ofNullable(r.global);
  }

  /** The row of {@code code} with pricing modifier {@code modifier}. */
  public Optional<RvuRecord> withModifier(ProcedureCode code, Modifier modifier) {
    Rows r = loaded().byCode.get(code);
    return r == null ? Optional.empty() : Optional.ofNullable(r.row(modifier));
  }

  /** The rows of a code, or null; for the calculator's allocation-free lookups. */
  Rows rows(ProcedureCode code) {
    return loaded().byCode.get(code);
  }

  /** Whether any row carries transitioned practice expense (the 2007-2010 layout). */
  public boolean transitional() {
    for (RvuRecord r : records()) {
      if (r.transitionedNonFacilityPeRvu().isPresent()
          || r.transitionedFacilityPeRvu().isPresent()) {
        return true;
      }
    }
    return false;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RvuRelease rvuRelease
        && name.equals(rvuRelease.name)
        && effectiveFrom.equals(rvuRelease.effectiveFrom)
        && records().equals(rvuRelease.records());
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, effectiveFrom, records());
  }

  @Override
  public String toString() {
    return name
        + " (from "
        + effectiveFrom
        + (loaded == null ? ", not read yet)" : ", " + size() + " rows)");
  }
}
