package org.mpindex.testkit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mpindex.core.claims.DiagnosisCode;
import org.mpindex.core.spi.BurdenGrouper;

/**
 * Burden categories from a plain prefix table: a code touches every category one of whose prefixes
 * it starts with (same code system). For tests; the real groupers are {@code mpi-adg}'s.
 */
public final class SimpleBurdenGrouper implements BurdenGrouper {
  private final List<String> names;
  private final Map<DiagnosisCode, Integer> prefixes;

  private SimpleBurdenGrouper(List<String> names, Map<DiagnosisCode, Integer> prefixes) {
    this.names = List.copyOf(names);
    this.prefixes = new LinkedHashMap<>(prefixes);
  }

  /**
   * A grouper that puts a code in a category when the code starts with one of its prefixes.
   *
   * @param names category names, bit order
   * @param prefixes code prefix (as a diagnosis code of its system) to category bit
   */
  public static SimpleBurdenGrouper of(List<String> names, Map<DiagnosisCode, Integer> prefixes) {
    prefixes
        .values()
        .forEach(
            bit -> {
              if (bit < 0 || bit >= names.size()) {
                throw new IllegalArgumentException("category bit " + bit + " has no name");
              }
            });
    return new SimpleBurdenGrouper(names, prefixes);
  }

  @Override
  public long categoriesOf(DiagnosisCode code) {
    long bits = 0;
    for (Map.Entry<DiagnosisCode, Integer> e : prefixes.entrySet()) {
      DiagnosisCode p = e.getKey();
      if (p.system() == code.system() && code.startsWith(p.code())) {
        bits |= 1L << e.getValue();
      }
    }
    return bits;
  }

  @Override
  public List<String> categoryNames() {
    return names;
  }

  @Override
  public String describe() {
    return "prefix table of " + prefixes.size() + " prefixes, " + names.size() + " categories";
  }
}
