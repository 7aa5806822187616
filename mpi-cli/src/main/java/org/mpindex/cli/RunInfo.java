package org.mpindex.cli;

import java.util.Map;
import java.util.TreeMap;
import org.mpindex.core.time.Window;

/**
 * What a run tells about itself in every output: a title, where the input came from, the study
 * period and how it was set, and caveats per index window (effort not covered by the RVU files
 * given, say), keyed by window index.
 */
record RunInfo(
    String title,
    String source,
    String studyPeriod,
    Map<Integer, String> caveats,
    String extraFigures) {
  RunInfo {
    caveats = Map.copyOf(new TreeMap<>(caveats));
    extraFigures = extraFigures == null ? "" : extraFigures;
  }

  RunInfo(String title, String source, String studyPeriod, Map<Integer, String> caveats) {
    this(title, source, studyPeriod, caveats, "");
  }

  /** The same run with more figures (HTML) for the report, after Figure 1. */
  RunInfo withFigures(String html) {
    return new RunInfo(title, source, studyPeriod, caveats, extraFigures + html);
  }

  /** The caveat of {@code window}, or "". */
  String caveat(Window window) {
    return caveats.getOrDefault(window.index(), "");
  }
}
