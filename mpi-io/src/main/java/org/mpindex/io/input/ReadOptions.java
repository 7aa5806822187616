package org.mpindex.io.input;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.mpindex.io.SsaFipsCrosswalk;
import org.mpindex.io.SynpufClaimReader.DiagnosisSource;

/**
 * How a layout's rows become records, where the method leaves a choice that some layouts have and
 * others do not. A layout says which it honours ({@link InputFormat#honours}); giving a non-default
 * value to a layout that does not honour it is the caller's error to report (the command says
 * "{@code --denied-lines} is about desynpuf and rif claims").
 *
 * @param claimsTogether give each claim's lines together ({@link org.mpindex.core.claims.Claim}),
 *     for rules that need the whole claim (a day's procedures ranked by fee); else line by line
 * @param deniedLinesCarryEffort whether a line the payer did not allow (Medicare's line processing
 *     indicator other than A) carries effort; by default it keeps its diagnoses and its effort is
 *     rejected and counted
 * @param diagnosisSources which diagnoses of a claim count (header, line, admitting; all by default)
 * @param countyCrosswalk the SSA-to-FIPS county crosswalk for layouts with SSA county codes; empty
 *     keeps SSA keys
 * @param threads threads a columnar reader may use, 1 or more
 */
public record ReadOptions(
    boolean claimsTogether,
    boolean deniedLinesCarryEffort,
    Set<DiagnosisSource> diagnosisSources,
    Optional<SsaFipsCrosswalk> countyCrosswalk,
    int threads) {

  /** A choice a layout may honour. */
  public enum Option {
    /** {@link #deniedLinesCarryEffort}. */
    DENIED_LINES,
    /** {@link #diagnosisSources}. */
    DIAGNOSIS_SOURCES,
    /** {@link #countyCrosswalk}. */
    COUNTY_CROSSWALK
  }

  public ReadOptions {
    diagnosisSources = Set.copyOf(diagnosisSources);
    if (diagnosisSources.isEmpty()) {
      throw new IllegalArgumentException("no diagnosis source: every burden would be 0");
    }
    java.util.Objects.requireNonNull(countyCrosswalk, "countyCrosswalk");
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, got " + threads);
    }
  }

  /** The defaults: line by line, denied lines without effort, every diagnosis, the bundled crosswalk. */
  public static ReadOptions defaults() {
    return new ReadOptions(
        false,
        false,
        EnumSet.allOf(DiagnosisSource.class),
        Optional.of(SsaFipsCrosswalk.bundled()),
        Runtime.getRuntime().availableProcessors());
  }

  /** These options with claims given together or not. */
  public ReadOptions withClaimsTogether(boolean on) {
    return new ReadOptions(on, deniedLinesCarryEffort, diagnosisSources, countyCrosswalk, threads);
  }

  /** These options with denied lines carrying effort or not. */
  public ReadOptions withDeniedLinesCarryEffort(boolean on) {
    return new ReadOptions(claimsTogether, on, diagnosisSources, countyCrosswalk, threads);
  }

  /** These options with the diagnoses of {@code sources} only. */
  public ReadOptions withDiagnosisSources(Set<DiagnosisSource> sources) {
    return new ReadOptions(
        claimsTogether, deniedLinesCarryEffort, sources, countyCrosswalk, threads);
  }

  /** These options with another county crosswalk (empty: SSA keys). */
  public ReadOptions withCountyCrosswalk(Optional<SsaFipsCrosswalk> crosswalk) {
    return new ReadOptions(
        claimsTogether, deniedLinesCarryEffort, diagnosisSources, crosswalk, threads);
  }

  /** These options with {@code n} reading threads. */
  public ReadOptions withThreads(int n) {
    return new ReadOptions(
        claimsTogether, deniedLinesCarryEffort, diagnosisSources, countyCrosswalk, n);
  }

  /** The options among {@code DENIED_LINES, DIAGNOSIS_SOURCES, COUNTY_CROSSWALK} set off default. */
  public Set<Option> changed() {
    ReadOptions d = defaults();
    Set<Option> out = EnumSet.noneOf(Option.class);
    if (deniedLinesCarryEffort != d.deniedLinesCarryEffort) {
      out.add(Option.DENIED_LINES);
    }
    if (!diagnosisSources.equals(d.diagnosisSources)) {
      out.add(Option.DIAGNOSIS_SOURCES);
    }
    if (countyCrosswalk
        .map(SsaFipsCrosswalk::source)
        .orElse("")
        .equals(d.countyCrosswalk.map(SsaFipsCrosswalk::source).orElse(""))) {
      return out;
    }
    out.add(Option.COUNTY_CROSSWALK);
    return out;
  }
}
