package org.mpindex.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mpindex.core.claims.DiagnosisCode;
import org.mpindex.core.claims.ProcedureCode;
import org.mpindex.core.index.IndexAssembler;
import org.mpindex.core.index.IngestMode;
import org.mpindex.core.index.MpiResult;
import org.mpindex.core.index.MpiSpec;
import org.mpindex.core.index.StudyPeriod;
import org.mpindex.io.input.DesynpufFormat;
import org.mpindex.io.input.InputFiles;
import org.mpindex.io.input.ReadContext;
import org.mpindex.io.input.ReadOptions;
import org.mpindex.testkit.PaperScaleWorkload;
import org.mpindex.testkit.SimpleBurdenGrouper;
import org.mpindex.testkit.SimpleEffortCalculator;

/**
 * {@link PaperScaleWorkload#writeDesynpuf} writes files of the real DE-SynPUF layout that the
 * library reads whole: the carrier header is the real file's, every workload line becomes one
 * carrier line, every summary row is accepted, and the byte-level and row readers agree.
 */
class PaperScaleDesynpufTest {
  @Test
  void theWrittenFilesAreRealDesynpufFilesReadWhole() throws IOException {
    PaperScaleWorkload w = PaperScaleWorkload.generate(7, 300);
    Path dir = Files.createTempDirectory("desynpuf-workload");
    w.writeDesynpuf(dir);
    Path carrier = dir.resolve(PaperScaleWorkload.DESYNPUF_CARRIER);
    assertEquals(
        Files.readAllLines(SynpufReaderTest.CARRIER).get(0).strip(),
        Files.readAllLines(carrier).get(0));
    assertEquals(
        Files.readAllLines(SynpufReaderTest.BENE08).get(0).strip(),
        Files.readAllLines(dir.resolve(PaperScaleWorkload.desynpufSummary(2011))).get(0));
    // claims: a patient's lines of a day, up to 13 a row, as counted here from the columns
    long claims = 0;
    int run = 0;
    for (int i = 0; i < w.lines; i++) {
      boolean sameDay =
          i > 0 && w.linePatient[i] == w.linePatient[i - 1] && w.lineDay[i] == w.lineDay[i - 1];
      if (!sameDay || run == 13) {
        claims++;
        run = 0;
      }
      run++;
    }
    MpiResult rows = read(dir, true);
    MpiResult fast = read(dir, false);
    var carrierRows = fast.accounting().of(SynpufClaimReader.Kind.CARRIER.rows());
    assertEquals(claims, carrierRows.read(), carrierRows.toString());
    assertEquals(carrierRows.read(), carrierRows.accepted(), carrierRows.toString());
    assertEquals(
        Long.valueOf(w.lines), fast.accounting().notes().get(SynpufClaimReader.LINES_PRODUCED));
    assertEquals(rows.accounting(), fast.accounting());
    assertEquals(rows.national(), fast.national());
    assertEquals(rows.groupCells(), fast.groupCells());
    try (var files = Files.list(dir)) {
      for (Path f : files.toList()) {
        Files.delete(f);
      }
    }
    Files.delete(dir);
  }

  private static MpiResult read(Path dir, boolean rowReader) {
    MpiSpec spec =
        MpiSpec.builder()
            .studyPeriod(StudyPeriod.of(PaperScaleWorkload.START, PaperScaleWorkload.END))
            .minimumEligibleWindows(1)
            .ingestMode(IngestMode.STRICT)
            .build();
    Map<ProcedureCode, Long> fees = new java.util.HashMap<>();
    PaperScaleWorkload.PROCEDURES.forEach(p -> fees.put(ProcedureCode.of(p), 1_000_000L));
    Map<DiagnosisCode, Integer> categories = new java.util.HashMap<>();
    for (int d = 0; d < PaperScaleWorkload.DIAGNOSES.size(); d++) {
      categories.put(DiagnosisCode.icd9(PaperScaleWorkload.DIAGNOSES.get(d)), d % 4);
    }
    IndexAssembler a =
        IndexAssembler.create(
            spec,
            SimpleEffortCalculator.of(fees),
            SimpleBurdenGrouper.of(List.of("a", "b", "c", "d"), categories));
    List<Path> summaries = new ArrayList<>();
    for (int y = 2011; y <= 2013; y++) {
      summaries.add(dir.resolve(PaperScaleWorkload.desynpufSummary(y)));
    }
    DesynpufFormat format = new DesynpufFormat();
    InputFiles files =
        new InputFiles(
            format,
            Map.of(
                DesynpufFormat.SUMMARY.name(),
                summaries,
                DesynpufFormat.CARRIER.name(),
                List.of(dir.resolve(PaperScaleWorkload.DESYNPUF_CARRIER))));
    ReadContext c =
        new ReadContext(
            IngestMode.STRICT,
            a.tally(),
            e -> {},
            spec.claimDating(),
            ReadContext.NOBODY_YET,
            ReadOptions.defaults().withClaimsTogether(rowReader).withThreads(2),
            f -> {});
    assertEquals(!rowReader, format.readAll(files, c, a));
    return a.assemble();
  }
}
