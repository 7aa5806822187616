package org.mpindex.io.rif;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.mpindex.core.index.ClaimDating;
import org.mpindex.core.index.Grouping;
import org.mpindex.core.index.IngestAccounting;
import org.mpindex.core.index.IngestMode;
import org.mpindex.core.index.MpiResult;
import org.mpindex.core.spi.MalformedRecordException;
import org.mpindex.io.TidyCsvReader;
import org.mpindex.io.input.InputFiles;
import org.mpindex.io.input.InputTable;
import org.mpindex.io.input.Tables;

/**
 * Properties of the research-file reader over random populations ({@link RifWorld}): the same
 * people give the same index as research files (either claims layout) and as tidy CSV; the order of
 * rows within files does not matter; every row read is accepted or rejected, whatever is wrong with
 * it.
 */
class RifProperties {

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("rif-props");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Property(tries = 25)
  void theSamePeopleGiveTheSameIndexAsResearchFilesAndAsTidyCsv(
      @ForAll @LongRange(min = 1, max = 1_000_000) long seed,
      @ForAll @IntRange(min = 1, max = 40) int people,
      @ForAll RifWorld.Layout layout,
      @ForAll boolean byCounty) {
    Path dir = tempDir();
    Grouping grouping = byCounty ? Grouping.COUNTY : Grouping.STATE;
    RifWorld w = RifWorld.random(seed, people);
    InputFiles rif = w.writeRif(dir, layout, seed);
    // each file written is recognised as the table it was written for
    RifFormat f = new RifFormat();
    rif.byTable()
        .forEach(
            (table, files) ->
                files.forEach(
                    file -> {
                      try (var t = Tables.open(file, StandardCharsets.UTF_8)) {
                        assertEquals(
                            Optional.of(table),
                            f.recognise(file, t.header()).map(InputTable::name),
                            file.toString());
                      }
                    }));
    // the study period is the reference years the MBSF rows hold (2010's file may be empty when
    // everyone died in 2009)
    int last =
        w.people.stream()
            .flatMap(p -> p.years().stream())
            .mapToInt(RifWorld.Year::year)
            .max()
            .orElseThrow();
    assertEquals(
        Optional.of(
            org.mpindex.core.index.StudyPeriod.of(
                RifWorld.PERIOD.from(), java.time.LocalDate.of(last, 12, 31))),
        f.studyPeriod(rif));
    RifWorld.Read read =
        RifWorld.readRif(rif, IngestMode.LENIENT, ClaimDating.SERVICE_FROM, grouping);
    assertEquals(List.of(), read.rejects(), "valid files: nothing rejected");
    MpiResult fromRif = read.result();
    MpiResult fromTidy = RifWorld.readTidy(w.writeTidy(dir), grouping).assemble();
    // everything but the accounting, whose record kinds are the layouts' own
    assertEquals(fromTidy.windows(), fromRif.windows());
    assertEquals(fromTidy.national(), fromRif.national());
    assertEquals(fromTidy.groupKeys(), fromRif.groupKeys());
    assertEquals(fromTidy.groupCells(), fromRif.groupCells());
    assertEquals(
        fromTidy.accounting().of(org.mpindex.core.index.IngestTally.CLAIM_LINES),
        fromRif.accounting().of(org.mpindex.core.index.IngestTally.CLAIM_LINES));
    assertEquals(
        fromTidy.accounting().of(org.mpindex.core.index.IngestTally.ENROLLMENTS),
        fromRif.accounting().of(org.mpindex.core.index.IngestTally.ENROLLMENTS));
    IngestAccounting acc = fromRif.accounting();
    assertTrue(acc.balanced(), acc.toString());
    for (RifClaimReader.Table t : RifClaimReader.Table.values()) {
      assertEquals(0, acc.of(t.rows()).rejectedTotal(), t.name());
    }
    assertEquals(0, acc.of(RifBeneficiaryReader.ROWS).rejectedTotal());
  }

  @Property(tries = 20)
  void theOrderOfRowsWithinFilesDoesNotChangeTheIndex(
      @ForAll @LongRange(min = 1, max = 1_000_000) long seed,
      @ForAll long shuffle,
      @ForAll RifWorld.Layout layout) {
    Path dir = tempDir();
    InputFiles rif = RifWorld.random(seed, 25).writeRif(dir, layout, seed);
    InputFiles shuffled = RifWorld.shuffled(rif, dir, shuffle);
    MpiResult one = RifWorld.readRif(rif, IngestMode.LENIENT, ClaimDating.SERVICE_FROM).result();
    MpiResult two =
        RifWorld.readRif(shuffled, IngestMode.LENIENT, ClaimDating.SERVICE_FROM).result();
    assertEquals(one.national(), two.national());
    assertEquals(one.groupCells(), two.groupCells());
    assertEquals(one.accounting(), two.accounting());
  }

  /** Values a hostile cell takes. */
  private static final String[] HOSTILE = {
    "", "x", "31-FEB-2010", "20101399", "Z", "-1", "1.5", "9", "0", "99999", "A"
  };

  @Property(tries = 30)
  void everyRowIsAcceptedOrRejectedWhateverItsCellsHold(
      @ForAll @LongRange(min = 1, max = 1_000_000) long seed,
      @ForAll @IntRange(min = 1, max = 30) int mutations,
      @ForAll RifWorld.Layout layout)
      throws IOException {
    Path dir = tempDir();
    InputFiles rif = RifWorld.random(seed, 15).writeRif(dir, layout, seed);
    Random r = new Random(seed);
    List<Path> all = rif.all();
    for (int i = 0; i < mutations; i++) {
      Path file = all.get(r.nextInt(all.size()));
      List<String> lines = new ArrayList<>(Files.readAllLines(file));
      if (lines.size() < 2) {
        continue;
      }
      int row = 1 + r.nextInt(lines.size() - 1);
      String[] cells = lines.get(row).split("\\|", -1);
      cells[r.nextInt(cells.length)] = HOSTILE[r.nextInt(HOSTILE.length)];
      if (r.nextInt(10) == 0) {
        // a repeated row: a duplicate claim or line, or a second row of one beneficiary's year
        lines.add(String.join("|", cells));
      } else {
        lines.set(row, String.join("|", cells));
      }
      Files.write(file, lines);
    }
    RifWorld.Read read = RifWorld.readRif(rif, IngestMode.LENIENT, ClaimDating.SERVICE_THROUGH);
    IngestAccounting acc = read.result().accounting();
    assertTrue(acc.balanced(), acc.toString());
    // every data row of every file was counted under its table's kind
    Map<String, org.mpindex.core.spi.RecordKind> kinds =
        Map.of(
            "mbsf", RifBeneficiaryReader.ROWS,
            "carrier", RifClaimReader.Table.CARRIER.rows(),
            "carrier_line", RifClaimReader.Table.CARRIER_LINE.rows(),
            "outpatient", RifClaimReader.Table.OUTPATIENT.rows(),
            "revenue_center", RifClaimReader.Table.REVENUE_CENTER.rows());
    Map<org.mpindex.core.spi.RecordKind, Long> rows = new java.util.HashMap<>();
    rif.byTable()
        .forEach(
            (table, files) -> {
              for (Path p : files) {
                try {
                  long n = Files.readAllLines(p).stream().skip(1).filter(l -> !l.isBlank()).count();
                  rows.merge(kinds.get(table), n, Long::sum);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              }
            });
    rows.forEach((kind, n) -> assertEquals((long) n, acc.of(kind).read(), kind.text()));
    // every rejection of a row names its file and line, and (but for a column count) its column
    long rejectedRows = rows.keySet().stream().mapToLong(k -> acc.of(k).rejectedTotal()).sum();
    long listed =
        read.rejects().stream()
            .filter(e -> !e.reason().text().equals("no beneficiary record"))
            .count();
    assertEquals(rejectedRows, listed);
    net.jqwik.api.statistics.Statistics.label("rows rejected").collect(rejectedRows > 0);
    for (MalformedRecordException e : read.rejects()) {
      assertFalse(e.file().isEmpty());
      assertTrue(e.line() >= 2, e.toString());
      assertTrue(
          e.column() != null
              || e.reason().text().equals("wrong column count")
              || e.reason().text().equals("exact duplicate of an earlier row of the claim")
              || e.reason().text().equals("invalid value"),
          e.toString());
    }
    // tidy's reasons are the ones shared
    assertTrue(TidyCsvReader.SERVICE_AFTER_DEATH.text().length() > 0);
  }
}
