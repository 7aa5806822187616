package org.mpindex.io.omop;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.mpindex.core.claims.Beneficiary;
import org.mpindex.core.claims.Claim;
import org.mpindex.core.claims.ClaimLine;
import org.mpindex.core.claims.ClaimType;
import org.mpindex.core.claims.CodeSystem;
import org.mpindex.core.claims.DiagnosisCode;
import org.mpindex.core.claims.InvalidValueException;
import org.mpindex.core.claims.Modifier;
import org.mpindex.core.claims.ProcedureCode;
import org.mpindex.core.index.RecordSink;
import org.mpindex.core.text.CsvTable;
import org.mpindex.core.text.ReadRejection;
import org.mpindex.io.TidyCsvReader;
import org.mpindex.io.input.InputFiles;
import org.mpindex.io.input.ReadContext;

/**
 * Reads the claims of an OMOP CDM database: visits ({@code visit_occurrence}) become claims, the
 * diagnoses and procedures in the {@code *_source_value} of the event tables go to the claim of
 * their {@code visit_occurrence_id} (a visit's diagnoses on each of its procedure lines, as CMS
 * files repeat a claim's diagnoses on its lines); an event without a visit is a claim of its own.
 * Visits are held until every table is read (one small record per visit with events), then handed
 * over in visit id order.
 */
final class OmopClaims {

  /** Vocabularies a concept table can tell for a source concept. */
  enum Vocabulary {
    ICD9CM,
    ICD10CM,
    HCPCS,
    CPT4,
    ICD9PROC,
    ICD10PCS
  }

  private record Proc(
      LocalDate from, LocalDate through, ProcedureCode code, List<Modifier> modifiers, int units) {}

  private static final class Visit {
    String person;
    LocalDate start;
    LocalDate end;
    ClaimType type;
    final TreeSet<DiagnosisCode> diagnoses = new TreeSet<>();
    final List<Proc> procedures = new ArrayList<>();
  }

  private final OmopFormat format;
  private final ReadContext context;
  private final Map<Long, Vocabulary> vocabularies = new HashMap<>();
  private final Map<String, Visit> visits = new TreeMap<>(ID_ORDER);

  /** Visit ids in numeric order when both are numbers, else as text. */
  private static final Comparator<String> ID_ORDER =
      (x, y) -> {
        boolean nx = !x.isEmpty() && x.length() < 19 && x.chars().allMatch(Character::isDigit);
        boolean ny = !y.isEmpty() && y.length() < 19 && y.chars().allMatch(Character::isDigit);
        if (nx && ny) {
          return Long.compare(Long.parseLong(x), Long.parseLong(y));
        }
        return nx != ny ? (nx ? -1 : 1) : x.compareTo(y);
      };

  OmopClaims(OmopFormat format, ReadContext context) {
    this.format = format;
    this.context = context;
  }

  private CsvTable open(Path f) {
    return context.openTable(f, StandardCharsets.UTF_8).rejectsTo(context.rejects());
  }

  void read(InputFiles files, RecordSink sink) {
    for (Path f : files.of(OmopTables.CONCEPT.name())) {
      readConcepts(f);
    }
    for (Path f : files.of(OmopTables.VISIT_OCCURRENCE.name())) {
      readVisits(f);
      context.fileRead().accept(f);
    }
    for (EventTable e : OmopTables.EVENTS) {
      for (Path f : files.of(e.name())) {
        readEvents(f, e, sink);
        context.fileRead().accept(f);
      }
    }
    long lines = 0;
    for (Map.Entry<String, Visit> v : visits.entrySet()) {
      List<ClaimLine> claim = lines(v.getKey(), v.getValue());
      if (claim.isEmpty()) {
        context.tally().note(OmopFormat.VISITS_WITHOUT_CODES);
      } else {
        sink.claim(new Claim(claim));
        lines += claim.size();
      }
    }
    if (lines > 0) {
      context.tally().note(OmopFormat.LINES_FROM_VISITS, lines);
    }
  }

  // ---- concept

  private void readConcepts(Path f) {
    try (CsvTable t = open(f)) {
      int id = t.require("concept_id");
      int vocabulary = t.require("vocabulary_id");
      t.forEachRow(
          OmopFormat.rowsOf("concept"),
          context.tally(),
          context.strict(),
          row -> {
            Vocabulary v = vocabularyOf(row.get(vocabulary));
            if (v == null) {
              return;
            }
            try {
              vocabularies.put(Long.parseLong(row.required(id)), v);
            } catch (NumberFormatException e) {
              throw row.error(
                  ReadRejection.BAD_NUMBER, id, "'" + row.get(id) + "' is not a concept id");
            }
          });
    }
  }

  private static Vocabulary vocabularyOf(String v) {
    return switch (v.toUpperCase(java.util.Locale.ROOT)) {
      case "ICD9CM" -> Vocabulary.ICD9CM;
      case "ICD10CM" -> Vocabulary.ICD10CM;
      case "HCPCS" -> Vocabulary.HCPCS;
      case "CPT4" -> Vocabulary.CPT4;
      case "ICD9PROC" -> Vocabulary.ICD9PROC;
      case "ICD10PCS" -> Vocabulary.ICD10PCS;
      default -> null;
    };
  }

  // ---- visits

  private void readVisits(Path f) {
    try (CsvTable t = open(f)) {
      int id = t.require("visit_occurrence_id");
      int person = t.require("person_id");
      int concept = t.optional("visit_concept_id");
      int start = t.require("visit_start_date");
      int end = t.optional("visit_end_date");
      int source = t.optional("visit_source_value");
      int sourceConcept = t.optional("visit_source_concept_id");
      t.forEachRow(
          OmopFormat.rowsOf("visit_occurrence"),
          context.tally(),
          context.strict(),
          row -> {
            String vid = row.required(id);
            String pid = row.required(person);
            LocalDate from = row.requiredDate(start);
            LocalDate to = row.date(end).orElse(from);
            if (to.isBefore(from)) {
              throw row.error(
                  ReadRejection.BAD_DATES,
                  end,
                  "'" + row.get(end) + "' is before visit_start_date " + row.get(start));
            }
            checkPerson(row, person, pid, start, from);
            Visit existing = visits.get(vid);
            if (existing != null && existing.type != null) {
              throw row.error(
                  ReadRejection.DUPLICATE_VISIT_OCCURRENCE_ID,
                  id,
                  "visit " + vid + " was read before: read once");
            }
            if (existing != null && !existing.person.equals(pid)) {
              throw otherPerson(row, id, vid, existing.person, pid);
            }
            Visit v = existing == null ? new Visit() : existing;
            v.person = pid;
            v.start = from;
            v.end = to;
            v.type = format.claimTypeOf(conceptId(row, concept));
            visits.put(vid, v);
            String code = row.get(source);
            Optional<Vocabulary> vocab = vocabulary(row, sourceConcept);
            if (!code.isEmpty()
                && (vocab.isEmpty()
                    ? hcpcs(code, CodeSystem.forServiceDate(from))
                    : vocab.get() == Vocabulary.HCPCS || vocab.get() == Vocabulary.CPT4)) {
              procedure(code).ifPresent(p -> v.procedures.add(new Proc(from, to, p, List.of(), 1)));
            } else if (!code.isEmpty()) {
              context.tally().note(OmopFormat.VISIT_SOURCE_NOT_A_CODE);
            }
          });
    }
  }

  private long conceptId(CsvTable.Row row, int column) {
    String v = row.get(column);
    if (v.isEmpty()) {
      return 0;
    }
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw row.error(ReadRejection.BAD_NUMBER, column, "'" + v + "' is not a concept id");
    }
  }

  private Optional<Vocabulary> vocabulary(CsvTable.Row row, int column) {
    if (column < 0 || vocabularies.isEmpty()) {
      return Optional.empty();
    }
    long c = conceptId(row, column);
    return c == 0 ? Optional.empty() : Optional.ofNullable(vocabularies.get(c));
  }

  private void checkPerson(CsvTable.Row row, int person, String pid, int dayColumn, LocalDate day) {
    if (!context.checksBeneficiaries()) {
      return;
    }
    Optional<Beneficiary> b = context.beneficiaries().apply(pid);
    if (b.isEmpty()) {
      throw row.error(
          OmopFormat.UNKNOWN_PERSON, person, "no person row for person_id '" + pid + "'");
    }
    if (day.isBefore(b.get().birthDate())) {
      throw row.error(
          TidyCsvReader.SERVICE_BEFORE_BIRTH,
          dayColumn,
          "service day " + day + " is before person " + pid + "'s birth on " + b.get().birthDate());
    }
    if (b.get().deathDate().isPresent() && day.isAfter(b.get().deathDate().get())) {
      throw row.error(
          TidyCsvReader.SERVICE_AFTER_DEATH,
          dayColumn,
          "service day "
              + day
              + " is after person "
              + pid
              + "'s death on "
              + b.get().deathDate().get());
    }
  }

  private static org.mpindex.core.spi.MalformedRecordException otherPerson(
      CsvTable.Row row, int column, String visit, String owner, String other) {
    return row.error(
        OmopFormat.VISIT_OF_ANOTHER_PERSON,
        column,
        "visit " + visit + " is person " + owner + "'s, not " + other + "'s");
  }

  // ---- events

  private void readEvents(Path f, EventTable e, RecordSink sink) {
    try (CsvTable t = open(f)) {
      int person = t.require("person_id");
      int date = t.require(e.date());
      int end = e.endDate() == null ? -1 : t.optional(e.endDate());
      int source = t.require(e.sourceValue());
      int sourceConcept = t.optional(e.sourceConcept());
      int quantity = e.quantity() == null ? -1 : t.optional(e.quantity());
      int modifier = e.modifier() == null ? -1 : t.optional(e.modifier());
      int visit = t.optional("visit_occurrence_id");
      int eventId =
          t.optional(e.name().equals("visit_detail") ? "visit_detail_id" : e.name() + "_id");
      t.forEachRow(
          OmopFormat.rowsOf(e.name()),
          context.tally(),
          context.strict(),
          row -> {
            String pid = row.required(person);
            LocalDate from = row.requiredDate(date);
            LocalDate to = row.date(end).orElse(from);
            if (to.isBefore(from)) {
              throw row.error(
                  ReadRejection.BAD_DATES,
                  end,
                  "'" + row.get(end) + "' is before " + e.date() + " " + row.get(date));
            }
            checkPerson(row, person, pid, date, from);
            int units = units(row, quantity);
            List<Modifier> modifiers = modifiers(row, modifier);
            String vid = row.get(visit);
            Visit v = null;
            if (!vid.isEmpty() && !vid.equals("0")) {
              v = visits.get(vid);
              if (v != null && !v.person.equals(pid)) {
                throw otherPerson(row, visit, vid, v.person, pid);
              }
            }
            // classify the code after the row's checks, so a rejected row adds nothing
            String code = row.get(source);
            if (code.isEmpty()) {
              context.tally().note(OmopFormat.NO_SOURCE_VALUE);
              return;
            }
            Optional<Vocabulary> vocab = vocabulary(row, sourceConcept);
            CodeSystem dateSystem = CodeSystem.forServiceDate(from);
            Optional<ProcedureCode> proc = Optional.empty();
            Optional<DiagnosisCode> dx = Optional.empty();
            if (vocab.isPresent()) {
              switch (vocab.get()) {
                case ICD9CM -> dx = diagnosis(row, source, CodeSystem.ICD9CM, true);
                case ICD10CM -> dx = diagnosis(row, source, CodeSystem.ICD10CM, true);
                case HCPCS, CPT4 -> proc = procedure(code);
                default -> context.tally().note(OmopFormat.NOT_A_CODE);
              }
            } else if (e.codes() == EventTable.Codes.DIAGNOSES
                || (e.codes() == EventTable.Codes.DIAGNOSES_FIRST
                    && DiagnosisCode.isValid(dateSystem, code))) {
              dx = diagnosis(row, source, dateSystem, true);
            } else if (hcpcs(code, dateSystem)) {
              proc = procedure(code);
            } else if ((e.codes() == EventTable.Codes.EITHER || Character.isLetter(code.charAt(0)))
                && DiagnosisCode.isValid(dateSystem, code)) {
              dx = diagnosis(row, source, dateSystem, false);
            } else {
              context.tally().note(OmopFormat.NOT_A_CODE);
            }
            if (proc.isEmpty() && dx.isEmpty()) {
              return;
            }
            if (v == null && !vid.isEmpty() && !vid.equals("0")) {
              // a visit id without a visit row: the events of that id still form one claim
              v = new Visit();
              v.person = pid;
              v.start = from;
              v.end = to;
              visits.put(vid, v);
              context.tally().note(OmopFormat.VISIT_NOT_FOUND);
            }
            if (v == null) {
              String claimId =
                  e.name()
                      + ":"
                      + (eventId >= 0 && !row.get(eventId).isEmpty()
                          ? row.get(eventId)
                          : "line " + row.line());
              ClaimLine.Builder b =
                  ClaimLine.builder()
                      .claimId(claimId)
                      .beneficiaryId(pid)
                      .serviceFrom(from)
                      .serviceThrough(to)
                      .claimType(format.claimTypeOf(0));
              dx.ifPresent(b::diagnosis);
              if (proc.isPresent()) {
                b.procedure(proc.get()).units(units);
                modifiers.forEach(b::modifier);
              } else {
                b.units(0);
              }
              sink.claim(new Claim(List.of(b.build())));
              context.tally().note(OmopFormat.EVENTS_WITHOUT_VISIT);
              return;
            }
            if (v.type == null) {
              // a visit known only from its events: its days are theirs
              v.start = from.isBefore(v.start) ? from : v.start;
              v.end = to.isAfter(v.end) ? to : v.end;
            }
            dx.ifPresent(v.diagnoses::add);
            if (proc.isPresent()) {
              v.procedures.add(new Proc(from, to, proc.get(), modifiers, units));
            }
          });
    }
  }

  private static final java.util.regex.Pattern SEPARATORS =
      java.util.regex.Pattern.compile("[,;| ]+");

  private int units(CsvTable.Row row, int column) {
    String q = row.get(column);
    if (q.isEmpty()) {
      return 1;
    }
    try {
      BigDecimal d = new BigDecimal(q);
      if (d.signum() < 0) {
        throw row.error(ReadRejection.BAD_QUANTITY, column, "'" + q + "' is negative");
      }
      int units = d.intValueExact();
      if (units == 0) {
        // the CDM: "a quantity of 0 in the source should default to 1 in the ETL"
        context.tally().note(OmopFormat.QUANTITY_ZERO);
        return 1;
      }
      return units;
    } catch (NumberFormatException | ArithmeticException e) {
      throw row.error(
          ReadRejection.BAD_QUANTITY, column, "'" + q + "' is not a whole number of units");
    }
  }

  private List<Modifier> modifiers(CsvTable.Row row, int column) {
    String m = row.get(column);
    if (m.isEmpty()) {
      return List.of();
    }
    List<Modifier> out = new ArrayList<>();
    for (String part : SEPARATORS.split(m, -1)) {
      if (part.isEmpty() || out.size() == ClaimLine.MAX_MODIFIERS) {
        continue;
      }
      try {
        out.add(Modifier.of(part));
      } catch (InvalidValueException e) {
        context.tally().unknownCode("invalid modifier", part);
      }
    }
    return out;
  }

  /**
   * Whether a source value is a HCPCS/CPT code: well formed, and, in the ICD-9 era, not an ICD-9-CM
   * V or E code in HCPCS shape (HCPCS V codes are V2xxx and V5xxx, HCPCS E codes E0xxx to E2xxx;
   * ICD-9-CM's are V01-V91 and E800-E999), so that {@code V0751} is the diagnosis ETL-CMS moved.
   */
  static boolean hcpcs(String code, CodeSystem dateSystem) {
    if (!ProcedureCode.isValid(code)) {
      return false;
    }
    String c = code.strip().toUpperCase(java.util.Locale.ROOT);
    if (dateSystem == CodeSystem.ICD9CM) {
      char first = c.charAt(0);
      char second = c.charAt(1);
      if (first == 'V') {
        return second == '2' || second == '5';
      }
      if (first == 'E') {
        return second <= '2';
      }
    }
    return true;
  }

  private Optional<ProcedureCode> procedure(String code) {
    try {
      return Optional.of(ProcedureCode.of(code));
    } catch (InvalidValueException e) {
      context.tally().unknownCode("invalid HCPCS", code);
      return Optional.empty();
    }
  }

  private Optional<DiagnosisCode> diagnosis(
      CsvTable.Row row, int column, CodeSystem system, boolean mustBe) {
    String v = row.get(column);
    Optional<DiagnosisCode> d = DiagnosisCode.tryParse(system, v);
    if (d.isEmpty() && mustBe) {
      if (context.strict()) {
        try {
          DiagnosisCode.of(system, v);
        } catch (InvalidValueException e) {
          throw row.error(ReadRejection.INVALID_DIAGNOSIS_CODE, column, e.getMessage());
        }
      }
      context.tally().unknownCode("invalid " + system.displayName(), v);
    }
    return d;
  }

  // ---- claims

  private List<ClaimLine> lines(String id, Visit v) {
    List<ClaimLine> out = new ArrayList<>();
    ClaimType type = v.type == null ? format.claimTypeOf(0) : v.type;
    List<DiagnosisCode> dx = List.copyOf(v.diagnoses);
    List<Proc> procs = new ArrayList<>(v.procedures);
    procs.sort(
        Comparator.comparing(Proc::from)
            .thenComparing(Proc::code)
            .thenComparing(p -> p.modifiers().toString())
            .thenComparingInt(Proc::units));
    for (Proc p : procs) {
      LocalDate through = v.end.isAfter(p.through()) ? v.end : p.through();
      ClaimLine.Builder b =
          ClaimLine.builder()
              .claimId(id)
              .beneficiaryId(v.person)
              .serviceFrom(p.from())
              .serviceThrough(through.isBefore(p.from()) ? p.from() : through)
              .claimType(type)
              .diagnoses(dx)
              .procedure(p.code())
              .units(p.units());
      p.modifiers().forEach(b::modifier);
      out.add(b.build());
    }
    if (out.isEmpty() && !dx.isEmpty()) {
      out.add(
          ClaimLine.builder()
              .claimId(id)
              .beneficiaryId(v.person)
              .serviceFrom(v.start)
              .serviceThrough(v.end)
              .claimType(type)
              .diagnoses(dx)
              .units(0)
              .build());
    }
    return out;
  }
}
