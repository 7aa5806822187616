package org.mpindex.io.rif;

import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.mpindex.core.claims.Beneficiary;
import org.mpindex.core.claims.Enrollment;
import org.mpindex.core.claims.Geography;
import org.mpindex.core.claims.InvalidValueException;
import org.mpindex.core.claims.Program;
import org.mpindex.core.claims.Sex;
import org.mpindex.core.claims.UsState;
import org.mpindex.core.index.IngestTally;
import org.mpindex.core.index.RecordSink;
import org.mpindex.core.text.CsvTable;
import org.mpindex.core.text.ReadRejection;
import org.mpindex.io.InputRecordKind;
import org.mpindex.io.InputRejection;
import org.mpindex.io.SsaFipsCrosswalk;
import org.mpindex.io.SsaStates;
import org.mpindex.io.SynpufBeneficiaryReader;
import org.mpindex.io.input.ReadContext;

/**
 * Reads Master Beneficiary Summary Files (MBSF, one row per beneficiary and reference year) of the
 * Medicare research files, as ResDAC ships them ({@code MDCR_ENTLMT_BUYIN_IND_01..12}, {@code
 * HMO_IND_01..12}, {@code BENE_ENROLLMT_REF_YR}, {@code SEX_IDENT_CD}, {@code STATE_CODE}, {@code
 * COUNTY_CD}) or as the Beneficiary FHIR Data server's RIF extracts name them ({@code
 * MDCR_ENTLMT_BUYIN_1_IND}, {@code HMO_1_IND}, {@code RFRNC_YR}, {@code BENE_SEX_IDENT_CD}, {@code
 * BENE_COUNTY_CD}, {@code DEATH_DT}); the CCW long names ({@code BENE_MDCR_ENTLMT_BUYIN_IND_01},
 * {@code BENE_HMO_IND_01}, {@code BENE_STATE_CD}) are read too.
 *
 * <p>Coverage is read month by month, exactly: a month whose entitlement/buy-in indicator says Part
 * B ({@code 2, 3, B, C}) and whose HMO indicator says no Medicare Advantage plan ({@code 0}, or
 * {@code 4}: fee-for-service in a disease management demonstration) is {@link
 * Program#MEDICARE_FFS}; a month with an HMO indicator {@code 1, 2, A, B, C} is {@link
 * Program#MEDICARE_ADVANTAGE}; a month with Part A only ({@code 1, A}) is {@link
 * SynpufBeneficiaryReader#PART_A_ONLY}; a month not entitled ({@code 0}) has no coverage. Runs of
 * months of one program become one {@link Enrollment} with the year's residence. A month after the
 * month of death is never covered (counted, {@value #AFTER_DEATH}); a blank indicator in an
 * entitled month gives no coverage (counted, {@value #BLANK_MONTH}), never a guess.
 *
 * <p>One {@link Beneficiary} per {@code BENE_ID}, with the latest year's values, emitted at the end
 * of the files (a small record per beneficiary is kept, never the file); spans stream out as rows
 * are read. States are SSA codes ({@link SsaStates}); a two-letter USPS code is read as that state
 * and counted ({@value #USPS_STATE}); counties are SSA codes mapped to FIPS by the bundled
 * crosswalk, as the DE-SynPUF reader does.
 */
public final class RifBeneficiaryReader {
  /** Tally record kind of MBSF rows. */
  public static final InputRecordKind ROWS = InputRecordKind.RIF_MBSF_ROWS;

  /** Note: months covered by the indicators after the month of death (not covered). */
  public static final String AFTER_DEATH =
      "MBSF months after the month of death with coverage indicators (not covered)";

  /** Note: entitled months whose entitlement or HMO indicator is blank (not covered). */
  public static final String BLANK_MONTH =
      "MBSF months with a blank entitlement or HMO indicator (not covered)";

  /** Note: rows whose state is a USPS code, not an SSA code (read as that state). */
  public static final String USPS_STATE = "MBSF state given as a USPS code, not an SSA code";

  /** Rejection reason of a second row of one beneficiary and reference year. */
  public static final InputRejection DUPLICATE_YEAR =
      InputRejection.BENEFICIARY_AND_YEAR_READ_BEFORE_DUPLICATE_ROW;

  /** Rejection reason of an entitlement/buy-in indicator that is not a CMS code. */
  public static final InputRejection BAD_BUYIN = InputRejection.BAD_ENTITLEMENT_INDICATOR;

  /** Rejection reason of an HMO indicator that is not a CMS code. */
  public static final InputRejection BAD_HMO = InputRejection.BAD_HMO_INDICATOR;

  /** The text encoding of CMS files. */
  static final Charset CMS_CHARSET = Charset.forName("windows-1252");

  /** Names of the reference year column: research files, BFD extract. */
  static final String[] YEAR = {"BENE_ENROLLMT_REF_YR", "RFRNC_YR"};

  private static String[] buyin(int month) {
    return RifText.numbered(
        month,
        "MDCR_ENTLMT_BUYIN_IND_%02d",
        "BENE_MDCR_ENTLMT_BUYIN_IND_%02d",
        "BENE_ENTLMT_BUYIN_IND_%02d",
        "MDCR_ENTLMT_BUYIN_%d_IND");
  }

  private static String[] hmo(int month) {
    return RifText.numbered(month, "HMO_IND_%02d", "BENE_HMO_IND_%02d", "HMO_%d_IND");
  }

  private static final int[] SSA_CODE_OF = new int[UsState.values().length];

  static {
    for (int c = 1; c <= 54; c++) {
      int code = c;
      SsaStates.of(Integer.toString(c)).ifPresent(s -> SSA_CODE_OF[s.ordinal()] = code);
    }
  }

  private final SsaFipsCrosswalk crosswalk;

  /**
   * A reader.
   *
   * @param crosswalk maps SSA county codes to FIPS (null: keep SSA keys, as {@link
   *     SynpufBeneficiaryReader#withoutCrosswalk})
   */
  public RifBeneficiaryReader(SsaFipsCrosswalk crosswalk) {
    this.crosswalk = crosswalk;
  }

  /** A reader with the bundled SSA-to-FIPS crosswalk. */
  public RifBeneficiaryReader() {
    this(SsaFipsCrosswalk.bundled());
  }

  private static final class Person {
    LocalDate birth;
    LocalDate death;
    Sex sex;
    Geography geography;
    int year;
    final Set<Integer> years = new HashSet<>(4);
  }

  /**
   * Reads MBSF files (any number, any order, each of any reference years) into {@code sink}: spans
   * as rows are read, beneficiaries at the end. Counts into the context's tally; strict mode throws
   * the first bad row, lenient mode rejects it by reason (naming file, line and column).
   */
  public void read(List<Path> files, ReadContext context, RecordSink sink) {
    Map<String, Person> people = new TreeMap<>();
    for (Path f : files) {
      try (CsvTable t = context.openTable(f, CMS_CHARSET).rejectsTo(context.rejects())) {
        read(t, context, sink, people);
      }
    }
    finish(people, context, sink);
  }

  /** Reads one table (a file, or rows already split into cells) of MBSF rows; see {@link #read}. */
  public void read(CsvTable table, ReadContext context, RecordSink sink) {
    Map<String, Person> people = new TreeMap<>();
    try (CsvTable t = table.rejectsTo(context.rejects())) {
      read(t, context, sink, people);
    }
    finish(people, context, sink);
  }

  /**
   * The reference years the rows of {@code file} declare (cells that are not a year are left to the
   * reading, which rejects their rows).
   */
  static Set<Integer> years(Path file, ReadContext context) {
    Set<Integer> years = new java.util.TreeSet<>();
    try (CsvTable t = context.openTable(file, CMS_CHARSET)) {
      int year = RifText.optional(t, YEAR);
      if (year < 0) {
        return years;
      }
      t.minimumColumns(0);
      t.forEachRow(
          ROWS,
          new IngestTally(),
          false,
          row -> {
            try {
              int y = Integer.parseInt(row.get(year));
              if (y >= 1900 && y <= 2999) {
                years.add(y);
              }
            } catch (NumberFormatException e) {
              // rejected when read
            }
          });
    }
    return years;
  }

  private void read(CsvTable t, ReadContext context, RecordSink sink, Map<String, Person> people) {
    // BFD extracts end each row with a separator: one cell more than the header
    t.minimumColumns(t.header().size());
    int id = t.require("BENE_ID");
    int year = RifText.require(t, YEAR);
    int birth = t.require("BENE_BIRTH_DT");
    int death = RifText.require(t, "BENE_DEATH_DT", "DEATH_DT");
    int sex = RifText.require(t, "SEX_IDENT_CD", "BENE_SEX_IDENT_CD");
    int state = RifText.require(t, "STATE_CODE", "BENE_STATE_CD");
    int county = RifText.require(t, "COUNTY_CD", "BENE_COUNTY_CD");
    int[] buyin = new int[12];
    int[] hmo = new int[12];
    for (int m = 1; m <= 12; m++) {
      buyin[m - 1] = RifText.require(t, buyin(m));
      hmo[m - 1] = RifText.require(t, hmo(m));
    }
    IngestTally tally = context.tally();
    t.forEachRow(
        ROWS,
        tally,
        context.strict(),
        row -> {
          String bene = row.required(id);
          row.required(year);
          int y = row.integer(year, 1900, 2999);
          LocalDate born = RifText.requiredDate(row, birth);
          Optional<LocalDate> died = RifText.date(row, death);
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
          Geography geo = residence(row, state, county, tally);
          Program[] months = new Program[12];
          for (int m = 0; m < 12; m++) {
            months[m] = program(row, buyin[m], hmo[m], tally);
            if (months[m] != null && died.isPresent()) {
              LocalDate first = LocalDate.of(y, m + 1, 1);
              if (first.isAfter(died.get())) {
                tally.note(AFTER_DEATH);
                months[m] = null;
              }
            }
          }
          Person p = people.get(bene);
          if (p != null && p.years.contains(y)) {
            throw row.error(
                DUPLICATE_YEAR,
                year,
                "beneficiary " + bene + " has a row for " + y + " already: read once");
          }
          if (p == null) {
            p = new Person();
            people.put(bene, p);
          } else if (!p.birth.equals(born) || p.sex != s) {
            tally.note("birth date or sex differs between years (latest year kept)");
          }
          p.years.add(y);
          if (p.year <= y) {
            p.birth = born;
            p.death = died.orElse(p.death);
            p.sex = s;
            p.geography = geo;
            p.year = y;
          } else if (died.isPresent() && p.death == null) {
            p.death = died.get();
          }
          spans(bene, y, months, geo).forEach(sink::enrollment);
        });
  }

  private static Program program(
      CsvTable.Row row, int buyinColumn, int hmoColumn, IngestTally tally) {
    String b = row.get(buyinColumn).toUpperCase(Locale.ROOT);
    String h = row.get(hmoColumn).toUpperCase(Locale.ROOT);
    if (b.length() > 1 || (b.length() == 1 && "0123ABC".indexOf(b.charAt(0)) < 0)) {
      throw row.error(
          BAD_BUYIN,
          buyinColumn,
          "'" + b + "' is not an entitlement/buy-in code (0, 1, 2, 3, A, B or C)");
    }
    if (h.length() > 1 || (h.length() == 1 && "0124ABC".indexOf(h.charAt(0)) < 0)) {
      throw row.error(BAD_HMO, hmoColumn, "'" + h + "' is not an HMO code (0, 1, 2, 4, A, B or C)");
    }
    if (b.equals("0")) {
      return null;
    }
    if (b.isEmpty() || h.isEmpty()) {
      if (!(b.isEmpty() && h.isEmpty())) {
        tally.note(BLANK_MONTH);
      }
      return null;
    }
    if ("12ABC".contains(h)) {
      return Program.MEDICARE_ADVANTAGE;
    }
    if ("23BC".contains(b)) {
      return Program.MEDICARE_FFS;
    }
    return SynpufBeneficiaryReader.PART_A_ONLY;
  }

  private Geography residence(CsvTable.Row row, int state, int county, IngestTally tally) {
    String stateCode = row.get(state);
    Optional<UsState> usState = SsaStates.of(stateCode);
    int ssaState = 0;
    if (usState.isPresent()) {
      ssaState = Integer.parseInt(stateCode);
    } else if (stateCode.length() == 2 && Character.isLetter(stateCode.charAt(0))) {
      try {
        usState = Optional.of(UsState.parse(stateCode));
      } catch (InvalidValueException e) {
        throw row.error(
            ReadRejection.BAD_STATE, state, "'" + stateCode + "' is not an SSA state code (1-54)");
      }
      ssaState = SSA_CODE_OF[usState.get().ordinal()];
      tally.note(USPS_STATE);
    } else if (!stateCode.isEmpty() && !stateCode.chars().allMatch(Character::isDigit)) {
      throw row.error(
          ReadRejection.BAD_STATE, state, "'" + stateCode + "' is not an SSA state code (1-54)");
    } else {
      tally.note(SynpufBeneficiaryReader.NO_STATE);
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
      if (ssaState > 0) {
        ssaCounty = String.format(Locale.ROOT, "%02d%03d", ssaState, Integer.parseInt(countyCode));
      }
    }
    Geography geo = Geography.ofSsa(usState.orElse(null), ssaCounty);
    if (crosswalk != null && ssaCounty != null) {
      Optional<String> fips = crosswalk.fips(ssaCounty);
      if (fips.isEmpty()) {
        tally.note(SynpufBeneficiaryReader.UNMAPPED_COUNTY);
        tally.unknownCode("SSA county", ssaCounty);
      } else if (usState.get().fips().isEmpty() || !fips.get().startsWith(usState.get().fips())) {
        tally.note(SynpufBeneficiaryReader.FIPS_OUTSIDE_STATE);
      } else {
        geo = new Geography(usState, fips, Optional.of(ssaCounty), Optional.empty());
      }
    }
    return geo;
  }

  /** Runs of months of one program, as spans with the year's residence. */
  static List<Enrollment> spans(String bene, int year, Program[] months, Geography residence) {
    List<Enrollment> out = new ArrayList<>();
    int start = 0;
    for (int m = 1; m <= 12; m++) {
      Program run = months[start];
      if (m == 12 || !Objects.equals(run, months[m])) {
        if (run != null) {
          LocalDate last = LocalDate.of(year, m, 1);
          out.add(
              new Enrollment(
                  bene,
                  LocalDate.of(year, start + 1, 1),
                  last.withDayOfMonth(last.lengthOfMonth()),
                  run,
                  Optional.of(residence)));
        }
        start = m;
      }
    }
    return out;
  }

  private static void finish(Map<String, Person> people, ReadContext context, RecordSink sink) {
    people.forEach(
        (id, p) -> {
          if (p.death != null && p.death.isBefore(p.birth)) {
            context
                .tally()
                .note(
                    "death date of one year before the birth date of a later year (death dropped)");
            p.death = null;
          }
          sink.beneficiary(
              new Beneficiary(id, p.birth, Optional.ofNullable(p.death), p.sex, p.geography));
        });
  }
}
