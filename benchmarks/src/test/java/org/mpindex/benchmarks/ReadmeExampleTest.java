package org.mpindex.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.mpindex.adg.ComorbidityGrouper;
import org.mpindex.core.claims.Beneficiary;
import org.mpindex.core.claims.ClaimLine;
import org.mpindex.core.claims.Enrollment;
import org.mpindex.core.index.IndexAssembler;
import org.mpindex.core.index.MpiResult;
import org.mpindex.core.index.MpiSpec;
import org.mpindex.core.index.TimeSeries;
import org.mpindex.rbrvs.RvuSchedule;
import org.mpindex.rbrvs.WorkRvuCalculator;
import org.mpindex.testkit.Population;
import org.mpindex.testkit.SyntheticPopulation;

/** Keeps the README's embedding example compiled and running: the two copies must stay identical. */
class ReadmeExampleTest {

  static MpiResult example(
      List<Beneficiary> beneficiaries, List<Enrollment> enrollments, List<ClaimLine> claimLines) {
    // README:start
    RvuSchedule rvus = RvuSchedule.bundled(); // CMS 2009, 2011-2025; or RvuSchedule.load(files)
    IndexAssembler assembler =
        IndexAssembler.create(
            MpiSpec.PARENTE_2011, WorkRvuCalculator.of(rvus), ComorbidityGrouper.elixhauser());
    beneficiaries.forEach(assembler::add);
    enrollments.forEach(assembler::add);
    claimLines.forEach(assembler::add);
    MpiResult result = assembler.assemble();
    for (TimeSeries.Point p : result.nationalSeries().points()) {
      System.out.printf("%s MPI %.4f (%+.1f%%)%n", p.window(), p.mpi(), p.changeFromPrevious());
    }
    // README:end
    return result;
  }

  static List<String> block(List<String> lines, String start, String end) {
    int a = -1;
    int b = -1;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains(start)) {
        a = i;
      } else if (lines.get(i).contains(end) && a >= 0) {
        b = i;
        break;
      }
    }
    assertTrue(a >= 0 && b > a, "markers " + start + " / " + end + " not found");
    return lines.subList(a + 1, b).stream()
        .map(String::strip)
        .filter(s -> !s.startsWith("```"))
        .collect(Collectors.toList());
  }

  static Path root() {
    Path p = Path.of("").toAbsolutePath();
    while (p != null && !Files.exists(p.resolve(".ci/run"))) {
      p = p.getParent();
    }
    return p;
  }

  @Test
  void readmeShowsExactlyTheCompiledExample() throws IOException {
    List<String> readme = Files.readAllLines(root().resolve("README.md"));
    List<String> source =
        Files.readAllLines(
            root()
                .resolve("benchmarks/src/test/java/org/mpindex/benchmarks/ReadmeExampleTest.java"));
    assertEquals(
        block(source, "// README:start", "// README:end"),
        block(readme, "<!-- embed:start -->", "<!-- embed:end -->"));
  }

  @Test
  void exampleRunsOnASyntheticPopulation() {
    Population pop = SyntheticPopulation.medicare2011to2013(5, 2000).toPopulation();
    PrintStream out = System.out;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
    MpiResult result;
    try {
      result = example(pop.beneficiaries(), pop.enrollments(), pop.claimLines());
    } finally {
      System.setOut(out);
    }
    List<String> printed =
        new ArrayList<>(List.of(buf.toString(StandardCharsets.UTF_8).split("\n")));
    assertEquals(11, printed.size());
    assertTrue(printed.get(0).startsWith("2011Q2 MPI "), printed.get(0));
    // every line priced: the bundled CMS releases cover 2011-2013
    assertEquals(0, result.accounting().of("claim line efforts").rejected().size());
    assertTrue(result.national().stream().allMatch(c -> c.patients() > 500), result.toString());
    assertTrue(result.effortDescription().startsWith("RBRVS work RVU"));
    assertFalse(result.groupKeys().isEmpty());
  }
}
