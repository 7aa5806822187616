package org.mpindex.core.index;

import java.util.Objects;
import org.mpindex.core.time.Window;

/**
 * The change of a cell's MPI from one window to the next, split into the part due to health, the
 * part due to effort, their interaction, and (for aggregations other than the ratio of means) the
 * change of the aggregation's gap (issue #13, docs/method.md section 6).
 *
 * <p>With mean health {@code h}, mean effort {@code m} (work RVUs) and {@code g = MPI - h / m}
 * (0 for {@link Aggregation#ratioOfMeans()}; for the mean of ratios, how far the mean of the
 * patients' ratios lies from the ratio of the means), from window 0 to window 1:
 *
 * <pre>
 * MPI1 - MPI0 = (h1 - h0) / m0                    health: the change of health at the old effort
 *             + h0 * (1/m1 - 1/m0)                effort: the change of effort at the old health
 *             + (h1 - h0) * (1/m1 - 1/m0)         interaction: both at once
 *             + (g1 - g0)                         aggregation
 * </pre>
 *
 * The identity is exact in real numbers; in doubles the parts add up to {@link #change()} within a
 * few units in the last place. Health above 0 lifts the MPI; effort that rises lowers it (the
 * effort part is negative when {@code m1 > m0}). The patients of the two windows are those each
 * window's index counted; the same patients usually appear in both.
 *
 * @param window the later window (t)
 * @param previous the earlier window (t - 1)
 * @param group the group key ({@value Grouping#NATIONAL_KEY} for the national cell)
 * @param change MPI(t) - MPI(t - 1)
 * @param health the health part
 * @param effort the effort part
 * @param interaction the interaction part
 * @param aggregation the change of the gap between the MPI and mean health over mean effort
 */
public record ChangeDecomposition(
    Window window,
    Window previous,
    String group,
    double change,
    double health,
    double effort,
    double interaction,
    double aggregation) {

  public ChangeDecomposition {
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(previous, "previous");
    Objects.requireNonNull(group, "group");
  }

  /**
   * The decomposition of the change from cell {@code before} to cell {@code after} (same group, any two
   * windows); NaN parts when either cell has no patients.
   */
  public static ChangeDecomposition of(IndexCell before, IndexCell after) {
    double h0 = before.meanHealth();
    double h1 = after.meanHealth();
    double e0 = 1 / before.meanEffort();
    double e1 = 1 / after.meanEffort();
    double health = (h1 - h0) * e0;
    double effort = h0 * (e1 - e0);
    double interaction = (h1 - h0) * (e1 - e0);
    double change = after.mpi() - before.mpi();
    double aggregation = (after.mpi() - h1 * e1) - (before.mpi() - h0 * e0);
    return new ChangeDecomposition(
        after.window(),
        before.window(),
        after.group(),
        change,
        health,
        effort,
        interaction,
        aggregation);
  }
}
