package org.mpindex.testkit.layouts;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mpindex.core.claims.Beneficiary;
import org.mpindex.core.claims.ClaimLine;
import org.mpindex.core.claims.CodeSystem;
import org.mpindex.core.claims.DiagnosisCode;
import org.mpindex.core.claims.Enrollment;
import org.mpindex.core.claims.Geography;
import org.mpindex.core.claims.Program;
import org.mpindex.core.claims.Sex;
import org.mpindex.testkit.Population;

/**
 * Writes a {@link Population} as an OMOP CDM 5.4 database exported as comma-separated text ({@code
 * --format omop}), as {@code docs/formats/omop.md} maps it, one file per table named after it:
 * {@code location} (USPS state, county FIPS, ZIP), {@code person} (birth as year, month, day and
 * {@code birth_datetime}; {@code gender_concept_id} 8507 male, 8532 female, 0 unknown), {@code death},
 * {@code payer_plan_period} (one period per span, {@code plan_source_value} {@code Medicare Part B}
 * for traditional Medicare, {@code HMO} for Medicare Advantage, {@code Medicare Part A} for Part A
 * only, the program's label otherwise), {@code visit_occurrence} (one visit per claim, {@code
 * visit_occurrence_id} the claim id; {@code visit_concept_id} 9201 inpatient, 9202 outpatient, 0
 * professional), {@code condition_occurrence} (one row per distinct diagnosis of the claim), {@code
 * procedure_occurrence} (one row per line with a procedure: date, end date, quantity, modifier) and
 * {@code concept} (a local concept above 2,000,000,000 per source code, its {@code vocabulary_id}
 * ICD9CM, ICD10CM, CPT4 or HCPCS, so the reader tells the code system by vocabulary, not by date).
 *
 * <p>What the layout cannot carry, and what the writer does instead:
 *
 * <ul>
 *   <li>One modifier a line ({@code modifier_source_value}): the first is written, the others are
 *       lost (with {@code mpi-rbrvs} a line's effort can change; the testkit's table calculator
 *       ignores modifiers).
 *   <li>Place of service is not written (OMOP keeps it on the care site): lost.
 *   <li>A quantity of 0 is read as 1 (as the CDM asks of an ETL): a procedure line of 0 units
 *       changes its effort.
 *   <li>A visit's diagnoses go to every one of its procedure lines, and its lines run to the visit's
 *       end; a line without a procedure in a visit with procedures is lost as a line (its
 *       diagnoses stay on the visit); a visit without procedures is one diagnosis-only line over the
 *       visit's days. Diagnosis-only visits without diagnoses are lost.
 *   <li>One location a person: spans' own residence is lost.
 *   <li>Visit types: SNF, home health, hospice, DME and other claims have no visit concept the
 *       reader maps to their claim type; they are not written.
 * </ul>
 */
public final class OmopLayout {
  /** First local concept id written (OMOP reserves ids above 2,000,000,000 for local concepts). */
  public static final long FIRST_CONCEPT_ID = 2_000_000_001L;

  private OmopLayout() {}

  /**
   * Writes the tables into {@code folder} (created when missing), as {@code <table>.csv}.
   *
   * @return the files written
   */
  public static List<Path> write(Population population, Path folder) {
    List<List<String>> locations = new ArrayList<>();
    List<List<String>> persons = new ArrayList<>();
    List<List<String>> deaths = new ArrayList<>();
    int locationId = 0;
    for (Beneficiary b : population.beneficiaries()) {
      locationId++;
      Geography g = b.geography();
      locations.add(
          List.of(
              Integer.toString(locationId),
              g.state().map(s -> s.usps()).orElse(""),
              g.countyFips().orElse(""),
              g.zip5().orElse("")));
      LocalDate birth = b.birthDate();
      persons.add(
          List.of(
              b.id(),
              b.sex() == Sex.MALE ? "8507" : b.sex() == Sex.FEMALE ? "8532" : "0",
              Integer.toString(birth.getYear()),
              Integer.toString(birth.getMonthValue()),
              Integer.toString(birth.getDayOfMonth()),
              birth + "T00:00:00",
              "",
              Integer.toString(locationId)));
      b.deathDate().ifPresent(d -> deaths.add(List.of(b.id(), d.toString())));
    }
    List<List<String>> periods = new ArrayList<>();
    int periodId = 0;
    for (Enrollment e : population.enrollments()) {
      periods.add(
          List.of(
              Integer.toString(++periodId),
              e.beneficiaryId(),
              e.start().toString(),
              e.end().toString(),
              "0",
              "",
              plan(e.program())));
    }
    Map<String, Long> concepts = new LinkedHashMap<>();
    List<List<String>> visits = new ArrayList<>();
    List<List<String>> conditions = new ArrayList<>();
    List<List<String>> procedures = new ArrayList<>();
    for (List<ClaimLine> claim : LayoutFiles.claims(population)) {
      ClaimLine first = claim.get(0);
      String visitType =
          switch (first.claimType()) {
            case PROFESSIONAL -> "0";
            case OUTPATIENT -> "9202";
            case INPATIENT -> "9201";
            default -> null;
          };
      if (visitType == null) {
        continue;
      }
      LocalDate from = first.serviceFrom();
      LocalDate thru = first.serviceThrough();
      Set<DiagnosisCode> dx = new LinkedHashSet<>();
      for (ClaimLine l : claim) {
        from = l.serviceFrom().isBefore(from) ? l.serviceFrom() : from;
        thru = l.serviceThrough().isAfter(thru) ? l.serviceThrough() : thru;
        dx.addAll(l.diagnoses());
      }
      String visit = first.claimId();
      String person = first.beneficiaryId();
      visits.add(List.of(visit, person, visitType, from.toString(), thru.toString(), "", "0"));
      for (DiagnosisCode d : dx) {
        String vocabulary = d.system() == CodeSystem.ICD9CM ? "ICD9CM" : "ICD10CM";
        conditions.add(
            List.of(
                Integer.toString(conditions.size() + 1),
                person,
                from.toString(),
                thru.toString(),
                visit,
                d.code(),
                concept(concepts, vocabulary, d.code())));
      }
      for (ClaimLine l : claim) {
        if (l.procedure().isEmpty()) {
          continue;
        }
        String code = l.procedure().get().code();
        String vocabulary = Character.isLetter(code.charAt(0)) ? "HCPCS" : "CPT4";
        procedures.add(
            List.of(
                Integer.toString(procedures.size() + 1),
                person,
                l.serviceFrom().toString(),
                l.serviceThrough().toString(),
                visit,
                code,
                concept(concepts, vocabulary, code),
                Integer.toString(l.units()),
                l.modifiers().isEmpty() ? "" : l.modifiers().get(0).code()));
      }
    }
    List<List<String>> conceptRows = new ArrayList<>();
    concepts.forEach(
        (key, id) -> {
          int bar = key.indexOf('|');
          conceptRows.add(
              List.of(Long.toString(id), key.substring(0, bar), key.substring(bar + 1)));
        });
    return List.of(
        LayoutFiles.write(
            folder.resolve("location.csv"),
            List.of("location_id", "state", "county", "zip"),
            locations),
        LayoutFiles.write(
            folder.resolve("person.csv"),
            List.of(
                "person_id",
                "gender_concept_id",
                "year_of_birth",
                "month_of_birth",
                "day_of_birth",
                "birth_datetime",
                "gender_source_value",
                "location_id"),
            persons),
        LayoutFiles.write(folder.resolve("death.csv"), List.of("person_id", "death_date"), deaths),
        LayoutFiles.write(
            folder.resolve("payer_plan_period.csv"),
            List.of(
                "payer_plan_period_id",
                "person_id",
                "payer_plan_period_start_date",
                "payer_plan_period_end_date",
                "payer_concept_id",
                "payer_source_value",
                "plan_source_value"),
            periods),
        LayoutFiles.write(
            folder.resolve("concept.csv"),
            List.of("concept_id", "vocabulary_id", "concept_code"),
            conceptRows),
        LayoutFiles.write(
            folder.resolve("visit_occurrence.csv"),
            List.of(
                "visit_occurrence_id",
                "person_id",
                "visit_concept_id",
                "visit_start_date",
                "visit_end_date",
                "visit_source_value",
                "visit_source_concept_id"),
            visits),
        LayoutFiles.write(
            folder.resolve("condition_occurrence.csv"),
            List.of(
                "condition_occurrence_id",
                "person_id",
                "condition_start_date",
                "condition_end_date",
                "visit_occurrence_id",
                "condition_source_value",
                "condition_source_concept_id"),
            conditions),
        LayoutFiles.write(
            folder.resolve("procedure_occurrence.csv"),
            List.of(
                "procedure_occurrence_id",
                "person_id",
                "procedure_date",
                "procedure_end_date",
                "visit_occurrence_id",
                "procedure_source_value",
                "procedure_source_concept_id",
                "quantity",
                "modifier_source_value"),
            procedures));
  }

  private static String concept(Map<String, Long> concepts, String vocabulary, String code) {
    return Long.toString(
        concepts.computeIfAbsent(vocabulary + "|" + code, k -> FIRST_CONCEPT_ID + concepts.size()));
  }

  /** The plan label {@code PlanRule.ETL_CMS} reads as the program. */
  private static String plan(Program p) {
    if (p.equals(Program.MEDICARE_FFS)) {
      return "Medicare Part B";
    }
    if (p.equals(Program.MEDICARE_ADVANTAGE)) {
      return "HMO";
    }
    if (p.label().equals("MEDICARE_PART_A_ONLY")) {
      return "Medicare Part A";
    }
    return p.label();
  }
}
