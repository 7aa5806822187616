package org.mpindex.cli;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.mpindex.adg.ComorbidityGrouper;
import org.mpindex.adg.ComorbidityIndex;
import org.mpindex.core.claims.CodeSystem;
import org.mpindex.core.claims.DiagnosisCode;
import org.mpindex.core.claims.InvalidValueException;
import org.mpindex.core.index.ZeroBurden;
import org.mpindex.core.spi.BurdenGrouper;
import org.mpindex.core.spi.HealthLevelProvider;

/** {@code mpi burden}: the categories diagnosis codes touch, their burden and the health level. */
final class BurdenCommand {
  static final String HELP =
      """
                             usage: mpi burden --health elixhauser|charlson [--hierarchy] --code-system icd9|icd10 CODE...

                             Prints each category hit (key and name, one per line) and ends with the line
                             burden=<n> health=<decimal>. Invalid codes are reported on stderr, counted, and match nothing.

                               --health elixhauser|charlson  the grouper (elixhauser)
                               --hierarchy                  apply its hierarchy rules
                               --code-system icd9|icd10     the codes' system
                               --health-function 1/b|1/(1+b)  H = f(burden) (1/b)
                               --zero-burden as-one|exclude|one-plus-b  burden 0 (as-one: H = 1)\
                             """;

  private final PrintStream out;
  private final PrintStream err;

  BurdenCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  int run(String[] argv) {
    Args a =
        Args.parse(
            argv,
            Set.of("health", "code-system", "health-function", "zero-burden"),
            Set.of(),
            Set.of("hierarchy"),
            "burden");
    ComorbidityIndex index;
    try {
      index = ComorbidityIndex.parse(a.get("health").orElse("elixhauser"));
    } catch (IllegalArgumentException e) {
      throw new UsageException("--health: " + e.getMessage());
    }
    CodeSystem system;
    try {
      system = CodeSystem.parse(a.require("code-system"));
    } catch (InvalidValueException e) {
      throw new UsageException("--code-system: " + e.getMessage());
    }
    if (a.positionals().isEmpty()) {
      throw new UsageException("give at least one diagnosis code");
    }
    HealthLevelProvider f = SpecOptions.healthFunction(a.get("health-function").orElse("1/b"));
    ZeroBurden zero = SpecOptions.zeroBurden(a.get("zero-burden").orElse("as-one"));
    // the same contradiction checks as compute: build the spec these choices belong to
    SpecOptions.rebuild(org.mpindex.core.index.MpiSpec.builder().healthLevel(f).zeroBurden(zero));
    ComorbidityGrouper g = ComorbidityGrouper.of(index, a.flag("hierarchy"));
    long bits = 0;
    int invalid = 0;
    for (String raw : a.positionals()) {
      Optional<DiagnosisCode> code = DiagnosisCode.tryParse(system, raw);
      if (code.isEmpty()) {
        invalid++;
        String why;
        try {
          DiagnosisCode.of(system, raw);
          why = "invalid";
        } catch (InvalidValueException e) {
          why = e.getMessage();
        }
        err.println("invalid code, not matched: " + why);
        continue;
      }
      bits |= g.categoriesOf(code.get());
    }
    bits = g.applyHierarchy(bits);
    for (int i = 0; i < g.categoryNames().size(); i++) {
      if ((bits & (1L << i)) != 0) {
        out.println(g.categoryNames().get(i) + "\t" + g.categoryLabels().get(i));
      }
    }
    int burden = BurdenGrouper.burden(bits);
    double h = zero.healthLevel(f, burden);
    if (invalid > 0) {
      err.println("invalid codes: " + invalid + " of " + a.positionals().size());
    }
    String health =
        Double.isNaN(h)
            ? "undefined"
            : new BigDecimal(h).round(new MathContext(12)).stripTrailingZeros().toPlainString();
    out.println("burden=" + burden + " health=" + health.toLowerCase(Locale.ROOT));
    return 0;
  }
}
