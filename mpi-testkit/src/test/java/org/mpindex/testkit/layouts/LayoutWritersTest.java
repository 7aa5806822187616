package org.mpindex.testkit.layouts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mpindex.core.claims.Beneficiary;
import org.mpindex.core.claims.ClaimLine;
import org.mpindex.core.claims.DiagnosisCode;
import org.mpindex.core.claims.Enrollment;
import org.mpindex.core.claims.Geography;
import org.mpindex.core.claims.PlaceOfService;
import org.mpindex.core.claims.Program;
import org.mpindex.core.claims.Sex;
import org.mpindex.core.claims.UsState;
import org.mpindex.testkit.Population;

/**
 * The rows each layout writer writes for one person, written out by hand from the layout pages
 * ({@code docs/formats/rif.md}, {@code cclf.md}, {@code omop.md}).
 */
class LayoutWritersTest {
  @TempDir Path dir;

  /**
   * Ann, Cook County IL (FIPS 17031, SSA 14141), born 1940-05-10, died 2015-11-20: traditional
   * Medicare January-June 2015, Medicare Advantage July to the end of November; one visit on
   * 2015-03-02, 99213 with modifiers 25 and GT, 2 units, office, with 401.9 and 250.00.
   */
  static Population ann() {
    return new Population(
        List.of(
            new Beneficiary(
                "ANN",
                LocalDate.of(1940, 5, 10),
                Optional.of(LocalDate.of(2015, 11, 20)),
                Sex.FEMALE,
                Geography.of(UsState.IL, "17031", "60601"))),
        List.of(
            Enrollment.of(
                "ANN", LocalDate.of(2015, 1, 1), LocalDate.of(2015, 6, 30), Program.MEDICARE_FFS),
            Enrollment.of(
                "ANN",
                LocalDate.of(2015, 7, 1),
                LocalDate.of(2015, 11, 30),
                Program.MEDICARE_ADVANTAGE)),
        List.of(
            ClaimLine.builder()
                .claimId("V1")
                .beneficiaryId("ANN")
                .serviceFrom(LocalDate.of(2015, 3, 2))
                .procedure("99213")
                .modifier("25")
                .modifier("GT")
                .units(2)
                .placeOfService(PlaceOfService.of("11"))
                .diagnosis(DiagnosisCode.icd9("4019"))
                .diagnosis(DiagnosisCode.icd9("25000"))
                .build()));
  }

  private static List<String> lines(Path file) throws IOException {
    return Files.readAllLines(file);
  }

  @Test
  void tidyWritesOneRowPerRecord() throws IOException {
    List<Path> files = TidyLayout.write(ann(), dir);
    assertEquals(
        List.of(
            "beneficiary_id,birth_date,death_date,sex,state,county_fips,zip5",
            "ANN,1940-05-10,2015-11-20,F,IL,17031,60601"),
        lines(files.get(0)));
    assertEquals(
        List.of(
            "beneficiary_id,start_date,end_date,program,state,county_fips,zip5",
            "ANN,2015-01-01,2015-06-30,MEDICARE_FFS,,,",
            "ANN,2015-07-01,2015-11-30,MEDICARE_ADVANTAGE,,,"),
        lines(files.get(1)));
    assertEquals(
        "V1,ANN,2015-03-02,2015-03-02,professional,99213,25 GT,2,11,icd9,4019|25000",
        lines(files.get(2)).get(1));
  }

  @Test
  void researchFilesFlagEachMonthAndCarryTwoModifiers() throws IOException {
    RifLayout.write(ann(), dir, 2015, 2015);
    List<String> mbsf = lines(dir.resolve("mbsf_2015.csv"));
    // Jan-Jun Part A and B (3) without HMO (0); Jul-Nov Part A and B in an HMO (3, 1); December
    // begins after the death: not covered (0, 0)
    assertEquals(
        "ANN,2015,19400510,20151120,2,14,141,"
            + "3,3,3,3,3,3,3,3,3,3,3,0,"
            + "0,0,0,0,0,0,1,1,1,1,1,0",
        mbsf.get(1));
    List<String> claims = lines(dir.resolve("bcarrier_claims.csv"));
    assertEquals(
        "ANN,V1,20150302,20150302,4019,9,25000,9" + ",,".repeat(10) + ",12345", claims.get(1));
    assertEquals(
        List.of(
            "BENE_ID,CLM_ID,LINE_NUM,HCPCS_CD,HCPCS_1ST_MDFR_CD,HCPCS_2ND_MDFR_CD,LINE_SRVC_CNT,"
                + "LINE_PLACE_OF_SRVC_CD,LINE_PRCSG_IND_CD",
            "ANN,V1,1,99213,25,GT,2,11,A"),
        lines(dir.resolve("bcarrier_line.csv")));
  }

  @Test
  void cclfGivesThePartBStartAndTheDelivery() throws IOException {
    CclfLayout.write(ann(), dir, LocalDate.of(2016, 12, 31));
    assertEquals(
        "ANN,1940-05-10,2,2015-11-20,17,031,60601,2015-01-01,3,2016-12-31",
        lines(dir.resolve("cclf8.csv")).get(1));
    String row = lines(dir.resolve("cclf5.csv")).get(1);
    assertEquals(
        "V1,1,ANN,2015-03-02,2015-03-02,2015-03-02,2015-03-02,11,99213,10.00,A,0,2015-03-02,CTLV1,"
            + "000000000000000002.0000,25,GT,~,~,~,4019,25000"
            + ",~".repeat(10)
            + ",9,2016-12-31",
        row);
    assertEquals(false, Files.exists(dir.resolve("cclf1.csv")), "no institutional claims");
  }

  @Test
  void omopKeepsOneModifierAndNamesEachCodesVocabulary() throws IOException {
    OmopLayout.write(ann(), dir);
    assertEquals(
        "ANN,8532,1940,5,10,1940-05-10T00:00:00,,1", lines(dir.resolve("person.csv")).get(1));
    assertEquals("1,IL,17031,60601", lines(dir.resolve("location.csv")).get(1));
    assertEquals(
        List.of(
            "payer_plan_period_id,person_id,payer_plan_period_start_date,payer_plan_period_end_date,"
                + "payer_concept_id,payer_source_value,plan_source_value",
            "1,ANN,2015-01-01,2015-06-30,0,,Medicare Part B",
            "2,ANN,2015-07-01,2015-11-30,0,,HMO"),
        lines(dir.resolve("payer_plan_period.csv")));
    assertEquals(
        List.of(
            "concept_id,vocabulary_id,concept_code",
            "2000000001,ICD9CM,4019",
            "2000000002,ICD9CM,25000",
            "2000000003,CPT4,99213"),
        lines(dir.resolve("concept.csv")));
    assertEquals(
        "1,ANN,2015-03-02,2015-03-02,V1,99213,2000000003,2,25",
        lines(dir.resolve("procedure_occurrence.csv")).get(1));
  }

  @Test
  void aLineMixingCodeSystemsIsRefusedWhereARowHoldsOneSystem() {
    Population p = ann();
    ClaimLine mixed =
        p.claimLines().get(0).toBuilder().diagnosis(DiagnosisCode.icd10("I10")).build();
    Population withMixed = new Population(p.beneficiaries(), p.enrollments(), List.of(mixed));
    assertThrows(IllegalArgumentException.class, () -> TidyLayout.write(withMixed, dir));
    assertThrows(
        IllegalArgumentException.class,
        () -> CclfLayout.write(withMixed, dir, LocalDate.of(2016, 12, 31)));
  }
}
