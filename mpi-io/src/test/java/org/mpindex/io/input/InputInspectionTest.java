package org.mpindex.io.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code mpi inspect}'s report: the layout a folder makes, each file's table, rows and date ranges.
 * Expected figures were read off the fixture files with Python's csv module (17 CCLF8 rows, BENE_DOB
 * from 1938-03-19 to 1959-06-24; 14 CCLF1 rows, CLM_FROM_DT from 2025-03-03 to 2025-08-20).
 */
class InputInspectionTest {
  static Path folder(String name) {
    try {
      return Path.of(InputInspectionTest.class.getResource("/fixtures/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void aCclfDeliveryIsToldAsCclfWithItsRowsAndDates() {
    List<InputInspection.LayoutFit> fits =
        InputInspection.fits(InputInspection.expand(List.of(folder("cclf"))), InputFormats.all());
    InputInspection.LayoutFit best = InputInspection.detail(fits.get(0));
    assertEquals("cclf", best.format().name());
    assertTrue(best.complete());
    InputInspection.FileReport cclf8 =
        best.files().stream()
            .filter(r -> r.table().name().equals("CCLF8"))
            .findFirst()
            .orElseThrow();
    assertEquals(17, cclf8.rows());
    LocalDate[] dob = cclf8.dates().get("BENE_DOB");
    assertEquals(LocalDate.of(1938, 3, 19), dob[0]);
    assertEquals(LocalDate.of(1959, 6, 24), dob[1]);
    InputInspection.FileReport cclf1 =
        best.files().stream()
            .filter(r -> r.table().name().equals("CCLF1"))
            .findFirst()
            .orElseThrow();
    assertEquals(14, cclf1.rows());
    assertEquals("2025-03-03..2025-08-20", InputInspection.range(cclf1.dates().get("CLM_FROM_DT")));
    // the folder's SOURCE.md is none of the tables
    assertEquals(
        List.of("SOURCE.md"),
        best.notRead().stream().map(p -> p.getFileName().toString()).toList());
  }
}
