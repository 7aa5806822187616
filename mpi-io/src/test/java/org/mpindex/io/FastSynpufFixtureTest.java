package org.mpindex.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mpindex.core.claims.DiagnosisCode;
import org.mpindex.core.claims.ProcedureCode;
import org.mpindex.core.index.ClaimDating;
import org.mpindex.core.index.IndexAssembler;
import org.mpindex.core.index.IngestMode;
import org.mpindex.core.index.MpiResult;
import org.mpindex.core.index.MpiSpec;
import org.mpindex.core.index.RecordCounts;
import org.mpindex.core.index.StudyPeriod;
import org.mpindex.io.input.DesynpufFormat;
import org.mpindex.io.input.InputFiles;
import org.mpindex.io.input.ReadContext;
import org.mpindex.io.input.ReadOptions;
import org.mpindex.testkit.SimpleBurdenGrouper;
import org.mpindex.testkit.SimpleEffortCalculator;

/**
 * The real DE-SynPUF fixture files read as {@code mpi compute --format desynpuf} reads them: by the
 * byte-level reader ({@link FastSynpufClaims}, the default) and by the row reader a claim at a time
 * ({@code --multiple-procedure}: claims together), giving the same index and accounting.
 */
class FastSynpufFixtureTest {
  private static final DesynpufFormat FORMAT = new DesynpufFormat();

  private static InputFiles files() {
    return new InputFiles(
        FORMAT,
        Map.of(
            DesynpufFormat.SUMMARY.name(),
            List.of(SynpufReaderTest.BENE08, SynpufReaderTest.BENE09),
            DesynpufFormat.CARRIER.name(),
            List.of(SynpufReaderTest.CARRIER),
            DesynpufFormat.INPATIENT.name(),
            List.of(SynpufReaderTest.fixture("DE1_0_2008_to_2010_Inpatient_Claims_Sample_1.csv")),
            DesynpufFormat.OUTPATIENT.name(),
            List.of(
                SynpufReaderTest.fixture("DE1_0_2008_to_2010_Outpatient_Claims_Sample_1.csv"))));
  }

  private record Read(MpiResult result, List<String> rejects, boolean columnar) {}

  private static Read read(boolean claimsTogether, ClaimDating dating) {
    MpiSpec spec =
        MpiSpec.builder()
            .studyPeriod(StudyPeriod.of(LocalDate.of(2008, 1, 1), LocalDate.of(2009, 12, 31)))
            .minimumEligibleWindows(1)
            .claimDating(dating)
            .ingestMode(IngestMode.LENIENT)
            .build();
    IndexAssembler a =
        IndexAssembler.create(
            spec,
            SimpleEffortCalculator.of(
                Map.of(
                    ProcedureCode.of("99213"), 920_000L,
                    ProcedureCode.of("99214"), 1_420_000L,
                    ProcedureCode.of("71020"), 180_000L)),
            SimpleBurdenGrouper.of(
                List.of("htn", "dm", "chf", "copd"),
                Map.of(
                    DiagnosisCode.icd9("401"), 0,
                    DiagnosisCode.icd9("250"), 1,
                    DiagnosisCode.icd9("428"), 2,
                    DiagnosisCode.icd9("496"), 3)));
    List<String> rejects = new ArrayList<>();
    ReadContext c =
        new ReadContext(
            IngestMode.LENIENT,
            a.tally(),
            e -> rejects.add(e.file() + ":" + e.line() + ":" + e.reason() + ":" + e.getMessage()),
            dating,
            ReadContext.NOBODY_YET,
            ReadOptions.defaults().withClaimsTogether(claimsTogether).withThreads(2),
            f -> {});
    boolean columnar = FORMAT.readAll(files(), c, a);
    return new Read(a.assemble(), rejects, columnar);
  }

  @Test
  void theFixturesGiveTheRowReadersIndex() {
    for (ClaimDating dating : ClaimDating.values()) {
      Read rows = read(true, dating);
      Read fast = read(false, dating);
      assertFalse(rows.columnar());
      assertTrue(fast.columnar());
      assertEquals(rows.rejects(), fast.rejects());
      assertEquals(rows.result().accounting(), fast.result().accounting());
      assertEquals(rows.result().national(), fast.result().national());
      assertEquals(rows.result().groupCells(), fast.result().groupCells());
    }
  }

  /**
   * Counted by hand from the fixture: 6 carrier rows, one with its through-date before its
   * from-date (line 6); 6 lines from the 5 others (2 + 1 + 1 HCPCS lines, 1 diagnosis-only row, 1
   * line whose HCPCS code 99A13 is invalid: 5 line efforts, 1 rejected); 1 inpatient row (a
   * diagnosis-only line) and 2 outpatient rows (2 + 1 lines: 71020 and 85025; V5861 alone).
   */
  @Test
  void theFixturesAreCountedAsByHand() {
    Read fast = read(false, ClaimDating.SERVICE_FROM);
    RecordCounts carrier = fast.result().accounting().of(SynpufClaimReader.Kind.CARRIER.rows());
    assertEquals(6, carrier.read());
    assertEquals(5, carrier.accepted());
    assertEquals(
        1,
        fast.rejects().stream().filter(r -> r.contains("Carrier") && r.contains(":6:")).count(),
        fast.rejects().toString());
    assertEquals(
        1, fast.result().accounting().of(SynpufClaimReader.Kind.INPATIENT.rows()).accepted());
    assertEquals(
        2, fast.result().accounting().of(SynpufClaimReader.Kind.OUTPATIENT.rows()).accepted());
    // carrier 2 + 1 + 1 + 1 (diagnoses only) + 1 (99A13); inpatient 1; outpatient 2 + 1
    RecordCounts efforts =
        fast.result().accounting().of(org.mpindex.core.index.IngestTally.LINE_EFFORTS);
    assertEquals(5, efforts.read());
    assertEquals(1, efforts.rejectedTotal());
    assertEquals(
        Long.valueOf(10), fast.result().accounting().notes().get(SynpufClaimReader.LINES_PRODUCED));
  }
}
