package org.mpindex.io.omop;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.mpindex.core.claims.Beneficiary;
import org.mpindex.core.claims.Enrollment;
import org.mpindex.core.claims.Geography;
import org.mpindex.core.claims.InvalidValueException;
import org.mpindex.core.claims.Program;
import org.mpindex.core.claims.Sex;
import org.mpindex.core.claims.UsState;
import org.mpindex.core.index.RecordSink;
import org.mpindex.core.spi.MalformedRecordException;
import org.mpindex.core.text.CsvTable;
import org.mpindex.core.text.ReadRejection;
import org.mpindex.io.SsaStates;
import org.mpindex.io.SynpufBeneficiaryReader;
import org.mpindex.io.input.InputFiles;
import org.mpindex.io.input.ReadContext;

/**
 * Reads the people of an OMOP CDM database: {@code location}, {@code person}, {@code death}, then
 * coverage from {@code payer_plan_period} (or {@code observation_period} when the format was asked
 * to), emitting one {@link Beneficiary} per person and non-overlapping {@link Enrollment} spans.
 * Holds one small record per person (not the files) until the end.
 */
final class OmopPeople {

  private final OmopFormat format;
  private final ReadContext context;

  /** Person by id, in id order. */
  final Map<String, Person> people = new TreeMap<>();

  private final Map<String, Geography> locations = new HashMap<>();

  static final class Person {
    final LocalDate birth;
    LocalDate death;
    final Sex sex;
    final Geography geography;

    /** Coverage periods: start, end (inclusive), part. */
    final List<Object[]> periods = new ArrayList<>();

    Person(LocalDate birth, Sex sex, Geography geography) {
      this.birth = birth;
      this.sex = sex;
      this.geography = geography;
    }
  }

  OmopPeople(OmopFormat format, ReadContext context) {
    this.format = format;
    this.context = context;
  }

  private CsvTable open(Path f) {
    return context.openTable(f, StandardCharsets.UTF_8).rejectsTo(context.rejects());
  }

  void read(InputFiles files, RecordSink sink) {
    for (Path f : files.of(OmopTables.LOCATION.name())) {
      readLocations(f);
    }
    List<Path> personFiles = files.of(OmopTables.PERSON.name());
    for (Path f : personFiles) {
      readPersons(f);
    }
    for (Path f : files.of(OmopTables.DEATH.name())) {
      readDeaths(f);
    }
    long coverageRows = 0;
    for (Path f : files.of(OmopTables.PAYER_PLAN_PERIOD.name())) {
      coverageRows += readPlans(f);
    }
    // the rule is about the whole table: a part of it (one partition's rows) without rows does not
    // make it empty when the rest of it has some
    boolean rowsElsewhere =
        files.of(OmopTables.PAYER_PLAN_PERIOD.name()).stream()
            .anyMatch(context.tables()::wholeTableHasRows);
    if (coverageRows == 0 && !rowsElsewhere) {
      if (format.observationPeriodProgram().isEmpty()) {
        List<Path> given = files.of(OmopTables.PAYER_PLAN_PERIOD.name());
        throw new MalformedRecordException(
            OmopFormat.NO_COVERAGE,
            given.isEmpty() ? "payer_plan_period" : given.get(0).toString(),
            1,
            null,
            given.isEmpty()
                ? "no payer_plan_period table: the index needs coverage (who was in traditional"
                    + " Medicare when); an EHR-derived database has none. Give payer_plan_period,"
                    + " or take observation_period as coverage explicitly"
                    + " (OmopFormat.withObservationPeriodsAs)"
                : "payer_plan_period has no rows: the index needs coverage (who was in traditional"
                    + " Medicare when); an EHR-derived database has none. Take observation_period as"
                    + " coverage explicitly (OmopFormat.withObservationPeriodsAs) if that is what"
                    + " it means");
      }
      for (Path f : files.of(OmopTables.OBSERVATION_PERIOD.name())) {
        readObservationPeriods(f);
      }
    }
    people.forEach(
        (id, p) ->
            sink.beneficiary(
                new Beneficiary(id, p.birth, Optional.ofNullable(p.death), p.sex, p.geography)));
    people.forEach((id, p) -> spans(id, p).forEach(sink::enrollment));
  }

  // ---- location

  private void readLocations(Path f) {
    try (CsvTable t = open(f)) {
      int id = t.require("location_id");
      int state = t.optional("state");
      int county = t.optional("county");
      int zip = t.optional("zip");
      t.forEachRow(
          OmopFormat.rowsOf("location"),
          context.tally(),
          context.strict(),
          row -> {
            String key = row.required(id);
            if (locations.containsKey(key)) {
              throw row.error(
                  ReadRejection.DUPLICATE_LOCATION_ID,
                  id,
                  "location " + key + " was read before: read once");
            }
            locations.put(key, geography(row, state, county, zip));
          });
    }
  }

  /** The residence of a location row; see docs/formats/omop.md for the rules. */
  private Geography geography(CsvTable.Row row, int stateCol, int countyCol, int zipCol) {
    String s = row.get(stateCol);
    String c = row.get(countyCol);
    String z = row.get(zipCol);
    Optional<String> zip5 = Optional.empty();
    if (z.length() >= 5 && z.substring(0, 5).chars().allMatch(Character::isDigit)) {
      zip5 = Optional.of(z.substring(0, 5));
    } else if (!z.isEmpty()) {
      context.tally().note(OmopFormat.ZIP_NOT_READ);
    }
    if (s.isEmpty()) {
      return new Geography(Optional.empty(), Optional.empty(), Optional.empty(), zip5);
    }
    boolean numeric = s.chars().allMatch(Character::isDigit);
    if (numeric && format.numericStatesAreSsa()) {
      // ETL-CMS writes DE-SynPUF's SSA codes: SP_STATE_CODE and BENE_COUNTY_CD; read as the
      // DE-SynPUF reader reads them, so the groups are the same
      Optional<UsState> st = SsaStates.of(s);
      if (st.isEmpty()) {
        context.tally().note(SynpufBeneficiaryReader.NO_STATE);
        return new Geography(Optional.empty(), Optional.empty(), Optional.empty(), zip5);
      }
      String ssa = null;
      if (!c.isEmpty()) {
        if (c.length() > 3 || !c.chars().allMatch(Character::isDigit)) {
          throw row.error(
              ReadRejection.BAD_COUNTY, countyCol, "'" + c + "' is not an SSA county code (0-999)");
        }
        ssa = String.format(Locale.ROOT, "%02d%03d", Integer.parseInt(s), Integer.parseInt(c));
      }
      Geography geo =
          new Geography(Optional.of(st.get()), Optional.empty(), Optional.ofNullable(ssa), zip5);
      if (ssa != null && format.crosswalk() != null) {
        Optional<String> fips = format.crosswalk().fips(ssa);
        if (fips.isEmpty()) {
          context.tally().note(SynpufBeneficiaryReader.UNMAPPED_COUNTY);
          context.tally().unknownCode("SSA county", ssa);
        } else if (st.get().fips().isEmpty() || !fips.get().startsWith(st.get().fips())) {
          context.tally().note(SynpufBeneficiaryReader.FIPS_OUTSIDE_STATE);
        } else {
          geo = new Geography(Optional.of(st.get()), fips, Optional.of(ssa), zip5);
        }
      }
      return geo;
    }
    UsState st;
    try {
      st = numeric ? UsState.ofFips(s.length() == 1 ? "0" + s : s) : UsState.parse(s);
    } catch (InvalidValueException e) {
      throw row.error(ReadRejection.BAD_STATE, stateCol, e.getMessage());
    }
    Optional<String> fips = Optional.empty();
    if (c.chars().allMatch(Character::isDigit) && (c.length() == 3 || c.length() == 5)) {
      String f = c.length() == 3 ? st.fips() + c : c;
      if (!st.fips().isEmpty() && f.startsWith(st.fips())) {
        fips = Optional.of(f);
      } else {
        context.tally().note(OmopFormat.COUNTY_NOT_READ);
      }
    } else if (!c.isEmpty()) {
      context.tally().note(OmopFormat.COUNTY_NOT_READ);
    }
    return new Geography(Optional.of(st), fips, Optional.empty(), zip5);
  }

  // ---- person

  private void readPersons(Path f) {
    try (CsvTable t = open(f)) {
      int id = t.require("person_id");
      int gender = t.require("gender_concept_id");
      int year = t.optional("year_of_birth");
      int month = t.optional("month_of_birth");
      int day = t.optional("day_of_birth");
      int datetime = t.optional("birth_datetime");
      int genderSource = t.optional("gender_source_value");
      int location = t.optional("location_id");
      if (year < 0 && datetime < 0) {
        t.require("year_of_birth");
      }
      t.forEachRow(
          OmopFormat.rowsOf("person"),
          context.tally(),
          context.strict(),
          row -> {
            String pid = row.required(id);
            if (people.containsKey(pid)) {
              throw row.error(
                  ReadRejection.DUPLICATE_PERSON_ID,
                  id,
                  "person " + pid + " was read before: read once");
            }
            LocalDate born = birth(row, year, month, day, datetime);
            Sex sex = sex(row, gender, genderSource);
            Geography geo = Geography.UNKNOWN;
            String loc = row.get(location);
            if (!loc.isEmpty()) {
              geo = locations.get(loc);
              if (geo == null) {
                context.tally().note(OmopFormat.LOCATION_NOT_FOUND);
                geo = Geography.UNKNOWN;
              }
            }
            people.put(pid, new Person(born, sex, geo));
          });
    }
  }

  private LocalDate birth(CsvTable.Row row, int year, int month, int day, int datetime) {
    String dt = row.get(datetime);
    if (!dt.isEmpty()) {
      String d = dt.length() >= 10 ? dt.substring(0, 10) : dt;
      Optional<LocalDate> parsed = CsvTable.parseDate(d);
      if (parsed.isEmpty()) {
        throw row.error(
            ReadRejection.BAD_DATE, datetime, "'" + dt + "' is not a date (YYYY-MM-DD...)");
      }
      return parsed.get();
    }
    int y = row.integer(year, 1, 9999);
    String m = row.get(month);
    String d = row.get(day);
    if (m.isEmpty()) {
      context.tally().note(OmopFormat.BIRTH_MONTH_MISSING);
      return LocalDate.of(y, 7, 1);
    }
    int mm = row.integer(month, 1, 12);
    if (d.isEmpty()) {
      context.tally().note(OmopFormat.BIRTH_DAY_MISSING);
      return LocalDate.of(y, mm, 15);
    }
    int dd = row.integer(day, 1, LocalDate.of(y, mm, 1).lengthOfMonth());
    return LocalDate.of(y, mm, dd);
  }

  /** OMOP gender concepts: 8507 male, 8532 female; 0, 8551, 8521, 8570 unknown (see the doc). */
  private Sex sex(CsvTable.Row row, int gender, int source) {
    String g = row.get(gender);
    switch (g) {
      case "8507" -> {
        return Sex.MALE;
      }
      case "8532" -> {
        return Sex.FEMALE;
      }
      case "", "0", "8551", "8521", "8570", "44814653", "44814649", "44814650" -> {
        String s = row.get(source);
        if (!s.isEmpty()) {
          try {
            Sex parsed = Sex.parse(s);
            if (parsed != Sex.UNKNOWN) {
              context.tally().note(OmopFormat.SEX_FROM_SOURCE);
            }
            return parsed;
          } catch (InvalidValueException e) {
            // an unknown gender with an unreadable source value: unknown
          }
        }
        return Sex.UNKNOWN;
      }
      default ->
          throw row.error(
              ReadRejection.BAD_GENDER,
              gender,
              "'"
                  + g
                  + "' is not an OMOP gender concept (8507 male, 8532 female; 0, 8551, 8521, 8570"
                  + " unknown)");
    }
  }

  // ---- death

  private void readDeaths(Path f) {
    try (CsvTable t = open(f)) {
      int id = t.require("person_id");
      int date = t.require("death_date");
      t.forEachRow(
          OmopFormat.rowsOf("death"),
          context.tally(),
          context.strict(),
          row -> {
            Person p = person(row, id);
            LocalDate d = row.requiredDate(date);
            if (d.isBefore(p.birth)) {
              throw row.error(
                  ReadRejection.DEATH_BEFORE_BIRTH,
                  date,
                  "'" + row.get(date) + "' is before the birth " + p.birth);
            }
            if (p.death != null) {
              context.tally().note(OmopFormat.TWO_DEATHS);
              if (!d.isBefore(p.death)) {
                return;
              }
            }
            p.death = d;
          });
    }
  }

  private Person person(CsvTable.Row row, int id) {
    String pid = row.required(id);
    Person p = people.get(pid);
    if (p == null) {
      throw row.error(OmopFormat.UNKNOWN_PERSON, id, "no person row for person_id '" + pid + "'");
    }
    return p;
  }

  // ---- coverage

  private long readPlans(Path f) {
    long[] rows = {0};
    try (CsvTable t = open(f)) {
      int id = t.require("person_id");
      int start = t.require("payer_plan_period_start_date");
      int end = t.require("payer_plan_period_end_date");
      int concept = t.optional("payer_concept_id");
      int payer = t.optional("payer_source_value");
      int plan = t.optional("plan_source_value");
      t.forEachRow(
          OmopFormat.rowsOf("payer_plan_period"),
          context.tally(),
          context.strict(),
          row -> {
            rows[0]++;
            Person p = person(row, id);
            LocalDate from = row.requiredDate(start);
            LocalDate to = row.requiredDate(end);
            if (to.isBefore(from)) {
              throw row.error(
                  ReadRejection.BAD_DATES,
                  end,
                  "'"
                      + row.get(end)
                      + "' is before payer_plan_period_start_date "
                      + row.get(start));
            }
            Optional<Long> c = Optional.empty();
            String cv = row.get(concept);
            if (!cv.isEmpty() && !cv.equals("0")) {
              try {
                c = Optional.of(Long.parseLong(cv));
              } catch (NumberFormatException e) {
                throw row.error(
                    ReadRejection.BAD_NUMBER, concept, "'" + cv + "' is not a concept id");
              }
            }
            Optional<PlanRule.Part> part = format.plans().partOf(c, row.get(payer), row.get(plan));
            if (part.isEmpty() || part.get() == PlanRule.Part.NONE) {
              context.tally().note(OmopFormat.PLAN_NOT_COVERAGE);
              if (part.isEmpty()) {
                context
                    .tally()
                    .unknownCode("OMOP plan", (row.get(payer) + " " + row.get(plan)).strip());
              }
              return;
            }
            p.periods.add(new Object[] {from, to, part.get()});
          });
    }
    return rows[0];
  }

  private void readObservationPeriods(Path f) {
    try (CsvTable t = open(f)) {
      int id = t.require("person_id");
      int start = t.require("observation_period_start_date");
      int end = t.require("observation_period_end_date");
      t.forEachRow(
          OmopFormat.rowsOf("observation_period"),
          context.tally(),
          context.strict(),
          row -> {
            Person p = person(row, id);
            LocalDate from = row.requiredDate(start);
            LocalDate to = row.requiredDate(end);
            if (to.isBefore(from)) {
              throw row.error(
                  ReadRejection.BAD_DATES,
                  end,
                  "'"
                      + row.get(end)
                      + "' is before observation_period_start_date "
                      + row.get(start));
            }
            p.periods.add(new Object[] {from, to, null});
          });
    }
  }

  /**
   * Non-overlapping spans: each day takes the program of the periods covering it (Advantage over
   * Part B over Part A; an observation period taken as coverage gives its program).
   */
  private List<Enrollment> spans(String id, Person p) {
    TreeSet<LocalDate> cuts = new TreeSet<>();
    for (Object[] period : p.periods) {
      cuts.add((LocalDate) period[0]);
      cuts.add(((LocalDate) period[1]).plusDays(1));
    }
    List<Enrollment> out = new ArrayList<>();
    LocalDate runStart = null;
    Program run = null;
    LocalDate prev = null;
    for (LocalDate cut : cuts) {
      if (prev != null) {
        Program prog = programOn(p, prev);
        if (!java.util.Objects.equals(prog, run)) {
          if (run != null) {
            out.add(new Enrollment(id, runStart, prev.minusDays(1), run, Optional.of(p.geography)));
          }
          run = prog;
          runStart = prev;
        }
      }
      prev = cut;
    }
    if (run != null) {
      out.add(new Enrollment(id, runStart, prev.minusDays(1), run, Optional.of(p.geography)));
    }
    return out;
  }

  private Program programOn(Person p, LocalDate day) {
    boolean a = false;
    boolean b = false;
    boolean advantage = false;
    Program observed = null;
    for (Object[] period : p.periods) {
      if (day.isBefore((LocalDate) period[0]) || day.isAfter((LocalDate) period[1])) {
        continue;
      }
      PlanRule.Part part = (PlanRule.Part) period[2];
      if (part == null) {
        observed = format.observationPeriodProgram().orElseThrow();
      } else {
        switch (part) {
          case PART_A -> a = true;
          case PART_B -> b = true;
          case ADVANTAGE -> advantage = true;
          case NONE -> {}
        }
      }
    }
    if (advantage) {
      return Program.MEDICARE_ADVANTAGE;
    }
    if (b) {
      return Program.MEDICARE_FFS;
    }
    if (a) {
      return SynpufBeneficiaryReader.PART_A_ONLY;
    }
    return observed;
  }
}
