package org.mpindex.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mpindex.core.claims.CodeSystem;
import org.mpindex.core.claims.DiagnosisCode;
import org.mpindex.core.index.MpiSpec;
import org.mpindex.core.index.StudyPeriod;
import org.mpindex.core.spi.BurdenGrouper;
import org.mpindex.core.spi.EffortCalculator;

/**
 * Every recipe the Spark job builds is serializable by construction (issue #30): for each option
 * combination the CLI and Spark tests use, with the study period declared, derived or absent, the
 * three recipes survive Java serialization (what Spark's broadcast does) and the copies build the
 * same spec, effort and grouper as the driver's.
 */
class SparkRecipesTest {
  @TempDir Path tmp;

  /** The option combinations of the CLI and Spark tests (without the input files). */
  static List<List<String>> combinations(Path adgMap) {
    return List.of(
        List.of(),
        List.of("--by", "state", "--tiles", "4", "--partitions", "7"),
        List.of("--by", "state", "--min-cell-size", "1"),
        List.of("--study-period", "2010-01-01..2013-12-31"),
        List.of("--study-period", "2008-01-01..2009-12-31", "--health", "elixhauser"),
        List.of("--health", "charlson", "--hierarchy"),
        List.of("--health", "adg", "--adg-map", adgMap.toString()),
        List.of("--health", "adg", "--acg-output", "acg.csv"),
        List.of("--window", "2m", "--window-anchor", "2011-01-01", "--lag", "2"),
        List.of("--aggregation", "ratio-of-means", "--zero-effort", "floor:0.01"),
        List.of("--intervals", "bootstrap-bca", "--bootstrap-replicates", "200"),
        List.of("--standardise", "age-sex", "--by", "state"),
        List.of("--strict", "--multiple-procedure", "--rvu-year-fallback", "nearest"),
        List.of("--min-eligible", "1", "--min-age", "0", "--claim-dating", "through"));
  }

  static String[] argv(List<String> options) {
    List<String> a =
        new ArrayList<>(
            List.of(
                "--format", "csv", "--beneficiaries", "b.csv", "--claims", "c.csv", "--out", "o"));
    a.addAll(options);
    return a.toArray(new String[0]);
  }

  @SuppressWarnings("unchecked")
  static <T> MpiSpark.Recipe<T> roundTrip(MpiSpark.Recipe<T> recipe) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(recipe);
    }
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      return (MpiSpark.Recipe<T>) in.readObject();
    }
  }

  @Test
  void everyRecipeOfEveryCombinationSurvivesSerialization() throws Exception {
    Path adgMap = tmp.resolve("adg-map.csv");
    Files.writeString(adgMap, "code_system,code,adg\nicd9,250.00,3\nicd9,428.0,7\n");
    DiagnosisCode diabetes = DiagnosisCode.of(CodeSystem.ICD9CM, "250.00");
    int checked = 0;
    for (List<String> options : combinations(adgMap)) {
      String[] argv = argv(options);
      org.mpindex.cli.ComputeOptions a = SparkCompute.parse(argv);
      MpiSpec declared = a.spec();
      for (Optional<StudyPeriod> derived :
          List.of(
              Optional.<StudyPeriod>empty(),
              Optional.of(StudyPeriod.of(LocalDate.of(2008, 1, 1), LocalDate.of(2009, 12, 31))))) {
        MpiSpark.Recipe<MpiSpec> spec = new SparkCompute.SpecRecipe(argv, derived);
        MpiSpec copy = roundTrip(spec).get();
        assertEquals(spec.get(), copy, options + " " + derived);
        assertEquals(
            derived.isPresent() ? derived : declared.studyPeriod(),
            copy.studyPeriod(),
            options + " " + derived);
      }
      java.util.Map<String, byte[]> rvu = new LinkedHashMap<>();
      MpiSpark.Recipe<EffortCalculator> effort =
          new SparkCompute.EffortRecipe(
              argv, rvu, LocalDate.of(2011, 1, 1), LocalDate.of(2013, 12, 31));
      assertEquals(effort.get().describe(), roundTrip(effort).get().describe(), options.toString());
      MpiSpark.Recipe<BurdenGrouper> grouper = SparkCompute.GrouperRecipe.of(a);
      BurdenGrouper g = grouper.get();
      BurdenGrouper h = roundTrip(grouper).get();
      assertEquals(g.categoryNames(), h.categoryNames(), options.toString());
      assertEquals(g.categoriesOf(diabetes), h.categoriesOf(diabetes), options.toString());
      checked++;
    }
    assertEquals(combinations(adgMap).size(), checked);
  }

  /**
   * A side file of the driver ({@code --standard FILE}, {@code --county-crosswalk FILE}) travels in
   * the recipe as bytes: after serialization, with the driver's file gone, the copy's arguments name
   * a file of this JVM holding the same bytes, and the other arguments are as given.
   */
  @Test
  void sideFilesTravelAsBytes() throws Exception {
    Path standard = tmp.resolve("standard.csv");
    Files.writeString(standard, "age_band,sex,share\n65-69,F,1\n");
    String[] argv = {
      "--format", "csv", "--standard", standard.toString(), "--county-crosswalk", "none"
    };
    SideFiles side = SideFiles.of(argv);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(side);
    }
    Files.delete(standard);
    SideFiles copy;
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      copy = (SideFiles) in.readObject();
    }
    String[] a = copy.argv();
    assertEquals(List.of("--format", "csv", "--standard"), List.of(a).subList(0, 3));
    assertTrue(!a[3].equals(standard.toString()), a[3]);
    assertEquals("age_band,sex,share\n65-69,F,1\n", Files.readString(Path.of(a[3])));
    assertEquals(List.of("--county-crosswalk", "none"), List.of(a).subList(4, 6));
  }

  /** The probe's recipes too: no effort, the spec without a period. */
  @Test
  void theProbesRecipesSurviveSerialization() throws Exception {
    MpiSpark.Recipe<EffortCalculator> none = new SparkCompute.NoEffort();
    assertEquals(0L, roundTrip(none).get().effortMicros(null, LocalDate.of(2012, 1, 1), null));
  }

  /**
   * A library user's recipe that captures something not serializable fails when the job is built,
   * naming the recipe and the class, not as a stack trace from inside Spark.
   */
  @Test
  void aRecipeCapturingAStudyPeriodIsRefusedWhenTheJobIsBuilt() {
    StudyPeriod p = StudyPeriod.of(LocalDate.of(2008, 1, 1), LocalDate.of(2010, 12, 31));
    MpiSpark.Recipe<MpiSpec> capturing =
        () -> MpiSpec.PARENTE_2011.toBuilder().studyPeriod(p).build();
    MpiSpark.Builder b =
        MpiSpark.on(LocalSpark.session())
            .spec(capturing)
            .effort(new SparkCompute.NoEffort())
            .grouper(() -> BurdenGrouper.NONE);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, b::build);
    assertTrue(e.getMessage().contains("spec recipe"), e.getMessage());
    assertTrue(e.getMessage().contains("StudyPeriod"), e.getMessage());
  }
}
