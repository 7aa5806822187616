package org.mpindex.io.cclf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.mpindex.core.claims.Beneficiary;
import org.mpindex.core.claims.ClaimLine;
import org.mpindex.core.claims.ClaimType;
import org.mpindex.core.claims.DiagnosisCode;
import org.mpindex.core.claims.Enrollment;
import org.mpindex.core.claims.Geography;
import org.mpindex.core.claims.PlaceOfService;
import org.mpindex.core.claims.Program;
import org.mpindex.core.claims.Sex;
import org.mpindex.core.claims.UsState;
import org.mpindex.testkit.Population;
import org.mpindex.testkit.layouts.TidyLayout;

/**
 * Writes a small random population twice: as CCLF (CCLF8, CCLF9, CCLF5 with cancel/adjust chains,
 * re-deliveries and previous MBIs: kept here rather than in the testkit's {@code CclfLayout}, which
 * writes one delivery of original claims) and, through the testkit's {@link TidyLayout}, as the tidy
 * CSV layout holding what the CCLF should mean (current MBIs, final-action lines only, Part B
 * coverage by the documented rule). Test code only.
 */
final class CclfWriter {
  static final String CCLF8_HEADER =
      "BENE_MBI_ID,BENE_DOB,BENE_SEX_CD,BENE_DEATH_DT,BENE_FIPS_STATE_CD,BENE_FIPS_CNTY_CD,"
          + "BENE_ZIP_CD,BENE_PART_B_ENRLMT_BGN_DT,BENE_ENTLMT_BUYIN_IND,FILE_DATE";
  static final String CCLF9_HEADER =
      "CRNT_NUM,PRVS_NUM,PRVS_ID_EFCTV_DT,PRVS_ID_OBSLT_DT,FILE_DATE";
  static final String CCLF5_HEADER =
      "CUR_CLM_UNIQ_ID,CLM_LINE_NUM,BENE_MBI_ID,CLM_FROM_DT,CLM_THRU_DT,CLM_LINE_FROM_DT,"
          + "CLM_LINE_THRU_DT,CLM_POS_CD,CLM_LINE_HCPCS_CD,CLM_LINE_CVRD_PD_AMT,CLM_PRCSG_IND_CD,"
          + "CLM_ADJSMT_TYPE_CD,CLM_EFCTV_DT,CLM_CNTL_NUM,CLM_LINE_SRVC_UNIT_QTY,HCPCS_1_MDFR_CD,"
          + "HCPCS_2_MDFR_CD,HCPCS_3_MDFR_CD,HCPCS_4_MDFR_CD,HCPCS_5_MDFR_CD,CLM_DGNS_1_CD,"
          + "CLM_DGNS_2_CD,CLM_DGNS_3_CD,CLM_DGNS_4_CD,DGNS_PRCDR_ICD_IND,CLM_LINE_DGNS_CD,FILE_DATE";

  private static final String[] HCPCS = {"99213", "99214", "99215", "93000", "97110", "36415"};
  private static final String[] MODIFIERS = {"25", "59", "GP", "26"};
  private static final String[] DX = {"I10", "E785", "E119", "J449", "M545"};
  private static final String[][] PLACES = {
    {"36", "NY", "103", "00501"}, {"56", "WY", "021", "82001"}, {"06", "CA", "037", "90001"}
  };
  private static final LocalDate EARLY = LocalDate.of(2025, 6, 10);
  private static final LocalDate LATE = LocalDate.of(2026, 1, 12);

  /** The files written, by table (CCLF) and by tidy file name. */
  record Written(Map<String, List<Path>> cclf, Path beneficiaries, Path enrollment, Path claims) {}

  private record Line(
      int number, String hcpcs, int units, List<String> modifiers, String dx, String amount) {}

  private CclfWriter() {}

  static Written write(long seed, Path dir) {
    Random r = new Random(seed);
    StringBuilder c8 = new StringBuilder(CCLF8_HEADER).append('\n');
    StringBuilder c9 = new StringBuilder(CCLF9_HEADER).append('\n');
    StringBuilder c5 = new StringBuilder(CCLF5_HEADER).append('\n');
    List<Beneficiary> tb = new ArrayList<>();
    List<Enrollment> te = new ArrayList<>();
    List<ClaimLine> tc = new ArrayList<>();
    int people = 1 + r.nextInt(8);
    int claimNo = 0;
    for (int i = 0; i < people; i++) {
      String mbi = String.format("9TT0RX%05d", i);
      String old = r.nextInt(3) == 0 ? String.format("9TT0OLD%04d", i) : null;
      LocalDate birth = LocalDate.of(1930 + r.nextInt(25), 1 + r.nextInt(12), 1 + r.nextInt(28));
      String sex = r.nextBoolean() ? "1" : "2";
      LocalDate death =
          r.nextInt(5) == 0 ? LocalDate.of(2025, 3 + r.nextInt(9), 1 + r.nextInt(28)) : null;
      String[] place = PLACES[r.nextInt(PLACES.length)];
      LocalDate partB = LocalDate.of(2019 + r.nextInt(7), 1 + r.nextInt(6), 1 + r.nextInt(28));
      String dd = death == null ? "" : death.toString();
      if (old != null) {
        // an earlier delivery under the previous MBI, then the current one
        c8.append(
                String.join(
                    ",",
                    old,
                    birth.toString(),
                    sex,
                    dd,
                    place[0],
                    place[2],
                    place[3],
                    partB.toString(),
                    "3",
                    EARLY.toString()))
            .append('\n');
        c9.append(String.join(",", mbi, old, "2020-01-01", "2025-09-30", LATE.toString()))
            .append('\n');
      }
      c8.append(
              String.join(
                  ",",
                  mbi,
                  birth.toString(),
                  sex,
                  dd,
                  place[0],
                  place[2],
                  place[3],
                  partB.toString(),
                  r.nextBoolean() ? "3" : "C",
                  LATE.toString()))
          .append('\n');
      tb.add(
          new Beneficiary(
              mbi,
              birth,
              Optional.ofNullable(death),
              sex.equals("1") ? Sex.MALE : Sex.FEMALE,
              Geography.of(UsState.parse(place[1]), place[0] + place[2], place[3])));
      LocalDate end = YearMonth.from(death != null ? death : LATE).atEndOfMonth();
      LocalDate start = partB.withDayOfMonth(1);
      if (!end.isBefore(start)) {
        te.add(Enrollment.of(mbi, start, end, Program.MEDICARE_FFS));
      }
      int claims = r.nextInt(6);
      for (int k = 0; k < claims; k++) {
        claimNo++;
        LocalDate last = death != null ? death : LocalDate.of(2025, 12, 31);
        LocalDate day =
            LocalDate.of(2025, 1, 1)
                .plusDays(
                    r.nextInt(
                        (int) (last.toEpochDay() - LocalDate.of(2025, 1, 1).toEpochDay()) + 1));
        String ctl = "CTL" + claimNo;
        List<String> dx = new ArrayList<>();
        for (int d = 1 + r.nextInt(3); d > 0; d--) {
          dx.add(DX[r.nextInt(DX.length)]);
        }
        String bene = old != null && r.nextBoolean() ? old : mbi;
        List<Line> original = lines(r);
        int kind = r.nextInt(4);
        String id = String.format("%010d", claimNo * 10);
        emit(c5, id, bene, day, original, dx, 0, day.plusDays(9), ctl, EARLY);
        switch (kind) {
          case 0 -> tidy(tc, id, mbi, day, original, dx);
          case 1 -> // cancelled, nothing replaces it
              emit(
                  c5,
                  String.format("%010d", claimNo * 10 + 1),
                  mbi,
                  day,
                  original,
                  dx,
                  1,
                  day.plusDays(40),
                  ctl,
                  LATE);
          case 2 -> {
            List<Line> adjusted = lines(r);
            emit(
                c5,
                String.format("%010d", claimNo * 10 + 2),
                mbi,
                day,
                original,
                dx,
                1,
                day.plusDays(40),
                ctl,
                LATE);
            emit(
                c5,
                String.format("%010d", claimNo * 10 + 3),
                mbi,
                day,
                adjusted,
                dx,
                2,
                day.plusDays(40),
                ctl,
                LATE);
            tidy(tc, String.format("%010d", claimNo * 10 + 3), mbi, day, adjusted, dx);
          }
          default -> {
            // delivered again in the later file: read once
            emit(c5, id, bene, day, original, dx, 0, day.plusDays(9), ctl, LATE);
            tidy(tc, id, mbi, day, original, dx);
          }
        }
      }
    }
    try {
      Files.createDirectories(dir);
      Map<String, List<Path>> cclf = new LinkedHashMap<>();
      cclf.put(CclfFormat.CCLF9, List.of(Files.writeString(dir.resolve("cclf9.csv"), c9)));
      cclf.put(CclfFormat.CCLF8, List.of(Files.writeString(dir.resolve("cclf8.csv"), c8)));
      cclf.put(CclfFormat.CCLF5, List.of(Files.writeString(dir.resolve("cclf5.csv"), c5)));
      List<Path> tidy = TidyLayout.write(new Population(tb, te, tc), dir);
      return new Written(cclf, tidy.get(0), tidy.get(1), tidy.get(2));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Line> lines(Random r) {
    // distinct codes within a claim: the tidy layout has no line number, so two equal lines of
    // one claim would be one row repeated (counted once there)
    List<String> codes = new ArrayList<>(List.of(HCPCS));
    java.util.Collections.shuffle(codes, r);
    List<Line> out = new ArrayList<>();
    for (int n = 1, count = 1 + r.nextInt(3); n <= count; n++) {
      List<String> mods = new ArrayList<>();
      for (int m = r.nextInt(3); m > 0; m--) {
        mods.add(MODIFIERS[r.nextInt(MODIFIERS.length)]);
      }
      out.add(
          new Line(
              n,
              codes.get(n - 1),
              1 + r.nextInt(3),
              mods,
              r.nextInt(3) == 0 ? DX[r.nextInt(DX.length)] : "",
              (10 + r.nextInt(200)) + ".25"));
    }
    return out;
  }

  private static void emit(
      StringBuilder c5,
      String id,
      String bene,
      LocalDate day,
      List<Line> lines,
      List<String> dx,
      int adjustment,
      LocalDate effective,
      String ctl,
      LocalDate delivery) {
    for (Line l : lines) {
      List<String> cells =
          new ArrayList<>(
              List.of(
                  id,
                  String.format("%010d", l.number),
                  bene,
                  day.toString(),
                  day.toString(),
                  day.toString(),
                  day.toString(),
                  "11",
                  l.hcpcs,
                  "0000000" + l.amount,
                  "A",
                  Integer.toString(adjustment),
                  effective.toString(),
                  ctl,
                  String.format("%018d.0000", l.units)));
      for (int m = 0; m < 5; m++) {
        cells.add(m < l.modifiers.size() ? l.modifiers.get(m) : "~");
      }
      for (int d = 0; d < 4; d++) {
        cells.add(d < dx.size() ? dx.get(d) : "~");
      }
      cells.add("0");
      cells.add(l.dx.isEmpty() ? "~" : l.dx);
      cells.add(delivery.toString());
      c5.append(String.join(",", cells)).append('\n');
    }
  }

  private static void tidy(
      List<ClaimLine> tc, String id, String mbi, LocalDate day, List<Line> lines, List<String> dx) {
    for (Line l : lines) {
      ClaimLine.Builder b =
          ClaimLine.builder()
              .claimId(id)
              .beneficiaryId(mbi)
              .serviceFrom(day)
              .serviceThrough(day)
              .claimType(ClaimType.PROFESSIONAL)
              .procedure(l.hcpcs)
              .units(l.units)
              .placeOfService(PlaceOfService.of("11"));
      l.modifiers.forEach(b::modifier);
      dx.forEach(d -> b.diagnosis(DiagnosisCode.icd10(d)));
      if (!l.dx.isEmpty()) {
        b.diagnosis(DiagnosisCode.icd10(l.dx));
      }
      tc.add(b.build());
    }
  }
}
