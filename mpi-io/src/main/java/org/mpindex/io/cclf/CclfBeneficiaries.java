package org.mpindex.io.cclf;

import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
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
import org.mpindex.core.index.RecordSink;
import org.mpindex.core.text.CsvTable;
import org.mpindex.core.text.ReadRejection;
import org.mpindex.io.InputRecordKind;
import org.mpindex.io.cclf.CclfValues.Delivery;
import org.mpindex.io.input.ReadContext;

/**
 * Reads CCLF8 (Beneficiary Demographics) files: one {@link Beneficiary} per current MBI (previous
 * MBIs mapped by CCLF9 first) with the values of its latest delivery, and one {@code MEDICARE_FFS}
 * {@link Enrollment} span of Part B coverage (the rule is {@link #COVERAGE_RULE}). Every row is
 * counted under {@link #ROWS}; people are given to the sink at the end, in MBI order, so the result
 * does not depend on the order of rows or files. Memory: one small record per beneficiary.
 */
final class CclfBeneficiaries {
  /** Tally record kind of CCLF8 rows. */
  static final InputRecordKind ROWS = InputRecordKind.CCLF8_BENEFICIARY_ROWS;

  /** The eligibility rule, as the run's spec and the docs state it. */
  static final String COVERAGE_RULE =
      "CCLF8: Part B fee-for-service from the first day of the month of BENE_PART_B_ENRLMT_BGN_DT"
          + " to the last day of the month of death (BENE_DEATH_DT) or else of the month of the"
          + " beneficiary's latest CCLF8 delivery (FILE_DATE); none when the latest delivery's"
          + " BENE_ENTLMT_BUYIN_IND says no Part B (0, 1, A)";

  /** Note: beneficiaries without a Part B enrollment date (no coverage span). */
  static final String NO_PART_B_DATE =
      "CCLF8 beneficiaries without BENE_PART_B_ENRLMT_BGN_DT (no coverage span)";

  /** Note: beneficiaries whose latest buy-in indicator says no Part B. */
  static final String NO_PART_B =
      "CCLF8 beneficiaries without Part B in their latest BENE_ENTLMT_BUYIN_IND (no coverage span)";

  /** Note: beneficiaries whose coverage would end before it starts. */
  static final String COVERAGE_ENDS_BEFORE_START =
      "CCLF8 beneficiaries whose death or latest delivery is before their Part B start (no span)";

  /** Note: birth date or sex differing between deliveries (latest kept). */
  static final String DIFFERS = "CCLF8 birth date or sex differs between deliveries (latest kept)";

  /** Note: rows of a previous MBI, read under the current MBI of CCLF9. */
  static final String REMAPPED = "CCLF8 rows of a previous MBI (read under its current MBI)";

  /** Note: a FIPS state code of no state (kept, no state). */
  static final String UNKNOWN_STATE = "CCLF8 FIPS state codes of no state (kept, no state)";

  private static final Set<String> WITHOUT_PART_B = Set.of("0", "1", "A");
  private static final Set<String> WITH_PART_B = Set.of("2", "3", "B", "C");

  private static final class Person {
    Delivery delivery;
    long line;
    LocalDate birth;
    Sex sex;
    Geography geography;
    LocalDate partB;
    String buyIn;
    LocalDate latestDelivery;
    LocalDate death;
    Delivery deathDelivery;
  }

  private CclfBeneficiaries() {}

  /** Reads the files into {@code sink}: beneficiaries and coverage spans, at the end. */
  static void read(
      List<Path> files, Charset charset, CclfIds ids, ReadContext context, RecordSink sink) {
    Map<String, Person> people = new TreeMap<>();
    for (int f = 0; f < files.size(); f++) {
      read(files.get(f), f, charset, ids, context, people);
    }
    people.forEach((id, p) -> emit(id, p, context, sink));
  }

  private static void read(
      Path file,
      int fileIndex,
      Charset charset,
      CclfIds ids,
      ReadContext context,
      Map<String, Person> people) {
    try (CsvTable t = context.openTable(file, charset).rejectsTo(context.rejects())) {
      int mbi = t.require("BENE_MBI_ID");
      int dob = t.require("BENE_DOB");
      int sex = t.require("BENE_SEX_CD");
      int death = t.optional("BENE_DEATH_DT");
      int state = t.optional("BENE_FIPS_STATE_CD");
      int county = t.optional("BENE_FIPS_CNTY_CD");
      int zip = t.optional("BENE_ZIP_CD");
      int partB = t.require("BENE_PART_B_ENRLMT_BGN_DT");
      int buyIn = t.optional("BENE_ENTLMT_BUYIN_IND");
      int fileDate = t.optional("FILE_DATE");
      int fileName = t.optional("FILE_NAME");
      t.forEachRow(
          ROWS,
          context.tally(),
          context.strict(),
          row -> {
            String given = CclfValues.required(row, mbi);
            String id = ids.current(given);
            LocalDate born = CclfValues.requiredDate(row, dob);
            Optional<LocalDate> died = CclfValues.date(row, death);
            if (died.isPresent() && died.get().isBefore(born)) {
              throw row.error(
                  ReadRejection.DEATH_BEFORE_BIRTH,
                  death,
                  "'" + row.get(death) + "' is before BENE_DOB " + row.get(dob));
            }
            Sex s;
            try {
              s = Sex.parse(CclfValues.required(row, sex));
            } catch (InvalidValueException e) {
              throw row.error(ReadRejection.BAD_SEX, sex, e.getMessage());
            }
            Geography geo = geography(row, state, county, zip, context);
            Optional<LocalDate> partBStart = CclfValues.date(row, partB);
            String buy = CclfValues.get(row, buyIn).toUpperCase(java.util.Locale.ROOT);
            if (!buy.isEmpty() && !WITHOUT_PART_B.contains(buy) && !WITH_PART_B.contains(buy)) {
              throw row.error(
                  ReadRejection.BAD_BUY_IN_INDICATOR,
                  buyIn,
                  "'" + buy + "' is not an entitlement buy-in code (0, 1, 2, 3, A, B, C)");
            }
            Optional<LocalDate> delivered = CclfValues.delivery(row, fileDate, fileName, file);
            if (delivered.isEmpty()) {
              throw row.error(
                  ReadRejection.NO_DELIVERY_DATE,
                  fileDate,
                  "no FILE_DATE, and no .Dyymmdd. date in FILE_NAME or the file's name: coverage"
                      + " cannot be ended");
            }
            if (!id.equals(given)) {
              context.tally().note(REMAPPED);
            }
            Delivery d = new Delivery(delivered.get(), fileIndex);
            Person p = people.get(id);
            if (p == null) {
              p = new Person();
              people.put(id, p);
            } else if (!p.birth.equals(born) || p.sex != s) {
              context.tally().note(DIFFERS);
            }
            int order = p.delivery == null ? 1 : d.compareTo(p.delivery);
            if (order > 0 || (order == 0 && row.line() > p.line)) {
              p.delivery = d;
              p.line = row.line();
              p.birth = born;
              p.sex = s;
              p.geography = geo;
              p.partB = partBStart.orElse(null);
              p.buyIn = buy;
            }
            if (p.latestDelivery == null || delivered.get().isAfter(p.latestDelivery)) {
              p.latestDelivery = delivered.get();
            }
            if (died.isPresent() && (p.deathDelivery == null || d.compareTo(p.deathDelivery) > 0)) {
              p.death = died.get();
              p.deathDelivery = d;
            }
          });
    }
  }

  private static Geography geography(
      CsvTable.Row row, int state, int county, int zip, ReadContext context) {
    String s = CclfValues.get(row, state);
    String c = CclfValues.get(row, county);
    String z = CclfValues.get(row, zip);
    UsState st = null;
    if (!s.isEmpty()) {
      if (s.length() > 2 || !s.chars().allMatch(Character::isDigit)) {
        throw row.error(
            ReadRejection.BAD_STATE, state, "'" + s + "' is not a two-digit FIPS state code");
      }
      String fips = s.length() == 1 ? "0" + s : s;
      try {
        st = UsState.ofFips(fips);
      } catch (InvalidValueException e) {
        context.tally().note(UNKNOWN_STATE);
      }
    }
    String countyFips = null;
    if (!c.isEmpty()) {
      if (c.length() > 3 || !c.chars().allMatch(Character::isDigit)) {
        throw row.error(
            ReadRejection.BAD_COUNTY, county, "'" + c + "' is not a three-digit FIPS county code");
      }
      if (st != null) {
        countyFips = st.fips() + "000".substring(c.length()) + c;
      }
    }
    String zip5 = null;
    if (!z.isEmpty()) {
      if ((z.length() != 5 && z.length() != 9) || !z.chars().allMatch(Character::isDigit)) {
        throw row.error(
            ReadRejection.BAD_ZIP_CODE, zip, "'" + z + "' is not a 5- or 9-digit ZIP code");
      }
      zip5 = z.substring(0, 5);
    }
    try {
      return Geography.of(st, countyFips, zip5);
    } catch (InvalidValueException e) {
      throw row.error(ReadRejection.BAD_GEOGRAPHY, county, e.getMessage());
    }
  }

  private static void emit(String id, Person p, ReadContext context, RecordSink sink) {
    sink.beneficiary(
        new Beneficiary(id, p.birth, Optional.ofNullable(p.death), p.sex, p.geography));
    if (p.partB == null) {
      context.tally().note(NO_PART_B_DATE);
      return;
    }
    if (WITHOUT_PART_B.contains(p.buyIn)) {
      context.tally().note(NO_PART_B);
      return;
    }
    LocalDate start = p.partB.withDayOfMonth(1);
    LocalDate last = p.death != null ? p.death : p.latestDelivery;
    LocalDate end = YearMonth.from(last).atEndOfMonth();
    if (end.isBefore(start)) {
      context.tally().note(COVERAGE_ENDS_BEFORE_START);
      return;
    }
    sink.enrollment(new Enrollment(id, start, end, Program.MEDICARE_FFS, Optional.empty()));
  }
}
