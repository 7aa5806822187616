package org.mpindex.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.mpindex.core.claims.ClaimLine;
import org.mpindex.core.claims.InvalidValueException;
import org.mpindex.rbrvs.WorkRvuCalculator;

/** {@code mpi rvu}: one line's work RVU effort and its derivation. */
final class RvuCommand {
  static final String HELP =
      String.join(
          "\n",
          "usage: mpi rvu [--rvu F...] --date YYYY-MM-DD CODE[-MOD[-MOD]] [--units N] [payment options]",
          "",
          "Prints the work RVU effort of one claim line and every step of its derivation; the last line is",
          "exactly work_rvu=<decimal>.",
          "",
          RvuOptions.HELP,
          "  --date YYYY-MM-DD            service date (picks the release in force)",
          "  --units N                    units of service (1)");

  private final PrintStream out;

  RvuCommand(PrintStream out, PrintStream err) {
    this.out = out;
  }

  int run(String[] argv) {
    Set<String> single = new java.util.HashSet<>(Set.of("date", "units"));
    single.addAll(RvuOptions.SINGLE);
    Set<String> flags = new java.util.HashSet<>(RvuOptions.FLAGS);
    Args a = Args.parse(argv, single, Set.of("rvu"), flags, "rvu");
    if (a.positionals().size() != 1) {
      throw new UsageException("give exactly one CODE[-MOD[-MOD]], got " + a.positionals());
    }
    List<String> rvu = a.all("rvu");
    List<Path> files = new ArrayList<>();
    rvu.forEach(f -> files.add(ComputeCommand.existing("rvu", f)));
    if (a.flag("no-units") && a.get("units").isPresent()) {
      throw new UsageException(
          "--units and --no-units contradict each other: --no-units values one unit whatever"
              + " --units says; give one of them");
    }
    LocalDate date = SpecOptions.date("date", a.require("date"));
    String[] parts = a.positionals().get(0).split("-", -1);
    ClaimLine line;
    try {
      ClaimLine.Builder b =
          ClaimLine.builder()
              .claimId("cli")
              .beneficiaryId("cli")
              .serviceFrom(date)
              .procedure(parts[0])
              .units(a.integer("units", 1, 0));
      for (int i = 1; i < parts.length; i++) {
        b.modifier(parts[i]);
      }
      line = b.build();
    } catch (InvalidValueException e) {
      throw new UsageException(e.getMessage());
    }
    RvuOptions.Setup setup = RvuOptions.setup(a, files, date, date);
    WorkRvuCalculator calc = setup.calculator(a);
    out.println("work RVUs from " + setup.source());
    WorkRvuCalculator.Derivation d;
    try {
      d = calc.explain(line);
    } catch (org.mpindex.rbrvs.NoReleaseException e) {
      throw new UncoveredEffortException(e.getMessage());
    }
    d.steps().forEach(out::println);
    return 0;
  }
}
