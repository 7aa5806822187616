package org.mpindex.core.index;

import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.mpindex.core.claims.ClaimType;
import org.mpindex.core.claims.Program;
import org.mpindex.core.spi.HealthLevelProvider;
import org.mpindex.core.time.WindowScheme;

/**
 * Every choice the method leaves open (docs/method.md sections 3-6), as one immutable value. Build one
 * with {@link #builder()} (which starts from {@link #PARENTE_2011}) and change what you need; {@link
 * Builder#build()} rejects contradictory settings with a message naming both. Results carry the
 * spec that made them, and {@link #toString()} prints every choice.
 */
public final class MpiSpec {

  /**
   * The paper's method (Parente 2011) with the library's documented defaults for what it leaves
   * open: calendar quarters, lag 1, study period from the enrollment records (or declared), claims
   * dated by their from-date, age 65+ on the first day of t, at least 4 eligible quarters anywhere
   * in the study, traditional Medicare only, full quarters of coverage while alive (decedents stay
   * in until the window of death), H = 1/b with H = 1 at b = 0, every eligible patient has an H,
   * zero effort excluded and counted, effort from professional claim lines only, mean of ratios,
   * grouped by state, everyone, lenient ingest.
   */
  public static final MpiSpec PARENTE_2011 = new Builder().build();

  /**
   * {@link #PARENTE_2011} for a real-time index: eligible windows are counted up to and including t
   * only ({@link Eligibility#LOOK_BACK}), so no published value moves when later claims or
   * enrollment arrive.
   */
  public static final MpiSpec REAL_TIME = new Builder().eligibility(Eligibility.LOOK_BACK).build();

  private final WindowScheme windowScheme;
  private final int lag;
  private final Optional<StudyPeriod> studyPeriod;
  private final ClaimDating claimDating;
  private final int minimumAge;
  private final AgeReference ageReference;
  private final int minimumEligibleWindows;
  private final Eligibility eligibility;
  private final Set<Program> programs;
  private final Coverage coverage;
  private final HealthLevelProvider healthLevel;
  private final ZeroBurden zeroBurden;
  private final HealthPopulation healthPopulation;
  private final ZeroEffort zeroEffort;
  private final Set<ClaimType> effortClaimTypes;
  private final Set<ClaimType> diagnosisClaimTypes;
  private final Confirmation confirmation;
  private final Aggregation aggregation;
  private final Intervals intervals;
  private final Standardisation standardisation;
  private final Grouping grouping;
  private final Cohort cohort;
  private final List<Cohort> cohorts;
  private final IngestMode ingestMode;
  private final int maximumWindows;

  private MpiSpec(Builder b) {
    this.windowScheme = b.windowScheme;
    this.lag = b.lag;
    this.studyPeriod = b.studyPeriod;
    this.claimDating = b.claimDating;
    this.minimumAge = b.minimumAge;
    this.ageReference = b.ageReference;
    this.minimumEligibleWindows = b.minimumEligibleWindows;
    this.eligibility = b.eligibility;
    this.programs = Set.copyOf(b.programs);
    this.coverage = b.coverage;
    this.healthLevel = b.healthLevel;
    this.zeroBurden = b.zeroBurden;
    this.healthPopulation = b.healthPopulation;
    this.zeroEffort = b.zeroEffort;
    this.diagnosisClaimTypes = Set.copyOf(b.diagnosisClaimTypes);
    this.confirmation = b.confirmation;
    this.effortClaimTypes = Set.copyOf(b.effortClaimTypes);
    this.aggregation = b.aggregation;
    this.intervals = b.intervals;
    this.standardisation = b.standardisation;
    this.grouping = b.grouping;
    this.cohort = b.cohort;
    this.cohorts = List.copyOf(b.cohorts);
    this.ingestMode = b.ingestMode;
    this.maximumWindows = b.maximumWindows;
  }

  /** A builder starting from {@link #PARENTE_2011}'s choices. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from this spec's choices. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** How time is cut into windows (default calendar quarters). */
  public WindowScheme windowScheme() {
    return windowScheme;
  }

  /** Windows between effort and health: effort in t - lag, health in t (default 1; 0 allowed). */
  public int lag() {
    return lag;
  }

  /**
   * The declared study period; empty (default) = from the earliest enrollment start to the latest
   * enrollment end of the records given, or, when there is no enrollment record at all, the span of
   * the claim lines. A claim line outside the period never stretches it: it is counted as a note
   * ({@link IndexAssembler#OUTSIDE_STUDY_PERIOD}).
   */
  public Optional<StudyPeriod> studyPeriod() {
    return studyPeriod;
  }

  /** Which claim date places a line in a window (default from-date). */
  public ClaimDating claimDating() {
    return claimDating;
  }

  /** Minimum age in full years (default 65). */
  public int minimumAge() {
    return minimumAge;
  }

  /** The day the minimum age is measured on (default first day of t). */
  public AgeReference ageReference() {
    return ageReference;
  }

  /** Minimum number of eligible windows in the study period (default 4). */
  public int minimumEligibleWindows() {
    return minimumEligibleWindows;
  }

  /** Which windows count towards the minimum (default the whole study; look-back for real time). */
  public Eligibility eligibility() {
    return eligibility;
  }

  /** Accepted programs; empty = any program (default traditional Medicare only). */
  public Set<Program> programs() {
    return programs;
  }

  /** When enrollment makes a window eligible (default every day of it while alive). */
  public Coverage coverage() {
    return coverage;
  }

  /** H = f(b) (default 1/b). */
  public HealthLevelProvider healthLevel() {
    return healthLevel;
  }

  /** What happens where f is undefined at b = 0 (default H = 1). */
  public ZeroBurden zeroBurden() {
    return zeroBurden;
  }

  /** Who has an H in t (default every eligible patient). */
  public HealthPopulation healthPopulation() {
    return healthPopulation;
  }

  /** What happens at M = 0 (default exclude and count). */
  public ZeroEffort zeroEffort() {
    return zeroEffort;
  }

  /** Claim types whose lines carry physician effort (default professional only). */
  public Set<ClaimType> effortClaimTypes() {
    return effortClaimTypes;
  }

  /**
   * Claim types whose lines' diagnoses count toward the burden (default every type: diagnoses come
   * from every claim, docs/method.md section 3); a line of another type still carries its effort.
   */
  public Set<ClaimType> diagnosisClaimTypes() {
    return diagnosisClaimTypes;
  }

  /** The diagnosis confirmation rule ({@link Confirmation}); none by default. */
  public Confirmation confirmation() {
    return confirmation;
  }

  /** How patient values become a group value (default mean of ratios). */
  public Aggregation aggregation() {
    return aggregation;
  }

  /** How confidence intervals and standard errors are made; analytic by default. */
  public Intervals intervals() {
    return intervals;
  }

  /** Direct age/sex standardisation of the cells, none by default. */
  public Standardisation standardisation() {
    return standardisation;
  }

  /** How patients are grouped besides nationally (default state). */
  public Grouping grouping() {
    return grouping;
  }

  /** The sub-population (default everyone). */
  public Cohort cohort() {
    return cohort;
  }

  /**
   * Cohorts computed side by side with the main index from the same fold ({@link
   * IndexAssembler#assembleCohorts}), each with its own series and group table; empty by default.
   */
  public List<Cohort> cohorts() {
    return cohorts;
  }

  /** Strict or lenient handling of unusable records (default lenient). */
  public IngestMode ingestMode() {
    return ingestMode;
  }

  /**
   * The most windows a study may hold (default 10,000): {@link IndexAssembler#assemble()} refuses a
   * longer study (a stray 9999-12-31 enrollment end with one-day windows would run for hours).
   */
  public int maximumWindows() {
    return maximumWindows;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof MpiSpec s)) {
      return false;
    }

    return lag == s.lag
        && minimumAge == s.minimumAge
        && minimumEligibleWindows == s.minimumEligibleWindows
        && eligibility == s.eligibility
        && windowScheme.equals(s.windowScheme)
        && studyPeriod.equals(s.studyPeriod)
        && claimDating == s.claimDating
        && ageReference == s.ageReference
        && programs.equals(s.programs)
        && coverage == s.coverage
        && healthLevel.equals(s.healthLevel)
        && zeroBurden == s.zeroBurden
        && healthPopulation == s.healthPopulation
        && zeroEffort.equals(s.zeroEffort)
        && effortClaimTypes.equals(s.effortClaimTypes)
        && diagnosisClaimTypes.equals(s.diagnosisClaimTypes)
        && confirmation.equals(s.confirmation)
        && aggregation.equals(s.aggregation)
        && intervals.equals(s.intervals)
        && standardisation.equals(s.standardisation)
        && grouping.equals(s.grouping)
        && cohort.equals(s.cohort)
        && cohorts.equals(s.cohorts)
        && ingestMode == s.ingestMode
        && maximumWindows == s.maximumWindows;
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        windowScheme,
        lag,
        studyPeriod,
        claimDating,
        minimumAge,
        ageReference,
        minimumEligibleWindows,
        eligibility,
        programs,
        coverage,
        healthLevel,
        zeroBurden,
        healthPopulation,
        zeroEffort,
        effortClaimTypes,
        diagnosisClaimTypes,
        confirmation,
        aggregation,
        intervals,
        standardisation,
        grouping,
        cohort,
        cohorts,
        ingestMode,
        maximumWindows);
  }

  /** Every choice, one per line. */
  @Override
  public String toString() {
    return "MpiSpec{\n"
        + "  window scheme: "
        + windowScheme.describe()
        + "\n"
        + "  lag: "
        + lag
        + " window(s)\n"
        + "  study period: "
        + studyPeriod.map(StudyPeriod::toString).orElse("span of the enrollment records")
        + "\n"
        + "  claim dating: "
        + claimDating
        + "\n"
        + "  minimum age: "
        + minimumAge
        + "\n"
        + "  age reference: "
        + ageReference
        + "\n"
        + "  minimum eligible windows: "
        + minimumEligibleWindows
        + "\n"
        + "  eligibility counted over: "
        + eligibility
        + "\n"
        + "  programs: "
        + (programs.isEmpty() ? "any" : new TreeSet<>(programs))
        + "\n"
        + "  coverage: "
        + coverage
        + "\n"
        + "  health level: "
        + healthLevel.describe()
        + "\n"
        + "  zero burden: "
        + zeroBurden
        + "\n"
        + "  health population: "
        + healthPopulation
        + "\n"
        + "  zero effort: "
        + zeroEffort
        + "\n"
        + "  effort claim types: "
        + effortClaimTypes.stream().sorted().map(Enum::name).collect(Collectors.joining(", "))
        + "\n"
        + "  diagnosis claim types: "
        + diagnosisClaimTypes.stream().sorted().map(Enum::name).collect(Collectors.joining(", "))
        + "\n"
        + "  diagnosis confirmation: "
        + confirmation
        + "\n"
        + "  aggregation: "
        + aggregation
        + "\n"
        + "  intervals: "
        + intervals
        + "\n"
        + "  standardisation: "
        + standardisation
        + "\n"
        + "  grouping: "
        + grouping
        + " (and national)\n"
        + "  cohort: "
        + cohort
        + "\n"
        + "  side-by-side cohorts: "
        + (cohorts.isEmpty() ? "none" : cohorts)
        + "\n"
        + "  ingest mode: "
        + ingestMode
        + "\n"
        + "  maximum windows: "
        + maximumWindows
        + "\n"
        + "}";
  }

  /** Mutable builder; {@link #build()} validates. Starts from {@link #PARENTE_2011}'s choices. */
  public static final class Builder {
    private WindowScheme windowScheme = WindowScheme.calendarQuarters();
    private int lag = 1;
    private Optional<StudyPeriod> studyPeriod = Optional.empty();
    private ClaimDating claimDating = ClaimDating.SERVICE_FROM;
    private int minimumAge = 65;
    private AgeReference ageReference = AgeReference.START_OF_WINDOW;
    private int minimumEligibleWindows = 4;
    private Eligibility eligibility = Eligibility.WHOLE_STUDY;
    private Set<Program> programs = Set.of(Program.MEDICARE_FFS);
    private Coverage coverage = Coverage.FULL_WINDOW_WHILE_ALIVE;
    private HealthLevelProvider healthLevel = HealthLevelProvider.inverse();
    private ZeroBurden zeroBurden = ZeroBurden.AS_ONE;
    private HealthPopulation healthPopulation = HealthPopulation.ALL_ELIGIBLE;
    private ZeroEffort zeroEffort = ZeroEffort.exclude();
    private Set<ClaimType> effortClaimTypes = EnumSet.of(ClaimType.PROFESSIONAL);
    private Set<ClaimType> diagnosisClaimTypes = EnumSet.allOf(ClaimType.class);
    private Confirmation confirmation = Confirmation.none();
    private Aggregation aggregation = Aggregation.meanOfRatios();
    private Intervals intervals = Intervals.analytic();
    private Standardisation standardisation = Standardisation.none();
    private Grouping grouping = Grouping.STATE;
    private Cohort cohort = Cohort.ALL;
    private List<Cohort> cohorts = List.of();
    private IngestMode ingestMode = IngestMode.LENIENT;
    private int maximumWindows = 10_000;

    private Builder() {}

    private Builder(MpiSpec s) {
      windowScheme = s.windowScheme;
      lag = s.lag;
      studyPeriod = s.studyPeriod;
      claimDating = s.claimDating;
      minimumAge = s.minimumAge;
      ageReference = s.ageReference;
      minimumEligibleWindows = s.minimumEligibleWindows;
      eligibility = s.eligibility;
      programs = s.programs;
      coverage = s.coverage;
      healthLevel = s.healthLevel;
      zeroBurden = s.zeroBurden;
      healthPopulation = s.healthPopulation;
      zeroEffort = s.zeroEffort;
      effortClaimTypes = s.effortClaimTypes;
      diagnosisClaimTypes = s.diagnosisClaimTypes;
      confirmation = s.confirmation;
      aggregation = s.aggregation;
      intervals = s.intervals;
      standardisation = s.standardisation;
      grouping = s.grouping;
      cohort = s.cohort;
      cohorts = s.cohorts;
      ingestMode = s.ingestMode;
      maximumWindows = s.maximumWindows;
    }

    public Builder windowScheme(WindowScheme windowScheme) {
      this.windowScheme = Objects.requireNonNull(windowScheme, "windowScheme");
      return this;
    }

    public Builder lag(int lag) {
      this.lag = lag;
      return this;
    }

    public Builder studyPeriod(StudyPeriod period) {
      this.studyPeriod = Optional.of(period);
      return this;
    }

    /** Back to the default: the span of the enrollment records. */
    public Builder studyPeriodFromRecords() {
      this.studyPeriod = Optional.empty();
      return this;
    }

    public Builder claimDating(ClaimDating claimDating) {
      this.claimDating = Objects.requireNonNull(claimDating, "claimDating");
      return this;
    }

    public Builder minimumAge(int years) {
      this.minimumAge = years;
      return this;
    }

    public Builder ageReference(AgeReference ageReference) {
      this.ageReference = Objects.requireNonNull(ageReference, "ageReference");
      return this;
    }

    public Builder minimumEligibleWindows(int windows) {
      this.minimumEligibleWindows = windows;
      return this;
    }

    public Builder eligibility(Eligibility eligibility) {
      this.eligibility = Objects.requireNonNull(eligibility, "eligibility");
      return this;
    }

    /** Accepted programs; none = any program. */
    public Builder programs(Set<Program> programs) {
      this.programs = Set.copyOf(programs);
      return this;
    }

    /** Accept any program. */
    public Builder anyProgram() {
      this.programs = Set.of();
      return this;
    }

    public Builder coverage(Coverage coverage) {
      this.coverage = Objects.requireNonNull(coverage, "coverage");
      return this;
    }

    public Builder healthLevel(HealthLevelProvider healthLevel) {
      this.healthLevel = Objects.requireNonNull(healthLevel, "healthLevel");
      return this;
    }

    public Builder zeroBurden(ZeroBurden zeroBurden) {
      this.zeroBurden = Objects.requireNonNull(zeroBurden, "zeroBurden");
      return this;
    }

    public Builder healthPopulation(HealthPopulation healthPopulation) {
      this.healthPopulation = Objects.requireNonNull(healthPopulation, "healthPopulation");
      return this;
    }

    public Builder zeroEffort(ZeroEffort zeroEffort) {
      this.zeroEffort = Objects.requireNonNull(zeroEffort, "zeroEffort");
      return this;
    }

    /** A diagnosis confirmation rule ({@link Confirmation}); none by default. */
    public Builder confirmation(Confirmation confirmation) {
      this.confirmation = Objects.requireNonNull(confirmation, "confirmation");
      return this;
    }

    /** Claim types whose diagnoses count (all by default); at least one. */
    public Builder diagnosisClaimTypes(Set<ClaimType> types) {
      this.diagnosisClaimTypes =
          types.isEmpty() ? EnumSet.noneOf(ClaimType.class) : EnumSet.copyOf(types);
      return this;
    }

    public Builder effortClaimTypes(Set<ClaimType> types) {
      this.effortClaimTypes =
          types.isEmpty() ? EnumSet.noneOf(ClaimType.class) : EnumSet.copyOf(types);
      return this;
    }

    public Builder aggregation(Aggregation aggregation) {
      this.aggregation = Objects.requireNonNull(aggregation, "aggregation");
      return this;
    }

    /** How intervals are made ({@link Intervals}); analytic by default. */
    public Builder intervals(Intervals intervals) {
      this.intervals = Objects.requireNonNull(intervals, "intervals");
      return this;
    }

    /** Direct age/sex standardisation ({@link Standardisation}); none by default. */
    public Builder standardisation(Standardisation standardisation) {
      this.standardisation = Objects.requireNonNull(standardisation, "standardisation");
      return this;
    }

    public Builder grouping(Grouping grouping) {
      this.grouping = Objects.requireNonNull(grouping, "grouping");
      return this;
    }

    /**
     * Cohorts to compute side by side in one fold ({@link IndexAssembler#assembleCohorts}); names
     * must differ, and all cohorts' claim markers together are at most 64.
     */
    public Builder cohorts(List<Cohort> cohorts) {
      this.cohorts = List.copyOf(cohorts);
      return this;
    }

    public Builder cohort(Cohort cohort) {
      this.cohort = Objects.requireNonNull(cohort, "cohort");
      return this;
    }

    public Builder ingestMode(IngestMode ingestMode) {
      this.ingestMode = Objects.requireNonNull(ingestMode, "ingestMode");
      return this;
    }

    public Builder maximumWindows(int windows) {
      this.maximumWindows = windows;
      return this;
    }

    /**
     * The spec of the choices made so far, the paper's default for every other one.
     *
     * @throws InvalidSpecException (an {@link IllegalArgumentException}) for an out-of-range value
     *     or two choices that contradict each other, or a study period too short for them; the
     *     message names both
     */
    public MpiSpec build() {
      if (lag < 0) {
        throw new InvalidSpecException("lag must be 0 or more windows, got " + lag);
      }
      if (maximumWindows < 1) {
        throw new InvalidSpecException("maximum windows must be at least 1, got " + maximumWindows);
      }
      if (minimumAge < 0) {
        throw new InvalidSpecException("minimum age must be 0 or more years, got " + minimumAge);
      }
      if (minimumEligibleWindows < 0) {
        throw new InvalidSpecException(
            "minimum eligible windows must be 0 or more, got " + minimumEligibleWindows);
      }
      if (diagnosisClaimTypes.isEmpty()) {
        throw new InvalidSpecException("diagnosis claim types is empty: every burden would be 0");
      }
      if (effortClaimTypes.isEmpty()) {
        throw new InvalidSpecException(
            "effort claim types is empty: every effort would be 0 and every patient excluded");
      }
      if (zeroBurden == ZeroBurden.ONE_PLUS_B
          && healthLevel == HealthLevelProvider.Builtin.INVERSE_ONE_PLUS) {
        throw new InvalidSpecException(
            "zero burden ONE_PLUS_B contradicts health level "
                + healthLevel.describe()
                + ": both add one to the burden (use ZeroBurden.ONE_PLUS_B with H = 1/b, or"
                + " H = 1/(1+b) with ZeroBurden.AS_ONE)");
      }
      java.util.Set<String> names = new java.util.HashSet<>();
      int markers = cohort.markers().size();
      for (Cohort c : cohorts) {
        if (!names.add(c.name())) {
          throw new InvalidSpecException("two side-by-side cohorts are named '" + c.name() + "'");
        }
        markers += c.markers().size();
      }
      if (markers > 64) {
        throw new InvalidSpecException(
            "the cohorts declare " + markers + " claim markers together, more than 64");
      }
      if (zeroBurden == ZeroBurden.ONE_PLUS_B && healthLevel.dependsOnCategories()) {
        throw new InvalidSpecException(
            "zero burden ONE_PLUS_B shifts a burden count, but health level "
                + healthLevel.describe()
                + " is a function of the category set: use AS_ONE or EXCLUDE");
      }
      if (standardisation.enabled()
          && aggregation.kind() != Aggregation.Kind.MEAN_OF_RATIOS
          && aggregation.kind() != Aggregation.Kind.RATIO_OF_MEANS) {
        throw new InvalidSpecException(
            "standardisation applies to the mean of ratios and the ratio of means, not"
                + " to the "
                + aggregation
                + ": a weighted sum of stratum medians or trimmed means is not the statistic of a"
                + " standard population");
      }
      if (studyPeriod.isPresent()) {
        StudyPeriod p = studyPeriod.get();
        long windows = (long) windowScheme.indexOf(p.to()) - windowScheme.indexOf(p.from()) + 1;
        if (windows > maximumWindows) {
          throw new InvalidSpecException(
              "the study period "
                  + p
                  + " holds "
                  + windows
                  + " windows of "
                  + windowScheme.describe()
                  + ", more than the maximum of "
                  + maximumWindows
                  + " (MpiSpec.Builder.maximumWindows, mpi --max-windows): declare a shorter period, or raise the maximum");
        }
        if (windows <= lag) {
          throw new InvalidSpecException(
              "study period "
                  + p
                  + " holds "
                  + windows
                  + " window(s) of "
                  + windowScheme.describe()
                  + ", too few for lag "
                  + lag
                  + ": no index value could be computed");
        }
        if (minimumEligibleWindows > windows) {
          throw new InvalidSpecException(
              "minimum eligible windows "
                  + minimumEligibleWindows
                  + " exceeds the "
                  + windows
                  + " window(s) of study period "
                  + p
                  + ": nobody could qualify");
        }
      }
      return new MpiSpec(this);
    }
  }
}
