package org.mpindex.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.mpindex.core.index.AssemblyRecordKind;
import org.mpindex.core.index.AssemblyRejection;
import org.mpindex.core.spi.RecordKind;
import org.mpindex.core.text.ReadRejection;
import org.mpindex.io.cclf.CclfFormat;
import org.mpindex.io.omop.OmopFormat;
import org.mpindex.io.rif.RifClaimReader;

/** The readers' typed record kinds and rejection reasons show the texts the outputs always had. */
class InputVocabularyTest {

  @Test
  void theReadersTextsAreTheOnesTheOutputsShowed() {
    // written out by hand from the accounting of runs before the kinds and reasons were typed
    assertEquals("tidy CSV claim line rows", TidyCsvReader.CLAIM_ROWS.text());
    assertEquals("RIF carrier claim rows", RifClaimReader.Table.CARRIER.rows().text());
    assertEquals("DE-SynPUF inpatient claim rows", SynpufClaimReader.Kind.INPATIENT.rows().text());
    assertEquals("CCLF5 Part B physician line rows", CclfFormat.PART_B_ROWS.text());
    assertEquals("OMOP person rows", OmopFormat.rowsOf("person").text());
    assertEquals(
        "line not allowed (LINE_PRCSG_IND_CD) N",
        SynpufClaimReader.DENIED_LINE.withCode("N").text());
    assertEquals(
        "line not allowed (CLM_PRCSG_IND_CD) 4", CclfFormat.DENIED_LINE.withCode("4").text());
    assertEquals(
        "cancelled by a later cancellation (CLM_ADJSMT_TYPE_CD 1)", CclfFormat.CANCELLED.text());
    assertEquals(
        "claim id of another beneficiary (BENE_ID)",
        TidyCsvReader.CLAIM_OF_ANOTHER_BENEFICIARY.in("BENE_ID").text());
    assertEquals("no coverage (empty payer_plan_period)", OmopFormat.NO_COVERAGE.text());
  }

  @Test
  void omopTablesOfTheFormatHaveTypedKindsAndOthersKeepTheirText() {
    assertSame(
        InputRecordKind.OMOP_CONDITION_OCCURRENCE_ROWS, OmopFormat.rowsOf("condition_occurrence"));
    RecordKind other = OmopFormat.rowsOf("specimen");
    assertEquals("OMOP specimen rows", other.text());
  }

  @Test
  void noTwoKindsOrReasonsShareAText() {
    Set<String> kinds = new HashSet<>();
    for (RecordKind k : InputRecordKind.values()) {
      assertTrue(kinds.add(k.text()), k.text());
    }
    for (RecordKind k : AssemblyRecordKind.values()) {
      assertTrue(kinds.add(k.text()), k.text());
    }
    Set<String> reasons = new HashSet<>();
    for (InputRejection r : InputRejection.values()) {
      assertTrue(reasons.add(r.text()), r.text());
      assertEquals(r.text(), r.toString());
    }
    for (ReadRejection r : ReadRejection.values()) {
      assertTrue(reasons.add(r.text()), r.text());
    }
    for (AssemblyRejection r : AssemblyRejection.values()) {
      assertTrue(reasons.add(r.text()), r.text());
    }
  }
}
