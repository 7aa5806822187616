package org.mpindex.spark;

import java.io.BufferedReader;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.unsafe.types.UTF8String;
import org.mpindex.adg.ComorbidityGrouper;
import org.mpindex.core.index.ClaimDating;
import org.mpindex.core.index.IndexAssembler;
import org.mpindex.core.index.IngestMode;
import org.mpindex.core.index.MpiSpec;
import org.mpindex.core.index.RecordSink;
import org.mpindex.core.text.CsvTable;
import org.mpindex.io.TidyCsvReader;
import org.mpindex.io.input.ReadContext;
import org.mpindex.rbrvs.RvuSchedule;
import org.mpindex.rbrvs.WorkRvuCalculator;
import org.mpindex.testkit.PaperScaleWorkload;

/**
 * The memory of one task of Spark's columnar partition fold, weighed (heap in use after full
 * collections): the partition's people and coverage rows as the task holds them (text cells), the
 * assembler with its beneficiaries, then the same after every claim line of the partition is folded
 * by {@link SparkTidyClaims} (rows streamed as Spark streams them, not held). What every task
 * shares (RVU releases, code lists) is loaded first and not counted. In this package because the
 * fold is package-private; run with Spark's class path, as {@code scripts/spark-race}:
 *
 * <pre>
 * JAVA_OPTS=-Xmx8g scripts/spark-java org.mpindex.spark.SparkFoldFootprint 200000
 * </pre>
 */
public final class SparkFoldFootprint {
  private SparkFoldFootprint() {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    Path dir = Files.createTempDirectory("fold-footprint");
    PaperScaleWorkload.generate(2011, n).writeTidy(dir);
    MpiSpec spec = MpiSpec.PARENTE_2011;
    // once, unmeasured: what every task shares
    IndexAssembler.create(
        spec, WorkRvuCalculator.of(RvuSchedule.bundled()), ComorbidityGrouper.elixhauser());
    long base = used();
    List<List<String>> people = rows(dir.resolve("beneficiaries.csv"));
    List<List<String>> spans = rows(dir.resolve("enrollment.csv"));
    long held = used() - base;
    IndexAssembler a =
        IndexAssembler.create(
            spec, WorkRvuCalculator.of(RvuSchedule.bundled()), ComorbidityGrouper.elixhauser());
    TidyCsvReader r = new TidyCsvReader(IngestMode.LENIENT, ClaimDating.SERVICE_FROM);
    r.read(
        table(dir.resolve("beneficiaries.csv"), people),
        TidyCsvReader.BENEFICIARY_ROWS,
        RecordSink.into(a),
        a.tally(),
        false);
    r.read(
        table(dir.resolve("enrollment.csv"), spans),
        TidyCsvReader.ENROLLMENT_ROWS,
        RecordSink.into(a),
        a.tally(),
        false);
    a.fixStudyPeriod();
    long withPeople = used() - base;
    ReadContext context =
        new ReadContext(
                IngestMode.LENIENT,
                a.tally(),
                e -> {},
                ClaimDating.SERVICE_FROM,
                ReadContext.NOBODY_YET)
            .withBeneficiaries(a::beneficiary);
    List<String> header;
    try (BufferedReader in =
        Files.newBufferedReader(dir.resolve("claims.csv"), StandardCharsets.UTF_8)) {
      header = List.of(in.readLine().split(",", -1));
    }
    List<String> names = new ArrayList<>();
    for (String c : SparkTidyClaims.COLUMNS) {
      names.add(header.contains(c) ? c : null);
    }
    SparkTidyClaims fold = new SparkTidyClaims(context, a, List.of(names), 0);
    long[] lines = {0};
    try (BufferedReader in =
        Files.newBufferedReader(dir.resolve("claims.csv"), StandardCharsets.UTF_8)) {
      in.readLine();
      fold.read(claimRows(in, header, lines));
    }
    long withClaims = used() - base;
    long seen = fold.repeatTableBytes();
    System.out.printf(
        "%,d beneficiaries, %,d claim lines in one partition:%n"
            + "  people and coverage rows held as text   %,14d B = %6.0f B a beneficiary%n"
            + "  assembler with its beneficiaries        %,14d B = %6.0f B a beneficiary%n"
            + "  after the claims: the whole task        %,14d B = %6.0f B a beneficiary + %.1f B a line%n"
            + "    of which the repeat table             %,14d B = %6.1f B a line%n",
        n,
        lines[0],
        held,
        (double) held / n,
        withPeople - held,
        (double) (withPeople - held) / n,
        withClaims,
        (double) (withClaims - seen) / n,
        (double) seen / lines[0],
        seen,
        (double) seen / lines[0]);
    if (a.spec() == null || people.isEmpty() || spans.isEmpty()) {
      throw new AssertionError(); // keeps everything reachable until weighed
    }
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  private static List<List<String>> rows(Path file) throws IOException {
    List<List<String>> out = new ArrayList<>();
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      in.readLine();
      for (String l = in.readLine(); l != null; l = in.readLine()) {
        out.add(new ArrayList<>(List.of(l.split(",", -1))));
      }
    }
    return out;
  }

  private static CsvTable table(Path file, List<List<String>> rows) throws IOException {
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return CsvTable.of(file.toString(), List.of(in.readLine().split(",", -1)), rows.iterator());
    }
  }

  /** The claims file's lines as the columnar fold's rows, made one at a time. */
  private static Iterator<InternalRow> claimRows(
      BufferedReader in, List<String> header, long[] count) {
    int[] at = new int[SparkTidyClaims.COLUMNS.size()];
    for (int i = 0; i < at.length; i++) {
      at[i] = header.indexOf(SparkTidyClaims.COLUMNS.get(i));
    }
    UTF8String file = UTF8String.fromString("claims.csv");
    return new Iterator<>() {
      String next = read();

      private String read() {
        try {
          return in.readLine();
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }

      @Override
      public boolean hasNext() {
        return next != null;
      }

      @Override
      public InternalRow next() {
        if (next == null) {
          throw new NoSuchElementException();
        }
        String[] cells = next.split(",", -1);
        next = read();
        count[0]++;
        Object[] v = new Object[SparkTidyClaims.FIRST_CELL + at.length];
        v[0] = 0;
        v[1] = file;
        for (int i = 0; i < at.length; i++) {
          v[SparkTidyClaims.FIRST_CELL + i] =
              at[i] < 0 ? null : UTF8String.fromString(cells[at[i]]);
        }
        return new GenericInternalRow(v);
      }
    };
  }

  private static long used() throws InterruptedException {
    MemoryMXBean m = ManagementFactory.getMemoryMXBean();
    long best = Long.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(100);
      best = Math.min(best, m.getHeapMemoryUsage().getUsed());
    }
    return best;
  }
}
