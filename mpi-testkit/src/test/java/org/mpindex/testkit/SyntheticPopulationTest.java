package org.mpindex.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.mpindex.core.claims.Beneficiary;
import org.mpindex.core.claims.ClaimLine;
import org.mpindex.core.claims.ClaimType;
import org.mpindex.core.claims.CodeSystem;
import org.mpindex.core.claims.Enrollment;
import org.mpindex.core.claims.Program;
import org.mpindex.core.claims.UsState;
import org.mpindex.core.index.IndexAssembler;
import org.mpindex.core.index.MpiResult;
import org.mpindex.core.index.MpiSpec;
import org.mpindex.core.time.Quarter;

class SyntheticPopulationTest {

  @Test
  void sameSeedSameData() {
    assertEquals(
        SyntheticPopulation.medicare2007to2009(7, 300).toPopulation(),
        SyntheticPopulation.medicare2007to2009(7, 300).toPopulation());
    assertNotEquals(
        SyntheticPopulation.medicare2007to2009(7, 300).toPopulation(),
        SyntheticPopulation.medicare2007to2009(8, 300).toPopulation());
    // a patient does not depend on how many others are generated
    assertEquals(
        SyntheticPopulation.medicare2007to2009(7, 10).patient(5),
        SyntheticPopulation.medicare2007to2009(7, 3000).patient(5));
  }

  @Test
  void looksLikeMedicare() {
    SyntheticPopulation gen = SyntheticPopulation.medicare2007to2009(2011, 4000);
    Population p = gen.toPopulation();
    Set<UsState> states = EnumSet.noneOf(UsState.class);
    int dead = 0;
    int turning65 = 0;
    for (Beneficiary b : p.beneficiaries()) {
      states.add(b.geography().state().orElseThrow());
      dead += b.deathDate().isPresent() ? 1 : 0;
      int ageAtStart = b.ageOn(gen.studyStart());
      assertTrue(ageAtStart >= 62, "age " + ageAtStart);
      turning65 += ageAtStart < 65 ? 1 : 0;
    }
    assertEquals(52, states.size());
    // about 4-5% a year die over three years, about 15% turn 65 during the study
    assertTrue(dead > 200 && dead < 900, "deaths " + dead);
    assertTrue(turning65 > 400 && turning65 < 800, "turning 65 " + turning65);

    Set<String> switched = new HashSet<>();
    Set<String> ffs = new HashSet<>();
    for (Enrollment e : p.enrollments()) {
      (e.program().equals(Program.MEDICARE_ADVANTAGE) ? switched : ffs).add(e.beneficiaryId());
      assertTrue(!e.end().isAfter(gen.studyEnd()));
    }
    switched.retainAll(ffs);
    assertTrue(switched.size() > 50, "switches to MA " + switched.size());

    long icd10 = 0;
    Set<ClaimType> types = EnumSet.noneOf(ClaimType.class);
    for (ClaimLine l : p.claimLines()) {
      types.add(l.claimType());
      icd10 += l.diagnoses().stream().filter(d -> d.system() == CodeSystem.ICD10CM).count();
      assertTrue(
          !l.serviceFrom().isBefore(LocalDate.of(2007, 1, 1))
              && !l.serviceFrom().isAfter(gen.studyEnd()));
    }
    assertEquals(0, icd10, "2007-2009 claims are coded in ICD-9-CM");
    assertTrue(types.contains(ClaimType.INPATIENT));
    double linesPerBeneficiaryQuarter = p.claimLines().size() / (4000.0 * 12);
    assertTrue(
        linesPerBeneficiaryQuarter > 2 && linesPerBeneficiaryQuarter < 20,
        "" + linesPerBeneficiaryQuarter);
  }

  @Test
  void datesAfterOctober2015AreIcd10() {
    Population p = SyntheticPopulation.of(3, 200, Quarter.of(2015, 4), 2).toPopulation();
    assertTrue(
        p.claimLines().stream()
            .flatMap(l -> l.diagnoses().stream())
            .allMatch(d -> d.system() == CodeSystem.ICD10CM));
  }

  @Test
  void indexOverTheSyntheticPopulationIsPlausible() {
    SyntheticPopulation gen = SyntheticPopulation.medicare2007to2009(2011, 3000);
    IndexAssembler a =
        IndexAssembler.create(
            MpiSpec.PARENTE_2011,
            SimpleEffortCalculator.of(
                java.util.Map.of(
                    org.mpindex.core.claims.ProcedureCode.of("99213"), 920_000L,
                    org.mpindex.core.claims.ProcedureCode.of("99214"), 1_420_000L)),
            MpiArbitraries.populationGrouper());
    gen.forEachRecord(r -> a.addAll(java.util.List.of(r)));
    MpiResult r = a.assemble();
    assertEquals(11, r.windows().size());
    assertTrue(r.accounting().balanced());
    r.national().forEach(c -> assertTrue(c.patients() > 1000 && c.mpi() > 0, c.toString()));
  }
}
