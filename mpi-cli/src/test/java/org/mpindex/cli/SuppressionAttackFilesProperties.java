package org.mpindex.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.mpindex.core.index.IndexAssembler;
import org.mpindex.core.index.MpiResult;
import org.mpindex.core.index.Suppression;
import org.mpindex.testkit.MpiArbitraries;
import org.mpindex.testkit.Population;

/**
 * Issue #25 point 1, on the written {@code series.csv}: no change is shown next to a suppressed
 * window, and the attacker, reading only the file and the documented rule ({@link Suppression}),
 * cannot pin a suppressed group's patients: for every period it enumerates every count of the
 * suppressed groups that adds up to the national count minus the shown groups and under which the
 * rule hides the same groups and shows the national count, and checks that each suppressed group's
 * feasible counts span {@link Suppression#protection} values and include one of at least the
 * minimum.
 */
class SuppressionAttackFilesProperties {

  static final List<String> CHANGE = List.of("change", "change_health", "qoq_pct", "qoq_se");
  static final List<String> YOY = List.of("yoy_pct", "yoy_se", "yoy_ci_low");

  @Property(tries = 150)
  void noChangeNextToASuppressedWindowAndNoSuppressedCountPinned(
      @ForAll("populations") Population p, @ForAll @IntRange(min = 2, max = 5) int minCell)
      throws IOException {
    MpiResult r =
        IndexAssembler.create(
                PublishedCountsProperties.SPEC,
                MpiArbitraries.populationEffort(),
                MpiArbitraries.populationGrouper())
            .addAll(p.records())
            .assemble();
    Path dir = Files.createTempDirectory("mpi-attack");
    try {
      Path file = dir.resolve("series.csv");
      Outputs.writeSeries(r, new RunInfo("t", "t", "t", Map.of()), file, minCell);
      List<Map<String, String>> rows = PublishedCountsProperties.rows(file);
      // period order as written (window by window), then each (group, period) row
      Map<String, Integer> order = new LinkedHashMap<>();
      Map<String, Map<String, String>> byCell = new HashMap<>();
      for (Map<String, String> row : rows) {
        order.putIfAbsent(row.get("period"), order.size());
        byCell.put(row.get("group") + "@" + order.get(row.get("period")), row);
      }
      for (Map<String, String> row : rows) {
        int t = order.get(row.get("period"));
        checkBlank(byCell, row, t - 1, CHANGE);
        checkBlank(byCell, row, t - 4, YOY);
      }
      attack(rows, minCell);
    } finally {
      try (var s = Files.list(dir)) {
        s.forEach(f -> f.toFile().delete());
      }
      Files.delete(dir);
    }
  }

  /** A change shown in {@code row} needs the same group's row {@code at} shown. */
  static void checkBlank(
      Map<String, Map<String, String>> byCell,
      Map<String, String> row,
      int at,
      List<String> columns) {
    Map<String, String> before = byCell.get(row.get("group") + "@" + at);
    boolean hidden = before != null && before.get("suppressed").equals("1");
    net.jqwik.api.statistics.Statistics.label("next to a suppressed window")
        .collect(hidden && row.get("suppressed").equals("0"));
    for (String c : columns) {
      assertTrue(
          !hidden || row.get(c).isEmpty(),
          row.get("group")
              + " "
              + row.get("period")
              + " shows "
              + c
              + " = "
              + row.get(c)
              + " next to a suppressed window");
    }
  }

  /** The attacker over each period's national row and group rows. */
  static void attack(List<Map<String, String>> rows, int minCell) {
    Map<String, List<Map<String, String>>> byPeriod = new TreeMap<>();
    rows.forEach(r -> byPeriod.computeIfAbsent(r.get("period"), k -> new ArrayList<>()).add(r));
    for (List<Map<String, String>> period : byPeriod.values()) {
      Map<String, String> nat = null;
      TreeMap<String, Long> shown = new TreeMap<>();
      TreeSet<String> hidden = new TreeSet<>();
      for (Map<String, String> r : period) {
        if (r.get("group").equals("US")) {
          nat = r;
        } else if (r.get("suppressed").equals("1")) {
          hidden.add(r.get("group"));
        } else {
          shown.put(r.get("group"), Long.parseLong(r.get("patients")));
        }
      }
      if (nat == null || nat.get("suppressed").equals("1") || hidden.isEmpty()) {
        continue; // no margin published, or nothing to attack
      }
      long sum = Long.parseLong(nat.get("patients"));
      for (long n : shown.values()) {
        sum -= n;
      }
      TreeSet<String> all = new TreeSet<>(shown.keySet());
      all.addAll(hidden);
      List<String> keys = new ArrayList<>(all);
      long[] world = new long[keys.size()];
      List<Integer> at = new ArrayList<>();
      for (int i = 0; i < keys.size(); i++) {
        Long n = shown.get(keys.get(i));
        if (n == null) {
          at.add(i);
        } else {
          world[i] = n;
        }
      }
      Map<String, java.util.SortedSet<Long>> feasible = new TreeMap<>();
      hidden.forEach(k -> feasible.put(k, new TreeSet<>()));
      enumerate(keys, world, at, 0, sum, hidden, minCell, feasible);
      net.jqwik.api.statistics.Statistics.label("hidden groups").collect(hidden.size());
      for (Map.Entry<String, java.util.SortedSet<Long>> e : feasible.entrySet()) {
        java.util.SortedSet<Long> v = e.getValue();
        assertTrue(
            v.size() >= Suppression.protection(minCell) && v.last() >= minCell,
            period.get(0).get("period")
                + " "
                + e.getKey()
                + ": the file and the rule leave only "
                + v
                + " (minimum "
                + minCell
                + ")");
      }
    }
  }

  private static void enumerate(
      List<String> keys,
      long[] world,
      List<Integer> at,
      int i,
      long left,
      Set<String> hidden,
      int minCell,
      Map<String, java.util.SortedSet<Long>> feasible) {
    if (i == at.size() - 1) {
      world[at.get(i)] = left;
      if (left < 1) {
        return;
      }
      Suppression.Decision<String> d = Suppression.decide(keys, List.of(world), minCell);
      if (d.hidden().equals(hidden) && !d.anyMarginHidden()) {
        for (int j : at) {
          feasible.get(keys.get(j)).add(world[j]);
        }
      }
      return;
    }
    for (long v = 1; v <= left - (at.size() - i - 1); v++) {
      world[at.get(i)] = v;
      enumerate(keys, world, at, i + 1, left - v, hidden, minCell, feasible);
    }
  }

  /**
   * Populations of 3 to 8 testkit populations (10 beneficiaries at most each) put together, ids kept
   * apart, residences folded onto three states: groups of a few to a few dozen patients, so that
   * windows have shown and suppressed groups side by side.
   */
  @net.jqwik.api.Provide
  net.jqwik.api.Arbitrary<Population> populations() {
    return MpiArbitraries.populations()
        .list()
        .ofMinSize(3)
        .ofMaxSize(8)
        .map(SuppressionAttackFilesProperties::merge);
  }

  static final org.mpindex.core.claims.UsState[] STATES = {
    org.mpindex.core.claims.UsState.parse("CA"),
    org.mpindex.core.claims.UsState.parse("NY"),
    org.mpindex.core.claims.UsState.parse("TX")
  };

  static org.mpindex.core.claims.Geography fold(org.mpindex.core.claims.Geography g) {
    return org.mpindex.core.claims.Geography.of(
        STATES[Math.floorMod(g.toString().hashCode(), STATES.length)]);
  }

  static Population merge(List<Population> parts) {
    List<org.mpindex.core.claims.Beneficiary> bens = new ArrayList<>();
    List<org.mpindex.core.claims.Enrollment> spans = new ArrayList<>();
    List<org.mpindex.core.claims.ClaimLine> lines = new ArrayList<>();
    for (int j = 0; j < parts.size(); j++) {
      String prefix = "P" + j + "-";
      Population p = parts.get(j);
      for (org.mpindex.core.claims.Beneficiary b : p.beneficiaries()) {
        bens.add(
            new org.mpindex.core.claims.Beneficiary(
                prefix + b.id(), b.birthDate(), b.deathDate(), b.sex(), fold(b.geography())));
      }
      for (org.mpindex.core.claims.Enrollment e : p.enrollments()) {
        spans.add(
            new org.mpindex.core.claims.Enrollment(
                prefix + e.beneficiaryId(),
                e.start(),
                e.end(),
                e.program(),
                e.residence().map(SuppressionAttackFilesProperties::fold)));
      }
      for (org.mpindex.core.claims.ClaimLine l : p.claimLines()) {
        lines.add(
            l.toBuilder()
                .beneficiaryId(prefix + l.beneficiaryId())
                .claimId(prefix + l.claimId())
                .build());
      }
    }
    return new Population(bens, spans, lines);
  }
}
