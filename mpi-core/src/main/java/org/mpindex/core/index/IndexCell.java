package org.mpindex.core.index;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import org.mpindex.core.time.Window;

/**
 * The index of one group in one health window t.
 *
 * @param window the health window t (effort was measured in t - lag)
 * @param group the group key ({@value Grouping#NATIONAL_KEY} for national)
 * @param mpi the index by the spec's aggregation, in health per effort unit (per work RVU); NaN
 *     when no patient has a ratio
 * @param meanHealth mean H over the patients with a ratio (dimensionless, 0 to 1 for H = 1/b); NaN
 *     when none
 * @param meanEffort mean M(t - lag) over the same patients, in effort units (work RVUs), after any
 *     zero-effort floor; NaN when none
 * @param patients number of patients with a ratio
 * @param standardError standard error of {@code mpi}, in its unit, by {@code intervalMethod}: for
 *     {@link IntervalMethod#STUDENT_T} the sample standard deviation of the ratios over the square
 *     root of n; for {@link IntervalMethod#DELTA} the delta-method error of sum H / sum M; for the
 *     bootstraps the standard deviation of the replicates; NaN for {@link IntervalMethod#NONE}
 * @param ciLow lower end of the 95% confidence interval of {@code mpi}: for Student's t and the
 *     delta method {@code mpi - t * standardError} with {@code t} the 0.975 quantile of Student's t
 *     with {@code patients - 1} degrees of freedom (12.71 for 2 patients, 2.23 for 11, 1.98 for 100,
 *     the normal 1.96 beyond 10,000); for the bootstraps a quantile of the replicates (see {@link
 *     Intervals}); NaN with fewer than 2 patients and for {@link IntervalMethod#NONE}
 * @param ciHigh upper end likewise
 * @param intervalMethod how the interval and standard error were made
 * @param candidates patients considered in t: {@code patients + sum of exclusions}
 * @param exclusions candidates without a ratio, by first reason that applied
 * @param effortIncomplete candidates reaching the effort step (patients, and those excluded for
 *     zero effort) whose effort window t - lag holds a claim line the effort calculator could not
 *     value (no RVU release in force on its day, say): their M is a lower bound. 0 when every
 *     line was valued
 */
public record IndexCell(
    Window window,
    String group,
    double mpi,
    double meanHealth,
    double meanEffort,
    long patients,
    double standardError,
    double ciLow,
    double ciHigh,
    IntervalMethod intervalMethod,
    long candidates,
    Map<ExclusionReason, Long> exclusions,
    long effortIncomplete) {

  /** The 0.975 quantile of the standard normal distribution. */
  public static final double Z_95 = 1.959963984540054;

  public IndexCell {
    java.util.Objects.requireNonNull(intervalMethod, "intervalMethod");
    EnumMap<ExclusionReason, Long> copy = new EnumMap<>(ExclusionReason.class);
    for (ExclusionReason r : ExclusionReason.values()) {
      copy.put(r, exclusions.getOrDefault(r, 0L));
    }
    exclusions = Collections.unmodifiableMap(copy);
  }

  /** The interval of {@code mpi} as one value. */
  public Interval interval() {
    return new Interval(standardError, ciLow, ciHigh, intervalMethod);
  }

  /** Candidates excluded for {@code reason}. */
  public long excluded(ExclusionReason reason) {
    return exclusions.get(reason);
  }

  /** Candidates excluded for any reason. */
  public long excludedTotal() {
    return exclusions.values().stream().mapToLong(Long::longValue).sum();
  }
}
