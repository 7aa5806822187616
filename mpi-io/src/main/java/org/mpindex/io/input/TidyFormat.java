package org.mpindex.io.input;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.mpindex.core.index.IndexAssembler;
import org.mpindex.core.index.RecordSink;
import org.mpindex.core.spi.RecordKind;
import org.mpindex.core.text.CsvTable;
import org.mpindex.io.FastTidyClaims;
import org.mpindex.io.TidyCsvReader;

/**
 * The library's own layout, for any payer: beneficiaries, enrollment spans and one row per claim
 * line ({@code mpi-io/README.md}, "Tidy CSV"), as CSV, {@code .csv.gz} or (with {@code mpi-parquet})
 * Parquet. The study period is the span of the enrollment records unless declared. Claims files in
 * text are read by the byte-level columnar reader on all cores ({@link FastTidyClaims}) when the run
 * does not need each claim's lines together.
 */
public final class TidyFormat implements InputFormat {
  private static final List<ColumnarClaimsReader> COLUMNAR = columnar();

  private static List<ColumnarClaimsReader> columnar() {
    List<ColumnarClaimsReader> found = new java.util.ArrayList<>();
    java.util.ServiceLoader.load(ColumnarClaimsReader.class, TidyFormat.class.getClassLoader())
        .forEach(found::add);
    return List.copyOf(found);
  }

  /** The beneficiaries table. */
  public static final InputTable BENEFICIARIES =
      new InputTable(
              "beneficiaries",
              InputTable.Role.PEOPLE,
              true,
              List.of("beneficiary_id", "birth_date", "sex"),
              List.of(
                  "beneficiary_id",
                  "birth_date",
                  "death_date",
                  "sex",
                  "state",
                  "county_fips",
                  "zip5"),
              List.of("birth_date", "death_date"))
          .withPersonColumn("beneficiary_id");

  /** The enrollment spans table. */
  public static final InputTable ENROLLMENT =
      new InputTable(
              "enrollment",
              InputTable.Role.COVERAGE,
              true,
              List.of("beneficiary_id", "start_date", "end_date", "program"),
              List.of(
                  "beneficiary_id",
                  "start_date",
                  "end_date",
                  "program",
                  "state",
                  "county_fips",
                  "zip5"),
              List.of("start_date", "end_date"))
          .withPersonColumn("beneficiary_id");

  /** The claim lines table. */
  public static final InputTable CLAIMS =
      new InputTable(
              "claims",
              InputTable.Role.CLAIMS,
              true,
              List.of("claim_id", "beneficiary_id", "from_date"),
              List.of(
                  "claim_id",
                  "beneficiary_id",
                  "from_date",
                  "through_date",
                  "claim_type",
                  "procedure",
                  "modifiers",
                  "units",
                  "place_of_service",
                  "code_system",
                  "diagnoses"),
              List.of("from_date", "through_date"))
          .withPersonColumn("beneficiary_id");

  @Override
  public String name() {
    return "tidy";
  }

  @Override
  public String description() {
    return "the library's tidy layout for any payer: beneficiaries, enrollment spans, one row per"
        + " claim line (CSV, .csv.gz or Parquet)";
  }

  @Override
  public List<InputTable> tables() {
    return List.of(BENEFICIARIES, ENROLLMENT, CLAIMS);
  }

  private static TidyCsvReader reader(ReadContext c) {
    return new TidyCsvReader(c.mode(), c.dating()).rejectsTo(c.rejects());
  }

  private static void read(
      TidyCsvReader r, Path f, RecordKind kind, ReadContext c, RecordSink sink, boolean grouped) {
    try (CsvTable t = c.openTable(f, StandardCharsets.UTF_8)) {
      r.read(t, kind, sink, c.tally(), grouped);
    }
    c.fileRead().accept(f);
  }

  @Override
  public void readPeople(InputFiles files, ReadContext context, RecordSink sink) {
    TidyCsvReader r = reader(context);
    for (Path f : files.of(BENEFICIARIES.name())) {
      read(r, f, TidyCsvReader.BENEFICIARY_ROWS, context, sink, false);
    }
  }

  @Override
  public void readCoverage(InputFiles files, ReadContext context, RecordSink sink) {
    TidyCsvReader r = checked(reader(context), context);
    for (Path f : files.of(ENROLLMENT.name())) {
      read(r, f, TidyCsvReader.ENROLLMENT_ROWS, context, sink, false);
    }
  }

  private static TidyCsvReader checked(TidyCsvReader r, ReadContext c) {
    return c.checksBeneficiaries() ? r.checkedAgainst(c.beneficiaries()) : r;
  }

  /**
   * Reads the claims files. From files, one reader reads them all, each claim once: a claim id met
   * again after other claims' rows, or in a later file, is a repeated claim ({@link
   * TidyCsvReader#readingClaimsOnce()}). Rows that do not come from files ({@link
   * ReadContext#readsFiles()} false: a partition's rows, sorted by beneficiary and cells) have no
   * file order to apply that rule to, and are read as {@link TidyCsvReader} reads by default (rows
   * of a claim that come apart are several claims; a row identical to an earlier row of its claim
   * is still rejected).
   */
  @Override
  public void readClaims(InputFiles files, ReadContext context, RecordSink sink) {
    TidyCsvReader once =
        context.readsFiles() ? reader(context).readingClaimsOnce() : reader(context);
    TidyCsvReader r = checked(once, context);
    for (Path f : files.of(CLAIMS.name())) {
      read(r, f, TidyCsvReader.CLAIM_ROWS, context, sink, context.options().claimsTogether());
    }
  }

  @Override
  public boolean readClaimsColumnar(
      InputFiles files, ReadContext context, IndexAssembler assembler) {
    if (context.options().claimsTogether() || !context.readsFiles()) {
      return false;
    }
    List<Path> claims = files.of(CLAIMS.name());
    if (!claims.stream().allMatch(Tables::isText)) {
      // Parquet: a registered columnar reader (mpi-parquet) when it takes every file, else rows
      for (ColumnarClaimsReader r : COLUMNAR) {
        if (r.layout().equals(name()) && claims.stream().allMatch(r::handles)) {
          r.read(claims, context, assembler);
          return true;
        }
      }
      return false;
    }
    TidyCsvReader r = checked(reader(context).readingClaimsOnce(), context);
    FastTidyClaims fast = new FastTidyClaims(r, context.options().threads());
    for (Path f : files.of(CLAIMS.name())) {
      fast.read(f, assembler, context.tally());
      context.fileRead().accept(f);
    }
    return true;
  }
}
