package org.mpindex.io.input;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.mpindex.core.index.IndexAssembler;
import org.mpindex.core.index.RecordSink;
import org.mpindex.core.index.StudyPeriod;
import org.mpindex.core.text.CsvTable;
import org.mpindex.io.FastSynpufClaims;
import org.mpindex.io.SynpufBeneficiaryReader;
import org.mpindex.io.SynpufClaimReader;
import org.mpindex.io.SynpufCoverage;

/**
 * CMS's 2008-2010 Data Entrepreneurs' Synthetic Public Use Files: Beneficiary Summary files (one a
 * year, coverage as month counts), carrier, outpatient and inpatient claims ({@code
 * mpi-io/README.md}, "CMS DE-SynPUF"). The study period is the years of the summary files given
 * (their names say the year: {@code DE1_0_2008_Beneficiary_Summary_File_Sample_1.csv}). Claims files
 * in text are read by the byte-level reader on all cores ({@link FastSynpufClaims}) when the run
 * does not need each claim's lines together; by {@link SynpufClaimReader}, a claim at a time,
 * otherwise.
 */
public final class DesynpufFormat implements InputFormat {
  /** The Beneficiary Summary files. */
  public static final InputTable SUMMARY =
      new InputTable(
              "beneficiary summary",
              InputTable.Role.PEOPLE,
              true,
              List.of("DESYNPUF_ID", "BENE_BIRTH_DT", "BENE_SMI_CVRAGE_TOT_MONS"),
              List.of(
                  "DESYNPUF_ID",
                  "BENE_BIRTH_DT",
                  "BENE_DEATH_DT",
                  "BENE_SEX_IDENT_CD",
                  "SP_STATE_CODE",
                  "BENE_COUNTY_CD",
                  "BENE_HI_CVRAGE_TOT_MONS",
                  "BENE_SMI_CVRAGE_TOT_MONS",
                  "BENE_HMO_CVRAGE_TOT_MONS"),
              List.of("BENE_BIRTH_DT", "BENE_DEATH_DT"))
          .withPersonColumn("DESYNPUF_ID");

  /** Carrier claims (physician and supplier services: effort). */
  public static final InputTable CARRIER =
      new InputTable(
              "carrier claims",
              InputTable.Role.CLAIMS,
              false,
              List.of("DESYNPUF_ID", "CLM_ID", "LINE_ICD9_DGNS_CD_1"),
              List.of(
                  "DESYNPUF_ID",
                  "CLM_ID",
                  "CLM_FROM_DT",
                  "CLM_THRU_DT",
                  "ICD9_DGNS_CD_1..8",
                  "HCPCS_CD_1..13",
                  "LINE_ICD9_DGNS_CD_1..13",
                  "LINE_PRCSG_IND_CD_1..13"),
              List.of("CLM_FROM_DT", "CLM_THRU_DT"))
          .withPersonColumn("DESYNPUF_ID");

  // the columns the reader uses in inpatient and outpatient files alike
  private static final List<String> INSTITUTIONAL_COLUMNS =
      List.of(
          "DESYNPUF_ID",
          "CLM_ID",
          "SEGMENT",
          "CLM_FROM_DT",
          "CLM_THRU_DT",
          "ADMTNG_ICD9_DGNS_CD",
          "ICD9_DGNS_CD_1..10",
          "HCPCS_CD_1..45");

  /** Inpatient claims (diagnoses; facility lines carry no effort by default). */
  public static final InputTable INPATIENT =
      new InputTable(
              "inpatient claims",
              InputTable.Role.CLAIMS,
              false,
              List.of("DESYNPUF_ID", "CLM_ID", "CLM_DRG_CD"),
              INSTITUTIONAL_COLUMNS,
              List.of("CLM_FROM_DT", "CLM_THRU_DT"))
          .withPersonColumn("DESYNPUF_ID");

  /** Outpatient claims (diagnoses; facility lines carry no effort by default). */
  public static final InputTable OUTPATIENT =
      new InputTable(
              "outpatient claims",
              InputTable.Role.CLAIMS,
              false,
              List.of("DESYNPUF_ID", "CLM_ID", "ICD9_DGNS_CD_1", "HCPCS_CD_1"),
              INSTITUTIONAL_COLUMNS,
              List.of("CLM_FROM_DT", "CLM_THRU_DT"))
          .withPersonColumn("DESYNPUF_ID");

  @Override
  public String name() {
    return "desynpuf";
  }

  @Override
  public String description() {
    return "CMS DE-SynPUF 2008-2010: Beneficiary Summary files (one a year), carrier, outpatient"
        + " and inpatient claims";
  }

  @Override
  public List<InputTable> tables() {
    // inpatient before outpatient: an inpatient header holds every column of the outpatient
    // signature
    return List.of(SUMMARY, CARRIER, INPATIENT, OUTPATIENT);
  }

  @Override
  public Set<ReadOptions.Option> honours() {
    return Set.of(
        ReadOptions.Option.DENIED_LINES,
        ReadOptions.Option.DIAGNOSIS_SOURCES,
        ReadOptions.Option.COUNTY_CROSSWALK);
  }

  /**
   * The years of the summary files given, January 1 of the first to December 31 of the last.
   *
   * @throws IllegalArgumentException naming a summary file whose name says no year
   */
  @Override
  public Optional<StudyPeriod> studyPeriod(InputFiles files) {
    TreeSet<Integer> years = new TreeSet<>();
    for (Path f : files.of(SUMMARY.name())) {
      years.add(SynpufBeneficiaryReader.yearOf(f.getFileName().toString()));
    }
    return years.isEmpty()
        ? Optional.empty()
        : Optional.of(
            StudyPeriod.of(LocalDate.of(years.first(), 1, 1), LocalDate.of(years.last(), 12, 31)));
  }

  @Override
  public String studyPeriodRule() {
    return "the years of the DE-SynPUF summary files";
  }

  /** The summary reader of a run, with its county crosswalk. */
  public static SynpufBeneficiaryReader summaryReader(ReadContext c) {
    SynpufBeneficiaryReader r =
        new SynpufBeneficiaryReader(c.mode(), SynpufCoverage.DEFAULT).rejectsTo(c.rejects());
    Optional<org.mpindex.io.SsaFipsCrosswalk> crosswalk = c.options().countyCrosswalk();
    return crosswalk.isPresent() ? r.crosswalk(crosswalk.get()) : r.withoutCrosswalk();
  }

  @Override
  public void readPeople(InputFiles files, ReadContext context, RecordSink sink) {
    List<Path> summaries = files.of(SUMMARY.name());
    List<Map.Entry<Integer, Path>> byYear = new ArrayList<>();
    for (Path f : summaries) {
      byYear.add(Map.entry(SynpufBeneficiaryReader.yearOf(f.getFileName().toString()), f));
    }
    Iterator<Map.Entry<Integer, Path>> it = byYear.iterator();
    // each file is opened when its turn comes, and said read when the next one opens
    Iterator<Map.Entry<Integer, CsvTable>> tables =
        new Iterator<>() {
          private Path open;

          @Override
          public boolean hasNext() {
            if (!it.hasNext() && open != null) {
              context.fileRead().accept(open);
              open = null;
            }
            return it.hasNext();
          }

          @Override
          public Map.Entry<Integer, CsvTable> next() {
            if (open != null) {
              context.fileRead().accept(open);
            }
            Map.Entry<Integer, Path> e = it.next();
            open = e.getValue();
            return Map.entry(e.getKey(), context.openTable(e.getValue(), StandardCharsets.UTF_8));
          }
        };
    summaryReader(context).read(tables, sink, context.tally());
  }

  /** The claims reader of a run: its mode, options and checks; claims as records or line by line. */
  private static SynpufClaimReader claimReader(ReadContext context, boolean asClaims) {
    ReadOptions o = context.options();
    SynpufClaimReader r =
        new SynpufClaimReader(context.mode(), asClaims)
            .rejectsTo(context.rejects())
            .deniedLinesCarryEffort(o.deniedLinesCarryEffort())
            .diagnosisSources(o.diagnosisSources());
    if (context.checksBeneficiaries()) {
      r = r.checkedAgainst(context.beneficiaries(), context.dating());
    }
    return r;
  }

  /**
   * Reads the claims files by bytes on all cores ({@link FastSynpufClaims}: the same rows, counts,
   * rejections and index as {@link #readClaims}) when the run does not need each claim's lines
   * together ({@link ReadOptions#claimsTogether()} false) and the context reads files, all of them
   * text (plain or gzip'd CSV); otherwise reads nothing and returns false.
   */
  @Override
  public boolean readClaimsColumnar(
      InputFiles files, ReadContext context, IndexAssembler assembler) {
    if (context.options().claimsTogether() || !context.readsFiles()) {
      return false;
    }
    List<InputTable> claims = List.of(CARRIER, INPATIENT, OUTPATIENT);
    for (InputTable t : claims) {
      if (!files.of(t.name()).stream().allMatch(Tables::isText)) {
        return false;
      }
    }
    FastSynpufClaims fast =
        new FastSynpufClaims(claimReader(context, false), context.options().threads());
    for (InputTable t : claims) {
      for (Path f : files.of(t.name())) {
        fast.read(f, assembler, context.tally());
        context.fileRead().accept(f);
      }
    }
    return true;
  }

  @Override
  public void readClaims(InputFiles files, ReadContext context, RecordSink sink) {
    SynpufClaimReader r = claimReader(context, true);
    for (InputTable t : List.of(CARRIER, INPATIENT, OUTPATIENT)) {
      for (Path f : files.of(t.name())) {
        try (CsvTable table = context.openTable(f, StandardCharsets.UTF_8)) {
          r.read(table, sink, context.tally());
        }
        context.fileRead().accept(f);
      }
    }
  }
}
