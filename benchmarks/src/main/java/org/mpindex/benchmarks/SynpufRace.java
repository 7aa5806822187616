package org.mpindex.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.mpindex.adg.ComorbidityGrouper;
import org.mpindex.core.index.IndexAssembler;
import org.mpindex.core.index.IngestMode;
import org.mpindex.core.index.MpiResult;
import org.mpindex.core.index.MpiSpec;
import org.mpindex.core.index.RecordSink;
import org.mpindex.core.index.StudyPeriod;
import org.mpindex.io.FastSynpufClaims;
import org.mpindex.io.FastTidyClaims;
import org.mpindex.io.SynpufClaimReader;
import org.mpindex.io.TidyCsvReader;
import org.mpindex.io.input.DesynpufFormat;
import org.mpindex.io.input.InputFiles;
import org.mpindex.io.input.ReadContext;
import org.mpindex.io.input.ReadOptions;
import org.mpindex.rbrvs.RvuSchedule;
import org.mpindex.rbrvs.WorkRvuCalculator;
import org.mpindex.testkit.PaperScaleWorkload;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * End to end from DE-SynPUF files: the whole index from a {@link PaperScaleWorkload} written in
 * CMS's DE-SynPUF layout ({@link PaperScaleWorkload#writeDesynpuf}: three yearly beneficiary
 * summary files and the carrier claims, 142 columns, a patient's same-day lines grouped into claims
 * of up to 13), against the same workload as tidy CSV through {@link FastTidyClaims} (the per-byte
 * yardstick). Contestants:
 *
 * <ul>
 *   <li>{@code library}: as {@code mpi compute --format desynpuf} reads ({@link
 *       DesynpufFormat#readAll}): the summary files row by row, the claims by {@link
 *       FastSynpufClaims} on all cores, then the index;
 *   <li>{@code libraryRows}: the same with the claims read by {@link SynpufClaimReader} a claim at a
 *       time (what {@code mpi compute --format desynpuf} did before, and still does with {@code
 *       --multiple-procedure});
 *   <li>{@code libraryClaims}, {@code libraryRowsClaims}, {@code tidyClaims}: the claims file alone
 *       (the people read before each operation, not timed) into the assembler, by {@link
 *       FastSynpufClaims}, by {@link SynpufClaimReader} line by line, and the tidy {@code
 *       claims.csv} by {@link FastTidyClaims}: divide each file's bytes (printed at setup) by the
 *       time for MB/s;
 *   <li>{@code tidy}: the whole index from the tidy files ({@link CsvRace#index}, fast path).
 * </ul>
 *
 * One operation = one full run. The files are written once per trial (setup, not timed), or, with
 * {@code -p csvDir=DIR}, once into {@code DIR/desynpuf-<n>} and {@code DIR/tidy-<n>} and reused.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar SynpufRace -p beneficiaries=100000
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms8g", "-Xmx8g", "-XX:+AlwaysPreTouch"})
public class SynpufRace {
  @Param({"100000"})
  public int beneficiaries;

  /** {@code temp}: a temporary folder, deleted at teardown; else a folder whose files are kept. */
  @Param({"temp"})
  public String csvDir;

  Path synpuf;
  Path tidy;
  private Path temp;
  int threads;

  /** Writes (or finds, with {@code csvDir}) the DE-SynPUF and tidy files; prints their sizes. */
  @Setup(Level.Trial)
  public void write() throws IOException {
    threads = Runtime.getRuntime().availableProcessors();
    Path root;
    if ("temp".equals(csvDir)) {
      temp = Files.createTempDirectory("synpuf-race");
      root = temp;
    } else {
      root = Path.of(csvDir);
    }
    synpuf = root.resolve("desynpuf-" + beneficiaries);
    tidy = root.resolve("tidy-" + beneficiaries);
    PaperScaleWorkload w = null;
    if (!Files.exists(synpuf.resolve(".written"))) {
      w = PaperScaleWorkload.generate(2011, beneficiaries);
      w.writeDesynpuf(synpuf);
      Files.createFile(synpuf.resolve(".written"));
    }
    if (!Files.exists(tidy.resolve(".written"))) {
      if (w == null) {
        w = PaperScaleWorkload.generate(2011, beneficiaries);
      }
      w.writeTidy(tidy);
      Files.createFile(tidy.resolve(".written"));
    }
    System.out.printf(
        "%nsynpuf-race: %s, carrier claims %,d bytes; tidy claims.csv %,d bytes%n",
        root,
        Files.size(synpuf.resolve(PaperScaleWorkload.DESYNPUF_CARRIER)),
        Files.size(tidy.resolve("claims.csv")));
  }

  /** Deletes the files of a temporary folder; kept ones stay. */
  @TearDown(Level.Trial)
  public void delete() throws IOException {
    if (temp != null) {
      CsvRace.deleteTree(temp);
    }
  }

  static MpiSpec spec() {
    return MpiSpec.builder()
        .studyPeriod(StudyPeriod.of(PaperScaleWorkload.START, PaperScaleWorkload.END))
        .build();
  }

  static IndexAssembler assembler() {
    return IndexAssembler.create(
        spec(), WorkRvuCalculator.of(RvuSchedule.bundled()), ComorbidityGrouper.elixhauser());
  }

  InputFiles files() {
    List<Path> summaries = new ArrayList<>();
    for (int y = PaperScaleWorkload.START.getYear(); y <= PaperScaleWorkload.END.getYear(); y++) {
      summaries.add(synpuf.resolve(PaperScaleWorkload.desynpufSummary(y)));
    }
    return new InputFiles(
        new DesynpufFormat(),
        Map.of(
            DesynpufFormat.SUMMARY.name(),
            summaries,
            DesynpufFormat.CARRIER.name(),
            List.of(synpuf.resolve(PaperScaleWorkload.DESYNPUF_CARRIER))));
  }

  ReadContext context(IndexAssembler a, boolean claimsTogether) {
    return new ReadContext(
        IngestMode.LENIENT,
        a.tally(),
        e -> {},
        spec().claimDating(),
        ReadContext.NOBODY_YET,
        ReadOptions.defaults().withClaimsTogether(claimsTogether).withThreads(threads),
        f -> {});
  }

  /** The whole index from the DE-SynPUF files, claims by {@link FastSynpufClaims}. */
  @Benchmark
  public MpiResult library() {
    return index(false);
  }

  /** The same with the claims read by the row reader, a claim at a time. */
  @Benchmark
  public MpiResult libraryRows() {
    return index(true);
  }

  /** The whole index from the same workload as tidy CSV (claims by {@link FastTidyClaims}). */
  @Benchmark
  public MpiResult tidy() {
    return CsvRace.index(tidy, threads, spec(), true);
  }

  MpiResult index(boolean rows) {
    IndexAssembler a = assembler();
    DesynpufFormat format = new DesynpufFormat();
    boolean columnar = format.readAll(files(), context(a, rows), a);
    if (columnar == rows) {
      throw new IllegalStateException("claims read by the wrong reader: columnar " + columnar);
    }
    return a.assemble(threads);
  }

  /** An assembler holding the people of one layout's files, for the claims-only contestants. */
  @State(Scope.Thread)
  public static class People {
    IndexAssembler assembler;
    ReadContext context;

    /** Reads the people of the benchmark's layout (tidy for {@code tidyClaims}) into a new assembler. */
    @Setup(Level.Invocation)
    public void read(SynpufRace race, BenchmarkParams params) {
      assembler = assembler();
      RecordSink sink = RecordSink.into(assembler);
      if (params.getBenchmark().endsWith(".tidyClaims")) {
        TidyCsvReader rows = new TidyCsvReader(IngestMode.LENIENT);
        rows.read(
            race.tidy.resolve("beneficiaries.csv"),
            TidyCsvReader.BENEFICIARY_ROWS,
            sink,
            assembler.tally(),
            false);
        rows.read(
            race.tidy.resolve("enrollment.csv"),
            TidyCsvReader.ENROLLMENT_ROWS,
            sink,
            assembler.tally(),
            false);
      } else {
        DesynpufFormat format = new DesynpufFormat();
        ReadContext c = race.context(assembler, false);
        format.readPeople(race.files(), c, sink);
        c = c.withBeneficiaries(assembler::beneficiary);
        format.readCoverage(race.files(), c, sink);
        context = c;
      }
      assembler.fixStudyPeriod();
    }
  }

  /** The carrier claims file alone into the assembler by {@link FastSynpufClaims}. */
  @Benchmark
  public IndexAssembler libraryClaims(People p) {
    SynpufClaimReader r =
        new SynpufClaimReader(IngestMode.LENIENT)
            .checkedAgainst(p.context.beneficiaries(), p.context.dating());
    new FastSynpufClaims(r, threads)
        .read(
            synpuf.resolve(PaperScaleWorkload.DESYNPUF_CARRIER), p.assembler, p.assembler.tally());
    return p.assembler;
  }

  /** The carrier claims file alone into the assembler by {@link SynpufClaimReader}, line by line. */
  @Benchmark
  public IndexAssembler libraryRowsClaims(People p) {
    new SynpufClaimReader(IngestMode.LENIENT)
        .checkedAgainst(p.context.beneficiaries(), p.context.dating())
        .read(
            synpuf.resolve(PaperScaleWorkload.DESYNPUF_CARRIER),
            RecordSink.into(p.assembler),
            p.assembler.tally());
    return p.assembler;
  }

  /**
   * The tidy {@code claims.csv} alone into the assembler by {@link FastTidyClaims}, checked against
   * the beneficiaries and each claim read once, as {@code mpi compute} reads it (and as the
   * DE-SynPUF readers always do).
   */
  @Benchmark
  public IndexAssembler tidyClaims(People p) {
    new FastTidyClaims(
            new TidyCsvReader(IngestMode.LENIENT)
                .readingClaimsOnce()
                .checkedAgainst(p.assembler::beneficiary),
            threads)
        .read(tidy.resolve("claims.csv"), p.assembler, p.assembler.tally());
    return p.assembler;
  }
}
