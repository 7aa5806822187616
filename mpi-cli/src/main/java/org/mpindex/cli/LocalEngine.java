package org.mpindex.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.mpindex.adg.AcgOutputReader;
import org.mpindex.core.index.IndexAssembler;
import org.mpindex.core.index.IngestTally;
import org.mpindex.core.index.MpiResult;
import org.mpindex.core.index.MpiSpec;
import org.mpindex.core.index.RecordCounts;
import org.mpindex.core.index.RecordSink;
import org.mpindex.core.index.StudyPeriod;
import org.mpindex.core.spi.MalformedRecordException;
import org.mpindex.io.input.InputDetection;
import org.mpindex.io.input.InputFiles;
import org.mpindex.io.input.InputFormat;
import org.mpindex.io.input.InputLayoutException;
import org.mpindex.io.input.InputTable;
import org.mpindex.io.input.ReadContext;

/**
 * {@code mpi compute} on this machine: the layout's files read by its {@link InputFormat} into one
 * {@link IndexAssembler} (the claims by the layout's columnar reader where it has one), with the
 * sensitivity grid and the real-time index fed the same records.
 */
final class LocalEngine implements ComputeRun.Engine {
  private final PrintStream err;
  private ComputeOptions o;
  private InputFiles files;
  private final List<String> ignored = new ArrayList<>();
  private Optional<Path> acgOutput = Optional.empty();
  private final LateEffort effort = new LateEffort();
  private IndexAssembler assembler;
  // the sensitivity grid and the real-time index, fed every record before the main assembler
  private SideIndices sides;
  private RecordSink sink;
  private ReadContext known;

  LocalEngine(PrintStream err) {
    this.err = err;
  }

  @Override
  public void check(ComputeOptions options) {
    this.o = options;
    this.files = inputs(options, ignored);
    this.acgOutput = options.acgOutput().map(f -> ComputeCommand.existing("acg-output", f));
  }

  @Override
  public List<Path> localInputs() {
    List<Path> all = new ArrayList<>(files.all());
    acgOutput.ifPresent(all::add);
    return all;
  }

  @Override
  public Optional<StudyPeriod> declaredPeriod() {
    try {
      return o.format().studyPeriod(files);
    } catch (IllegalArgumentException e) {
      throw new UsageException("--beneficiaries: " + e.getMessage());
    }
  }

  @Override
  public String periodRule() {
    return o.format().studyPeriodRule();
  }

  @Override
  public Optional<StudyPeriod> readPeople(
      MpiSpec spec, Consumer<MalformedRecordException> rejects) {
    // the calculator needs the study period (which years to price), known once the enrollment is
    // read
    assembler = IndexAssembler.create(spec, effort, o.grouper());
    IngestTally tally = assembler.tally();
    // files of an --input folder that are none of the layout's tables: said, never read
    ignored.forEach(tally::note);
    sides = SideIndices.of(o, spec, o.grouper());
    sink = RecordSink.both(sides.sink(), RecordSink.into(assembler));
    ReadContext people =
        new ReadContext(
            o.mode(),
            tally,
            rejects,
            spec.claimDating(),
            ReadContext.NOBODY_YET,
            o.readOptions(),
            f -> {});
    o.format().readPeople(files, people, sink);
    // every beneficiary is in: spans and claim lines are checked against them as they are read
    // (an id without a record listed with its line, a service day outside the life rejected)
    known = people.withBeneficiaries(assembler::beneficiary);
    o.format().readCoverage(files, known, sink);
    Optional<StudyPeriod> period = assembler.studyPeriod();
    if (period.isPresent()) {
      SpecOptions.checkWindowCount(spec, period.get(), o.args);
      // enrollment is in: the study period is fixed, and the claims fold into the dense layout
      assembler.fixStudyPeriod();
      sides.start(period.get());
    }
    return period;
  }

  @Override
  public List<StudyPeriod> moreEffortDays(StudyPeriod period) {
    return sides.effortDays(period);
  }

  @Override
  public ComputeRun.Folded fold(
      ComputeRun.Pricing pricing, Consumer<MalformedRecordException> rejects) {
    IngestTally tally = assembler.tally();
    tally.addAll(pricing.accounting());
    effort.set(pricing.calculator());
    sides.effort(pricing.calculator());
    List<Path> claims = roleFiles(InputTable.Role.CLAIMS);
    long totalBytes = 0;
    for (Path p : claims) {
      totalBytes += size(p);
    }
    Progress progress = new Progress(err, "claims files read", totalBytes);
    long[] done = {0, rowsRead(tally)};
    ReadContext claimContext =
        known
            .withOptions(o.readOptions().withClaimsTogether(o.claimsTogether()))
            .withFileListener(
                c -> {
                  if (rowsRead(tally) == done[1]) {
                    // a claims file of a header and no row is most likely a failed export
                    tally.note(c.getFileName() + ": " + ComputeCommand.HEADER_ONLY);
                  }
                  done[1] = rowsRead(tally);
                  done[0] += size(c);
                  progress.update(done[0]);
                });
    boolean recordsNeeded =
        o.claimsTogether() || !sides.isEmpty() || assembler.spec().confirmation().enabled();
    // claim-level ranking needs a claim's lines together, and a sensitivity grid or the real-time
    // index takes the records one by one with the main assembler: the row readers; otherwise a
    // layout's columnar reader where it has one (the same rows, counts and rejections)
    if (recordsNeeded || !o.format().readClaimsColumnar(files, claimContext, assembler)) {
      o.format().readClaims(files, claimContext, sink);
    }
    progress.done();
    AcgOutputReader acgReader =
        o.acgByYear() ? AcgOutputReader.strict().byYear() : AcgOutputReader.strict();
    acgOutput.ifPresent(f -> tally.addAll(acgReader.read(f, sink::burden)));
    int threads = Runtime.getRuntime().availableProcessors();
    MpiResult r = assembler.assemble(threads);
    return new ComputeRun.Folded(r, assembler.assembleCohorts(threads));
  }

  @Override
  public String describeInput() {
    return (o.format().name().equals("tidy") ? "csv" : o.format().name())
        + " files "
        + ComputeCommand.names(roleFiles(InputTable.Role.PEOPLE))
        + ", "
        + ComputeCommand.names(roleFiles(InputTable.Role.CLAIMS));
  }

  @Override
  public String moreFigures(int minCellSize) {
    return sides.figures(minCellSize);
  }

  @Override
  public Optional<Function<Path, List<String>>> moreOutputs(int minCellSize, PrintStream out) {
    return sides.outputs(minCellSize, out);
  }

  /** The files of the tables of {@code role}, in table order. */
  private List<Path> roleFiles(InputTable.Role role) {
    List<Path> out = new ArrayList<>();
    for (InputTable t : files.format().tables()) {
      if (t.role() == role) {
        out.addAll(files.of(t.name()));
      }
    }
    return out;
  }

  /**
   * The run's files by table: {@code --input} files and folders told by their headers, or the files
   * of {@code --beneficiaries}, {@code --enrollment} and {@code --claims}.
   */
  static InputFiles inputs(ComputeOptions o, List<String> ignoredInputs) {
    InputFormat format = o.format();
    List<String> given = o.input();
    List<String> beneficiaries = o.byRole("beneficiaries");
    List<String> enrollment = o.byRole("enrollment");
    List<String> claimsGiven = o.byRole("claims");
    boolean byRole = !beneficiaries.isEmpty() || !enrollment.isEmpty() || !claimsGiven.isEmpty();
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
            ComputeCommand.existing("input", g);
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
      List<Path> people = existing("beneficiaries", beneficiaries, true);
      List<Path> spans = existing("enrollment", enrollment, hasCoverage);
      if (!hasCoverage && !spans.isEmpty()) {
        throw new UsageException(
            "--enrollment is for layouts with coverage tables of their own; "
                + format.name()
                + " coverage comes from its beneficiary files");
      }
      List<Path> claims = existing("claims", claimsGiven, true);
      Map<InputTable.Role, List<Path>> roles = new EnumMap<>(InputTable.Role.class);
      roles.put(InputTable.Role.PEOPLE, people);
      if (!spans.isEmpty()) {
        roles.put(InputTable.Role.COVERAGE, spans);
      }
      roles.put(InputTable.Role.CLAIMS, claims);
      return InputDetection.byRole(format, roles);
    } catch (InputLayoutException e) {
      throw new UsageException(e.getMessage());
    }
  }

  private static List<Path> existing(String option, List<String> names, boolean required) {
    if (names.isEmpty() && required) {
      throw new UsageException("--" + option + " is required");
    }
    List<Path> paths = new ArrayList<>();
    names.forEach(n -> paths.add(ComputeCommand.existing(option, n)));
    return paths;
  }

  private static long size(Path p) {
    try {
      return Files.size(p);
    } catch (java.io.IOException e) {
      return 0;
    }
  }

  /** Rows read so far, of every record kind (a claims file adds to its reader's row kind). */
  private static long rowsRead(IngestTally tally) {
    long n = 0;
    for (RecordCounts c : tally.snapshot().records().values()) {
      n += c.read();
    }
    return n;
  }
}
