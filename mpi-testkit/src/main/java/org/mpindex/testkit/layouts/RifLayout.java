package org.mpindex.testkit.layouts;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
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
import org.mpindex.core.claims.Geography;
import org.mpindex.core.claims.Program;
import org.mpindex.core.claims.UsState;
import org.mpindex.testkit.Population;

/**
 * Writes a {@link Population} as Medicare research files (RIF/LDS, {@code --format rif}) with the
 * ResDAC column names, claim files joined to line files by {@code CLM_ID}, as {@code
 * docs/formats/rif.md} maps them; comma-separated, dates {@code YYYYMMDD}:
 *
 * <ul>
 *   <li>{@code mbsf_YYYY.csv}, one per reference year asked for: a row per beneficiary (birth,
 *       death, {@code SEX_IDENT_CD}, SSA {@code STATE_CODE}/{@code COUNTY_CD}) with the monthly
 *       {@code MDCR_ENTLMT_BUYIN_IND_01..12} and {@code HMO_IND_01..12}: traditional Medicare 3/0,
 *       Medicare Advantage 3/1, Part A only 1/0, not covered 0/0;
 *   <li>{@code bcarrier_claims.csv} and {@code bcarrier_line.csv}: the {@link ClaimType#PROFESSIONAL}
 *       claims, their diagnoses on the claim ({@code ICD_DGNS_CD1..12} with version 9 or 0), a line
 *       row per line ({@code LINE_NUM}, {@code HCPCS_CD}, two modifiers, {@code LINE_SRVC_CNT},
 *       {@code LINE_PLACE_OF_SRVC_CD}, {@code LINE_PRCSG_IND_CD} A);
 *   <li>{@code outpatient_base_claims.csv}, {@code inpatient_base_claims.csv} and {@code
 *       revenue_center.csv}: the {@link ClaimType#OUTPATIENT} and {@link ClaimType#INPATIENT}
 *       claims, a revenue center row per line with a procedure.
 * </ul>
 *
 * <p>What the layout cannot carry, and what the writer does instead:
 *
 * <ul>
 *   <li>Coverage is by month: a month is written as the program of the span covering its first day
 *       (Medicare Advantage over traditional Medicare over Part A only); a span that starts or ends
 *       within a month is read back as whole months. Only {@link Program#MEDICARE_FFS}, {@link
 *       Program#MEDICARE_ADVANTAGE} and {@code MEDICARE_PART_A_ONLY} exist; any other program is
 *       written as not covered. A month after the month of death is never covered.
 *   <li>Residence is one state and county a year: the residence of the first span in the year, else
 *       the beneficiary's geography. Counties are SSA codes: only the counties of {@link #COUNTIES}
 *       are written (others leave {@code COUNTY_CD} blank); ZIP codes are not written.
 *   <li>Every line of a claim is dated by the claim's dates (the earliest from date and latest
 *       through date of its lines) and carries the claim's diagnoses, the union of its lines'
 *       codes, at most 12; a line has at most two modifiers (the rest are left out).
 *   <li>An institutional claim's lines without a procedure are not written (a claim without line
 *       rows is read as one diagnosis-only line, and is lost when it has no diagnosis either); place of
 *       service is not written for them. A carrier line without a procedure is read only as the
 *       first line of its claim (a later one adds nothing the claim's diagnoses do not). SNF,
 *       home health, hospice, DME and other claims are not written (the reader reads none).
 * </ul>
 */
public final class RifLayout {
  /**
   * The counties written with their SSA codes: FIPS county to SSA state-and-county code, rows of
   * the CMS SSA-to-FIPS crosswalk (FY 2017) that mpi-io bundles.
   */
  public static final Map<String, String> COUNTIES =
      Map.of(
          "06037", "05200", // Los Angeles, CA
          "11001", "09000", // District of Columbia
          "12095", "10470", // Orange, FL
          "17031", "14141", // Cook, IL
          "36061", "33420", // New York, NY
          "39099", "36510", // Mahoning, OH
          "48001", "45000", // Anderson, TX
          "56021", "53100"); // Laramie, WY

  /** SSA state codes 01..53: alphabetical by name, DC at 09, PR at 40, VI at 48. */
  private static final List<String> SSA_STATES =
      List.of(
          "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FL", "GA", "HI", "ID", "IL", "IN",
          "IA", "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH",
          "NJ", "NM", "NY", "NC", "ND", "OH", "OK", "OR", "PA", "PR", "RI", "SC", "SD", "TN", "TX",
          "UT", "VT", "VI", "VA", "WA", "WV", "WI", "WY");

  private static final Program PART_A_ONLY = Program.of("MEDICARE_PART_A_ONLY");
  private static final int DIAGNOSES = 12;

  private RifLayout() {}

  /**
   * Writes the files into {@code folder} (created when missing), MBSF rows for every beneficiary
   * and every year from {@code firstYear} to {@code lastYear}.
   *
   * @return the files written
   */
  public static List<Path> write(Population population, Path folder, int firstYear, int lastYear) {
    List<Path> written = new ArrayList<>();
    for (int y = firstYear; y <= lastYear; y++) {
      written.add(mbsf(population, folder, y));
    }
    List<String> claimHeader =
        new ArrayList<>(List.of("BENE_ID", "CLM_ID", "CLM_FROM_DT", "CLM_THRU_DT"));
    for (int i = 1; i <= DIAGNOSES; i++) {
      claimHeader.add("ICD_DGNS_CD" + i);
      claimHeader.add("ICD_DGNS_VRSN_CD" + i);
    }
    List<List<String>> carrier = new ArrayList<>();
    List<List<String>> carrierLines = new ArrayList<>();
    List<List<String>> outpatient = new ArrayList<>();
    List<List<String>> inpatient = new ArrayList<>();
    List<List<String>> revenue = new ArrayList<>();
    for (List<ClaimLine> claim : LayoutFiles.claims(population)) {
      ClaimLine first = claim.get(0);
      ClaimType type = first.claimType();
      if (type != ClaimType.PROFESSIONAL
          && type != ClaimType.OUTPATIENT
          && type != ClaimType.INPATIENT) {
        continue;
      }
      LocalDate from = first.serviceFrom();
      LocalDate thru = first.serviceThrough();
      Set<DiagnosisCode> dx = new LinkedHashSet<>();
      for (ClaimLine l : claim) {
        from = l.serviceFrom().isBefore(from) ? l.serviceFrom() : from;
        thru = l.serviceThrough().isAfter(thru) ? l.serviceThrough() : thru;
        dx.addAll(l.diagnoses());
      }
      List<String> head =
          new ArrayList<>(
              List.of(
                  first.beneficiaryId(),
                  first.claimId(),
                  LayoutFiles.basic(from),
                  LayoutFiles.basic(thru)));
      List<DiagnosisCode> codes = new ArrayList<>(dx);
      for (int i = 0; i < DIAGNOSES; i++) {
        head.add(i < codes.size() ? codes.get(i).code() : "");
        head.add(i < codes.size() ? codes.get(i).system() == CodeSystem.ICD9CM ? "9" : "0" : "");
      }
      int n = 0;
      switch (type) {
        case PROFESSIONAL -> {
          head.add("12345");
          carrier.add(head);
          for (ClaimLine l : claim) {
            n++;
            carrierLines.add(
                List.of(
                    l.beneficiaryId(),
                    l.claimId(),
                    Integer.toString(n),
                    l.procedure().map(p -> p.code()).orElse(""),
                    modifier(l, 0),
                    modifier(l, 1),
                    Integer.toString(l.units()),
                    l.placeOfService().map(p -> p.code()).orElse(""),
                    "A"));
          }
        }
        case OUTPATIENT, INPATIENT -> {
          if (type == ClaimType.INPATIENT) {
            head.add(LayoutFiles.basic(from));
            inpatient.add(head);
          } else {
            head.add("450000");
            outpatient.add(head);
          }
          for (ClaimLine l : claim) {
            if (l.procedure().isPresent()) {
              n++;
              revenue.add(
                  List.of(
                      l.beneficiaryId(),
                      l.claimId(),
                      Integer.toString(n),
                      "0510",
                      l.procedure().get().code(),
                      modifier(l, 0),
                      modifier(l, 1),
                      Integer.toString(l.units())));
            }
          }
        }
        default -> throw new AssertionError(type);
      }
    }
    List<String> carrierHeader = new ArrayList<>(claimHeader);
    carrierHeader.add("CARR_NUM");
    List<String> outHeader = new ArrayList<>(claimHeader);
    outHeader.add("PRVDR_NUM");
    List<String> inHeader = new ArrayList<>(claimHeader);
    inHeader.add("CLM_ADMSN_DT");
    written.add(LayoutFiles.write(folder.resolve("bcarrier_claims.csv"), carrierHeader, carrier));
    written.add(
        LayoutFiles.write(
            folder.resolve("bcarrier_line.csv"),
            List.of(
                "BENE_ID",
                "CLM_ID",
                "LINE_NUM",
                "HCPCS_CD",
                "HCPCS_1ST_MDFR_CD",
                "HCPCS_2ND_MDFR_CD",
                "LINE_SRVC_CNT",
                "LINE_PLACE_OF_SRVC_CD",
                "LINE_PRCSG_IND_CD"),
            carrierLines));
    written.add(
        LayoutFiles.write(folder.resolve("outpatient_base_claims.csv"), outHeader, outpatient));
    written.add(
        LayoutFiles.write(folder.resolve("inpatient_base_claims.csv"), inHeader, inpatient));
    written.add(
        LayoutFiles.write(
            folder.resolve("revenue_center.csv"),
            List.of(
                "BENE_ID",
                "CLM_ID",
                "CLM_LINE_NUM",
                "REV_CNTR",
                "HCPCS_CD",
                "HCPCS_1ST_MDFR_CD",
                "HCPCS_2ND_MDFR_CD",
                "REV_CNTR_UNIT_CNT"),
            revenue));
    return written;
  }

  private static Path mbsf(Population population, Path folder, int year) {
    List<String> header =
        new ArrayList<>(
            List.of(
                "BENE_ID",
                "BENE_ENROLLMT_REF_YR",
                "BENE_BIRTH_DT",
                "BENE_DEATH_DT",
                "SEX_IDENT_CD",
                "STATE_CODE",
                "COUNTY_CD"));
    for (int m = 1; m <= 12; m++) {
      header.add(String.format(Locale.ROOT, "MDCR_ENTLMT_BUYIN_IND_%02d", m));
    }
    for (int m = 1; m <= 12; m++) {
      header.add(String.format(Locale.ROOT, "HMO_IND_%02d", m));
    }
    List<List<String>> rows = new ArrayList<>();
    Map<String, List<Enrollment>> spansOf = LayoutFiles.spansByBeneficiary(population);
    for (Beneficiary b : population.beneficiaries()) {
      List<Enrollment> spans = spansOf.getOrDefault(b.id(), List.of());
      Geography place =
          spans.stream()
              .filter(e -> e.start().getYear() <= year && e.end().getYear() >= year)
              .findFirst()
              .flatMap(Enrollment::residence)
              .orElse(b.geography());
      List<String> row = new ArrayList<>();
      row.add(b.id());
      row.add(Integer.toString(year));
      row.add(LayoutFiles.basic(b.birthDate()));
      row.add(LayoutFiles.basic(b.deathDate().orElse(null)));
      row.add(LayoutFiles.cmsSex(b.sex()));
      Optional<String> county = place.countyFips().map(COUNTIES::get);
      row.add(place.state().map(RifLayout::ssaState).orElse(""));
      row.add(county.map(c -> c.substring(2)).orElse(""));
      List<String> hmo = new ArrayList<>();
      for (int m = 1; m <= 12; m++) {
        LocalDate day = YearMonth.of(year, m).atDay(1);
        Program p = b.diedBefore(day) ? null : programOn(spans, day);
        if (Program.MEDICARE_ADVANTAGE.equals(p)) {
          row.add("3");
          hmo.add("1");
        } else if (Program.MEDICARE_FFS.equals(p)) {
          row.add("3");
          hmo.add("0");
        } else if (PART_A_ONLY.equals(p)) {
          row.add("1");
          hmo.add("0");
        } else {
          row.add("0");
          hmo.add("0");
        }
      }
      row.addAll(hmo);
      rows.add(row);
    }
    return LayoutFiles.write(folder.resolve("mbsf_" + year + ".csv"), header, rows);
  }

  /** Medicare Advantage over traditional Medicare over Part A only; null when none covers it. */
  private static Program programOn(List<Enrollment> spans, LocalDate day) {
    Program best = null;
    for (Program p : List.of(Program.MEDICARE_ADVANTAGE, Program.MEDICARE_FFS, PART_A_ONLY)) {
      for (Enrollment e : spans) {
        if (best == null && e.program().equals(p) && e.covers(day)) {
          best = p;
        }
      }
    }
    return best;
  }

  private static String modifier(ClaimLine l, int i) {
    return i < l.modifiers().size() ? l.modifiers().get(i).code() : "";
  }

  /** The two-digit SSA code of a state; blank for one without (the possessions but PR and VI). */
  static String ssaState(UsState s) {
    int i = SSA_STATES.indexOf(s.usps());
    return i < 0 ? "" : String.format(Locale.ROOT, "%02d", i + 1);
  }
}
