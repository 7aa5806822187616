package org.mpindex.rbrvs;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Multipliers of the work RVU by year of service, such as the budget-neutrality adjustors CMS
 * applied to work RVUs at payment in 2007 and 2008 (the files' work column is unadjusted; from 2009
 * the adjustment moved into the conversion factor). Whether to apply them is a method choice: they
 * describe payment, not the relative work of services, so they are off by default; they matter when
 * effort is compared across 2007-2008 and later years in payment-consistent terms.
 *
 * @param byYear multiplier per calendar year of service; years not listed are not adjusted
 * @param source where the values come from
 */
public record WorkAdjustors(Map<Integer, BigDecimal> byYear, String source) {

  /**
   * CMS's work budget-neutrality adjustors: 0.8994 in 2007, 0.8806 in 2008 (payment = work RVU x
   * adjustor x work GPCI + ...). Sources: the VistA Fee Basis routine {@code FBAAFSR.m} of
   * WorldVistA/VistA-M ("Multiply Work RVU by the Budget Neutrality Adjustor (0.8994)", 0.8806 for
   * 2008, none from 2009) and PCC's 2008 note ("For 2008, the adjustment factor increased to
   * 0.8806"); see {@code bn_adjustor_and_cf.tsv} in the project's shared data. The CY2007 and CY2008
   * PFS final rules in the Federal Register are the primary sources.
   */
  public static final WorkAdjustors CMS_2007_2008 =
      new WorkAdjustors(
          Map.of(2007, new BigDecimal("0.8994"), 2008, new BigDecimal("0.8806")),
          "CMS work budget-neutrality adjustors 2007 0.8994, 2008 0.8806");

  public WorkAdjustors {
    Objects.requireNonNull(source, "source");
    TreeMap<Integer, BigDecimal> copy = new TreeMap<>();
    byYear.forEach(
        (y, v) -> {
          if (v.signum() < 0 || v.compareTo(BigDecimal.TEN) > 0) {
            throw new IllegalArgumentException(
                "work adjustor of " + y + " must be in [0, 10], got " + v);
          }
          copy.put(y, v);
        });
    byYear = Collections.unmodifiableMap(copy);
  }

  /** The multiplier of {@code year} in parts per million, or -1 when the year is not adjusted. */
  long ppm(int year) {
    BigDecimal v = byYear.get(year);
    return v == null ? -1 : RvuRelease.micros(v);
  }

  /** One line for reports. */
  public String describe() {
    return source;
  }
}
