package org.mpindex.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mpindex.cli.CliTestSupport.fixture;
import static org.mpindex.cli.CliTestSupport.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One input pipeline (issue 26): {@code --input} files and folders told by their headers read the
 * same records as the role flags, {@code mpi inspect} says which layout a folder makes, and a
 * missing table is one line naming it.
 */
class InputLayoutsCliTest {
  @TempDir Path dir;

  /** A folder holding copies of the e2e fixture's files {@code names}, under other names. */
  Path folder(String... names) throws IOException {
    Path d = Files.createDirectories(dir.resolve("in"));
    int k = 0;
    for (String n : names) {
      Files.copy(Path.of(fixture(n)), d.resolve("export-" + k + ".csv"));
      k++;
    }
    return d;
  }

  static String read(Path p) throws IOException {
    return Files.readString(p);
  }

  @Test
  void aTidyFolderGivesWhatTheRoleFlagsGive() throws IOException {
    Path byRole = dir.resolve("by-role");
    assertEquals(0, run(CliTestSupport.e2eTidy(byRole, Path.of(fixture("claims.csv")))).code());
    Path in = folder("claims.csv", "enrollment.csv", "beneficiaries.csv");
    Files.writeString(in.resolve("README.txt"), "exported 2026-12-01\n");
    Path byInput = dir.resolve("by-input");
    CliTestSupport.Outcome o =
        run(
            "compute",
            "--format",
            "tidy",
            "--input",
            in.toString(),
            "--rvu",
            fixture("PPRRVU08.csv"),
            "--study-period",
            "2008-01-01..2008-12-31",
            "--min-eligible",
            "3",
            "--min-cell-size",
            "1",
            "--out",
            byInput.toString());
    assertEquals(0, o.code(), o.err());
    for (String f : List.of("series.csv", "groups.csv")) {
      assertEquals(read(byRole.resolve(f)), read(byInput.resolve(f)), f);
    }
    // the folder's other file is said, in the accounting, not read
    assertTrue(
        read(byInput.resolve("spec.txt"))
            .contains("--input: README.txt not read (none of the tidy tables)"),
        read(byInput.resolve("spec.txt")));
  }

  @Test
  void aDeSynpufFolderGivesWhatTheRoleFlagsGive() throws IOException {
    String[] files = {
      "DE1_0_2008_Beneficiary_Summary_File_Sample_1.csv",
      "DE1_0_2009_Beneficiary_Summary_File_Sample_1.csv",
      "DE1_0_2008_to_2010_Carrier_Claims_Sample_1A.csv",
      "DE1_0_2008_to_2010_Outpatient_Claims_Sample_1.csv",
      "DE1_0_2008_to_2010_Inpatient_Claims_Sample_1.csv"
    };
    Path in = Files.createDirectories(dir.resolve("synpuf"));
    for (String f : files) {
      Files.copy(Path.of(fixture(f)), in.resolve(f)); // summary files keep their names: the years
    }
    List<String> common =
        List.of("--rvu", fixture("PPRRVU08.csv"), fixture("PPRRVU09.csv"), "--min-cell-size", "1");
    Path byRole = dir.resolve("a");
    List<String> a =
        new java.util.ArrayList<>(
            List.of(
                "compute",
                "--format",
                "desynpuf",
                "--beneficiaries",
                fixture(files[0]),
                fixture(files[1]),
                "--claims",
                fixture(files[2]),
                fixture(files[3]),
                fixture(files[4]),
                "--out",
                byRole.toString()));
    a.addAll(common);
    assertEquals(0, run(a.toArray(new String[0])).code());
    Path byInput = dir.resolve("b");
    List<String> b =
        new java.util.ArrayList<>(
            List.of(
                "compute",
                "--format",
                "desynpuf",
                "--input",
                in.toString(),
                "--out",
                byInput.toString()));
    b.addAll(common);
    CliTestSupport.Outcome o = run(b.toArray(new String[0]));
    assertEquals(0, o.code(), o.err());
    for (String f : List.of("series.csv", "groups.csv")) {
      assertEquals(read(byRole.resolve(f)), read(byInput.resolve(f)), f);
    }
    // the study period is still the summary files' years
    assertTrue(
        read(byInput.resolve("spec.txt")).contains("the years of the DE-SynPUF summary files"));
  }

  /**
   * Every layout tells the run when each claims file is read: an empty claims table of an OMOP
   * export (ETL-CMS's measurement.csv holds a header and no row) is said, a people table is not.
   */
  @Test
  void anEmptyClaimsTableOfAnyLayoutIsSaid() throws IOException {
    Path omop =
        DocumentedCommandsTest.root()
            .resolve("mpi-io/src/test/resources/fixtures/omop/etl-cms/omop");
    Path out = dir.resolve("omop-out");
    CliTestSupport.Outcome o =
        run(
            "compute",
            "--format",
            "omop",
            "--input",
            omop.toString(),
            "--rvu-year-fallback",
            "nearest",
            "--out",
            out.toString());
    assertEquals(0, o.code(), o.err());
    String spec = read(out.resolve("spec.txt"));
    assertTrue(spec.contains("measurement.csv: header only, no claim rows"), spec);
    assertTrue(!spec.contains("death.csv: header only"), spec);
  }

  @Test
  void aMissingTableIsOneLineNamingIt() throws IOException {
    Path in = folder("claims.csv", "beneficiaries.csv");
    CliTestSupport.Outcome o =
        run(
            "compute",
            "--format",
            "tidy",
            "--input",
            in.toString(),
            "--out",
            dir.resolve("o").toString());
    assertEquals(2, o.code(), o.err());
    assertEquals(
        "mpi compute: --format tidy: missing the enrollment table (a header with beneficiary_id,"
            + " start_date, end_date, program)\n",
        o.err());
  }

  @Test
  void inputAndRoleFlagsTogetherAreAUsageError() throws IOException {
    Path in = folder("claims.csv", "beneficiaries.csv", "enrollment.csv");
    CliTestSupport.Outcome o =
        run(
            "compute",
            "--format",
            "tidy",
            "--input",
            in.toString(),
            "--claims",
            fixture("claims.csv"),
            "--out",
            dir.resolve("o").toString());
    assertEquals(2, o.code(), o.err());
    assertTrue(o.err().contains("either with --input or with --beneficiaries"), o.err());
  }

  @Test
  void inspectSaysTheLayoutTheTablesTheirRowsAndDates() throws IOException {
    Path in = folder("claims.csv", "enrollment.csv", "beneficiaries.csv");
    CliTestSupport.Outcome o = run("inspect", in.toString());
    assertEquals(0, o.code(), o.err());
    List<String> lines = o.out().lines().toList();
    assertTrue(lines.get(0).startsWith("3 files; layout tidy: "), lines.get(0));
    // claims.csv of the e2e fixture: 12 rows after its header, services 2008-01-10 .. 2008-11-02
    assertTrue(
        lines.contains(
            "  claims: "
                + in.resolve("export-0.csv")
                + ", 12 rows, from_date 2008-01-10..2008-11-02, through_date 2008-01-10..2008-11-02"),
        o.out());
    assertEquals(
        "read with: mpi compute --format tidy --input " + in + " --out OUT",
        lines.get(lines.size() - 1));
  }

  @Test
  void inspectOfAnIncompleteFolderSaysWhatIsMissing() throws IOException {
    Path in = folder("claims.csv");
    CliTestSupport.Outcome o = run("inspect", in.toString());
    assertEquals(2, o.code(), o.err());
    assertTrue(
        o.err()
            .startsWith(
                "mpi inspect: no layout has every table it needs; nearest, tidy, is missing the beneficiaries table"),
        o.err());
    assertEquals(1, o.err().lines().count());
  }

  @Test
  void anOptionOfAnotherLayoutIsRefusedNamingTheLayoutsThatHaveIt() {
    CliTestSupport.Outcome o =
        run(
            CliTestSupport.e2eTidy(
                dir.resolve("o"), Path.of(fixture("claims.csv")), "--denied-lines", "effort"));
    assertEquals(2, o.code(), o.err());
    assertTrue(o.err().startsWith("mpi compute: --denied-lines is about desynpuf"), o.err());
    assertTrue(o.err().contains("not tidy"), o.err());
  }
}
