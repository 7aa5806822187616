package org.mpindex.io.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files told by their headers, one layout's tables assigned, missing tables named in one line. */
class InputDetectionTest {
  @TempDir Path dir;

  static final String BENEFICIARIES = "beneficiary_id,birth_date,sex\nA,1940-01-01,F\n";
  static final String ENROLLMENT =
      "beneficiary_id,start_date,end_date,program\nA,2008-01-01,2008-12-31,MEDICARE_FFS\n";
  static final String CLAIMS =
      "claim_id,beneficiary_id,from_date,procedure\nC1,A,2008-02-01,99213\n";

  Path write(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }

  @Test
  void aFolderOfTidyFilesIsToldByHeadersWhateverTheNames() throws IOException {
    // names say nothing: the headers do
    Path c = write("x1.csv", CLAIMS);
    Path b = write("x2.csv", BENEFICIARIES);
    Path e = write("x3.txt", ENROLLMENT);
    Path readme = write("README.md", "# my export\n");
    write(".hidden.csv", BENEFICIARIES);
    InputDetection.Assignment a = InputDetection.assign(new TidyFormat(), List.of(dir));
    assertEquals(List.of(b), a.files().of("beneficiaries"));
    assertEquals(List.of(e), a.files().of("enrollment"));
    assertEquals(List.of(c), a.files().of("claims"));
    assertEquals(Set.of(readme), a.ignored().keySet(), "the README is listed, not read");
  }

  @Test
  void aPipeSeparatedFileIsToldToo() throws IOException {
    Path b = write("b.txt", BENEFICIARIES.replace(',', '|'));
    assertEquals("beneficiaries", InputDetection.tableOf(new TidyFormat(), b).orElseThrow().name());
  }

  @Test
  void aFileGivenOnItsOwnThatIsNoTableIsAnErrorNamingIt() throws IOException {
    Path b = write("b.csv", BENEFICIARIES);
    Path e = write("e.csv", ENROLLMENT);
    Path odd = write("odd.csv", "a,b,c\n1,2,3\n");
    InputLayoutException x =
        assertThrows(
            InputLayoutException.class,
            () -> InputDetection.assign(new TidyFormat(), List.of(b, e, odd)));
    assertEquals(
        odd
            + " is none of the tidy tables (beneficiaries, enrollment, claims); its header is a,b,c",
        x.getMessage());
  }

  @Test
  void everyMissingTableIsNamedWithTheColumnsThatTellIt() throws IOException {
    Path c = write("c.csv", CLAIMS);
    InputLayoutException x =
        assertThrows(
            InputLayoutException.class, () -> InputDetection.assign(new TidyFormat(), List.of(c)));
    assertEquals(
        "--format tidy: missing the beneficiaries table (a header with beneficiary_id, birth_date,"
            + " sex); the enrollment table (a header with beneficiary_id, start_date, end_date,"
            + " program)",
        x.getMessage());
    assertTrue(x.getMessage().lines().count() == 1);
  }

  @Test
  void deSynpufClaimKindsAreToldApartInpatientFirst() throws IOException {
    String common =
        "DESYNPUF_ID,CLM_ID,SEGMENT,CLM_FROM_DT,CLM_THRU_DT,ADMTNG_ICD9_DGNS_CD,ICD9_DGNS_CD_1,HCPCS_CD_1";
    Path inpatient = write("i.csv", common + ",CLM_DRG_CD\n");
    Path outpatient = write("o.csv", common + "\n");
    Path carrier = write("c.csv", "DESYNPUF_ID,CLM_ID,LINE_ICD9_DGNS_CD_1,HCPCS_CD_1\n");
    DesynpufFormat f = new DesynpufFormat();
    assertEquals("inpatient claims", InputDetection.tableOf(f, inpatient).orElseThrow().name());
    assertEquals("outpatient claims", InputDetection.tableOf(f, outpatient).orElseThrow().name());
    assertEquals("carrier claims", InputDetection.tableOf(f, carrier).orElseThrow().name());
  }

  @Test
  void byRoleTakesTheOnlyTableOfARoleSoItsReaderNamesWhatIsMissing() throws IOException {
    // a beneficiaries file without its sex column is still the beneficiaries table: the reader then
    // says "no column sex", naming the file and line
    Path b = write("b.csv", "beneficiary_id,birth_date\nA,1940-01-01\n");
    Path e = write("e.csv", ENROLLMENT);
    Path c = write("c.csv", CLAIMS);
    InputFiles files =
        InputDetection.byRole(
            new TidyFormat(),
            Map.of(
                InputTable.Role.PEOPLE, List.of(b),
                InputTable.Role.COVERAGE, List.of(e),
                InputTable.Role.CLAIMS, List.of(c)));
    assertEquals(List.of(b), files.of("beneficiaries"));
  }

  @Test
  void aDeSynpufRunNeedsAClaimsFileOfSomeKind() throws IOException {
    Path summary =
        write(
            "DE1_0_2008_Beneficiary_Summary_File_Sample_1.csv",
            "DESYNPUF_ID,BENE_BIRTH_DT,BENE_SMI_CVRAGE_TOT_MONS\n");
    InputLayoutException x =
        assertThrows(
            InputLayoutException.class,
            () -> InputDetection.assign(new DesynpufFormat(), List.of(summary)));
    assertEquals(
        "--format desynpuf: missing a claims file (carrier claims, inpatient claims, outpatient"
            + " claims)",
        x.getMessage());
  }

  /** The order files are given in changes no file's table. */
  @Property(tries = 30)
  void theOrderOfTheFilesChangesNoAssignment(@ForAll @IntRange(min = 0, max = 1000) int seed)
      throws IOException {
    Path d = Files.createTempDirectory("mpi-detect");
    List<Path> files = new ArrayList<>();
    for (int k = 0; k < 3; k++) {
      files.add(Files.writeString(d.resolve("b" + k + ".csv"), BENEFICIARIES));
      files.add(Files.writeString(d.resolve("e" + k + ".csv"), ENROLLMENT));
      files.add(Files.writeString(d.resolve("c" + k + ".csv"), CLAIMS));
    }
    InputFiles sorted = InputDetection.assign(new TidyFormat(), files).files();
    List<Path> shuffled = new ArrayList<>(files);
    Collections.shuffle(shuffled, new java.util.Random(seed));
    InputFiles other = InputDetection.assign(new TidyFormat(), shuffled).files();
    for (InputTable t : new TidyFormat().tables()) {
      assertEquals(Set.copyOf(sorted.of(t.name())), Set.copyOf(other.of(t.name())), t.name());
      assertEquals(3, other.of(t.name()).size());
    }
  }
}
