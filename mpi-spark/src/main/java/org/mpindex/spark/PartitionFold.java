package org.mpindex.spark;

import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.FlatMapFunction2;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;
import org.mpindex.core.index.IndexAssembler;
import org.mpindex.core.index.IndexPartial;
import org.mpindex.core.index.IngestTally;
import org.mpindex.core.index.RecordSink;
import org.mpindex.core.index.StudyPeriod;
import org.mpindex.core.spi.MalformedRecordException;
import org.mpindex.io.input.InputFiles;
import org.mpindex.io.input.InputFormat;
import org.mpindex.io.input.ReadContext;

/**
 * One task: a partition's rows read by the layout's own readers ({@link InputFormat#readPeople},
 * {@link InputFormat#readCoverage}, {@link InputFormat#readClaims}) from in-memory tables ({@link
 * PartitionInput}) and folded by the core assembler into one partial.
 */
final class PartitionFold implements Function2<Integer, Iterator<Row>, Iterator<IndexPartial>> {
  private static final long serialVersionUID = 1L;

  private final Broadcast<MpiSpark.Recipes> recipes;
  private final MpiSpark.Recipe<? extends InputFormat> format;
  private final PartitionInput.Job job;

  /**
   * What reading the tables every partition holds whole counts, subtracted from every partition
   * but the first so that their rows are counted once; null without such tables.
   */
  private final IngestTally shared;

  /** The study period as epoch days, or from > to for none (StudyPeriod is not serializable). */
  private final long from;

  private final long to;
  private final boolean groupedClaims;

  /**
   * The columnar fold's claim sources: per source index, the dataset's name of each tidy claim
   * column ({@link SparkTidyClaims#COLUMNS}, null where absent); null for the row fold.
   */
  private final List<List<String>> claimHeaders;

  PartitionFold(
      Broadcast<MpiSpark.Recipes> recipes,
      MpiSpark.Recipe<? extends InputFormat> format,
      PartitionInput.Job job,
      IngestTally shared,
      StudyPeriod period,
      boolean groupedClaims) {
    this(recipes, format, job, shared, period, groupedClaims, null);
  }

  PartitionFold(
      Broadcast<MpiSpark.Recipes> recipes,
      MpiSpark.Recipe<? extends InputFormat> format,
      PartitionInput.Job job,
      IngestTally shared,
      StudyPeriod period,
      boolean groupedClaims,
      List<List<String>> claimHeaders) {
    this.recipes = recipes;
    this.format = format;
    this.job = job;
    this.shared = shared;
    this.from = period == null ? 1 : period.from().toEpochDay();
    this.to = period == null ? 0 : period.to().toEpochDay();
    this.groupedClaims = groupedClaims;
    this.claimHeaders = claimHeaders == null ? null : List.copyOf(claimHeaders);
  }

  /**
   * One task of the columnar fold: the partition's people and coverage rows (sorted, read by the
   * layout's readers) zipped with its claim rows as Spark holds them (any order), folded by {@link
   * SparkTidyClaims}; one partial.
   */
  static final class Columnar
      implements FlatMapFunction2<Iterator<Row>, Iterator<InternalRow>, IndexPartial> {
    private static final long serialVersionUID = 1L;
    private final PartitionFold fold;

    Columnar(PartitionFold fold) {
      this.fold = fold;
    }

    @Override
    public Iterator<IndexPartial> call(Iterator<Row> people, Iterator<InternalRow> claims) {
      int partition = TaskContext.getPartitionId();
      return List.of(fold.read(partition, people, claims, e -> {}, null).partial(1)).iterator();
    }
  }

  /**
   * The rows each partition's readers reject (lenient mode), as {@code mpi compute --rejects} lists
   * them: the same reading as the fold, the rejections kept instead of the partial.
   */
  static final class Rejections
      implements Function2<Integer, Iterator<Row>, Iterator<MalformedRecordException>> {
    private static final long serialVersionUID = 1L;
    private final PartitionFold fold;

    Rejections(PartitionFold fold) {
      this.fold = fold;
    }

    @Override
    public Iterator<MalformedRecordException> call(Integer partition, Iterator<Row> rows) {
      java.util.List<MalformedRecordException> out = new java.util.ArrayList<>();
      fold.read(partition, rows, out::add);
      return out.iterator();
    }
  }

  /**
   * One task of the study-period pass: the period the partition's tables declare ({@link
   * InputFormat#studyPeriod(InputFiles, ReadContext)}, kind 0), else the span of its coverage read
   * (kind 1), else of its claims' windows (kind 2), as {@code {kind, from, to}} in epoch days; the
   * driver takes the earliest start and latest end of the lowest kind, the rule of one assembler.
   */
  static final class Period implements Function2<Integer, Iterator<Row>, Iterator<long[]>> {
    private static final long serialVersionUID = 1L;
    private final PartitionFold fold;

    Period(PartitionFold fold) {
      this.fold = fold;
    }

    @Override
    public Iterator<long[]> call(Integer partition, Iterator<Row> rows) {
      MpiSpark.Components c = MpiSpark.Components.of(fold.recipes.value());
      InputFormat f = fold.format.get();
      IndexAssembler a = IndexAssembler.create(c.spec, c.effort, c.grouper);
      PartitionInput in = new PartitionInput(fold.job, partition, rows, true);
      InputFiles files = in.files(f);
      ReadContext ctx = fold.context(c, a, in, e -> {});
      Optional<StudyPeriod> declared = f.studyPeriod(files, ctx);
      if (declared.isPresent()) {
        return List.of(span(0, declared.get())).iterator();
      }
      RecordSink sink = RecordSink.into(a);
      f.readPeople(files, ctx, sink);
      ReadContext known = ctx.withBeneficiaries(a::beneficiary);
      f.readCoverage(files, known, sink);
      if (a.studyPeriod().isPresent()) {
        return List.of(span(1, a.studyPeriod().get())).iterator();
      }
      f.readClaims(files, known, sink);
      return a.studyPeriod().map(p -> List.of(span(2, p))).orElse(List.of()).iterator();
    }

    private static long[] span(int kind, StudyPeriod p) {
      return new long[] {kind, p.from().toEpochDay(), p.to().toEpochDay()};
    }
  }

  @Override
  public Iterator<IndexPartial> call(Integer partition, Iterator<Row> rows) {
    return List.of(read(partition, rows, e -> {}).partial(1)).iterator();
  }

  private ReadContext context(
      MpiSpark.Components c,
      IndexAssembler a,
      PartitionInput in,
      Consumer<MalformedRecordException> rejects) {
    return new ReadContext(
        c.spec.ingestMode(),
        a.tally(),
        rejects,
        c.spec.claimDating(),
        ReadContext.NOBODY_YET,
        c.options.withClaimsTogether(groupedClaims || c.options.claimsTogether()),
        f -> {},
        in);
  }

  /** Reads a partition (or, with {@code rows} null, the shared tables alone) into an assembler. */
  IndexAssembler read(
      Integer partition, Iterator<Row> rows, Consumer<MalformedRecordException> rejects) {
    return read(partition, rows, null, rejects, null);
  }

  /** The components of this fold, built once per JVM. */
  MpiSpark.Components components() {
    return MpiSpark.Components.of(recipes.value());
  }

  /** The fixed study period of the fold, if it has one. */
  Optional<StudyPeriod> period() {
    return from <= to
        ? Optional.of(
            StudyPeriod.of(
                java.time.LocalDate.ofEpochDay(from), java.time.LocalDate.ofEpochDay(to)))
        : Optional.empty();
  }

  /** {@link #read(Integer, Iterator, Iterator, Consumer, RecordSink)} without a side sink. */
  IndexAssembler read(
      Integer partition,
      Iterator<Row> rows,
      Consumer<MalformedRecordException> rejects,
      RecordSink before) {
    return read(partition, rows, null, rejects, before);
  }

  /**
   * Reads a partition into an assembler: its keyed rows by the layout's readers, and, with {@code
   * claims} given (the columnar fold, which takes no side sink), the claims from Spark's rows
   * instead of the layout's claim reader; every record also handed to {@code before} (if not null)
   * just before the assembler gets it, as {@code mpi compute} feeds its side indices.
   */
  IndexAssembler read(
      Integer partition,
      Iterator<Row> rows,
      Iterator<InternalRow> claims,
      Consumer<MalformedRecordException> rejects,
      RecordSink before) {
    MpiSpark.Components c = MpiSpark.Components.of(recipes.value());
    IndexAssembler a = IndexAssembler.create(c.spec, c.effort, c.grouper);
    period().ifPresent(a::fixStudyPeriod);
    InputFormat f = format.get();
    PartitionInput in = new PartitionInput(job, partition, rows, rows != null);
    // the shared tables' rows are read by every partition; their rejections are listed by the
    // first only
    Consumer<MalformedRecordException> listed =
        partition == 0
            ? rejects
            : e -> {
              if (e.file() == null || !e.file().endsWith(PartitionInput.EVERY_PARTITION)) {
                rejects.accept(e);
              }
            };
    ReadContext ctx = context(c, a, in, listed);
    InputFiles files = in.files(f);
    RecordSink sink =
        before == null ? RecordSink.into(a) : RecordSink.both(before, RecordSink.into(a));
    f.readPeople(files, ctx, sink);
    // every beneficiary of the partition is in: coverage and claims are checked against them, as
    // mpi compute checks them (a beneficiary's rows of every table are in its partition)
    ReadContext known = ctx.withBeneficiaries(a::beneficiary);
    f.readCoverage(files, known, sink);
    if (claims != null) {
      new SparkTidyClaims(known, a, claimHeaders, partition).read(claims);
    } else {
      f.readClaims(files, known, sink);
    }
    if (rows != null && in.acg() != null) {
      // read strictly, as mpi compute --acg-output does
      org.mpindex.adg.AcgOutputReader acg = org.mpindex.adg.AcgOutputReader.strict();
      if (in.acg().acgDefaultDay() != null) {
        acg = acg.defaultDay(java.time.LocalDate.parse(in.acg().acgDefaultDay()));
      }
      if (in.acg().acgByYear()) {
        acg = acg.byYear();
      }
      a.tally().addAll(acg.read(in.acgTable(partition), sink::burden));
    }
    if (rows != null && partition != 0 && shared != null) {
      a.tally().addAll(shared, -1);
    }
    return a;
  }
}
