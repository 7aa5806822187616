package org.mpindex.io.cclf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.mpindex.core.index.IndexAssembler;
import org.mpindex.core.index.IngestAccounting;
import org.mpindex.core.index.IngestMode;
import org.mpindex.core.index.MpiResult;
import org.mpindex.core.index.RecordSink;
import org.mpindex.io.TidyCsvReader;

/** Properties of the CCLF format over random populations written by {@link CclfWriter}. */
class CclfProperties {

  /**
   * The same people as CCLF (with previous MBIs, cancellations, adjustments and re-deliveries) and
   * as tidy CSV (what the CCLF means: current MBIs, final-action lines only) give the same index.
   */
  @Property(tries = 40)
  void cclfAndTidyCsvGiveTheSameIndex(@ForAll long seed) throws IOException {
    Path dir = Files.createTempDirectory("cclf-tidy");
    try {
      CclfWriter.Written w = CclfWriter.write(seed, dir);
      MpiResult fromCclf = CclfRuns.assemble(CclfRuns.files(w.cclf()), CclfRuns.year2025());
      IndexAssembler a = CclfRuns.assembler(CclfRuns.year2025());
      TidyCsvReader tidy = new TidyCsvReader(IngestMode.LENIENT);
      tidy.readBeneficiaries(w.beneficiaries(), RecordSink.into(a));
      tidy.readEnrollment(w.enrollment(), RecordSink.into(a));
      tidy.checkedAgainst(a::beneficiary).readClaims(w.claims(), RecordSink.into(a));
      MpiResult fromTidy = a.assemble();
      assertEquals(fromTidy.accounting(), fromCclf.accounting());
      assertEquals(fromTidy.studyPeriod(), fromCclf.studyPeriod());
      assertEquals(fromTidy.groupCells(), fromCclf.groupCells());
      assertEquals(fromTidy, fromCclf);
    } finally {
      delete(dir);
    }
  }

  /** Shuffling the rows within each file changes nothing in the assembled index. */
  @Property(tries = 40)
  void rowOrderDoesNotChangeTheIndex(@ForAll long seed) throws IOException {
    Path dir = Files.createTempDirectory("cclf-order");
    try {
      CclfWriter.Written w = CclfWriter.write(seed, dir);
      MpiResult before = CclfRuns.assemble(CclfRuns.files(w.cclf()), CclfRuns.year2025());
      Random r = new Random(seed ^ 0x5DEECE66DL);
      for (List<Path> files : w.cclf().values()) {
        for (Path f : files) {
          List<String> lines = new ArrayList<>(Files.readAllLines(f, StandardCharsets.UTF_8));
          List<String> rows = new ArrayList<>(lines.subList(1, lines.size()));
          Collections.shuffle(rows, r);
          rows.add(0, lines.get(0));
          Files.write(f, rows, StandardCharsets.UTF_8);
        }
      }
      assertEquals(before, CclfRuns.assemble(CclfRuns.files(w.cclf()), CclfRuns.year2025()));
    } finally {
      delete(dir);
    }
  }

  /**
   * With random cells of random rows replaced by garbage, every record kind still balances (read =
   * accepted + rejected), and every rejection names its file and line.
   */
  @Property(tries = 60)
  void everyKindBalancesOnHostileRows(@ForAll long seed) throws IOException {
    Path dir = Files.createTempDirectory("cclf-hostile");
    try {
      CclfWriter.Written w = CclfWriter.write(seed, dir);
      Random r = new Random(seed);
      String[] garbage = {
        "", "~", "x", "2025-13-45", "-3", "99999999999", "1.5", "ZZZZZZZZ", "\"a"
      };
      for (List<Path> files : w.cclf().values()) {
        for (Path f : files) {
          List<String> lines = new ArrayList<>(Files.readAllLines(f, StandardCharsets.UTF_8));
          for (int k = r.nextInt(4); k > 0 && lines.size() > 1; k--) {
            int row = 1 + r.nextInt(lines.size() - 1);
            String[] cells = lines.get(row).split(",", -1);
            cells[r.nextInt(cells.length)] = garbage[r.nextInt(garbage.length)];
            lines.set(row, String.join(",", cells));
          }
          Files.write(f, lines, StandardCharsets.UTF_8);
        }
      }
      CclfRuns.Outcome out = CclfRuns.read(CclfRuns.files(w.cclf()), IngestMode.LENIENT);
      IngestAccounting acc = out.tally().snapshot();
      assertTrue(acc.balanced(), acc.toString());
      out.rejects()
          .forEach(
              e -> {
                assertTrue(e.file().endsWith(".csv"), e.getMessage());
                assertTrue(e.line() >= 1, e.getMessage());
              });
      long rejectedRows =
          Map.of(
                  CclfFormat.BENEFICIARY_ROWS, 0,
                  CclfFormat.ID_CHANGE_ROWS, 0,
                  CclfFormat.PART_B_ROWS, 0)
              .keySet()
              .stream()
              .mapToLong(k -> acc.records().containsKey(k.text()) ? acc.of(k).rejectedTotal() : 0)
              .sum();
      long listed =
          out.rejects().stream()
              .filter(e -> !e.reason().text().equals("no beneficiary record"))
              .count();
      assertEquals(rejectedRows, listed);
    } finally {
      delete(dir);
    }
  }

  private static void delete(Path dir) throws IOException {
    try (var s = Files.walk(dir)) {
      for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
