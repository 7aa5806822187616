package org.mpindex.core;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The version of the library, as built (Maven's {@code project.version}), so that a published table
 * can be tied to the code that made it: {@code mpi --version} prints it and every report's spec block
 * names it.
 */
public final class MpiVersion {
  private static final String VERSION = load();

  private MpiVersion() {}

  /** The version, e.g. {@code 0.2.0}; {@code unknown} when the build did not stamp it. */
  public static String get() {
    return VERSION;
  }

  private static String load() {
    try (InputStream in = MpiVersion.class.getResourceAsStream("version.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties p = new Properties();
      p.load(in);
      String v = p.getProperty("version", "unknown");
      return v.startsWith("${") ? "unknown" : v;
    } catch (IOException e) {
      return "unknown";
    }
  }
}
