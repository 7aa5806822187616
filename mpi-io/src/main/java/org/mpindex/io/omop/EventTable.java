package org.mpindex.io.omop;

import java.util.ArrayList;
import java.util.List;
import org.mpindex.io.input.InputTable;

/**
 * A clinical event table of the OMOP CDM whose {@code *_source_value} holds the code as the source
 * data wrote it (ICD-9-CM, ICD-10-CM, HCPCS, CPT-4, NDC ...), with its date columns.
 *
 * @param name the table name ({@code condition_occurrence})
 * @param date the column of the event's day
 * @param endDate the column of its last day; null when the table has none
 * @param sourceValue the column of the source code
 * @param sourceConcept the column of the source concept id (its vocabulary, with a concept table)
 * @param quantity the column of the units of service; null when the table has none
 * @param modifier the column of the (single) HCPCS modifier; null when the table has none
 * @param codes what a source value is taken for when no concept table says
 */
public record EventTable(
    String name,
    String date,
    String endDate,
    String sourceValue,
    String sourceConcept,
    String quantity,
    String modifier,
    Codes codes) {

  /** What a table's source values are read as, without a concept table. */
  public enum Codes {
    /** Diagnoses only (ICD-9-CM or ICD-10-CM by the date). */
    DIAGNOSES,
    /**
     * A well-formed HCPCS/CPT code is a procedure; else a diagnosis code beginning with a letter
     * (ICD-9-CM V and E codes, ICD-10-CM codes); a numeric code that is not HCPCS (an ICD-9
     * procedure code, an NDC) is neither.
     */
    PROCEDURES_FIRST,
    /** A well-formed HCPCS/CPT code is a procedure; else any well-formed diagnosis code. */
    EITHER,
    /**
     * A well-formed diagnosis code is a diagnosis ({@code 78052} in {@code observation} is ICD-9-CM
     * 780.52, as ETL-CMS moved it there); else a well-formed HCPCS/CPT code is a procedure.
     */
    DIAGNOSES_FIRST
  }

  /** The table as an input table of the layout (optional; recognised by name or date column). */
  public InputTable table() {
    List<String> cols = new ArrayList<>(List.of("person_id", date, sourceValue));
    for (String c : new String[] {endDate, sourceConcept, quantity, modifier}) {
      if (c != null) {
        cols.add(c);
      }
    }
    cols.add("visit_occurrence_id");
    List<String> dates = endDate == null ? List.of(date) : List.of(date, endDate);
    return new InputTable(
            name,
            InputTable.Role.CLAIMS,
            false,
            List.of("person_id", date, sourceValue),
            cols,
            dates)
        .withPersonColumn("person_id");
  }
}
