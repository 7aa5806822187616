package org.mpindex.adg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.mpindex.core.claims.CodeSystem;
import org.mpindex.core.claims.DiagnosisCode;
import org.mpindex.core.spi.BurdenGrouper;
import org.mpindex.testkit.MpiArbitraries;

/**
 * Burden invariants. The reference for "number of distinct categories" is a naive matcher written
 * here from the raw TSV lines (every category, every prefix, startsWith), independent of the
 * grouper's prefix maps.
 */
class ComorbidityGrouperProperties {

  static final ComorbidityGrouper ELIX = ComorbidityGrouper.elixhauser();

  static List<String[]> naive(String resource) {
    List<String[]> rows = new ArrayList<>();
    try (BufferedReader r =
        new BufferedReader(
            new InputStreamReader(
                ComorbidityGrouper.class.getResourceAsStream(resource), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        if (!line.startsWith("#") && !line.startsWith("category\t")) {
          rows.add(line.split("\t"));
        }
      }
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    return rows;
  }

  static final List<String[]> ICD9 = naive("quan2005/elixhauser_icd9_quan.tsv");
  static final List<String[]> ICD10 = naive("quan2005/elixhauser_icd10_quan.tsv");

  static Set<String> naiveCategories(List<DiagnosisCode> codes) {
    Set<String> out = new TreeSet<>();
    for (DiagnosisCode c : codes) {
      for (String[] row : c.system() == CodeSystem.ICD9CM ? ICD9 : ICD10) {
        for (String p : row[2].split(" ", -1)) {
          if (c.code().startsWith(p)) {
            out.add(row[0]);
          }
        }
      }
    }
    return out;
  }

  /** Codes drawn near the lists (prefixes with random tails) and anywhere else. */
  @Provide
  Arbitrary<List<DiagnosisCode>> codeSets() {
    List<DiagnosisCode> near = new ArrayList<>();
    for (String[] row : ICD9) {
      for (String p : row[2].split(" ", -1)) {
        near.add(DiagnosisCode.icd9(p.length() < 3 ? p + "0" : p));
      }
    }
    for (String[] row : ICD10) {
      for (String p : row[2].split(" ", -1)) {
        near.add(DiagnosisCode.icd10(p));
      }
    }
    Arbitrary<DiagnosisCode> listed = Arbitraries.of(near);
    return Arbitraries.oneOf(listed, listed, MpiArbitraries.diagnosisCodes()).list().ofMaxSize(12);
  }

  static long union(BurdenGrouper g, List<DiagnosisCode> codes) {
    long b = 0;
    for (DiagnosisCode c : codes) {
      b |= g.categoriesOf(c);
    }
    return b;
  }

  @Property
  void burdenIsTheNumberOfDistinctCategories(@ForAll("codeSets") List<DiagnosisCode> codes) {
    long bits = union(ELIX, codes);
    assertEquals(naiveCategories(codes), ComorbidityGrouperTest.categories(ELIX, bits));
    assertEquals(naiveCategories(codes).size(), BurdenGrouper.burden(bits));
  }

  @Property
  void burdenIsMonotoneInTheCodeSet(
      @ForAll("codeSets") List<DiagnosisCode> codes, @ForAll("codeSets") List<DiagnosisCode> more) {
    List<DiagnosisCode> all = new ArrayList<>(codes);
    all.addAll(more);
    long small = union(ELIX, codes);
    long big = union(ELIX, all);
    assertEquals(small, small & big);
    assertTrue(BurdenGrouper.burden(big) >= BurdenGrouper.burden(small));
  }

  @Property
  void burdenIsOrderIndependent(@ForAll("codeSets") List<DiagnosisCode> codes, @ForAll long seed) {
    List<DiagnosisCode> shuffled = new ArrayList<>(codes);
    Collections.shuffle(shuffled, new Random(seed));
    assertEquals(union(ELIX, codes), union(ELIX, shuffled));
  }

  @Property
  void hierarchyNeverRaisesACount(
      @ForAll("codeSets") List<DiagnosisCode> codes, @ForAll boolean charlson) {
    ComorbidityGrouper g =
        ComorbidityGrouper.of(
            charlson ? ComorbidityIndex.CHARLSON : ComorbidityIndex.ELIXHAUSER, true);
    long bits = union(g, codes);
    long after = g.applyHierarchy(bits);
    assertEquals(after, after & bits, "hierarchy only clears bits");
    assertTrue(BurdenGrouper.burden(after) <= BurdenGrouper.burden(bits));
    assertEquals(after, g.applyHierarchy(after), "idempotent");
  }
}
