package org.mpindex.rbrvs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.mpindex.core.claims.Modifier;
import org.mpindex.core.claims.ProcedureCode;
import org.mpindex.core.index.RecordCounts;
import org.mpindex.core.spi.MalformedRecordException;

/**
 * The reader on real CMS files: every bundled year, the verbatim TXT and CSV fixtures of 2009, 2011
 * and 2013, and the 111 hand-verified values of {@code rvu_values.tsv}. Expected numbers come from
 * the data's README (per-year row counts, distinct codes, rows with work, conversion factors) and the
 * TSV, never from this reader's output.
 */
class RealCmsDataTest {

  static Path cms(String name) {
    try {
      return Path.of(RealCmsDataTest.class.getResource("/cms/" + name).toURI());
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static byte[] bytes(String name) {
    try {
      return Files.readAllBytes(cms(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Per year, from the README's "Per-year facts" table: data rows, distinct HCPCS, rows with work
   * RVU > 0, conversion factor.
   */
  static final Object[][] FACTS = {
    {2009, 14857, 12819, 7717, "36.0666"}, {2011, 15017, 12968, 7855, "25.5217"},
    {2012, 15421, 13400, 7852, "24.6712"}, {2013, 15617, 13621, 7856, "25.0008"},
    {2014, 15866, 13866, 7895, "35.8228"}, {2015, 16083, 14065, 7941, "35.7547"},
    {2016, 16289, 14284, 7987, "35.8043"}, {2017, 16478, 14489, 8028, "35.8887"},
    {2018, 16638, 14665, 8047, "35.9996"}, {2019, 16959, 14954, 8106, "36.0391"},
    {2020, 17236, 15245, 8151, "36.0896"}, {2021, 17327, 15332, 8159, "34.8931"},
    {2022, 17600, 15583, 8180, "34.6062"}, {2023, 18010, 15855, 8180, "33.8872"},
    {2024, 18499, 16324, 8236, "32.7442"}, {2025, 18865, 16647, 8293, "32.3465"},
  };

  @Test
  void everyBundledYearReadsWithTheReadmesCounts() {
    assertEquals(
        List.of(
            2009, 2011, 2012, 2013, 2014, 2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023,
            2024, 2025),
        BundledRvu.years());
    assertEquals("2009, 2011-2025", BundledRvu.describeYears());
    for (Object[] f : FACTS) {
      int year = (Integer) f[0];
      BundledRvu.Entry e = BundledRvu.entries().get(year);
      RvuFileReader.Result strict = BundledRvu.read(e);
      RecordCounts rows = strict.tally().snapshot().of(RvuFileReader.RVU_ROWS);
      assertEquals((int) f[1], rows.read(), year + " rows");
      assertTrue(rows.balanced());
      RvuRelease r = strict.release();
      assertEquals("RVU" + String.format("%02d", year % 100) + "A", r.name());
      assertEquals(java.time.LocalDate.of(year, 1, 1), r.effectiveFrom());
      Set<ProcedureCode> distinct = new HashSet<>();
      long withWork = 0;
      Set<BigDecimal> factors = new HashSet<>();
      for (RvuRecord rec : r.records()) {
        distinct.add(rec.code());
        withWork += rec.workRvu().signum() > 0 ? 1 : 0;
        rec.conversionFactor().ifPresent(factors::add);
      }
      assertEquals((int) f[2], distinct.size(), year + " distinct HCPCS");
      // 2009 holds 3491F twice, identical but for the descriptor: one record, one counted note
      int duplicates = year == 2009 ? 1 : 0;
      assertEquals((int) f[1] - duplicates, r.size(), year + " records");
      assertEquals(
          duplicates == 1 ? Map.of(RvuFileReader.IDENTICAL_DUPLICATES, 1L) : Map.of(),
          Map.copyOf(strict.tally().snapshot().notes()),
          year + " notes");
      assertEquals((int) f[3], withWork, year + " rows with work");
      assertEquals(Set.of(new BigDecimal((String) f[4])), factors, year + " conversion factor");
      // lenient mode reads the same
      RvuFileReader.Result lenient = readBundledLeniently(e);
      assertEquals(r, lenient.release());
    }
  }

  static RvuFileReader.Result readBundledLeniently(BundledRvu.Entry e) {
    try (java.io.BufferedReader in =
        new java.io.BufferedReader(
            new InputStreamReader(
                new java.util.zip.GZIPInputStream(
                    RealCmsDataTest.class.getResourceAsStream(BundledRvu.DIR + e.resource())),
                StandardCharsets.US_ASCII))) {
      return RvuFileReader.lenient()
          .release(e.release(), java.time.LocalDate.of(e.year(), 1, 1))
          .read("x.csv", in);
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }

  @Test
  void theBinaryFormReadsToExactlyTheRecordsOfTheCsv() {
    // the library reads the bundled binaries; the CSVs are the source they are derived from
    for (int year : BundledRvu.years()) {
      assertEquals(
          BundledRvu.readFresh(year, false).records(),
          BundledRvu.readFresh(year, true).records(),
          "" + year);
    }
    assertEquals(BundledRvu.readFresh(2013, false), BundledRvu.release(2013));
  }

  @Test
  void sanityValuesOf99213() {
    // README: work RVU of 99213 is 0.92 in 2009, 0.97 in 2011-2020 and 1.30 in 2021-2025
    ProcedureCode office = ProcedureCode.of("99213");
    for (int year : BundledRvu.years()) {
      BigDecimal expected = new BigDecimal(year == 2009 ? "0.92" : year <= 2020 ? "0.97" : "1.30");
      assertEquals(
          0,
          expected.compareTo(BundledRvu.release(year).global(office).orElseThrow().workRvu()),
          "" + year);
    }
  }

  @Test
  void theHandVerifiedValuesAgreeWithTheBundledReleases() throws IOException {
    List<String> lines = Files.readAllLines(cms("rvu_values.tsv"));
    String[] h = lines.get(0).split("\t", -1);
    Map<String, Integer> col = new TreeMap<>();
    for (int i = 0; i < h.length; i++) {
      col.put(h[i], i);
    }
    int checked = 0;
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split("\t", -1);
      int year = Integer.parseInt(f[col.get("year")]);
      ProcedureCode code = ProcedureCode.of(f[col.get("hcpcs")]);
      String mod = f[col.get("mod")];
      RvuRelease release = BundledRvu.release(year);
      RvuRecord r =
          (mod.isEmpty() ? release.global(code) : release.withModifier(code, Modifier.of(mod)))
              .orElseThrow(() -> new AssertionError(year + " " + code + " " + mod + " missing"));
      String where = year + " " + r.key();
      assertEquals(f[col.get("status")], String.valueOf(r.status().code()), where);
      same(f[col.get("work_rvu")], r.workRvu(), where + " work");
      assertEquals(Integer.parseInt(f[col.get("pctc")]), r.pctcIndicator(), where + " pctc");
      assertEquals(
          f[col.get("glob_days")],
          r.globalDays().map(GlobalDays::code).orElse(""),
          where + " global days");
      assertEquals(
          !f[col.get("not_used_for_medicare")].isEmpty(), r.notUsedForMedicarePayment(), where);
      same(f[col.get("mp_rvu")], r.malpracticeRvu(), where + " mp");
      assertEquals(Integer.parseInt(f[col.get("mult_proc")]), r.multipleProcedure(), where);
      assertEquals(Integer.parseInt(f[col.get("bilat_surg")]), r.bilateral(), where);
      assertEquals(Integer.parseInt(f[col.get("asst_surg")]), r.assistant(), where);
      assertEquals(Integer.parseInt(f[col.get("co_surg")]), r.coSurgery(), where);
      assertEquals(Integer.parseInt(f[col.get("team_surg")]), r.teamSurgery(), where);
      assertEquals(
          f[col.get("endo_base")], r.endoscopicBase().map(ProcedureCode::code).orElse(""), where);
      same(f[col.get("conv_factor")], r.conversionFactor().orElseThrow(), where + " cf");
      // PE "used": the transitioned value in 2009-2012, the only value from 2013
      BigDecimal peUsed = r.transitionedNonFacilityPeRvu().orElse(r.nonFacilityPeRvu());
      same(f[col.get("nonfac_pe_rvu_used")], peUsed, where + " pe");
      if (!f[col.get("nonfac_pe_rvu_fully_implemented")].isEmpty()) {
        same(
            f[col.get("nonfac_pe_rvu_fully_implemented")],
            r.nonFacilityPeRvu(),
            where + " pe fully implemented");
      }
      checked++;
    }
    assertEquals(111, checked);
  }

  static void same(String expected, BigDecimal actual, String where) {
    assertEquals(
        0, new BigDecimal(expected).compareTo(actual), where + ": " + expected + " vs " + actual);
  }

  static RvuRelease fixture(String name, boolean strict) {
    RvuFileReader reader = strict ? RvuFileReader.strict() : RvuFileReader.lenient();
    return reader.read(cms(name)).release();
  }

  @Property(tries = 30)
  void txtAndCsvOfTheSameReleaseReadToEqualRecords(@ForAll @IntRange(min = 0, max = 2) int pick) {
    String year = new String[] {"09", "11", "13"}[pick];
    RvuRelease csv = fixture("PPRRVU" + year + "_RVU" + year + "A_subset.csv", true);
    RvuRelease txt = fixture("PPRRVU" + year + "_RVU" + year + "A_subset.txt", true);
    assertTrue(csv.size() >= 86, "the fixtures hold 86-95 records");
    assertEquals(csv.records(), txt.records());
    assertEquals(csv.name(), txt.name());
  }

  @Test
  void txtFilesAreChosenByRecordLength() {
    RvuFileReader.Result r09 = RvuFileReader.strict().read(cms("PPRRVU09_RVU09A_subset.txt"));
    // 7 HDR lines and the trailing 0x1A are not data; 95 records
    assertEquals(
        new RecordCounts(95, 95, new TreeMap<>()),
        r09.tally().snapshot().of(RvuFileReader.RVU_ROWS));
    assertEquals(7L, r09.tally().snapshot().notes().get(RvuFileReader.NON_DATA_LINES));
    // a 2013 record (171 characters) in a file named for 2011 is still read with the 2013 layout
    String text = new String(bytes("PPRRVU13_RVU13A_subset.txt"), RvuFileReader.CMS_CHARSET);
    RvuRelease as2011 =
        RvuFileReader.strict().read("PPRRVU11.txt", new StringReader(text)).release();
    assertEquals(fixture("PPRRVU13_RVU13A_subset.csv", true).records(), as2011.records());
  }

  @Test
  void txtQuirksOfRealFiles() {
    String text = new String(bytes("PPRRVU13_RVU13A_subset.txt"), RvuFileReader.CMS_CHARSET);
    List<String> lines = new ArrayList<>(List.of(text.split("\r\n", -1)));
    // the 2014 file breaks its sixth HDR line in two; the second half starts with a blank
    lines.add(6, " AMERICAN DENTAL ASSOCIATION.  ALL RIGH");
    // a cp1252 right quote (0x92) in the descriptor columns 8-57 of the first record
    String first = lines.get(8);
    lines.set(8, first.substring(0, 10) + "\u2019" + first.substring(11));
    byte[] cp1252 = String.join("\r\n", lines).getBytes(RvuFileReader.CMS_CHARSET);
    assertEquals((byte) 0x92, cp1252[indexOf(cp1252, (byte) 0x92)]);
    RvuFileReader.Result r =
        RvuFileReader.strict()
            .read(
                "PPRRVU14.txt",
                new InputStreamReader(new ByteArrayInputStream(cp1252), RvuFileReader.CMS_CHARSET));
    assertEquals(fixture("PPRRVU13_RVU13A_subset.csv", true).records(), r.release().records());
    assertEquals(8L, r.tally().snapshot().notes().get(RvuFileReader.NON_DATA_LINES));
  }

  static int indexOf(byte[] b, byte x) {
    for (int i = 0; i < b.length; i++) {
      if (b[i] == x) {
        return i;
      }
    }
    return -1;
  }

  @Test
  void aRecordOfTheWrongLengthIsRejectedNamingIt() {
    String text = new String(bytes("PPRRVU13_RVU13A_subset.txt"), RvuFileReader.CMS_CHARSET);
    List<String> lines = new ArrayList<>(List.of(text.split("\r\n", -1)));
    lines.set(9, lines.get(9) + "XYZ"); // 174 characters
    MalformedRecordException e =
        assertThrows(
            MalformedRecordException.class,
            () ->
                RvuFileReader.strict()
                    .read("PPRRVU13.txt", new StringReader(String.join("\r\n", lines))));
    assertEquals(
        "PPRRVU13.txt:10: record of 174 characters; layout CMS 2013+ TXT (RVUPUF13-RVUPUF25) has 171",
        e.getMessage());
    RvuFileReader.Result lenient =
        RvuFileReader.lenient().read("PPRRVU13.txt", new StringReader(String.join("\r\n", lines)));
    assertEquals(
        Map.of("wrong record length", 1L),
        lenient.tally().snapshot().of(RvuFileReader.RVU_ROWS).rejected());
  }

  @Test
  void duplicateRows() {
    String csv =
        "HCPCS,MOD,DESCRIPTION,STATUS CODE,WORK RVU\n"
            + "3491F,,first descriptor,I,0.00\n"
            + "3491F,,second descriptor,I,0.00\n" // identical in every field read: one record,
            // noted
            + "99213,,,A,0.92\n"
            + "99213,,,A,0.93\n"; // differs: an error naming both lines
    MalformedRecordException e =
        assertThrows(
            MalformedRecordException.class,
            () -> RvuFileReader.strict().read("PPRRVU09.csv", new StringReader(csv)));
    assertEquals(
        "PPRRVU09.csv:5: column HCPCS: a second row for 99213 that differs from the row on line 4",
        e.getMessage());
    RvuFileReader.Result lenient =
        RvuFileReader.lenient().read("PPRRVU09.csv", new StringReader(csv));
    assertEquals(
        new RecordCounts(
            4, 3, new TreeMap<>(Map.of(RvuFileReader.CONFLICTING_DUPLICATE.text(), 1L))),
        lenient.tally().snapshot().of(RvuFileReader.RVU_ROWS));
    assertEquals(1L, lenient.tally().snapshot().notes().get(RvuFileReader.IDENTICAL_DUPLICATES));
    // the first row is kept
    assertEquals(
        0,
        new BigDecimal("0.92")
            .compareTo(
                lenient.release().global(ProcedureCode.of("99213")).orElseThrow().workRvu()));
    assertEquals(2, lenient.release().size());
  }

  @Test
  void csvQuirks() {
    // 2017's CSV went through a spreadsheet: 00100 became 100, 090 became 90, 0.10 became 0.1; the
    // files end with a row whose code cell is the DOS end-of-file byte 0x1A
    String csv =
        """
                 HCPCS,MOD,DESCRIPTION,STATUS CODE,WORK RVU,GLOB DAYS,PRE OP,INTRA OP,POST OP
                 100,,,J,0,XXX,0,0,0
                 27447,,,A,20.72,90,0.1,0.69,0.21
                 \u001a,,,,,,,,
                 """;
    RvuFileReader.Result r =
        RvuFileReader.strict().read("PPRRVU17_V1219.csv", new StringReader(csv));
    assertTrue(r.release().global(ProcedureCode.of("00100")).isPresent());
    RvuRecord knee = r.release().global(ProcedureCode.of("27447")).orElseThrow();
    assertEquals(Optional.of(GlobalDays.NINETY), knee.globalDays());
    same("0.10", knee.preOperative(), "pre-op");
    assertEquals(2L, r.tally().snapshot().notes().get(RvuFileReader.LEADING_ZEROS));
    assertEquals(1L, r.tally().snapshot().notes().get(RvuFileReader.NON_DATA_LINES));
    assertEquals(2, r.tally().snapshot().of(RvuFileReader.RVU_ROWS).read());
  }

  @Test
  void blankWorkAndImplausibleValues() {
    String csv =
        "HCPCS,MOD,DESCRIPTION,STATUS CODE,WORK RVU\n99213,,,A,NA\n99214,,,A,\n99215,,,A,1E+30\n";
    RvuFileReader.Result r = RvuFileReader.lenient().read("PPRRVU09.csv", new StringReader(csv));
    assertEquals(2L, r.tally().snapshot().notes().get(RvuFileReader.BLANK_WORK));
    assertEquals(
        Map.of("number out of range", 1L),
        r.tally().snapshot().of(RvuFileReader.RVU_ROWS).rejected());
    MalformedRecordException e =
        assertThrows(
            MalformedRecordException.class,
            () -> RvuFileReader.strict().read("PPRRVU09.csv", new StringReader(csv)));
    assertEquals(
        "PPRRVU09.csv:4: column WORK RVU: '1E+30' is above 100000: not an RVU value",
        e.getMessage());
    assertFalse(r.release().global(ProcedureCode.of("99215")).isPresent());
  }
}
