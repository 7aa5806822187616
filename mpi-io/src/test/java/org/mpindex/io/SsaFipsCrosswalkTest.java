package org.mpindex.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mpindex.core.claims.Beneficiary;
import org.mpindex.core.index.IngestTally;
import org.mpindex.core.spi.MalformedRecordException;
import org.mpindex.core.text.CsvTable;
import org.mpindex.core.text.LineReader;

/**
 * The SSA-to-FIPS county crosswalk in the NBER/CMS layout, and DE-SynPUF residences mapped with it.
 * The pairs below are test data in the file's layout, not real assignments.
 */
class SsaFipsCrosswalkTest {
  static final String FILE =
      """
                             county,state,ssacounty,fipscounty,cbsa
                             Test County,WY,53010,56013,
                             Other County,WY,53020,56025,
                             Stray,WY,53030,08001,
                             No code,WY,,56099,
                             """;

  static SsaFipsCrosswalk crosswalk(String text) {
    return SsaFipsCrosswalk.read(
        CsvTable.open(LineReader.of("ssa_fips.csv", new StringReader(text))));
  }

  @Test
  void readsTheLayoutAndPadsCodes() {
    SsaFipsCrosswalk c = crosswalk(FILE);
    assertEquals(3, c.size());
    assertEquals(Optional.of("56013"), c.fips("53010"));
    assertEquals(Optional.empty(), c.fips("53099"));
    // a code written without its leading zero (1001 for 01001) is padded
    assertEquals(Optional.of("01001"), crosswalk("ssa_code,fips_code\n1010,1001\n").fips("01010"));
  }

  @Test
  void badRowsNameFileLineAndColumn() {
    MalformedRecordException conflict =
        assertThrows(
            MalformedRecordException.class,
            () -> crosswalk("ssacounty,fipscounty\n53010,56013\n53010,56015\n"));
    assertTrue(
        conflict.getMessage().startsWith("ssa_fips.csv:3: column fipscounty")
            && conflict.getMessage().contains("on line 2"),
        conflict.getMessage());
    MalformedRecordException bad =
        assertThrows(
            MalformedRecordException.class, () -> crosswalk("ssacounty,fipscounty\n53A10,56013\n"));
    assertTrue(bad.getMessage().startsWith("ssa_fips.csv:2: column ssacounty"), bad.getMessage());
    MalformedRecordException header =
        assertThrows(MalformedRecordException.class, () -> crosswalk("county,state\nX,WY\n"));
    assertTrue(header.getMessage().contains("ssacounty"), header.getMessage());
  }

  @Test
  void deSynpufResidencesCarryFipsKeysAndUnmappedCodesAreCounted() {
    String header = SynpufEdgeTest.header("DE1_0_2009_Beneficiary_Summary_File_Sample_1.csv");
    String rows =
        header
            + "\n"
            + SynpufEdgeTest.row(
                header,
                Map.of(
                    "DESYNPUF_ID",
                    "P1",
                    "BENE_BIRTH_DT",
                    "19300101",
                    "BENE_SEX_IDENT_CD",
                    "1",
                    "SP_STATE_CODE",
                    "53",
                    "BENE_COUNTY_CD",
                    "10",
                    "BENE_HI_CVRAGE_TOT_MONS",
                    "12",
                    "BENE_SMI_CVRAGE_TOT_MONS",
                    "12",
                    "BENE_HMO_CVRAGE_TOT_MONS",
                    "0"))
            + "\n"
            + SynpufEdgeTest.row(
                header,
                Map.of(
                    "DESYNPUF_ID",
                    "P2",
                    "BENE_BIRTH_DT",
                    "19300101",
                    "BENE_SEX_IDENT_CD",
                    "2",
                    "SP_STATE_CODE",
                    "53",
                    "BENE_COUNTY_CD",
                    "40",
                    "BENE_HI_CVRAGE_TOT_MONS",
                    "12",
                    "BENE_SMI_CVRAGE_TOT_MONS",
                    "12",
                    "BENE_HMO_CVRAGE_TOT_MONS",
                    "0"))
            + "\n"
            + SynpufEdgeTest.row(
                header,
                Map.of(
                    "DESYNPUF_ID",
                    "P3",
                    "BENE_BIRTH_DT",
                    "19300101",
                    "BENE_SEX_IDENT_CD",
                    "2",
                    "SP_STATE_CODE",
                    "53",
                    "BENE_COUNTY_CD",
                    "30",
                    "BENE_HI_CVRAGE_TOT_MONS",
                    "12",
                    "BENE_SMI_CVRAGE_TOT_MONS",
                    "12",
                    "BENE_HMO_CVRAGE_TOT_MONS",
                    "0"))
            + "\n";
    List<Object> out = new ArrayList<>();
    IngestTally t =
        new SynpufBeneficiaryReader(true, SynpufCoverage.DEFAULT)
            .crosswalk(crosswalk(FILE))
            .read(
                "DE1_0_2009_Beneficiary_Summary_File_Sample_1.csv",
                2009,
                new StringReader(rows),
                out::add);
    Map<String, Beneficiary> people = new java.util.HashMap<>();
    out.stream()
        .filter(o -> o instanceof Beneficiary)
        .map(o -> (Beneficiary) o)
        .forEach(b -> people.put(b.id(), b));
    // P1: SSA 53010 -> FIPS 56013, the county key is the FIPS code
    assertEquals(Optional.of("56013"), people.get("P1").geography().countyFips());
    assertEquals(Optional.of("53010"), people.get("P1").geography().countySsa());
    // P2: 53040 is not in the crosswalk: SSA only, counted; P3: mapped outside Wyoming, not used
    assertEquals(Optional.empty(), people.get("P2").geography().countyFips());
    assertEquals(Optional.empty(), people.get("P3").geography().countyFips());
    assertEquals(1L, t.snapshot().notes().get(SynpufBeneficiaryReader.UNMAPPED_COUNTY));
    assertEquals(1L, t.snapshot().notes().get(SynpufBeneficiaryReader.FIPS_OUTSIDE_STATE));
    assertTrue(
        t.snapshot().unknownCodes().containsKey("SSA county 53040"),
        t.snapshot().unknownCodes().toString());
  }
}
