package org.mpindex.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.mpindex.core.index.ClaimDating;
import org.mpindex.core.index.IngestMode;
import org.mpindex.core.index.IngestTally;
import org.mpindex.core.index.RecordSink;
import org.mpindex.core.text.Csv;
import org.mpindex.core.text.CsvTable;

/**
 * Every reader reads a table of cells ({@link CsvTable#of}, as mpi-spark hands it a partition) as
 * it reads the CSV file holding the same rows: the same records, in the same order, and the same
 * accounting.
 */
class CellTablesTest {
  /** The records a reading gave and its accounting, as text. */
  private static List<String> outcome(List<Object> records, IngestTally tally) {
    List<String> out = new ArrayList<>();
    records.forEach(r -> out.add(r.toString()));
    out.add(tally.snapshot().toString());
    return out;
  }

  /** The file's rows (after the header) split into cells. */
  private static CsvTable cells(String name, List<String> lines) {
    List<List<String>> rows = new ArrayList<>();
    for (String l : lines.subList(1, lines.size())) {
      if (!l.isBlank()) {
        rows.add(Csv.split(l));
      }
    }
    return CsvTable.of(name, Csv.split(lines.get(0)), rows.iterator());
  }

  private static List<String> tidy(org.mpindex.core.spi.RecordKind kind, Path file, boolean grouped)
      throws IOException {
    TidyCsvReader r = new TidyCsvReader(IngestMode.LENIENT, ClaimDating.SERVICE_FROM);
    List<Object> fromFile = new ArrayList<>();
    IngestTally t1 = r.read(file, kind, RecordSink.each(fromFile::add), new IngestTally(), grouped);
    List<Object> fromCells = new ArrayList<>();
    IngestTally t2 =
        r.read(
            cells(file.getFileName().toString(), Files.readAllLines(file)),
            kind,
            RecordSink.each(fromCells::add),
            new IngestTally(),
            grouped);
    List<String> a = outcome(fromFile, t1);
    assertEquals(a, outcome(fromCells, t2));
    return a;
  }

  @Test
  void tidyFilesOfEveryKind() throws IOException {
    Path dir = Files.createTempDirectory("cells");
    Path b = dir.resolve("beneficiaries.csv");
    Files.writeString(
        b,
        """
                         beneficiary_id,birth_date,death_date,sex,state
                         A,1930-01-01,,F,MD
                         B,19xx-01-01,,M,MD
                         C,1931-02-03,2009-05-05,2,ZZ
                         D,1932-01-01,,M,
                         """);
    Path e = dir.resolve("enrollment.csv");
    Files.writeString(
        e,
        """
                         beneficiary_id,start_date,end_date,program
                         A,2008-01-01,2009-12-31,MEDICARE_FFS
                         B,2008-01-01,,MEDICARE_FFS
                         """);
    Path c = dir.resolve("claims.csv");
    Files.writeString(
        c,
        """
                         claim_id,beneficiary_id,from_date,procedure,modifiers,units,code_system,diagnoses
                         C1,A,2008-02-01,99213,,1,icd9,4019|25000
                         C1,A,2008-02-01,99213,,1,icd9,4019|25000
                         C1,A,2008-02-01,27447,51 RT,1,icd9,715.36
                         C2,A,2008-13-01,99213,,,icd9,4019
                         C3,,2008-03-01,99213,,,icd9,4019
                         C4,B,2008-03-01,9921,,x,icd10,E119 XYZ
                         """);
    List<String> people = tidy(TidyCsvReader.BENEFICIARY_ROWS, b, false);
    assertTrue(
        people.get(people.size() - 1).contains("bad date (birth_date)=1"), people.toString());
    tidy(TidyCsvReader.ENROLLMENT_ROWS, e, false);
    List<String> lines = tidy(TidyCsvReader.CLAIM_ROWS, c, false);
    assertTrue(
        lines.get(lines.size() - 1).contains("exact duplicate of an earlier row of the claim=1"),
        lines.toString());
    tidy(TidyCsvReader.CLAIM_ROWS, c, true);
  }

  @Provide
  Arbitrary<String> claimFiles() {
    Arbitrary<String> row =
        net.jqwik.api.Combinators.combine(
                Arbitraries.of("C1", "C2", "C3", ""),
                Arbitraries.of("A", "B", "", "Dé"),
                Arbitraries.of("2008-01-01", "20080202", "2008-02-30", "", "x"),
                Arbitraries.of("99213", "27447", "J1100", "", "9"),
                Arbitraries.of("", "1", "2", "-1", "a"),
                Arbitraries.of("401.9", "4019 496", "250.00|428.0", "", "X99", "\"4019,496\""),
                Arbitraries.of("icd9", "icd10", "", "icd11"))
            .as(
                (claim, bene, day, proc, units, dx, cs) ->
                    claim + "," + bene + "," + day + "," + proc + "," + units + "," + cs + ","
                        + dx);
    return row.list()
        .ofMaxSize(40)
        .map(
            rows ->
                "claim_id,beneficiary_id,from_date,procedure,units,code_system,diagnoses\n"
                    + String.join("\n", rows)
                    + "\n");
  }

  @Property(tries = 300)
  void anyClaimFileReadsAsItsCells(@ForAll("claimFiles") String file) throws IOException {
    Path dir = Files.createTempDirectory("cells");
    Path c = dir.resolve("claims.csv");
    Files.writeString(c, file);
    try {
      tidy(TidyCsvReader.CLAIM_ROWS, c, false);
      tidy(TidyCsvReader.CLAIM_ROWS, c, true);
    } finally {
      Files.delete(c);
      Files.delete(dir);
    }
  }

  private static Path resource(String name, Path dir) throws IOException {
    Path p = dir.resolve(name);
    try (var in = CellTablesTest.class.getResourceAsStream("/synpuf/" + name)) {
      Files.copy(in, p);
    }
    return p;
  }

  @Test
  void deSynpufClaimsAndSummaries() throws IOException {
    Path dir = Files.createTempDirectory("cells-synpuf");
    for (String f :
        List.of(
            "DE1_0_2008_to_2010_Carrier_Claims_Sample_1A.csv",
            "DE1_0_2008_to_2010_Inpatient_Claims_Sample_1.csv",
            "DE1_0_2008_to_2010_Outpatient_Claims_Sample_1.csv")) {
      Path p = resource(f, dir);
      SynpufClaimReader r = new SynpufClaimReader(IngestMode.LENIENT, true);
      List<Object> fromFile = new ArrayList<>();
      IngestTally t1 = r.read(p, RecordSink.each(fromFile::add), new IngestTally());
      List<Object> fromCells = new ArrayList<>();
      // a reader is one dataset (a claim read twice is a duplicate): a fresh one for the second
      // reading
      IngestTally t2 =
          new SynpufClaimReader(IngestMode.LENIENT, true)
              .read(
                  cells(f, Files.readAllLines(p, StandardCharsets.UTF_8)),
                  RecordSink.each(fromCells::add),
                  new IngestTally());
      assertTrue(!fromFile.isEmpty(), f);
      assertEquals(outcome(fromFile, t1), outcome(fromCells, t2), f);
    }
    List<Path> years =
        List.of(
            resource("DE1_0_2008_Beneficiary_Summary_File_Sample_1.csv", dir),
            resource("DE1_0_2009_Beneficiary_Summary_File_Sample_1.csv", dir));
    SynpufBeneficiaryReader r =
        new SynpufBeneficiaryReader(IngestMode.LENIENT, SynpufCoverage.DEFAULT);
    List<Object> fromFile = new ArrayList<>();
    IngestTally t1 = r.read(years, RecordSink.each(fromFile::add), new IngestTally());
    List<Map.Entry<Integer, CsvTable>> tables = new ArrayList<>();
    for (Path y : years) {
      tables.add(
          new AbstractMap.SimpleImmutableEntry<>(
              SynpufBeneficiaryReader.yearOf(y.getFileName().toString()),
              cells(y.getFileName().toString(), Files.readAllLines(y))));
    }
    List<Object> fromCells = new ArrayList<>();
    Iterator<Map.Entry<Integer, CsvTable>> it = tables.iterator();
    IngestTally t2 = r.read(it, RecordSink.each(fromCells::add), new IngestTally());
    assertTrue(fromFile.size() > 4, fromFile.toString());
    assertEquals(outcome(fromFile, t1), outcome(fromCells, t2));
  }
}
