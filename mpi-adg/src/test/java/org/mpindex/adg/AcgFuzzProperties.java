package org.mpindex.adg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.mpindex.core.spi.MalformedRecordException;
import org.mpindex.testkit.Mutations;

/**
 * The ACG output reader and the ADG table reader fed mutated and random bytes (issue 10): only
 * MalformedRecordException escapes (the ACG reader in lenient mode only for the header), the tally
 * balances.
 */
class AcgFuzzProperties {
  static final byte[] ACG =
      """
                             patient_id,period,ADG01,ADG02,ADG10,ADG34
                             P1,2009Q3,1,0,1,0
                             P2,2009-07-01,0,0,0,1
                             P3,2009Q4,,1,,
                             """
          .getBytes(StandardCharsets.UTF_8);
  static final byte[] MAP =
      "code_system,code,adg\nicd9,250,10\nicd9,250.1,11\nicd10,E11,10\n"
          .getBytes(StandardCharsets.UTF_8);

  @Provide
  Arbitrary<byte[]> acg() {
    return Mutations.hostile(ACG);
  }

  @Provide
  Arbitrary<byte[]> map() {
    return Mutations.hostile(MAP);
  }

  @Property(tries = 300)
  void acgOutput(@ForAll("acg") byte[] bytes) {
    try {
      var t = AcgOutputReader.lenient().read("acg.csv", reader(bytes), b -> {});
      assertTrue(t.snapshot().balanced(), t.snapshot().toString());
    } catch (MalformedRecordException e) {
      assertEquals(1, e.line(), "lenient mode stopped at a row: " + e.getMessage());
    } catch (RuntimeException e) {
      fail("lenient reading threw " + e, e);
    }
    try {
      AcgOutputReader.strict().read("acg.csv", reader(bytes), b -> {});
    } catch (MalformedRecordException e) {
      assertTrue(e.getMessage().startsWith("acg.csv:"), e.getMessage());
    } catch (RuntimeException e) {
      fail("strict reading threw " + e, e);
    }
  }

  @Property(tries = 300)
  void adgTable(@ForAll("map") byte[] bytes) {
    try {
      AdgMapGrouper.read("adg.csv", reader(bytes));
    } catch (MalformedRecordException e) {
      assertTrue(e.getMessage().startsWith("adg.csv:"), e.getMessage());
    } catch (RuntimeException e) {
      fail("reading the table threw " + e, e);
    }
  }

  static InputStreamReader reader(byte[] bytes) {
    return new InputStreamReader(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8);
  }
}
