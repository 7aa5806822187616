package org.mpindex.core.index;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mpindex.core.claims.ClaimLine;
import org.mpindex.core.claims.ClaimType;
import org.mpindex.core.claims.DiagnosisCode;
import org.mpindex.core.claims.ProcedureCode;
import org.mpindex.core.spi.CodeTally;
import org.mpindex.core.spi.EffortCalculator;
import org.mpindex.core.spi.RejectedRecordException;

/**
 * The columnar fold over a declared study period (the dense table and its fast loop), worked by
 * hand: effort per (patient, quarter) summed from a price list that changes with the year, the
 * categories of the diagnoses OR-ed, lines outside the period, unknown, rejected and huge efforts
 * taken through the general path, and batches the assembler cannot trust refused naming the line.
 */
class ClaimColumnsTest {

  // Work micro-units per unit, by the year of the service day: 99213 0.92 RVU in 2011 and 1.00 in
  // 2012; 27447 21.79 in both; 99499 unknown (reported); 99999 rejected; 88888 valued at 300,000
  // RVU (3e11 micro-units, more than the 38 bits the fast loop's table gives an effort).
  static final EffortCalculator BY_YEAR =
      new EffortCalculator() {
        @Override
        public long effortMicros(ClaimLine line, LocalDate day, CodeTally tally) {
          String code = line.procedure().orElseThrow().code();
          long perUnit =
              switch (code) {
                case "99213" -> day.getYear() == 2011 ? 920_000L : 1_000_000L;
                case "27447" -> 21_790_000L;
                case "88888" -> 300_000_000_000L;
                case "99999" ->
                    throw new RejectedRecordException(() -> "no price", "99999 has none");
                default -> {
                  tally.unknownCode("HCPCS", code);
                  yield 0L;
                }
              };
          return perUnit * line.units();
        }

        @Override
        public int pricingPeriod(LocalDate day) {
          return day.getYear();
        }
      };

  static final MpiSpec SPEC =
      MpiSpec.builder()
          .studyPeriod(StudyPeriod.of(LocalDate.of(2011, 1, 1), LocalDate.of(2012, 12, 31)))
          .build();

  static int day(int y, int m, int d) {
    return (int) LocalDate.of(y, m, d).toEpochDay();
  }

  private final IndexAssembler a = IndexAssembler.create(SPEC, BY_YEAR, IndexAssemblerTest.GROUPER);

  private int sig(String code, int units) {
    return a.columnar()
        .lineSignature(
            code == null ? null : ProcedureCode.of(code),
            List.of(),
            units,
            ClaimType.PROFESSIONAL,
            null);
  }

  private int dx(String code) {
    return a.columnar().diagnosisIndex(DiagnosisCode.icd9(code));
  }

  /** The dense table's effort (micro-units) and categories of a patient in a quarter. */
  private long[] state(int p, LocalDate day) {
    DenseTable t = (DenseTable) a.fold.table;
    int s = t.slot(p, SPEC.windowScheme().indexOf(day));
    return new long[] {t.effort[s], t.categories[s], t.flags[s]};
  }

  @Test
  void effortIsSummedAtEachYearsPriceAndCategoriesAreOred() {
    int pa = a.columnar().patientIndex("A");
    int pb = a.columnar().patientIndex("B");
    ClaimColumns b = new ClaimColumns(4);
    // A, Q1 2011: 99213 x1 (0.92) + 99213 x2 (1.84) = 2.76 RVU; dx 401 (htn, any)
    b.line(pa, day(2011, 2, 1), day(2011, 2, 1), sig("99213", 1)).diagnosis(dx("4019"));
    b.line(pa, day(2011, 3, 1), day(2011, 3, 1), sig("99213", 2));
    // A, Q1 2012: 99213 x1 at 2012's 1.00 RVU; dx 250 and 428 (dm, any, chf)
    b.line(pa, day(2012, 1, 15), day(2012, 1, 15), sig("99213", 1))
        .diagnosis(dx("25000"))
        .diagnosis(dx("4280"));
    // A, 2010-12-31: before the study period, counted outside, nothing kept
    b.line(pa, day(2010, 12, 31), day(2010, 12, 31), sig("27447", 1)).diagnosis(dx("496"));
    // B, Q3 2012: a diagnosis-only line (no effort read) and 27447 (21.79); five diagnoses, the
    // fifth (496, copd) past the four read without a loop
    b.line(pb, day(2012, 8, 1), day(2012, 8, 1), sig(null, 0))
        .diagnosis(dx("7865"))
        .diagnosis(dx("7865"))
        .diagnosis(dx("7865"))
        .diagnosis(dx("7865"))
        .diagnosis(dx("496"));
    b.line(pb, day(2012, 9, 30), day(2012, 9, 30), sig("27447", 1));
    a.add(b);

    assertEquals(2_760_000L, state(pa, LocalDate.of(2011, 1, 1))[0]);
    assertEquals(1L | 1L << 4, state(pa, LocalDate.of(2011, 1, 1))[1]);
    assertEquals(1_000_000L, state(pa, LocalDate.of(2012, 1, 1))[0]);
    assertEquals(1L << 1 | 1L << 4 | 1L << 2, state(pa, LocalDate.of(2012, 1, 1))[1]);
    assertEquals(21_790_000L, state(pb, LocalDate.of(2012, 7, 1))[0]);
    assertEquals(1L << 3, state(pb, LocalDate.of(2012, 7, 1))[1]);
    assertEquals(FoldTable.HAS_CLAIM, state(pb, LocalDate.of(2012, 7, 1))[2]);
    // quarters without lines stay empty
    assertEquals(0L, state(pa, LocalDate.of(2011, 4, 1))[2]);
    assertEquals(1L, ((DenseTable) a.fold.table).outsideLines(pa));

    IngestAccounting acc = a.tally().snapshot();
    // claim lines are read here and accepted when the index is assembled (their patient known)
    assertEquals(6, acc.of(IngestTally.CLAIM_LINES).read());
    // five lines carry a procedure; the diagnosis-only line has no effort to value
    assertEquals(5, acc.of(IngestTally.LINE_EFFORTS).read());
    assertEquals(5, acc.of(IngestTally.LINE_EFFORTS).accepted());
  }

  @Test
  void theClaimsSpanOfTheFastLoopIsReadOffTheTableAsTheObjectPathKeepsIt() {
    // Q2 2011 (May 5), Q3 2012 (Aug 1) and 2010-12-31 (outside the period: counted, not part of
    // the span): the claims' windows run from 2011-04-01 to 2012-09-30. These first lines of their
    // (signature, year) take the general path, which settles the entries; the 2012-11-01 line of
    // the second batch is then folded by the fast loop, which does not track the span per line
    int pa = a.columnar().patientIndex("A");
    ClaimColumns b = new ClaimColumns(4);
    b.line(pa, day(2012, 8, 1), day(2012, 8, 1), sig("99213", 1)).diagnosis(dx("4019"));
    b.line(pa, day(2011, 5, 5), day(2011, 5, 5), sig("27447", 1));
    b.line(pa, day(2010, 12, 31), day(2010, 12, 31), sig("27447", 1));
    a.add(b);
    StudyPeriod expected = StudyPeriod.of(LocalDate.of(2011, 4, 1), LocalDate.of(2012, 9, 30));
    assertEquals(Optional.of(expected), a.fold.claimSpan());
    // asked again after a line of the fast loop: its window extends the span
    b.clear();
    b.line(pa, day(2012, 11, 1), day(2012, 11, 1), sig("99213", 1));
    a.add(b);
    StudyPeriod later = StudyPeriod.of(LocalDate.of(2011, 4, 1), LocalDate.of(2012, 12, 31));
    assertEquals(Optional.of(later), a.fold.claimSpan());

    // the same lines as objects (the object path tracks the span line by line)
    IndexAssembler objects = IndexAssembler.create(SPEC, BY_YEAR, IndexAssemblerTest.GROUPER);
    for (String[] l :
        new String[][] {
          {"2012-08-01", "99213"},
          {"2011-05-05", "27447"},
          {"2010-12-31", "27447"},
          {"2012-11-01", "99213"}
        }) {
      objects.add(
          ClaimLine.builder()
              .claimId("c" + l[0])
              .beneficiaryId("A")
              .serviceFrom(LocalDate.parse(l[0]))
              .procedure(l[1])
              .units(1)
              .build());
    }
    assertEquals(Optional.of(later), objects.fold.claimSpan());
    // and a fold that took only the object path, combined into one of the fast loop, gives the
    // union of both spans
    IndexAssembler early = IndexAssembler.create(SPEC, BY_YEAR, IndexAssemblerTest.GROUPER);
    early.add(
        ClaimLine.builder()
            .claimId("e")
            .beneficiaryId("A")
            .serviceFrom(LocalDate.of(2011, 1, 10))
            .procedure("99213")
            .units(1)
            .build());
    early.combine(a);
    assertEquals(
        Optional.of(StudyPeriod.of(LocalDate.of(2011, 1, 1), LocalDate.of(2012, 12, 31))),
        early.fold.claimSpan());
  }

  @Test
  void unknownRejectedAndHugeEffortsTakeTheGeneralPathAndAreCountedPerLine() {
    int p = a.columnar().patientIndex("A");
    ClaimColumns b = new ClaimColumns(4);
    int unknown = sig("99499", 1);
    int rejected = sig("99999", 1);
    int huge = sig("88888", 1);
    for (int k = 0; k < 3; k++) {
      b.line(p, day(2011, 5, 1 + k), day(2011, 5, 1 + k), unknown);
      b.line(p, day(2011, 5, 1 + k), day(2011, 5, 1 + k), rejected);
    }
    // 300,000 RVU twice in one quarter: 6e11 micro-units, summed exactly
    b.line(p, day(2011, 6, 1), day(2011, 6, 1), huge);
    b.line(p, day(2011, 6, 2), day(2011, 6, 2), huge);
    a.add(b);

    long[] q2 = state(p, LocalDate.of(2011, 4, 1));
    assertEquals(600_000_000_000L, q2[0]);
    assertEquals(FoldTable.HAS_CLAIM | FoldTable.EFFORT_REJECTED, q2[2]);
    IngestAccounting acc = a.tally().snapshot();
    RecordCounts efforts = acc.of(IngestTally.LINE_EFFORTS);
    assertEquals(8, efforts.read());
    assertEquals(5, efforts.accepted());
    assertEquals(java.util.Map.of("no price", 3L), efforts.rejected());
    assertEquals(java.util.Map.of("HCPCS 99499", 3L), acc.unknownCodes());
    assertTrue(efforts.balanced());
  }

  @Test
  void strictRejectionLeavesABalancedTallyOfTheLinesBeforeIt() {
    IndexAssembler strict =
        IndexAssembler.create(
            SPEC.toBuilder().ingestMode(IngestMode.STRICT).build(),
            BY_YEAR,
            IndexAssemblerTest.GROUPER);
    int p = strict.columnar().patientIndex("A");
    int ok =
        strict
            .columnar()
            .lineSignature(ProcedureCode.of("99213"), List.of(), 1, ClaimType.PROFESSIONAL, null);
    int bad =
        strict
            .columnar()
            .lineSignature(ProcedureCode.of("99999"), List.of(), 1, ClaimType.PROFESSIONAL, null);
    ClaimColumns b = new ClaimColumns(4);
    b.line(p, day(2011, 2, 1), day(2011, 2, 1), ok);
    b.line(p, day(2011, 2, 2), day(2011, 2, 2), ok);
    b.line(p, day(2011, 2, 3), day(2011, 2, 3), bad);
    RejectedRecordException e = assertThrows(RejectedRecordException.class, () -> strict.add(b));
    assertTrue(e.getMessage().contains("beneficiary A dated 2011-02-03"), e.getMessage());
    RecordCounts efforts = strict.tally().snapshot().of(IngestTally.LINE_EFFORTS);
    assertEquals(3, efforts.read());
    assertEquals(2, efforts.accepted());
    assertEquals(java.util.Map.of("no price", 1L), efforts.rejected());
  }

  /**
   * A batch that throws may be partly folded (the two lines before the bad one are in): the
   * assembler refuses further adds, naming the call that failed, instead of letting a retry fold
   * the first lines twice; its tally and assemble() still answer.
   */
  @Test
  void afterABatchThrewTheAssemblerRefusesMoreAddsButStillAnswers() {
    IndexAssembler strict =
        IndexAssembler.create(
            SPEC.toBuilder().ingestMode(IngestMode.STRICT).build(),
            BY_YEAR,
            IndexAssemblerTest.GROUPER);
    strict.add(
        org.mpindex.core.claims.Beneficiary.of(
            "A",
            LocalDate.of(1940, 1, 1),
            org.mpindex.core.claims.Sex.FEMALE,
            org.mpindex.core.claims.Geography.of(org.mpindex.core.claims.UsState.WY)));
    int p = strict.columnar().patientIndex("A");
    int ok =
        strict
            .columnar()
            .lineSignature(ProcedureCode.of("99213"), List.of(), 1, ClaimType.PROFESSIONAL, null);
    int bad =
        strict
            .columnar()
            .lineSignature(ProcedureCode.of("99999"), List.of(), 1, ClaimType.PROFESSIONAL, null);
    ClaimColumns b = new ClaimColumns(4);
    b.line(p, day(2011, 2, 1), day(2011, 2, 1), ok);
    b.line(p, day(2011, 2, 3), day(2011, 2, 3), bad);
    assertThrows(RejectedRecordException.class, () -> strict.add(b));
    IllegalStateException again = assertThrows(IllegalStateException.class, () -> strict.add(b));
    assertTrue(
        again
            .getMessage()
            .startsWith(
                "add(ClaimColumns) after add(ClaimColumns) on this assembler"
                    + " ended in an exception"),
        again.getMessage());
    assertThrows(
        IllegalStateException.class,
        () -> strict.add(IndexAssemblerTest.line("A", "2011-03-01", "99213", 1)));
    // one line (the first) was folded, once: read 2, accepted 1, rejected 1
    RecordCounts efforts = strict.tally().snapshot().of(IngestTally.LINE_EFFORTS);
    assertEquals(2, efforts.read());
    assertEquals(1, efforts.accepted());
    assertTrue(strict.assemble().windows().size() > 0);
  }

  @Test
  void aSignatureTheAssemblerDidNotInternIsRefusedNamingTheLine() {
    int p = a.columnar().patientIndex("A");
    int s = sig("99213", 1);
    ClaimColumns b = new ClaimColumns(4);
    b.line(p, day(2011, 2, 1), day(2011, 2, 1), s);
    b.line(p, day(2011, 2, 1), day(2011, 2, 1), s + 1);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> a.add(b));
    assertTrue(e.getMessage().startsWith("line 1 of the batch: signature index 1"), e.getMessage());
    // a negative one too, on the general path (no study period declared: the hash table)
    IndexAssembler open =
        IndexAssembler.create(MpiSpec.PARENTE_2011, BY_YEAR, IndexAssemblerTest.GROUPER);
    int q = open.columnar().patientIndex("A");
    ClaimColumns c = new ClaimColumns(4);
    c.line(q, day(2011, 2, 1), day(2011, 2, 1), -1);
    e = assertThrows(IllegalArgumentException.class, () -> open.add(c));
    assertTrue(
        e.getMessage().startsWith("line 0 of the batch: signature index -1"), e.getMessage());
  }

  @Test
  void aDiagnosisTheAssemblerDidNotInternIsRefusedNamingTheLine() {
    int p = a.columnar().patientIndex("A");
    int s = sig("99213", 1);
    int known = dx("4019");
    ClaimColumns b = new ClaimColumns(4);
    b.line(p, day(2011, 2, 1), day(2011, 2, 1), s).diagnosis(known);
    b.line(p, day(2011, 2, 1), day(2011, 2, 1), s).diagnosis(known).diagnosis(-3);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> a.add(b));
    assertTrue(
        e.getMessage().startsWith("line 1 of the batch: diagnosis index -3"), e.getMessage());
  }

  @Test
  void aDayOutsideTheCalendarIsRefusedNamingTheLine() {
    int p = a.columnar().patientIndex("A");
    int s = sig("99213", 1);
    ClaimColumns b = new ClaimColumns(4);
    b.line(p, day(2011, 2, 1), day(2011, 2, 1), s);
    b.line(p, Integer.MAX_VALUE - 1, Integer.MAX_VALUE - 1, s);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> a.add(b));
    assertTrue(
        e.getMessage().startsWith("line 1 of the batch: epoch day " + (Integer.MAX_VALUE - 1)),
        e.getMessage());
  }

  @Test
  void byPatientBlockGroupsLinesByBlockKeepingTheirOrderAndDiagnoses() {
    ClaimColumns b = new ClaimColumns(2);
    // patients 3, 0, 2, 1, 0; blocks of two patients: 1, 0, 1, 0, 0
    b.line(3, 10, 10, 0).diagnosis(30);
    b.line(0, 11, 12, 1);
    b.line(2, 13, 13, 2).diagnosis(20).diagnosis(21);
    b.line(1, 14, 14, 3).diagnosis(10);
    b.line(0, 15, 15, 4).diagnosis(1).diagnosis(2).diagnosis(3);
    ClaimColumns p = b.byPatientBlock(1);
    // block 0 in batch order (lines 1, 3, 4), then block 1 (lines 0, 2)
    assertArrayEquals(new int[] {0, 1, 0, 3, 2}, Arrays.copyOf(p.patient, p.size()));
    assertArrayEquals(new int[] {11, 14, 15, 10, 13}, Arrays.copyOf(p.from, p.size()));
    assertArrayEquals(new int[] {12, 14, 15, 10, 13}, Arrays.copyOf(p.through, p.size()));
    assertArrayEquals(new int[] {1, 3, 4, 0, 2}, Arrays.copyOf(p.signature, p.size()));
    assertArrayEquals(new int[] {0, 0, 1, 4, 5, 7}, Arrays.copyOf(p.dxStart, p.size() + 1));
    assertArrayEquals(new int[] {10, 1, 2, 3, 30, 20, 21}, Arrays.copyOf(p.dx, 7));
    // blocks of one patient sort by patient, stably; the original is unchanged
    assertArrayEquals(
        new int[] {0, 0, 1, 2, 3}, Arrays.copyOf(b.byPatientBlock(0).patient, b.size()));
    assertArrayEquals(new int[] {3, 0, 2, 1, 0}, Arrays.copyOf(b.patient, b.size()));
    assertThrows(IllegalArgumentException.class, () -> b.byPatientBlock(31));
  }

  @Test
  void decreasingDiagnosisOffsetsAreRefusedWhenTheBatchIsMade() {
    int[] one = {0, 0};
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ClaimColumns.of(2, one, one, one, one, new int[] {0, 2, 1}, new int[] {0, 0}));
    assertEquals("dxStart decreases at line 1: 2 then 1", e.getMessage());
  }

  @Test
  void theColumnarHandleIsOnePerAssemblerAndFeedsIt() {
    IndexAssembler a = IndexAssembler.create(SPEC, BY_YEAR, IndexAssemblerTest.GROUPER);
    ColumnarIngest in = a.columnar();
    assertSame(in, a.columnar());
    assertSame(a, in.assembler());
    // ids are interned in first-seen order: 0, 1, then 0 again for the first id
    assertEquals(0, in.patientIndex("A"));
    assertEquals(1, in.patientIndex("B"));
    assertEquals(0, in.patientIndex("A"));
  }
}
