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
import org.mpindex.core.index.IngestMode;
import org.mpindex.core.index.IngestTally;
import org.mpindex.core.index.RecordSink;
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
        new SynpufBeneficiaryReader(IngestMode.STRICT, SynpufCoverage.DEFAULT)
            .crosswalk(crosswalk(FILE))
            .read(
                "DE1_0_2009_Beneficiary_Summary_File_Sample_1.csv",
                2009,
                new StringReader(rows),
                RecordSink.each(out::add));
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

  /** The bundled file's rows as written, read without the class under test. */
  static List<String[]> bundledRows() throws java.io.IOException {
    try (java.io.InputStream in =
        SsaFipsCrosswalk.class.getResourceAsStream("/" + SsaFipsCrosswalk.BUNDLED_RESOURCE)) {
      List<String> lines =
          new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines().toList();
      assertEquals("ssacounty,fipscounty,state,county", lines.get(0));
      return lines.subList(1, lines.size()).stream().map(l -> l.split(",", 4)).toList();
    }
  }

  /**
   * Every row of the bundled crosswalk agrees with two tables built from other sources: its SSA state
   * (first two digits, by {@link SsaStates}, the SSA/CMS state code table) and its FIPS state (first
   * two digits, by {@code UsState.fips()}, the census table) are both the row's USPS state. And the
   * crosswalk maps every row's SSA code to that row's FIPS code.
   */
  @Test
  void theBundledCrosswalkAgreesWithTheStateTablesOnEveryRow() throws java.io.IOException {
    List<String[]> rows = bundledRows();
    assertEquals(3272, rows.size());
    SsaFipsCrosswalk bundled = SsaFipsCrosswalk.bundled();
    assertEquals(rows.size(), bundled.size());
    for (String[] r : rows) {
      org.mpindex.core.claims.UsState state = org.mpindex.core.claims.UsState.parse(r[2]);
      String where = String.join(",", r);
      assertEquals(Optional.of(state), SsaStates.of(r[0].substring(0, 2)), where);
      assertEquals(state.fips(), r[1].substring(0, 2), where);
      assertEquals(Optional.of(r[1]), bundled.fips(r[0]), where);
    }
    assertTrue(bundled.source().contains("2017"), bundled.source());
    assertTrue(SsaFipsCrosswalk.bundled() == bundled, "read once");
  }

  /**
   * Counties whose FIPS codes are known from the Census Bureau's county list (independent of the
   * crosswalk): the bundled file gives them those codes, Los Angeles under both of its SSA codes.
   */
  @Test
  void wellKnownCountiesGetTheirCensusCodes() throws java.io.IOException {
    Map<String, String> census =
        Map.of(
            "CA,LOS ANGELES", "06037",
            "IL,COOK", "17031",
            "AZ,MARICOPA", "04013",
            "CO,BROOMFIELD", "08014",
            "FL,MIAMI-DADE", "12086",
            "NY,NEW YORK", "36061",
            "MO,ST. LOUIS CITY", "29510",
            "PA,CLEARFIELD", "42033");
    Map<String, Integer> seen = new java.util.HashMap<>();
    for (String[] r : bundledRows()) {
      String fips = census.get(r[2] + "," + r[3]);
      if (fips != null) {
        assertEquals(Optional.of(fips), SsaFipsCrosswalk.bundled().fips(r[0]), String.join(",", r));
        seen.merge(r[2] + "," + r[3], 1, Integer::sum);
      }
    }
    assertEquals(census.keySet(), seen.keySet());
    assertEquals(2, seen.get("CA,LOS ANGELES"));
    // Bedford city, VA (FIPS 51515) merged into Bedford County in 2013: not in the 2017 file
    assertTrue(
        bundledRows().stream().noneMatch(r -> r[1].equals("51515")),
        "Bedford city is gone by 2017");
  }

  static String summaryRow(String header, String id, int ssaState, int ssaCounty) {
    return SynpufEdgeTest.row(
        header,
        Map.of(
            "DESYNPUF_ID",
            id,
            "BENE_BIRTH_DT",
            "19300101",
            "BENE_SEX_IDENT_CD",
            "1",
            "SP_STATE_CODE",
            String.format(java.util.Locale.ROOT, "%02d", ssaState),
            "BENE_COUNTY_CD",
            String.format(java.util.Locale.ROOT, "%03d", ssaCounty),
            "BENE_HI_CVRAGE_TOT_MONS",
            "12",
            "BENE_SMI_CVRAGE_TOT_MONS",
            "12",
            "BENE_HMO_CVRAGE_TOT_MONS",
            "0"));
  }

  /**
   * Any SSA state-and-county codes: by default a resident gets the bundled crosswalk's FIPS code
   * exactly when it maps the code, every other row keeps its SSA key and is counted once as unmapped
   * (mapped + unmapped = rows), and without a crosswalk every row keeps its SSA key, nothing counted.
   */
  @net.jqwik.api.Property(tries = 60)
  void everyResidenceIsMappedOrCountedUnmapped(
      @net.jqwik.api.ForAll @net.jqwik.api.constraints.Size(min = 1, max = 30)
          List<@net.jqwik.api.constraints.IntRange(min = 1, max = 53) Integer> states,
      @net.jqwik.api.ForAll java.util.Random random) {
    String file = "DE1_0_2009_Beneficiary_Summary_File_Sample_1.csv";
    String header = SynpufEdgeTest.header(file);
    StringBuilder text = new StringBuilder(header).append('\n');
    Map<String, String> ssaOf = new java.util.HashMap<>();
    for (int i = 0; i < states.size(); i++) {
      // half the counties from the common SSA numbering (multiples of 10), half anywhere in 0-999
      int county = random.nextBoolean() ? 10 * random.nextInt(100) : random.nextInt(1000);
      text.append(summaryRow(header, "P" + i, states.get(i), county)).append('\n');
      ssaOf.put("P" + i, String.format(java.util.Locale.ROOT, "%02d%03d", states.get(i), county));
    }
    for (boolean withCrosswalk : new boolean[] {true, false}) {
      SynpufBeneficiaryReader reader =
          new SynpufBeneficiaryReader(IngestMode.STRICT, SynpufCoverage.DEFAULT);
      if (!withCrosswalk) {
        reader = reader.withoutCrosswalk();
      }
      List<Object> out = new ArrayList<>();
      IngestTally t =
          reader.read(file, 2009, new StringReader(text.toString()), RecordSink.each(out::add));
      long mapped = 0;
      for (Object o : out) {
        if (o instanceof Beneficiary b) {
          String ssa = ssaOf.get(b.id());
          Optional<String> expected =
              withCrosswalk ? SsaFipsCrosswalk.bundled().fips(ssa) : Optional.empty();
          assertEquals(expected, b.geography().countyFips(), b.id() + " " + ssa);
          assertEquals(Optional.of(ssa), b.geography().countySsa(), b.id());
          assertEquals(
              Optional.of(expected.orElse("SSA" + ssa)), b.geography().countyKey(), b.id());
          mapped += expected.isPresent() ? 1 : 0;
        }
      }
      long unmapped =
          t.snapshot().notes().getOrDefault(SynpufBeneficiaryReader.UNMAPPED_COUNTY, 0L);
      assertEquals(withCrosswalk ? states.size() - mapped : 0, unmapped);
      assertEquals(states.size(), t.snapshot().of(SynpufBeneficiaryReader.ROWS).read());
      assertEquals(states.size(), t.snapshot().of(SynpufBeneficiaryReader.ROWS).accepted());
    }
  }
}
