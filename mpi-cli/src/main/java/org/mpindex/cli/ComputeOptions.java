package org.mpindex.cli;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.mpindex.adg.AdgMapGrouper;
import org.mpindex.adg.ComorbidityGrouper;
import org.mpindex.adg.ComorbidityIndex;
import org.mpindex.core.index.IngestMode;
import org.mpindex.core.index.MpiSpec;
import org.mpindex.core.spi.BurdenGrouper;
import org.mpindex.io.input.InputFormat;
import org.mpindex.io.input.InputFormats;
import org.mpindex.io.input.ReadOptions;

/**
 * The options of one {@code mpi compute}, parsed and checked once, as typed values: the layout, the
 * inputs as given, the method spec, the burden grouper, the layout's reading options, the RVU files
 * and the output options. Every check that needs no data is done here, so that a bad option fails
 * before anything is read; the options that name files of this machine ({@code --rvu}, {@code
 * --adg-map}, {@code --county-crosswalk FILE}) are read when first asked for, so that a worker of a
 * distributed {@link ComputeRun.Engine} can rebuild the options from {@link #argv()} without them.
 * Its values never change once given.
 *
 * <p>Where a new option goes: an option of the method into {@link SpecOptions}, of the RVU files
 * into {@link RvuOptions}, of the outputs into {@link Run}, of a layout into {@link
 * #readOptions(Args, InputFormat)} and {@link ReadOptions}; each family lists its names, so the
 * parser and the help cannot drift apart.
 */
public final class ComputeOptions {
  private final String[] argv;
  final Args args;
  private final InputFormat format;
  private final String health;
  private final BurdenGrouper named;
  private BurdenGrouper grouper; // with --adg-map: read on the first call of grouper()
  private final MpiSpec spec;
  private ReadOptions readOptions; // read on the first call: --county-crosswalk FILE is a file
  private final Optional<String> adgMap;

  private ComputeOptions(String[] argv, Args a) {
    this.argv = argv.clone();
    this.args = a;
    if (!a.positionals().isEmpty()) {
      throw new UsageException("unexpected argument '" + a.positionals().get(0) + "'");
    }
    this.format = format(a);
    this.health = a.get("health").orElse("elixhauser").toLowerCase(Locale.ROOT);
    if (!health.equals("adg")) {
      for (String adgOnly : List.of("adg-map", "acg-output")) {
        if (a.get(adgOnly).isPresent()) {
          throw new UsageException(
              "--"
                  + adgOnly
                  + " is for --health adg; with --health "
                  + health
                  + " it would mix ADG flags into the "
                  + health
                  + " burden");
        }
      }
    }
    this.adgMap = a.get("adg-map");
    refuseUnhonoured(a, format);
    if (a.flag("acg-by-year") && a.get("acg-output").isEmpty()) {
      throw new UsageException("--acg-by-year is about --acg-output F, which is not given");
    }
    BurdenGrouper named =
        switch (health) {
          case "elixhauser", "charlson" ->
              ComorbidityGrouper.of(ComorbidityIndex.parse(health), a.flag("hierarchy"));
          case "adg" -> {
            if (adgMap.isEmpty() && a.get("acg-output").isEmpty()) {
              throw new UsageException(
                  "--health adg needs --adg-map F or --acg-output F (the ACG mapping is not shipped)");
            }
            yield BurdenGrouper.NONE; // the licensed map is read when first asked for: grouper()
          }
          default ->
              throw new UsageException(
                  "--health is elixhauser, charlson or adg, got '" + health + "'");
        };
    this.named = named;
    MpiSpec s = SpecOptions.build(a);
    if (a.get("health-weights").isPresent()) {
      s =
          SpecOptions.rebuild(
              s.toBuilder()
                  .healthLevel(
                      ComputeCommand.weighted(
                          a.get("health-weights").get(), named, s.healthLevel())));
    }
    this.spec = s;
  }

  /** The options every engine takes: {@code mpi compute}'s single-valued options. */
  static Set<String> singleOptions() {
    Set<String> single = new HashSet<>(SpecOptions.SINGLE);
    single.addAll(Run.OUTPUT_SINGLE);
    single.addAll(
        Set.of(
            "format",
            "health",
            "adg-map",
            "acg-output",
            "rejects",
            "health-weights",
            "denied-lines",
            "diagnosis-sources",
            "county-crosswalk"));
    single.addAll(RvuOptions.SINGLE);
    single.addAll(SensitivityGrid.SINGLE);
    single.addAll(RealTimeRun.SINGLE);
    return single;
  }

  /** {@code mpi compute}'s flags. */
  static Set<String> flagOptions() {
    Set<String> flags = new HashSet<>(SpecOptions.FLAGS);
    flags.addAll(RvuOptions.FLAGS);
    flags.addAll(SensitivityGrid.FLAGS);
    flags.addAll(Set.of("hierarchy", "acg-by-year", "allow-missing-rvu", "force"));
    return flags;
  }

  /** {@code mpi compute}'s options that take several values. */
  static final Set<String> MULTI =
      Set.of("beneficiaries", "enrollment", "claims", "input", "rvu", "cohort");

  /**
   * Parses and checks {@code mpi compute}'s arguments.
   *
   * @throws UsageException naming the option, for anything the arguments alone show to be wrong
   */
  public static ComputeOptions parse(String[] argv) {
    return parse(argv, Set.of(), Set.of());
  }

  /**
   * Parses {@code mpi compute}'s arguments plus an engine's own single-valued options and flags
   * ({@code --partitions N} of the Spark job, say), read back with {@link #engineOption} and {@link
   * #engineFlag}.
   */
  public static ComputeOptions parse(
      String[] argv, Set<String> engineSingle, Set<String> engineFlags) {
    Set<String> single = singleOptions();
    single.addAll(engineSingle);
    Set<String> flags = flagOptions();
    flags.addAll(engineFlags);
    return new ComputeOptions(argv, Args.parse(argv, single, MULTI, flags, "compute"));
  }

  /** The arguments as given (a distributed engine ships them to rebuild these options). */
  public String[] argv() {
    return argv.clone();
  }

  /** The layout of {@code --format}. */
  public InputFormat format() {
    return format;
  }

  /** {@code --health}: elixhauser, charlson or adg. */
  public String health() {
    return health;
  }

  /**
   * The burden grouper {@code --health}, {@code --hierarchy} and {@code --adg-map} ask for (a licensed
   * ADG map is read on the first call, from this machine's file system).
   */
  public synchronized BurdenGrouper grouper() {
    if (grouper == null) {
      grouper =
          adgMap.isPresent()
              ? AdgMapGrouper.read(ComputeCommand.existing("adg-map", adgMap.get()))
              : named;
    }
    return grouper;
  }

  /** The method spec of the options (its study period only when {@code --study-period} gives one). */
  public MpiSpec spec() {
    return spec;
  }

  /** {@code --hierarchy}: the grouper's hierarchy rules apply. */
  public boolean hierarchy() {
    return args.flag("hierarchy");
  }

  /** {@code --strict}: the first bad record stops the run; else rejected and counted. */
  public IngestMode mode() {
    return args.flag("strict") ? IngestMode.STRICT : IngestMode.LENIENT;
  }

  /** The layout choices ({@code --denied-lines}, {@code --diagnosis-sources}, {@code --county-crosswalk}). */
  public synchronized ReadOptions readOptions() {
    if (readOptions == null) {
      readOptions = readOptions(args, format);
    }
    return readOptions;
  }

  /**
   * The RVU files given ({@code --rvu}), each a readable file of this machine; empty for the bundled
   * releases.
   */
  public List<Path> rvuFiles() {
    return args.all("rvu").stream().map(f -> ComputeCommand.existing("rvu", f)).toList();
  }

  /** {@code --adg-map} as given: a licensed user's ICD-to-ADG table on this machine. */
  public Optional<Path> adgMap() {
    return adgMap.map(f -> ComputeCommand.existing("adg-map", f));
  }

  /**
   * The method spec with {@code period} as its study period (the one the data gave), checked as
   * {@code --study-period} would be.
   */
  public MpiSpec spec(java.time.LocalDate from, java.time.LocalDate to) {
    return SpecOptions.rebuild(
        spec.toBuilder().studyPeriod(org.mpindex.core.index.StudyPeriod.of(from, to)));
  }

  /**
   * The work-RVU effort calculator of these options over {@code rvuFiles} (the bundled releases when
   * empty), pricing the days {@code from} to {@code to}: what a worker of a distributed engine builds
   * from the RVU files shipped to it.
   */
  public org.mpindex.core.spi.EffortCalculator effort(
      List<Path> rvuFiles, java.time.LocalDate from, java.time.LocalDate to) {
    return RvuOptions.setup(args, rvuFiles, from, to).calculator(args);
  }

  /** {@code --acg-output} as given (a local file, or a path the engine reads). */
  public Optional<String> acgOutput() {
    return args.get("acg-output");
  }

  /** {@code --acg-by-year}. */
  public boolean acgByYear() {
    return args.flag("acg-by-year");
  }

  /** {@code --multiple-procedure}: a claim's lines ranked together (claim-level reading). */
  public boolean claimsTogether() {
    return args.flag("multiple-procedure");
  }

  /** {@code --input} as given: files or folders. */
  public List<String> input() {
    return args.all("input");
  }

  /** The files of a role option as given: {@code beneficiaries}, {@code enrollment} or {@code claims}. */
  public List<String> byRole(String role) {
    if (!Set.of("beneficiaries", "enrollment", "claims").contains(role)) {
      throw new IllegalArgumentException("no role option --" + role);
    }
    return args.all(role);
  }

  /** Whether the options ask for {@code --sensitivity} or {@code --realtime-until}. */
  public boolean needsRecords() {
    return args.flag("sensitivity") || args.get("realtime-until").isPresent();
  }

  /** An engine's own single-valued option, as given. */
  public Optional<String> engineOption(String name) {
    return args.get(name);
  }

  /** An engine's own whole-number option, checked: at least {@code min}, else {@code dflt}. */
  public int engineInteger(String name, int dflt, int min) {
    return args.integer(name, dflt, min);
  }

  /** An engine's own flag. */
  public boolean engineFlag(String name) {
    return args.flag(name);
  }

  /** {@code --format}: a layout by name ({@code csv} is the tidy layout's former name). */
  static InputFormat format(Args a) {
    String name = a.require("format").strip().toLowerCase(Locale.ROOT);
    return InputFormats.byName(name.equals("csv") ? "tidy" : name)
        .orElseThrow(
            () ->
                new UsageException(
                    "--format is "
                        + String.join(
                            ", ",
                            InputFormats.all().stream()
                                .map(f -> f.name().equals("tidy") ? "tidy (or csv)" : f.name())
                                .toList())
                        + ", got '"
                        + name
                        + "'"));
  }

  /**
   * The layout choices of the command line, each refused for a layout that does not honour it:
   * {@code --denied-lines no-effort|effort}, {@code --diagnosis-sources header,line,admitting},
   * {@code --county-crosswalk bundled|none|FILE}.
   */
  static ReadOptions readOptions(Args a, InputFormat format) {
    refuseUnhonoured(a, format);
    ReadOptions r =
        ReadOptions.defaults()
            .withThreads(Runtime.getRuntime().availableProcessors())
            .withDeniedLinesCarryEffort(ComputeCommand.deniedLinesCarryEffort(a))
            .withDiagnosisSources(ComputeCommand.diagnosisSources(a));
    String crosswalk = a.get("county-crosswalk").orElse("bundled");
    return switch (crosswalk) {
      case "bundled" -> r;
      case "none" -> r.withCountyCrosswalk(Optional.empty());
      default ->
          r.withCountyCrosswalk(
              Optional.of(
                  org.mpindex.io.SsaFipsCrosswalk.read(
                      ComputeCommand.existing("county-crosswalk", crosswalk))));
    };
  }

  /** A layout choice given for a layout that does not honour it: refused, naming those that do. */
  private static void refuseUnhonoured(Args a, InputFormat format) {
    Map<String, ReadOptions.Option> options =
        Map.of(
            "denied-lines", ReadOptions.Option.DENIED_LINES,
            "diagnosis-sources", ReadOptions.Option.DIAGNOSIS_SOURCES,
            "county-crosswalk", ReadOptions.Option.COUNTY_CROSSWALK);
    for (Map.Entry<String, ReadOptions.Option> o : new TreeMap<>(options).entrySet()) {
      if (a.get(o.getKey()).isPresent() && !format.honours().contains(o.getValue())) {
        List<String> which =
            InputFormats.all().stream()
                .filter(f -> f.honours().contains(o.getValue()))
                .map(InputFormat::name)
                .toList();
        throw new UsageException(
            "--"
                + o.getKey()
                + " is about "
                + String.join(" and ", which)
                + " claims, not "
                + format.name()
                + " (--format "
                + String.join("|", which)
                + ")");
      }
    }
    // the values are checked now, before anything is read
    ComputeCommand.deniedLinesCarryEffort(a);
    ComputeCommand.diagnosisSources(a);
  }
}
