package org.mpindex.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.mpindex.adg.ComorbidityGrouper;
import org.mpindex.core.index.IndexAssembler;
import org.mpindex.core.index.MpiResult;
import org.mpindex.core.index.MpiSpec;
import org.mpindex.core.index.StudyPeriod;
import org.mpindex.rbrvs.RvuSchedule;
import org.mpindex.rbrvs.WorkRvuCalculator;
import org.mpindex.testkit.Population;
import org.mpindex.testkit.SyntheticPopulation;

/** {@code mpi demo}: the index on the seeded synthetic population, with the bundled demo RVU files. */
final class DemoCommand {
  static final String HELP =
      String.join(
          "\n",
          "usage: mpi demo [--out DIR] [--beneficiaries N] [--seed S] [--intervals M] [--standardise S]",
          "                [--sensitivity] [output options]",
          "",
          "Generates a seeded synthetic Medicare-like population (beneficiaries 65+ in 52 states, 2011Q1-2013Q4,",
          "ICD-9-CM, enrollment with entries, deaths and switches to Medicare Advantage, quarterly claims), computes",
          "the index with the paper's method (MpiSpec.PARENTE_2011) and the open Elixhauser grouper, and work RVUs",
          "from the CMS relative value files of 2011-2013 bundled with the library (RVU11A-RVU13A).",
          "",
          "  --out DIR                    output directory (mpi-demo-out)",
          "  --beneficiaries N            population size (50000)",
          "  --seed S                     seed; same seed, same data (2011)",
          "  --intervals analytic|bootstrap-percentile|bootstrap-bca, --bootstrap-replicates N, --bootstrap-seed S",
          "                               95% intervals, as for mpi compute (analytic)",
          "  --standardise none|age-sex, --standard FILE  direct age/sex standardisation, as for mpi compute",
          "  --cohort NAME, --program ffs|ma|any  side-by-side cohorts and accepted programs, as for mpi compute",
          SensitivityGrid.HELP,
          "",
          Run.OUTPUT_HELP);

  private final PrintStream out;
  private final PrintStream err;

  DemoCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  int run(String[] argv) {
    Set<String> single = new HashSet<>(Run.OUTPUT_SINGLE);
    single.addAll(
        Set.of(
            "beneficiaries",
            "seed",
            "intervals",
            "bootstrap-replicates",
            "bootstrap-seed",
            "standardise",
            "standard",
            "program"));
    single.addAll(SensitivityGrid.SINGLE);
    Args a = Args.parse(argv, single, Set.of("cohort"), SensitivityGrid.FLAGS, "demo");
    if (!a.positionals().isEmpty()) {
      throw new UsageException("unexpected argument '" + a.positionals().get(0) + "'");
    }
    int n = a.integer("beneficiaries", 50_000, 1);
    long seed;
    try {
      seed = Long.parseLong(a.get("seed").orElse("2011"));
    } catch (NumberFormatException e) {
      throw new UsageException("--seed needs a whole number, got '" + a.get("seed").get() + "'");
    }
    OutputDir outDir = OutputDir.check(Path.of(a.get("out").orElse("mpi-demo-out")));
    Run.checkOutputOptions(a);
    MpiSpec.Builder builder =
        MpiSpec.PARENTE_2011.toBuilder()
            .intervals(SpecOptions.intervals(a))
            .standardisation(SpecOptions.standardisation(a));
    a.get("program").ifPresent(v -> SpecOptions.applyPrograms(v, builder));
    MpiSpec spec = SpecOptions.rebuild(builder.cohorts(SpecOptions.cohorts(a, builder)));
    WorkRvuCalculator effort = WorkRvuCalculator.of(RvuSchedule.bundled());
    IndexAssembler assembler = IndexAssembler.create(spec, effort, ComorbidityGrouper.elixhauser());
    SyntheticPopulation gen = SyntheticPopulation.medicare2011to2013(seed, n);
    Optional<SensitivityGrid> grid =
        SensitivityGrid.of(a, spec, effort, ComorbidityGrouper.elixhauser());
    grid.ifPresent(g -> g.start(StudyPeriod.of(gen.studyStart(), gen.studyEnd())));
    // the grid sees every record before the main assembler
    org.mpindex.core.index.RecordSink sink =
        org.mpindex.core.index.RecordSink.both(
            org.mpindex.core.index.RecordSink.each(r -> grid.ifPresent(g -> g.accept(r))),
            org.mpindex.core.index.RecordSink.into(assembler));
    Progress progress = new Progress(err, "synthetic beneficiaries generated and folded", n);
    for (int i = 0; i < n; i++) {
      Population p = gen.patient(i);
      p.beneficiaries().forEach(sink::beneficiary);
      p.enrollments().forEach(sink::enrollment);
      p.claimLines().forEach(sink::line);
      progress.update(i + 1);
    }
    progress.done();
    MpiResult r = assembler.assemble(Runtime.getRuntime().availableProcessors());
    Map<String, MpiResult> cohorts =
        assembler.assembleCohorts(Runtime.getRuntime().availableProcessors());
    Run.finish(
        r,
        cohorts,
        a,
        outDir,
        new RunInfo(
            "Medical Productivity Index: demo on synthetic data",
            "Synthetic Medicare-like population of "
                + n
                + " beneficiaries (seed "
                + seed
                + "), 2011-2013; not real data."
                + " Work RVUs from the CMS relative value files of 2011-2013 (RVU11A, RVU12A, RVU13A) bundled with the"
                + " library.",
            r.studyPeriod().map(Object::toString).orElse("none")
                + " (the span of the enrollment records)",
            Map.of()),
        out,
        err,
        grid.map(
            g ->
                tmp ->
                    g.finish(
                        Runtime.getRuntime().availableProcessors(), Run.minCellSize(a), tmp, out)));
    return 0;
  }
}
