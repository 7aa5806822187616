package org.mpindex.io.cclf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mpindex.core.claims.ClaimLine;
import org.mpindex.core.index.IngestMode;
import org.mpindex.core.index.RecordCounts;
import org.mpindex.core.spi.MalformedRecordException;

/** Hand-written CCLF rows: a chain, hostile rows, strict mode. */
class CclfRowsTest {
  @TempDir Path dir;

  private static final String PERSON =
      CclfWriter.CCLF8_HEADER + "\nM1,1940-01-01,2,,36,103,00501,2010-01-01,3,2026-01-12\n";

  /** One CCLF5 row of M1, claim {@code id}, line {@code n}. */
  private static String row(
      String id, int n, String hcpcs, String amount, int adjustment, String effective) {
    return String.join(
            ",",
            id,
            Integer.toString(n),
            "M1",
            "2025-03-02",
            "2025-03-02",
            "2025-03-02",
            "2025-03-02",
            "11",
            hcpcs,
            amount,
            "A",
            Integer.toString(adjustment),
            effective,
            "CTL1",
            "1",
            "~",
            "~",
            "~",
            "~",
            "~",
            "I10",
            "~",
            "~",
            "~",
            "0",
            "~",
            "2026-01-12")
        + "\n";
  }

  private CclfRuns.Outcome read(String cclf5, IngestMode mode) throws IOException {
    Map<String, List<Path>> m = new LinkedHashMap<>();
    m.put(CclfFormat.CCLF8, List.of(Files.writeString(dir.resolve("cclf8.csv"), PERSON)));
    m.put(
        CclfFormat.CCLF5,
        List.of(
            Files.writeString(dir.resolve("cclf5.csv"), CclfWriter.CCLF5_HEADER + "\n" + cclf5)));
    return CclfRuns.read(CclfRuns.files(m), mode);
  }

  @Test
  void originalCancelAndAdjustmentGiveTheAdjustmentsLinesOnly() throws IOException {
    // original 1 (99213, 99214), its cancellation 2 (the same lines and amounts), adjustment 3
    // (99215 alone): only 3's line is final; the other two versions are counted as rejected
    String rows =
        row("1", 1, "99213", "50.00", 0, "2025-03-10")
            + row("1", 2, "99214", "80.00", 0, "2025-03-10")
            + row("2", 1, "99213", "50.00", 1, "2025-05-01")
            + row("2", 2, "99214", "80.00", 1, "2025-05-01")
            + row("3", 1, "99215", "120.00", 2, "2025-05-01");
    CclfRuns.Outcome out = read(rows, IngestMode.LENIENT);
    assertEquals(
        List.of("3:99215"),
        out.lines().stream()
            .map(l -> l.claimId() + ":" + l.procedure().orElseThrow().code())
            .toList());
    RecordCounts v = out.tally().snapshot().of(CclfFormat.CLAIM_VERSIONS);
    assertEquals(3, v.read());
    assertEquals(1, v.accepted());
    assertEquals(
        Map.of(CclfFormat.CANCELLATION.text(), 1L, CclfFormat.CANCELLED.text(), 1L), v.rejected());
  }

  @Test
  void aCancellationOfAClaimNotInTheFilesRemovesNothing() throws IOException {
    // the cancellation's lines (99213 at 60.00) match no claim: the adjustment stays, the
    // cancellation is counted as unmatched
    String rows =
        row("2", 1, "99213", "60.00", 1, "2025-05-01")
            + row("3", 1, "99215", "120.00", 2, "2025-05-01");
    CclfRuns.Outcome out = read(rows, IngestMode.LENIENT);
    assertEquals(List.of("3"), out.claimIds());
    assertEquals(
        Map.of(CclfFormat.UNMATCHED_CANCELLATION.text(), 1L),
        out.tally().snapshot().of(CclfFormat.CLAIM_VERSIONS).rejected());
  }

  @Test
  void hostileRowsAreCountedRejectionsNamingFileLineAndColumn() throws IOException {
    String rows =
        row("1", 1, "99213", "50.00", 0, "2025-03-10") // line 2: fine
            + row("4", 1, "99213", "50.00", 7, "2025-03-10") // line 3: adjustment type 7
            + row("5", 1, "99213", "50.00", 0, "2025-03-10")
                .replace(
                    "2025-03-02,2025-03-02,11",
                    "2025-03-02,2025-02-30,11") // line 4: bad line through date
            + row("6", 1, "99213", "50.00", 0, "2025-03-10")
                .replace(",0,~,2026", ",X,~,2026") // line 5: ICD indicator X
            + row("7", 1, "99213", "50.00", 0, "2025-03-10")
                .replace(",I10,", ",1ZZ,"); // line 6: bad ICD-10 (lenient: unknown code)
    CclfRuns.Outcome out = read(rows, IngestMode.LENIENT);
    RecordCounts b = out.tally().snapshot().of(CclfFormat.PART_B_ROWS);
    assertEquals(5, b.read());
    assertEquals(2, b.accepted());
    assertEquals(
        Map.of(
            "bad adjustment type (CLM_ADJSMT_TYPE_CD)", 1L,
            "bad date (CLM_LINE_THRU_DT)", 1L,
            "bad code system (DGNS_PRCDR_ICD_IND)", 1L),
        b.rejected());
    assertEquals(
        List.of(
            "cclf5.csv:3:CLM_ADJSMT_TYPE_CD",
            "cclf5.csv:4:CLM_LINE_THRU_DT",
            "cclf5.csv:5:DGNS_PRCDR_ICD_IND"),
        out.rejects().stream()
            .map(e -> Path.of(e.file()).getFileName() + ":" + e.line() + ":" + e.column())
            .toList());
    // the invalid diagnosis leaves its row in, without the code
    assertEquals(1L, out.tally().snapshot().unknownCodes().get("invalid ICD-10-CM 1ZZ"));
    ClaimLine seven =
        out.lines().stream().filter(l -> l.claimId().equals("7")).findFirst().orElseThrow();
    assertTrue(seven.diagnoses().isEmpty());
  }

  @Test
  void strictModeThrowsAtTheFirstBadRowNamingIt() throws IOException {
    String rows =
        row("1", 1, "99213", "50.00", 0, "2025-03-10")
            + row("4", 1, "99213", "50.00", 7, "2025-03-10");
    MalformedRecordException e =
        assertThrows(MalformedRecordException.class, () -> read(rows, IngestMode.STRICT));
    assertTrue(e.file().endsWith("cclf5.csv"), e.getMessage());
    assertEquals(3, e.line());
    assertEquals("CLM_ADJSMT_TYPE_CD", e.column());
  }

  @Test
  void aServiceAfterDeathIsARejectedRow() throws IOException {
    Map<String, List<Path>> m = new LinkedHashMap<>();
    m.put(
        CclfFormat.CCLF8,
        List.of(
            Files.writeString(
                dir.resolve("cclf8.csv"),
                CclfWriter.CCLF8_HEADER
                    + "\nM1,1940-01-01,2,2025-03-01,36,103,00501,2010-01-01,3,2026-01-12\n")));
    m.put(
        CclfFormat.CCLF5,
        List.of(
            Files.writeString(
                dir.resolve("cclf5.csv"),
                CclfWriter.CCLF5_HEADER + "\n" + row("1", 1, "99213", "50.00", 0, "2025-03-10"))));
    CclfRuns.Outcome out = CclfRuns.read(CclfRuns.files(m), IngestMode.LENIENT);
    assertEquals(
        Map.of("service after death (CLM_LINE_FROM_DT)", 1L),
        out.tally().snapshot().of(CclfFormat.PART_B_ROWS).rejected());
    // death on 2025-03-01: coverage 2010-01-01 .. 2025-03-31 (the month of death)
    assertEquals(java.time.LocalDate.of(2025, 3, 31), out.spans().get(0).end());
  }
}
