package org.mpindex.io.input;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.mpindex.core.claims.Beneficiary;
import org.mpindex.core.index.ClaimDating;
import org.mpindex.core.index.IngestMode;
import org.mpindex.core.index.IngestTally;
import org.mpindex.core.spi.MalformedRecordException;

/**
 * What a reader needs besides its files: how to treat a bad record, where to count, where to list
 * rejected rows, which date dates a claim, (once the people are read) who the beneficiaries are, so
 * that claims and coverage can be checked against them as they are read, the layout choices, and
 * whom to tell when a file is read.
 *
 * @param mode strict (throw at the first bad record) or lenient (count it and go on)
 * @param tally where rows read, accepted and rejected are counted, by kind and reason
 * @param rejects gets every rejected row (file, line, column, reason)
 * @param dating which date of a claim dates it
 * @param beneficiaries the beneficiary record of an id, or empty; before the people are read,
 *     {@link #NOBODY_YET}, and readers do not check
 * @param options the layout choices ({@link ReadOptions#defaults()} unless told)
 * @param fileRead told each file once it is read (progress bars, per-file notes)
 * @param tables where the readers' tables come from ({@link TableSource#FILES}: the files; a
 *     distributed reader's rows in memory otherwise)
 */
public record ReadContext(
    IngestMode mode,
    IngestTally tally,
    Consumer<MalformedRecordException> rejects,
    ClaimDating dating,
    Function<String, Optional<Beneficiary>> beneficiaries,
    ReadOptions options,
    Consumer<Path> fileRead,
    TableSource tables) {

  /** The lookup before any beneficiary is read: readers do not check ids against it. */
  public static final Function<String, Optional<Beneficiary>> NOBODY_YET = id -> Optional.empty();

  public ReadContext {
    java.util.Objects.requireNonNull(mode, "mode");
    java.util.Objects.requireNonNull(tally, "tally");
    java.util.Objects.requireNonNull(rejects, "rejects");
    java.util.Objects.requireNonNull(dating, "dating");
    java.util.Objects.requireNonNull(beneficiaries, "beneficiaries");
    java.util.Objects.requireNonNull(options, "options");
    java.util.Objects.requireNonNull(fileRead, "fileRead");
    java.util.Objects.requireNonNull(tables, "tables");
  }

  /** A context reading files ({@link TableSource#FILES}). */
  public ReadContext(
      IngestMode mode,
      IngestTally tally,
      Consumer<MalformedRecordException> rejects,
      ClaimDating dating,
      Function<String, Optional<Beneficiary>> beneficiaries,
      ReadOptions options,
      Consumer<Path> fileRead) {
    this(mode, tally, rejects, dating, beneficiaries, options, fileRead, TableSource.FILES);
  }

  /** A context with the default layout choices and no file listener. */
  public ReadContext(
      IngestMode mode,
      IngestTally tally,
      Consumer<MalformedRecordException> rejects,
      ClaimDating dating,
      Function<String, Optional<Beneficiary>> beneficiaries) {
    this(
        mode,
        tally,
        rejects,
        dating,
        beneficiaries,
        ReadOptions.defaults(),
        f -> {},
        TableSource.FILES);
  }

  /** Whether the beneficiaries are known (claims and spans can be checked against them). */
  public boolean checksBeneficiaries() {
    return beneficiaries != NOBODY_YET;
  }

  /** Whether a bad record throws. */
  public boolean strict() {
    return mode == IngestMode.STRICT;
  }

  /** A lenient context counting into a new tally, listing no rejection, dating by service start. */
  public static ReadContext lenient() {
    return new ReadContext(
        IngestMode.LENIENT, new IngestTally(), e -> {}, ClaimDating.SERVICE_FROM, NOBODY_YET);
  }

  /** The same context with the beneficiaries known. */
  public ReadContext withBeneficiaries(Function<String, Optional<Beneficiary>> lookup) {
    return new ReadContext(mode, tally, rejects, dating, lookup, options, fileRead, tables);
  }

  /** The same context with other layout choices. */
  public ReadContext withOptions(ReadOptions o) {
    return new ReadContext(mode, tally, rejects, dating, beneficiaries, o, fileRead, tables);
  }

  /** The same context telling {@code listener} of each file read. */
  public ReadContext withFileListener(Consumer<Path> listener) {
    return new ReadContext(mode, tally, rejects, dating, beneficiaries, options, listener, tables);
  }

  /**
   * The same context reading its tables from {@code source} (rows held in memory, not files). Such
   * a context never takes a layout's columnar file readers ({@link
   * InputFormat#readClaimsColumnar} reads nothing and returns false): they read files by bytes.
   */
  public ReadContext withTables(TableSource source) {
    return new ReadContext(mode, tally, rejects, dating, beneficiaries, options, fileRead, source);
  }

  /**
   * The same context counting into {@code other} and listing no rejection: for reading a table a
   * second time (a crosswalk needed again) without counting its rows twice.
   */
  public ReadContext quietly(IngestTally other) {
    return new ReadContext(mode, other, e -> {}, dating, beneficiaries, options, f -> {}, tables);
  }

  /** Whether the tables are the files themselves ({@link TableSource#FILES}). */
  public boolean readsFiles() {
    return tables == TableSource.FILES;
  }

  /** The table {@code file} names, from this context's {@link #tables() source}. */
  public org.mpindex.core.text.CsvTable openTable(Path file, java.nio.charset.Charset charset) {
    return tables.open(file, charset);
  }
}
