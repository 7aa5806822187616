package org.mpindex.io.omop;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mpindex.core.claims.DiagnosisCode;
import org.mpindex.core.claims.ProcedureCode;
import org.mpindex.core.index.ClaimDating;
import org.mpindex.core.index.IndexAssembler;
import org.mpindex.core.index.IngestMode;
import org.mpindex.core.index.IngestTally;
import org.mpindex.core.index.MpiResult;
import org.mpindex.core.index.MpiSpec;
import org.mpindex.core.index.RecordSink;
import org.mpindex.core.index.StudyPeriod;
import org.mpindex.core.spi.BurdenGrouper;
import org.mpindex.io.SynpufBeneficiaryReader;
import org.mpindex.io.SynpufClaimReader;
import org.mpindex.io.SynpufCoverage;
import org.mpindex.io.input.InputFiles;
import org.mpindex.io.input.ReadContext;
import org.mpindex.testkit.SimpleBurdenGrouper;
import org.mpindex.testkit.SimpleEffortCalculator;

/**
 * The ETL-CMS test data: a DE-SynPUF input (python_etl/test_data/DE_0) and the OMOP tables ETL-CMS's
 * authors wrote for the same two people (python_etl/test_data/output). The index from either must
 * be the same where the mapping keeps the information.
 */
class OmopEtlCmsTest {

  static final SimpleEffortCalculator EFFORT =
      SimpleEffortCalculator.of(
          Map.of(
              ProcedureCode.of("66984"), 10_000_000L,
              ProcedureCode.of("99213"), 920_000L,
              ProcedureCode.of("99282"), 880_000L,
              ProcedureCode.of("72114"), 320_000L,
              ProcedureCode.of("99337"), 2_320_000L,
              ProcedureCode.of("17003"), 40_000L));

  static MpiSpec spec(Optional<StudyPeriod> period) {
    MpiSpec.Builder b = MpiSpec.builder().minimumEligibleWindows(1);
    period.ifPresent(b::studyPeriod);
    return b.build();
  }

  static IndexAssembler desynpuf(BurdenGrouper grouper) {
    // as mpi compute wires DE-SynPUF: study period = the years of the summary files (2008-2010),
    // SynpufCoverage.DEFAULT, claims as claims, checked against the beneficiaries
    IndexAssembler a =
        IndexAssembler.create(
            spec(Optional.of(StudyPeriod.of(LocalDate.of(2008, 1, 1), LocalDate.of(2010, 12, 31)))),
            EFFORT,
            grouper);
    IngestTally tally = a.tally();
    RecordSink sink = RecordSink.into(a);
    List<Path> summaries =
        List.of(2008, 2009, 2010).stream()
            .map(
                y ->
                    OmopFixtures.DESYNPUF.resolve(
                        "DE1_0_" + y + "_Beneficiary_Summary_File_Sample_0.csv"))
            .toList();
    new SynpufBeneficiaryReader(false, SynpufCoverage.DEFAULT)
        .read(summaries, OmopFixtures.consumer(sink), tally);
    a.fixStudyPeriod();
    SynpufClaimReader claims =
        new SynpufClaimReader(false, true).checkedAgainst(a::beneficiary, ClaimDating.SERVICE_FROM);
    for (String f :
        List.of(
            "DE1_0_2008_to_2010_Carrier_Claims_Sample_0A.csv",
            "DE1_0_2008_to_2010_Carrier_Claims_Sample_0B.csv",
            "DE1_0_2008_to_2010_Inpatient_Claims_Sample_0.csv",
            "DE1_0_2008_to_2010_Outpatient_Claims_Sample_0.csv")) {
      claims.read(OmopFixtures.DESYNPUF.resolve(f), OmopFixtures.consumer(sink), tally);
    }
    return a;
  }

  static IndexAssembler omop(OmopFormat format, InputFiles files, BurdenGrouper grouper) {
    IndexAssembler a = IndexAssembler.create(spec(Optional.empty()), EFFORT, grouper);
    ReadContext c =
        new ReadContext(
            IngestMode.LENIENT,
            a.tally(),
            e -> {},
            ClaimDating.SERVICE_FROM,
            ReadContext.NOBODY_YET);
    format.readPeople(files, c, RecordSink.into(a));
    a.fixStudyPeriod();
    format.readClaims(files, c.withBeneficiaries(a::beneficiary), RecordSink.into(a));
    return a;
  }

  @Test
  void show() {
    BurdenGrouper g =
        SimpleBurdenGrouper.of(
            List.of("eye", "htn"),
            Map.of(DiagnosisCode.icd9("366"), 0, DiagnosisCode.icd9("401"), 1));
    MpiResult d = desynpuf(g).assemble();
    MpiResult o =
        omop(OmopFormat.DEFAULT, OmopFixtures.files(OmopFormat.DEFAULT, OmopFixtures.OMOP), g)
            .assemble();
    System.out.println(d.studyPeriod() + " " + o.studyPeriod());
    d.national().forEach(System.out::println);
    System.out.println("----");
    o.national().forEach(System.out::println);
    System.out.println(d.accounting());
    System.out.println(o.accounting());
  }
}
