package org.mpindex.rbrvs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.mpindex.core.text.Csv;

/**
 * Writes a release as a CSV file in the CMS column layout (one header row with full column names;
 * the four practice expense columns of 2007-2010 when the release has transitioned values). The
 * descriptor column is written empty: CPT descriptors are AMA-copyrighted. {@link RvuFileReader}
 * reads the output back to an equal release.
 */
public final class RvuFileWriter {
  private RvuFileWriter() {}

  public static void write(RvuRelease release, Path file) {
    try (Writer w = Files.newBufferedWriter(file, RvuFileReader.CMS_CHARSET)) {
      write(release, w);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  public static void write(RvuRelease release, Writer w) throws IOException {
    boolean transitional = release.transitional();
    w.write(
        "NATIONAL PHYSICIAN FEE SCHEDULE RELATIVE VALUE FILE, release "
            + release.name()
            + " effective "
            + release.effectiveFrom()
            + " (written by the MPI library; descriptors omitted)\r\n");
    w.write("\r\n");
    List<String> header =
        new ArrayList<>(
            List.of(
                "HCPCS",
                "MOD",
                "DESCRIPTION",
                "STATUS CODE",
                "NOT USED FOR MEDICARE PAYMENT",
                "WORK RVU"));
    if (transitional) {
      header.addAll(
          List.of(
              "TRANSITIONED NON-FAC PE RVU",
              "FULLY IMPLEMENTED NON-FAC PE RVU",
              "TRANSITIONED FACILITY PE RVU",
              "FULLY IMPLEMENTED FACILITY PE RVU"));
    } else {
      header.addAll(List.of("NON-FAC PE RVU", "FACILITY PE RVU"));
    }
    header.addAll(
        List.of(
            "MP RVU",
            "PCTC IND",
            "GLOB DAYS",
            "PRE OP",
            "INTRA OP",
            "POST OP",
            "MULT PROC",
            "BILAT SURG",
            "ASST SURG",
            "CO SURG",
            "TEAM SURG",
            "ENDO BASE",
            "CONV FACTOR"));
    w.write(String.join(",", header) + "\r\n");
    for (RvuRecord r : release.records()) {
      List<String> row =
          new ArrayList<>(
              List.of(
                  r.code().code(),
                  r.modifier().map(m -> m.code()).orElse(""),
                  "",
                  String.valueOf(r.status().code()),
                  r.notUsedForMedicarePayment() ? "+" : "",
                  num(r.workRvu())));
      if (transitional) {
        row.addAll(
            List.of(
                opt(r.transitionedNonFacilityPeRvu()),
                num(r.nonFacilityPeRvu()),
                opt(r.transitionedFacilityPeRvu()),
                num(r.facilityPeRvu())));
      } else {
        row.addAll(List.of(num(r.nonFacilityPeRvu()), num(r.facilityPeRvu())));
      }
      row.addAll(
          List.of(
              num(r.malpracticeRvu()),
              ind(r.pctcIndicator()),
              r.globalDays().map(GlobalDays::code).orElse(""),
              num(r.preOperative()),
              num(r.intraOperative()),
              num(r.postOperative()),
              ind(r.multipleProcedure()),
              ind(r.bilateral()),
              ind(r.assistant()),
              ind(r.coSurgery()),
              ind(r.teamSurgery()),
              r.endoscopicBase().map(c -> c.code()).orElse(""),
              opt(r.conversionFactor())));
      List<String> quoted = new ArrayList<>(row.size());
      row.forEach(v -> quoted.add(Csv.quote(v)));
      w.write(String.join(",", quoted) + "\r\n");
    }
  }

  private static String num(BigDecimal d) {
    return d.toPlainString();
  }

  private static String opt(Optional<BigDecimal> d) {
    return d.map(BigDecimal::toPlainString).orElse("");
  }

  private static String ind(int i) {
    return i < 0 ? "" : Integer.toString(i);
  }
}
