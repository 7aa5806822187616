package org.mpindex.io.input;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.mpindex.core.index.RecordSink;
import org.mpindex.core.index.StudyPeriod;

/**
 * A layout of claims data the library reads: its tables, how a file is recognised, the study period
 * it implies, and how its rows become records. One implementation per layout (tidy CSV, DE-SynPUF,
 * Medicare research files, CCLF, OMOP CDM); {@link InputFormats} lists them by name.
 *
 * <p>A run reads in two steps: {@link #readPeople} (beneficiaries and coverage) first, then {@link
 * #readClaims} with a context whose {@link ReadContext#beneficiaries()} knows everyone, so that a
 * claim of an unknown beneficiary or outside the beneficiary's life is rejected naming its file and
 * line. Every row read is counted in the context's tally as accepted or rejected by reason (read =
 * accepted + rejected, per record kind); nothing is dropped silently.
 */
public interface InputFormat {

  /** The name {@code mpi compute --format} takes ({@code tidy}, {@code desynpuf}, {@code rif}...). */
  String name();

  /** One line saying what the layout is, for {@code mpi inspect} and {@code --help}. */
  String description();

  /** The tables of the layout, people and coverage first, claims last. */
  List<InputTable> tables();

  /**
   * The table a file is, from its name and header (column names as written; empty for a file
   * without a header line); empty when it is none of this layout's tables. The default matches the
   * header against each table's {@link InputTable#signature()}.
   */
  default Optional<InputTable> recognise(Path file, List<String> header) {
    for (InputTable t : tables()) {
      if (t.matches(header)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }

  /**
   * The study period the files themselves declare (the years of DE-SynPUF summary files), or empty
   * when the period is the span of the coverage read (the default).
   */
  default Optional<StudyPeriod> studyPeriod(InputFiles files) {
    return Optional.empty();
  }

  /**
   * {@link #studyPeriod(InputFiles)} with the tables read through {@code context}'s source, for a
   * layout whose period is in its rows (the MBSF reference years): the default ignores the
   * context. A distributed reader asks it of each part of the tables and takes the earliest start
   * and latest end, so a declared period must be the span of its parts' periods (years are).
   */
  default Optional<StudyPeriod> studyPeriod(InputFiles files, ReadContext context) {
    return studyPeriod(files);
  }

  /**
   * For a layout whose beneficiary ids change over time (CCLF's MBIs, by its CCLF9 crosswalk):
   * each id that changed to the id the beneficiary finally has, read through {@code context}'s
   * source without counting a row; an id not in the map is final. A distributed reader keys every
   * row by {@code changes.getOrDefault(id, id)}, so that a beneficiary's rows under an old id land
   * in the partition of the rest; the readers themselves apply the same changes as they read.
   * Empty (the default) for layouts whose ids do not change.
   */
  default java.util.Map<String, String> idChanges(InputFiles files, ReadContext context) {
    return java.util.Map.of();
  }

  /** How this layout's study period is found, for the run's spec ("the span of the coverage"). */
  default String studyPeriodRule() {
    return "the span of the enrollment records";
  }

  /** The layout choices ({@link ReadOptions}) this layout honours; none by default. */
  default java.util.Set<ReadOptions.Option> honours() {
    return java.util.Set.of();
  }

  /** Reads the beneficiaries (and, where one table gives both, their coverage) into {@code sink}. */
  void readPeople(InputFiles files, ReadContext context, RecordSink sink);

  /**
   * Reads the coverage of layouts that give it in tables of its own, after {@link #readPeople}, with
   * a context that knows the beneficiaries (spans of an unknown id are listed with their line);
   * nothing by default.
   */
  default void readCoverage(InputFiles files, ReadContext context, RecordSink sink) {}

  /** Reads the claims into {@code sink}; the context knows the beneficiaries. */
  void readClaims(InputFiles files, ReadContext context, RecordSink sink);

  /**
   * Reads the claims straight into {@code assembler}'s columnar fold (no object per line) where this
   * layout has such a reader, with the same records, counts and rejections as {@link #readClaims};
   * returns false, having read nothing, where it has none (the default) and whenever the context
   * does not read files ({@link ReadContext#readsFiles()}).
   */
  default boolean readClaimsColumnar(
      InputFiles files, ReadContext context, org.mpindex.core.index.IndexAssembler assembler) {
    return false;
  }

  /**
   * Reads every table of {@code files} into {@code assembler} as {@code mpi compute} does: the
   * people, then the coverage checked against them, the study period fixed when the spec or the
   * coverage gives one (the dense fold), then the claims by {@link #readClaimsColumnar} where this
   * layout has a columnar reader, else by {@link #readClaims}. The caller assembles. Every row read
   * is counted in the context's tally (normally the assembler's), rejections handed to its {@link
   * ReadContext#rejects()}.
   *
   * @param context a context that knows nobody yet ({@link ReadContext#NOBODY_YET}): the
   *     beneficiaries are checked against once read
   * @return whether the claims went by the columnar reader
   */
  default boolean readAll(
      InputFiles files, ReadContext context, org.mpindex.core.index.IndexAssembler assembler) {
    RecordSink sink = RecordSink.into(assembler);
    readPeople(files, context, sink);
    ReadContext known = context.withBeneficiaries(assembler::beneficiary);
    readCoverage(files, known, sink);
    if (assembler.studyPeriod().isPresent()) {
      assembler.fixStudyPeriod();
    }
    boolean columnar = readClaimsColumnar(files, known, assembler);
    if (!columnar) {
      readClaims(files, known, sink);
    }
    return columnar;
  }
}
