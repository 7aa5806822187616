package org.mpindex.rbrvs;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * Column positions of the fixed-width {@code PPRRVUyy.txt} variant of the relative value file
 * (0-based, end exclusive) and its record length (without the line end). Lines starting with
 * {@code HDR} are headers.
 *
 * <p>The built-in layouts read every field the CSV reader reads. Their positions are those of the
 * RVUPUF record layouts shipped in the CMS zips, verified by slicing every data row of the real
 * January files and comparing with the CSV of the same release (see {@code
 * pprrvu_txt_layout.tsv} in the project's shared data, source {@code lakeraven/corvid@b9076ec},
 * {@code RVUyyA.zip}): {@link #CMS_2009} (record length 206), {@link #CMS_2011_2012} (207: the same
 * positions for every field read, the OPPS columns at the end one wider) and {@link #CMS_2013_ON}
 * (171, one PE value per setting). No 2007, 2008 or 2010 file was available: {@link #forYear} gives
 * them the 2009 layout, which the RVUPUF documents of those years are believed to share (not
 * verified).
 *
 * @param name how errors and reports name the layout
 * @param recordLength characters of a data record without the line end; 0 when not fixed
 * @param columns field to {start, end}
 */
public record TxtLayout(String name, int recordLength, Map<RvuField, int[]> columns) {

  /** 2009 (and, inferred, 2007-2008 and 2010): transitioned and fully implemented PE; 206 characters. */
  public static final TxtLayout CMS_2009 = transitional("CMS 2009 TXT (RVUPUF09)", 206);

  /** 2011 and 2012: the 2009 positions for every field read; 207 characters. */
  public static final TxtLayout CMS_2011_2012 =
      transitional("CMS 2011-2012 TXT (RVUPUF11, RVUPUF12)", 207);

  /** 2013 to 2025: one PE value per setting; 171 characters. */
  public static final TxtLayout CMS_2013_ON =
      of(
          "CMS 2013+ TXT (RVUPUF13-RVUPUF25)",
          171,
          positions(
              RvuField.HCPCS,
              1,
              5,
              RvuField.MOD,
              6,
              7,
              RvuField.STATUS,
              58,
              58,
              RvuField.NOT_USED_FOR_PAYMENT,
              59,
              59,
              RvuField.WORK_RVU,
              60,
              65,
              RvuField.NON_FACILITY_PE,
              67,
              72,
              RvuField.FACILITY_PE,
              76,
              81,
              RvuField.MP_RVU,
              85,
              89,
              RvuField.PCTC,
              103,
              103,
              RvuField.GLOBAL_DAYS,
              104,
              106,
              RvuField.PRE_OP,
              107,
              109,
              RvuField.INTRA_OP,
              110,
              112,
              RvuField.POST_OP,
              113,
              115,
              RvuField.MULTIPLE_PROCEDURE,
              116,
              116,
              RvuField.BILATERAL,
              117,
              117,
              RvuField.ASSISTANT,
              118,
              118,
              RvuField.CO_SURGERY,
              119,
              119,
              RvuField.TEAM_SURGERY,
              120,
              120,
              RvuField.ENDOSCOPIC_BASE,
              128,
              132,
              RvuField.CONVERSION_FACTOR,
              133,
              140));

  private static TxtLayout transitional(String name, int length) {
    return of(
        name,
        length,
        positions(
            RvuField.HCPCS,
            1,
            5,
            RvuField.MOD,
            6,
            7,
            RvuField.STATUS,
            58,
            58,
            RvuField.NOT_USED_FOR_PAYMENT,
            59,
            59,
            RvuField.WORK_RVU,
            60,
            65,
            RvuField.TRANSITIONED_NON_FACILITY_PE,
            67,
            72,
            RvuField.NON_FACILITY_PE,
            76,
            81,
            RvuField.TRANSITIONED_FACILITY_PE,
            85,
            90,
            RvuField.FACILITY_PE,
            94,
            99,
            RvuField.MP_RVU,
            104,
            108,
            RvuField.PCTC,
            139,
            139,
            RvuField.GLOBAL_DAYS,
            140,
            142,
            RvuField.PRE_OP,
            143,
            145,
            RvuField.INTRA_OP,
            146,
            148,
            RvuField.POST_OP,
            149,
            151,
            RvuField.MULTIPLE_PROCEDURE,
            152,
            152,
            RvuField.BILATERAL,
            153,
            153,
            RvuField.ASSISTANT,
            154,
            154,
            RvuField.CO_SURGERY,
            155,
            155,
            RvuField.TEAM_SURGERY,
            156,
            156,
            RvuField.ENDOSCOPIC_BASE,
            164,
            168,
            RvuField.CONVERSION_FACTOR,
            169,
            176));
  }

  /** Field, 1-based first column, 1-based last column, ... as the RVUPUF documents print them. */
  private static Map<RvuField, int[]> positions(Object... triples) {
    Map<RvuField, int[]> m = new EnumMap<>(RvuField.class);
    for (int i = 0; i < triples.length; i += 3) {
      m.put(
          (RvuField) triples[i],
          new int[] {(Integer) triples[i + 1] - 1, (Integer) triples[i + 2]});
    }
    return m;
  }

  public TxtLayout {
    Objects.requireNonNull(name, "name");
    if (recordLength < 0) {
      throw new IllegalArgumentException(name + ": negative record length");
    }
    EnumMap<RvuField, int[]> copy = new EnumMap<>(RvuField.class);
    columns.forEach(
        (f, p) -> {
          if (p.length != 2
              || p[0] < 0
              || p[1] <= p[0]
              || (recordLength > 0 && p[1] > recordLength)) {
            throw new IllegalArgumentException(name + ": bad position for " + f);
          }
          copy.put(f, p.clone());
        });
    for (RvuField required : new RvuField[] {RvuField.HCPCS, RvuField.STATUS, RvuField.WORK_RVU}) {
      if (!copy.containsKey(required)) {
        throw new IllegalArgumentException(
            name + ": a TXT layout needs a position for " + required);
      }
    }
    columns = Collections.unmodifiableMap(copy);
  }

  /** A layout from field positions (0-based start, exclusive end) with any record length. */
  public static TxtLayout of(String name, Map<RvuField, int[]> columns) {
    return new TxtLayout(name, 0, columns);
  }

  /** A layout from field positions (0-based start, exclusive end) and a fixed record length. */
  public static TxtLayout of(String name, int recordLength, Map<RvuField, int[]> columns) {
    return new TxtLayout(name, recordLength, columns);
  }

  /** The built-in layout for a file of {@code year}. */
  public static TxtLayout forYear(int year) {
    return year <= 2010 ? CMS_2009 : year <= 2012 ? CMS_2011_2012 : CMS_2013_ON;
  }

  /**
   * The built-in layout of a data record of {@code length} characters (206, 207 or 171), else the
   * layout of {@code year}: records are told by their length first, as the layouts differ.
   */
  public static TxtLayout forRecord(int length, int year) {
    for (TxtLayout l : new TxtLayout[] {CMS_2009, CMS_2011_2012, CMS_2013_ON}) {
      if (l.recordLength == length) {
        return l;
      }
    }
    return forYear(year);
  }

  /** The last column (exclusive) of any field: a shorter line cannot hold them all. */
  public int lastColumn() {
    return columns.values().stream().mapToInt(p -> p[1]).max().orElse(0);
  }
}
