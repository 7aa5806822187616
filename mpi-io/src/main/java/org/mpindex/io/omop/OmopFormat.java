package org.mpindex.io.omop;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.mpindex.core.claims.ClaimType;
import org.mpindex.core.claims.Program;
import org.mpindex.core.index.AssemblyRejection;
import org.mpindex.core.index.IndexAssembler;
import org.mpindex.core.index.RecordSink;
import org.mpindex.core.spi.RecordKind;
import org.mpindex.io.InputRecordKind;
import org.mpindex.io.InputRejection;
import org.mpindex.io.SsaFipsCrosswalk;
import org.mpindex.io.input.InputFiles;
import org.mpindex.io.input.InputFormat;
import org.mpindex.io.input.InputTable;
import org.mpindex.io.input.ReadContext;

/**
 * The OMOP Common Data Model, versions 5.3 and 5.4 ({@code --format omop}), as delimited text (or
 * Parquet, through {@link org.mpindex.io.input.Tables}): people from {@code person}, {@code death}
 * and {@code location}; coverage from {@code payer_plan_period} by a {@link PlanRule}; diagnoses and
 * procedures from the {@code *_source_value} of {@code condition_occurrence}, {@code
 * procedure_occurrence}, {@code measurement}, {@code observation}, {@code drug_exposure}, {@code
 * device_exposure}, {@code visit_detail} and {@code visit_occurrence}, grouped into one claim per
 * {@code visit_occurrence_id}. Field-by-field mapping, what is lost, and the study-period and
 * eligibility rule: {@code docs/formats/omop.md}.
 *
 * <p>Immutable; {@link #DEFAULT} reads what OHDSI's ETL-CMS writes, the {@code with...} methods
 * give variants for other databases.
 */
public final class OmopFormat implements InputFormat {

  /** Rejection reason: a row of a person with no {@code person} row. */
  public static final AssemblyRejection UNKNOWN_PERSON = IndexAssembler.NO_BENEFICIARY;

  /** Rejection reason: an event whose visit is another person's. */
  public static final InputRejection VISIT_OF_ANOTHER_PERSON =
      InputRejection.VISIT_OF_ANOTHER_PERSON;

  /** Refusal reason: no coverage rows (an EHR-derived database) and no fallback asked for. */
  public static final InputRejection NO_COVERAGE = InputRejection.NO_COVERAGE;

  /** Note: payer_plan_period rows of no part the index uses (Part D, other payers). */
  public static final String PLAN_NOT_COVERAGE =
      "OMOP payer_plan_period rows not Medicare Part A, B or Advantage (not read)";

  /** Note: a person's location_id with no location row (residence unknown). */
  public static final String LOCATION_NOT_FOUND =
      "OMOP person rows whose location_id has no location row (residence unknown)";

  /** Note: a location ZIP that does not begin with 5 digits. */
  public static final String ZIP_NOT_READ = "OMOP location zip not 5 digits (not read)";

  /** Note: a location county that is not a county code of its state. */
  public static final String COUNTY_NOT_READ =
      "OMOP location county not a FIPS code of its state (not read)";

  /** Note: a birth year without a month (July 1 taken). */
  public static final String BIRTH_MONTH_MISSING =
      "OMOP person rows without month_of_birth (born July 1 taken)";

  /** Note: a birth year and month without a day (the 15th taken). */
  public static final String BIRTH_DAY_MISSING =
      "OMOP person rows without day_of_birth (born on the 15th taken)";

  /** Note: sex read from gender_source_value when gender_concept_id says unknown. */
  public static final String SEX_FROM_SOURCE =
      "OMOP person rows of unknown gender concept with sex from gender_source_value";

  /** Note: a second death row of a person (the earliest date kept). */
  public static final String TWO_DEATHS = "OMOP death rows of a person read before (earliest kept)";

  /** Note: an event row without a source value. */
  public static final String NO_SOURCE_VALUE = "OMOP event rows without a source value (not read)";

  /** Note: a source value that is neither a diagnosis nor a HCPCS/CPT code (NDC, ICD procedure). */
  public static final String NOT_A_CODE =
      "OMOP source values neither ICD-CM diagnoses nor HCPCS/CPT codes (not read)";

  /** Note: a visit_source_value that is not a HCPCS/CPT code (a claim id, a setting). */
  public static final String VISIT_SOURCE_NOT_A_CODE =
      "OMOP visit_source_value not a HCPCS/CPT code (not a procedure)";

  /** Note: an event whose visit_occurrence_id has no visit row. */
  public static final String VISIT_NOT_FOUND =
      "OMOP visit_occurrence_id without a visit row (events grouped by the id)";

  /** Note: an event without a visit (a claim of its own). */
  public static final String EVENTS_WITHOUT_VISIT =
      "OMOP events without a visit_occurrence_id (a claim each)";

  /** Note: a visit with no diagnosis or procedure. */
  public static final String VISITS_WITHOUT_CODES =
      "OMOP visits without any diagnosis or procedure (nothing to fold)";

  /** Note: a quantity of 0, read as 1 (the CDM's convention for procedure_occurrence). */
  public static final String QUANTITY_ZERO = "OMOP quantity 0 read as 1 (CDM convention)";

  /** Note: the claim lines made from visits. */
  public static final String LINES_FROM_VISITS = "claim lines produced from OMOP visits";

  /**
   * The claim type of each visit concept as ETL-CMS writes them: 9201 (Inpatient Visit) and 262
   * (Emergency Room and Inpatient Visit) inpatient; 9202 (Outpatient Visit) and 9203 (Emergency Room
   * Visit) outpatient (institutional); any other concept, 0 included (ETL-CMS's carrier claims),
   * professional.
   */
  public static final Map<Long, ClaimType> ETL_CMS_VISITS =
      Map.of(
          9201L, ClaimType.INPATIENT,
          262L, ClaimType.INPATIENT,
          9202L, ClaimType.OUTPATIENT,
          9203L, ClaimType.OUTPATIENT);

  /** ETL-CMS conventions: {@link PlanRule#ETL_CMS}, {@link #ETL_CMS_VISITS}, SSA state codes. */
  public static final OmopFormat DEFAULT =
      new OmopFormat(
          PlanRule.ETL_CMS,
          ETL_CMS_VISITS,
          ClaimType.PROFESSIONAL,
          Optional.empty(),
          true,
          SsaFipsCrosswalk.bundled());

  private final PlanRule plans;
  private final Map<Long, ClaimType> visitTypes;
  private final ClaimType otherVisits;
  private final Optional<Program> observationPeriods;
  private final boolean numericStatesAreSsa;
  private final SsaFipsCrosswalk crosswalk;

  private OmopFormat(
      PlanRule plans,
      Map<Long, ClaimType> visitTypes,
      ClaimType otherVisits,
      Optional<Program> observationPeriods,
      boolean numericStatesAreSsa,
      SsaFipsCrosswalk crosswalk) {
    this.plans = Objects.requireNonNull(plans, "plans");
    this.visitTypes = Map.copyOf(visitTypes);
    this.otherVisits = Objects.requireNonNull(otherVisits, "otherVisits");
    this.observationPeriods = observationPeriods;
    this.numericStatesAreSsa = numericStatesAreSsa;
    this.crosswalk = crosswalk;
  }

  /**
   * The tally record kind of a table's rows ({@code "OMOP person rows"}): the {@link
   * InputRecordKind} of each table this format reads; a kind known by its text only ({@link
   * RecordKind#of(String)}) for another event table given by name.
   *
   * @param table the table's name in lower case ({@code person}, {@code condition_occurrence}...)
   */
  public static RecordKind rowsOf(String table) {
    for (InputRecordKind k : OMOP_ROWS) {
      if (k.text().equals("OMOP " + table + " rows")) {
        return k;
      }
    }
    return RecordKind.of("OMOP " + table + " rows");
  }

  private static final List<InputRecordKind> OMOP_ROWS =
      java.util.Arrays.stream(InputRecordKind.values())
          .filter(k -> k.name().startsWith("OMOP_"))
          .toList();

  /** This format telling coverage by {@code rule}. */
  public OmopFormat withPlans(PlanRule rule) {
    return new OmopFormat(
        rule, visitTypes, otherVisits, observationPeriods, numericStatesAreSsa, crosswalk);
  }

  /**
   * This format with visit concepts mapped to claim types by {@code types}, any other concept (0
   * and visits missing included) to {@code others}. A database that writes office visits as 9202
   * (Outpatient Visit), as most non-CMS ETLs do, wants {@code Map.of(9201L, INPATIENT, 262L,
   * INPATIENT)} and {@code PROFESSIONAL}: only professional lines carry effort by default.
   */
  public OmopFormat withVisitTypes(Map<Long, ClaimType> types, ClaimType others) {
    return new OmopFormat(plans, types, others, observationPeriods, numericStatesAreSsa, crosswalk);
  }

  /**
   * This format taking {@code observation_period} spans as coverage by {@code program} when {@code
   * payer_plan_period} is missing or empty (an EHR-derived database), instead of refusing. An
   * explicit choice: an observation period says the person's records are captured, not who pays.
   */
  public OmopFormat withObservationPeriodsAs(Program program) {
    return new OmopFormat(
        plans,
        visitTypes,
        otherVisits,
        Optional.of(Objects.requireNonNull(program, "program")),
        numericStatesAreSsa,
        crosswalk);
  }

  /**
   * This format reading a numeric {@code location.state} as a FIPS state code ({@code false}) or as
   * an SSA state code with an SSA county in {@code county}, as ETL-CMS writes DE-SynPUF's ({@code
   * true}, the default).
   */
  public OmopFormat withNumericStatesAsSsa(boolean ssa) {
    return new OmopFormat(plans, visitTypes, otherVisits, observationPeriods, ssa, crosswalk);
  }

  /**
   * This format mapping SSA counties to FIPS with {@code crosswalk} (null: keep SSA keys), as {@link
   * org.mpindex.io.SynpufBeneficiaryReader#crosswalk} does.
   */
  public OmopFormat withCrosswalk(SsaFipsCrosswalk crosswalk) {
    return new OmopFormat(
        plans, visitTypes, otherVisits, observationPeriods, numericStatesAreSsa, crosswalk);
  }

  PlanRule plans() {
    return plans;
  }

  Optional<Program> observationPeriodProgram() {
    return observationPeriods;
  }

  boolean numericStatesAreSsa() {
    return numericStatesAreSsa;
  }

  SsaFipsCrosswalk crosswalk() {
    return crosswalk;
  }

  ClaimType claimTypeOf(long visitConcept) {
    return visitTypes.getOrDefault(visitConcept, otherVisits);
  }

  @Override
  public String name() {
    return "omop";
  }

  @Override
  public String description() {
    return "OMOP CDM 5.3/5.4 tables (person, payer_plan_period, visit and event tables; source values)";
  }

  @Override
  public List<InputTable> tables() {
    return OmopTables.all();
  }

  /** By the file's name first ({@code person.csv}), else by its header. */
  @Override
  public Optional<InputTable> recognise(Path file, List<String> header) {
    Optional<InputTable> byName = OmopTables.byFileName(file);
    if (byName.isPresent()) {
      return byName;
    }
    return InputFormat.super.recognise(file, header);
  }

  @Override
  public String studyPeriodRule() {
    return observationPeriods.isPresent()
        ? "the span of the payer_plan_period records (else of the observation_period records)"
        : "the span of the payer_plan_period records";
  }

  /**
   * Reads {@code location}, {@code person}, {@code death} and coverage.
   *
   * @throws org.mpindex.core.spi.MalformedRecordException reason {@link #NO_COVERAGE}, in either
   *     mode, when {@code payer_plan_period} is missing or has no rows and no fallback was asked for
   */
  @Override
  public void readPeople(InputFiles files, ReadContext context, RecordSink sink) {
    new OmopPeople(this, context).read(files, sink);
  }

  @Override
  public void readClaims(InputFiles files, ReadContext context, RecordSink sink) {
    new OmopClaims(this, context).read(files, sink);
  }

  /** The visit types as a mutable copy (for documentation and tests). */
  public Map<Long, ClaimType> visitTypes() {
    return new HashMap<>(visitTypes);
  }

  @Override
  public String toString() {
    return "omop " + plans + " visits " + visitTypes + " else " + otherVisits;
  }
}
