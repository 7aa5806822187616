package org.mpindex.rbrvs;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.util.Set;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.mpindex.core.spi.MalformedRecordException;
import org.mpindex.testkit.Mutations;

/**
 * The RVU reader fed mutated real CMS files (the 2009 and 2013 TXT and CSV fixtures) and random
 * bytes (issue 10): only MalformedRecordException escapes (lenient: only for a file without a
 * header), the tally balances, lenient mode never stops at a row.
 */
class RvuReaderFuzzProperties {

  @Provide
  Arbitrary<byte[]> csv() {
    return Mutations.hostile(RealCmsDataTest.bytes("PPRRVU13_RVU13A_subset.csv"));
  }

  @Provide
  Arbitrary<byte[]> txt() {
    return Mutations.hostile(RealCmsDataTest.bytes("PPRRVU09_RVU09A_subset.txt"));
  }

  @Property(tries = 300)
  void csvFiles(@ForAll("csv") byte[] bytes) {
    survives(bytes, "PPRRVU13.csv");
  }

  @Property(tries = 300)
  void txtFiles(@ForAll("txt") byte[] bytes) {
    survives(bytes, "PPRRVU09.txt");
  }

  static final Set<String> FILE_LEVEL = Set.of("no header", "unreadable header");

  static void survives(byte[] bytes, String name) {
    try {
      RvuFileReader.Result r =
          RvuFileReader.lenient()
              .read(
                  name,
                  new InputStreamReader(
                      new ByteArrayInputStream(bytes), RvuFileReader.CMS_CHARSET));
      assertTrue(r.tally().snapshot().balanced(), r.tally().snapshot().toString());
    } catch (MalformedRecordException e) {
      assertTrue(
          FILE_LEVEL.contains(e.reason().text()),
          "lenient mode stopped at a row: " + e.getMessage());
    } catch (RuntimeException e) {
      fail("lenient reading threw " + e, e);
    }
    try {
      RvuFileReader.strict()
          .read(
              name,
              new InputStreamReader(new ByteArrayInputStream(bytes), RvuFileReader.CMS_CHARSET));
    } catch (MalformedRecordException e) {
      assertTrue(e.getMessage().startsWith(name + ":"), e.getMessage());
    } catch (UncheckedIOException e) {
      fail("no I/O error reading from memory: " + e, e);
    } catch (RuntimeException e) {
      fail("strict reading threw " + e, e);
    }
  }
}
