package org.mpindex.core.index;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Issue #25: the published accounting shows no count of people in a small group. */
class PublishedAccountingTest {

  @Test
  void smallUnknownCodeCountsAreShownAsBelowTheMinimum() {
    TreeMap<String, Long> unknown = new TreeMap<>();
    unknown.put("SSA county 02850", 6L);
    unknown.put("HCPCS 99999", 40L);
    IngestAccounting a = new IngestAccounting(new TreeMap<>(), unknown, new TreeMap<>());
    String published = a.summary(10, 11);
    // 6 beneficiaries in one county: "<11"; the total counts only the code seen 40 times, so 46 -
    // 40
    // does not give the 6 back
    assertTrue(published.contains("SSA county 02850 x<11"), published);
    assertTrue(published.contains("HCPCS 99999 x40"), published);
    assertTrue(
        published.contains(
            "unknown codes: 2 distinct, 40 occurrences in codes seen 11 times or more, and <11 each"
                + " in 1 code"),
        published);
    assertFalse(published.contains("x6") || published.contains("46"), published);
    // the console's summary stays exact
    assertTrue(a.summary(10).contains("SSA county 02850 x6"));
    assertTrue(a.summary(10).contains("2 distinct, 46 occurrences"));
  }
}
