package org.mpindex.io.rif;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mpindex.core.index.ClaimDating;
import org.mpindex.core.index.IndexAssembler;
import org.mpindex.core.index.IngestAccounting;
import org.mpindex.core.index.IngestMode;
import org.mpindex.core.index.IngestTally;
import org.mpindex.core.index.RecordCounts;
import org.mpindex.core.spi.MalformedRecordException;
import org.mpindex.io.TidyCsvReader;
import org.mpindex.io.input.InputFiles;

/**
 * Hostile rows in research files: each is one counted rejection naming its file, line and column
 * (lenient), or the error that stops the read (strict).
 */
class RifHostileRowsTest {
  @TempDir Path dir;

  private static final String MBSF_HEADER;

  static {
    StringBuilder h =
        new StringBuilder(
            "BENE_ID|BENE_ENROLLMT_REF_YR|BENE_BIRTH_DT|BENE_DEATH_DT|SEX_IDENT_CD|STATE_CODE|COUNTY_CD");
    for (int m = 1; m <= 12; m++) {
      h.append(String.format(java.util.Locale.ROOT, "|MDCR_ENTLMT_BUYIN_IND_%02d", m));
    }
    for (int m = 1; m <= 12; m++) {
      h.append(String.format(java.util.Locale.ROOT, "|HMO_IND_%02d", m));
    }
    MBSF_HEADER = h.toString();
  }

  /** An MBSF row of 2009: Part A and B all year ("3"), no HMO ("0"), Florida (SSA 10), Orange. */
  private static String mbsf(String id, String birth, String sex, String marchBuyin) {
    StringBuilder r = new StringBuilder(id + "|2009|" + birth + "||" + sex + "|10|470");
    for (int m = 1; m <= 12; m++) {
      r.append('|').append(m == 3 ? marchBuyin : "3");
    }
    r.append("|0".repeat(12));
    return r.toString();
  }

  private static final String CARRIER_HEADER =
      "BENE_ID|CLM_ID|CLM_FROM_DT|CLM_THRU_DT|CARR_NUM|ICD_DGNS_CD1|ICD_DGNS_VRSN_CD1|LINE_NUM"
          + "|HCPCS_CD|LINE_SRVC_CNT|LINE_PRCSG_IND_CD";

  private InputFiles files() {
    Path mbsf =
        RifWorld.write(
            dir.resolve("mbsf.csv"),
            List.of(MBSF_HEADER),
            List.of(
                mbsf("A", "19350510", "2", "3"), // line 2: good
                mbsf("B", "19400231", "1", "3"), // line 3: February 31
                mbsf("C", "19400101", "7", "3"), // line 4: sex 7 is no CMS code
                mbsf("D", "19400101", "1", "X"))); // line 5: March buy-in X is no code
    Path carrier =
        RifWorld.write(
            dir.resolve("carrier.csv"),
            List.of(CARRIER_HEADER),
            List.of(
                "A|1|20090405|20090405|1|4019|9|1|99213|1|A", // line 2: good
                "Z|2|20090405|20090405|1|4019|9|1|99213|1|A", // line 3: no MBSF row for Z
                "A|3|2009-13-01|20090405|1|4019|9|1|99213|1|A", // line 4: month 13
                "A|4|20090406|20090406|1|4019|X|1|99213|1|A", // line 5: version X: dx left out
                "A|5|20090407|20090407|1|4019|9|1|99213|1.5|A")); // line 6: 1.5 units
    return new InputFiles(
        new RifFormat(), Map.of("mbsf", List.of(mbsf), "carrier", List.of(carrier)));
  }

  @Test
  void eachHostileRowIsOneCountedRejectionNamingFileLineAndColumn() {
    RifWorld.Read read = RifWorld.readRif(files(), IngestMode.LENIENT, ClaimDating.SERVICE_FROM);
    IngestAccounting acc = read.result().accounting();
    // MBSF: 4 rows, A accepted; B, C, D rejected, one reason each
    assertEquals(
        new RecordCounts(
            4,
            1,
            new TreeMap<>(
                Map.of(
                    "bad date (BENE_BIRTH_DT)",
                    1L,
                    "bad sex (SEX_IDENT_CD)",
                    1L,
                    RifBeneficiaryReader.BAD_BUYIN + " (MDCR_ENTLMT_BUYIN_IND_03)",
                    1L))),
        acc.of(RifBeneficiaryReader.ROWS));
    // carrier: 5 rows; claim 3's date rejects its row; Z's row is read and its line rejected by
    // the assembler (no beneficiary record); claim 4 keeps its line without the diagnosis whose
    // version is X; claim 5's line keeps its diagnosis, its effort is rejected (bad units)
    assertEquals(
        new RecordCounts(5, 4, new TreeMap<>(Map.of("bad date (CLM_FROM_DT)", 1L))),
        acc.of(RifClaimReader.Table.CARRIER.rows()));
    assertEquals(1L, acc.of(IngestTally.CLAIM_LINES).rejected(IndexAssembler.NO_BENEFICIARY));
    assertEquals(
        Map.of("bad units (LINE_SRVC_CNT)", 1L), acc.of(IngestTally.LINE_EFFORTS).rejected());
    assertEquals(1L, acc.unknownCodes().get("invalid diagnosis version code X"));
    assertTrue(acc.balanced());

    List<String> where = new ArrayList<>();
    for (MalformedRecordException e : read.rejects()) {
      where.add(
          Path.of(e.file()).getFileName() + ":" + e.line() + ":" + e.column() + ":" + e.reason());
    }
    assertEquals(
        List.of(
            "mbsf.csv:3:BENE_BIRTH_DT:bad date (BENE_BIRTH_DT)",
            "mbsf.csv:4:SEX_IDENT_CD:bad sex (SEX_IDENT_CD)",
            "mbsf.csv:5:MDCR_ENTLMT_BUYIN_IND_03:"
                + RifBeneficiaryReader.BAD_BUYIN
                + " (MDCR_ENTLMT_BUYIN_IND_03)",
            "carrier.csv:3:BENE_ID:" + IndexAssembler.NO_BENEFICIARY,
            "carrier.csv:4:CLM_FROM_DT:bad date (CLM_FROM_DT)"),
        where);
  }

  @Test
  void strictModeStopsAtTheFirstHostileRowNamingIt() {
    MalformedRecordException e =
        assertThrows(
            MalformedRecordException.class,
            () -> RifWorld.readRif(files(), IngestMode.STRICT, ClaimDating.SERVICE_FROM));
    assertTrue(e.file().endsWith("mbsf.csv"), e.file());
    assertEquals(3, e.line());
    assertEquals("BENE_BIRTH_DT", e.column());
    assertTrue(e.getMessage().contains("19400231"), e.getMessage());

    // the claims alone, strict: the bad date of line 4 stops the read (line 3's unknown
    // beneficiary is the assembler's to reject)
    InputFiles claimsOnly =
        new InputFiles(new RifFormat(), Map.of("carrier", files().of("carrier")));
    MalformedRecordException c =
        assertThrows(
            MalformedRecordException.class,
            () ->
                new RifFormat()
                    .readClaims(
                        claimsOnly,
                        new org.mpindex.io.input.ReadContext(
                            IngestMode.STRICT,
                            new IngestTally(),
                            x -> {},
                            ClaimDating.SERVICE_FROM,
                            org.mpindex.io.input.ReadContext.NOBODY_YET),
                        new RifFixtureTest.Collect()));
    assertEquals(4, c.line());
    assertEquals("CLM_FROM_DT", c.column());
  }

  @Test
  void linesWithoutTheirClaimAndLinesOfARejectedClaim() {
    // the research layout: claim file + line file. Claim 1 good, claim 2 dated before the birth of
    // A (1935-05-10): rejected; claim 1 again: a duplicate claim, rejected; line rows of claims 1,
    // 2 and 9 (no claim 9 anywhere), a second row of line 1 of claim 1, and a row of claim 1 that
    // names beneficiary B.
    Path mbsf =
        RifWorld.write(
            dir.resolve("mbsf.csv"),
            List.of(MBSF_HEADER),
            List.of(mbsf("A", "19350510", "2", "3")));
    Path claims =
        RifWorld.write(
            dir.resolve("claims.csv"),
            List.of(
                "BENE_ID|CLM_ID|CLM_FROM_DT|CLM_THRU_DT|CARR_NUM|ICD_DGNS_CD1|ICD_DGNS_VRSN_CD1"),
            List.of(
                "A|1|20090405|20090405|1|4019|9", // line 2: good
                "A|2|19300101|19300101|1|4019|9", // line 3: before A's birth
                "A|1|20090406|20090406|1|25000|9")); // line 4: claim 1 again
    Path lines =
        RifWorld.write(
            dir.resolve("lines.csv"),
            List.of("BENE_ID|CLM_ID|LINE_NUM|HCPCS_CD|LINE_SRVC_CNT|LINE_PRCSG_IND_CD"),
            List.of(
                "A|1|1|99213|1|A", // line 2: joined
                "A|2|1|99213|1|A", // line 3: its claim was rejected
                "A|9|1|99213|1|A", // line 4: no claim 9
                "A|1|1|99214|1|A", // line 5: line 1 of claim 1 again
                "B|1|2|99214|1|A")); // line 6: claim 1 is A's, not B's
    InputFiles in =
        new InputFiles(
            new RifFormat(),
            Map.of(
                "mbsf", List.of(mbsf), "carrier", List.of(claims), "carrier_line", List.of(lines)));
    RifWorld.Read read = RifWorld.readRif(in, IngestMode.LENIENT, ClaimDating.SERVICE_FROM);
    IngestAccounting acc = read.result().accounting();
    assertEquals(
        new RecordCounts(
            3,
            1,
            new TreeMap<>(
                Map.of(
                    TidyCsvReader.SERVICE_BEFORE_BIRTH + " (CLM_FROM_DT)",
                    1L,
                    RifClaimReader.DUPLICATE_CLAIM + " (CLM_ID)",
                    1L))),
        acc.of(RifClaimReader.Table.CARRIER.rows()));
    assertEquals(
        new RecordCounts(
            5,
            1,
            new TreeMap<>(
                Map.of(
                    RifClaimReader.LINE_OF_REJECTED_CLAIM + " (CLM_ID)", 1L,
                    RifClaimReader.LINE_WITHOUT_CLAIM + " (CLM_ID)", 1L,
                    RifClaimReader.DUPLICATE_LINE + " (LINE_NUM)", 1L,
                    TidyCsvReader.CLAIM_OF_ANOTHER_BENEFICIARY + " (BENE_ID)", 1L))),
        acc.of(RifClaimReader.Table.CARRIER_LINE.rows()));
    // one claim line reached the assembler: claim 1's line 1
    assertEquals(1, acc.of(IngestTally.CLAIM_LINES).read());
    List<String> where = new ArrayList<>();
    read.rejects().forEach(e -> where.add(Path.of(e.file()).getFileName() + ":" + e.line()));
    assertEquals(
        List.of(
            "claims.csv:3",
            "claims.csv:4",
            "lines.csv:3",
            "lines.csv:4",
            "lines.csv:5",
            "lines.csv:6"),
        where);
  }
}
