package org.mpindex.rbrvs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.mpindex.core.claims.ClaimLine;
import org.mpindex.core.claims.UsState;
import org.mpindex.core.index.IngestTally;

/** The bundled CMS GPCI and locality files; expected values read off the CMS files themselves. */
class GpciLocalityTest {

  /** Data rows of a GPCI CSV counted independently: lines starting with a contractor number. */
  static long dataRows(int year) throws IOException {
    try (var in =
        GpciLocalityTest.class.getResourceAsStream(BundledRvu.DIR + "gpci/gpci-" + year + ".csv")) {
      Pattern row = Pattern.compile("^\\d+,");
      return new String(in.readAllBytes(), RvuFileReader.CMS_CHARSET)
          .lines()
          .filter(l -> row.matcher(l).find())
          .count();
    }
  }

  @Test
  void everyBundledGpciFileReads() throws IOException {
    for (int year : BundledRvu.years()) {
      GpciTable t = GpciTable.bundled(year);
      long keyed = t.localities().stream().filter(k -> k.contains("/")).count();
      assertEquals(dataRows(year), keyed, "" + year);
    }
    // values as printed by CMS: Alaska's work GPCI 1.500 (MIPPA floor), Alabama 1.000 in 2009,
    // 0.976 in 2013 ("10102,00,Alabama,0.976,..."); 2022's CSV lost leading zeros
    // ("2102,AK,1,...,1.5")
    assertEquals(Optional.of(new BigDecimal("1.500")), GpciTable.bundled(2009).work("00831/01"));
    assertEquals(Optional.of(new BigDecimal("1.000")), GpciTable.bundled(2009).work("00510/00"));
    assertEquals(Optional.of(new BigDecimal("0.976")), GpciTable.bundled(2013).work("10102/00"));
    assertEquals(Optional.of(new BigDecimal("1.5")), GpciTable.bundled(2022).work("02102/01"));
    // 2018: a header over two rows ("...,Locality Name,2018,," then ",,,PW GPCI ,PE GPCI,MP GPCI"),
    // joined; "10102,00,ALABAMA,0.979,0.890,0.492"
    assertEquals(Optional.of(new BigDecimal("0.979")), GpciTable.bundled(2018).work("10102/00"));
    assertEquals(Optional.of("AK"), GpciTable.bundled(2009).state("00831/01"));
    assertEquals(Optional.of(new BigDecimal("1.007")), GpciTable.bundled(2025).work("02402/99"));
    assertThrows(IllegalArgumentException.class, () -> GpciTable.bundled(2010));
  }

  @Test
  void countiesMapToTheirLocality() {
    // 2013 LOCCO: "01192,18,,LOS ANGELES,LOS ANGELES"; "01102,03,,MARIN/NAPA/SOLANO,"MARIN, NAPA,
    // AND
    // SOLANO""; California's rest of state "01192,99,,REST OF STATE*,ALL OTHER COUNTIES" (its first
    // row); Wyoming "03602,21,WYOMING,STATEWIDE,ALL COUNTIES"
    LocalityTable t = LocalityTable.bundled(2013);
    assertEquals("01192/18", t.locality(UsState.CA, "Los Angeles County").orElseThrow().key());
    assertEquals("01102/03", t.locality(UsState.CA, "napa").orElseThrow().key());
    assertEquals("01192/99", t.locality(UsState.CA, "Fresno").orElseThrow().key());
    assertEquals("03602/21", t.locality(UsState.WY, "Laramie").orElseThrow().key());
    assertEquals("03602/21", t.locality(UsState.WY, null).orElseThrow().key());
    assertEquals(
        Optional.empty(), t.locality(UsState.CA, null), "California has several localities");
    for (int year : BundledRvu.years()) {
      assertEquals(
          UsState.WY,
          LocalityTable.bundled(year).locality(UsState.WY, "Natrona").orElseThrow().state());
    }
  }

  @Test
  void workGpciFromTheBundledFiles() {
    // 2013 Alabama work GPCI 0.976 without floor; with the 1.0 floor (2004-2013 here) 1.000:
    // 99213 in 2013 = 0.97 work RVU: 0.97 x 0.976 = 0.94672, floored 0.97
    ClaimLine line =
        ClaimLine.builder()
            .claimId("10102/00")
            .beneficiaryId("P")
            .serviceFrom(LocalDate.of(2013, 5, 1))
            .procedure("99213")
            .build();
    WorkGpci raw = WorkGpci.bundled(l -> Optional.of(l.claimId()), false, 2013);
    WorkGpci floored = WorkGpci.bundled(l -> Optional.of(l.claimId()), true, 2013);
    RvuSchedule s = RvuSchedule.bundled();
    assertEquals(
        946_720,
        WorkRvuCalculator.builder(s).workGpci(raw).build().effortMicros(line, new IngestTally()));
    assertEquals(
        970_000,
        WorkRvuCalculator.builder(s)
            .workGpci(floored)
            .build()
            .effortMicros(line, new IngestTally()));
  }
}
