package org.mpindex.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.module.Configuration;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.mpindex.core.MpiVersion;

/**
 * The library jars work on the module path (issue #15): their Automatic-Module-Names resolve
 * together with Guava and SLF4J (no split package, no clash), and the bundled CMS files are found
 * from another module. Uses the jars the reactor built before this module, so it runs under {@code
 * mvn verify} (CI) and is skipped, saying why, when they are not there ({@code mvn test} alone).
 */
class ModulePathTest {

  static final List<String> MODULES =
      List.of("mpi-core", "mpi-adg", "mpi-rbrvs", "mpi-rbrvs-data", "mpi-io");

  @Test
  void theLibraryJarsResolveAndReadTheBundledFilesOnTheModulePath() throws Exception {
    List<Path> path = new ArrayList<>();
    for (String m : MODULES) {
      Path jar = Path.of("..", m, "target", m + "-" + MpiVersion.get() + ".jar");
      assumeTrue(Files.isRegularFile(jar), jar + " not built (run mvn verify from the root)");
      path.add(jar);
    }
    // the third-party jars from this test's class path
    for (String entry :
        System.getProperty("java.class.path").split(java.io.File.pathSeparator, -1)) {
      String name = Path.of(entry).getFileName().toString();
      if (name.startsWith("guava-")
          || name.startsWith("failureaccess-")
          || name.startsWith("slf4j-api-")) {
        path.add(Path.of(entry));
      }
    }
    ModuleFinder finder = ModuleFinder.of(path.toArray(new Path[0]));
    Set<String> ours =
        finder.findAll().stream()
            .map(ModuleReference::descriptor)
            .map(d -> d.name())
            .filter(n -> n.startsWith("org.mpindex."))
            .collect(Collectors.toSet());
    assertEquals(
        Set.of(
            "org.mpindex.core",
            "org.mpindex.adg",
            "org.mpindex.rbrvs",
            "org.mpindex.rbrvs.data",
            "org.mpindex.io"),
        ours);
    Configuration cf = ModuleLayer.boot().configuration().resolve(finder, ModuleFinder.of(), ours);
    ModuleLayer layer =
        ModuleLayer.boot().defineModulesWithOneLoader(cf, ClassLoader.getPlatformClassLoader());
    ClassLoader loader = layer.findLoader("org.mpindex.rbrvs");
    assertEquals(
        "org.mpindex.rbrvs",
        loader.loadClass("org.mpindex.rbrvs.RvuSchedule").getModule().getName());

    // a bundled release, read from the data module by the rbrvs module: 99213 is in RVU13A
    Class<?> schedule = loader.loadClass("org.mpindex.rbrvs.RvuSchedule");
    Class<?> procedure = loader.loadClass("org.mpindex.core.claims.ProcedureCode");
    Object bundled = schedule.getMethod("bundled").invoke(null);
    Object release =
        schedule.getMethod("releaseFor", LocalDate.class).invoke(bundled, LocalDate.of(2013, 5, 1));
    assertTrue(release.toString().contains("RVU13A"), release.toString());
    Object code = procedure.getMethod("of", String.class).invoke(null, "99213");
    Optional<?> row =
        (Optional<?>) release.getClass().getMethod("global", procedure).invoke(release, code);
    assertTrue(row.isPresent(), "99213 in the bundled 2013 release, read on the module path");
  }
}
