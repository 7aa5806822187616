package org.mpindex.core.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.mpindex.core.claims.Beneficiary;
import org.mpindex.core.claims.Enrollment;
import org.mpindex.core.claims.Geography;
import org.mpindex.core.claims.Program;
import org.mpindex.core.claims.Sex;
import org.mpindex.core.claims.UsState;

/**
 * Issue 25 point 7: fee-for-service and Medicare Advantage spans of one patient on the same days
 * cannot both be true; the patients with such spans are a counted note.
 */
class FfsMaOverlapTest {

  private static Enrollment span(String id, String from, String to, Program p) {
    return Enrollment.of(id, LocalDate.parse(from), LocalDate.parse(to), p);
  }

  @Test
  void patientsWithFfsAndMaOnOneDayAreNoted() {
    IndexAssembler a =
        IndexAssembler.create(
            IndexAssemblerTest.SPEC, IndexAssemblerTest.EFFORT, IndexAssemblerTest.GROUPER);
    Geography wy = Geography.of(UsState.WY);
    for (String id : new String[] {"X", "Y", "W"}) {
      a.add(Beneficiary.of(id, LocalDate.of(1930, 1, 1), Sex.FEMALE, wy));
    }
    // X: FFS to 2008-06-30, MA from 2008-06-30: one shared day
    a.add(span("X", "2008-01-01", "2008-06-30", Program.MEDICARE_FFS));
    a.add(span("X", "2008-06-30", "2008-12-31", Program.MEDICARE_ADVANTAGE));
    // Y: FFS then MA, no shared day
    a.add(span("Y", "2008-01-01", "2008-06-30", Program.MEDICARE_FFS));
    a.add(span("Y", "2008-07-01", "2008-12-31", Program.MEDICARE_ADVANTAGE));
    // W: MA inside FFS, twice: one patient, counted once
    a.add(span("W", "2008-01-01", "2008-12-31", Program.MEDICARE_FFS));
    a.add(span("W", "2008-03-01", "2008-03-31", Program.MEDICARE_ADVANTAGE));
    a.add(span("W", "2008-05-01", "2008-05-31", Program.MEDICARE_ADVANTAGE));
    // Z: overlapping, but no beneficiary record: its spans are rejected, not noted
    a.add(span("Z", "2008-01-01", "2008-12-31", Program.MEDICARE_FFS));
    a.add(span("Z", "2008-01-01", "2008-12-31", Program.MEDICARE_ADVANTAGE));
    // X and W: 2 patients
    assertEquals(2L, a.assemble().accounting().notes().get(IndexAssembler.FFS_AND_MA_OVERLAP));
  }

  @Test
  void noNoteWithoutOverlap() {
    MpiResult r =
        IndexAssembler.create(
                IndexAssemblerTest.SPEC, IndexAssemblerTest.EFFORT, IndexAssemblerTest.GROUPER)
            .addAll(IndexAssemblerTest.records())
            .assemble();
    // the example's C has FFS to 2008-06-30 and MA from 2008-07-01
    assertNull(r.accounting().notes().get(IndexAssembler.FFS_AND_MA_OVERLAP));
  }

  /**
   * Against a day-by-day check: spans of days 0..59 of 2008, each FFS, MA or another payer; the
   * patient is noted exactly when some day is in an FFS span and in an MA span.
   */
  @Property(tries = 300)
  void notedExactlyWhenADayIsInBoth(
      @ForAll @Size(min = 1, max = 5) List<@IntRange(min = 0, max = 59) Integer> starts,
      @ForAll @Size(min = 5, max = 5) List<@IntRange(min = 0, max = 20) Integer> lengths,
      @ForAll @Size(min = 5, max = 5) List<@IntRange(min = 0, max = 2) Integer> programs) {
    Program[] kinds = {Program.MEDICARE_FFS, Program.MEDICARE_ADVANTAGE, Program.of("MEDICAID")};
    LocalDate day0 = LocalDate.of(2008, 1, 1);
    List<Enrollment> spans = new ArrayList<>();
    boolean[] ffs = new boolean[100];
    boolean[] ma = new boolean[100];
    for (int i = 0; i < starts.size(); i++) {
      int s = starts.get(i);
      int e = s + lengths.get(i);
      Program p = kinds[programs.get(i)];
      spans.add(Enrollment.of("P", day0.plusDays(s), day0.plusDays(e), p));
      for (int d = s; d <= e; d++) {
        ffs[d] |= p.equals(Program.MEDICARE_FFS);
        ma[d] |= p.equals(Program.MEDICARE_ADVANTAGE);
      }
    }
    boolean both = false;
    for (int d = 0; d < 100; d++) {
      both |= ffs[d] && ma[d];
    }
    assertEquals(both, PatientPass.ffsMeetsMa(EnrollmentCoverage.sortedSpans(spans)));
  }
}
