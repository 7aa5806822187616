package org.mpindex.spark;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code mpi compute}'s arguments with the side files they name on the driver ({@code --standard
 * FILE}, {@code --county-crosswalk FILE}) carried as bytes, so that no path must exist on an
 * executor: {@link #argv()} on any JVM writes the files to a temporary directory of that JVM (once
 * per instance) and gives the arguments naming those copies. Plain values only, serializable by
 * construction.
 */
final class SideFiles implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The options whose value is a file of the driver (a value that names no file stays as given). */
  static final List<String> OPTIONS = List.of("--standard", "--county-crosswalk");

  private final String[] argv;
  private final Map<Integer, byte[]>
      files; // a LinkedHashMap: argument index of a value -> its bytes
  private transient String[] local;

  private SideFiles(String[] argv, Map<Integer, byte[]> files) {
    this.argv = argv.clone();
    this.files = files;
  }

  /**
   * The arguments with the bytes of each side file they name that is a regular file here (a value
   * such as {@code --county-crosswalk bundled} names none).
   *
   * @throws UncheckedIOException naming a side file that cannot be read
   */
  static SideFiles of(String[] argv) {
    LinkedHashMap<Integer, byte[]> files = new LinkedHashMap<>();
    for (int i = 0; i + 1 < argv.length; i++) {
      if (OPTIONS.contains(argv[i]) && Files.isRegularFile(Path.of(argv[i + 1]))) {
        try {
          files.put(i + 1, Files.readAllBytes(Path.of(argv[i + 1])));
        } catch (IOException e) {
          throw new UncheckedIOException("cannot read " + argv[i + 1] + ": " + e.getMessage(), e);
        }
      }
    }
    return new SideFiles(argv, files);
  }

  /** The arguments, each side file's value naming this JVM's copy of it. */
  synchronized String[] argv() {
    if (local == null) {
      String[] a = argv.clone();
      if (!files.isEmpty()) {
        try {
          Path dir = Files.createTempDirectory("mpi-side");
          dir.toFile().deleteOnExit();
          for (Map.Entry<Integer, byte[]> f : files.entrySet()) {
            Path p = dir.resolve(f.getKey() + "-" + Path.of(argv[f.getKey()]).getFileName());
            Files.write(p, f.getValue());
            p.toFile().deleteOnExit();
            a[f.getKey()] = p.toString();
          }
        } catch (IOException e) {
          throw new UncheckedIOException(
              "cannot write the side files to a temporary directory: " + e.getMessage(), e);
        }
      }
      local = a;
    }
    return local.clone();
  }
}
