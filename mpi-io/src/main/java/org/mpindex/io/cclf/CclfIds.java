package org.mpindex.io.cclf;

import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mpindex.core.text.CsvTable;
import org.mpindex.io.InputRecordKind;
import org.mpindex.io.cclf.CclfValues.Delivery;
import org.mpindex.io.input.ReadContext;

/**
 * The beneficiary id crosswalk of the CCLF9 files: each previous MBI ({@code PRVS_NUM}) to the
 * beneficiary's most recent one ({@code CRNT_NUM}), as the CCLF Information Packet asks before
 * claims are linked (every previous MBI replaced with the most recent). When deliveries disagree on
 * a previous MBI the latest delivery wins; chains (A to B, B to C) are followed to their end; a row
 * mapping an MBI to itself changes nothing. Immutable once read.
 */
public final class CclfIds {
  /** Tally record kind of CCLF9 rows. */
  public static final InputRecordKind ROWS = InputRecordKind.CCLF9_BENEFICIARY_ID_CHANGE_ROWS;

  /** Note: rows whose previous and current MBI are equal (nothing to change). */
  public static final String SELF_MAPPED = "CCLF9 rows mapping an MBI to itself (no change)";

  /** Note: a chain of MBI changes that comes back to an MBI of the chain (followed until then). */
  public static final String CYCLE = "CCLF9 MBI chains that loop (followed until the loop)";

  /** Note: one previous MBI mapped to two current MBIs in one delivery (the greater id kept). */
  public static final String CONFLICT =
      "CCLF9 previous MBIs mapped to two current MBIs in one delivery (greater id kept)";

  private static final CclfIds NONE = new CclfIds(Map.of());

  private final Map<String, String> current;

  private CclfIds(Map<String, String> current) {
    this.current = current;
  }

  /** No id changes: every MBI is its own current MBI. */
  public static CclfIds none() {
    return NONE;
  }

  /** The beneficiary's most recent MBI ({@code mbi} itself when no CCLF9 row changes it). */
  public String current(String mbi) {
    return current.getOrDefault(mbi, mbi);
  }

  /** Each previous MBI that changed to the beneficiary's most recent MBI (immutable). */
  public Map<String, String> changes() {
    return current;
  }

  /** How many previous MBIs map to another MBI. */
  public int size() {
    return current.size();
  }

  private record Change(String to, Delivery delivery) {}

  /**
   * Reads CCLF9 files (any number, the order they were delivered in when they carry no delivery
   * date), counting every row in the context's tally under {@link #ROWS}.
   */
  public static CclfIds read(List<Path> files, Charset charset, ReadContext context) {
    Map<String, Change> latest = new HashMap<>();
    for (int f = 0; f < files.size(); f++) {
      Path file = files.get(f);
      int fileIndex = f;
      try (CsvTable t = context.openTable(file, charset).rejectsTo(context.rejects())) {
        int crnt = t.require("CRNT_NUM");
        int prvs = t.require("PRVS_NUM");
        int effective = t.optional("PRVS_ID_EFCTV_DT");
        int obsolete = t.optional("PRVS_ID_OBSLT_DT");
        int fileDate = t.optional("FILE_DATE");
        int fileName = t.optional("FILE_NAME");
        t.forEachRow(
            ROWS,
            context.tally(),
            context.strict(),
            row -> {
              String to = CclfValues.required(row, crnt);
              String from = CclfValues.required(row, prvs);
              CclfValues.date(row, effective);
              CclfValues.date(row, obsolete);
              Delivery d =
                  new Delivery(
                      CclfValues.delivery(row, fileDate, fileName, file).orElse(null), fileIndex);
              if (to.equals(from)) {
                context.tally().note(SELF_MAPPED);
                return;
              }
              Change before = latest.get(from);
              if (before == null || before.delivery.compareTo(d) < 0) {
                latest.put(from, new Change(to, d));
              } else if (before.delivery.compareTo(d) == 0 && !before.to.equals(to)) {
                context.tally().note(CONFLICT);
                if (to.compareTo(before.to) > 0) {
                  latest.put(from, new Change(to, d));
                }
              }
            });
      }
    }
    Map<String, String> resolved = new HashMap<>();
    for (String from : latest.keySet()) {
      Set<String> seen = new HashSet<>();
      seen.add(from);
      String at = latest.get(from).to;
      while (latest.containsKey(at)) {
        String next = latest.get(at).to;
        if (!seen.add(at) || seen.contains(next)) {
          context.tally().note(CYCLE);
          break;
        }
        at = next;
      }
      if (!at.equals(from)) {
        resolved.put(from, at);
      }
    }
    return new CclfIds(Map.copyOf(resolved));
  }
}
