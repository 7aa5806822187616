package org.mpindex.core.index;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * How the index moves with the two arbitrary choices the paper names (docs/method.md section 8): the
 * window length and the lag. Given one {@link MpiResult} per configuration (a grid of window lengths
 * in days and lags in windows, each window length folded once and every lag read from the same fold
 * with {@link IndexAssembler#assembleWithLag}), it summarises each configuration's national series
 * and compares the groups' ranks between every pair of configurations.
 *
 * <p>Only index windows wholly inside the study period count (a day window running past the study's
 * end would hold only the patients who died in it). Ranks are those of each configuration's
 * <em>last</em> such window with a national value (the latest figure, as the paper's Table 1 reports
 * its last quarter), by MPI, among groups with a known residence and at least
 * {@code minimumPatients} patients in that window <em>in both configurations</em> of a pair. The
 * rank correlation is Spearman's rho: the Pearson correlation of the two rank vectors, tied values
 * taking the mean of their ranks; NaN with fewer than 3 common groups or when either side is all
 * ties.
 */
public final class Sensitivity {

  /**
   * One point of the grid.
   *
   * @param windowDays window length in days
   * @param lag lag in windows
   */
  public record Configuration(int windowDays, int lag) {
    public Configuration {
      if (windowDays < 1 || lag < 0) {
        throw new IllegalArgumentException(
            "window days must be >= 1 and lag >= 0, got " + windowDays + ", " + lag);
      }
    }

    /** "90d lag 1". */
    @Override
    public String toString() {
      return windowDays + "d lag " + lag;
    }
  }

  /**
   * One configuration's national series in brief.
   *
   * @param configuration the grid point
   * @param indexWindows index windows wholly inside the study period with a national value
   * @param first the first index window's national MPI (health per work RVU); NaN when none
   * @param last the last index window's national MPI; NaN when none
   * @param mean the mean of the national values over the index windows; NaN when none
   * @param min the lowest national value; NaN when none
   * @param max the highest national value; NaN when none
   * @param rankedGroups groups with a rank in the last index window (known residence, at least the
   *     minimum patients)
   */
  public record Summary(
      Configuration configuration,
      int indexWindows,
      double first,
      double last,
      double mean,
      double min,
      double max,
      int rankedGroups) {}

  /**
   * The rank agreement of two configurations.
   *
   * @param a the first configuration
   * @param b the second
   * @param groups groups ranked in both
   * @param spearman Spearman's rank correlation over those groups, -1 to 1; NaN when undefined
   */
  public record RankCorrelation(Configuration a, Configuration b, int groups, double spearman) {}

  private final List<Summary> summaries;
  private final List<RankCorrelation> correlations;

  private Sensitivity(List<Summary> summaries, List<RankCorrelation> correlations) {
    this.summaries = List.copyOf(summaries);
    this.correlations = List.copyOf(correlations);
  }

  /**
   * The comparison of {@code results} (in grid order).
   *
   * @param minimumPatients groups with fewer patients in a configuration's last window are left out
   */
  public static Sensitivity of(Map<Configuration, MpiResult> results, int minimumPatients) {
    Map<Configuration, Map<String, IndexCell>> ranked = new LinkedHashMap<>();
    List<Summary> summaries = new ArrayList<>();
    results.forEach(
        (config, r) -> {
          List<Double> values = new ArrayList<>();
          Map<String, IndexCell> groups = new HashMap<>();
          IndexCell lastWithValue = null;
          for (IndexCell c : complete(r)) {
            if (c.patients() > 0) {
              values.add(c.mpi());
              lastWithValue = c;
            }
          }
          if (lastWithValue != null) {
            for (IndexCell c : r.groups(lastWithValue.window())) {
              if (!c.group().equals(Grouping.UNKNOWN_KEY)
                  && c.patients() >= Math.max(1, minimumPatients)
                  && !Double.isNaN(c.mpi())) {
                groups.put(c.group(), c);
              }
            }
          }
          ranked.put(config, groups);
          double mean =
              values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
          summaries.add(
              new Summary(
                  config,
                  values.size(),
                  values.isEmpty() ? Double.NaN : values.get(0),
                  values.isEmpty() ? Double.NaN : values.get(values.size() - 1),
                  mean,
                  values.isEmpty() ? Double.NaN : Collections.min(values),
                  values.isEmpty() ? Double.NaN : Collections.max(values),
                  groups.size()));
        });
    List<Configuration> configs = new ArrayList<>(results.keySet());
    List<RankCorrelation> correlations = new ArrayList<>();
    for (int i = 0; i < configs.size(); i++) {
      for (int j = i + 1; j < configs.size(); j++) {
        Map<String, IndexCell> a = ranked.get(configs.get(i));
        Map<String, IndexCell> b = ranked.get(configs.get(j));
        TreeSet<String> common = new TreeSet<>(a.keySet());
        common.retainAll(b.keySet());
        double[] x = new double[common.size()];
        double[] y = new double[common.size()];
        int k = 0;
        for (String g : common) {
          x[k] = a.get(g).mpi();
          y[k++] = b.get(g).mpi();
        }
        correlations.add(
            new RankCorrelation(configs.get(i), configs.get(j), common.size(), spearman(x, y)));
      }
    }
    return new Sensitivity(summaries, correlations);
  }

  /**
   * The national cells of the windows that lie wholly inside the study period: a day window running
   * past the study's end holds only the patients who died in it (nobody else is covered on its days
   * after the end), so its value would not be comparable.
   */
  static List<IndexCell> complete(MpiResult r) {
    List<IndexCell> out = new ArrayList<>();
    for (IndexCell c : r.national()) {
      if (r.studyPeriod().isEmpty() || !c.window().end().isAfter(r.studyPeriod().get().to())) {
        out.add(c);
      }
    }
    return out;
  }

  /** One summary per configuration, in grid order. */
  public List<Summary> summaries() {
    return summaries;
  }

  /** One correlation per pair of configurations, in grid order. */
  public List<RankCorrelation> correlations() {
    return correlations;
  }

  /** Spearman's rho of two paired samples: Pearson over mid-ranks; NaN below 3 pairs or without spread. */
  public static double spearman(double[] x, double[] y) {
    if (x.length != y.length) {
      throw new IllegalArgumentException(
          "paired samples of different sizes: " + x.length + ", " + y.length);
    }
    if (x.length < 3) {
      return Double.NaN;
    }
    return pearson(midRanks(x), midRanks(y));
  }

  /** Ranks 1..n by value, ties taking the mean of the ranks they span. */
  static double[] midRanks(double[] v) {
    Integer[] order = new Integer[v.length];
    for (int i = 0; i < v.length; i++) {
      order[i] = i;
    }
    java.util.Arrays.sort(order, (p, q) -> Double.compare(v[p], v[q]));
    double[] r = new double[v.length];
    int i = 0;
    while (i < v.length) {
      int j = i;
      while (j + 1 < v.length && v[order[j + 1]] == v[order[i]]) {
        j++;
      }
      double mid = (i + j) / 2.0 + 1;
      for (int k = i; k <= j; k++) {
        r[order[k]] = mid;
      }
      i = j + 1;
    }
    return r;
  }

  static double pearson(double[] x, double[] y) {
    double mx = 0;
    double my = 0;
    for (int i = 0; i < x.length; i++) {
      mx += x[i];
      my += y[i];
    }
    mx /= x.length;
    my /= y.length;
    double sxy = 0;
    double sxx = 0;
    double syy = 0;
    for (int i = 0; i < x.length; i++) {
      sxy += (x[i] - mx) * (y[i] - my);
      sxx += (x[i] - mx) * (x[i] - mx);
      syy += (y[i] - my) * (y[i] - my);
    }
    return sxx == 0 || syy == 0 ? Double.NaN : sxy / Math.sqrt(sxx * syy);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Sensitivity sensitivity
        && sensitivity.summaries.equals(summaries)
        && sensitivity.correlations.equals(correlations);
  }

  @Override
  public int hashCode() {
    return Objects.hash(summaries, correlations);
  }
}
