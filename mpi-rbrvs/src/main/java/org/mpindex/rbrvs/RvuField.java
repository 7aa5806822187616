package org.mpindex.rbrvs;

import java.util.Locale;

/**
 * The columns of the national relative value file the library reads. CSV headers are matched to
 * these by their words, which CMS has reworded over the years ({@code WORK RVU}; {@code TRANSITIONED
 * NON-FAC PE RVU} in 2007-2010; {@code NON-FAC PE RVU}, split over two header rows, from 2011), so
 * one reader serves every year.
 */
public enum RvuField {
  HCPCS,
  MOD,
  STATUS,
  NOT_USED_FOR_PAYMENT,
  WORK_RVU,
  TRANSITIONED_NON_FACILITY_PE,
  NON_FACILITY_PE,
  TRANSITIONED_FACILITY_PE,
  FACILITY_PE,
  MP_RVU,
  PCTC,
  GLOBAL_DAYS,
  PRE_OP,
  INTRA_OP,
  POST_OP,
  MULTIPLE_PROCEDURE,
  BILATERAL,
  ASSISTANT,
  CO_SURGERY,
  TEAM_SURGERY,
  ENDOSCOPIC_BASE,
  CONVERSION_FACTOR,
  /** A practice expense column whose setting the header does not say; resolved by position. */
  UNLABELLED_PE,
  /** A column the library does not use (descriptor, totals, NA flags, OPPS amounts...). */
  IGNORED;

  /** Upper case, hyphens and slashes as spaces, runs of spaces collapsed. */
  static String normalise(String header) {
    return header
        .toUpperCase(Locale.ROOT)
        .replace('-', ' ')
        .replace('/', ' ')
        .replace('_', ' ')
        .replaceAll("\\s+", " ")
        .strip();
  }

  /** The field a (combined, multi-row) CSV header names. */
  static RvuField classify(String header) {
    String h = normalise(header);
    if (h.isEmpty()
        || h.contains("OPPS")
        || h.contains("TOTAL")
        || h.contains("DESCRIPTION")
        || h.startsWith("NA ")
        || h.equals("NA")
        || h.contains(" NA ")
        || h.endsWith(" NA")
        || (h.contains("INDICATOR") && h.contains("NA"))) {
      return IGNORED;
    }
    if (h.equals("HCPCS") || h.startsWith("HCPCS ") || h.equals("CPT HCPCS")) {
      return HCPCS;
    }
    if (h.equals("MOD") || h.equals("MODIFIER")) {
      return MOD;
    }
    if (h.contains("STATUS")) {
      return STATUS;
    }
    if (h.contains("NOT USED")) {
      return NOT_USED_FOR_PAYMENT;
    }
    if (h.contains("PE RVU") || h.contains("PRACTICE EXPENSE")) {
      boolean nonFacility = h.contains("NON FAC") || h.contains("NONFAC");
      boolean facility = !nonFacility && h.contains("FAC");
      boolean transitioned = h.contains("TRANS");
      if (nonFacility) {
        return transitioned ? TRANSITIONED_NON_FACILITY_PE : NON_FACILITY_PE;
      }
      if (facility) {
        return transitioned ? TRANSITIONED_FACILITY_PE : FACILITY_PE;
      }
      return UNLABELLED_PE;
    }
    if (h.contains("WORK") && h.contains("RVU")) {
      return WORK_RVU;
    }
    if (h.contains("MP RVU") || h.contains("MALPRACTICE") || h.equals("MP")) {
      return MP_RVU;
    }
    if (h.contains("PCTC")) {
      return PCTC;
    }
    if (h.contains("GLOB")) {
      return GLOBAL_DAYS;
    }
    if (h.contains("PRE OP")) {
      return PRE_OP;
    }
    if (h.contains("INTRA OP")) {
      return INTRA_OP;
    }
    if (h.contains("POST OP")) {
      return POST_OP;
    }
    if (h.contains("MULT")) {
      return MULTIPLE_PROCEDURE;
    }
    if (h.contains("BILAT") || h.contains("BILT")) {
      return BILATERAL;
    }
    if (h.contains("ASST") || h.contains("ASSISTANT")) {
      return ASSISTANT;
    }
    if (h.contains("CO SURG")) {
      return CO_SURGERY;
    }
    if (h.contains("TEAM")) {
      return TEAM_SURGERY;
    }
    if (h.contains("ENDO")) {
      return ENDOSCOPIC_BASE;
    }
    if (h.contains("CONV") || h.equals("FACTOR")) {
      return CONVERSION_FACTOR;
    }
    return IGNORED;
  }
}
