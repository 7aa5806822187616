package org.mpindex.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.mpindex.core.MpiVersion;

/** The BOM lists every library module at the version being built (it has no parent to inherit it from). */
class MpiBomTest {

  @Test
  void theBomManagesEveryLibraryModuleAtTheBuiltVersion() throws IOException {
    String bom = Files.readString(Path.of("..", "mpi-bom", "pom.xml"));
    String parent = Files.readString(Path.of("..", "pom.xml"));
    Matcher v = Pattern.compile("<artifactId>mpi-bom</artifactId>\\s*<version>([^<]+)</version>").matcher(bom);
    assertTrue(v.find(), "the BOM's version");
    assertEquals(MpiVersion.get(), v.group(1));
    List<String> managed = new ArrayList<>();
    Matcher d = Pattern.compile("<artifactId>(mpi-[a-z-]+)</artifactId>\\s*<version>([^<]+)</version>").matcher(bom);
    while (d.find()) {
      if (!d.group(1).equals("mpi-bom")) {
        managed.add(d.group(1));
        assertEquals(MpiVersion.get(), d.group(2), d.group(1));
      }
    }
    // every module of the build but the BOM itself and the benchmarks
    Matcher m = Pattern.compile("<module>([^<]+)</module>").matcher(parent);
    List<String> modules = new ArrayList<>();
    while (m.find()) {
      if (!m.group(1).equals("mpi-bom") && !m.group(1).equals("benchmarks")) {
        modules.add(m.group(1));
      }
    }
    assertEquals(modules.stream().sorted().toList(), managed.stream().sorted().toList());
  }
}
