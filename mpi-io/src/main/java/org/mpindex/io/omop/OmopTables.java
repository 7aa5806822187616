package org.mpindex.io.omop;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.mpindex.io.input.InputTable;
import org.mpindex.io.input.InputTable.Role;

/**
 * The OMOP CDM tables the reader uses (OHDSI/CommonDataModel, {@code inst/csv/OMOP_CDMv5.4_Field_Level.csv}
 * and the 5.3 file beside it), with the columns read. A file is the table its name says ({@code
 * person.csv}, {@code PERSON.csv.gz}, {@code person.parquet}, {@code cdm.person.tsv}) or, failing
 * that, the table whose signature columns its header holds.
 */
public final class OmopTables {
  private OmopTables() {}

  /** {@code person}: one row per person. */
  public static final InputTable PERSON =
      new InputTable(
              "person",
              Role.PEOPLE,
              true,
              List.of("person_id", "gender_concept_id", "year_of_birth"),
              List.of(
                  "person_id",
                  "gender_concept_id",
                  "year_of_birth",
                  "month_of_birth",
                  "day_of_birth",
                  "birth_datetime",
                  "gender_source_value",
                  "location_id"))
          .withPersonColumn("person_id");

  /** {@code death}: at most one row per person. */
  public static final InputTable DEATH =
      new InputTable(
              "death",
              Role.PEOPLE,
              false,
              List.of("person_id", "death_date"),
              List.of("person_id", "death_date"))
          .withPersonColumn("person_id");

  /** {@code location}: residence of a person's {@code location_id}. */
  public static final InputTable LOCATION =
      new InputTable(
          "location",
          Role.SUPPORT,
          false,
          List.of("location_id", "state", "zip", "county"),
          List.of("location_id", "state", "county", "zip"));

  /** {@code payer_plan_period}: coverage spans. */
  public static final InputTable PAYER_PLAN_PERIOD =
      new InputTable(
              "payer_plan_period",
              Role.COVERAGE,
              false,
              List.of("person_id", "payer_plan_period_start_date", "payer_plan_period_end_date"),
              List.of(
                  "person_id",
                  "payer_plan_period_start_date",
                  "payer_plan_period_end_date",
                  "payer_concept_id",
                  "payer_source_value",
                  "plan_source_value"))
          .withPersonColumn("person_id");

  /** {@code observation_period}: used as coverage only when asked ({@link OmopFormat#withObservationPeriodsAs}). */
  public static final InputTable OBSERVATION_PERIOD =
      new InputTable(
              "observation_period",
              Role.COVERAGE,
              false,
              List.of("person_id", "observation_period_start_date", "observation_period_end_date"),
              List.of("person_id", "observation_period_start_date", "observation_period_end_date"))
          .withPersonColumn("person_id");

  /** {@code concept}: optional vocabulary table telling a source concept's vocabulary. */
  public static final InputTable CONCEPT =
      new InputTable(
          "concept",
          Role.SUPPORT,
          false,
          List.of("concept_id", "vocabulary_id", "concept_code"),
          List.of("concept_id", "vocabulary_id"));

  /** {@code visit_occurrence}: a visit is a claim (its setting tells the claim type). */
  public static final InputTable VISIT_OCCURRENCE =
      new InputTable(
              "visit_occurrence",
              Role.CLAIMS,
              false,
              List.of("visit_occurrence_id", "visit_concept_id", "visit_start_date"),
              List.of(
                  "visit_occurrence_id",
                  "person_id",
                  "visit_concept_id",
                  "visit_start_date",
                  "visit_end_date",
                  "visit_source_value",
                  "visit_source_concept_id"))
          .withPersonColumn("person_id");

  /** The clinical event tables read, each with its column names. */
  public static final List<EventTable> EVENTS =
      List.of(
          new EventTable(
              "condition_occurrence",
              "condition_start_date",
              "condition_end_date",
              "condition_source_value",
              "condition_source_concept_id",
              null,
              null,
              EventTable.Codes.DIAGNOSES),
          new EventTable(
              "procedure_occurrence",
              "procedure_date",
              "procedure_end_date",
              "procedure_source_value",
              "procedure_source_concept_id",
              "quantity",
              "modifier_source_value",
              EventTable.Codes.PROCEDURES_FIRST),
          new EventTable(
              "measurement",
              "measurement_date",
              null,
              "measurement_source_value",
              "measurement_source_concept_id",
              null,
              null,
              EventTable.Codes.EITHER),
          new EventTable(
              "observation",
              "observation_date",
              null,
              "observation_source_value",
              "observation_source_concept_id",
              null,
              null,
              EventTable.Codes.DIAGNOSES_FIRST),
          new EventTable(
              "drug_exposure",
              "drug_exposure_start_date",
              "drug_exposure_end_date",
              "drug_source_value",
              "drug_source_concept_id",
              "quantity",
              null,
              EventTable.Codes.PROCEDURES_FIRST),
          new EventTable(
              "device_exposure",
              "device_exposure_start_date",
              "device_exposure_end_date",
              "device_source_value",
              "device_source_concept_id",
              "quantity",
              null,
              EventTable.Codes.PROCEDURES_FIRST),
          new EventTable(
              "visit_detail",
              "visit_detail_start_date",
              "visit_detail_end_date",
              "visit_detail_source_value",
              "visit_detail_source_concept_id",
              null,
              null,
              EventTable.Codes.PROCEDURES_FIRST));

  /** Every table, people and coverage first, claims last. */
  public static List<InputTable> all() {
    List<InputTable> all = new java.util.ArrayList<>();
    all.addAll(
        List.of(
            LOCATION,
            PERSON,
            DEATH,
            PAYER_PLAN_PERIOD,
            OBSERVATION_PERIOD,
            CONCEPT,
            VISIT_OCCURRENCE));
    for (EventTable e : EVENTS) {
      all.add(e.table());
    }
    return List.copyOf(all);
  }

  /**
   * The table a file's name says it is: the name without its directory and extensions ({@code
   * .csv}, {@code .tsv}, {@code .txt}, {@code .gz}, {@code .parquet}), any case, and without a
   * schema prefix ({@code cdm.person}); empty when it is none of them.
   */
  public static Optional<InputTable> byFileName(Path file) {
    String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
    boolean stripped = true;
    while (stripped) {
      stripped = false;
      for (String ext : new String[] {".gz", ".csv", ".tsv", ".txt", ".parquet"}) {
        if (n.endsWith(ext)) {
          n = n.substring(0, n.length() - ext.length());
          stripped = true;
        }
      }
    }
    int dot = n.lastIndexOf('.');
    if (dot >= 0) {
      n = n.substring(dot + 1);
    }
    for (InputTable t : all()) {
      if (t.name().equals(n)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }
}
