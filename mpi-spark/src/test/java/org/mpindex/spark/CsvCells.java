package org.mpindex.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.mpindex.core.text.Csv;

/** A CSV file as rows of cells, and where two such tables first differ. */
final class CsvCells {
  private CsvCells() {}

  /** The rows of a comma-separated file (header first), each split into its cells. */
  static List<List<String>> read(Path file) throws IOException {
    List<List<String>> rows = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      rows.add(Csv.split(line));
    }
    return rows;
  }

  /**
   * The first cell, in row order then column order, where {@code actual} differs from {@code
   * expected}: {@code "row 12 (line 13), column 4 'mpi': expected '1.02' but was '1.03'"} (rows and
   * columns counted from 0, the header row 0, the column named by the expected header), or a row
   * present in one table only, or a row with another number of cells; empty when the tables are
   * equal cell for cell.
   */
  static Optional<String> firstDifference(List<List<String>> expected, List<List<String>> actual) {
    int rows = Math.min(expected.size(), actual.size());
    List<String> header = expected.isEmpty() ? List.of() : expected.get(0);
    for (int r = 0; r < rows; r++) {
      List<String> e = expected.get(r);
      List<String> a = actual.get(r);
      for (int c = 0; c < Math.min(e.size(), a.size()); c++) {
        if (!e.get(c).equals(a.get(c))) {
          return Optional.of(
              "row "
                  + r
                  + " (line "
                  + (r + 1)
                  + "), column "
                  + c
                  + (c < header.size() ? " '" + header.get(c) + "'" : "")
                  + ": expected '"
                  + e.get(c)
                  + "' but was '"
                  + a.get(c)
                  + "'");
        }
      }
      if (e.size() != a.size()) {
        return Optional.of(
            "row " + r + " (line " + (r + 1) + "): " + e.size() + " cells expected, " + a.size());
      }
    }
    if (expected.size() != actual.size()) {
      return Optional.of(
          expected.size()
              + " rows expected, "
              + actual.size()
              + (expected.size() > actual.size()
                  ? "; missing from row " + rows + ": " + expected.get(rows)
                  : "; extra from row " + rows + ": " + actual.get(rows)));
    }
    return Optional.empty();
  }
}
