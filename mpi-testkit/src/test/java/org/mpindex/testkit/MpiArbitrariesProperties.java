package org.mpindex.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.mpindex.core.claims.Beneficiary;
import org.mpindex.core.claims.ClaimLine;
import org.mpindex.core.claims.DiagnosisCode;
import org.mpindex.core.claims.Enrollment;
import org.mpindex.core.claims.Geography;
import org.mpindex.core.claims.ProcedureCode;
import org.mpindex.core.time.WindowScheme;

/** The arbitraries produce valid values, and values survive their own round trips. */
class MpiArbitrariesProperties {

  @Provide
  Arbitrary<DiagnosisCode> dx() {
    return MpiArbitraries.diagnosisCodes();
  }

  @Provide
  Arbitrary<ProcedureCode> px() {
    return MpiArbitraries.procedureCodes();
  }

  @Provide
  Arbitrary<Beneficiary> bens() {
    return MpiArbitraries.beneficiaries();
  }

  @Provide
  Arbitrary<Enrollment> spans() {
    return MpiArbitraries.enrollments();
  }

  @Provide
  Arbitrary<ClaimLine> lines() {
    return MpiArbitraries.claimLines();
  }

  @Provide
  Arbitrary<Geography> geos() {
    return MpiArbitraries.geographies();
  }

  @Provide
  Arbitrary<WindowScheme> schemes() {
    return MpiArbitraries.windowSchemes();
  }

  @Property
  void diagnosisCodesSurviveDottedRoundTrip(@ForAll("dx") DiagnosisCode c) {
    assertEquals(c, DiagnosisCode.of(c.system(), c.dotted()));
  }

  @Property
  void procedureCodesAreNormalised(@ForAll("px") ProcedureCode c) {
    assertEquals(c, ProcedureCode.of(c.code().toLowerCase(java.util.Locale.ROOT)));
  }

  @Property
  void beneficiariesAreConsistent(@ForAll("bens") Beneficiary b) {
    assertTrue(b.deathDate().map(d -> !d.isBefore(b.birthDate())).orElse(true));
  }

  @Property
  void enrollmentSpansAreOrdered(@ForAll("spans") Enrollment e) {
    assertTrue(!e.end().isBefore(e.start()));
  }

  @Property
  void claimLinesRebuildEqual(@ForAll("lines") ClaimLine l) {
    assertEquals(l, l.toBuilder().build());
    assertTrue(l.modifiers().size() <= 4);
  }

  @Property
  void countiesLieInTheirState(@ForAll("geos") Geography g) {
    g.countyFips().ifPresent(c -> assertTrue(c.startsWith(g.state().orElseThrow().fips())));
  }

  @Property
  void schemesMapWindowsBack(@ForAll("schemes") WindowScheme s) {
    int i = s.indexOf(java.time.LocalDate.of(2010, 6, 15));
    assertEquals(i, s.indexOf(s.window(i).start()));
  }
}
