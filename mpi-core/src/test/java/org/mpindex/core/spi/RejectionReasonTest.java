package org.mpindex.core.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;
import org.mpindex.core.index.AssemblyRecordKind;
import org.mpindex.core.index.AssemblyRejection;
import org.mpindex.core.index.IndexAssembler;
import org.mpindex.core.index.IngestTally;
import org.mpindex.core.index.RecordCounts;
import org.mpindex.core.text.CsvTable;
import org.mpindex.core.text.LineReader;
import org.mpindex.core.text.ReadRejection;

/** The typed record kinds and rejection reasons: their texts are the outputs' texts, unchanged. */
class RejectionReasonTest {

  @Test
  void theCoreTextsAreTheOnesTheOutputsAlwaysShowed() {
    // the texts as they were written in the accounting before the reasons were typed (spec.txt of
    // a run of mpi compute, the rejects file): written out here, not read back from the enums
    assertEquals("claim lines", IngestTally.CLAIM_LINES.text());
    assertEquals("claim line efforts", IngestTally.LINE_EFFORTS.text());
    assertEquals("beneficiaries", IngestTally.BENEFICIARIES.text());
    assertEquals("enrollment spans", IngestTally.ENROLLMENTS.text());
    assertEquals("precomputed burdens", IngestTally.BURDENS.text());
    assertEquals("no beneficiary record", IndexAssembler.NO_BENEFICIARY.text());
    assertEquals("effort sum overflows", IndexAssembler.EFFORT_OVERFLOW.text());
    assertEquals("line too long", LineReader.LINE_TOO_LONG.text());
    assertEquals("exact duplicate of an earlier row of the claim", CsvTable.DUPLICATE_ROW.text());
    assertEquals("bad dates (CLM_THRU_DT)", ReadRejection.BAD_DATES.in("CLM_THRU_DT").text());
    assertEquals(
        "invalid HCPCS code (HCPCS_CD_1)",
        ReadRejection.INVALID_HCPCS_CODE.in("HCPCS_CD_1").text());
  }

  @Test
  void aReasonNarrowedToAColumnOrACodeIsAValue() {
    RejectionReason a = ReadRejection.BAD_DATE.in("CLM_FROM_DT");
    assertEquals(a, ReadRejection.BAD_DATE.in("CLM_FROM_DT"));
    assertNotEquals(a, ReadRejection.BAD_DATE.in("CLM_THRU_DT"));
    assertEquals("bad date (CLM_FROM_DT)", a.toString());
    RejectionReason coded = ReadRejection.BAD_STATUS.withCode("N");
    assertEquals("bad status N", coded.text());
    assertEquals("bad status N (X)", coded.in("X").text());
  }

  @Test
  void reasonsSurviveSerialisationAsTheExceptionsCarryThem() throws Exception {
    RejectedRecordException e =
        new MalformedRecordException(ReadRejection.BAD_UNITS.in("UNITS"), "f.csv", 3, "UNITS", "x");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(e);
    }
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      RejectedRecordException back = (RejectedRecordException) in.readObject();
      assertEquals(e.reason(), back.reason());
      assertSame(ReadRejection.BAD_UNITS, ((RejectionReason.InColumn) back.reason()).reason());
    }
  }

  @Test
  void noTwoCoreConstantsShareAText() {
    Set<String> seen = new HashSet<>();
    List<RejectionReason> reasons = new java.util.ArrayList<>();
    reasons.addAll(List.of(ReadRejection.values()));
    reasons.addAll(List.of(AssemblyRejection.values()));
    for (RejectionReason r : reasons) {
      assertEquals(true, seen.add(r.text()), "two reasons read " + r.text());
      assertEquals(r.text(), r.toString());
    }
    Set<String> kinds = new HashSet<>();
    for (AssemblyRecordKind k : AssemblyRecordKind.values()) {
      assertEquals(true, kinds.add(k.text()), "two kinds read " + k.text());
    }
  }

  /** A tally keyed by typed kinds and reasons counts by their texts, as the outputs show them. */
  @Property
  void aTallyCountsByTheTexts(
      @ForAll @AlphaChars @StringLength(min = 1, max = 8) String column,
      @ForAll("counts") long n,
      @ForAll("counts") long m) {
    IngestTally t = new IngestTally();
    t.read(AssemblyRecordKind.CLAIM_LINES, n + m);
    t.reject(AssemblyRecordKind.CLAIM_LINES, ReadRejection.BAD_DATE.in(column), n);
    t.reject(AssemblyRecordKind.CLAIM_LINES, ReadRejection.BAD_DATE.in(column), m);
    RecordCounts c = t.snapshot().of(AssemblyRecordKind.CLAIM_LINES);
    assertEquals(n + m, c.read());
    assertEquals(n + m, c.rejected(ReadRejection.BAD_DATE.in(column)));
    assertEquals(0, c.rejected(ReadRejection.BAD_DATE));
    // the key is the text, "bad date (" + column + ")", or no key at all when nothing was rejected
    assertEquals(
        n + m == 0 ? Set.of() : Set.of("bad date (" + column + ")"), c.rejected().keySet());
    assertEquals(true, c.balanced());
  }

  /**
   * A kind or reason given by its text (a reader not converted yet) lands in the same counts as the
   * typed value of that text, whichever way each count was given: the snapshots are equal.
   */
  @Property
  void textAndTypedValuesOfOneTextCountAsOne(
      @ForAll("counts") long read, @ForAll("counts") long rejected, @ForAll boolean textFirst) {
    IngestTally typed = new IngestTally();
    typed.read(AssemblyRecordKind.CLAIM_LINES, read + rejected);
    typed.accept(AssemblyRecordKind.CLAIM_LINES, read);
    typed.reject(AssemblyRecordKind.CLAIM_LINES, AssemblyRejection.NO_BENEFICIARY, rejected);
    IngestTally mixed = new IngestTally();
    if (textFirst) {
      mixed.read("claim lines", read + rejected);
      mixed.accept(RecordKind.of("claim lines"), read);
      mixed.reject("claim lines", "no beneficiary record", rejected / 2);
      mixed.reject(
          AssemblyRecordKind.CLAIM_LINES,
          RejectionReason.of("no beneficiary record"),
          rejected - rejected / 2);
    } else {
      mixed.read(AssemblyRecordKind.CLAIM_LINES, read + rejected);
      mixed.accept("claim lines", read);
      mixed.reject(AssemblyRecordKind.CLAIM_LINES, "no beneficiary record", rejected / 2);
      mixed.reject("claim lines", AssemblyRejection.NO_BENEFICIARY, rejected - rejected / 2);
    }
    assertEquals(typed.snapshot(), mixed.snapshot());
    assertEquals(
        rejected, mixed.snapshot().of("claim lines").rejected(AssemblyRejection.NO_BENEFICIARY));
    // an exception given the text carries a reason of that text, not the enum constant
    RejectedRecordException e = new RejectedRecordException("no beneficiary record", "x");
    assertEquals("no beneficiary record", e.reason().text());
    assertNotEquals(AssemblyRejection.NO_BENEFICIARY, e.reason());
  }

  @net.jqwik.api.Provide
  net.jqwik.api.Arbitrary<Long> counts() {
    return net.jqwik.api.Arbitraries.longs().between(0, 1_000_000);
  }
}
