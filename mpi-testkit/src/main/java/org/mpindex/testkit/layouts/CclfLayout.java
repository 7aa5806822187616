package org.mpindex.testkit.layouts;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.mpindex.core.claims.Beneficiary;
import org.mpindex.core.claims.ClaimLine;
import org.mpindex.core.claims.ClaimType;
import org.mpindex.core.claims.CodeSystem;
import org.mpindex.core.claims.DiagnosisCode;
import org.mpindex.core.claims.Enrollment;
import org.mpindex.core.claims.Program;
import org.mpindex.testkit.Population;

/**
 * Writes a {@link Population} as one delivery of the CMS Claim and Claim Line Feed in delimited
 * text ({@code --format cclf}), as {@code docs/formats/cclf.md} maps it: {@code cclf8.csv}
 * (beneficiary demographics), {@code cclf5.csv} (Part B physician lines: the {@link
 * ClaimType#PROFESSIONAL} claims) and, when the population has institutional claims, {@code
 * cclf1.csv} (Part A claim headers) with {@code cclf4.csv} (their further diagnosis codes). Every row
 * carries the delivery's {@code FILE_DATE}; every claim is an original ({@code CLM_ADJSMT_TYPE_CD}
 * 0) of its own control number, so every claim is final; blank cells are CCLF's {@code ~}.
 *
 * <p>What the layout cannot carry, and what the writer does instead:
 *
 * <ul>
 *   <li>Coverage: CCLF has no month-level flag. The reader makes one traditional-Medicare span from
 *       the first day of the month of {@code BENE_PART_B_ENRLMT_BGN_DT} to the last day of the
 *       month of death, or of the delivery when alive. The writer gives the start of the person's
 *       earliest {@link Program#MEDICARE_FFS} span (blank, no coverage, when there is none).
 *       Medicare Advantage, Part A only, gaps and an end before the delivery (alive) are lost: a
 *       population keeps its coverage here only when each person has at most one span, traditional
 *       Medicare, from a month's first day to the end of the month of death or of the delivery.
 *   <li>Residence is the beneficiary's geography (FIPS state and county, ZIP); spans' own residence
 *       is lost.
 *   <li>A Part B line's diagnoses are its claim's (the union of its lines' codes, at most 12, on
 *       every row), in one code system ({@code DGNS_PRCDR_ICD_IND}): a claim mixing ICD-9-CM and
 *       ICD-10-CM codes is refused.
 *   <li>Part A claims become one diagnosis-only line each (CCLF2 revenue-center lines are not
 *       read): their procedure lines are lost. Claims of type DME and other are not written.
 *   <li>A Part B line with neither procedure nor diagnosis, and a Part A claim without diagnoses,
 *       are read as nothing.
 *   <li>Claim ids are CCLF's {@code CUR_CLM_UNIQ_ID}: unique over the delivery, not per person.
 * </ul>
 */
public final class CclfLayout {
  private static final int DIAGNOSES = 12;

  private CclfLayout() {}

  /**
   * Writes one delivery of {@code population}, delivered on {@code delivery}, into {@code folder}
   * (created when missing).
   *
   * @return the files written
   * @throws IllegalArgumentException for a claim whose diagnoses mix code systems
   */
  public static List<Path> write(Population population, Path folder, LocalDate delivery) {
    String fileDate = LayoutFiles.iso(delivery);
    List<List<String>> c8 = new ArrayList<>();
    Map<String, List<Enrollment>> spansOf = LayoutFiles.spansByBeneficiary(population);
    for (Beneficiary b : population.beneficiaries()) {
      Optional<LocalDate> partB =
          spansOf.getOrDefault(b.id(), List.of()).stream()
              .filter(e -> e.program().equals(Program.MEDICARE_FFS))
              .map(Enrollment::start)
              .min(LocalDate::compareTo);
      c8.add(
          List.of(
              b.id(),
              LayoutFiles.iso(b.birthDate()),
              LayoutFiles.cmsSex(b.sex()),
              blank(LayoutFiles.iso(b.deathDate().orElse(null))),
              blank(b.geography().state().map(s -> s.fips()).orElse("")),
              blank(LayoutFiles.countyOfState(b.geography())),
              blank(b.geography().zip5().orElse("")),
              blank(LayoutFiles.iso(partB.orElse(null))),
              "3",
              fileDate));
    }
    List<List<String>> c5 = new ArrayList<>();
    List<List<String>> c1 = new ArrayList<>();
    List<List<String>> c4 = new ArrayList<>();
    for (List<ClaimLine> claim : LayoutFiles.claims(population)) {
      ClaimLine first = claim.get(0);
      LocalDate from = first.serviceFrom();
      LocalDate thru = first.serviceThrough();
      Set<DiagnosisCode> union = new LinkedHashSet<>();
      for (ClaimLine l : claim) {
        from = l.serviceFrom().isBefore(from) ? l.serviceFrom() : from;
        thru = l.serviceThrough().isAfter(thru) ? l.serviceThrough() : thru;
        union.addAll(l.diagnoses());
      }
      List<DiagnosisCode> dx = new ArrayList<>(union);
      String icd = icdIndicator(first.claimId(), dx);
      String partA = partAType(first.claimType());
      if (first.claimType() == ClaimType.PROFESSIONAL) {
        int n = 0;
        for (ClaimLine l : claim) {
          n++;
          List<String> row =
              new ArrayList<>(
                  List.of(
                      l.claimId(),
                      Integer.toString(n),
                      l.beneficiaryId(),
                      LayoutFiles.iso(from),
                      LayoutFiles.iso(thru),
                      LayoutFiles.iso(l.serviceFrom()),
                      LayoutFiles.iso(l.serviceThrough()),
                      blank(l.placeOfService().map(p -> p.code()).orElse("")),
                      blank(l.procedure().map(p -> p.code()).orElse("")),
                      "10.00",
                      "A",
                      "0",
                      LayoutFiles.iso(thru),
                      "CTL" + l.claimId(),
                      String.format(Locale.ROOT, "%018d.0000", l.units())));
          for (int m = 0; m < 5; m++) {
            row.add(m < l.modifiers().size() ? l.modifiers().get(m).code() : "~");
          }
          for (int d = 0; d < DIAGNOSES; d++) {
            row.add(d < dx.size() ? dx.get(d).code() : "~");
          }
          row.add(icd);
          row.add(fileDate);
          c5.add(row);
        }
      } else if (partA != null) {
        c1.add(
            List.of(
                first.claimId(),
                first.beneficiaryId(),
                partA,
                LayoutFiles.iso(from),
                LayoutFiles.iso(thru),
                dx.isEmpty() ? "~" : dx.get(0).code(),
                first.claimType() == ClaimType.INPATIENT ? "1" : "3",
                icd,
                "0",
                LayoutFiles.iso(thru),
                "P" + first.claimId(),
                "100.00",
                fileDate));
        for (int d = 1; d < dx.size(); d++) {
          c4.add(
              List.of(
                  first.claimId(),
                  first.beneficiaryId(),
                  dx.get(d).code(),
                  Integer.toString(d),
                  icd,
                  fileDate));
        }
      }
    }
    List<Path> written = new ArrayList<>();
    written.add(
        LayoutFiles.write(
            folder.resolve("cclf8.csv"),
            List.of(
                "BENE_MBI_ID",
                "BENE_DOB",
                "BENE_SEX_CD",
                "BENE_DEATH_DT",
                "BENE_FIPS_STATE_CD",
                "BENE_FIPS_CNTY_CD",
                "BENE_ZIP_CD",
                "BENE_PART_B_ENRLMT_BGN_DT",
                "BENE_ENTLMT_BUYIN_IND",
                "FILE_DATE"),
            c8));
    List<String> h5 =
        new ArrayList<>(
            List.of(
                "CUR_CLM_UNIQ_ID",
                "CLM_LINE_NUM",
                "BENE_MBI_ID",
                "CLM_FROM_DT",
                "CLM_THRU_DT",
                "CLM_LINE_FROM_DT",
                "CLM_LINE_THRU_DT",
                "CLM_POS_CD",
                "CLM_LINE_HCPCS_CD",
                "CLM_LINE_CVRD_PD_AMT",
                "CLM_PRCSG_IND_CD",
                "CLM_ADJSMT_TYPE_CD",
                "CLM_EFCTV_DT",
                "CLM_CNTL_NUM",
                "CLM_LINE_SRVC_UNIT_QTY"));
    for (int m = 1; m <= 5; m++) {
      h5.add("HCPCS_" + m + "_MDFR_CD");
    }
    for (int d = 1; d <= DIAGNOSES; d++) {
      h5.add("CLM_DGNS_" + d + "_CD");
    }
    h5.add("DGNS_PRCDR_ICD_IND");
    h5.add("FILE_DATE");
    written.add(LayoutFiles.write(folder.resolve("cclf5.csv"), h5, c5));
    if (!c1.isEmpty()) {
      written.add(
          LayoutFiles.write(
              folder.resolve("cclf1.csv"),
              List.of(
                  "CUR_CLM_UNIQ_ID",
                  "BENE_MBI_ID",
                  "CLM_TYPE_CD",
                  "CLM_FROM_DT",
                  "CLM_THRU_DT",
                  "PRNCPL_DGNS_CD",
                  "CLM_BILL_FAC_TYPE_CD",
                  "DGNS_PRCDR_ICD_IND",
                  "CLM_ADJSMT_TYPE_CD",
                  "CLM_EFCTV_DT",
                  "PRVDR_OSCAR_NUM",
                  "CLM_PMT_AMT",
                  "FILE_DATE"),
              c1));
      written.add(
          LayoutFiles.write(
              folder.resolve("cclf4.csv"),
              List.of(
                  "CUR_CLM_UNIQ_ID",
                  "BENE_MBI_ID",
                  "CLM_DGNS_CD",
                  "CLM_VAL_SQNC_NUM",
                  "DGNS_PRCDR_ICD_IND",
                  "FILE_DATE"),
              c4));
    }
    return written;
  }

  private static String blank(String s) {
    return s.isEmpty() ? "~" : s;
  }

  /** 9 ICD-9-CM, 0 ICD-10-CM, {@code ~} without codes. */
  private static String icdIndicator(String claimId, List<DiagnosisCode> dx) {
    List<CodeSystem> systems = dx.stream().map(DiagnosisCode::system).distinct().toList();
    if (systems.size() > 1) {
      throw new IllegalArgumentException(
          "claim " + claimId + ": a CCLF claim's diagnoses are of one code system, not " + systems);
    }
    return systems.isEmpty() ? "~" : systems.get(0) == CodeSystem.ICD9CM ? "9" : "0";
  }

  /** CCLF1 {@code CLM_TYPE_CD} of an institutional claim type; null for the others. */
  private static String partAType(ClaimType t) {
    return switch (t) {
      case INPATIENT -> "60";
      case OUTPATIENT -> "40";
      case SNF -> "20";
      case HOME_HEALTH -> "10";
      case HOSPICE -> "50";
      default -> null;
    };
  }
}
