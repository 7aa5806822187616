package org.mpindex.core.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.mpindex.core.claims.Program;
import org.mpindex.core.spi.HealthLevelProvider;

class MpiSpecTest {

  @Test
  void presetHoldsThePapersChoices() {
    MpiSpec s = MpiSpec.PARENTE_2011;
    assertEquals("calendar quarters", s.windowScheme().describe());
    assertEquals(1, s.lag());
    assertEquals(65, s.minimumAge());
    assertEquals(AgeReference.START_OF_WINDOW, s.ageReference());
    assertEquals(4, s.minimumEligibleWindows());
    assertEquals(Set.of(Program.MEDICARE_FFS), s.programs());
    assertEquals(ZeroBurden.AS_ONE, s.zeroBurden());
    assertEquals(HealthPopulation.ALL_ELIGIBLE, s.healthPopulation());
    assertTrue(s.zeroEffort().excludes());
    assertEquals(Aggregation.meanOfRatios(), s.aggregation());
    assertEquals(Grouping.STATE, s.grouping());
    assertEquals(MpiSpec.PARENTE_2011, MpiSpec.builder().build());
    assertNotEquals(MpiSpec.PARENTE_2011, MpiSpec.builder().lag(2).build());
  }

  @Test
  void toStringListsEveryChoice() {
    String s = MpiSpec.PARENTE_2011.toString();
    for (String label :
        new String[] {
          "window scheme: calendar quarters",
          "lag: 1",
          "study period: span of the enrollment records",
          "claim dating: SERVICE_FROM",
          "minimum age: 65",
          "age reference: START_OF_WINDOW",
          "minimum eligible windows: 4",
          "eligibility counted over: WHOLE_STUDY",
          "programs: [MEDICARE_FFS]",
          "coverage: FULL_WINDOW_WHILE_ALIVE",
          "health level: H = 1/b",
          "zero burden: AS_ONE",
          "health population: ALL_ELIGIBLE",
          "zero effort: exclude and count",
          "effort claim types: PROFESSIONAL",
          "aggregation: mean of ratios",
          "grouping: state",
          "cohort: everyone",
          "ingest mode: LENIENT",
          "maximum windows: 10000"
        }) {
      assertTrue(s.contains(label), label + " missing from\n" + s);
    }
    // one line per accessor, so a new option cannot be forgotten in toString
    long options =
        java.util.Arrays.stream(MpiSpec.class.getDeclaredMethods())
            .filter(
                m ->
                    m.getParameterCount() == 0
                        && !m.isSynthetic()
                        && java.lang.reflect.Modifier.isPublic(m.getModifiers())
                        && !java.lang.reflect.Modifier.isStatic(m.getModifiers())
                        && !Set.of("toString", "hashCode", "toBuilder").contains(m.getName()))
            .count();
    assertEquals(options, s.lines().count() - 2);
  }

  @Test
  void contradictionsNameBothChoices() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                MpiSpec.builder()
                    .zeroBurden(ZeroBurden.ONE_PLUS_B)
                    .healthLevel(HealthLevelProvider.inverseOnePlus())
                    .build());
    assertTrue(
        e.getMessage().contains("ONE_PLUS_B") && e.getMessage().contains("H = 1/(1+b)"),
        e.getMessage());

    IllegalArgumentException e2 =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                MpiSpec.builder()
                    .studyPeriod(
                        StudyPeriod.of(LocalDate.of(2008, 1, 1), LocalDate.of(2008, 6, 30)))
                    .minimumEligibleWindows(4)
                    .build());
    assertTrue(
        e2.getMessage().contains("minimum eligible windows 4")
            && e2.getMessage().contains("2 window(s)"),
        e2.getMessage());

    IllegalArgumentException e3 =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                MpiSpec.builder()
                    .studyPeriod(
                        StudyPeriod.of(LocalDate.of(2008, 1, 1), LocalDate.of(2008, 3, 31)))
                    .minimumEligibleWindows(1)
                    .build());
    assertTrue(e3.getMessage().contains("too few for lag 1"), e3.getMessage());

    assertThrows(IllegalArgumentException.class, () -> MpiSpec.builder().lag(-1).build());
    assertThrows(
        IllegalArgumentException.class, () -> MpiSpec.builder().effortClaimTypes(Set.of()).build());
    assertThrows(IllegalArgumentException.class, () -> Aggregation.trimmedMean(0.5));
    assertThrows(IllegalArgumentException.class, () -> ZeroEffort.floorMicros(0));
    assertThrows(
        IllegalArgumentException.class,
        () -> StudyPeriod.of(LocalDate.of(2009, 1, 1), LocalDate.of(2008, 1, 1)));
  }
}
