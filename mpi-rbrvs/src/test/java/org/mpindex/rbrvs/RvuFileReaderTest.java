package org.mpindex.rbrvs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mpindex.core.claims.Modifier;
import org.mpindex.core.claims.ProcedureCode;
import org.mpindex.core.spi.MalformedRecordException;

class RvuFileReaderTest {

  static RvuRecord row(RvuRelease r, String code) {
    return r.global(ProcedureCode.of(code)).orElseThrow();
  }

  static void same(String expected, BigDecimal actual) {
    assertEquals(0, new BigDecimal(expected).compareTo(actual), expected + " vs " + actual);
  }

  @Test
  void reads2009TransitionalLayoutWithThreeHeaderRows() throws IOException {
    RvuFileReader.Result res = RvuFileReader.strict().read(Fixtures.path("PPRRVU09.csv"));
    RvuRelease r = res.release();
    assertEquals("RVU09A", r.name());
    assertEquals(LocalDate.of(2009, 1, 1), r.effectiveFrom());
    assertEquals(17, r.size());
    assertTrue(r.transitional());

    RvuRecord knee = row(r, "24138");
    same("8.33", knee.workRvu());
    same("7.13", knee.transitionedNonFacilityPeRvu().orElseThrow());
    same("7.13", knee.transitionedFacilityPeRvu().orElseThrow());
    same("1.34", knee.malpracticeRvu());
    assertEquals(Optional.of(GlobalDays.NINETY), knee.globalDays());
    same("0.10", knee.preOperative());
    same("0.80", knee.intraOperative());
    assertEquals(1, knee.bilateral());
    assertEquals(2, knee.assistant());
    assertEquals(1, knee.coSurgery());
    same("36.0666", knee.conversionFactor().orElseThrow());

    RvuRecord tc =
        r.withModifier(ProcedureCode.of("71020"), Modifier.TECHNICAL_COMPONENT).orElseThrow();
    same("0", tc.workRvu());
    assertEquals(1, tc.pctcIndicator());
    assertEquals(StatusCode.NON_COVERED, row(r, "99396").status());
    assertTrue(row(r, "99396").notUsedForMedicarePayment());
    assertEquals(StatusCode.ANESTHESIA, row(r, "00142").status());
    assertEquals(Optional.of(ProcedureCode.of("45378")), row(r, "45378").endoscopicBase());

    // 4 preamble lines, 2 header continuation rows and 1 footnote are counted, not dropped
    assertEquals(17, res.tally().snapshot().of(RvuFileReader.RVU_ROWS).accepted());
    assertTrue(res.tally().snapshot().balanced());
    assertEquals(Map.of(RvuFileReader.NON_DATA_LINES, 7L), res.tally().snapshot().notes());
  }

  @Test
  void readsTheTwoRowHeaderOfCurrentFiles() {
    RvuRelease r = Fixtures.release("PPRRVU26_JAN.csv");
    assertEquals("RVU26A", r.name());
    assertFalse(r.transitional());
    RvuRecord visit = row(r, "99213");
    same("1.30", visit.workRvu());
    same("1.33", visit.nonFacilityPeRvu());
    same("0.53", visit.facilityPeRvu());
    same("0.10", visit.malpracticeRvu());
    same("33.4009", visit.conversionFactor().orElseThrow());
    RvuRecord ecg =
        r.withModifier(ProcedureCode.of("93000"), Modifier.PROFESSIONAL_COMPONENT).orElseThrow();
    same("0.17", ecg.workRvu());
    // "NA" in a PE column means no value for that setting
    assertEquals(BigDecimal.ZERO, row(r, "G0008").facilityPeRvu());
  }

  static final String HEADER =
      "HCPCS,MOD,DESCRIPTION,STATUS CODE,NOT USED FOR MEDICARE PAYMENT,WORK RVU,"
          + "NON-FAC PE RVU,FACILITY PE RVU,MP RVU,PCTC IND\n";

  static MalformedRecordException strictError(String body) {
    return assertThrows(
        MalformedRecordException.class,
        () ->
            RvuFileReader.strict()
                .read("PPRRVU12.csv", new StringReader("title,,\n" + HEADER + body)));
  }

  @Test
  void malformedRowsNameFileLineAndColumn() {
    MalformedRecordException wrongCount = strictError("99213,,,A,,0.97,0.80\n");
    assertEquals("PPRRVU12.csv:3: expected at least 10 columns, found 7", wrongCount.getMessage());
    assertEquals(3, wrongCount.line());

    MalformedRecordException number = strictError("99213,,,A,,0.9x,0.80,0.40,0.05,0\n");
    assertEquals("PPRRVU12.csv:3: column WORK RVU: '0.9x' is not a number", number.getMessage());
    assertEquals("WORK RVU", number.column());

    MalformedRecordException modifier = strictError("99213,2,,A,,0.97,0.80,0.40,0.05,0\n");
    assertEquals(
        "PPRRVU12.csv:3: column MOD: modifier '2' is not a modifier: expected 2 letters or digits",
        modifier.getMessage());

    MalformedRecordException status = strictError("99213,,,Z,,0.97,0.80,0.40,0.05,0\n");
    assertTrue(
        status.getMessage().startsWith("PPRRVU12.csv:3: column STATUS CODE: 'Z' is not"),
        status.getMessage());

    MalformedRecordException code = strictError("99A13,,,A,,0.97,0.80,0.40,0.05,0\n");
    assertTrue(
        code.getMessage().startsWith("PPRRVU12.csv:3: column HCPCS: procedure code '99A13'"),
        code.getMessage());

    MalformedRecordException indicator = strictError("99213,,,A,,0.97,0.80,0.40,0.05,12\n");
    assertEquals(
        "PPRRVU12.csv:3: column PCTC IND: '12' is not a one-digit indicator",
        indicator.getMessage());

    MalformedRecordException noHeader =
        assertThrows(
            MalformedRecordException.class,
            () -> RvuFileReader.strict().read("PPRRVU12.csv", new StringReader("a,b\n1,2\n")));
    assertTrue(
        noHeader.getMessage().contains("no header row starting with HCPCS,MOD"),
        noHeader.getMessage());

    MalformedRecordException noWork =
        assertThrows(
            MalformedRecordException.class,
            () ->
                RvuFileReader.strict()
                    .read("PPRRVU12.csv", new StringReader("HCPCS,MOD,STATUS CODE\n")));
    assertTrue(noWork.getMessage().contains("no WORK_RVU column"), noWork.getMessage());

    MalformedRecordException shortTxt =
        assertThrows(
            MalformedRecordException.class,
            () ->
                RvuFileReader.strict().read("PPRRVU09.txt", new StringReader("99213   A  0.9\n")));
    assertEquals(
        "PPRRVU09.txt:1: record of 14 characters; layout CMS 2009 TXT (RVUPUF09) has 206",
        shortTxt.getMessage());
  }

  @Test
  void lenientModeCountsBadRowsByReason() {
    String body =
        """
                  99213,,,A,,0.97,0.80,0.40,0.05,0
                  99214,,,A,,1.x,0.80,0.40,0.05,0
                  99215,,,A,,2.11
                  99212,,,A,,0.48,0.80,0.40,0.05,0
                  "Footnote: values are not payment amounts",,,,,,,,,
                  """;
    RvuFileReader.Result res =
        RvuFileReader.lenient().read("PPRRVU21.csv", new StringReader("title\n" + HEADER + body));
    assertEquals(2, res.release().size());
    var counts = res.tally().snapshot().of(RvuFileReader.RVU_ROWS);
    assertEquals(4, counts.read());
    assertEquals(2, counts.accepted());
    assertEquals(Map.of("malformed number", 1L, "wrong column count", 1L), counts.rejected());
    assertTrue(counts.balanced());
    assertEquals(2L, res.tally().snapshot().notes().get(RvuFileReader.NON_DATA_LINES));
  }

  @Test
  void releaseNamesAndDates() {
    assertEquals(LocalDate.of(2009, 4, 1), RvuRelease.effectiveDateOf("RVU09B_PPRRVU09.csv"));
    assertEquals(LocalDate.of(2009, 10, 1), RvuRelease.effectiveDateOf("rvu09d"));
    assertEquals(LocalDate.of(2025, 1, 1), RvuRelease.effectiveDateOf("PPRRVU2025_Oct.txt"));
    assertEquals("RVU09B", RvuFileReader.releaseNameOf("RVU09B_PPRRVU09.csv"));
    assertThrows(IllegalArgumentException.class, () -> RvuRelease.effectiveDateOf("fees.csv"));
    RvuRelease explicit =
        RvuFileReader.strict()
            .release("PAYER-2024", LocalDate.of(2024, 7, 1))
            .read("fees.csv", new StringReader(HEADER + "99213,,,A,,0.97,0.80,0.40,0.05,0\n"))
            .release();
    assertEquals(LocalDate.of(2024, 7, 1), explicit.effectiveFrom());
  }

  @Test
  void conflictingDuplicateRowsAreAnErrorNamingBothLines() {
    MalformedRecordException e =
        assertThrows(
            MalformedRecordException.class,
            () ->
                RvuFileReader.strict()
                    .read(
                        "PPRRVU12.csv",
                        new StringReader(
                            HEADER + "99213,,,A,,0.97,0,0,0,0\n99213,,,A,,0.98,0,0,0,0\n")));
    assertEquals(
        "PPRRVU12.csv:3: column HCPCS: a second row for 99213 that differs from the row on line 2",
        e.getMessage());
  }

  @Test
  void writingAndReadingBackGivesTheSameRelease() throws IOException {
    for (String name : List.of("PPRRVU09.csv", "PPRRVU26_JAN.csv")) {
      RvuRelease r = Fixtures.release(name);
      StringWriter out = new StringWriter();
      RvuFileWriter.write(r, out);
      RvuRelease back =
          RvuFileReader.strict()
              .release(r.name(), r.effectiveFrom())
              .read("export.csv", new StringReader(out.toString()))
              .release();
      assertEquals(r, back, name);
      assertFalse(out.toString().contains("OFFICE"), "no descriptors are written");
    }
    var tmp = Files.createTempFile("PPRRVU09", ".csv");
    RvuFileWriter.write(Fixtures.release("PPRRVU09.csv"), tmp);
    assertEquals(Fixtures.release("PPRRVU09.csv"), RvuFileReader.strict().read(tmp).release());
    Files.delete(tmp);
  }
}
