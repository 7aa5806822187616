package org.mpindex.cli;

import java.util.Map;
import java.util.TreeMap;
import org.mpindex.core.time.Window;

/**
 * What a run tells about itself in every output: a title, where the input came from, the study
 * period and how it was set, and caveats per index window (effort not covered by the RVU files
 * given, say), keyed by window index.
 */
record RunInfo(String title, String source, String studyPeriod, Map<Integer, String> caveats) {
  RunInfo {
    caveats = Map.copyOf(new TreeMap<>(caveats));
  }

  /** The caveat of {@code window}, or "". */
  String caveat(Window window) {
    return caveats.getOrDefault(window.index(), "");
  }
}
