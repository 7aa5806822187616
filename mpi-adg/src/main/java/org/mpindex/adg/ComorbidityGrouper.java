package org.mpindex.adg;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.mpindex.core.claims.CodeSystem;
import org.mpindex.core.claims.DiagnosisCode;
import org.mpindex.core.spi.BurdenGrouper;
import org.mpindex.core.spi.CodeTally;

/**
 * The open default health-level grouper: Elixhauser or Charlson comorbidity categories from the
 * Quan 2005 code lists, for ICD-9-CM and ICD-10 codes. A code belongs to every category one of whose
 * prefixes its normalised form starts with (so a code can touch two categories, e.g. ICD-9-CM 425.5
 * alcoholic cardiomyopathy is both heart failure and alcohol abuse in Elixhauser); a code shorter
 * than a prefix does not match it; the code system travels with the code. Codes arriving dotted or
 * not, in any case, with spaces, are the same code ({@link DiagnosisCode} normalises them).
 *
 * <p>Hierarchy rules (an option): after the union of a patient-window's categories, the milder
 * category of each pair is dropped when the severer one is present (see {@link ComorbidityIndex}).
 *
 * <p>Instances are shared per (index, hierarchy): {@link #of} returns the same object, so assemblers
 * built on it can be combined. Thread-safe.
 */
public final class ComorbidityGrouper implements BurdenGrouper {
  private static final Map<ComorbidityIndex, ComorbidityGrouper[]> INSTANCES =
      new EnumMap<>(ComorbidityIndex.class);

  private final ComorbidityIndex index;
  private final boolean hierarchy;
  private final List<String> keys;
  private final List<String> labels;
  private final PrefixTable icd9;
  private final PrefixTable icd10;
  private final long[][] hierarchyMasks; // {dropped bit, when-present bit}

  private ComorbidityGrouper(ComorbidityIndex index, boolean hierarchy) {
    this.index = index;
    this.hierarchy = hierarchy;
    List<String> k = new ArrayList<>();
    List<String> l = new ArrayList<>();
    Map<CodeSystem, Map<String, Long>> p = new EnumMap<>(CodeSystem.class);
    for (CodeSystem system : CodeSystem.values()) {
      Map<String, Long> bySystem = new HashMap<>();
      String resource = index.resource(system == CodeSystem.ICD9CM ? "icd9" : "icd10");
      List<String[]> rows = readTsv(resource);
      for (int i = 0; i < rows.size(); i++) {
        String[] row = rows.get(i);
        if (system == CodeSystem.ICD9CM) {
          k.add(row[0]);
          l.add(row[1]);
        } else if (!k.get(i).equals(row[0])) {
          throw new IllegalStateException(
              resource + ": category " + row[0] + " out of step with ICD-9 list");
        }
        long bit = 1L << i;
        for (String prefix : row[2].split(" ", -1)) {
          if (prefix.isEmpty()) {
            // an empty prefix would put every code in the category
            throw new IllegalStateException(
                resource + ": category " + row[0] + " has an empty code prefix");
          }
          bySystem.merge(prefix, bit, (a, b) -> a | b);
        }
      }
      p.put(system, Map.copyOf(bySystem));
    }
    this.keys = List.copyOf(k);
    this.labels = List.copyOf(l);
    this.icd9 = new PrefixTable(p.get(CodeSystem.ICD9CM));
    this.icd10 = new PrefixTable(p.get(CodeSystem.ICD10CM));
    this.hierarchyMasks = new long[index.hierarchy().size()][2];
    for (int i = 0; i < index.hierarchy().size(); i++) {
      hierarchyMasks[i][0] = 1L << keys.indexOf(index.hierarchy().get(i).get(0));
      hierarchyMasks[i][1] = 1L << keys.indexOf(index.hierarchy().get(i).get(1));
    }
  }

  private static List<String[]> readTsv(String resource) {
    InputStream in = ComorbidityGrouper.class.getResourceAsStream(resource);
    if (in == null) {
      throw new IllegalStateException("missing built-in code list " + resource);
    }
    List<String[]> rows = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        if (line.startsWith("#") || line.startsWith("category\t") || line.isBlank()) {
          continue;
        }
        String[] cells = line.split("\t");
        if (cells.length != 3) {
          throw new IllegalStateException(resource + ": expected 3 tab-separated cells: " + line);
        }
        rows.add(cells);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return rows;
  }

  /** The grouper of an index, with or without hierarchy rules. */
  public static synchronized ComorbidityGrouper of(ComorbidityIndex index, boolean hierarchy) {
    ComorbidityGrouper[] pair = INSTANCES.computeIfAbsent(index, i -> new ComorbidityGrouper[2]);
    int slot = hierarchy ? 1 : 0;
    if (pair[slot] == null) {
      pair[slot] = new ComorbidityGrouper(index, hierarchy);
    }
    return pair[slot];
  }

  /** Elixhauser without hierarchy: the library's default health-level grouper. */
  public static ComorbidityGrouper elixhauser() {
    return of(ComorbidityIndex.ELIXHAUSER, false);
  }

  /** Charlson without hierarchy. */
  public static ComorbidityGrouper charlson() {
    return of(ComorbidityIndex.CHARLSON, false);
  }

  public ComorbidityIndex index() {
    return index;
  }

  public boolean hierarchy() {
    return hierarchy;
  }

  @Override
  public long categoriesOf(DiagnosisCode code) {
    return (code.system() == CodeSystem.ICD9CM ? icd9 : icd10).union(code.code());
  }

  /**
   * The categories of a code as written in input: invalid codes are counted ({@link
   * CodeTally#unknownCode} with kind {@code "invalid ICD-9-CM"} or {@code "invalid ICD-10-CM"}) and
   * match nothing.
   */
  public long categoriesOf(CodeSystem system, String raw, CodeTally tally) {
    Optional<DiagnosisCode> code = DiagnosisCode.tryParse(system, raw);
    if (code.isEmpty()) {
      tally.unknownCode("invalid " + system.displayName(), raw == null ? "null" : raw.strip());
      return 0;
    }
    return categoriesOf(code.get());
  }

  @Override
  public long applyHierarchy(long categories) {
    if (!hierarchy) {
      return categories;
    }
    long out = categories;
    for (long[] rule : hierarchyMasks) {
      if ((categories & rule[1]) != 0) {
        out &= ~rule[0];
      }
    }
    return out;
  }

  /** Category keys in bit order, e.g. {@code chf}, {@code carit}. */
  @Override
  public List<String> categoryNames() {
    return keys;
  }

  /** Category labels in bit order, e.g. "Congestive heart failure". */
  public List<String> categoryLabels() {
    return labels;
  }

  /**
   * The weighted score of a category set (after hierarchy when on).
   *
   * @throws IllegalArgumentException when the weights belong to the other index
   */
  public int score(long categories, Weights weights) {
    if (weights.index() != index) {
      throw new IllegalArgumentException(
          weights
              + " weighs "
              + weights.index().displayName()
              + " categories, not "
              + index.displayName());
    }
    long c = applyHierarchy(categories);
    int s = 0;
    for (int i = 0; i < keys.size(); i++) {
      if ((c & (1L << i)) != 0) {
        s += weights.weight(keys.get(i));
      }
    }
    return s;
  }

  @Override
  public String describe() {
    return index.displayName()
        + ", "
        + keys.size()
        + " categories, ICD-9-CM and ICD-10"
        + (hierarchy ? ", hierarchy on" : ", hierarchy off");
  }

  @Override
  public String toString() {
    return describe();
  }
}
