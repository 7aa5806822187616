package org.mpindex.rbrvs;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;
import org.mpindex.core.claims.Modifier;
import org.mpindex.core.claims.ProcedureCode;

/**
 * One row of the CMS national physician fee schedule relative value file: a HCPCS code, optionally
 * with a pricing modifier (26, TC, 53), its status and relative value units. No descriptor is kept:
 * CPT descriptors are AMA-copyrighted. RVUs are exact decimals as CMS prints them.
 *
 * <p>Practice expense: files of 2007-2010 carry a transitioned and a fully implemented value for both
 * settings; later files carry one value per setting, which is stored as the fully implemented one,
 * with the transitioned ones empty.
 *
 * @param code HCPCS/CPT code
 * @param modifier pricing modifier of the row; empty for the global row
 * @param status fee schedule status
 * @param notUsedForMedicarePayment the "NOT USED FOR MEDICARE PAYMENT" flag
 * @param workRvu physician work RVUs
 * @param nonFacilityPeRvu non-facility practice expense RVUs (fully implemented)
 * @param facilityPeRvu facility practice expense RVUs (fully implemented)
 * @param transitionedNonFacilityPeRvu 2007-2010 transitioned non-facility PE RVUs; empty after
 * @param transitionedFacilityPeRvu 2007-2010 transitioned facility PE RVUs; empty after
 * @param malpracticeRvu malpractice (professional liability) RVUs
 * @param pctcIndicator professional/technical component indicator 0-9; -1 when not given
 * @param globalDays global surgery period; empty when not given
 * @param preOperative share of the work before surgery (0-1); zero when not given
 * @param intraOperative share during surgery (0-1)
 * @param postOperative share after surgery (0-1)
 * @param multipleProcedure multiple procedure indicator 0-9; -1 when not given
 * @param bilateral bilateral surgery indicator 0-9; -1 when not given
 * @param assistant assistant at surgery indicator 0-9; -1 when not given
 * @param coSurgery co-surgeons indicator 0-9; -1 when not given
 * @param teamSurgery team surgery indicator 0-9; -1 when not given
 * @param endoscopicBase the endoscopic base code; empty when none
 * @param conversionFactor dollars per RVU; empty when not given
 */
public record RvuRecord(
    ProcedureCode code,
    Optional<Modifier> modifier,
    StatusCode status,
    boolean notUsedForMedicarePayment,
    BigDecimal workRvu,
    BigDecimal nonFacilityPeRvu,
    BigDecimal facilityPeRvu,
    Optional<BigDecimal> transitionedNonFacilityPeRvu,
    Optional<BigDecimal> transitionedFacilityPeRvu,
    BigDecimal malpracticeRvu,
    int pctcIndicator,
    Optional<GlobalDays> globalDays,
    BigDecimal preOperative,
    BigDecimal intraOperative,
    BigDecimal postOperative,
    int multipleProcedure,
    int bilateral,
    int assistant,
    int coSurgery,
    int teamSurgery,
    Optional<ProcedureCode> endoscopicBase,
    Optional<BigDecimal> conversionFactor) {

  public RvuRecord {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(modifier, "modifier");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(workRvu, "workRvu");
    Objects.requireNonNull(nonFacilityPeRvu, "nonFacilityPeRvu");
    Objects.requireNonNull(facilityPeRvu, "facilityPeRvu");
    Objects.requireNonNull(transitionedNonFacilityPeRvu, "transitionedNonFacilityPeRvu");
    Objects.requireNonNull(transitionedFacilityPeRvu, "transitionedFacilityPeRvu");
    Objects.requireNonNull(malpracticeRvu, "malpracticeRvu");
    Objects.requireNonNull(globalDays, "globalDays");
    Objects.requireNonNull(preOperative, "preOperative");
    Objects.requireNonNull(intraOperative, "intraOperative");
    Objects.requireNonNull(postOperative, "postOperative");
    Objects.requireNonNull(endoscopicBase, "endoscopicBase");
    Objects.requireNonNull(conversionFactor, "conversionFactor");
    if (workRvu.signum() < 0) {
      throw new IllegalArgumentException("work RVU of " + code + " is negative: " + workRvu);
    }
    // one value, one form: 0.10, .10 and 0.1 (CMS writes all three over the years) are equal
    workRvu = plain(workRvu);
    nonFacilityPeRvu = plain(nonFacilityPeRvu);
    facilityPeRvu = plain(facilityPeRvu);
    transitionedNonFacilityPeRvu = transitionedNonFacilityPeRvu.map(RvuRecord::plain);
    transitionedFacilityPeRvu = transitionedFacilityPeRvu.map(RvuRecord::plain);
    malpracticeRvu = plain(malpracticeRvu);
    preOperative = plain(preOperative);
    intraOperative = plain(intraOperative);
    postOperative = plain(postOperative);
    conversionFactor = conversionFactor.map(RvuRecord::plain);
  }

  /** Without trailing zeros, and never in exponent form with a negative scale ({@code 10}, not {@code 1E+1}). */
  static BigDecimal plain(BigDecimal d) {
    if (d.scale() == 0 || (d.scale() > 0 && d.unscaledValue().testBit(0))) {
      return d; // no trailing zero to strip: an odd unscaled value cannot end in 0
    }
    BigDecimal s = d.stripTrailingZeros();
    return s.scale() < 0 ? s.setScale(0) : s;
  }

  /** A row with the given work RVUs and nothing else known (zeros and "not given"). */
  public static RvuRecord work(
      ProcedureCode code, Modifier modifier, StatusCode status, BigDecimal workRvu) {
    return new RvuRecord(
        code,
        Optional.ofNullable(modifier),
        status,
        false,
        workRvu,
        BigDecimal.ZERO,
        BigDecimal.ZERO,
        Optional.empty(),
        Optional.empty(),
        BigDecimal.ZERO,
        -1,
        Optional.empty(),
        BigDecimal.ZERO,
        BigDecimal.ZERO,
        BigDecimal.ZERO,
        -1,
        -1,
        -1,
        -1,
        -1,
        Optional.empty(),
        Optional.empty());
  }

  /** Whether the row gives a pre/intra/post-operative split (the shares are not all zero). */
  public boolean hasOperativeSplit() {
    return preOperative.signum() > 0 || intraOperative.signum() > 0 || postOperative.signum() > 0;
  }

  /** {@code 71020-26}. */
  public String key() {
    return code.code() + modifier.map(m -> "-" + m.code()).orElse("");
  }
}
