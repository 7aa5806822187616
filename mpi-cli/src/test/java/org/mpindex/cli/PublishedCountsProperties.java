package org.mpindex.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.mpindex.core.index.GroupTable;
import org.mpindex.core.index.IndexAssembler;
import org.mpindex.core.index.MpiResult;
import org.mpindex.core.index.MpiSpec;
import org.mpindex.core.index.Normalisation;
import org.mpindex.core.index.StudyPeriod;
import org.mpindex.testkit.MpiArbitraries;
import org.mpindex.testkit.Population;

/**
 * Issue #13 point 4, checked on the files themselves: over random populations and minimum cell
 * sizes, no count in {@code series.csv} or {@code groups.csv} is a small number (1 to minimum - 1),
 * and none can be derived by subtraction: the national patients minus the shown groups' patients,
 * and a shown candidate count minus its patients and shown exclusions, are 0 or at least the minimum.
 */
class PublishedCountsProperties {
  static final MpiSpec SPEC =
      MpiSpec.builder()
          .studyPeriod(
              StudyPeriod.of(MpiArbitraries.POPULATION_START, MpiArbitraries.POPULATION_END))
          .minimumEligibleWindows(1)
          .minimumAge(60)
          .build();
  static final List<String> COUNT_COLUMNS = countColumns();

  static List<String> countColumns() {
    List<String> c =
        new ArrayList<>(List.of("patients", "candidates", "effort_incomplete", "no_residence"));
    for (String h : Outputs.CELL_COLUMNS.split(",", -1)) {
      if (h.startsWith("excluded_")) {
        c.add(h);
      }
    }
    return c;
  }

  static List<Map<String, String>> rows(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file);
    String[] header = lines.get(0).split(",", -1);
    List<Map<String, String>> out = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] cells = line.split(",", -1);
      Map<String, String> row = new HashMap<>();
      for (int i = 0; i < header.length; i++) {
        row.put(header[i], cells[i]);
      }
      out.add(row);
    }
    return out;
  }

  static boolean smallOrDerivablySmall(long v, int min) {
    return v > 0 && v < min;
  }

  @Property(tries = 300)
  void noPublishedCountIsSmallOrDerivable(
      @ForAll("populations") Population p, @ForAll @IntRange(min = 2, max = 5) int minCell)
      throws IOException {
    MpiResult r =
        IndexAssembler.create(
                SPEC, MpiArbitraries.populationEffort(), MpiArbitraries.populationGrouper())
            .addAll(p.records())
            .assemble();
    Path dir = Files.createTempDirectory("mpi-counts");
    try {
      RunInfo info = new RunInfo("t", "t", "t", Map.of());
      Outputs.writeSeries(r, info, dir.resolve("series.csv"), minCell);
      Outputs.writeGroups(
          r,
          info,
          dir.resolve("groups.csv"),
          Normalisation.PAPER_TABLE1,
          GroupTable.Column.MPI,
          3,
          minCell);
      for (String file : List.of("series.csv", "groups.csv")) {
        Map<String, Long> nationalPatients = new HashMap<>();
        Map<String, Long> shownGroupPatients = new HashMap<>();
        for (Map<String, String> row : rows(dir.resolve(file))) {
          for (String c : COUNT_COLUMNS) {
            String v = row.get(c);
            assertTrue(
                v.isEmpty() || !smallOrDerivablySmall(Long.parseLong(v), minCell),
                file
                    + " "
                    + row.get("period")
                    + " "
                    + row.get("group")
                    + " shows "
                    + c
                    + " = "
                    + v);
          }
          if (!row.get("candidates").isEmpty()) {
            long rest = Long.parseLong(row.get("candidates")) - Long.parseLong(row.get("patients"));
            for (String c : COUNT_COLUMNS) {
              if (c.startsWith("excluded_")) {
                assertTrue(!row.get(c).isEmpty(), "candidates shown with a blank " + c);
                rest -= Long.parseLong(row.get(c));
              }
            }
            assertTrue(rest == 0, "candidates = patients + exclusions");
          }
          net.jqwik.api.statistics.Statistics.label("row")
              .collect(
                  row.get("suppressed").equals("1")
                      ? "suppressed"
                      : row.get("candidates").isEmpty() ? "counts hidden" : "counts shown");
          String period = row.get("period");
          if (row.get("group").equals("US")) {
            if (!row.get("patients").isEmpty()) {
              nationalPatients.put(period, Long.parseLong(row.get("patients")));
            }
          } else if (!row.get("patients").isEmpty()) {
            shownGroupPatients.merge(period, Long.parseLong(row.get("patients")), Long::sum);
          }
        }
        nationalPatients.forEach(
            (period, n) -> {
              long hidden = n - shownGroupPatients.getOrDefault(period, 0L);
              assertTrue(
                  !smallOrDerivablySmall(hidden, minCell),
                  file
                      + " "
                      + period
                      + ": national "
                      + n
                      + " minus the shown groups leaves "
                      + hidden);
            });
      }
    } finally {
      try (var s = Files.list(dir)) {
        s.forEach(f -> f.toFile().delete());
      }
      Files.delete(dir);
    }
  }

  @net.jqwik.api.Provide
  net.jqwik.api.Arbitrary<Population> populations() {
    return MpiArbitraries.populations();
  }
}
