package org.mpindex.rbrvs;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.mpindex.core.claims.ClaimLine;

/**
 * The optional work-GPCI adjustment: work RVUs times the work GPCI of the line's Medicare locality.
 * Off by default, because the index measures labour, not its local price.
 *
 * <p>Claim lines carry no locality, so the caller supplies {@code localityOf} (for instance from the
 * carrier and locality fields of their own claims). Lines without a locality, or with one the table
 * for the service year lacks, stay unadjusted and are counted.
 *
 * <p>Floor: with {@code applyFloor}, the work GPCI is raised to 1.000 for service years from 2004
 * through {@code lastFloorYear} (the floor of MMA 2003 section 412 and its extensions; check the year
 * range against the fee schedule rules you reproduce), and Alaska's to 1.500 from 2009 (MIPPA 2008
 * section 134).
 *
 * @param tablesByYear GPCI tables by fee schedule year
 * @param localityOf the line's locality key, as in the tables
 * @param applyFloor whether the statutory floors apply
 * @param lastFloorYear last service year the 1.0 floor applies
 */
public record WorkGpci(
    Map<Integer, GpciTable> tablesByYear,
    Function<ClaimLine, Optional<String>> localityOf,
    boolean applyFloor,
    int lastFloorYear) {

  private static final BigDecimal ONE = new BigDecimal("1.000");
  private static final BigDecimal ALASKA = new BigDecimal("1.500");

  public WorkGpci {
    tablesByYear = Map.copyOf(tablesByYear);
    Objects.requireNonNull(localityOf, "localityOf");
  }

  /**
   * The work GPCI adjustment over the bundled GPCI files (2009, 2011-2025), keyed {@code
   * contractor/locality} ({@code 01182/18}) or, where unambiguous, locality alone. To get a line's
   * locality from the patient's state and county instead of the claim's carrier and locality, use
   * {@link LocalityTable#locality} of the service year in {@code localityOf}.
   */
  public static WorkGpci bundled(
      Function<ClaimLine, Optional<String>> localityOf, boolean applyFloor, int lastFloorYear) {
    Map<Integer, GpciTable> tables = new java.util.HashMap<>();
    for (int y : BundledRvu.years()) {
      tables.put(y, GpciTable.bundled(y));
    }
    return new WorkGpci(tables, localityOf, applyFloor, lastFloorYear);
  }

  /** The GPCI for a locality on a day, with floors by policy; empty when unknown. */
  public Optional<BigDecimal> gpci(String locality, LocalDate day) {
    GpciTable t = tablesByYear.get(day.getYear());
    if (t == null) {
      return Optional.empty();
    }
    Optional<BigDecimal> g = t.work(locality);
    if (g.isEmpty() || !applyFloor) {
      return g;
    }
    BigDecimal v = g.get();
    int y = day.getYear();
    if (y >= 2009 && t.state(locality).map("AK"::equals).orElse(false) && v.compareTo(ALASKA) < 0) {
      return Optional.of(ALASKA);
    }
    if (y >= 2004 && y <= lastFloorYear && v.compareTo(ONE) < 0) {
      return Optional.of(ONE);
    }
    return g;
  }
}
