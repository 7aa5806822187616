package org.mpindex.rbrvs;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.mpindex.core.claims.ClaimLine;
import org.mpindex.core.claims.Modifier;
import org.mpindex.core.claims.ProcedureCode;
import org.mpindex.core.spi.CodeTally;
import org.mpindex.core.spi.EffortCalculator;

/**
 * Physician work effort of a claim line from the RBRVS: the work RVUs of the line's code in the RVU
 * release in force on its service date, times its units, adjusted by modifiers according to CMS
 * rules (Medicare Claims Processing Manual, Pub. 100-04, chapter 12, section 40 and the RVUPUF
 * indicator definitions). Effort is exact: micro work RVUs, each adjustment rounded half-even to
 * the micro-RVU in a fixed order.
 *
 * <p>Steps, in order:
 *
 * <ol>
 *   <li>release: the one in force on the line's service day (its from- or through-date, as the
 *       spec's claim-dating rule says; the assembler passes it); none gives {@link
 *       NoReleaseException};
 *   <li>anesthesia codes 00100-01999 are paid in base and time units, not work RVUs: by default they
 *       add 0 and are counted; {@link Builder#anesthesiaWork} gives them work RVUs of your choice;
 *   <li>row: the release's own row for the code with one of the line's modifiers when it has one
 *       ({@code 71020-26}, {@code 76700-TC}, {@code 45378-53}...; docs/method.md section 3: "that row is
 *       the work, always"), else the global row; no row at all is an unknown code: 0, counted by
 *       code. A generic percentage is never applied for the modifier whose row was used. {@code -TC}
 *       without a TC row on a PC/TC indicator 1 code is 0 (the technical component has no physician
 *       work);
 *   <li>status: only payable statuses (A, C, R, T) carry work, others give 0 counted by status;
 *       rows flagged "not used for Medicare payment" likewise (option);
 *   <li>work adjustors of the service year (option, off by default: {@link WorkAdjustors}, e.g.
 *       CMS's 2007/2008 budget neutrality);
 *   <li>units multiply (option, default on);
 *   <li>component modifiers (default on): {@code -54} surgical care only = pre + intra-operative
 *       shares, {@code -55} post-operative only = post share, {@code -56} pre-operative only = pre
 *       share; several add up; without a split in the row the full work counts (counted);
 *   <li>payment-policy adjustments, each off by default because they describe payment, not labour:
 *       {@code -50} with bilateral indicator 1: 150%; {@code -51} with multiple procedure
 *       indicator 2 or 3: 50% (the modifier marks the lower-ranked procedures of a claim, which CMS
 *       pays at 50%); {@code -80/-81/-82} with assistant indicator 0 or 2: 16%, {@code -AS} 16% x
 *       85% = 13.6%, indicator 1 or 9: 0; {@code -62} with co-surgery indicator 1 or 2: 62.5% per
 *       surgeon; {@code -66} team surgery is priced by report: full work (counted); {@code -52}
 *       reduced services and {@code -53} discontinued procedures without their own row: a
 *       configurable share (default 50%), since carriers price them by report;
 *   <li>work GPCI of the line's locality (option, off by default, see {@link WorkGpci}).
 * </ol>
 *
 * Thread-safe and allocation-free per line (apart from what the tally does).
 */
public final class WorkRvuCalculator implements EffortCalculator {

  static final Modifier M26 = Modifier.of("26");
  static final Modifier TC = Modifier.of("TC");
  static final Modifier M50 = Modifier.of("50");
  static final Modifier M51 = Modifier.of("51");
  static final Modifier M52 = Modifier.of("52");
  static final Modifier M53 = Modifier.of("53");
  static final Modifier M54 = Modifier.of("54");
  static final Modifier M55 = Modifier.of("55");
  static final Modifier M56 = Modifier.of("56");
  static final Modifier M62 = Modifier.of("62");
  static final Modifier M66 = Modifier.of("66");
  static final Modifier M80 = Modifier.of("80");
  static final Modifier M81 = Modifier.of("81");
  static final Modifier M82 = Modifier.of("82");
  static final Modifier AS = Modifier.of("AS");

  private static final long PPM = 1_000_000L;

  /** The modifiers some rule of this calculator reads; others change nothing and are counted. */
  static final java.util.Set<Modifier> KNOWN_MODIFIERS =
      java.util.Set.of(M26, TC, M50, M51, M52, M53, M54, M55, M56, M62, M66, M80, M81, M82, AS);

  private final RvuSchedule schedule;
  private final boolean units;
  private final boolean componentModifiers;
  private final boolean modifierRows;
  private final boolean bilateral;
  private final boolean multipleProcedure;
  private final boolean assistantAtSurgery;
  private final boolean coSurgery;
  private final boolean reducedServices;
  private final long reducedServicesPpm;
  private final boolean honourNotUsedForPayment;
  private final java.util.Set<StatusCode> valuedStatuses;

  /** Note: a line valued with the work of a status Medicare does not pay ({@link Builder#valueStatuses}). */
  public static final String VALUED_NON_PAYABLE = "lines valued although Medicare status is";

  private final Map<ProcedureCode, Long> anesthesiaWorkMicros;
  private final WorkGpci gpci;
  private final WorkAdjustors adjustors;

  private WorkRvuCalculator(Builder b) {
    this.schedule = b.schedule;
    this.units = b.units;
    this.componentModifiers = b.componentModifiers;
    this.modifierRows = b.modifierRows;
    this.bilateral = b.bilateral;
    this.multipleProcedure = b.multipleProcedure;
    this.assistantAtSurgery = b.assistantAtSurgery;
    this.coSurgery = b.coSurgery;
    this.reducedServices = b.reducedServices;
    this.reducedServicesPpm = b.reducedServicesPpm;
    this.honourNotUsedForPayment = b.honourNotUsedForPayment;
    this.valuedStatuses = java.util.Set.copyOf(b.valuedStatuses);
    this.anesthesiaWorkMicros = Map.copyOf(b.anesthesiaWorkMicros);
    this.gpci = b.gpci;
    this.adjustors = b.adjustors;
  }

  /** The defaults: units and component modifiers on, payment policies off, no GPCI. */
  public static WorkRvuCalculator of(RvuSchedule schedule) {
    return builder(schedule).build();
  }

  public static Builder builder(RvuSchedule schedule) {
    return new Builder(schedule);
  }

  public RvuSchedule schedule() {
    return schedule;
  }

  /** Rejection reason: units x work RVU (or a later factor) passes the range of a long. */
  public static final RvuRejection OVERFLOW = RvuRejection.EFFORT_OF_THE_LINE_OVERFLOWS;

  @Override
  public long effortMicros(ClaimLine line, LocalDate serviceDay, CodeTally tally) {
    try {
      return compute(line, serviceDay, tally, null, null);
    } catch (ArithmeticException e) {
      throw overflow(line);
    }
  }

  /** Note: a claim line reduced to 50% by the claim-level multiple procedure ranking. */
  public static final String RANKED_SECONDARY =
      "multiple procedure ranked below the first of its claim and day: 50%";

  /** Note: an endoscopy valued against its family's base (CMS multiple endoscopy rule). */
  public static final String ENDOSCOPY_FAMILY =
      "endoscopy of a family valued as its work minus the base's";

  /** Note: a base endoscopy billed with a member of its family: not paid separately. */
  public static final String ENDOSCOPY_BASE =
      "base endoscopy billed with its family: no separate work";

  /**
   * The efforts of a claim's lines. With the multiple procedure rule on, CMS's claim-level rules
   * apply instead of the per-line {@code -51} modifier (Medicare Claims Processing Manual 100-04
   * ch. 12 s. 40.6): per service day, the procedures with multiple procedure indicator 2 or 3 are
   * ranked by fee schedule amount (work + PE + MP RVUs, PE of the line's setting, times units; ties
   * in claim order); the first is paid at 100%, the others at 50%. Endoscopies with indicator 3
   * are first valued as a family with their endoscopic base code: the highest valued member in
   * full, each other member at its value minus the base's, the base itself not separately (0); the
   * family then ranks as one procedure. Without the rule, each line is valued alone.
   */
  @Override
  public long[] claimEffortMicros(
      List<ClaimLine> lines, List<LocalDate> serviceDays, CodeTally tally) {
    if (!multipleProcedure) {
      return EffortCalculator.super.claimEffortMicros(lines, serviceDays, tally);
    }
    int n = lines.size();
    long[] micros = new long[n];
    RvuRecord[] rows = new RvuRecord[n];
    java.util.TreeMap<LocalDate, List<Integer>> byDay = new java.util.TreeMap<>();
    for (int i = 0; i < n; i++) {
      RvuRecord[] out = new RvuRecord[1];
      try {
        micros[i] = compute(lines.get(i), serviceDays.get(i), tally, null, out);
      } catch (ArithmeticException e) {
        throw overflow(lines.get(i));
      }
      rows[i] = out[0];
      byDay.computeIfAbsent(serviceDays.get(i), d -> new ArrayList<>()).add(i);
    }
    byDay.forEach((day, indices) -> rankDay(lines, indices, micros, rows, day, tally));
    return micros;
  }

  /** A procedure or an endoscopy family, ranked by its fee in RVUs (micro-units). */
  private static final class Unit {
    final List<Integer> lines = new ArrayList<>();
    long fee;
    final int first;

    Unit(int first) {
      this.first = first;
    }
  }

  private void rankDay(
      List<ClaimLine> lines,
      List<Integer> indices,
      long[] micros,
      RvuRecord[] rows,
      LocalDate day,
      CodeTally tally) {
    java.util.Map<ProcedureCode, Unit> families = new java.util.LinkedHashMap<>();
    List<Unit> units = new ArrayList<>();
    for (int i : indices) {
      RvuRecord r = rows[i];
      if (r != null && r.multipleProcedure() == 3 && r.endoscopicBase().isPresent()) {
        families.computeIfAbsent(r.endoscopicBase().get(), b -> new Unit(i)).lines.add(i);
      }
    }
    RvuRelease release = schedule.releaseFor(day);
    for (java.util.Map.Entry<ProcedureCode, Unit> f : families.entrySet()) {
      Unit family = f.getValue();
      RvuRecord base = release.global(f.getKey()).orElse(null);
      long baseWork = base == null ? 0 : RvuRelease.micros(base.workRvu());
      long baseFee = base == null ? 0 : feeMicros(base, null, 1);
      family.lines.sort(
          (a, b) ->
              a.equals(b)
                  ? 0
                  : micros[b] != micros[a]
                      ? Long.compare(micros[b], micros[a])
                      : Integer.compare(a, b));
      for (int k = 0; k < family.lines.size(); k++) {
        int i = family.lines.get(k);
        long fee = feeMicros(rows[i], lines.get(i), lines.get(i).units());
        if (k == 0) {
          family.fee += fee;
        } else {
          micros[i] = Math.max(0, micros[i] - baseWork);
          family.fee += Math.max(0, fee - baseFee);
          tally.note(ENDOSCOPY_FAMILY);
        }
      }
    }
    for (int i : indices) {
      RvuRecord r = rows[i];
      if (r == null || (micros[i] == 0 && !families.containsKey(r.code()))) {
        continue;
      }
      if (families.containsKey(r.code()) && r.modifier().isEmpty()) {
        micros[i] = 0; // the base billed with its family is not paid separately
        tally.note(ENDOSCOPY_BASE);
        continue;
      }
      if (r.multipleProcedure() == 2) {
        Unit u = new Unit(i);
        u.lines.add(i);
        u.fee = feeMicros(r, lines.get(i), lines.get(i).units());
        units.add(u);
      }
    }
    units.addAll(families.values());
    units.sort(
        (a, b) -> a.fee != b.fee ? Long.compare(b.fee, a.fee) : Integer.compare(a.first, b.first));
    for (int k = 1; k < units.size(); k++) {
      for (int i : units.get(k).lines) {
        micros[i] = mulPpm(micros[i], 500_000);
        tally.note(RANKED_SECONDARY);
      }
    }
  }

  /** Work + PE (of the line's setting; transitioned where the release has it) + MP RVUs, x units, micro-units. */
  private static long feeMicros(RvuRecord r, ClaimLine line, int units) {
    boolean facility = line != null && line.placeOfService().map(p -> p.isFacility()).orElse(false);
    BigDecimal pe =
        facility
            ? r.transitionedFacilityPeRvu().orElse(r.facilityPeRvu())
            : r.transitionedNonFacilityPeRvu().orElse(r.nonFacilityPeRvu());
    return Math.multiplyExact(
        RvuRelease.micros(r.workRvu().add(pe).add(r.malpracticeRvu())), Math.max(1, units));
  }

  private static org.mpindex.core.spi.RejectedRecordException overflow(ClaimLine line) {
    return new org.mpindex.core.spi.RejectedRecordException(
        OVERFLOW,
        "the effort of "
            + line.procedure().orElseThrow()
            + " x "
            + line.units()
            + " unit(s) passes "
            + Long.MAX_VALUE
            + " micro work RVUs");
  }

  /**
   * The effort of a line with every step that made it, for people checking a value: the last step
   * reads {@code work_rvu=<decimal>}.
   *
   * @throws NoReleaseException when no release is in force on the line's date
   */
  public Derivation explain(ClaimLine line) {
    return explain(line, line.serviceFrom());
  }

  /**
   * The effort of a line dated {@code serviceDay} (its from- or through-date, by the claim-dating
   * rule), with every step that made it.
   *
   * @throws NoReleaseException when no release is in force on {@code serviceDay}
   */
  public Derivation explain(ClaimLine line, LocalDate serviceDay) {
    List<String> steps = new ArrayList<>();
    try {
      long micros = compute(line, serviceDay, CodeTally.NONE, steps, null);
      // every derivation ends with the value, whatever path made it
      if (steps.isEmpty() || !steps.get(steps.size() - 1).startsWith("work_rvu=")) {
        steps.add("work_rvu=" + BigDecimal.valueOf(micros, 6).stripTrailingZeros().toPlainString());
      }
      return new Derivation(micros, steps);
    } catch (ArithmeticException e) {
      throw overflow(line);
    }
  }

  /**
   * An effort with its derivation.
   *
   * @param micros effort in micro work RVUs
   * @param steps what was looked up and applied, one line each
   */
  public record Derivation(long micros, List<String> steps) {
    public Derivation {
      steps = List.copyOf(steps);
    }

    /** Effort in work RVUs, exact. */
    public BigDecimal workRvu() {
      return BigDecimal.valueOf(micros, 6).stripTrailingZeros();
    }
  }

  /**
   * @param rowOut when not null, receives the row that valued the line (null for anesthesia or
   *     zero lines); claim-level ranking uses it, and then the per-line -51 rule is skipped
   */
  private long compute(
      ClaimLine line, LocalDate day, CodeTally tally, List<String> steps, RvuRecord[] rowOut) {
    if (line.procedure().isEmpty()) {
      if (steps != null) {
        steps.add("no procedure code: 0");
      }
      return 0;
    }
    ProcedureCode code = line.procedure().get();
    List<Modifier> mods = line.modifiers();
    for (int i = 0, n = mods.size(); i < n; i++) {
      if (!KNOWN_MODIFIERS.contains(mods.get(i))) {
        tally.unknownCode("modifier without an effort rule (no effect)", mods.get(i).code());
      }
    }
    RvuRelease release = schedule.releaseFor(day);
    if (steps != null) {
      steps.add(
          "release "
              + release.name()
              + " (in force from "
              + release.effectiveFrom()
              + ") for service date "
              + day);
    }
    long micros;
    RvuRecord row;
    if (code.isAnesthesia()) {
      Long w = anesthesiaWorkMicros.get(code);
      if (w == null) {
        tally.note("anesthesia code (base and time units, not RVUs): no work");
        if (steps != null) {
          steps.add(code + " is an anesthesia code, paid in base and time units: 0 work RVUs");
        }
        return 0;
      }
      micros = w;
      row = null;
      if (steps != null) {
        steps.add(
            code
                + " anesthesia work set by the user: "
                + BigDecimal.valueOf(w, 6).stripTrailingZeros());
      }
    } else {
      RvuRelease.Rows rows = release.rows(code);
      if (rows == null) {
        tally.unknownCode("HCPCS", code.code());
        if (steps != null) {
          steps.add(code + " is not in " + release.name() + ": unknown code, 0");
        }
        return 0;
      }
      row = null;
      micros = 0;
      List<Modifier> modifiers = line.modifiers();
      for (int i = 0, n = modifiers.size(); i < n; i++) {
        Modifier m = modifiers.get(i);
        int at = rows.indexOf(m);
        if (at >= 0 && modifierRows) {
          RvuRecord r = rows.modifierRows[at];
          row = r;
          micros = rows.modifierMicros[at];
          if (steps != null) {
            steps.add("row " + r.key() + ": work RVU " + r.workRvu().toPlainString());
          }
          break;
        }
      }
      if (row == null) {
        row = rows.global;
        if (row == null) {
          tally.unknownCode(
              "HCPCS",
              code.code()
                  + line.modifiers().stream().map(m -> "-" + m.code()).reduce("", String::concat));
          if (steps != null) {
            steps.add(code + " has no global row in " + release.name() + ": unknown, 0");
          }
          return 0;
        }
        if (componentModifiers && line.hasModifier(TC) && row.pctcIndicator() == 1) {
          tally.note("technical component (-TC) without a TC row: no physician work");
          if (steps != null) {
            steps.add(
                code
                    + "-TC: technical component of a PC/TC indicator 1 code carries no physician work: 0");
          }
          return 0;
        }
        micros = rows.globalWorkMicros;
        if (steps != null) {
          steps.add("row " + row.key() + " (global): work RVU " + row.workRvu().toPlainString());
        }
      }
      boolean valuedByChoice =
          !row.status().payable() && valuedStatuses.contains(row.status()) && micros > 0;
      if (valuedByChoice) {
        // a commercial payer's choice: the file's work for a code Medicare does not pay
        tally.note(VALUED_NON_PAYABLE + " " + row.status().code());
        if (steps != null) {
          steps.add(
              "status "
                  + row.status().code()
                  + " ("
                  + row.status().description()
                  + ") is not payable by Medicare, valued by choice");
        }
      } else if (!row.status().payable()) {
        tally.note(row.status().noWorkNote());
        if (steps != null) {
          steps.add(
              "status "
                  + row.status().code()
                  + " ("
                  + row.status().description()
                  + ") is not payable: 0");
        }
        return 0;
      }
      // a row valued by choice is one Medicare does not pay: its "not used for Medicare payment"
      // flag is the point
      if (honourNotUsedForPayment && row.notUsedForMedicarePayment() && !valuedByChoice) {
        tally.note("RVUs not used for Medicare payment: no work");
        if (steps != null) {
          steps.add("row flagged 'not used for Medicare payment': 0");
        }
        return 0;
      }
    }
    if (adjustors != null) {
      long ppm = adjustors.ppm(day.getYear());
      if (ppm >= 0) {
        micros = mulPpm(micros, ppm);
        if (steps != null) {
          steps.add(
              "x "
                  + BigDecimal.valueOf(ppm, 6).stripTrailingZeros().toPlainString()
                  + " work adjustor of "
                  + day.getYear()
                  + " ("
                  + adjustors.describe()
                  + ")");
        }
      }
    }
    if (units) {
      micros = Math.multiplyExact(micros, (long) line.units());
      if (steps != null) {
        steps.add("x " + line.units() + " unit(s)");
      }
    }
    if (row != null) {
      micros = applyModifiers(line, row, micros, tally, steps, rowOut != null);
      if (rowOut != null) {
        rowOut[0] = row;
      }
    }
    if (gpci != null) {
      Optional<String> locality = gpci.localityOf().apply(line);
      Optional<BigDecimal> g = locality.flatMap(l -> gpci.gpci(l, day));
      if (g.isEmpty()) {
        tally.note("no work GPCI for the line's locality: unadjusted");
        if (steps != null) {
          steps.add("no work GPCI for locality " + locality.orElse("(none)") + ": unadjusted");
        }
      } else {
        micros = mulPpm(micros, RvuRelease.micros(g.get()));
        if (steps != null) {
          steps.add(
              "x work GPCI " + g.get().toPlainString() + " (locality " + locality.get() + ")");
        }
      }
    }
    if (steps != null) {
      steps.add("work_rvu=" + BigDecimal.valueOf(micros, 6).stripTrailingZeros().toPlainString());
    }
    return micros;
  }

  private long applyModifiers(
      ClaimLine line,
      RvuRecord row,
      long micros,
      CodeTally tally,
      List<String> steps,
      boolean claimRanking) {
    if (componentModifiers) {
      boolean m54 = applies(line, row, M54);
      boolean m55 = applies(line, row, M55);
      boolean m56 = applies(line, row, M56);
      if (m54 || m55 || m56) {
        if (!row.hasOperativeSplit()) {
          tally.note("-54/-55/-56 on a code without a pre/intra/post split: full work");
          if (steps != null) {
            steps.add("-54/-55/-56 but the row has no pre/intra/post split: full work");
          }
        } else {
          long share = 0;
          if (m54) {
            share +=
                RvuRelease.micros(row.preOperative()) + RvuRelease.micros(row.intraOperative());
          }
          if (m55) {
            share += RvuRelease.micros(row.postOperative());
          }
          if (m56 && !m54) {
            share += RvuRelease.micros(row.preOperative());
          }
          micros = mulPpm(micros, share);
          if (steps != null) {
            steps.add(
                "x "
                    + BigDecimal.valueOf(share, 6).stripTrailingZeros().toPlainString()
                    + " operative share ("
                    + (m54 ? "-54 pre+intra " : "")
                    + (m55 ? "-55 post " : "")
                    + (m56 && !m54 ? "-56 pre" : "")
                    + ")");
          }
        }
      }
    }
    if (bilateral && applies(line, row, M50) && row.bilateral() == 1) {
      micros = mulPpm(micros, 1_500_000);
      if (steps != null) {
        steps.add("x 1.5 bilateral (-50, indicator 1)");
      }
    }
    if (multipleProcedure
        && !claimRanking
        && applies(line, row, M51)
        && (row.multipleProcedure() == 2 || row.multipleProcedure() == 3)) {
      micros = mulPpm(micros, 500_000);
      if (steps != null) {
        steps.add("x 0.5 multiple procedure (-51, indicator " + row.multipleProcedure() + ")");
      }
    }
    if (assistantAtSurgery) {
      boolean physicianAssistant =
          applies(line, row, M80) || applies(line, row, M81) || applies(line, row, M82);
      boolean nonPhysician = applies(line, row, AS);
      if (physicianAssistant || nonPhysician) {
        if (row.assistant() == 1 || row.assistant() == 9) {
          tally.note("assistant at surgery not payable (indicator 1 or 9): no work");
          if (steps != null) {
            steps.add(
                "assistant at surgery with indicator " + row.assistant() + " (not payable): 0");
          }
          return 0;
        }
        long ppm = nonPhysician && !physicianAssistant ? 136_000 : 160_000;
        micros = mulPpm(micros, ppm);
        if (steps != null) {
          steps.add(
              "x "
                  + (ppm == 136_000 ? "0.136 (-AS: 16% x 85%)" : "0.16 (-80/-81/-82)")
                  + " assistant at surgery");
        }
      }
    }
    if (coSurgery && applies(line, row, M62) && (row.coSurgery() == 1 || row.coSurgery() == 2)) {
      micros = mulPpm(micros, 625_000);
      if (steps != null) {
        steps.add("x 0.625 co-surgeon (-62, indicator " + row.coSurgery() + ")");
      }
    }
    if (applies(line, row, M66)) {
      tally.note("-66 team surgery is priced by report: full work");
      if (steps != null) {
        steps.add("-66 team surgery, priced by report: full work");
      }
    }
    if (reducedServices && (applies(line, row, M52) || applies(line, row, M53))) {
      micros = mulPpm(micros, reducedServicesPpm);
      if (steps != null) {
        steps.add(
            "x "
                + BigDecimal.valueOf(reducedServicesPpm, 6).stripTrailingZeros().toPlainString()
                + " reduced or discontinued service (-52/-53)");
      }
    }
    return micros;
  }

  /**
   * Whether a modifier's generic percentage applies: the line carries it and the row used is not the
   * file's own row for it (a row of the release for code + modifier already is the work).
   */
  private static boolean applies(ClaimLine line, RvuRecord row, Modifier m) {
    return line.hasModifier(m) && !row.modifier().equals(Optional.of(m));
  }

  /** {@code v * ppm / 1e6}, rounded half-even. */
  static long mulPpm(long v, long ppm) {
    long p = Math.multiplyExact(v, ppm);
    long q = Math.floorDiv(p, PPM);
    long r = Math.floorMod(p, PPM);
    if (r > PPM / 2 || (r == PPM / 2 && (q & 1) == 1)) {
      q++;
    }
    return q;
  }

  /**
   * The release in force and the year (work adjustors are by year): lines priced on days of one
   * release and one year get the same effort. With a work GPCI the effort depends on the line's
   * locality: -1, every line valued.
   */
  @Override
  public int pricingPeriod(LocalDate day) {
    if (gpci != null) {
      return -1;
    }
    int release = schedule.releaseIndex(day);
    return release < 0 ? Integer.MAX_VALUE : release * 10_000 + day.getYear();
  }

  @Override
  public String describe() {
    List<String> on = new ArrayList<>();
    on.add(units ? "units" : "no units");
    on.add(modifierRows ? "modifier rows of the file" : "global rows only");
    on.add(componentModifiers ? "component modifiers TC/54/55/56" : "no component modifiers");
    if (bilateral) {
      on.add("-50 bilateral");
    }
    if (multipleProcedure) {
      on.add("-51 multiple procedure");
    }
    if (assistantAtSurgery) {
      on.add("-80/-81/-82/-AS assistant");
    }
    if (coSurgery) {
      on.add("-62 co-surgery");
    }
    if (reducedServices) {
      on.add(
          "-52/-53 at "
              + BigDecimal.valueOf(reducedServicesPpm, 6).stripTrailingZeros().toPlainString());
    }
    if (!valuedStatuses.isEmpty()) {
      on.add(
          "non-payable statuses valued: "
              + valuedStatuses.stream()
                  .map(c -> String.valueOf(c.code()))
                  .sorted()
                  .collect(java.util.stream.Collectors.joining(",")));
    }
    if (!anesthesiaWorkMicros.isEmpty()) {
      on.add("anesthesia work for " + anesthesiaWorkMicros.size() + " codes");
    }
    if (gpci != null) {
      on.add("work GPCI" + (gpci.applyFloor() ? " with floors" : ""));
    }
    if (adjustors != null) {
      on.add(adjustors.describe());
    }
    return "RBRVS work RVU (" + schedule.coverage() + "; " + String.join(", ", on) + ")";
  }

  @Override
  public String toString() {
    return describe();
  }

  /** Options; see the class documentation for the rules each applies. */
  public static final class Builder {
    private final RvuSchedule schedule;
    private boolean units = true;
    private boolean componentModifiers = true;
    private boolean modifierRows = true;
    private boolean bilateral;
    private boolean multipleProcedure;
    private boolean assistantAtSurgery;
    private boolean coSurgery;
    private boolean reducedServices;
    private long reducedServicesPpm = 500_000;
    private boolean honourNotUsedForPayment = true;
    private java.util.Set<StatusCode> valuedStatuses = java.util.Set.of();
    private Map<ProcedureCode, Long> anesthesiaWorkMicros = Map.of();
    private WorkGpci gpci;
    private WorkAdjustors adjustors;

    private Builder(RvuSchedule schedule) {
      this.schedule = Objects.requireNonNull(schedule, "schedule");
    }

    /** Multiply by units of service (default on). */
    public Builder units(boolean on) {
      this.units = on;
      return this;
    }

    /**
     * Use the release's own row for code + modifier ({@code 71020-26}, {@code 45378-53}...) where it
     * has one, for any modifier on the line (default on): that row is the work, and no generic
     * percentage for the same modifier is applied on top. Off: every line is valued from the global
     * row, with the percentages.
     */
    public Builder modifierRows(boolean on) {
      this.modifierRows = on;
      return this;
    }

    /**
     * The -54/-55/-56 operative shares and the rule that -TC without a TC row on a PC/TC indicator 1
     * code carries no work (default on). The release's own 26/TC rows are governed by {@link
     * #modifierRows}.
     */
    public Builder componentModifiers(boolean on) {
      this.componentModifiers = on;
      return this;
    }

    /** -50 at 150% for bilateral indicator 1 (default off). */
    public Builder bilateral(boolean on) {
      this.bilateral = on;
      return this;
    }

    /** -51 at 50% for multiple procedure indicator 2 or 3 (default off). */
    public Builder multipleProcedure(boolean on) {
      this.multipleProcedure = on;
      return this;
    }

    /** -80/-81/-82 at 16%, -AS at 13.6% (default off). */
    public Builder assistantAtSurgery(boolean on) {
      this.assistantAtSurgery = on;
      return this;
    }

    /** -62 at 62.5% for co-surgery indicator 1 or 2 (default off). */
    public Builder coSurgery(boolean on) {
      this.coSurgery = on;
      return this;
    }

    /**
     * -52/-53 (without a 53 row) at {@code share} of the work (default off; 0.5 when on).
     *
     * @param share 0 to 1
     */
    public Builder reducedServices(boolean on, double share) {
      if (!(share >= 0 && share <= 1)) {
        throw new IllegalArgumentException("reduced service share must be in [0, 1], got " + share);
      }
      this.reducedServices = on;
      this.reducedServicesPpm = Math.round(share * PPM);
      return this;
    }

    /** Give rows flagged "not used for Medicare payment" no work (default on). */
    /**
     * For payers other than Medicare: codes whose Medicare status is one of {@code statuses} (for
     * example N non-covered, I not valid for Medicare, B bundled) are valued with the work RVU the
     * file gives them, where it gives one above 0 (preventive visits 99381-99397 have status N and
     * work RVUs, flagged "not used for Medicare payment", which then does not zero them); each such
     * line is noted ({@value #VALUED_NON_PAYABLE} N, ...). Payable statuses are valued anyway; none by
     * default (Medicare's rule).
     *
     * @throws IllegalArgumentException for a payable status (it is valued already)
     */
    public Builder valueStatuses(java.util.Set<StatusCode> statuses) {
      for (StatusCode c : statuses) {
        if (c.payable()) {
          throw new IllegalArgumentException(
              "status " + c.code() + " (" + c.description() + ") is payable: valued already");
        }
      }
      this.valuedStatuses = java.util.Set.copyOf(statuses);
      return this;
    }

    public Builder honourNotUsedForPayment(boolean on) {
      this.honourNotUsedForPayment = on;
      return this;
    }

    /** Work RVUs per anesthesia code (else anesthesia lines add 0 and are counted). */
    public Builder anesthesiaWork(Map<ProcedureCode, BigDecimal> workRvuByCode) {
      Map<ProcedureCode, Long> m = new java.util.HashMap<>();
      workRvuByCode.forEach((c, v) -> m.put(c, RvuRelease.micros(v)));
      this.anesthesiaWorkMicros = m;
      return this;
    }

    /** Adjust by work GPCI (default off). */
    public Builder workGpci(WorkGpci gpci) {
      this.gpci = Objects.requireNonNull(gpci, "gpci");
      return this;
    }

    /**
     * Multiply the work RVU by a per-year adjustor, e.g. {@link WorkAdjustors#CMS_2007_2008} (default
     * none): applied to the row's work RVU, before units and modifiers.
     */
    public Builder workAdjustors(WorkAdjustors adjustors) {
      this.adjustors = Objects.requireNonNull(adjustors, "adjustors");
      return this;
    }

    public WorkRvuCalculator build() {
      return new WorkRvuCalculator(this);
    }
  }
}
