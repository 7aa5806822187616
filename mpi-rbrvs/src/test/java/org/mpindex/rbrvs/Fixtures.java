package org.mpindex.rbrvs;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** Paths of the test fixtures in src/test/resources/rvu. */
final class Fixtures {
  private Fixtures() {}

  static Path path(String name) {
    try {
      return Path.of(Fixtures.class.getResource("/rvu/" + name).toURI());
    } catch (URISyntaxException | NullPointerException e) {
      throw new IllegalStateException("fixture " + name + " missing", e);
    }
  }

  static RvuRelease release(String name) {
    return RvuFileReader.strict().read(path(name)).release();
  }

  /** RVU09A, RVU09B and RVU10A. */
  static RvuSchedule schedule() {
    return RvuSchedule.of(
        release("PPRRVU09.csv"), release("RVU09B_PPRRVU09.csv"), release("PPRRVU10.csv"));
  }
}
