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
    Matcher v =
        Pattern.compile("<artifactId>mpi-bom</artifactId>\\s*<version>([^<]+)</version>")
            .matcher(bom);
    assertTrue(v.find(), "the BOM's version");
    assertEquals(MpiVersion.get(), v.group(1));
    List<String> managed = new ArrayList<>();
    Matcher d =
        Pattern.compile("<artifactId>(mpi-[a-z-]+)</artifactId>\\s*<version>([^<]+)</version>")
            .matcher(bom);
    while (d.find()) {
      if (!d.group(1).equals("mpi-bom")) {
        managed.add(d.group(1));
        assertEquals(MpiVersion.get(), d.group(2), d.group(1));
      }
    }
    // every module of the build that is published: not the BOM itself, not the ones that skip
    // deployment (benchmarks, build-check)
    Matcher m = Pattern.compile("<module>([^<]+)</module>").matcher(parent);
    List<String> modules = new ArrayList<>();
    while (m.find()) {
      String module = m.group(1);
      String pom = Files.readString(Path.of("..", module, "pom.xml"));
      if (!module.equals("mpi-bom")
          && !pom.contains("<maven.deploy.skip>true</maven.deploy.skip>")) {
        modules.add(module);
      }
    }
    assertEquals(modules.stream().sorted().toList(), managed.stream().sorted().toList());
  }

  @Test
  void theBomCarriesTheSameLicenceAndAddressAsTheParent() throws IOException {
    String bom = Files.readString(Path.of("..", "mpi-bom", "pom.xml"));
    String parent = Files.readString(Path.of("..", "pom.xml"));
    for (String element :
        List.of("licenses", "developers", "mpi.repository.url", "project.build.outputTimestamp")) {
      Pattern block =
          Pattern.compile(
              "<" + Pattern.quote(element) + ">.*?</" + Pattern.quote(element) + ">",
              Pattern.DOTALL);
      Matcher inParent = block.matcher(parent);
      Matcher inBom = block.matcher(bom);
      assertTrue(inParent.find(), element + " in the parent");
      assertTrue(inBom.find(), element + " in the BOM");
      assertEquals(inParent.group(), inBom.group(), element);
    }
  }
}
