package org.mpindex.adg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mpindex.core.claims.DiagnosisCode;
import org.mpindex.core.index.IngestTally;
import org.mpindex.core.spi.MalformedRecordException;
import org.mpindex.core.spi.PrecomputedBurden;

/** The ADG inputs, on a made-up table (the real ACG mapping is proprietary and never used here). */
class AdgTest {

  // made up for the test: NOT the ACG mapping
  static final String TABLE =
      """
                              code_system,code,adg
                              icd9,250,10
                              icd9,250.1,11
                              icd9,401,10
                              icd9,V70,31
                              icd10,E11,10
                              icd10,E11.1,11
                              icd10,E11.1,28
                              """;

  @Test
  void thirtyFourSlotsThirtyTwoInUse() {
    assertEquals(34, Adg.values().length);
    assertEquals(32, java.util.Arrays.stream(Adg.values()).filter(Adg::inUse).count());
    assertFalse(Adg.ADG15.inUse());
    assertFalse(Adg.ADG19.inUse());
    assertThrows(IllegalArgumentException.class, () -> Adg.of(15));
    assertThrows(IllegalArgumentException.class, () -> Adg.of(35));
    assertEquals(9, Adg.of(10).bit());
    assertEquals(34, Adg.slotNames().size());
  }

  @Test
  void longestPrefixWins() {
    AdgMapGrouper g = AdgMapGrouper.read("adg.csv", new StringReader(TABLE));
    assertEquals(1L << 9, g.categoriesOf(DiagnosisCode.icd9("250.00"))); // 250 -> ADG 10
    assertEquals(
        1L << 10, g.categoriesOf(DiagnosisCode.icd9("250.12"))); // 2501 is longer -> ADG 11
    assertEquals(1L << 9, g.categoriesOf(DiagnosisCode.icd10("E11.9")));
    assertEquals(
        1L << 10 | 1L << 27, g.categoriesOf(DiagnosisCode.icd10("E11.10"))); // two ADGs on E111
    assertEquals(0L, g.categoriesOf(DiagnosisCode.icd10("V70"))); // V70 listed for ICD-9 only
    assertEquals(1L << 30, g.categoriesOf(DiagnosisCode.icd9("V70.0")));
    assertEquals(0L, g.categoriesOf(DiagnosisCode.icd9("999")));
    assertTrue(g.describe().contains("4 ICD-9-CM and 2 ICD-10-CM prefixes"), g.describe());
  }

  @Test
  void badTableRowsNameLineAndColumn() {
    MalformedRecordException adg =
        assertThrows(
            MalformedRecordException.class,
            () ->
                AdgMapGrouper.read(
                    "adg.csv", new StringReader("code_system,code,adg\nicd9,250,15\n")));
    assertEquals("adg.csv:2: column adg: ADG 15 is an unused slot", adg.getMessage());
    MalformedRecordException code =
        assertThrows(
            MalformedRecordException.class,
            () ->
                AdgMapGrouper.read(
                    "adg.csv", new StringReader("code_system,code,adg\nicd9,25,10\n")));
    assertTrue(
        code.getMessage().startsWith("adg.csv:2: column code: ICD-9-CM diagnosis code '25'"),
        code.getMessage());
    MalformedRecordException sys =
        assertThrows(
            MalformedRecordException.class,
            () ->
                AdgMapGrouper.read(
                    "adg.csv", new StringReader("code_system,code,adg\nsnomed,250,10\n")));
    assertEquals(
        "adg.csv:2: column code_system: code system 'snomed' is not icd9 or icd10",
        sys.getMessage());
    assertThrows(
        MalformedRecordException.class,
        () -> AdgMapGrouper.read("adg.csv", new StringReader("code,adg\n")));
  }

  @Test
  void acgOutputWide() {
    String wide =
        """
                  patient_id,period,ADG01,ADG02,ADG10,ADG11,ADG34
                  P1,2009Q3,0,1,1,0,0
                  P2,2009-11-15,0,0,0,0,3
                  """;
    List<PrecomputedBurden> r = AcgOutputReader.strict().readAll("acg.csv", new StringReader(wide));
    assertEquals(
        List.of(
            new PrecomputedBurden("P1", LocalDate.of(2009, 7, 1), 1L << 1 | 1L << 9),
            new PrecomputedBurden("P2", LocalDate.of(2009, 11, 15), 1L << 33)),
        r);
  }

  @Test
  void acgOutputLongWithDefaultDay() {
    String longForm = "patient_id,adg,count\nP1,2,1\nP1,10,0\nP2,34,2\n";
    List<PrecomputedBurden> r =
        AcgOutputReader.strict()
            .defaultDay(LocalDate.of(2009, 1, 1))
            .readAll("acg.csv", new StringReader(longForm));
    assertEquals(
        List.of(
            new PrecomputedBurden("P1", LocalDate.of(2009, 1, 1), 1L << 1),
            new PrecomputedBurden("P1", LocalDate.of(2009, 1, 1), 0L),
            new PrecomputedBurden("P2", LocalDate.of(2009, 1, 1), 1L << 33)),
        r);
  }

  @Test
  void acgOutputErrorsAndLenientCounts() {
    String bad = "patient_id,period,adg\nP1,2009Q3,19\nP2,2009Q5,3\nP3,2009Q1,4\nP4,2009Q1\n";
    MalformedRecordException e =
        assertThrows(
            MalformedRecordException.class,
            () -> AcgOutputReader.strict().readAll("acg.csv", new StringReader(bad)));
    assertEquals("acg.csv:2: column adg: ADG 19 is an unused slot", e.getMessage());
    List<PrecomputedBurden> out = new java.util.ArrayList<>();
    IngestTally t = AcgOutputReader.lenient().read("acg.csv", new StringReader(bad), out::add);
    assertEquals(1, out.size());
    var counts = t.snapshot().of(AcgOutputReader.ACG_ROWS);
    assertEquals(4, counts.read());
    assertEquals(
        Map.of("bad ADG (adg)", 1L, "bad period (period)", 1L, "wrong column count", 1L),
        counts.rejected());
    assertTrue(counts.balanced());
    MalformedRecordException noPeriod =
        assertThrows(
            MalformedRecordException.class,
            () ->
                AcgOutputReader.strict()
                    .readAll("acg.csv", new StringReader("patient_id,adg\nP1,2\n")));
    assertTrue(noPeriod.getMessage().contains("no period column"), noPeriod.getMessage());
  }

  @Test
  void annualAcgRunAppliesToEveryWindowOfItsYear() {
    String annual = "patient_id,period,ADG02,ADG10\nP1,2009,1,1\nP2,2009Q3,0,1\n";
    List<PrecomputedBurden> r =
        AcgOutputReader.strict().byYear().readAll("acg.csv", new StringReader(annual));
    // a year or any period inside it spans the whole calendar year
    assertEquals(
        List.of(
            PrecomputedBurden.spanning(
                "P1", LocalDate.of(2009, 1, 1), LocalDate.of(2009, 12, 31), 1L << 1 | 1L << 9),
            PrecomputedBurden.spanning(
                "P2", LocalDate.of(2009, 1, 1), LocalDate.of(2009, 12, 31), 1L << 9)),
        r);
    // without byYear a bare year names no window
    MalformedRecordException e =
        assertThrows(
            MalformedRecordException.class,
            () -> AcgOutputReader.strict().readAll("acg.csv", new StringReader(annual)));
    assertTrue(e.getMessage().contains("acg-by-year"), e.getMessage());

    // in the assembler the flags reach every quarter of 2009: P1 (2 ADGs) has H = 1/2 in each index
    // quarter 2009Q2..Q4, over the effort of its one visit a quarter (1 work RVU)
    org.mpindex.core.index.MpiSpec spec =
        org.mpindex.core.index.MpiSpec.builder()
            .studyPeriod(
                org.mpindex.core.index.StudyPeriod.of(
                    LocalDate.of(2009, 1, 1), LocalDate.of(2009, 12, 31)))
            .minimumEligibleWindows(1)
            .build();
    org.mpindex.core.index.IndexAssembler a =
        org.mpindex.core.index.IndexAssembler.create(
            spec,
            org.mpindex.testkit.SimpleEffortCalculator.of(
                java.util.Map.of(org.mpindex.core.claims.ProcedureCode.of("99213"), 1_000_000L)),
            org.mpindex.core.spi.BurdenGrouper.NONE);
    a.add(
        org.mpindex.core.claims.Beneficiary.of(
            "P1",
            LocalDate.of(1930, 1, 1),
            org.mpindex.core.claims.Sex.MALE,
            org.mpindex.core.claims.Geography.of(org.mpindex.core.claims.UsState.IA)));
    a.add(
        org.mpindex.core.claims.Enrollment.of(
            "P1",
            LocalDate.of(2009, 1, 1),
            LocalDate.of(2009, 12, 31),
            org.mpindex.core.claims.Program.MEDICARE_FFS));
    for (int m = 1; m <= 10; m += 3) {
      a.add(
          org.mpindex.core.claims.ClaimLine.builder()
              .claimId("C" + m)
              .beneficiaryId("P1")
              .serviceFrom(LocalDate.of(2009, m, 10))
              .procedure("99213")
              .build());
    }
    a.add(r.get(0));
    org.mpindex.core.index.MpiResult result = a.assemble();
    assertEquals(3, result.national().size());
    result.national().forEach(c -> assertEquals(0.5, c.mpi(), 1e-15, c.toString()));
  }
}
