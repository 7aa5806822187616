package org.mpindex.io.rif;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.SplittableRandom;
import org.mpindex.core.claims.Beneficiary;
import org.mpindex.core.claims.ClaimLine;
import org.mpindex.core.claims.ClaimType;
import org.mpindex.core.claims.DiagnosisCode;
import org.mpindex.core.claims.Enrollment;
import org.mpindex.core.claims.Geography;
import org.mpindex.core.claims.PlaceOfService;
import org.mpindex.core.claims.ProcedureCode;
import org.mpindex.core.claims.Program;
import org.mpindex.core.claims.Sex;
import org.mpindex.core.claims.UsState;
import org.mpindex.core.index.ClaimDating;
import org.mpindex.core.index.Grouping;
import org.mpindex.core.index.IndexAssembler;
import org.mpindex.core.index.IngestMode;
import org.mpindex.core.index.MpiResult;
import org.mpindex.core.index.MpiSpec;
import org.mpindex.core.index.RecordSink;
import org.mpindex.core.index.StudyPeriod;
import org.mpindex.core.spi.MalformedRecordException;
import org.mpindex.io.TidyCsvReader;
import org.mpindex.io.input.InputFiles;
import org.mpindex.io.input.ReadContext;
import org.mpindex.testkit.Population;
import org.mpindex.testkit.SimpleBurdenGrouper;
import org.mpindex.testkit.SimpleEffortCalculator;
import org.mpindex.testkit.layouts.TidyLayout;

/**
 * A small random Medicare population for 2009-2010, known month by month, and a writer of it both
 * as Medicare research files (MBSF, carrier and outpatient claims, in either claims layout, with the
 * codes' every equivalent spelling: kept here rather than in the testkit's {@code RifLayout}, which
 * writes one spelling of one layout) and, through {@link #population()} and the testkit's {@link
 * TidyLayout}, as the library's tidy CSV, so that the index from each can be compared. Test code
 * only.
 */
final class RifWorld {
  static final int FIRST_YEAR = 2009;
  static final int LAST_YEAR = 2010;
  static final StudyPeriod PERIOD =
      StudyPeriod.of(LocalDate.of(FIRST_YEAR, 1, 1), LocalDate.of(LAST_YEAR, 12, 31));

  /** A month's program: none, FFS, Medicare Advantage, Part A only. */
  enum Plan {
    NONE,
    FFS,
    MA,
    PART_A
  }

  /** SSA state, SSA county, USPS state, FIPS county (rows of the bundled crosswalk). */
  static final String[][] PLACES = {
    {"10", "470", "FL", "12095"}, // Orange, FL
    {"05", "200", "CA", "06037"}, // Los Angeles, CA
    {"45", "000", "TX", "48001"}, // Anderson, TX
  };

  static final String[] HCPCS = {"99213", "99214", "71020", "27447"};
  static final String[] ICD9 = {"4019", "25000", "4280", "496"};

  record Year(int year, int place, List<Plan> months) {}

  record Line(String hcpcs, String modifier, int units, String pos, String status, String dx) {}

  record Claim(
      String id,
      boolean carrier,
      LocalDate from,
      LocalDate thru,
      List<String> dx,
      List<Line> lines) {}

  record Person(
      String id,
      LocalDate birth,
      LocalDate death,
      String sex,
      List<Year> years,
      List<Claim> claims) {}

  final List<Person> people = new ArrayList<>();

  /** A population of {@code n} people drawn from {@code seed}. */
  static RifWorld random(long seed, int n) {
    SplittableRandom r = new SplittableRandom(seed);
    RifWorld w = new RifWorld();
    int claimNo = 0;
    for (int i = 0; i < n; i++) {
      LocalDate birth = LocalDate.of(1925 + r.nextInt(20), 1 + r.nextInt(12), 1 + r.nextInt(28));
      LocalDate death =
          r.nextInt(6) == 0
              ? LocalDate.of(FIRST_YEAR + r.nextInt(2), 1 + r.nextInt(12), 1 + r.nextInt(28))
              : null;
      List<Year> years = new ArrayList<>();
      for (int y = FIRST_YEAR; y <= LAST_YEAR; y++) {
        if (death != null && death.getYear() < y) {
          break;
        }
        Plan[] months = new Plan[12];
        Plan current = Plan.values()[r.nextInt(4) == 0 ? r.nextInt(4) : 1];
        for (int m = 0; m < 12; m++) {
          if (r.nextInt(8) == 0) {
            current = Plan.values()[r.nextInt(4)];
          }
          boolean afterDeath = death != null && LocalDate.of(y, m + 1, 1).isAfter(death);
          months[m] = afterDeath ? Plan.NONE : current;
        }
        years.add(new Year(y, r.nextInt(PLACES.length), List.of(months)));
      }
      String id = String.format(Locale.ROOT, "B%04d", i);
      List<Claim> claims = new ArrayList<>();
      LocalDate end = death != null ? death : LocalDate.of(LAST_YEAR, 12, 31);
      int count = r.nextInt(7);
      for (int c = 0; c < count; c++) {
        LocalDate from = LocalDate.of(FIRST_YEAR, 1, 1).plusDays(r.nextInt(700));
        if (from.isAfter(end)) {
          continue;
        }
        LocalDate thru = from.plusDays(r.nextInt(3));
        if (thru.isAfter(end)) {
          thru = end;
        }
        boolean carrier = r.nextInt(4) != 0;
        List<String> dx = new ArrayList<>();
        for (int d = 1 + r.nextInt(3); d > 0; d--) {
          dx.add(ICD9[r.nextInt(ICD9.length)]);
        }
        List<Line> lines = new ArrayList<>();
        for (int l = 1 + r.nextInt(3); l > 0; l--) {
          // no two lines of a claim alike: the tidy reader counts a repeated row of a claim once
          // (it has no line number), the research files keep lines of distinct LINE_NUMs
          addUnlessPresent(
              lines,
              new Line(
                  HCPCS[r.nextInt(HCPCS.length)],
                  r.nextInt(5) == 0 ? "26" : "",
                  1 + r.nextInt(3),
                  carrier ? (r.nextInt(2) == 0 ? "11" : "22") : "",
                  // at most one line not allowed a claim: two would be alike in tidy CSV (no
                  // procedure there), where a repeated row of a claim counts once
                  carrier && r.nextInt(8) == 0 && lines.stream().allMatch(x -> x.status.equals("A"))
                      ? "D"
                      : "A",
                  carrier && r.nextInt(3) == 0 ? ICD9[r.nextInt(ICD9.length)] : ""));
        }
        claims.add(new Claim("C" + claimNo++ + "X" + seed % 1000, carrier, from, thru, dx, lines));
      }
      w.people.add(new Person(id, birth, death, r.nextInt(2) == 0 ? "1" : "2", years, claims));
    }
    return w;
  }

  private static void addUnlessPresent(List<Line> lines, Line line) {
    if (!lines.contains(line)) {
      lines.add(line);
    }
  }

  // --- research files -------------------------------------------------------------------------

  private static final DateTimeFormatter ORACLE =
      DateTimeFormatter.ofPattern("dd-MMM-yyyy", Locale.ENGLISH);

  /** How the files are written. */
  enum Layout {
    /** ResDAC names, YYYYMMDD dates, claim files joined to line files by CLM_ID. */
    SPLIT,
    /** BFD extract names, DD-MON-YYYY dates, one row per line with the claim's columns. */
    COMBINED
  }

  private static String date(LocalDate d, Layout layout) {
    if (d == null) {
      return "";
    }
    return layout == Layout.SPLIT
        ? d.format(DateTimeFormatter.BASIC_ISO_DATE)
        : d.format(ORACLE).toUpperCase(Locale.ROOT);
  }

  /** Writes the population as research files under {@code dir}; the files by table. */
  InputFiles writeRif(Path dir, Layout layout, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    Map<String, List<Path>> byTable = new LinkedHashMap<>();
    boolean resdac = layout == Layout.SPLIT;
    // MBSF, one file per year
    List<Path> mbsf = new ArrayList<>();
    for (int y = FIRST_YEAR; y <= LAST_YEAR; y++) {
      List<String> header = new ArrayList<>();
      header.addAll(
          resdac
              ? List.of(
                  "BENE_ID",
                  "BENE_ENROLLMT_REF_YR",
                  "BENE_BIRTH_DT",
                  "BENE_DEATH_DT",
                  "SEX_IDENT_CD",
                  "STATE_CODE",
                  "COUNTY_CD")
              : List.of(
                  "DML_IND",
                  "BENE_ID",
                  "STATE_CODE",
                  "BENE_COUNTY_CD",
                  "BENE_BIRTH_DT",
                  "BENE_SEX_IDENT_CD",
                  "DEATH_DT",
                  "RFRNC_YR"));
      for (int m = 1; m <= 12; m++) {
        header.add(
            String.format(
                Locale.ROOT,
                resdac ? "MDCR_ENTLMT_BUYIN_IND_%02d" : "MDCR_ENTLMT_BUYIN_%d_IND",
                m));
      }
      for (int m = 1; m <= 12; m++) {
        header.add(String.format(Locale.ROOT, resdac ? "HMO_IND_%02d" : "HMO_%d_IND", m));
      }
      List<String> rows = new ArrayList<>();
      for (Person p : people) {
        for (Year yr : p.years) {
          if (yr.year != y) {
            continue;
          }
          String[] place = PLACES[yr.place];
          List<String> cells = new ArrayList<>();
          String death = date(p.death, layout);
          if (resdac) {
            cells.addAll(
                List.of(
                    p.id,
                    Integer.toString(y),
                    date(p.birth, layout),
                    death,
                    p.sex,
                    place[0],
                    place[1]));
          } else {
            cells.addAll(
                List.of(
                    "INSERT",
                    p.id,
                    place[0],
                    place[1],
                    date(p.birth, layout),
                    p.sex,
                    death,
                    Integer.toString(y)));
          }
          List<String> hmo = new ArrayList<>();
          for (int m = 0; m < 12; m++) {
            Plan plan = yr.months.get(m);
            boolean afterDeath = p.death != null && LocalDate.of(y, m + 1, 1).isAfter(p.death);
            if (afterDeath && r.nextInt(2) == 0) {
              plan = Plan.FFS; // indicators that run on after death: the reader drops them
            }
            switch (plan) {
              case NONE -> {
                cells.add("0");
                hmo.add("0");
              }
              case FFS -> {
                cells.add(pick(r, "2", "3", "B", "C"));
                hmo.add(pick(r, "0", "4"));
              }
              case MA -> {
                cells.add(pick(r, "3", "C"));
                hmo.add(pick(r, "1", "2", "A", "B", "C"));
              }
              case PART_A -> {
                cells.add(pick(r, "1", "A"));
                hmo.add("0");
              }
            }
          }
          cells.addAll(hmo);
          rows.add(String.join("|", cells));
        }
      }
      mbsf.add(write(dir.resolve("mbsf_" + y + ".csv"), header, rows));
    }
    byTable.put(RifFormat.MBSF, mbsf);
    List<String> claimHeader =
        new ArrayList<>(List.of("BENE_ID", "CLM_ID", "CLM_FROM_DT", "CLM_THRU_DT"));
    for (int i = 1; i <= 4; i++) {
      claimHeader.add("ICD_DGNS_CD" + i);
      claimHeader.add("ICD_DGNS_VRSN_CD" + i);
    }
    List<String> carrierLine =
        List.of(
            "LINE_NUM",
            "HCPCS_CD",
            "HCPCS_1ST_MDFR_CD",
            "HCPCS_2ND_MDFR_CD",
            "LINE_SRVC_CNT",
            "LINE_PLACE_OF_SRVC_CD",
            "LINE_PRCSG_IND_CD",
            "LINE_ICD_DGNS_CD",
            "LINE_ICD_DGNS_VRSN_CD");
    List<String> revenueLine =
        List.of(
            "CLM_LINE_NUM",
            "REV_CNTR",
            "HCPCS_CD",
            "HCPCS_1ST_MDFR_CD",
            "HCPCS_2ND_MDFR_CD",
            "REV_CNTR_UNIT_CNT");
    List<String> carrierRows = new ArrayList<>();
    List<String> carrierLineRows = new ArrayList<>();
    List<String> outRows = new ArrayList<>();
    List<String> revenueRows = new ArrayList<>();
    for (Person p : people) {
      for (Claim c : p.claims) {
        List<String> head =
            new ArrayList<>(List.of(p.id, c.id, date(c.from, layout), date(c.thru, layout)));
        if (c.carrier) {
          head.add("12345"); // CARR_NUM
        } else {
          head.add("450000"); // PRVDR_NUM
        }
        for (int i = 0; i < 4; i++) {
          head.add(i < c.dx.size() ? c.dx.get(i) : "");
          // ICD-9 era: version 9, or blank (the service date says ICD-9-CM)
          head.add(i < c.dx.size() ? pick(r, "9", "") : "");
        }
        int n = 0;
        for (Line l : c.lines) {
          n++;
          List<String> line = new ArrayList<>();
          if (c.carrier) {
            line.addAll(
                List.of(
                    Integer.toString(n),
                    l.hcpcs,
                    l.modifier,
                    "",
                    l.units + (r.nextInt(2) == 0 ? ".0" : ""),
                    l.pos,
                    l.status,
                    l.dx,
                    l.dx.isEmpty() ? "" : "9"));
          } else {
            line.addAll(
                List.of(
                    Integer.toString(n),
                    "0450",
                    l.hcpcs,
                    l.modifier,
                    "",
                    Integer.toString(l.units)));
          }
          List<String> target = c.carrier ? carrierRows : outRows;
          if (layout == Layout.COMBINED) {
            List<String> all = new ArrayList<>(head);
            all.addAll(line);
            target.add(String.join("|", all));
          } else {
            List<String> all = new ArrayList<>(List.of(p.id, c.id));
            all.addAll(line);
            (c.carrier ? carrierLineRows : revenueRows).add(String.join("|", all));
          }
        }
        if (layout == Layout.SPLIT) {
          (c.carrier ? carrierRows : outRows).add(String.join("|", head));
        }
      }
    }
    List<String> carrierHeader = new ArrayList<>(claimHeader);
    carrierHeader.add(4, "CARR_NUM");
    List<String> outHeader = new ArrayList<>(claimHeader);
    outHeader.add(4, "PRVDR_NUM");
    if (layout == Layout.COMBINED) {
      carrierHeader.addAll(carrierLine);
      outHeader.addAll(revenueLine);
    }
    byTable.put("carrier", List.of(write(dir.resolve("carrier.csv"), carrierHeader, carrierRows)));
    byTable.put("outpatient", List.of(write(dir.resolve("outpatient.csv"), outHeader, outRows)));
    if (layout == Layout.SPLIT) {
      List<String> lh = new ArrayList<>(List.of("BENE_ID", "CLM_ID"));
      lh.addAll(carrierLine);
      byTable.put(
          "carrier_line", List.of(write(dir.resolve("carrier_line.csv"), lh, carrierLineRows)));
      List<String> rh = new ArrayList<>(List.of("BENE_ID", "CLM_ID"));
      rh.addAll(revenueLine);
      byTable.put(
          "revenue_center", List.of(write(dir.resolve("revenue_center.csv"), rh, revenueRows)));
    }
    return new InputFiles(new RifFormat(), byTable);
  }

  private static String pick(SplittableRandom r, String... options) {
    return options[r.nextInt(options.length)];
  }

  static Path write(Path file, List<String> header, List<String> rows) {
    StringBuilder b = new StringBuilder(String.join("|", header)).append('\n');
    rows.forEach(row -> b.append(row).append('\n'));
    try {
      Files.writeString(file, b, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  /** A copy of each file with its data rows (not its header) in an order drawn from {@code seed}. */
  static InputFiles shuffled(InputFiles files, Path dir, long seed) {
    Map<String, List<Path>> out = new LinkedHashMap<>();
    Random r = new Random(seed);
    files
        .byTable()
        .forEach(
            (table, paths) -> {
              List<Path> copies = new ArrayList<>();
              for (Path p : paths) {
                try {
                  List<String> lines = new ArrayList<>(Files.readAllLines(p));
                  List<String> rows = new ArrayList<>(lines.subList(1, lines.size()));
                  Collections.shuffle(rows, r);
                  copies.add(
                      write(
                          dir.resolve("shuffled-" + p.getFileName()), List.of(lines.get(0)), rows));
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              }
              out.put(table, copies);
            });
    return new InputFiles(files.format(), out);
  }

  // --- tidy CSV ------------------------------------------------------------------------------

  private static String programOf(Plan p) {
    return switch (p) {
      case FFS -> "MEDICARE_FFS";
      case MA -> "MEDICARE_ADVANTAGE";
      case PART_A -> "MEDICARE_PART_A_ONLY";
      case NONE -> null;
    };
  }

  /**
   * The population as the library's records: a beneficiary with the last year's residence, a span
   * per run of months of one program within a year (with that year's residence), a line per claim
   * line with the claim's diagnoses and its own (a line not allowed keeps its diagnoses only).
   */
  Population population() {
    List<Beneficiary> bens = new ArrayList<>();
    List<Enrollment> spans = new ArrayList<>();
    List<ClaimLine> lines = new ArrayList<>();
    for (Person p : people) {
      bens.add(
          new Beneficiary(
              p.id,
              p.birth,
              Optional.ofNullable(p.death),
              p.sex.equals("1") ? Sex.MALE : Sex.FEMALE,
              geography(PLACES[p.years.get(p.years.size() - 1).place])));
      for (Year y : p.years) {
        Geography place = geography(PLACES[y.place]);
        int start = 0;
        for (int m = 1; m <= 12; m++) {
          if (m == 12 || y.months.get(m) != y.months.get(start)) {
            String program = programOf(y.months.get(start));
            if (program != null) {
              spans.add(
                  new Enrollment(
                      p.id,
                      LocalDate.of(y.year, start + 1, 1),
                      YearMonth.of(y.year, m).atEndOfMonth(),
                      Program.of(program),
                      Optional.of(place)));
            }
            start = m;
          }
        }
      }
      for (Claim c : p.claims) {
        for (Line l : c.lines) {
          boolean denied = !l.status.equals("A");
          ClaimLine.Builder b =
              ClaimLine.builder()
                  .claimId(c.id)
                  .beneficiaryId(p.id)
                  .serviceFrom(c.from)
                  .serviceThrough(c.thru)
                  .claimType(c.carrier ? ClaimType.PROFESSIONAL : ClaimType.OUTPATIENT)
                  .units(denied ? 0 : l.units);
          if (!denied) {
            b.procedure(l.hcpcs);
            if (!l.modifier.isEmpty()) {
              b.modifier(l.modifier);
            }
            if (!l.pos.isEmpty()) {
              b.placeOfService(PlaceOfService.of(l.pos));
            }
          }
          c.dx.forEach(d -> b.diagnosis(DiagnosisCode.icd9(d)));
          if (!l.dx.isEmpty()) {
            b.diagnosis(DiagnosisCode.icd9(l.dx));
          }
          lines.add(b.build());
        }
      }
    }
    return new Population(bens, spans, lines);
  }

  private static Geography geography(String[] place) {
    return Geography.of(UsState.parse(place[2]), place[3], null);
  }

  /** Writes the population as tidy CSV ({@link TidyLayout}): beneficiaries, enrollment, claims. */
  Path[] writeTidy(Path dir) {
    return TidyLayout.write(population(), dir).toArray(new Path[0]);
  }

  // --- the index -----------------------------------------------------------------------------

  static IndexAssembler assembler(IngestMode mode) {
    return assembler(mode, Grouping.STATE);
  }

  static IndexAssembler assembler(IngestMode mode, Grouping grouping) {
    MpiSpec spec =
        MpiSpec.builder()
            .studyPeriod(PERIOD)
            .minimumEligibleWindows(2)
            .ingestMode(mode)
            .grouping(grouping)
            .build();
    Map<ProcedureCode, Long> rvus = new LinkedHashMap<>();
    rvus.put(ProcedureCode.of("99213"), 920_000L);
    rvus.put(ProcedureCode.of("99214"), 1_420_000L);
    rvus.put(ProcedureCode.of("27447"), 20_720_000L);
    rvus.put(ProcedureCode.of("71020"), 180_000L);
    return IndexAssembler.create(
        spec,
        SimpleEffortCalculator.of(rvus),
        SimpleBurdenGrouper.of(
            List.of("htn", "dm", "chf", "copd"),
            Map.of(
                DiagnosisCode.icd9("401"), 0,
                DiagnosisCode.icd9("250"), 1,
                DiagnosisCode.icd9("428"), 2,
                DiagnosisCode.icd9("496"), 3)));
  }

  /** What a read through {@link RifFormat} leaves: the assembler and the rejections. */
  record Read(IndexAssembler assembler, List<MalformedRecordException> rejects) {
    MpiResult result() {
      return assembler.assemble();
    }
  }

  /** Reads research files as {@code mpi compute} would: people, then claims checked against them. */
  static Read readRif(InputFiles files, IngestMode mode, ClaimDating dating) {
    return readRif(files, mode, dating, Grouping.STATE);
  }

  /** As {@link #readRif(InputFiles, IngestMode, ClaimDating)}, grouping cells by {@code grouping}. */
  static Read readRif(InputFiles files, IngestMode mode, ClaimDating dating, Grouping grouping) {
    IndexAssembler a = assembler(mode, grouping);
    List<MalformedRecordException> rejects = new ArrayList<>();
    ReadContext context =
        new ReadContext(mode, a.tally(), rejects::add, dating, ReadContext.NOBODY_YET);
    RifFormat format = new RifFormat();
    RecordSink sink = RecordSink.into(a);
    format.readPeople(files, context, sink);
    format.readClaims(files, context.withBeneficiaries(a::beneficiary), sink);
    return new Read(a, rejects);
  }

  /** Reads the tidy files into a fresh assembler. */
  static IndexAssembler readTidy(Path[] files, Grouping grouping) {
    IndexAssembler a = assembler(IngestMode.LENIENT, grouping);
    TidyCsvReader reader = new TidyCsvReader(IngestMode.LENIENT);
    org.mpindex.core.index.RecordSink sink = org.mpindex.core.index.RecordSink.into(a);
    reader.readBeneficiaries(files[0], sink);
    reader.readEnrollment(files[1], sink);
    reader.checkedAgainst(a::beneficiary).readClaims(files[2], sink);
    return a;
  }
}
