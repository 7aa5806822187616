package org.mpindex.core.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mpindex.core.index.EdgeRulesTest.STUDY_2008;
import static org.mpindex.core.index.EdgeRulesTest.national;
import static org.mpindex.core.index.EdgeRulesTest.p;
import static org.mpindex.core.index.IndexAssemblerTest.ffs;
import static org.mpindex.core.index.IndexAssemblerTest.line;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mpindex.core.claims.ClaimLine;
import org.mpindex.core.claims.DiagnosisCode;
import org.mpindex.core.spi.BurdenGrouper;
import org.mpindex.core.spi.CodeTally;
import org.mpindex.core.spi.EffortCalculator;

/**
 * The grouper and effort calculator of CONTRIBUTING.md ("the SPI in ten lines"), as written there,
 * so that the guide's examples compile and do what it says. Expected values derived by hand.
 */
class ContributingExamplesTest {

  static final class MyGrouper implements BurdenGrouper {
    @Override
    public long categoriesOf(DiagnosisCode code) { // bit i = category i; 0 = none
      return code.startsWith("250") ? 1L : 0L; // unknown codes: 0, never an error
    }

    @Override
    public List<String> categoryNames() {
      return List.of("diabetes");
    }

    @Override
    public String describe() {
      return "my diabetes grouper (source: ...)";
    }
  }

  static final class MyEffort implements EffortCalculator {
    private final Map<String, Long> table = Map.of("99213", 920_000L); // micro-units of work RVU

    @Override
    public long effortMicros(ClaimLine line, LocalDate serviceDay, CodeTally tally) {
      if (line.procedure().isEmpty()) {
        return 0; // a line without a procedure
      }
      Long rvu = table.get(line.procedure().get().code());
      if (rvu == null) {
        tally.unknownCode("HCPCS", line.procedure().get().code());
        return 0;
      }
      return rvu * line.units(); // exact: no doubles in sums
    }

    @Override
    public int pricingPeriod(LocalDate day) {
      return 0; // same price on every day: memoised
    }
  }

  @Test
  void theGuidesGrouperAndCalculatorComputeTheIndex() {
    MpiSpec spec = MpiSpec.builder().studyPeriod(STUDY_2008).build();
    IndexAssembler a = IndexAssembler.create(spec, new MyEffort(), new MyGrouper());
    a.add(p("P")).add(ffs("P", "2008-01-01", "2008-12-31"));
    a.add(line("P", "2008-02-01", "99213", 2, "25000")); // Q1: 2 units x 0.92 = 1.84
    a.add(line("P", "2008-03-01", "99999", 1)); // Q1: unknown code, 0 and counted
    a.add(line("P", "2008-05-01", "99213", 1, "25000", "4019")); // Q2: diabetes only (401.9: none)
    MpiResult r = a.assemble();
    // Q2: burden b = 1 (diabetes), H = 1/1; M(Q1) = 1.84: MPI = 1 / 1.84
    IndexCell q2 = national(r, 2);
    assertEquals(1, q2.patients());
    assertEquals(1 / 1.84, q2.mpi(), 1e-12);
    assertEquals(1.84, q2.meanEffort(), 1e-12);
    assertEquals(Map.of("HCPCS 99999", 1L), r.accounting().unknownCodes());
  }
}
