package org.mpindex.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.mpindex.adg.AcgOutputReader;
import org.mpindex.adg.AdgMapGrouper;
import org.mpindex.adg.ComorbidityGrouper;
import org.mpindex.adg.ComorbidityIndex;
import org.mpindex.core.index.IndexAssembler;
import org.mpindex.core.index.IngestMode;
import org.mpindex.core.index.IngestTally;
import org.mpindex.core.index.MpiResult;
import org.mpindex.core.index.MpiSpec;
import org.mpindex.core.index.StudyPeriod;
import org.mpindex.core.spi.BurdenGrouper;
import org.mpindex.core.time.Window;
import org.mpindex.core.time.WindowScheme;
import org.mpindex.io.SsaFipsCrosswalk;
import org.mpindex.io.SynpufClaimReader;
import org.mpindex.io.input.InputDetection;
import org.mpindex.io.input.InputFiles;
import org.mpindex.io.input.InputFormat;
import org.mpindex.io.input.InputFormats;
import org.mpindex.io.input.InputLayoutException;
import org.mpindex.io.input.InputTable;
import org.mpindex.io.input.ReadContext;
import org.mpindex.io.input.ReadOptions;
import org.mpindex.rbrvs.RvuSchedule;

/** {@code mpi compute}: the index from claims files. */
final class ComputeCommand {
  static final String HELP =
      String.join(
          "\n",
          "usage: mpi compute --format LAYOUT (--input PATH... | --beneficiaries F... [--enrollment F...] --claims F...)",
          "                   [--rvu F...] [--health elixhauser|charlson|adg] [--adg-map F] [--acg-output F]",
          "                   [--hierarchy] [--by national|state|county] [--strict] --out DIR [method options]",
          "",
          "  --format LAYOUT              tidy (or csv: the library's layout, mpi-io/README.md), desynpuf (CMS 2008-2010",
          "                               DE-SynPUF), or another layout of docs/bring-your-own-claims.md",
          "  --input PATH...              the layout's files, or folders holding them (one level deep): each file is told",
          "                               by its header; a folder's other files are not read, and noted (mpi inspect DIR)",
          "  --beneficiaries F...         DE-SynPUF Beneficiary Summary files (one per year), or beneficiaries.csv",
          "  --enrollment F...            tidy only: enrollment span files",
          "  --claims F...                DE-SynPUF carrier/outpatient/inpatient files, or claim line files",
          RvuOptions.HELP,
          "  --health elixhauser|charlson|adg  burden categories (elixhauser)",
          "  --hierarchy                  apply the grouper's hierarchy rules",
          "  --health-weights W           burden = weighted score instead of a count: charlson-1987 or quan-2011",
          "                               (--health charlson), van-walraven-2009 (--health elixhauser); a score of 0",
          "                               or less is burden 0 (then --zero-burden decides)",
          "  --adg-map F                  with --health adg: your ICD-to-ADG table (code_system,code,adg)",
          "  --acg-output F               with --health adg: your ACG output with ADG flags per patient and period",
          "  --diagnosis-sources header,line,admitting  DE-SynPUF diagnoses that count (all)",
          "  --county-crosswalk bundled|none|F  DE-SynPUF: SSA-to-FIPS county crosswalk: the bundled CMS/NBER file of 2017",
          "                               (bundled), none (county groups keep SSA keys), or a file in its layout",
          "                               (ssa_fips_state_county<YEAR>.csv); codes it does not map keep SSA keys, counted",
          "  --denied-lines no-effort|effort  DE-SynPUF carrier lines whose LINE_PRCSG_IND_CD is not A (not allowed):",
          "                               diagnoses kept, effort rejected and counted (no-effort), or valued (effort)",
          "  --acg-by-year                the ACG output is an annual run: each row's flags apply to every window of",
          "                               its year (period 2009, a quarter or a date in it), not to one window",
          "  --allow-missing-rvu          compute even where the RVU files do not cover an effort window (marked in",
          "                               every output); without it such a run stops with exit code 3",
          "  --rejects F                  list every rejected row (file, line, column, reason) in F; F is replaced only",
          "                               if a run wrote it (first line file,line,column,reason,message), never an",
          "                               input, a symbolic link or a device",
          "  --force                      with --rejects: replace F even if no run wrote it",
          "",
          "The study period is --study-period when given, else the years of the DE-SynPUF summary files, else the",
          "span of the tidy enrollment records; claims outside it are counted, never stretch it.",
          "",
          SpecOptions.HELP,
          SensitivityGrid.HELP,
          RealTimeRun.HELP,
          "",
          Run.OUTPUT_HELP);

  private final PrintStream out;
  private final PrintStream err;

  ComputeCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  int run(String[] argv) {
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
    Set<String> flags = new HashSet<>(SpecOptions.FLAGS);
    flags.addAll(RvuOptions.FLAGS);
    flags.addAll(SensitivityGrid.FLAGS);
    flags.add("hierarchy");
    flags.add("acg-by-year");
    flags.add("allow-missing-rvu");
    flags.add("force");
    Args a =
        Args.parse(
            argv,
            single,
            Set.of("beneficiaries", "enrollment", "claims", "input", "rvu", "cohort"),
            flags,
            "compute");
    if (!a.positionals().isEmpty()) {
      throw new UsageException("unexpected argument '" + a.positionals().get(0) + "'");
    }
    InputFormat format = format(a);
    List<String> ignoredInputs = new ArrayList<>();
    InputFiles inputFiles = inputs(a, format, ignoredInputs);
    List<Path> rvu = files(a, "rvu", false);
    String health = a.get("health").orElse("elixhauser").toLowerCase(Locale.ROOT);
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
    Optional<Path> adgMap = a.get("adg-map").map(f -> existing("adg-map", f));
    Optional<Path> acgOutput = a.get("acg-output").map(f -> existing("acg-output", f));
    ReadOptions readOptions = readOptions(a, format);
    if (a.flag("acg-by-year") && acgOutput.isEmpty()) {
      throw new UsageException("--acg-by-year is about --acg-output F, which is not given");
    }
    List<Path> inputs = new ArrayList<>(inputFiles.all());
    inputs.addAll(rvu);
    adgMap.ifPresent(inputs::add);
    acgOutput.ifPresent(inputs::add);
    refuseRepeatedFiles(inputs);
    MpiSpec spec = SpecOptions.build(a);
    boolean strict = a.flag("strict");
    // everything about the outputs is checked before anything is computed
    OutputDir outDir = OutputDir.check(Path.of(a.require("out")));
    Run.checkOutputOptions(a);
    for (Path input : inputs) {
      if (input.toAbsolutePath().normalize().startsWith(outDir.target())) {
        throw new UsageException(
            "the input "
                + input
                + " lies in --out "
                + outDir.target()
                + ", which a run replaces as a whole: give the outputs another directory");
      }
    }
    Optional<Rejects> rejects =
        a.get("rejects").map(f -> Rejects.open(Path.of(f), outDir, inputs, a.flag("force")));

    BurdenGrouper grouper;
    switch (health) {
      case "elixhauser", "charlson" ->
          grouper = ComorbidityGrouper.of(ComorbidityIndex.parse(health), a.flag("hierarchy"));
      case "adg" -> {
        if (adgMap.isEmpty() && acgOutput.isEmpty()) {
          throw new UsageException(
              "--health adg needs --adg-map F or --acg-output F (the ACG mapping is not shipped)");
        }
        grouper = adgMap.map(f -> (BurdenGrouper) AdgMapGrouper.read(f)).orElse(BurdenGrouper.NONE);
      }
      default ->
          throw new UsageException("--health is elixhauser, charlson or adg, got '" + health + "'");
    }
    if (a.get("health-weights").isPresent()) {
      spec =
          SpecOptions.rebuild(
              spec.toBuilder()
                  .healthLevel(
                      weighted(a.get("health-weights").get(), grouper, spec.healthLevel())));
    }
    String periodSource = a.get("study-period").isPresent() ? "--study-period" : null;
    if (periodSource == null) {
      // a layout whose files declare the study period (the years of DE-SynPUF summary files),
      // never the claims' span
      Optional<StudyPeriod> declared;
      try {
        declared = format.studyPeriod(inputFiles);
      } catch (IllegalArgumentException e) {
        throw new UsageException("--beneficiaries: " + e.getMessage());
      }
      if (declared.isPresent()) {
        spec = SpecOptions.rebuild(spec.toBuilder().studyPeriod(declared.get()));
        periodSource = format.studyPeriodRule();
      }
    }
    // the calculator needs the study period (which years to price), known once the enrollment is
    // read
    LateEffort effort = new LateEffort();
    IndexAssembler assembler = IndexAssembler.create(spec, effort, grouper);
    IngestTally tally = assembler.tally();
    // files of an --input folder that are none of the layout's tables: said, never read
    ignoredInputs.forEach(tally::note);
    Optional<SensitivityGrid> grid = SensitivityGrid.of(a, spec, effort, grouper);
    Optional<RealTimeRun.Pending> realtime = RealTimeRun.Pending.of(a);
    Sink sink =
        new Sink(
            assembler,
            r -> {
              grid.ifPresent(g -> g.accept(r));
              realtime.ifPresent(x -> x.accept(r));
            });
    // the tidy format has no SSA county codes
    String countySource = "";
    java.util.function.Consumer<org.mpindex.core.spi.MalformedRecordException> rejectSink =
        rejects.isPresent() ? rejects.get()::add : e -> {};
    try {
      ReadContext people =
          new ReadContext(
              strict ? IngestMode.STRICT : IngestMode.LENIENT,
              tally,
              rejectSink,
              spec.claimDating(),
              ReadContext.NOBODY_YET,
              readOptions,
              f -> {});
      if (format.honours().contains(ReadOptions.Option.COUNTY_CROSSWALK)) {
        countySource =
            readOptions
                .countyCrosswalk()
                .map(c -> "; counties by " + c.source())
                .orElse("; counties by SSA code (--county-crosswalk none)");
      }
      format.readPeople(inputFiles, people, sink);
      // every beneficiary is in: spans and claim lines are checked against them as they are read
      // (an id without a record listed with its line, a service day outside the life rejected)
      ReadContext known = people.withBeneficiaries(assembler::beneficiary);
      format.readCoverage(inputFiles, known, sink);
      if (periodSource == null) {
        periodSource = format.studyPeriodRule();
      }
      // before the claims are read: the effort windows the index needs must be priced by the RVU
      // files
      Map<Integer, String> caveats = new TreeMap<>();
      Optional<StudyPeriod> period = assembler.studyPeriod();
      if (period.isPresent()) {
        SpecOptions.checkWindowCount(spec, period.get(), a);
      }
      if (period.isPresent()) {
        // enrollment is in: the study period is fixed, and the claims fold into the dense layout
        assembler.fixStudyPeriod();
        grid.ifPresent(g -> g.start(period.get()));
        MpiSpec started = spec;
        realtime.ifPresent(x -> x.start(started, effort, grouper, period.get()));
      }
      MpiSpec finalSpec = spec;
      Optional<StudyPeriod> effortDays = period.flatMap(p -> effortDays(finalSpec, p));
      if (grid.isPresent() && period.isPresent()) {
        // the grid's effort windows are priced by the same RVU files: the union of the days
        for (StudyPeriod d : grid.get().effortDays(period.get())) {
          effortDays =
              Optional.of(
                  effortDays
                      .map(
                          e ->
                              StudyPeriod.of(
                                  e.from().isBefore(d.from()) ? e.from() : d.from(),
                                  e.to().isAfter(d.to()) ? e.to() : d.to()))
                      .orElse(d));
        }
      }
      RvuOptions.Setup rvuSetup =
          RvuOptions.setup(
              a,
              rvu,
              effortDays.map(StudyPeriod::from).orElse(LocalDate.MAX),
              effortDays.map(StudyPeriod::to).orElse(LocalDate.MIN));
      tally.addAll(rvuSetup.tally());
      RvuSchedule schedule = rvuSetup.schedule();
      effort.set(rvuSetup.calculator(a));
      if (period.isPresent()) {
        caveats.putAll(substitutionCaveats(spec, period.get(), schedule));
        caveats.putAll(
            effortCoverage(spec, period.get(), schedule, rvu, a.flag("allow-missing-rvu")));
      }
      List<Path> claims = claimFiles(inputFiles);
      long totalBytes = 0;
      for (Path p : claims) {
        totalBytes += size(p);
      }
      Progress progress = new Progress(err, "claims files read", totalBytes);
      long[] done = {0, rowsRead(tally)};
      ReadContext claimContext =
          known
              .withOptions(readOptions.withClaimsTogether(a.flag("multiple-procedure")))
              .withFileListener(
                  c -> {
                    if (rowsRead(tally) == done[1]) {
                      // a claims file of a header and no row is most likely a failed export
                      tally.note(c.getFileName() + ": " + HEADER_ONLY);
                    }
                    done[1] = rowsRead(tally);
                    done[0] += size(c);
                    progress.update(done[0]);
                  });
      boolean recordsNeeded =
          a.flag("multiple-procedure")
              || grid.isPresent()
              || realtime.isPresent()
              || spec.confirmation().enabled();
      // claim-level ranking needs a claim's lines together, and a sensitivity grid or the real-time
      // index takes the records one by one with the main assembler: the row readers; otherwise a
      // layout's columnar reader where it has one (the same rows, counts and rejections)
      if (recordsNeeded || !format.readClaimsColumnar(inputFiles, claimContext, assembler)) {
        format.readClaims(inputFiles, claimContext, sink);
      }
      progress.done();
      AcgOutputReader acgReader =
          a.flag("acg-by-year") ? AcgOutputReader.strict().byYear() : AcgOutputReader.strict();
      acgOutput.ifPresent(f -> tally.addAll(acgReader.read(f, sink::accept)));
      MpiResult r = assembler.assemble(Runtime.getRuntime().availableProcessors());
      Map<String, MpiResult> cohorts =
          assembler.assembleCohorts(Runtime.getRuntime().availableProcessors());
      String studyPeriod =
          r.studyPeriod().map(p -> p.toString()).orElse("none (no records)")
              + " ("
              + periodSource
              + ")";
      RunInfo info =
          new RunInfo(
              "Medical Productivity Index",
              "Input: "
                  + inputName(format)
                  + " files "
                  + names(peopleFiles(inputFiles))
                  + ", "
                  + names(claims)
                  + "; work RVUs from "
                  + rvuSetup.source()
                  + countySource
                  + ".",
              studyPeriod,
              caveats);
      if (realtime.isPresent()) {
        info = info.withFigures(realtime.get().run().figure(Run.minCellSize(a)));
      }
      Run.finish(
          r,
          cohorts,
          a,
          outDir,
          info,
          out,
          err,
          grid.isEmpty() && realtime.isEmpty()
              ? Optional.empty()
              : Optional.of(
                  tmp -> {
                    List<String> more = new ArrayList<>();
                    grid.ifPresent(
                        g ->
                            more.addAll(
                                g.finish(
                                    Runtime.getRuntime().availableProcessors(),
                                    Run.minCellSize(a),
                                    tmp,
                                    out)));
                    realtime.ifPresent(x -> more.add(x.run().write(tmp, Run.minCellSize(a), out)));
                    return more;
                  }));
      if (rejects.isPresent()) {
        rejects.get().commit();
        err.println(
            "rejected rows listed in " + rejects.get().path() + " (" + rejects.get().count() + ")");
      }
      return 0;
    } finally {
      rejects.ifPresent(Rejects::discard);
    }
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

  /** What the run spec calls the layout (the name the user gave for the tidy one: csv). */
  private static String inputName(InputFormat format) {
    return format.name().equals("tidy") ? "csv" : format.name();
  }

  /**
   * The run's files by table: {@code --input} files and folders told by their headers, or the files
   * of {@code --beneficiaries}, {@code --enrollment} and {@code --claims}.
   */
  static InputFiles inputs(Args a, InputFormat format, List<String> ignoredInputs) {
    List<String> given = a.all("input");
    boolean byRole =
        !a.all("beneficiaries").isEmpty()
            || !a.all("enrollment").isEmpty()
            || !a.all("claims").isEmpty();
    try {
      if (!given.isEmpty()) {
        if (byRole) {
          throw new UsageException(
              "give the files either with --input or with --beneficiaries/--enrollment/--claims,"
                  + " not both");
        }
        List<Path> paths = new ArrayList<>();
        for (String g : given) {
          Path p = Path.of(g);
          if (!Files.isDirectory(p)) {
            existing("input", g);
          }
          paths.add(p);
        }
        InputDetection.Assignment assignment = InputDetection.assign(format, paths);
        assignment
            .ignored()
            .forEach(
                (f, why) ->
                    ignoredInputs.add("--input: " + f.getFileName() + " not read (" + why + ")"));
        return assignment.files();
      }
      boolean hasCoverage =
          format.tables().stream().anyMatch(t -> t.role() == InputTable.Role.COVERAGE);
      List<Path> beneficiaries = files(a, "beneficiaries", true);
      List<Path> enrollment = files(a, "enrollment", hasCoverage);
      if (!hasCoverage && !enrollment.isEmpty()) {
        throw new UsageException(
            "--enrollment is for layouts with coverage tables of their own; "
                + format.name()
                + " coverage comes from its beneficiary files");
      }
      List<Path> claims = files(a, "claims", true);
      Map<InputTable.Role, List<Path>> roles = new java.util.EnumMap<>(InputTable.Role.class);
      roles.put(InputTable.Role.PEOPLE, beneficiaries);
      if (!enrollment.isEmpty()) {
        roles.put(InputTable.Role.COVERAGE, enrollment);
      }
      roles.put(InputTable.Role.CLAIMS, claims);
      return InputDetection.byRole(format, roles);
    } catch (InputLayoutException e) {
      throw new UsageException(e.getMessage());
    }
  }

  /** The files of the people tables, in table order. */
  private static List<Path> peopleFiles(InputFiles files) {
    return roleFiles(files, InputTable.Role.PEOPLE);
  }

  /** The files of the claims tables, in table order. */
  private static List<Path> claimFiles(InputFiles files) {
    return roleFiles(files, InputTable.Role.CLAIMS);
  }

  private static List<Path> roleFiles(InputFiles files, InputTable.Role role) {
    List<Path> out = new ArrayList<>();
    for (InputTable t : files.format().tables()) {
      if (t.role() == role) {
        out.addAll(files.of(t.name()));
      }
    }
    return out;
  }

  /**
   * The layout choices of the command line, each refused for a layout that does not honour it:
   * {@code --denied-lines no-effort|effort}, {@code --diagnosis-sources header,line,admitting},
   * {@code --county-crosswalk bundled|none|FILE}.
   */
  static ReadOptions readOptions(Args a, InputFormat format) {
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
    ReadOptions r =
        ReadOptions.defaults()
            .withThreads(Runtime.getRuntime().availableProcessors())
            .withDeniedLinesCarryEffort(deniedLinesCarryEffort(a))
            .withDiagnosisSources(diagnosisSources(a));
    String crosswalk = a.get("county-crosswalk").orElse("bundled");
    return switch (crosswalk) {
      case "bundled" -> r;
      case "none" -> r.withCountyCrosswalk(Optional.empty());
      default ->
          r.withCountyCrosswalk(
              Optional.of(SsaFipsCrosswalk.read(existing("county-crosswalk", crosswalk))));
    };
  }

  /** {@code --diagnosis-sources header,line,admitting} (all by default). */
  static Set<SynpufClaimReader.DiagnosisSource> diagnosisSources(Args a) {
    Set<SynpufClaimReader.DiagnosisSource> out =
        java.util.EnumSet.noneOf(SynpufClaimReader.DiagnosisSource.class);
    for (String v : a.get("diagnosis-sources").orElse("header,line,admitting").split(",", -1)) {
      try {
        out.add(SynpufClaimReader.DiagnosisSource.valueOf(v.strip().toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw new UsageException(
            "--diagnosis-sources takes header, line and admitting, got '" + v + "'");
      }
    }
    return out;
  }

  /** {@code --denied-lines no-effort|effort} (lines not allowed by Medicare). */
  static boolean deniedLinesCarryEffort(Args a) {
    String v = a.get("denied-lines").orElse("no-effort").strip().toLowerCase(Locale.ROOT);
    return switch (v) {
      case "no-effort" -> false;
      case "effort" -> true;
      default -> throw new UsageException("--denied-lines is no-effort or effort, got '" + v + "'");
    };
  }

  /** {@code --health-weights}: a weighted score over the comorbidity grouper's categories. */
  static org.mpindex.core.spi.HealthLevelProvider weighted(
      String name, BurdenGrouper grouper, org.mpindex.core.spi.HealthLevelProvider inner) {
    org.mpindex.adg.Weights w;
    try {
      w = org.mpindex.adg.Weights.valueOf(name.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException e) {
      throw new UsageException(
          "--health-weights is charlson-1987, quan-2011 or van-walraven-2009, got '" + name + "'");
    }
    if (!(grouper instanceof ComorbidityGrouper comorbidityGrouper)
        || comorbidityGrouper.index() != w.index()) {
      throw new UsageException(
          "--health-weights "
              + name
              + " weighs "
              + w.index().displayName()
              + " categories: give"
              + " --health "
              + w.index().name().toLowerCase(Locale.ROOT));
    }
    try {
      return org.mpindex.adg.WeightedBurden.of(w, comorbidityGrouper, inner);
    } catch (IllegalArgumentException e) {
      throw new UsageException("--health-weights: " + e.getMessage());
    }
  }

  /**
   * The same data given twice would be read twice: refused. Files are recognised by content, not by
   * path: one file under two names (a symbolic or a hard link: the same file key, else the same real
   * path), or two files of the same size and the same SHA-256 digest of their whole bytes (a copy).
   * Only files whose sizes are equal are read to be hashed, so inputs of different sizes cost
   * nothing; empty files are not compared. A copy that differs in a byte (another line end, gzip) is
   * not caught here: its claims are, as repeated claim ids.
   */
  static void refuseRepeatedFiles(List<Path> files) {
    Map<Object, Path> seen = new java.util.HashMap<>();
    Map<Long, List<Path>> bySize = new TreeMap<>();
    for (Path f : files) {
      Object identity;
      long size;
      try {
        java.nio.file.attribute.BasicFileAttributes attrs =
            Files.readAttributes(f, java.nio.file.attribute.BasicFileAttributes.class);
        identity = attrs.fileKey() != null ? attrs.fileKey() : f.toRealPath();
        size = attrs.size();
      } catch (java.io.IOException e) {
        identity = f.toAbsolutePath().normalize();
        size = -1;
      }
      Path first = seen.putIfAbsent(identity, f);
      if (first != null) {
        throw new UsageException(
            "the file "
                + f.toAbsolutePath().normalize()
                + " is given twice ("
                + first
                + " and "
                + f
                + ", one file under two names): its records would be read twice");
      }
      if (size > 0) {
        bySize.computeIfAbsent(size, k -> new ArrayList<>()).add(f);
      }
    }
    for (Map.Entry<Long, List<Path>> same : bySize.entrySet()) {
      if (same.getValue().size() < 2) {
        continue;
      }
      Map<String, Path> digests = new java.util.HashMap<>();
      for (Path f : same.getValue()) {
        String digest = sha256(f);
        Path first = digests.putIfAbsent(digest, f);
        if (first != null) {
          throw new UsageException(
              first
                  + " and "
                  + f
                  + " hold the same data ("
                  + same.getKey()
                  + " bytes, SHA-256 "
                  + digest.substring(0, 16)
                  + "...): its records would be read twice; give each file once");
        }
      }
    }
  }

  /** The SHA-256 digest of a file's bytes, in hex. */
  private static String sha256(Path f) {
    try (java.io.InputStream in = Files.newInputStream(f)) {
      java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
      byte[] buf = new byte[1 << 16];
      for (int n; (n = in.read(buf)) > 0; ) {
        md.update(buf, 0, n);
      }
      return java.util.HexFormat.of().formatHex(md.digest());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot read " + f + ": " + e.getMessage(), e);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java platform", e);
    }
  }

  /** The days whose effort the index needs: windows first .. last - lag of the study; empty if none. */
  static Optional<StudyPeriod> effortDays(MpiSpec spec, StudyPeriod period) {
    WindowScheme scheme = spec.windowScheme();
    int lo = scheme.indexOf(period.from());
    int hi = scheme.indexOf(period.to()) - spec.lag();
    return hi < lo
        ? Optional.empty()
        : Optional.of(StudyPeriod.of(scheme.window(lo).start(), scheme.window(hi).end()));
  }

  /** A caveat for every index window whose effort window falls in a year priced with another year's release. */
  static Map<Integer, String> substitutionCaveats(
      MpiSpec spec, StudyPeriod period, RvuSchedule schedule) {
    Map<Integer, String> caveats = new TreeMap<>();
    WindowScheme scheme = spec.windowScheme();
    int lo = scheme.indexOf(period.from());
    int hi = scheme.indexOf(period.to()) - spec.lag();
    for (RvuSchedule.Substitution sub : schedule.substitutions()) {
      for (int e = lo; e <= hi; e++) {
        Window w = scheme.window(e);
        if (w.start().getYear() <= sub.year() && w.end().getYear() >= sub.year()) {
          caveats.put(
              e + spec.lag(),
              "effort window "
                  + w.label()
                  + " priced with "
                  + sub.release()
                  + ": no RVU release"
                  + " for "
                  + sub.year()
                  + " (--rvu-year-fallback nearest)");
        }
      }
    }
    return caveats;
  }

  static Map<Integer, String> effortCoverage(
      MpiSpec spec, StudyPeriod period, RvuSchedule schedule, List<Path> files, boolean allow) {
    WindowScheme scheme = spec.windowScheme();
    int lo = scheme.indexOf(period.from());
    int hi = scheme.indexOf(period.to()) - spec.lag();
    Map<Integer, String> caveats = new TreeMap<>();
    if (hi < lo) {
      return caveats;
    }
    List<RvuSchedule.Gap> gaps =
        schedule.uncovered(scheme.window(lo).start(), scheme.window(hi).end());
    if (gaps.isEmpty()) {
      return caveats;
    }
    String missing =
        gaps.stream()
            .map(RvuSchedule.Gap::toString)
            .collect(java.util.stream.Collectors.joining(", "));
    if (!allow) {
      throw new UncoveredEffortException(
          "the RVU "
              + (files.isEmpty() ? "releases" : "files given (" + names(files) + ")")
              + " do not cover "
              + missing
              + ", whose effort the index needs (study period "
              + period
              + "): add the PPRRVU file of each missing year,"
              + " or --allow-missing-rvu to compute anyway with those windows marked");
    }
    for (int e = lo; e <= hi; e++) {
      Window w = scheme.window(e);
      for (RvuSchedule.Gap g : gaps) {
        if (!g.to().isBefore(w.start()) && !g.from().isAfter(w.end())) {
          caveats.put(
              e + spec.lag(),
              "effort window "
                  + w.label()
                  + " is not fully priced: no RVU release for "
                  + g
                  + " (--allow-missing-rvu); its lines' effort is rejected and counted");
          break;
        }
      }
    }
    return caveats;
  }

  private static long size(Path p) {
    try {
      return Files.size(p);
    } catch (java.io.IOException e) {
      return 0;
    }
  }

  static String names(List<Path> files) {
    List<String> n = new ArrayList<>();
    files.forEach(f -> n.add(f.getFileName().toString()));
    return String.join(" ", n);
  }

  /** A readable regular file, or a usage error saying what {@code f} is instead. */
  static Path existing(String option, String f) {
    Path p = Path.of(f);
    if (!Files.exists(p)) {
      throw new UsageException("--" + option + ": no such file " + f);
    }
    if (Files.isDirectory(p)) {
      throw new UsageException("--" + option + ": " + f + " is a directory, not a file");
    }
    if (!Files.isRegularFile(p)) {
      throw new UsageException(
          "--" + option + ": " + f + " is not a regular file (a FIFO or a device?); give a file");
    }
    if (!Files.isReadable(p)) {
      throw new UsageException("--" + option + ": " + f + " cannot be read (permission denied)");
    }
    return p;
  }

  private static List<Path> files(Args a, String option, boolean required) {
    List<String> names = a.all(option);
    if (names.isEmpty() && required) {
      throw new UsageException("--" + option + " is required");
    }
    List<Path> paths = new ArrayList<>();
    names.forEach(n -> paths.add(existing(option, n)));
    return paths;
  }

  /** Note on a claims file that holds a header and no claim row (after the file's name). */
  static final String HEADER_ONLY = "header only, no claim rows";

  /** Rows read so far, of every record kind (a claims file adds to its reader's row kind). */
  private static long rowsRead(IngestTally tally) {
    long n = 0;
    for (org.mpindex.core.index.RecordCounts c : tally.snapshot().records().values()) {
      n += c.read();
    }
    return n;
  }
}
