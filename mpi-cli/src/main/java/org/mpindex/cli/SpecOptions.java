package org.mpindex.cli;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.mpindex.core.claims.ClaimType;
import org.mpindex.core.claims.Program;
import org.mpindex.core.index.AgeReference;
import org.mpindex.core.index.AgeSexStratum;
import org.mpindex.core.index.Aggregation;
import org.mpindex.core.index.ClaimDating;
import org.mpindex.core.index.Coverage;
import org.mpindex.core.index.Eligibility;
import org.mpindex.core.index.Grouping;
import org.mpindex.core.index.HealthPopulation;
import org.mpindex.core.index.IngestMode;
import org.mpindex.core.index.IngestTally;
import org.mpindex.core.index.Intervals;
import org.mpindex.core.index.MpiSpec;
import org.mpindex.core.index.Standardisation;
import org.mpindex.core.index.StudyPeriod;
import org.mpindex.core.index.ZeroBurden;
import org.mpindex.core.index.ZeroEffort;
import org.mpindex.core.spi.HealthLevelProvider;
import org.mpindex.core.text.CsvTable;
import org.mpindex.core.text.LineReader;
import org.mpindex.core.text.ReadRejection;
import org.mpindex.core.time.WindowScheme;

/** The command-line options for every {@link MpiSpec} choice; defaults are {@code PARENTE_2011}'s. */
final class SpecOptions {
  private SpecOptions() {}

  static final Set<String> SINGLE =
      Set.of(
          "window",
          "window-anchor",
          "lag",
          "study-period",
          "min-age",
          "age-at",
          "min-eligible",
          "eligibility",
          "program",
          "coverage",
          "zero-burden",
          "health-function",
          "health-population",
          "zero-effort",
          "effort-claims",
          "aggregation",
          "by",
          "claim-dating",
          "max-windows",
          "max-line-length",
          "intervals",
          "bootstrap-replicates",
          "bootstrap-seed",
          "standardise",
          "standard",
          "diagnosis-claims",
          "confirm-diagnoses");
  static final Set<String> FLAGS = Set.of("strict");

  static final String HELP =
      """
                             method options (defaults reproduce Parente 2011; see docs/method.md):
                               --window quarter|<n>m|<n>d   window scheme: calendar quarters, n-month or n-day windows (quarter)
                               --window-anchor YYYY-MM-DD   first day of window 0 for month/day windows (study start, else 2000-01-01)
                               --lag N                      windows between effort and health (1)
                               --study-period FROM..TO      study days, e.g. 2007-01-01..2009-12-31 (summary-file years, or enrollment span)
                               --claim-dating from|through  the claim date that picks a line's window, RVU release and ICD-9/10 (from)
                               --min-age N                  minimum age in years (65)
                               --age-at start|end|effort-start  day the age is measured (start of t)
                               --min-eligible N             minimum eligible windows in the study (4)
                               --eligibility whole-study|look-back  count eligible windows over the study, or up to t only (whole-study)
                               --program ffs|ma|any|LABEL[,LABEL]  accepted programs (ffs)
                               --coverage while-alive|full|any-day  eligible window: covered every day while alive, every day, or any
                                                            day (while-alive: decedents stay in for the window of death)
                               --health-function 1/b|1/(1+b)  H = f(burden) (1/b)
                               --zero-burden as-one|exclude|one-plus-b  burden 0 (as-one)
                               --health-population all|with-claim  who has an H in t (all)
                               --zero-effort exclude|floor:EPS  M = 0: exclude and count, or floor at EPS work RVUs (exclude)
                               --effort-claims TYPE[,TYPE]  claim types carrying effort: professional, outpatient, inpatient... (professional)
                               --diagnosis-claims TYPE[,TYPE]  claim types whose diagnoses count: professional, outpatient, inpatient... (all)
                               --confirm-diagnoses N:L      a category counts in t only when seen on 1 inpatient claim or N other claims
                                                            within windows t-L..t (off)
                               --aggregation mean-of-ratios|ratio-of-means|median|trimmed:F|winsorised:F  (mean-of-ratios)
                               --intervals analytic|bootstrap-percentile|bootstrap-bca  95% intervals: Student's t / delta method,
                                                            or a Poisson bootstrap over patients for every aggregation and the
                                                            quarter-on-quarter and year-on-year changes (analytic)
                               --bootstrap-replicates N     bootstrap replicates (1000; 100 to 100000)
                               --bootstrap-seed S           bootstrap seed: same seed, same intervals, any input order (1)
                               --standardise none|age-sex   direct age (5-year bands) x sex standardisation of every cell to each
                                                            window's national patients (none); columns std_*, file standard.csv
                               --standard FILE              standardise to a given standard population instead: CSV with columns
                                                            age_band (<65, 65-69, ..., 85+), sex (F, M, U), weight (counts or shares)
                               --cohort NAME                cohorts computed side by side in the same pass (repeatable): everyone, diabetes,
                                                            chf, copd, depression, cancer, knee-replacement, hip-replacement, pci, cabg,
                                                            pacemaker, chronic>=K, cancer-survivor:N, ffs, ma (ffs and ma need --program any);
                                                            outputs gain rows per cohort (column cohort) and a report figure
                               --by national|state|county|zip  grouping besides national (state)
                               --max-windows N              refuse a study of more windows than N (10000): a far date or a 1-day
                                                            window would otherwise run for hours
                               --max-line-length BYTES      a longer line of any input is a rejected row, skipped without being held
                                                            in memory (1048576, 1 MiB; at most 1073741824)
                               --strict                     stop at the first bad record instead of counting it\
                             """;

  static MpiSpec build(Args a) {
    MpiSpec.Builder b = MpiSpec.builder();
    a.get("study-period")
        .ifPresent(
            p -> {
              String[] ends = p.split("\\.\\.", -1);
              if (ends.length != 2) {
                throw new UsageException("--study-period needs FROM..TO, got '" + p + "'");
              }
              try {
                b.studyPeriod(
                    StudyPeriod.of(date("study-period", ends[0]), date("study-period", ends[1])));
              } catch (IllegalArgumentException e) {
                throw new UsageException("--study-period: " + e.getMessage());
              }
            });
    String windowOption = a.get("window").orElse("quarter").strip().toLowerCase(Locale.ROOT);
    if (a.get("window-anchor").isPresent() && windowOption.startsWith("quarter")) {
      throw new UsageException(
          "--window-anchor is for month or day windows (--window 3m, --window 90d); calendar"
              + " quarters have fixed starts");
    }
    LocalDate anchor =
        a.get("window-anchor")
            .map(d -> date("window-anchor", d))
            .orElse(
                a.get("study-period")
                    .map(p -> date("study-period", p.split("\\.\\.", -1)[0]))
                    .orElse(LocalDate.of(2000, 1, 1)));
    a.get("window").ifPresent(w -> b.windowScheme(window(w, anchor)));
    b.lag(a.integer("lag", 1, 0));
    b.minimumAge(a.integer("min-age", 65, 0));
    a.get("age-at")
        .ifPresent(
            v ->
                b.ageReference(
                    choose(
                        "age-at",
                        v,
                        AgeReference.class,
                        new String[] {"start", "end", "effort-start"},
                        new AgeReference[] {
                          AgeReference.START_OF_WINDOW,
                          AgeReference.END_OF_WINDOW,
                          AgeReference.START_OF_EFFORT_WINDOW
                        })));
    b.minimumEligibleWindows(a.integer("min-eligible", 4, 0));
    a.get("program").ifPresent(v -> applyPrograms(v, b));
    a.get("coverage")
        .ifPresent(
            v ->
                b.coverage(
                    choose(
                        "coverage",
                        v,
                        Coverage.class,
                        new String[] {"while-alive", "full", "any-day"},
                        new Coverage[] {
                          Coverage.FULL_WINDOW_WHILE_ALIVE, Coverage.FULL_WINDOW, Coverage.ANY_DAY
                        })));
    a.get("eligibility")
        .ifPresent(
            v ->
                b.eligibility(
                    choose(
                        "eligibility",
                        v,
                        Eligibility.class,
                        new String[] {"whole-study", "look-back"},
                        new Eligibility[] {Eligibility.WHOLE_STUDY, Eligibility.LOOK_BACK})));
    a.get("claim-dating")
        .ifPresent(
            v ->
                b.claimDating(
                    choose(
                        "claim-dating",
                        v,
                        ClaimDating.class,
                        new String[] {"from", "through"},
                        new ClaimDating[] {
                          ClaimDating.SERVICE_FROM, ClaimDating.SERVICE_THROUGH
                        })));
    a.get("health-function").ifPresent(v -> b.healthLevel(healthFunction(v)));
    a.get("zero-burden").ifPresent(v -> b.zeroBurden(zeroBurden(v)));
    a.get("health-population")
        .ifPresent(
            v ->
                b.healthPopulation(
                    choose(
                        "health-population",
                        v,
                        HealthPopulation.class,
                        new String[] {"all", "with-claim"},
                        new HealthPopulation[] {
                          HealthPopulation.ALL_ELIGIBLE, HealthPopulation.WITH_CLAIM_IN_WINDOW
                        })));
    a.get("zero-effort")
        .ifPresent(
            v -> {
              if (v.equals("exclude")) {
                b.zeroEffort(ZeroEffort.exclude());
              } else if (v.startsWith("floor:")) {
                double eps = number("zero-effort", v.substring(6));
                if (!(eps > 0) || Double.isInfinite(eps)) {
                  throw new UsageException(
                      "--zero-effort floor:EPS needs a finite EPS above 0 work RVUs, got '"
                          + v.substring(6)
                          + "'");
                }
                try {
                  b.zeroEffort(ZeroEffort.floor(eps));
                } catch (IllegalArgumentException e) {
                  throw new UsageException("--zero-effort: " + e.getMessage());
                }
              } else {
                throw new UsageException("--zero-effort is exclude or floor:EPS, got '" + v + "'");
              }
            });
    a.get("diagnosis-claims")
        .ifPresent(v -> b.diagnosisClaimTypes(claimTypes("diagnosis-claims", v)));
    a.get("confirm-diagnoses")
        .ifPresent(
            v -> {
              String[] parts = v.strip().split(":", -1);
              try {
                if (parts.length != 2) {
                  throw new NumberFormatException();
                }
                b.confirmation(
                    org.mpindex.core.index.Confirmation.of(
                        Integer.parseInt(parts[1].strip()), Integer.parseInt(parts[0].strip())));
              } catch (NumberFormatException e) {
                throw new UsageException(
                    "--confirm-diagnoses needs CLAIMS:LOOKBACK like 2:3, got '" + v + "'");
              } catch (IllegalArgumentException e) {
                throw new UsageException("--confirm-diagnoses: " + e.getMessage());
              }
            });
    a.get("effort-claims").ifPresent(v -> b.effortClaimTypes(claimTypes("effort-claims", v)));
    a.get("aggregation").ifPresent(v -> b.aggregation(aggregation(v)));
    b.intervals(intervals(a));
    b.standardisation(standardisation(a));
    a.get("by")
        .ifPresent(
            v -> {
              try {
                b.grouping(Grouping.parse(v));
              } catch (IllegalArgumentException e) {
                throw new UsageException("--by: " + e.getMessage());
              }
            });
    b.ingestMode(a.flag("strict") ? IngestMode.STRICT : IngestMode.LENIENT);
    b.cohorts(cohorts(a, b));
    b.maximumWindows(a.integer("max-windows", MAX_WINDOWS, 1));
    int maxLine = a.integer("max-line-length", LineReader.DEFAULT_MAX_LINE_BYTES, 1);
    if (maxLine > LineReader.MAX_LINE_BYTES_LIMIT) {
      throw new UsageException(
          "--max-line-length must be at most "
              + LineReader.MAX_LINE_BYTES_LIMIT
              + ", got "
              + maxLine);
    }
    LineReader.setDefaultMaxLineBytes(maxLine);
    return rebuild(b);
  }

  /** Builds a spec; a contradiction is a usage error. */
  static MpiSpec rebuild(MpiSpec.Builder b) {
    try {
      return b.build();
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage().replace('\n', ' '));
    }
  }

  /** The default limit of {@code --max-windows}. */
  static final int MAX_WINDOWS = 10_000;

  /**
   * Refuses a study of more windows than {@code --max-windows} (default {@value #MAX_WINDOWS}): a
   * stray 9999-12-31 or one-day windows over decades would run for hours.
   */
  static void checkWindowCount(MpiSpec spec, StudyPeriod period, Args a) {
    int max = a.integer("max-windows", MAX_WINDOWS, 1);
    long windows =
        (long) spec.windowScheme().indexOf(period.to())
            - spec.windowScheme().indexOf(period.from())
            + 1;
    if (windows > max) {
      throw new UsageException(
          "the study period "
              + period
              + " holds "
              + windows
              + " windows of "
              + spec.windowScheme().describe()
              + ", more than --max-windows "
              + max
              + ": give --study-period, or raise"
              + " --max-windows if you mean it");
    }
  }

  /** {@code --health-function}: 1/b or 1/(1+b). */
  static HealthLevelProvider healthFunction(String v) {
    try {
      return HealthLevelProvider.parse(v);
    } catch (IllegalArgumentException e) {
      throw new UsageException("--health-function: " + e.getMessage());
    }
  }

  /** {@code --zero-burden}: as-one, exclude or one-plus-b. */
  static ZeroBurden zeroBurden(String v) {
    return choose(
        "zero-burden",
        v,
        ZeroBurden.class,
        new String[] {"as-one", "exclude", "one-plus-b"},
        new ZeroBurden[] {ZeroBurden.AS_ONE, ZeroBurden.EXCLUDE, ZeroBurden.ONE_PLUS_B});
  }

  static WindowScheme window(String w, LocalDate anchor) {
    String v = w.strip().toLowerCase(Locale.ROOT);
    try {
      if (v.equals("quarter") || v.equals("quarters")) {
        return WindowScheme.calendarQuarters();
      }
      if (v.endsWith("m")) {
        return WindowScheme.months(
            Integer.parseInt(v.substring(0, v.length() - 1)), YearMonth.from(anchor));
      }
      if (v.endsWith("d")) {
        return WindowScheme.days(Integer.parseInt(v.substring(0, v.length() - 1)), anchor);
      }
    } catch (RuntimeException e) {
      // fall through to the message
    }
    throw new UsageException("--window is quarter, <n>m or <n>d, got '" + w + "'");
  }

  /** Claim type names separated by commas, for {@code --option}. */
  static Set<ClaimType> claimTypes(String option, String v) {
    Set<ClaimType> types = EnumSet.noneOf(ClaimType.class);
    for (String t : v.split(",", -1)) {
      try {
        types.add(ClaimType.valueOf(t.strip().toUpperCase(Locale.ROOT).replace('-', '_')));
      } catch (IllegalArgumentException e) {
        throw new UsageException("--" + option + ": '" + t + "' is not a claim type");
      }
    }
    return types;
  }

  /** {@code --program}: ffs, ma, any or payer labels separated by commas. */
  static void applyPrograms(String v, MpiSpec.Builder b) {
    Set<Program> ps = new HashSet<>();
    if (v.strip().isEmpty()
        || java.util.Arrays.stream(v.split(",", -1)).anyMatch(p -> p.isBlank())) {
      throw new UsageException(
          "--program needs ffs, ma, any or payer labels separated by commas, got '" + v + "'");
    }
    for (String p : v.split(",", -1)) {
      switch (p.strip().toLowerCase(Locale.ROOT)) {
        case "any" -> {
          b.anyProgram();
          return;
        }
        case "ffs" -> ps.add(Program.MEDICARE_FFS);
        case "ma" -> ps.add(Program.MEDICARE_ADVANTAGE);
        default -> ps.add(Program.of(p));
      }
    }
    b.programs(ps);
  }

  /** The {@code --cohort} names, parsed for the builder's window scheme. */
  static List<org.mpindex.core.index.Cohort> cohorts(Args a, MpiSpec.Builder b) {
    List<String> names = a.all("cohort");
    if (names.isEmpty()) {
      return List.of();
    }
    MpiSpec probe = rebuild(b);
    int perYear =
        probe
            .windowScheme()
            .windowsPerYear()
            .orElseThrow(
                () ->
                    new UsageException(
                        "--cohort needs"
                            + " windows that divide a year (quarters, or 1, 2, 3, 4, 6 or 12 months): the cohorts look back a year"));
    List<org.mpindex.core.index.Cohort> out = new java.util.ArrayList<>();
    for (String n : names) {
      try {
        out.add(org.mpindex.adg.Cohorts.parse(n, perYear));
      } catch (IllegalArgumentException e) {
        throw new UsageException("--cohort: " + e.getMessage());
      }
      String key = n.strip().toLowerCase(Locale.ROOT);
      if ((key.equals("ma") || key.equals("ffs"))
          && !probe.programs().isEmpty()
          && !(probe.programs().contains(Program.MEDICARE_FFS)
              && probe.programs().contains(Program.MEDICARE_ADVANTAGE))) {
        throw new UsageException(
            "--cohort "
                + key
                + " compares programs: give --program any (the default accepts"
                + " traditional Medicare only, so the "
                + key
                + " cohort would be "
                + (key.equals("ma") ? "empty" : "everyone")
                + ")");
      }
    }
    return out;
  }

  /** --standardise and --standard. */
  static Standardisation standardisation(Args a) {
    String v =
        a.get("standardise")
            .orElse(a.get("standard").isPresent() ? "age-sex" : "none")
            .strip()
            .toLowerCase(Locale.ROOT);
    switch (v) {
      case "none" -> {
        if (a.get("standard").isPresent()) {
          throw new UsageException("--standard needs --standardise age-sex (or no --standardise)");
        }
        return Standardisation.none();
      }
      case "age-sex" -> {
        return a.get("standard")
            .map(f -> Standardisation.given(readStandard(Path.of(f))))
            .orElse(Standardisation.nationalPopulation());
      }
      default -> throw new UsageException("--standardise is none or age-sex, got '" + v + "'");
    }
  }

  /**
   * A standard population file: CSV with a header naming {@code age_band}, {@code sex} and {@code
   * weight} (any order, other columns ignored), one row per stratum; a stratum given twice is refused.
   *
   * @throws org.mpindex.core.spi.MalformedRecordException naming the file, line and column of a bad row
   */
  static java.util.Map<AgeSexStratum, Double> readStandard(Path file) {
    if (!java.nio.file.Files.isRegularFile(file)) {
      throw new UsageException("--standard " + file + " is not a file");
    }
    java.util.Map<AgeSexStratum, Double> weights = new java.util.LinkedHashMap<>();
    try (CsvTable t =
        CsvTable.open(LineReader.open(file, java.nio.charset.StandardCharsets.UTF_8))) {
      int band = t.require("age_band");
      int sex = t.require("sex");
      int weight = t.require("weight");
      t.forEachRow(
          "standard population rows",
          new IngestTally(),
          true,
          row -> {
            AgeSexStratum s;
            try {
              s = AgeSexStratum.parse(row.required(band), row.required(sex));
            } catch (IllegalArgumentException e) {
              throw row.error(ReadRejection.BAD_STRATUM, band, e.getMessage());
            }
            double w;
            try {
              w = Double.parseDouble(row.required(weight));
            } catch (NumberFormatException e) {
              throw row.error(
                  ReadRejection.BAD_WEIGHT, weight, "'" + row.get(weight) + "' is not a number");
            }
            if (!(w >= 0) || Double.isInfinite(w)) {
              throw row.error(ReadRejection.BAD_WEIGHT, weight, w + " is not a finite number >= 0");
            }
            if (weights.put(s, w) != null) {
              throw row.error(
                  ReadRejection.REPEATED_STRATUM, band, "stratum " + s + " is given twice");
            }
          });
    }
    if (weights.values().stream().noneMatch(w -> w > 0)) {
      throw new UsageException("--standard " + file + " gives no positive weight");
    }
    return weights;
  }

  /** --intervals with its replicates and seed. */
  static Intervals intervals(Args a) {
    String v = a.get("intervals").orElse("analytic").strip().toLowerCase(Locale.ROOT);
    boolean bootstrapOptions =
        a.get("bootstrap-replicates").isPresent() || a.get("bootstrap-seed").isPresent();
    if (v.equals("analytic")) {
      if (bootstrapOptions) {
        throw new UsageException(
            "--bootstrap-replicates and --bootstrap-seed need --intervals bootstrap-percentile or"
                + " bootstrap-bca");
      }
      return Intervals.analytic();
    }
    int replicates = a.integer("bootstrap-replicates", Intervals.DEFAULT_REPLICATES, 100);
    if (replicates > Intervals.MAX_REPLICATES) {
      throw new UsageException(
          "--bootstrap-replicates must be at most "
              + Intervals.MAX_REPLICATES
              + " (each replicate draws a weight for every patient of every cell), got "
              + replicates);
    }
    long seed;
    try {
      seed = Long.parseLong(a.get("bootstrap-seed").orElse("1").strip());
    } catch (NumberFormatException e) {
      throw new UsageException(
          "--bootstrap-seed needs a whole number, got '" + a.get("bootstrap-seed").get() + "'");
    }
    return switch (v) {
      case "bootstrap-percentile" -> Intervals.bootstrapPercentile(replicates, seed);
      case "bootstrap-bca" -> Intervals.bootstrapBca(replicates, seed);
      default ->
          throw new UsageException(
              "--intervals is analytic, bootstrap-percentile or bootstrap-bca, got '" + v + "'");
    };
  }

  static Aggregation aggregation(String v) {
    String s = v.strip().toLowerCase(Locale.ROOT);
    try {
      if (s.equals("mean-of-ratios")) {
        return Aggregation.meanOfRatios();
      }
      if (s.equals("ratio-of-means")) {
        return Aggregation.ratioOfMeans();
      }
      if (s.equals("median")) {
        return Aggregation.median();
      }
      if (s.startsWith("trimmed:")) {
        return Aggregation.trimmedMean(Double.parseDouble(s.substring(8)));
      }
      if (s.startsWith("winsorised:") || s.startsWith("winsorized:")) {
        return Aggregation.winsorisedMean(Double.parseDouble(s.substring(11)));
      }
    } catch (IllegalArgumentException e) {
      throw new UsageException("--aggregation: " + e.getMessage());
    }
    throw new UsageException(
        "--aggregation is mean-of-ratios, ratio-of-means, median, trimmed:F or winsorised:F, got '"
            + v
            + "'");
  }

  static LocalDate date(String option, String v) {
    try {
      return LocalDate.parse(v.strip());
    } catch (DateTimeParseException e) {
      throw new UsageException("--" + option + ": '" + v + "' is not a date (YYYY-MM-DD)");
    }
  }

  static double number(String option, String v) {
    try {
      return Double.parseDouble(v);
    } catch (NumberFormatException e) {
      throw new UsageException("--" + option + ": '" + v + "' is not a number");
    }
  }

  static <E> E choose(String option, String v, Class<E> type, String[] names, E[] values) {
    for (int i = 0; i < names.length; i++) {
      if (names[i].equalsIgnoreCase(v.strip())) {
        return values[i];
      }
    }
    throw new UsageException(
        "--" + option + " is one of " + String.join(", ", names) + ", got '" + v + "'");
  }
}
