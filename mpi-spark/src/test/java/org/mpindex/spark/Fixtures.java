package org.mpindex.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.mpindex.adg.ComorbidityGrouper;
import org.mpindex.adg.ComorbidityIndex;
import org.mpindex.core.index.IndexAssembler;
import org.mpindex.core.index.IngestMode;
import org.mpindex.core.index.MpiResult;
import org.mpindex.core.index.MpiSpec;
import org.mpindex.core.spi.BurdenGrouper;
import org.mpindex.core.spi.EffortCalculator;
import org.mpindex.io.SynpufBeneficiaryReader;
import org.mpindex.io.SynpufClaimReader;
import org.mpindex.io.SynpufCoverage;
import org.mpindex.io.TidyCsvReader;
import org.mpindex.rbrvs.RvuSchedule;
import org.mpindex.rbrvs.WorkRvuCalculator;

/** The reference: one assembler over the same files, read as {@code mpi compute} reads them. */
final class Fixtures {
  private Fixtures() {}

  static final MpiSpark.Recipe<EffortCalculator> EFFORT =
      () -> WorkRvuCalculator.of(RvuSchedule.bundled());
  static final MpiSpark.Recipe<BurdenGrouper> GROUPER =
      () -> ComorbidityGrouper.of(ComorbidityIndex.ELIXHAUSER, false);

  /** Tidy files {@code beneficiaries.csv}, {@code enrollment.csv} (if present), {@code claims.csv} of {@code dir}. */
  static MpiResult oneMachine(Path dir, MpiSpec spec) {
    IndexAssembler a = IndexAssembler.create(spec, EFFORT.get(), GROUPER.get());
    TidyCsvReader r = new TidyCsvReader(spec.ingestMode(), spec.claimDating());
    org.mpindex.core.index.RecordSink sink = org.mpindex.core.index.RecordSink.into(a);
    r.read(
        dir.resolve("beneficiaries.csv"), TidyCsvReader.BENEFICIARY_ROWS, sink, a.tally(), false);
    if (Files.exists(dir.resolve("enrollment.csv"))) {
      r.read(dir.resolve("enrollment.csv"), TidyCsvReader.ENROLLMENT_ROWS, sink, a.tally(), false);
    }
    r.read(dir.resolve("claims.csv"), TidyCsvReader.CLAIM_ROWS, sink, a.tally(), false);
    return a.assemble();
  }

  /** DE-SynPUF summary and claims files, read as {@code mpi compute --format desynpuf} reads them. */
  static MpiResult oneMachineSynpuf(List<Path> summaries, List<Path> claims, MpiSpec spec) {
    IndexAssembler a = IndexAssembler.create(spec, EFFORT.get(), GROUPER.get());
    boolean strict = spec.ingestMode() == IngestMode.STRICT;
    org.mpindex.core.index.RecordSink sink = org.mpindex.core.index.RecordSink.into(a);
    new SynpufBeneficiaryReader(
            (strict ? IngestMode.STRICT : IngestMode.LENIENT), SynpufCoverage.DEFAULT)
        .read(summaries, sink, a.tally());
    for (Path c : claims) {
      new SynpufClaimReader((strict ? IngestMode.STRICT : IngestMode.LENIENT), true)
          .read(c, sink, a.tally());
    }
    return a.assemble();
  }

  static Path copyResource(String name, Path dir) {
    try (var in = Fixtures.class.getResourceAsStream("/" + name)) {
      Path out = dir.resolve(name.substring(name.lastIndexOf('/') + 1));
      Files.copy(in, out);
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
