package org.mpindex.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mpindex.core.claims.UsState;

/** The workload's files say what its columns hold, cell for cell. */
class PaperScaleWorkloadTest {
  @TempDir Path dir;

  @Property
  void idsAreTheLetterBAndSevenDigits(@ForAll @IntRange(min = 0, max = 20_000_000) int p) {
    assertEquals(String.format("B%07d", p), PaperScaleWorkload.id(p));
  }

  @Test
  void idsAtTheEdges() {
    assertEquals("B0000000", PaperScaleWorkload.id(0));
    assertEquals("B0000042", PaperScaleWorkload.id(42));
    assertEquals("B9999999", PaperScaleWorkload.id(9_999_999));
    assertEquals("B10000000", PaperScaleWorkload.id(10_000_000));
  }

  /** Each written row is parsed back by splitting on commas and compared with the columns. */
  @Test
  void theTidyFilesHoldTheColumns() throws IOException {
    PaperScaleWorkload w = PaperScaleWorkload.generate(3, 400);
    w.writeTidy(dir);
    List<String> bene =
        Files.readAllLines(dir.resolve("beneficiaries.csv"), StandardCharsets.UTF_8);
    List<String> enr = Files.readAllLines(dir.resolve("enrollment.csv"), StandardCharsets.UTF_8);
    List<String> claims = Files.readAllLines(dir.resolve("claims.csv"), StandardCharsets.UTF_8);
    assertEquals("beneficiary_id,birth_date,death_date,sex,state", bene.get(0));
    assertEquals(w.beneficiaries + 1, bene.size());
    assertEquals(w.beneficiaries + 1, enr.size());
    assertEquals(w.lines + 1, claims.size());
    for (int p = 0; p < w.beneficiaries; p++) {
      String[] b = bene.get(p + 1).split(",", -1);
      assertEquals(String.format("B%07d", p), b[0]);
      assertEquals(LocalDate.ofEpochDay(w.birthDay[p]).toString(), b[1]);
      assertEquals(
          w.deathDay[p] == Integer.MIN_VALUE ? "" : LocalDate.ofEpochDay(w.deathDay[p]).toString(),
          b[2]);
      assertEquals(w.sex[p] == 1 ? "M" : "F", b[3]);
      assertEquals(UsState.values()[w.state[p]].usps(), b[4]);
      String[] e = enr.get(p + 1).split(",", -1);
      assertEquals(
          List.of(
              b[0],
              LocalDate.ofEpochDay(w.enrollStart[p]).toString(),
              LocalDate.ofEpochDay(w.enrollEnd[p]).toString(),
              "MEDICARE_FFS"),
          List.of(e));
    }
    for (int i = 0; i < w.lines; i++) {
      String[] c = claims.get(i + 1).split(",", -1);
      assertEquals("C" + i, c[0]);
      assertEquals(String.format("B%07d", w.linePatient[i]), c[1]);
      assertEquals(LocalDate.ofEpochDay(w.lineDay[i]).toString(), c[2]);
      assertEquals(PaperScaleWorkload.PROCEDURES.get(w.lineProcedure[i]), c[3]);
      assertEquals("icd9", c[4]);
      String[] dx = c[5].split("\\|", -1);
      assertEquals(w.diagnosisStart[i + 1] - w.diagnosisStart[i], dx.length);
      for (int k = 0; k < dx.length; k++) {
        assertEquals(PaperScaleWorkload.DIAGNOSES.get(w.diagnosis[w.diagnosisStart[i] + k]), dx[k]);
      }
    }
  }
}
