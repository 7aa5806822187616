package org.mpindex.rbrvs;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * Column positions of the fixed-width {@code PPRRVUyy.txt} variant of the relative value file
 * (0-based, end exclusive). Lines starting with {@code HDR} are headers.
 *
 * <p>The built-in layouts hold only the positions confirmed from public sources (see the module
 * README): code, modifier, status, the not-used flag, work, practice expense and malpractice RVUs.
 * The payment-policy indicators of the TXT variant are not read by them; use the CSV file of the
 * same release (every release ships both) or give the positions from the release's own RVUPUF
 * documentation with {@link #of}.
 *
 * @param name how errors and reports name the layout
 * @param columns field to {start, end}
 */
public record TxtLayout(String name, Map<RvuField, int[]> columns) {

  /**
   * 2007-2010 files (transitioned and fully implemented PE): HCPCS 1-5, modifier 6-7, status 58,
   * not-used flag 59, work 60-65, transitioned non-facility PE 67-72, transitioned facility PE
   * 85-90, malpractice 104-110 (1-based; as read by the VA's FBZRVUY9 loader of PPRRVU09.TXT).
   */
  public static final TxtLayout CMS_2007_2010 = of("CMS 2007-2010 TXT", Map.of(
      RvuField.HCPCS, new int[] {0, 5},
      RvuField.MOD, new int[] {5, 7},
      RvuField.STATUS, new int[] {57, 58},
      RvuField.NOT_USED_FOR_PAYMENT, new int[] {58, 59},
      RvuField.WORK_RVU, new int[] {59, 65},
      RvuField.TRANSITIONED_NON_FACILITY_PE, new int[] {66, 72},
      RvuField.TRANSITIONED_FACILITY_PE, new int[] {84, 90},
      RvuField.MP_RVU, new int[] {103, 110}));

  /**
   * 2011 and later files (one PE value per setting): HCPCS 1-5, modifier 6-7, status 58, work
   * ending at column 65, non-facility PE ending at 72, facility PE ending at 81, malpractice ending
   * at 89 (observed in the October 2025 file by a public parser).
   */
  public static final TxtLayout CMS_2011_ON = of("CMS 2011+ TXT", Map.of(
      RvuField.HCPCS, new int[] {0, 5},
      RvuField.MOD, new int[] {5, 7},
      RvuField.STATUS, new int[] {57, 58},
      RvuField.NOT_USED_FOR_PAYMENT, new int[] {58, 59},
      RvuField.WORK_RVU, new int[] {59, 65},
      RvuField.NON_FACILITY_PE, new int[] {65, 72},
      RvuField.FACILITY_PE, new int[] {72, 81},
      RvuField.MP_RVU, new int[] {81, 89}));

  public TxtLayout {
    Objects.requireNonNull(name, "name");
    EnumMap<RvuField, int[]> copy = new EnumMap<>(RvuField.class);
    columns.forEach((f, p) -> {
      if (p.length != 2 || p[0] < 0 || p[1] <= p[0]) {
        throw new IllegalArgumentException(name + ": bad position for " + f);
      }
      copy.put(f, p.clone());
    });
    for (RvuField required : new RvuField[] {RvuField.HCPCS, RvuField.STATUS, RvuField.WORK_RVU}) {
      if (!copy.containsKey(required)) {
        throw new IllegalArgumentException(name + ": a TXT layout needs a position for " + required);
      }
    }
    columns = Collections.unmodifiableMap(copy);
  }

  /** A layout from field positions (0-based start, exclusive end). */
  public static TxtLayout of(String name, Map<RvuField, int[]> columns) {
    return new TxtLayout(name, columns);
  }

  /** The built-in layout for a file of {@code year}. */
  public static TxtLayout forYear(int year) {
    return year <= 2010 ? CMS_2007_2010 : CMS_2011_ON;
  }
}
