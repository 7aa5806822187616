package org.mpindex.testkit.layouts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.mpindex.core.claims.Beneficiary;
import org.mpindex.core.claims.ClaimLine;
import org.mpindex.core.claims.CodeSystem;
import org.mpindex.core.claims.DiagnosisCode;
import org.mpindex.core.claims.Enrollment;
import org.mpindex.core.claims.Program;
import org.mpindex.testkit.Population;

/** The populations of {@link LayoutPopulations} keep the promises of its Javadoc. */
class LayoutPopulationsProperties {

  @Provide
  Arbitrary<Population> any() {
    return net.jqwik.api.Arbitraries.oneOf(
        LayoutPopulations.everyLayout(), LayoutPopulations.monthlyCoverage());
  }

  @Property(tries = 200)
  void spansAreWholeMonthsApartAndWithinLife(@ForAll("any") Population p) {
    Map<String, Beneficiary> people = new HashMap<>();
    p.beneficiaries().forEach(b -> people.put(b.id(), b));
    for (Enrollment e : p.enrollments()) {
      Beneficiary b = people.get(e.beneficiaryId());
      assertEquals(1, e.start().getDayOfMonth(), e.toString());
      assertEquals(e.end().lengthOfMonth(), e.end().getDayOfMonth(), e.toString());
      assertTrue(!e.start().isBefore(LayoutPopulations.STUDY_START), e.toString());
      assertTrue(!e.end().isAfter(LayoutPopulations.STUDY_END), e.toString());
      b.deathDate()
          .ifPresent(
              d -> assertTrue(!e.end().isAfter(d.withDayOfMonth(d.lengthOfMonth())), e.toString()));
      for (Enrollment o : p.enrollments()) {
        if (!o.equals(e) && o.beneficiaryId().equals(e.beneficiaryId())) {
          assertTrue(o.end().isBefore(e.start()) || o.start().isAfter(e.end()), e + " " + o);
        }
      }
    }
  }

  @Property(tries = 200)
  void claimsShareDatesAndCodesAndKeepToOneCodeSystem(@ForAll("any") Population p) {
    Map<String, List<ClaimLine>> claims = new HashMap<>();
    Set<String> ids = new HashSet<>();
    p.beneficiaries().forEach(b -> ids.add(b.id()));
    for (ClaimLine l : p.claimLines()) {
      assertTrue(ids.contains(l.beneficiaryId()));
      claims.computeIfAbsent(l.claimId(), k -> new java.util.ArrayList<>()).add(l);
    }
    for (List<ClaimLine> c : claims.values()) {
      ClaimLine first = c.get(0);
      CodeSystem system = CodeSystem.forServiceDate(first.serviceFrom());
      assertEquals(c.size(), new HashSet<>(c).size(), "no two lines alike");
      for (ClaimLine l : c) {
        assertEquals(first.beneficiaryId(), l.beneficiaryId());
        assertEquals(first.serviceFrom(), l.serviceFrom());
        assertEquals(first.serviceThrough(), l.serviceThrough());
        assertEquals(first.diagnoses(), l.diagnoses());
        assertTrue(l.modifiers().size() <= 1);
        assertTrue(l.procedure().isPresent() || !l.diagnoses().isEmpty(), l.toString());
        for (DiagnosisCode d : l.diagnoses()) {
          assertEquals(system, d.system(), l.toString());
        }
        LocalDate day = l.serviceThrough();
        assertTrue(!day.isAfter(LayoutPopulations.STUDY_END));
      }
    }
  }

  @Property(tries = 200)
  void everyLayoutPopulationsHaveOneTraditionalSpanToDeathOrTheEnd(
      @ForAll("everyLayout") Population p) {
    for (Beneficiary b : p.beneficiaries()) {
      List<Enrollment> spans =
          p.enrollments().stream().filter(e -> e.beneficiaryId().equals(b.id())).toList();
      assertTrue(spans.size() <= 1);
      for (Enrollment e : spans) {
        assertEquals(Program.MEDICARE_FFS, e.program());
        LocalDate end =
            b.deathDate()
                .map(d -> d.withDayOfMonth(d.lengthOfMonth()))
                .orElse(LayoutPopulations.STUDY_END);
        assertEquals(end, e.end());
      }
    }
  }

  @Provide
  Arbitrary<Population> everyLayout() {
    return LayoutPopulations.everyLayout();
  }
}
