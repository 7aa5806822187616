package org.mpindex.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;
import org.mpindex.core.index.IngestTally;
import org.mpindex.core.index.MpiResult;
import org.mpindex.core.index.MpiSpec;
import org.mpindex.core.index.StudyPeriod;
import org.mpindex.core.spi.EffortCalculator;
import org.mpindex.core.spi.MalformedRecordException;
import org.mpindex.io.input.ReadOptions;

/**
 * One {@code mpi compute}, whatever folds the records: check the options and the outputs, find the
 * study period, price the effort the index needs, fold, assemble, suppress small cells and write
 * the outputs. The command on one machine ({@link ComputeCommand}) and the Spark job ({@code
 * org.mpindex.spark.SparkMain}) are both this run with another {@link Engine}: the steps, the checks,
 * the study-period rule, the caveats and the outputs are written once.
 *
 * <p>Exit codes: 0 done, 2 bad arguments ({@link UsageException}), 3 the RVU files do not cover the
 * effort the index needs ({@link UncoveredEffortException}); a record error in strict mode is thrown
 * naming its file, line and field.
 */
public final class ComputeRun {
  private ComputeRun() {}

  /**
   * The note on a claims file (or dataset) of a header and no row, most likely a failed export:
   * {@code "<file>: header only, no claim rows"} in the accounting, by every engine.
   */
  public static final String HEADER_ONLY = "header only, no claim rows";

  /**
   * How the records reach an assembler: read on this machine ({@link LocalEngine}), or folded by
   * partitions of a cluster. Called in this order: {@link #check}, {@link #localInputs}, {@link
   * #declaredPeriod}, {@link #readPeople}, {@link #fold}.
   */
  public interface Engine {
    /**
     * Refuses, with a {@link UsageException} naming the option, what this engine cannot do with the
     * options (an option it does not honour, missing inputs); nothing is read yet.
     */
    void check(ComputeOptions options);

    /**
     * The inputs that are files of this machine: a file given twice or lying inside {@code --out} is
     * refused, and {@code --rejects} never replaces one.
     */
    List<Path> localInputs();

    /** The study period the inputs declare themselves (the years of DE-SynPUF summary files). */
    Optional<StudyPeriod> declaredPeriod();

    /**
     * Reads the beneficiaries and their coverage under {@code spec} (whose study period, if it has
     * one, is fixed) and returns the study period of the run: the spec's, or the span the coverage
     * gives; empty when there is none (no records).
     */
    Optional<StudyPeriod> readPeople(MpiSpec spec, Consumer<MalformedRecordException> rejects);

    /** How the study period was found when the spec and the files declare none. */
    String periodRule();

    /** More days whose effort must be priced than the index's own (a sensitivity grid's). */
    default List<StudyPeriod> moreEffortDays(StudyPeriod period) {
      return List.of();
    }

    /**
     * Folds the claims, their effort priced by {@code effort} (which prices the days {@code from} to
     * {@code to}), and assembles the index, its accounting including the RVU files' ({@link
     * Pricing#accounting}) and notes on the inputs (a folder's files not read); every rejection is
     * handed to {@code rejects}.
     */
    Folded fold(Pricing effort, Consumer<MalformedRecordException> rejects);

    /** The input, as the outputs' spec says it ("desynpuf files ..., ... on Spark 3.5.1"). */
    String describeInput();

    /** Files of more outputs (a sensitivity grid's), written into the run's output directory. */
    default Optional<Function<Path, List<String>>> moreOutputs(int minCellSize, PrintStream out) {
      return Optional.empty();
    }

    /** More figures (HTML) for the report, after Figure 1; "" for none. */
    default String moreFigures(int minCellSize) {
      return "";
    }
  }

  /**
   * The effort of the run: the work-RVU calculator of the options and the RVU files, pricing the
   * days {@code from} to {@code to} (from after to: no day is needed).
   *
   * @param calculator the calculator of this machine
   * @param rvuFiles the RVU files given ({@code --rvu}), empty for the bundled releases
   * @param from the first day priced
   * @param to the last day priced
   * @param accounting the RVU files' rows read, accepted and rejected, which the run's accounting
   *     includes
   */
  public record Pricing(
      EffortCalculator calculator,
      List<Path> rvuFiles,
      LocalDate from,
      LocalDate to,
      IngestTally accounting) {
    public Pricing {
      rvuFiles = List.copyOf(rvuFiles);
    }
  }

  /**
   * What a fold gives: the index, and the side-by-side cohorts' indices ({@code --cohort}, by name;
   * empty without).
   */
  public record Folded(MpiResult result, Map<String, MpiResult> cohorts) {
    public Folded {
      cohorts = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(cohorts));
    }
  }

  /**
   * Runs the computation: prints the national series and the group table to {@code out}, writes the
   * outputs, prints the accounting to {@code err}; returns the exit code 0.
   *
   * @throws UsageException for bad arguments (exit 2)
   * @throws UncoveredEffortException when the RVU files do not price the effort the index needs
   */
  public static int run(ComputeOptions o, Engine engine, PrintStream out, PrintStream err) {
    Args a = o.args;
    engine.check(o);
    List<Path> inputs = new ArrayList<>(engine.localInputs());
    inputs.addAll(o.rvuFiles());
    o.adgMap().ifPresent(inputs::add);
    ComputeCommand.refuseRepeatedFiles(inputs);
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
    Consumer<MalformedRecordException> rejectSink =
        rejects.isPresent() ? rejects.get()::add : e -> {};
    try {
      MpiSpec spec = o.spec();
      String periodSource = a.get("study-period").isPresent() ? "--study-period" : null;
      if (periodSource == null) {
        // a layout whose files declare the study period (the years of DE-SynPUF summary files),
        // never the claims' span
        Optional<StudyPeriod> declared = engine.declaredPeriod();
        if (declared.isPresent()) {
          spec = o.spec(declared.get().from(), declared.get().to());
          periodSource = o.format().studyPeriodRule();
        }
      }
      Optional<StudyPeriod> period = engine.readPeople(spec, rejectSink);
      if (periodSource == null) {
        periodSource = engine.periodRule();
      }
      // before the claims are read: the effort windows the index needs must be priced by the RVU
      // files
      Map<Integer, String> caveats = new TreeMap<>();
      if (period.isPresent()) {
        SpecOptions.checkWindowCount(spec, period.get(), a);
      }
      MpiSpec finalSpec = spec;
      Optional<StudyPeriod> effortDays =
          period.flatMap(p -> ComputeCommand.effortDays(finalSpec, p));
      if (period.isPresent()) {
        // more effort windows (a sensitivity grid's) are priced by the same RVU files: the union
        for (StudyPeriod d : engine.moreEffortDays(period.get())) {
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
      LocalDate from = effortDays.map(StudyPeriod::from).orElse(LocalDate.MAX);
      LocalDate to = effortDays.map(StudyPeriod::to).orElse(LocalDate.MIN);
      RvuOptions.Setup rvu = RvuOptions.setup(a, o.rvuFiles(), from, to);
      if (period.isPresent()) {
        caveats.putAll(ComputeCommand.substitutionCaveats(spec, period.get(), rvu.schedule()));
        caveats.putAll(
            ComputeCommand.effortCoverage(
                spec, period.get(), rvu.schedule(), o.rvuFiles(), a.flag("allow-missing-rvu")));
      }
      Folded folded =
          engine.fold(
              new Pricing(rvu.calculator(a), o.rvuFiles(), from, to, rvu.tally()), rejectSink);
      MpiResult r = folded.result();
      String studyPeriod =
          r.studyPeriod().map(StudyPeriod::toString).orElse("none (no records)")
              + " ("
              + periodSource
              + ")";
      RunInfo info =
          new RunInfo(
              "Medical Productivity Index",
              "Input: "
                  + engine.describeInput()
                  + "; work RVUs from "
                  + rvu.source()
                  + countySource(o)
                  + ".",
              studyPeriod,
              caveats);
      int minCell = Run.minCellSize(a);
      String figures = engine.moreFigures(minCell);
      if (!figures.isEmpty()) {
        info = info.withFigures(figures);
      }
      Run.finish(r, folded.cohorts(), a, outDir, info, out, err, engine.moreOutputs(minCell, out));
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

  /**
   * Parses and runs as {@code mpi compute} does for a command named {@code prefix}: output and
   * errors escaped for a terminal ({@link ConsoleStream}), each error the user can mend in one line
   * on {@code err} with {@code mpi}'s exit code: 2 bad arguments or a contradictory spec, 3 the RVU
   * files do not cover the effort, 1 a record error in strict mode or a file that cannot be read.
   * Anything else (a failure of the engine) is thrown for the caller to report.
   *
   * @param prefix the command's name in messages ({@code mpi-spark})
   * @param argv the arguments
   * @param engineSingle the engine's own single-valued options
   * @param engineFlags the engine's own flags
   * @param engine the engine for the parsed options
   */
  public static int main(
      String prefix,
      String[] argv,
      java.util.Set<String> engineSingle,
      java.util.Set<String> engineFlags,
      Function<ComputeOptions, Engine> engine,
      PrintStream rawOut,
      PrintStream rawErr) {
    PrintStream out = ConsoleStream.of(rawOut);
    PrintStream err = ConsoleStream.of(rawErr);
    try {
      ComputeOptions o = ComputeOptions.parse(argv, engineSingle, engineFlags);
      return run(o, engine.apply(o), out, err);
    } catch (UsageException | org.mpindex.core.index.InvalidSpecException e) {
      err.println(prefix + ": " + org.mpindex.core.text.Echo.message(e.getMessage()));
      return 2;
    } catch (UncoveredEffortException e) {
      err.println(prefix + ": " + org.mpindex.core.text.Echo.message(e.getMessage()));
      return 3;
    } catch (org.mpindex.core.spi.RejectedRecordException
        | org.mpindex.core.claims.InvalidValueException e) {
      err.println(prefix + ": " + org.mpindex.core.text.Echo.escape(e.getMessage()));
      return 1;
    } catch (java.io.UncheckedIOException e) {
      err.println(prefix + ": " + org.mpindex.core.text.Echo.message(e.getMessage()));
      return 1;
    }
  }

  /** How counties are keyed, for a layout that keys them by SSA code; "" for the others. */
  private static String countySource(ComputeOptions o) {
    if (!o.format().honours().contains(ReadOptions.Option.COUNTY_CROSSWALK)) {
      return "";
    }
    return o.readOptions()
        .countyCrosswalk()
        .map(c -> "; counties by " + c.source())
        .orElse("; counties by SSA code (--county-crosswalk none)");
  }
}
