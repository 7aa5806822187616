package org.mpindex.core.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class DiagnosisCodeProperties {

  @Provide
  Arbitrary<String> icd10Strings() {
    return Combinators.combine(
            Arbitraries.chars().range('A', 'Z'),
            Arbitraries.chars().range('0', '9'),
            Arbitraries.strings()
                .withCharRange('0', '9')
                .withCharRange('A', 'Z')
                .ofMinLength(1)
                .ofMaxLength(5))
        .as((a, b, r) -> "" + a + b + r);
  }

  @Provide
  Arbitrary<String> anyStrings() {
    return Arbitraries.strings().withCharRange(' ', 'z').ofMaxLength(9);
  }

  @Property
  void dottedFormParsesBackToTheSameCode(@ForAll("icd10Strings") String s) {
    DiagnosisCode c = DiagnosisCode.icd10(s);
    assertEquals(c, DiagnosisCode.icd10(c.dotted()));
    assertEquals(c, DiagnosisCode.icd10(c.dotted().toLowerCase(java.util.Locale.ROOT)));
    assertEquals(c, DiagnosisCode.icd10(" " + c.code() + " "));
  }

  @Property
  void anyInputEitherParsesOrThrowsTheTypedException(
      @ForAll("anyStrings") String s, @ForAll CodeSystem system) {
    boolean valid = DiagnosisCode.isValid(system, s);
    assertEquals(valid, DiagnosisCode.tryParse(system, s).isPresent());
    try {
      DiagnosisCode c = DiagnosisCode.of(system, s);
      assertTrue(valid);
      // normalised: upper case letters and digits only
      assertTrue(
          c.code().chars().allMatch(ch -> (ch >= '0' && ch <= '9') || (ch >= 'A' && ch <= 'Z')),
          c.code());
    } catch (InvalidValueException e) {
      assertTrue(!valid && e.getMessage().contains("'" + s + "'"), e.getMessage());
    }
  }

  @Property
  void icd9NumericCodesOfThreeToFiveDigitsAreValid(@ForAll("digitStrings") String digits) {
    DiagnosisCode c = DiagnosisCode.icd9(digits);
    assertEquals(digits, c.code());
    assertEquals(c, DiagnosisCode.icd9(c.dotted()));
  }

  @Provide
  Arbitrary<String> digitStrings() {
    return Arbitraries.strings().withCharRange('0', '9').ofMinLength(3).ofMaxLength(5);
  }
}
