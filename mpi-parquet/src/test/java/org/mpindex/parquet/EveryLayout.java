package org.mpindex.parquet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.mpindex.core.index.ClaimDating;
import org.mpindex.core.index.Grouping;
import org.mpindex.core.index.IndexAssembler;
import org.mpindex.core.index.IngestMode;
import org.mpindex.core.index.MpiResult;
import org.mpindex.core.index.MpiSpec;
import org.mpindex.core.index.StudyPeriod;
import org.mpindex.core.spi.MalformedRecordException;
import org.mpindex.io.input.InputDetection;
import org.mpindex.io.input.InputFiles;
import org.mpindex.io.input.InputFormat;
import org.mpindex.io.input.InputFormats;
import org.mpindex.io.input.ReadContext;
import org.mpindex.io.input.ReadOptions;
import org.mpindex.testkit.MpiArbitraries;
import org.mpindex.testkit.Population;
import org.mpindex.testkit.layouts.CclfLayout;
import org.mpindex.testkit.layouts.LayoutPopulations;
import org.mpindex.testkit.layouts.OmopLayout;
import org.mpindex.testkit.layouts.RifLayout;
import org.mpindex.testkit.layouts.TidyLayout;

/**
 * One population written in every layout (tidy CSV and Parquet, research files, CCLF, OMOP CSV and
 * Parquet) and read back as {@code mpi compute} reads a folder: files told by {@link
 * InputDetection#assign}, people, coverage, then claims (columnar where the layout has a columnar
 * reader), into an assembler of one spec, {@link MpiArbitraries#populationEffort()} and {@link
 * MpiArbitraries#populationGrouper()}.
 */
final class EveryLayout {
  private EveryLayout() {}

  /** A folder written and the format that reads it. */
  record Layout(String label, String format, Path folder) {}

  /** What reading one folder gave: the index and the rows rejected. */
  record Read(MpiResult result, List<MalformedRecordException> rejects) {}

  /**
   * Writes {@code population} under {@code dir} in each layout; CCLF only when {@code cclf}
   * (delivered on the study's last day).
   */
  static List<Layout> write(Population population, Path dir, boolean cclf) {
    List<Layout> out = new ArrayList<>();
    Path tidy = dir.resolve("tidy");
    TidyLayout.write(population, tidy);
    out.add(new Layout("tidy CSV", "tidy", tidy));
    out.add(new Layout("tidy Parquet", "tidy", toParquet(tidy, dir.resolve("tidy-parquet"))));
    Path rif = dir.resolve("rif");
    RifLayout.write(
        population,
        rif,
        LayoutPopulations.STUDY_START.getYear(),
        LayoutPopulations.STUDY_END.getYear());
    out.add(new Layout("research files", "rif", rif));
    if (cclf) {
      Path c = dir.resolve("cclf");
      CclfLayout.write(population, c, LayoutPopulations.STUDY_END);
      out.add(new Layout("CCLF", "cclf", c));
    }
    Path omop = dir.resolve("omop");
    OmopLayout.write(population, omop);
    out.add(new Layout("OMOP CSV", "omop", omop));
    out.add(new Layout("OMOP Parquet", "omop", toParquet(omop, dir.resolve("omop-parquet"))));
    return out;
  }

  /** A copy of every CSV file of {@code csv} as Parquet (all columns text), written by DuckDB. */
  static Path toParquet(Path csv, Path parquet) {
    try (Stream<Path> files = Files.list(csv)) {
      Files.createDirectories(parquet);
      for (Path f : files.sorted().toList()) {
        String name = f.getFileName().toString().replaceFirst("\\.csv$", ".parquet");
        Writers.duck(
            "COPY (SELECT * FROM read_csv("
                + Writers.lit(f)
                + ", all_varchar = true, header = true, delim = ',')) TO "
                + Writers.lit(parquet.resolve(name))
                + " (FORMAT PARQUET)");
      }
      return parquet;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The spec every layout is read with: the populations' study, grouped by {@code grouping}. */
  static MpiSpec spec(Grouping grouping) {
    return MpiSpec.builder()
        .studyPeriod(StudyPeriod.of(LayoutPopulations.STUDY_START, LayoutPopulations.STUDY_END))
        .grouping(grouping)
        .build();
  }

  /** Reads {@code layout}'s folder as {@code mpi compute} does. */
  static Read read(Layout layout, Grouping grouping) {
    InputFormat format = InputFormats.byName(layout.format()).orElseThrow();
    InputDetection.Assignment assigned = InputDetection.assign(format, List.of(layout.folder()));
    if (!assigned.ignored().isEmpty()) {
      throw new AssertionError(layout.label() + ": files not recognised " + assigned.ignored());
    }
    InputFiles files = assigned.files();
    IndexAssembler a =
        IndexAssembler.create(
            spec(grouping), MpiArbitraries.populationEffort(), MpiArbitraries.populationGrouper());
    List<MalformedRecordException> rejects = new ArrayList<>();
    ReadContext c =
        new ReadContext(
            IngestMode.LENIENT,
            a.tally(),
            rejects::add,
            ClaimDating.SERVICE_FROM,
            ReadContext.NOBODY_YET,
            ReadOptions.defaults(),
            f -> {});
    format.readAll(files, c, a);
    return new Read(a.assemble(), rejects);
  }

  /**
   * Every layout of {@code population} read, by label, in the order written; OMOP is left out (and
   * checked to refuse) when nobody has coverage, since an empty {@code payer_plan_period} is refused.
   */
  static Map<String, Read> readAll(
      Population population, Path dir, boolean cclf, Grouping grouping) {
    Map<String, Read> out = new LinkedHashMap<>();
    for (Layout l : write(population, dir, cclf)) {
      if (l.format().equals("omop") && population.enrollments().isEmpty()) {
        // an empty payer_plan_period is refused, lenient or not (docs/formats/omop.md)
        MalformedRecordException e =
            org.junit.jupiter.api.Assertions.assertThrows(
                MalformedRecordException.class, () -> read(l, grouping), l.label());
        org.junit.jupiter.api.Assertions.assertTrue(
            e.getMessage().contains("payer_plan_period has no rows"), e.getMessage());
        continue;
      }
      out.put(l.label(), read(l, grouping));
    }
    return out;
  }

  /** The window starting on {@code day}. */
  static org.mpindex.core.time.Window window(MpiResult r, LocalDate day) {
    return r.windows().stream().filter(w -> w.start().equals(day)).findFirst().orElseThrow();
  }

  /** Deletes {@code dir} and everything under it. */
  static void deleteTree(Path dir) {
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
