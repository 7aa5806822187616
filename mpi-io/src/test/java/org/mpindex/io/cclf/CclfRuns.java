package org.mpindex.io.cclf;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mpindex.core.claims.Beneficiary;
import org.mpindex.core.claims.Claim;
import org.mpindex.core.claims.ClaimLine;
import org.mpindex.core.claims.DiagnosisCode;
import org.mpindex.core.claims.Enrollment;
import org.mpindex.core.claims.ProcedureCode;
import org.mpindex.core.index.ClaimDating;
import org.mpindex.core.index.IndexAssembler;
import org.mpindex.core.index.IngestMode;
import org.mpindex.core.index.IngestTally;
import org.mpindex.core.index.MpiSpec;
import org.mpindex.core.index.RecordSink;
import org.mpindex.core.index.StudyPeriod;
import org.mpindex.core.spi.MalformedRecordException;
import org.mpindex.core.spi.PrecomputedBurden;
import org.mpindex.io.input.InputFiles;
import org.mpindex.io.input.ReadContext;
import org.mpindex.testkit.SimpleBurdenGrouper;
import org.mpindex.testkit.SimpleEffortCalculator;

/** Test helpers: the fixture files, a run of the format into lists, and into an assembler. */
final class CclfRuns {
  private CclfRuns() {}

  static Path fixture(String name) {
    try {
      return Path.of(CclfRuns.class.getResource("/fixtures/cclf/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The five fixture files by table. */
  static InputFiles fixtures() {
    Map<String, List<Path>> m = new LinkedHashMap<>();
    m.put(CclfFormat.CCLF9, List.of(fixture("beneficiary_xref.csv")));
    m.put(CclfFormat.CCLF8, List.of(fixture("beneficiary_demographics.csv")));
    m.put(CclfFormat.CCLF5, List.of(fixture("partb_physicians.csv")));
    m.put(CclfFormat.CCLF1, List.of(fixture("parta_claims_header.csv")));
    m.put(CclfFormat.CCLF4, List.of(fixture("parta_diagnosis_code.csv")));
    return new InputFiles(new CclfFormat(), m);
  }

  static InputFiles files(Map<String, List<Path>> byTable) {
    return new InputFiles(new CclfFormat(), byTable);
  }

  /** What one run gave: records in sink order, the tally and the rejections. */
  record Outcome(
      List<Beneficiary> people,
      List<Enrollment> spans,
      List<ClaimLine> lines,
      IngestTally tally,
      List<MalformedRecordException> rejects) {

    List<ClaimLine> linesOf(String beneficiary) {
      return lines.stream().filter(l -> l.beneficiaryId().equals(beneficiary)).toList();
    }

    List<String> claimIds() {
      return lines.stream().map(ClaimLine::claimId).distinct().sorted().toList();
    }
  }

  /** Reads people then claims (claims checked against the people read), as a run does. */
  static Outcome read(InputFiles files, IngestMode mode) {
    IngestTally tally = new IngestTally();
    List<MalformedRecordException> rejects = new ArrayList<>();
    ReadContext ctx =
        new ReadContext(
            mode, tally, rejects::add, ClaimDating.SERVICE_FROM, ReadContext.NOBODY_YET);
    List<Beneficiary> people = new ArrayList<>();
    List<Enrollment> spans = new ArrayList<>();
    List<ClaimLine> lines = new ArrayList<>();
    RecordSink sink =
        new RecordSink() {
          @Override
          public void beneficiary(Beneficiary b) {
            people.add(b);
          }

          @Override
          public void enrollment(Enrollment e) {
            spans.add(e);
          }

          @Override
          public void line(ClaimLine l) {
            lines.add(l);
          }

          @Override
          public void claim(Claim c) {
            lines.addAll(c.lines());
          }

          @Override
          public void burden(PrecomputedBurden b) {
            throw new AssertionError("no burdens in CCLF");
          }
        };
    files.format().readPeople(files, ctx, sink);
    Map<String, Beneficiary> byId = new java.util.HashMap<>();
    people.forEach(b -> byId.put(b.id(), b));
    files
        .format()
        .readClaims(
            files, ctx.withBeneficiaries(id -> java.util.Optional.ofNullable(byId.get(id))), sink);
    return new Outcome(people, spans, lines, tally, rejects);
  }

  /** A spec over {@code period} with a small effort table and a two-category grouper. */
  static IndexAssembler assembler(StudyPeriod period) {
    MpiSpec spec = MpiSpec.builder().studyPeriod(period).minimumEligibleWindows(1).build();
    Map<ProcedureCode, Long> rvu = new LinkedHashMap<>();
    rvu.put(ProcedureCode.of("99213"), 970_000L);
    rvu.put(ProcedureCode.of("99214"), 1_500_000L);
    rvu.put(ProcedureCode.of("99215"), 2_110_000L);
    rvu.put(ProcedureCode.of("93000"), 170_000L);
    rvu.put(ProcedureCode.of("97110"), 450_000L);
    rvu.put(ProcedureCode.of("G0439"), 1_920_000L);
    return IndexAssembler.create(
        spec,
        SimpleEffortCalculator.of(rvu),
        SimpleBurdenGrouper.of(
            List.of("circulatory", "endocrine"),
            Map.of(
                DiagnosisCode.icd10("I10"), 0,
                DiagnosisCode.icd10("E78"), 1,
                DiagnosisCode.icd10("E11"), 1)));
  }

  /** The 2025 study period of the fixtures. */
  static StudyPeriod year2025() {
    return StudyPeriod.of(LocalDate.of(2025, 1, 1), LocalDate.of(2025, 12, 31));
  }

  /** The assembled index of {@code files} read through the format (lenient). */
  static org.mpindex.core.index.MpiResult assemble(InputFiles files, StudyPeriod period) {
    IndexAssembler a = assembler(period);
    ReadContext ctx =
        new ReadContext(
            IngestMode.LENIENT,
            new IngestTally(),
            e -> {},
            ClaimDating.SERVICE_FROM,
            ReadContext.NOBODY_YET);
    RecordSink sink = RecordSink.into(a);
    files.format().readPeople(files, ctx, sink);
    files.format().readClaims(files, ctx.withBeneficiaries(a::beneficiary), sink);
    return a.assemble();
  }
}
