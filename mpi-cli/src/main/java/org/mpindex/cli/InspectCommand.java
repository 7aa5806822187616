package org.mpindex.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mpindex.core.text.Echo;
import org.mpindex.io.input.InputFormat;
import org.mpindex.io.input.InputFormats;
import org.mpindex.io.input.InputInspection;

/**
 * {@code mpi inspect PATH...}: which layout the files make, which table each file is, the columns a
 * reader would miss, rows and date ranges, before a long run.
 */
final class InspectCommand {
  static final String HELP =
      """
                             usage: mpi inspect [--format NAME] PATH...

                             Says which input layout the files and folders (one level deep) make, which table each file is,
                             which columns the reader uses that a file lacks, its rows and the range of its dates, and the
                             mpi compute command that reads them. Reads every row once (no record is built).
                             Exit code 0 when a layout has every table it needs, 2 when none has.

                               --format NAME                the layout to check the files against (default: the best fit of
                                                            tidy, desynpuf and every other layout mpi reads)\
                             """;

  private final PrintStream out;
  private final PrintStream err;

  InspectCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  int run(String[] argv) {
    Args a = Args.parse(argv, Set.of("format"), Set.of(), Set.of(), "inspect");
    if (a.positionals().isEmpty()) {
      throw new UsageException("give the files or folders to inspect (mpi inspect DIR)");
    }
    List<Path> paths = new ArrayList<>();
    for (String p : a.positionals()) {
      Path path = Path.of(p);
      if (!Files.exists(path)) {
        throw new UsageException("no such file or folder " + p);
      }
      paths.add(path);
    }
    List<InputFormat> formats =
        a.get("format").isPresent() ? List.of(ComputeOptions.format(a)) : InputFormats.all();
    List<Path> files = InputInspection.expand(paths);
    List<InputInspection.LayoutFit> fits = InputInspection.fits(files, formats);
    InputInspection.LayoutFit best = InputInspection.detail(fits.get(0));
    out.println(
        files.size()
            + " file"
            + (files.size() == 1 ? "" : "s")
            + "; layout "
            + best.format().name()
            + (best.complete() ? "" : " (incomplete)")
            + ": "
            + best.format().description());
    for (InputInspection.FileReport r : best.files()) {
      StringBuilder b = new StringBuilder("  ");
      b.append(r.table().name())
          .append(": ")
          .append(Echo.value(r.file().toString()))
          .append(", ")
          .append(String.format(java.util.Locale.ROOT, "%,d", r.rows()))
          .append(" rows");
      if (r.unreadableRows() > 0) {
        b.append(" (").append(r.unreadableRows()).append(" unreadable)");
      }
      for (Map.Entry<String, java.time.LocalDate[]> d : r.dates().entrySet()) {
        b.append(", ").append(d.getKey()).append(' ').append(InputInspection.range(d.getValue()));
      }
      if (!r.missing().isEmpty()) {
        b.append("; lacks ").append(Echo.value(String.join(", ", r.missing())));
      }
      out.println(b);
    }
    for (Path f : best.notRead()) {
      out.println("  not read: " + Echo.value(f.toString()) + " (none of its tables)");
    }
    for (InputInspection.LayoutFit other : fits.subList(1, fits.size())) {
      if (!other.files().isEmpty()) {
        out.println(
            "other layout "
                + other.format().name()
                + ": "
                + other.files().size()
                + " file(s) recognised"
                + (other.complete() ? ", complete" : ""));
      }
    }
    if (!best.complete()) {
      err.println(
          "mpi inspect: no layout has every table it needs; nearest, "
              + best.format().name()
              + ", is missing "
              + String.join("; ", best.missingTables()));
      return 2;
    }
    List<String> given = new ArrayList<>();
    paths.forEach(p -> given.add(Echo.value(p.toString())));
    out.println(
        "read with: mpi compute --format "
            + best.format().name()
            + " --input "
            + String.join(" ", given)
            + " --out OUT");
    return 0;
  }
}
