package org.mpindex.io.omop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.mpindex.core.index.IngestAccounting;
import org.mpindex.core.index.MpiResult;
import org.mpindex.core.index.RecordCounts;

/** Properties of the OMOP reader over the ETL-CMS fixture, shuffled or damaged. */
class OmopProperties {

  /** A copy of the ETL-CMS OMOP tables with each file's data rows reordered by {@code seed}. */
  static Path shuffled(long seed, boolean damage) {
    try {
      Path dir = Files.createTempDirectory("omop-prop");
      Random random = new Random(seed);
      List<Path> files;
      try (Stream<Path> s = Files.list(OmopFixtures.OMOP)) {
        files = s.sorted().toList();
      }
      // one damaged cell somewhere in the data rows, when asked
      int damagedFile = random.nextInt(files.size());
      for (int i = 0; i < files.size(); i++) {
        Path f = files.get(i);
        List<String> lines = Files.readAllLines(f);
        List<String> rows = new ArrayList<>(lines.subList(1, lines.size()));
        Collections.shuffle(rows, random);
        if (damage && i == damagedFile && !rows.isEmpty()) {
          int r = random.nextInt(rows.size());
          String[] cells = rows.get(r).split(",", -1);
          int c = random.nextInt(cells.length);
          cells[c] =
              List.of("", "x", "2008-13-45", "-1", "99999999999999999999", "0", "8551")
                  .get(random.nextInt(7));
          rows.set(r, String.join(",", cells));
        }
        List<String> out = new ArrayList<>();
        out.add(lines.get(0));
        out.addAll(rows);
        Files.write(dir.resolve(f.getFileName()), out);
      }
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void delete(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      for (Path f : s.toList()) {
        Files.delete(f);
      }
      Files.delete(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static MpiResult result(Path dir) {
    return OmopEtlCmsTest.omop(
            OmopFormat.DEFAULT, OmopFixtures.files(OmopFormat.DEFAULT, dir), OmopEtlCmsTest.KEPT)
        .assemble();
  }

  @Property(tries = 25)
  void rowOrderDoesNotChangeTheResult(@ForAll @IntRange(min = 0, max = 1_000_000) int seed) {
    MpiResult base = result(OmopFixtures.OMOP);
    Path dir = shuffled(seed, false);
    try {
      // the whole result: cells, windows, spec and the accounting (counts, notes, unknown codes)
      assertEquals(base, result(dir));
    } finally {
      delete(dir);
    }
  }

  @Property(tries = 40)
  void everyRowReadIsAcceptedOrRejected(@ForAll @IntRange(min = 0, max = 1_000_000) int seed) {
    Path dir = shuffled(seed, true);
    try {
      IngestAccounting a = result(dir).accounting();
      for (var e : a.records().entrySet()) {
        RecordCounts c = e.getValue();
        long rejected = c.rejected().values().stream().mapToLong(Long::longValue).sum();
        assertEquals(c.read(), c.accepted() + rejected, e.getKey());
      }
    } catch (org.mpindex.core.spi.MalformedRecordException refusal) {
      // a damaged payer_plan_period can leave no row: the one refusal, by design
      assertEquals("no coverage (empty payer_plan_period)", refusal.reason().text());
    } finally {
      delete(dir);
    }
  }
}
