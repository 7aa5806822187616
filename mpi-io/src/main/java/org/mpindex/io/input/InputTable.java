package org.mpindex.io.input;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One table (file kind) of an input layout: the DE-SynPUF carrier claims, the OMOP {@code person}
 * table, the CCLF5 file. A file is recognised as this table when its header holds every one of
 * {@link #signature()} (case-insensitive); {@link #columns()} are the columns the reader uses.
 *
 * @param name the table's name in its layout ({@code person}, {@code CCLF5}, {@code carrier})
 * @param role what the table gives the index
 * @param required whether a run needs at least one file of it
 * @param signature columns whose presence in a header says "this is that table"; fixed-width and
 *     headerless files are recognised by {@link InputFormat#recognise} instead
 * @param columns the columns the reader uses (for {@code mpi inspect} and the docs)
 * @param dateColumns the columns whose dates {@code mpi inspect} reports the range of (birth
 *     dates, service dates, coverage starts and ends); may be empty
 * @param personColumn the column holding the beneficiary id every row of the table belongs to (as
 *     the layout's documentation names it: {@code DESYNPUF_ID}, {@code BENE_ID}, {@code
 *     BENE_MBI_ID}, {@code person_id}), by which a distributed reader partitions the rows so that a
 *     beneficiary's rows of every table meet; empty for a table not keyed by beneficiary (an OMOP
 *     {@code location} or {@code concept} table, the CCLF9 id crosswalk), which such a reader gives
 *     whole to every partition
 */
public record InputTable(
    String name,
    Role role,
    boolean required,
    List<String> signature,
    List<String> columns,
    List<String> dateColumns,
    Optional<String> personColumn) {

  /** What a table gives the index. */
  public enum Role {
    /** Beneficiaries: birth, death, sex, residence (and in some layouts coverage too). */
    PEOPLE,
    /** Coverage spans or months. */
    COVERAGE,
    /** Claims or claim lines: diagnoses and procedures. */
    CLAIMS,
    /** Anything else a layout needs (a location table, an id crosswalk). */
    SUPPORT
  }

  public InputTable {
    signature = List.copyOf(signature);
    columns = List.copyOf(columns);
    dateColumns = List.copyOf(dateColumns);
    java.util.Objects.requireNonNull(personColumn, "personColumn");
  }

  /** A table not keyed by beneficiary (until {@link #withPersonColumn}). */
  public InputTable(
      String name,
      Role role,
      boolean required,
      List<String> signature,
      List<String> columns,
      List<String> dateColumns) {
    this(name, role, required, signature, columns, dateColumns, Optional.empty());
  }

  /** A table without date columns to report, not keyed by beneficiary. */
  public InputTable(
      String name, Role role, boolean required, List<String> signature, List<String> columns) {
    this(name, role, required, signature, columns, List.of());
  }

  /** This table with its rows keyed by the beneficiary id of column {@code column}. */
  public InputTable withPersonColumn(String column) {
    return new InputTable(
        name, role, required, signature, columns, dateColumns, Optional.of(column));
  }

  /** Whether a header (column names as written) holds every column of the signature. */
  public boolean matches(List<String> header) {
    if (signature.isEmpty()) {
      return false;
    }
    java.util.Set<String> have = new java.util.HashSet<>();
    for (String h : header) {
      have.add(h.strip().toLowerCase(Locale.ROOT));
    }
    for (String s : signature) {
      if (!have.contains(s.toLowerCase(Locale.ROOT))) {
        return false;
      }
    }
    return true;
  }
}
