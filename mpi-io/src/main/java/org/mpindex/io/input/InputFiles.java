package org.mpindex.io.input;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The files of one run, by the table of the layout each one is (in the order given). Immutable.
 *
 * @param format the layout
 * @param byTable the files of each table, keyed by {@link InputTable#name()}
 */
public record InputFiles(InputFormat format, Map<String, List<Path>> byTable) {

  public InputFiles {
    Map<String, List<Path>> copy = new LinkedHashMap<>();
    byTable.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    byTable = java.util.Collections.unmodifiableMap(copy);
  }

  /** The files of table {@code name}; empty when none was given. */
  public List<Path> of(String name) {
    return byTable.getOrDefault(name, List.of());
  }

  /** Every file, in table order. */
  public List<Path> all() {
    List<Path> all = new ArrayList<>();
    byTable.values().forEach(all::addAll);
    return all;
  }
}
