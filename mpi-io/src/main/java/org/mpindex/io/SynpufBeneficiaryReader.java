package org.mpindex.io;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mpindex.core.claims.Beneficiary;
import org.mpindex.core.claims.Enrollment;
import org.mpindex.core.claims.Geography;
import org.mpindex.core.claims.InvalidValueException;
import org.mpindex.core.claims.Program;
import org.mpindex.core.claims.Sex;
import org.mpindex.core.claims.UsState;
import org.mpindex.core.index.IngestTally;
import org.mpindex.core.index.RecordSink;
import org.mpindex.core.spi.MalformedRecordException;
import org.mpindex.core.text.CsvTable;
import org.mpindex.core.text.LineReader;
import org.mpindex.core.text.ReadRejection;

/**
 * Reads the CMS 2008-2010 DE-SynPUF Beneficiary Summary files (one per year, e.g. {@code
 * DE1_0_2008_Beneficiary_Summary_File_Sample_1.csv}): one {@link Beneficiary} per {@code
 * DESYNPUF_ID} and, per year, enrollment spans built from the coverage month counts by a {@link
 * SynpufCoverage} policy: months with Part B and no HMO are traditional Medicare ({@code
 * MEDICARE_FFS}), HMO months Medicare Advantage, Part A-only months {@code MEDICARE_PART_A_ONLY}.
 * Each year's spans carry that year's state and county as residence: the SSA state is mapped to
 * USPS by {@link SsaStates}; the 5-digit SSA state-and-county code is kept and, by default, mapped to
 * its FIPS county by the {@linkplain SsaFipsCrosswalk#bundled() bundled crosswalk} (see {@link
 * #crosswalk}), so county groups carry FIPS keys.
 *
 * <p>Columns used (by name): {@code DESYNPUF_ID, BENE_BIRTH_DT, BENE_DEATH_DT, BENE_SEX_IDENT_CD,
 * SP_STATE_CODE, BENE_COUNTY_CD, BENE_HI_CVRAGE_TOT_MONS, BENE_SMI_CVRAGE_TOT_MONS,
 * BENE_HMO_CVRAGE_TOT_MONS}; dates as CMS writes them ({@code YYYYMMDD}). Enrollment spans stream out
 * as rows are read; the beneficiaries come out at the end, one per id with the latest year's values
 * (a small per-beneficiary record is kept, never the file). Birth date or sex differing between years
 * is counted as a note and the latest year wins.
 */
public final class SynpufBeneficiaryReader {
  /** Tally record kind. */
  public static final InputRecordKind ROWS = InputRecordKind.DE_SYNPUF_BENEFICIARY_SUMMARY_ROWS;

  /** Note: a row whose SSA state code is blank or outside 1-54 (kept, grouped under UNKNOWN). */
  public static final String NO_STATE = "SSA state code blank or outside 1-54 (kept, no state)";

  /** Program of months with Part A but no Part B. */
  public static final Program PART_A_ONLY = Program.of("MEDICARE_PART_A_ONLY");

  private static final Pattern YEAR = Pattern.compile("(20\\d\\d)");

  /** Note: beneficiary rows whose SSA county code the crosswalk does not map (group stays SSA). */
  public static final String UNMAPPED_COUNTY =
      "SSA county codes without a FIPS code in the crosswalk";

  /** Note: crosswalked FIPS codes outside the row's state (not used). */
  public static final String FIPS_OUTSIDE_STATE =
      "crosswalk FIPS codes outside the row's state (not used)";

  private final boolean strict;
  private final SynpufCoverage coverage;
  private Consumer<MalformedRecordException> rejects = e -> {};
  private SsaFipsCrosswalk crosswalk = SsaFipsCrosswalk.bundled();

  /**
   * A reader with the bundled SSA-to-FIPS county crosswalk.
   *
   * @param mode strict: a bad row throws (naming file, line and column); lenient: it is rejected
   *     and counted
   * @param coverage how coverage month counts become enrollment spans
   */
  public SynpufBeneficiaryReader(org.mpindex.core.index.IngestMode mode, SynpufCoverage coverage) {
    this(mode == org.mpindex.core.index.IngestMode.STRICT, coverage);
  }

  private SynpufBeneficiaryReader(boolean strict, SynpufCoverage coverage) {
    this.strict = strict;
    this.coverage = coverage;
  }

  /** The year a summary file describes, from its name ({@code DE1_0_2009_...} is 2009). */
  public static int yearOf(String fileName) {
    Matcher m = YEAR.matcher(fileName);
    if (!m.find()) {
      throw new IllegalArgumentException(
          "cannot tell the year of '" + fileName + "': expected 2008, 2009 or 2010 in its name");
    }
    return Integer.parseInt(m.group(1));
  }

  private static final class Person {
    LocalDate birth;
    LocalDate death;
    Sex sex;
    Geography geography;
    int year;
  }

  /**
   * Reads summary files (any number, any order) and emits enrollment spans, then beneficiaries.
   *
   * @return what was read, accepted and rejected
   */
  public IngestTally read(List<Path> files, RecordSink sink) {
    return read(files, sink, new IngestTally());
  }

  /**
   * Reads summary files counting into {@code tally}, so that a caller who catches a strict
   * rejection still holds a balanced tally.
   */
  public IngestTally read(List<Path> files, RecordSink sink, IngestTally tally) {
    // each file is opened when its turn comes
    return read(
        files.stream()
            .map(
                f ->
                    Map.entry(
                        yearOf(f.getFileName().toString()),
                        CsvTable.open(LineReader.open(f, StandardCharsets.UTF_8))))
            .iterator(),
        sink,
        tally);
  }

  /** This reader, also handing every lenient rejection (file, line, column, reason) to {@code sink}. */
  public SynpufBeneficiaryReader rejectsTo(Consumer<MalformedRecordException> sink) {
    return with(java.util.Objects.requireNonNull(sink, "sink"), crosswalk);
  }

  /** A reader with this one's mode and coverage policy, and these rejections and crosswalk. */
  private SynpufBeneficiaryReader with(
      Consumer<MalformedRecordException> rejects, SsaFipsCrosswalk crosswalk) {
    SynpufBeneficiaryReader r = new SynpufBeneficiaryReader(strict, coverage);
    r.rejects = rejects;
    r.crosswalk = crosswalk;
    return r;
  }

  /**
   * This reader, giving each residence the FIPS county code {@code crosswalk} maps its SSA code to
   * (county groups then carry FIPS keys) instead of the bundled crosswalk's; rows whose code it does
   * not map keep the SSA key ({@code SSA} + 5 digits) and are counted ({@value #UNMAPPED_COUNTY},
   * with the codes among the unknown codes).
   */
  public SynpufBeneficiaryReader crosswalk(SsaFipsCrosswalk crosswalk) {
    return with(rejects, java.util.Objects.requireNonNull(crosswalk, "crosswalk"));
  }

  /**
   * This reader without a crosswalk: every county group keeps its SSA key ({@code SSA} + 5 digits),
   * nothing is counted as unmapped (the behaviour before the crosswalk was bundled).
   */
  public SynpufBeneficiaryReader withoutCrosswalk() {
    return with(rejects, null);
  }

  /** The crosswalk this reader maps SSA county codes with; empty when it keeps SSA keys. */
  public Optional<SsaFipsCrosswalk> crosswalk() {
    return Optional.ofNullable(crosswalk);
  }

  /** Reads one file's content (for tests and streams); beneficiaries are emitted at the end. */
  public IngestTally read(String fileName, int year, Reader in, RecordSink sink) {
    return read(
        List.of(Map.entry(year, CsvTable.open(LineReader.of(fileName, in)))).iterator(),
        sink,
        new IngestTally());
  }

  private void finish(Map<String, Person> people, RecordSink sink, IngestTally tally) {
    people.forEach(
        (id, p) -> {
          if (p.death != null && p.death.isBefore(p.birth)) {
            // an earlier year's death date before the latest year's birth date: the years disagree
            tally.note(
                "death date of one year before the birth date of a later year (death dropped)");
            p.death = null;
          }
          sink.beneficiary(
              new Beneficiary(id, p.birth, Optional.ofNullable(p.death), p.sex, p.geography));
        });
  }

  /**
   * Reads summary tables whose rows arrive already split into cells (a Spark partition's rows), each
   * with the year it describes (tables are taken one after the other, so each may stream from a
   * shared source), into one set of beneficiaries: what {@link #read(List, RecordSink,
   * IngestTally)} does with files.
   */
  public IngestTally read(
      java.util.Iterator<Map.Entry<Integer, CsvTable>> tables, RecordSink sink, IngestTally tally) {
    Map<String, Person> people = new TreeMap<>();
    while (tables.hasNext()) {
      Map.Entry<Integer, CsvTable> t = tables.next();
      read(t.getValue(), t.getKey(), sink, people, tally);
    }
    finish(people, sink, tally);
    return tally;
  }

  private void read(
      CsvTable table, int year, RecordSink sink, Map<String, Person> people, IngestTally tally) {
    try (CsvTable t = table.rejectsTo(rejects)) {
      int id = t.require("DESYNPUF_ID");
      int birth = t.require("BENE_BIRTH_DT");
      int death = t.require("BENE_DEATH_DT");
      int sex = t.require("BENE_SEX_IDENT_CD");
      int state = t.require("SP_STATE_CODE");
      int county = t.require("BENE_COUNTY_CD");
      int partA = t.require("BENE_HI_CVRAGE_TOT_MONS");
      int partB = t.require("BENE_SMI_CVRAGE_TOT_MONS");
      int hmo = t.require("BENE_HMO_CVRAGE_TOT_MONS");
      t.forEachRow(
          ROWS,
          tally,
          strict,
          row -> {
            String bene = row.required(id);
            LocalDate born = row.requiredDate(birth);
            Optional<LocalDate> died = row.date(death);
            if (died.isPresent() && died.get().isBefore(born)) {
              throw row.error(
                  ReadRejection.DEATH_BEFORE_BIRTH,
                  death,
                  "'" + row.get(death) + "' is before BENE_BIRTH_DT " + row.get(birth));
            }
            Sex s;
            try {
              s = Sex.parse(row.required(sex));
            } catch (InvalidValueException e) {
              throw row.error(ReadRejection.BAD_SEX, sex, e.getMessage());
            }
            String stateCode = row.get(state);
            Optional<UsState> usState = SsaStates.of(stateCode);
            if (usState.isEmpty()) {
              if (!stateCode.isEmpty() && !stateCode.chars().allMatch(Character::isDigit)) {
                throw row.error(
                    ReadRejection.BAD_STATE,
                    state,
                    "'" + stateCode + "' is not an SSA state code (1-54)");
              }
              tally.note(NO_STATE);
            }
            String countyCode = row.get(county);
            String ssaCounty = null;
            if (!countyCode.isEmpty()) {
              if (countyCode.length() > 3 || !countyCode.chars().allMatch(Character::isDigit)) {
                throw row.error(
                    ReadRejection.BAD_COUNTY,
                    county,
                    "'" + countyCode + "' is not an SSA county code (0-999)");
              }
              if (usState.isPresent() && !stateCode.isEmpty()) {
                ssaCounty =
                    String.format(
                        java.util.Locale.ROOT,
                        "%02d%03d",
                        Integer.parseInt(stateCode),
                        Integer.parseInt(countyCode));
              }
            }
            Geography geo = Geography.ofSsa(usState.orElse(null), ssaCounty);
            if (crosswalk != null && ssaCounty != null) {
              Optional<String> fips = crosswalk.fips(ssaCounty);
              if (fips.isEmpty()) {
                tally.note(UNMAPPED_COUNTY);
                tally.unknownCode("SSA county", ssaCounty);
              } else if (usState.get().fips().isEmpty()
                  || !fips.get().startsWith(usState.get().fips())) {
                tally.note(FIPS_OUTSIDE_STATE);
              } else {
                geo = new Geography(usState, fips, Optional.of(ssaCounty), Optional.empty());
              }
            }
            int[] months =
                coverage.months(
                    year,
                    born,
                    died,
                    row.integer(partA, 0, 12),
                    row.integer(partB, 0, 12),
                    row.integer(hmo, 0, 12));
            List<Enrollment> spans = spans(bene, year, months, geo);
            Person p = people.get(bene);
            if (p == null) {
              p = new Person();
              people.put(bene, p);
            } else if (!p.birth.equals(born) || p.sex != s) {
              tally.note("birth date or sex differs between years (latest year kept)");
            }
            if (p.year <= year) {
              p.birth = born;
              p.death = died.orElse(p.death);
              p.sex = s;
              p.geography = geo;
              p.year = year;
            } else if (died.isPresent() && p.death == null) {
              p.death = died.get();
            }
            spans.forEach(sink::enrollment);
          });
    }
  }

  /** Runs of months with the same program, as spans with the year's residence. */
  static List<Enrollment> spans(String bene, int year, int[] months, Geography residence) {
    List<Enrollment> out = new ArrayList<>();
    int start = 0;
    for (int m = 1; m <= 12; m++) {
      Program run = programOf(months[start]);
      if (m == 12 || !java.util.Objects.equals(run, programOf(months[m]))) {
        if (run != null) {
          LocalDate from = LocalDate.of(year, start + 1, 1);
          LocalDate last = LocalDate.of(year, m, 1);
          out.add(
              new Enrollment(
                  bene,
                  from,
                  last.withDayOfMonth(last.lengthOfMonth()),
                  run,
                  Optional.of(residence)));
        }
        start = m;
      }
    }
    return out;
  }

  private static Program programOf(int flags) {
    if ((flags & SynpufCoverage.HMO) != 0) {
      return Program.MEDICARE_ADVANTAGE;
    }
    if ((flags & SynpufCoverage.PART_B) != 0) {
      return Program.MEDICARE_FFS;
    }
    if ((flags & SynpufCoverage.PART_A) != 0) {
      return PART_A_ONLY;
    }
    return null;
  }
}
