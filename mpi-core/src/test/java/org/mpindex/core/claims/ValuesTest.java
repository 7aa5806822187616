package org.mpindex.core.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Examples for the small value records: procedure codes, modifiers, geography, people, lines. */
class ValuesTest {

  @ParameterizedTest
  @CsvSource({
    "99213, CPT_CATEGORY_I",
    "g0008, HCPCS_LEVEL_II",
    "3074F, CPT_CATEGORY_II",
    "0042T, CPT_CATEGORY_III",
    "0001U, CPT_OTHER",
    "00142, CPT_CATEGORY_I"
  })
  void procedureCodeKinds(String raw, ProcedureCode.Kind kind) {
    assertEquals(kind, ProcedureCode.of(raw).kind());
    assertEquals(raw.toUpperCase(java.util.Locale.ROOT), ProcedureCode.of(" " + raw + " ").code());
  }

  @ParameterizedTest
  @CsvSource({"9921", "992134", "ABCDE", "9921-", "A00B1"})
  void badProcedureCodesAreNamed(String raw) {
    InvalidValueException e =
        assertThrows(InvalidValueException.class, () -> ProcedureCode.of(raw));
    assertTrue(
        e.getMessage().startsWith("procedure code '" + raw + "' is not a HCPCS/CPT code"),
        e.getMessage());
    assertFalse(ProcedureCode.isValid(raw));
  }

  @Test
  void anesthesiaRange() {
    assertTrue(ProcedureCode.of("00100").isAnesthesia());
    assertTrue(ProcedureCode.of("01999").isAnesthesia());
    assertFalse(ProcedureCode.of("02000").isAnesthesia());
    assertFalse(ProcedureCode.of("00099").isAnesthesia());
    assertFalse(ProcedureCode.of("0001F").isAnesthesia());
  }

  @Test
  void modifiers() {
    assertEquals(Modifier.TECHNICAL_COMPONENT, Modifier.of("tc"));
    InvalidValueException e = assertThrows(InvalidValueException.class, () -> Modifier.of("A9X"));
    assertEquals("modifier 'A9X' is not a modifier: expected 2 letters or digits", e.getMessage());
    assertThrows(InvalidValueException.class, () -> Modifier.of("-2"));
  }

  @Test
  void placeOfServiceIsZeroPadded() {
    assertEquals("01", PlaceOfService.of("1").code());
    assertTrue(PlaceOfService.of("21").isFacility());
    assertFalse(PlaceOfService.of("11").isFacility());
    assertThrows(InvalidValueException.class, () -> PlaceOfService.of("1A"));
  }

  @Test
  void statesHaveFipsCodes() {
    // the reference application's 52, plus 4 territories and "others"
    assertEquals(52, UsState.REFERENCE.size());
    assertEquals(57, UsState.values().length);
    assertTrue(UsState.PR.isReference());
    assertFalse(UsState.VI.isReference());
    assertEquals(UsState.WY, UsState.ofFips("56"));
    assertEquals(UsState.GU, UsState.ofFips("66"));
    assertEquals(UsState.PR, UsState.parse("puerto rico"));
    assertEquals(UsState.DC, UsState.parse("dc"));
    assertEquals(UsState.VI, UsState.parse("VI"));
    InvalidValueException e = assertThrows(InvalidValueException.class, () -> UsState.parse("XX"));
    assertEquals(
        "state 'XX' is not a USPS code of the 50 states, DC, PR, VI, GU, AS or MP (or OT: others)",
        e.getMessage());
    // others have no FIPS code, so no FIPS county can lie in them
    assertThrows(InvalidValueException.class, () -> Geography.of(UsState.OT, "56021", null));
  }

  @Test
  void countyMustLieInItsState() {
    assertEquals("56021", Geography.of(UsState.WY, "56021", "82001").countyFips().orElseThrow());
    InvalidValueException e =
        assertThrows(InvalidValueException.class, () -> Geography.of(UsState.WY, "02020", null));
    assertEquals("county FIPS code '02020' is not in WY (state FIPS 56)", e.getMessage());
    assertThrows(InvalidValueException.class, () -> Geography.of(UsState.WY, "5602", null));
    assertThrows(InvalidValueException.class, () -> Geography.of(UsState.WY, null, "8200"));
  }

  @Test
  void ageCountsBirthdaysReached() {
    LocalDate birth = LocalDate.of(1944, 3, 15);
    assertEquals(64, Beneficiary.ageOn(birth, LocalDate.of(2009, 3, 14)));
    assertEquals(65, Beneficiary.ageOn(birth, LocalDate.of(2009, 3, 15)));
    // a 29 February birthday is reached on 1 March in common years, as Period.between counts
    LocalDate leap = LocalDate.of(1944, 2, 29);
    assertEquals(64, Beneficiary.ageOn(leap, LocalDate.of(2009, 2, 28)));
    assertEquals(65, Beneficiary.ageOn(leap, LocalDate.of(2009, 3, 1)));
  }

  @Test
  void deathBeforeBirthIsRejected() {
    InvalidValueException e =
        assertThrows(
            InvalidValueException.class,
            () ->
                new Beneficiary(
                    "X",
                    LocalDate.of(1940, 1, 1),
                    Optional.of(LocalDate.of(1939, 1, 1)),
                    Sex.FEMALE,
                    Geography.UNKNOWN));
    assertEquals("death date '1939-01-01' is before the birth date 1940-01-01", e.getMessage());
    Beneficiary b =
        new Beneficiary(
            "X",
            LocalDate.of(1940, 1, 1),
            Optional.of(LocalDate.of(2008, 5, 1)),
            Sex.FEMALE,
            Geography.UNKNOWN);
    assertFalse(b.diedBefore(LocalDate.of(2008, 5, 1)));
    assertTrue(b.diedBefore(LocalDate.of(2008, 5, 2)));
  }

  @Test
  void sexParsesCmsCodes() {
    assertEquals(Sex.MALE, Sex.parse("1"));
    assertEquals(Sex.FEMALE, Sex.parse("f"));
    assertThrows(InvalidValueException.class, () -> Sex.parse("x"));
  }

  @Test
  void enrollmentEndsOnOrAfterItsStart() {
    InvalidValueException e =
        assertThrows(
            InvalidValueException.class,
            () ->
                Enrollment.of(
                    "A",
                    LocalDate.of(2008, 2, 1),
                    LocalDate.of(2008, 1, 31),
                    Program.MEDICARE_FFS));
    assertEquals("enrollment end '2008-01-31' is before its start 2008-02-01", e.getMessage());
    assertEquals(Program.MEDICARE_FFS, Program.of(" medicare_ffs "));
  }

  @Test
  void claimLineBuilderValidates() {
    ClaimLine line =
        ClaimLine.builder()
            .claimId("C1")
            .beneficiaryId("A")
            .serviceFrom(LocalDate.of(2008, 1, 2))
            .procedure("71020")
            .modifier("26")
            .units(2)
            .diagnosis(DiagnosisCode.icd9("4019"))
            .build();
    assertEquals(LocalDate.of(2008, 1, 2), line.serviceThrough());
    assertTrue(line.hasModifier(Modifier.PROFESSIONAL_COMPONENT));
    assertEquals(ClaimType.PROFESSIONAL, line.claimType());
    assertEquals(line, line.toBuilder().build());

    ClaimLine.Builder five =
        ClaimLine.builder().claimId("C1").beneficiaryId("A").serviceFrom(LocalDate.of(2008, 1, 2));
    for (String m : new String[] {"26", "TC", "50", "51", "RT"}) {
      five.modifier(m);
    }
    InvalidValueException e = assertThrows(InvalidValueException.class, five::build);
    assertEquals("modifiers '[26, TC, 50, 51, RT]' has more than 4 modifiers", e.getMessage());

    InvalidValueException units =
        assertThrows(
            InvalidValueException.class,
            () ->
                ClaimLine.builder()
                    .claimId("C1")
                    .beneficiaryId("A")
                    .serviceFrom(LocalDate.of(2008, 1, 2))
                    .units(-1)
                    .build());
    assertEquals("units '-1' is negative", units.getMessage());

    InvalidValueException missing =
        assertThrows(
            InvalidValueException.class,
            () -> ClaimLine.builder().claimId("C1").serviceFrom(LocalDate.of(2008, 1, 2)).build());
    assertEquals("beneficiary id 'null' is required and must not be blank", missing.getMessage());
  }
}
