package org.mpindex.parquet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mpindex.adg.ComorbidityGrouper;
import org.mpindex.core.index.ClaimDating;
import org.mpindex.core.index.IndexAssembler;
import org.mpindex.core.index.IngestMode;
import org.mpindex.core.index.MpiResult;
import org.mpindex.core.index.MpiSpec;
import org.mpindex.core.index.StudyPeriod;
import org.mpindex.io.input.InputDetection;
import org.mpindex.io.input.InputFiles;
import org.mpindex.io.input.InputFormat;
import org.mpindex.io.input.InputFormats;
import org.mpindex.io.input.ReadContext;
import org.mpindex.io.input.ReadOptions;
import org.mpindex.rbrvs.RvuSchedule;
import org.mpindex.rbrvs.WorkRvuCalculator;
import org.mpindex.testkit.PaperScaleWorkload;

/**
 * The input pipeline finds this module by itself (issue 26): a folder of tidy files whose claims
 * are Parquet is told by headers ({@link org.mpindex.io.input.Tables} opens Parquet through the
 * registered opener), and its claims go through the registered columnar reader ({@link
 * ParquetTidyColumnar}); the index and the accounting equal those of the same files in CSV.
 */
class ParquetInputPipelineTest {
  @TempDir Path dir;

  /** The index of {@code folder} read as mpi compute reads it, and whether claims went columnar. */
  static Object[] run(Path folder) {
    InputFormat tidy = InputFormats.byName("tidy").orElseThrow();
    InputFiles files = InputDetection.assign(tidy, List.of(folder)).files();
    IndexAssembler a =
        IndexAssembler.create(
            MpiSpec.builder()
                .studyPeriod(StudyPeriod.of(PaperScaleWorkload.START, PaperScaleWorkload.END))
                .build(),
            WorkRvuCalculator.of(RvuSchedule.bundled()),
            ComorbidityGrouper.elixhauser());
    ReadContext c =
        new ReadContext(
            IngestMode.LENIENT,
            a.tally(),
            e -> {},
            ClaimDating.SERVICE_FROM,
            ReadContext.NOBODY_YET,
            ReadOptions.defaults(),
            f -> {});
    boolean columnar = tidy.readAll(files, c, a);
    return new Object[] {a.assemble(), columnar};
  }

  @Test
  void aTidyFolderWithParquetClaimsGivesTheIndexOfItsCsv() throws IOException {
    Path csv = Files.createDirectories(dir.resolve("csv"));
    PaperScaleWorkload.generate(7, 300).writeTidy(csv);
    Path parquet = Files.createDirectories(dir.resolve("parquet"));
    Files.copy(csv.resolve("beneficiaries.csv"), parquet.resolve("beneficiaries.csv"));
    Files.copy(csv.resolve("enrollment.csv"), parquet.resolve("enrollment.csv"));
    Writers.duck(
        "COPY (SELECT * FROM read_csv("
            + Writers.lit(csv.resolve("claims.csv"))
            + ", all_varchar = true, header = true)) TO "
            + Writers.lit(parquet.resolve("claims.parquet"))
            + " (FORMAT PARQUET)");
    Object[] fromCsv = run(csv);
    Object[] fromParquet = run(parquet);
    assertEquals(true, fromCsv[1], "CSV claims: the byte-level columnar reader");
    assertEquals(true, fromParquet[1], "Parquet claims: the registered columnar reader");
    MpiResult a = (MpiResult) fromCsv[0];
    MpiResult b = (MpiResult) fromParquet[0];
    assertTrue(a.nationalSeries().points().size() > 4, "a non-trivial series");
    assertEquals(a, b);
  }
}
