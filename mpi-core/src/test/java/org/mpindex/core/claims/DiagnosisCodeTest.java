package org.mpindex.core.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DiagnosisCodeTest {

  @ParameterizedTest
  @CsvSource({
    "250.00, 25000, 250.00",
    "25000, 25000, 250.00",
    " 250.0 , 2500, 250.0",
    "401, 401, 401",
    "v45.81, V4581, V45.81",
    "V4581, V4581, V45.81",
    "V70, V70, V70",
    "e849.7, E8497, E849.7",
    "E849, E849, E849",
    "E8497, E8497, E849.7",
    "'4 2 7.31', 42731, 427.31",
  })
  void icd9IsNormalisedOnce(String raw, String code, String dotted) {
    DiagnosisCode c = DiagnosisCode.icd9(raw);
    assertEquals(code, c.code());
    assertEquals(dotted, c.dotted());
    assertEquals(CodeSystem.ICD9CM, c.system());
  }

  @ParameterizedTest
  @CsvSource({
    "I11.0, I110, I11.0",
    "i110, I110, I11.0",
    "S72.001A, S72001A, S72.001A",
    "C4A.0, C4A0, C4A.0",
    "Z00.00, Z0000, Z00.00",
    "I10, I10, I10",
    "w19xxxa, W19XXXA, W19.XXXA",
  })
  void icd10IsNormalisedOnce(String raw, String code, String dotted) {
    DiagnosisCode c = DiagnosisCode.icd10(raw);
    assertEquals(code, c.code());
    assertEquals(dotted, c.dotted());
  }

  @Test
  void dottedAndUndottedAreEqual() {
    assertEquals(DiagnosisCode.icd9("250.00"), DiagnosisCode.icd9("25000"));
    assertEquals(DiagnosisCode.icd10("I11.0"), DiagnosisCode.icd10("i110"));
  }

  @Test
  void sameStringInTwoSystemsIsTwoCodes() {
    // V700 is an ICD-9-CM V code (routine general medical exam) and an ICD-10-CM code (pedestrian
    // injured in collision with a heavy transport vehicle): equal text, different codes.
    DiagnosisCode nine = DiagnosisCode.icd9("V700");
    DiagnosisCode ten = DiagnosisCode.icd10("V700");
    assertEquals(nine.code(), ten.code());
    assertNotEquals(nine, ten);
    assertEquals("ICD-9-CM V70.0", nine.toString());
    assertEquals("ICD-10-CM V70.0", ten.toString());
  }

  @ParameterizedTest
  @CsvSource({
    "'', is empty",
    "25, expected 3 to 5 digits",
    "250001, expected 3 to 5 digits",
    "25A00, expected 3 to 5 digits",
    "V4, expected V and 2 to 4 digits",
    "V45811, expected V and 2 to 4 digits",
    "E84, expected E and 3 or 4 digits",
    "25.000, dot in the wrong place",
    "E84.97, dot in the wrong place",
    "250., ends with a dot",
    "2.50.0, more than one dot",
    "250-00, contains the character '-'",
  })
  void invalidIcd9NamesValueAndReason(String raw, String reason) {
    InvalidValueException e =
        assertThrows(InvalidValueException.class, () -> DiagnosisCode.icd9(raw));
    assertTrue(e.getMessage().contains("'" + raw + "'"), e.getMessage());
    assertTrue(e.getMessage().contains(reason), e.getMessage());
    assertEquals(raw, e.value());
    assertFalse(DiagnosisCode.isValid(CodeSystem.ICD9CM, raw));
    assertTrue(DiagnosisCode.tryParse(CodeSystem.ICD9CM, raw).isEmpty());
  }

  @ParameterizedTest
  @CsvSource({"I1", "I110ABCD", "1I10", "II10", "I1.10", "I1-0"})
  void invalidIcd10Throws(String raw) {
    InvalidValueException e =
        assertThrows(InvalidValueException.class, () -> DiagnosisCode.icd10(raw));
    assertTrue(e.getMessage().startsWith("ICD-10-CM diagnosis code '" + raw + "'"), e.getMessage());
  }

  @Test
  void nullInputIsNamed() {
    InvalidValueException e =
        assertThrows(InvalidValueException.class, () -> DiagnosisCode.icd9(null));
    assertEquals("diagnosis code 'null' is required", e.getMessage());
  }

  @Test
  void codeSystemFollowsTheIcd10TransitionDate() {
    assertEquals(CodeSystem.ICD9CM, CodeSystem.forServiceDate(LocalDate.of(2015, 9, 30)));
    assertEquals(CodeSystem.ICD10CM, CodeSystem.forServiceDate(LocalDate.of(2015, 10, 1)));
  }

  @ParameterizedTest
  @CsvSource({
    "icd9, ICD9CM",
    "ICD-9-CM, ICD9CM",
    "9, ICD9CM",
    "icd10, ICD10CM",
    "ICD-10-CM, ICD10CM"
  })
  void codeSystemParses(String name, CodeSystem expected) {
    assertEquals(expected, CodeSystem.parse(name));
  }

  @Test
  void unknownCodeSystemIsNamed() {
    InvalidValueException e =
        assertThrows(InvalidValueException.class, () -> CodeSystem.parse("snomed"));
    assertEquals("code system 'snomed' is not icd9 or icd10", e.getMessage());
  }
}
