package org.mpindex.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mpindex.cli.CliTestSupport.csv;
import static org.mpindex.cli.CliTestSupport.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mpi compute --multiple-procedure} reaches the calculator's claim-level rule. Values from the
 * CMS PPRRVU 2012 file (bundled; ../shared/data/cms-rvu/pprrvu-2012.csv.gz): 11043 work 2.70, 11042
 * work 1.01, both multiple-procedure indicator 2, 11043 the higher fee.
 */
class MultipleProcedureTest {
  @TempDir Path dir;

  private String[] args(String... extra) throws IOException {
    Files.writeString(
        dir.resolve("b.csv"),
        "beneficiary_id,birth_date,death_date,sex,state\nA,1940-03-01,,F,WY\n");
    Files.writeString(
        dir.resolve("e.csv"),
        "beneficiary_id,start_date,end_date,program\nA,2012-01-01,2012-12-31,MEDICARE_FFS\n");
    Files.writeString(
        dir.resolve("c.csv"),
        """
                                            claim_id,beneficiary_id,from_date,procedure,code_system,diagnoses
                                            C1,A,2012-02-10,11043,icd9,4019
                                            C1,A,2012-02-10,11042,icd9,
                                            C2,A,2012-05-10,,icd9,4019
                                            """);
    String[] base = {
      "compute",
      "--format",
      "csv",
      "--beneficiaries",
      dir.resolve("b.csv").toString(),
      "--enrollment",
      dir.resolve("e.csv").toString(),
      "--claims",
      dir.resolve("c.csv").toString(),
      "--study-period",
      "2012-01-01..2012-12-31",
      "--out",
      dir.resolve("out").toString(),
      "--min-cell-size",
      "1"
    }; // one patient: suppression off
    String[] all = new String[base.length + extra.length];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(extra, 0, all, base.length, extra.length);
    return all;
  }

  @Test
  void theSecondProcedureOfTheDayCountsHalfWithTheOption() throws IOException {
    // 2012Q2: H = 1 (401.9, one Elixhauser category); M(2012Q1) = 2.70 + 1.01 = 3.71 work RVUs
    CliTestSupport.Outcome plain = run(args());
    assertEquals(0, plain.code(), plain.err());
    assertEquals(
        1 / 3.71,
        Double.parseDouble(csv(dir.resolve("out/series.csv")).get("2012Q2,US").get("mpi")),
        1e-12);
    // ranked: 11043 at 100%, 11042 at 50%: M = 2.70 + 0.505 = 3.205
    CliTestSupport.Outcome ranked = run(args("--multiple-procedure"));
    assertEquals(0, ranked.code(), ranked.err());
    assertEquals(
        1 / 3.205,
        Double.parseDouble(csv(dir.resolve("out/series.csv")).get("2012Q2,US").get("mpi")),
        1e-12);
  }
}
