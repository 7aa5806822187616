package org.mpindex.core.claims;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One line of a claim: the unit the index folds. Diagnosis codes of the claim header are repeated
 * on each of its lines by the readers (so a line is self-contained); codes repeated on several lines
 * of one patient and window count once, since illness burden is a set union.
 *
 * @param claimId the claim the line belongs to
 * @param beneficiaryId the pseudonymous beneficiary id
 * @param serviceFrom first day of service; the line belongs to the window of this date unless the
 *     spec says otherwise
 * @param serviceThrough last day of service, not before {@code serviceFrom}
 * @param procedure the HCPCS/CPT code; empty for lines that carry diagnoses only
 * @param modifiers up to four modifiers, in claim order
 * @param units units of service, zero or more (effort is linear in units)
 * @param placeOfService CMS place of service; empty when not given (institutional claims)
 * @param claimType where the line comes from; decides whether it carries physician effort
 * @param diagnoses the diagnosis codes on the line and its claim, in any order, duplicates allowed
 */
public record ClaimLine(
    String claimId,
    String beneficiaryId,
    LocalDate serviceFrom,
    LocalDate serviceThrough,
    Optional<ProcedureCode> procedure,
    List<Modifier> modifiers,
    int units,
    Optional<PlaceOfService> placeOfService,
    ClaimType claimType,
    List<DiagnosisCode> diagnoses) {

  /** CMS claim lines carry at most four modifiers. */
  public static final int MAX_MODIFIERS = 4;

  public ClaimLine {
    Checks.nonBlank(claimId, "claim id");
    Checks.nonBlank(beneficiaryId, "beneficiary id");
    Checks.present(serviceFrom, "service from date");
    Checks.present(serviceThrough, "service through date");
    Checks.present(procedure, "procedure code");
    Checks.present(modifiers, "modifiers");
    Checks.present(placeOfService, "place of service");
    Checks.present(claimType, "claim type");
    Checks.present(diagnoses, "diagnosis codes");
    if (serviceThrough.isBefore(serviceFrom)) {
      throw new InvalidValueException(
          "service through date",
          serviceThrough.toString(),
          "is before the from date " + serviceFrom);
    }
    if (modifiers.size() > MAX_MODIFIERS) {
      throw new InvalidValueException(
          "modifiers", modifiers.toString(), "has more than " + MAX_MODIFIERS + " modifiers");
    }
    if (units < 0) {
      throw new InvalidValueException("units", Integer.toString(units), "is negative");
    }
    modifiers = List.copyOf(modifiers);
    diagnoses = List.copyOf(diagnoses);
  }

  /** Whether the line carries {@code modifier}. */
  public boolean hasModifier(Modifier modifier) {
    return modifiers.contains(modifier);
  }

  /** A builder with units 1, claim type {@link ClaimType#PROFESSIONAL}, through date = from date. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder pre-filled with this line's values. */
  public Builder toBuilder() {
    Builder b =
        new Builder()
            .claimId(claimId)
            .beneficiaryId(beneficiaryId)
            .serviceFrom(serviceFrom)
            .serviceThrough(serviceThrough)
            .units(units)
            .claimType(claimType);
    procedure.ifPresent(b::procedure);
    placeOfService.ifPresent(b::placeOfService);
    modifiers.forEach(b::modifier);
    diagnoses.forEach(b::diagnosis);
    return b;
  }

  /** Mutable builder; {@link #build()} validates. Not thread-safe. */
  public static final class Builder {
    private String claimId;
    private String beneficiaryId;
    private LocalDate serviceFrom;
    private LocalDate serviceThrough;
    private ProcedureCode procedure;
    private final List<Modifier> modifiers = new ArrayList<>(MAX_MODIFIERS);
    private int units = 1;
    private PlaceOfService placeOfService;
    private ClaimType claimType = ClaimType.PROFESSIONAL;
    private final List<DiagnosisCode> diagnoses = new ArrayList<>();

    private Builder() {}

    public Builder claimId(String claimId) {
      this.claimId = claimId;
      return this;
    }

    public Builder beneficiaryId(String beneficiaryId) {
      this.beneficiaryId = beneficiaryId;
      return this;
    }

    /** Sets the from date, and the through date too when none was set. */
    public Builder serviceFrom(LocalDate serviceFrom) {
      this.serviceFrom = serviceFrom;
      return this;
    }

    public Builder serviceThrough(LocalDate serviceThrough) {
      this.serviceThrough = serviceThrough;
      return this;
    }

    public Builder procedure(ProcedureCode procedure) {
      this.procedure = procedure;
      return this;
    }

    /** Parses and sets the procedure code. */
    public Builder procedure(String code) {
      return procedure(ProcedureCode.of(code));
    }

    public Builder modifier(Modifier modifier) {
      modifiers.add(Checks.present(modifier, "modifier"));
      return this;
    }

    /** Parses and adds a modifier. */
    public Builder modifier(String code) {
      return modifier(Modifier.of(code));
    }

    public Builder units(int units) {
      this.units = units;
      return this;
    }

    public Builder placeOfService(PlaceOfService placeOfService) {
      this.placeOfService = placeOfService;
      return this;
    }

    public Builder claimType(ClaimType claimType) {
      this.claimType = claimType;
      return this;
    }

    public Builder diagnosis(DiagnosisCode code) {
      diagnoses.add(Checks.present(code, "diagnosis code"));
      return this;
    }

    public Builder diagnoses(Iterable<DiagnosisCode> codes) {
      codes.forEach(this::diagnosis);
      return this;
    }

    /**
     * The claim line of the values set so far, checked.
     *
     * @throws InvalidValueException naming the first missing or invalid field
     */
    public ClaimLine build() {
      return new ClaimLine(
          claimId,
          beneficiaryId,
          serviceFrom,
          serviceThrough != null ? serviceThrough : serviceFrom,
          Optional.ofNullable(procedure),
          modifiers,
          units,
          Optional.ofNullable(placeOfService),
          claimType,
          diagnoses);
    }
  }
}
