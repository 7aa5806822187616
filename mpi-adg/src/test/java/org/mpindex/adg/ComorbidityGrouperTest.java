package org.mpindex.adg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mpindex.core.claims.CodeSystem;
import org.mpindex.core.claims.DiagnosisCode;
import org.mpindex.core.index.IngestTally;

class ComorbidityGrouperTest {

  static Set<String> categories(ComorbidityGrouper g, long bits) {
    Set<String> s = new TreeSet<>();
    for (int i = 0; i < g.categoryNames().size(); i++) {
      if ((bits & (1L << i)) != 0) {
        s.add(g.categoryNames().get(i));
      }
    }
    return s;
  }

  static Set<String> of(ComorbidityGrouper g, CodeSystem system, String code) {
    return categories(g, g.categoriesOf(DiagnosisCode.of(system, code)));
  }

  static Stream<Arguments> everyCategory() throws IOException {
    List<Arguments> rows = new ArrayList<>();
    try (BufferedReader r =
        new BufferedReader(
            new InputStreamReader(
                ComorbidityGrouperTest.class.getResourceAsStream("/quan2005_examples.csv"),
                StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        if (!line.startsWith("#")) {
          String[] c = line.split(",", -1);
          rows.add(Arguments.of(c[0], c[1], c[2], c[3]));
        }
      }
    }
    return rows.stream();
  }

  @ParameterizedTest(name = "{0} {1} {2} -> {3}")
  @MethodSource("everyCategory")
  void everyCategoryOfBothGroupersInBothSystems(
      String index, String system, String code, String expected) {
    ComorbidityGrouper g = ComorbidityGrouper.of(ComorbidityIndex.parse(index), false);
    assertEquals(
        new TreeSet<>(Arrays.asList(expected.split("\\|"))), of(g, CodeSystem.parse(system), code));
  }

  @Test
  void examplesCoverEveryCategory() throws IOException {
    Set<String> seen = new TreeSet<>();
    everyCategory().forEach(a -> seen.add(a.get()[0] + "/" + a.get()[1] + "/" + a.get()[3]));
    assertEquals(2 * 31 + 2 * 17, seen.size());
    assertEquals(31, ComorbidityGrouper.elixhauser().categoryNames().size());
    assertEquals(17, ComorbidityGrouper.charlson().categoryNames().size());
  }

  @Test
  void overlappingPrefixesGiveSeveralCategories() {
    ComorbidityGrouper e = ComorbidityGrouper.elixhauser();
    // ICD-9 404.03 hypertensive heart and chronic kidney disease with heart failure: in the chf
    // list
    // (40403), the renal failure list (40403) and complicated hypertension (404)
    assertEquals(Set.of("chf", "rf", "hypc"), of(e, CodeSystem.ICD9CM, "404.03"));
    // ICD-9 425.5 alcoholic cardiomyopathy: chf (4255) and alcohol (4255)
    assertEquals(Set.of("chf", "alcohol"), of(e, CodeSystem.ICD9CM, "425.5"));
    // ICD-10 I42.6 alcoholic cardiomyopathy: chf (I426) and alcohol (I426)
    assertEquals(Set.of("chf", "alcohol"), of(e, CodeSystem.ICD10CM, "I42.6"));
    // Charlson ICD-10 K70.3 alcoholic cirrhosis: mild liver disease (K703)
    assertEquals(Set.of("mld"), of(ComorbidityGrouper.charlson(), CodeSystem.ICD10CM, "K70.3"));
  }

  @Test
  void dottedUndottedCaseAndSpacesAreTheSameCode() {
    ComorbidityGrouper e = ComorbidityGrouper.elixhauser();
    assertEquals(Set.of("diabc"), of(e, CodeSystem.ICD9CM, "250.40"));
    assertEquals(Set.of("diabc"), of(e, CodeSystem.ICD9CM, "25040"));
    assertEquals(Set.of("diabc"), of(e, CodeSystem.ICD9CM, " 250.4 0 "));
    assertEquals(Set.of("chf"), of(e, CodeSystem.ICD10CM, "i50.9"));
  }

  @Test
  void theSameStringInTwoSystems() {
    ComorbidityGrouper e = ComorbidityGrouper.elixhauser();
    // "E119": ICD-10-CM E11.9 type 2 diabetes (diabunc); as ICD-9-CM it is an E code shape in no
    // list
    assertEquals(Set.of("diabunc"), of(e, CodeSystem.ICD10CM, "E119"));
    assertEquals(Set.of(), of(e, CodeSystem.ICD9CM, "E119"));
    // "V434": ICD-9-CM V43.4 blood vessel replaced (pvd); ICD-10-CM V43.4 is a car-occupant injury
    assertEquals(Set.of("pvd"), of(e, CodeSystem.ICD9CM, "V434"));
    assertEquals(Set.of(), of(e, CodeSystem.ICD10CM, "V434"));
  }

  @Test
  void aCodeShorterThanAPrefixDoesNotMatchIt() {
    ComorbidityGrouper e = ComorbidityGrouper.elixhauser();
    // ICD-9 diabetes lists start at 4 characters (2500..2509): the category 250 alone matches
    // neither
    assertEquals(Set.of(), of(e, CodeSystem.ICD9CM, "250"));
    assertEquals(Set.of("diabunc"), of(e, CodeSystem.ICD9CM, "2500"));
  }

  @Test
  void invalidCodesAreCountedNeverMatched() {
    ComorbidityGrouper e = ComorbidityGrouper.elixhauser();
    IngestTally t = new IngestTally();
    assertEquals(0, e.categoriesOf(CodeSystem.ICD9CM, "428.0.1", t));
    assertEquals(0, e.categoriesOf(CodeSystem.ICD10CM, "I5", t));
    assertEquals(
        1L << e.categoryNames().indexOf("chf"), e.categoriesOf(CodeSystem.ICD9CM, "428.0", t));
    assertEquals(
        java.util.Map.of("invalid ICD-9-CM 428.0.1", 1L, "invalid ICD-10-CM I5", 1L),
        t.snapshot().unknownCodes());
  }

  @Test
  void hierarchyDropsTheMilderCategory() {
    ComorbidityGrouper flat = ComorbidityGrouper.elixhauser();
    ComorbidityGrouper h = ComorbidityGrouper.of(ComorbidityIndex.ELIXHAUSER, true);
    long both =
        flat.categoriesOf(DiagnosisCode.icd9("2500"))
            | flat.categoriesOf(DiagnosisCode.icd9("2504"))
            | flat.categoriesOf(DiagnosisCode.icd9("1749"))
            | flat.categoriesOf(DiagnosisCode.icd9("1970"))
            | flat.categoriesOf(DiagnosisCode.icd9("4019"))
            | flat.categoriesOf(DiagnosisCode.icd9("4030"));
    assertEquals(
        Set.of("diabunc", "diabc", "solidtum", "metacanc", "hypunc", "hypc"),
        categories(flat, both));
    assertEquals(both, flat.applyHierarchy(both));
    assertEquals(Set.of("diabc", "metacanc", "hypc"), categories(h, h.applyHierarchy(both)));

    ComorbidityGrouper ch = ComorbidityGrouper.of(ComorbidityIndex.CHARLSON, true);
    long c =
        ch.categoriesOf(DiagnosisCode.icd10("E11.9"))
            | ch.categoriesOf(DiagnosisCode.icd10("E11.2"))
            | ch.categoriesOf(DiagnosisCode.icd10("C50.9"))
            | ch.categoriesOf(DiagnosisCode.icd10("C78.0"))
            | ch.categoriesOf(DiagnosisCode.icd10("K74.6"))
            | ch.categoriesOf(DiagnosisCode.icd10("I85.0"));
    assertEquals(Set.of("diab", "diabwc", "canc", "metacanc", "mld", "msld"), categories(ch, c));
    assertEquals(Set.of("diabwc", "metacanc", "msld"), categories(ch, ch.applyHierarchy(c)));
    assertTrue(h.describe().contains("hierarchy on"));
    assertTrue(
        ComorbidityGrouper.of(ComorbidityIndex.ELIXHAUSER, true) == h, "instances are shared");
  }

  @Test
  void weightedScores() {
    ComorbidityGrouper ch = ComorbidityGrouper.charlson();
    long bits = bits(ch, "mi", "chf", "pud");
    // Charlson 1987: 1 + 1 + 1 = 3; Quan 2011: 0 + 2 + 0 = 2
    assertEquals(3, ch.score(bits, Weights.CHARLSON_1987));
    assertEquals(2, ch.score(bits, Weights.QUAN_2011));
    // metastatic + AIDS: 1987 6 + 6 = 12; 2011 6 + 4 = 10
    assertEquals(12, ch.score(bits(ch, "metacanc", "aids"), Weights.CHARLSON_1987));
    assertEquals(10, ch.score(bits(ch, "metacanc", "aids"), Weights.QUAN_2011));
    ComorbidityGrouper el = ComorbidityGrouper.elixhauser();
    // van Walraven: chf 7, obesity -4, drug abuse -7 = -4
    assertEquals(-4, el.score(bits(el, "chf", "obes", "drug"), Weights.VAN_WALRAVEN_2009));
    assertThrows(IllegalArgumentException.class, () -> el.score(0, Weights.QUAN_2011));
    // with hierarchy the dropped category does not score: diab (1) + diabwc (2) -> diabwc only = 2
    ComorbidityGrouper chh = ComorbidityGrouper.of(ComorbidityIndex.CHARLSON, true);
    assertEquals(2, chh.score(bits(chh, "diab", "diabwc"), Weights.CHARLSON_1987));
  }

  static long bits(ComorbidityGrouper g, String... keys) {
    long b = 0;
    for (String k : keys) {
      int i = g.categoryNames().indexOf(k);
      assertTrue(i >= 0, k);
      b |= 1L << i;
    }
    return b;
  }
}
