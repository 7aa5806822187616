package org.mpindex.core.index;

import java.util.List;
import org.mpindex.core.claims.ClaimType;
import org.mpindex.core.claims.DiagnosisCode;
import org.mpindex.core.claims.Modifier;
import org.mpindex.core.claims.PlaceOfService;
import org.mpindex.core.claims.ProcedureCode;
import org.mpindex.core.spi.RejectedRecordException;

/**
 * The columnar way into one {@link IndexAssembler}, for readers that hold claim lines as primitive
 * columns (a CSV or Parquet reader, a benchmark): intern each distinct beneficiary id, line
 * signature and diagnosis code once to an {@code int}, write the ints into a {@link ClaimColumns}
 * batch, and fold the batch. Obtained with {@link IndexAssembler#columnar()}; the indices it hands
 * out are this assembler's own and mean nothing to another one.
 *
 * <pre>{@code
 * ColumnarIngest in = assembler.columnar();
 * ClaimColumns batch = new ClaimColumns(1 << 16);
 * int p = in.patientIndex("B123");
 * int sig = in.lineSignature(ProcedureCode.of("99213"), List.of(), 1, ClaimType.PROFESSIONAL, null);
 * batch.line(p, (int) from.toEpochDay(), (int) through.toEpochDay(), sig);
 * batch.diagnosis(in.diagnosisIndex(DiagnosisCode.icd9("4019")));
 * in.add(batch);
 * }</pre>
 *
 * <p>Every call is the assembler's: it counts in the assembler's tally, is refused after assembly,
 * and is not thread-safe (see {@link IndexAssembler} on threads). An interning call costs a hash
 * lookup; call it once per distinct value (keep your own map from the raw text to the index, as the
 * tidy CSV and Parquet readers do), not once per line. A handle holds no state of its own: it is a
 * view of its assembler, one per assembler.
 */
public final class ColumnarIngest {
  private final IndexAssembler assembler;

  ColumnarIngest(IndexAssembler assembler) {
    this.assembler = assembler;
  }

  /**
   * The index of a beneficiary id (interned once; the same id always gives the same index in this
   * assembler, and ids get 0, 1, 2... in the order they are first seen by the assembler, through
   * records or this call).
   *
   * @throws IllegalArgumentException when the id is null or blank
   */
  public int patientIndex(String beneficiaryId) {
    return assembler.patientIndex(beneficiaryId);
  }

  /**
   * The index of what a line carries for its effort (interned once: equal arguments give the same
   * index).
   *
   * @param procedure the HCPCS/CPT code; null for a line that carries diagnoses only
   * @param modifiers up to four, in claim order
   * @param units units of service, 0 or more
   * @param type the claim type (decides whether the line carries effort)
   * @param placeOfService null when not given
   */
  public int lineSignature(
      ProcedureCode procedure,
      List<Modifier> modifiers,
      int units,
      ClaimType type,
      PlaceOfService placeOfService) {
    return assembler.lineSignature(procedure, modifiers, units, type, placeOfService);
  }

  /**
   * The index of a diagnosis code (interned once); its burden categories are looked up once, by
   * the assembler's grouper, when the code is first interned.
   */
  public int diagnosisIndex(DiagnosisCode code) {
    return assembler.diagnosisIndex(code);
  }

  /**
   * Folds a batch whose indices came from this handle: {@link IndexAssembler#add(ClaimColumns)}.
   *
   * @throws RejectedRecordException in strict mode, when a line's effort is rejected
   * @throws IllegalArgumentException when an index was not interned here or a day is out of range
   */
  public ColumnarIngest add(ClaimColumns batch) {
    assembler.add(batch);
    return this;
  }

  /** The assembler this handle feeds. */
  public IndexAssembler assembler() {
    return assembler;
  }
}
