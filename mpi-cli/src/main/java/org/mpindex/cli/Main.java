package org.mpindex.cli;

import java.io.PrintStream;
import java.util.Arrays;
import org.mpindex.core.claims.InvalidValueException;
import org.mpindex.core.index.InvalidSpecException;
import org.mpindex.core.spi.RejectedRecordException;
import org.mpindex.core.text.Echo;

/**
 * The {@code mpi} command. Exit codes: 0 done, 1 the run failed (unreadable file, strict-mode
 * rejection), 2 bad arguments or options that contradict each other (with a one-line reason on
 * stderr), 3 the RVU files given do not cover the effort the index needs (and {@code
 * --allow-missing-rvu} was not given).
 */
public final class Main {
  private Main() {}

  static final String USAGE =
      """
                              usage: mpi <command> [options]

                              commands:
                                demo      the index on a seeded synthetic Medicare-like population (50,000 beneficiaries,
                                          2011-2013): prints the national series and the state table, writes series.csv,
                                          groups.csv and report.html
                                compute   the index from claims files: tidy CSV/Parquet, DE-SynPUF (and the layouts of
                                          mpi inspect)
                                inspect   which layout a folder of claims files makes, with columns, rows and dates
                                rvu       the work RVU effort of one claim line, and how it was derived
                                burden    the illness-burden categories of diagnosis codes, and the health level

                              Run 'mpi <command> --help' for a command's options, 'mpi --version' for the version.\
                              """;

  public static void main(String[] args) {
    System.setProperty(
        "org.slf4j.simpleLogger.defaultLogLevel", System.getProperty("mpi.log", "warn"));
    System.exit(run(args, System.out, System.err));
  }

  /**
   * Runs a command; returns the exit code. Everything the command prints goes through {@link
   * ConsoleStream}: control characters from data, file names and arguments reach {@code out} and
   * {@code err} escaped (<code>&#92;u001B</code> for ESC), never raw.
   */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    return runSafely(args, ConsoleStream.of(out), ConsoleStream.of(err));
  }

  private static int runSafely(String[] args, PrintStream out, PrintStream err) {
    if (args.length == 0
        || args[0].equals("--help")
        || args[0].equals("-h")
        || args[0].equals("help")) {
      (args.length == 0 ? err : out).println(USAGE);
      return args.length == 0 ? 2 : 0;
    }
    if (args[0].equals("--version") || args[0].equals("version")) {
      out.println("mpi " + org.mpindex.core.MpiVersion.get());
      return 0;
    }
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    java.util.Map<String, String> help =
        java.util.Map.of(
            "demo",
            DemoCommand.HELP,
            "compute",
            ComputeCommand.HELP,
            "rvu",
            RvuCommand.HELP,
            "burden",
            BurdenCommand.HELP,
            "inspect",
            InspectCommand.HELP);
    if (help.containsKey(args[0]) && Arrays.asList(rest).contains("--help")) {
      out.println(help.get(args[0]));
      return 0;
    }
    try {
      int code;
      switch (args[0]) {
        case "demo" -> code = new DemoCommand(out, err).run(rest);
        case "compute" -> code = new ComputeCommand(out, err).run(rest);
        case "rvu" -> code = new RvuCommand(out, err).run(rest);
        case "burden" -> code = new BurdenCommand(out, err).run(rest);
        case "inspect" -> code = new InspectCommand(out, err).run(rest);
        default -> {
          err.println(
              "mpi: unknown command '"
                  + org.mpindex.core.text.Echo.value(args[0])
                  + "' (demo, compute, inspect, rvu, burden; see mpi --help)");
          return 2;
        }
      }
      if (out.checkError()) {
        // a closed pipe or a full disk behind standard output: the output is incomplete
        err.println(
            "mpi "
                + args[0]
                + ": cannot write to standard output (closed or full); its output is incomplete");
        return 1;
      }
      return code;
    } catch (UsageException | InvalidSpecException e) {
      // a spec the options contradict is a usage error, wherever it is built
      err.println("mpi " + args[0] + ": " + Echo.message(e.getMessage()));
      return 2;
    } catch (UncoveredEffortException e) {
      err.println("mpi " + args[0] + ": " + Echo.message(e.getMessage()));
      return 3;
    } catch (RejectedRecordException | InvalidValueException e) {
      // their messages were cut when made (Echo): one line, escaped
      err.println("mpi " + args[0] + ": " + Echo.escape(e.getMessage()));
      return 1;
    } catch (java.io.UncheckedIOException e) {
      err.println("mpi " + args[0] + ": " + Echo.message(e.getMessage()));
      return 1;
    } catch (OutOfMemoryError e) {
      err.println(
          "mpi "
              + args[0]
              + ": out of memory (maximum heap "
              + (Runtime.getRuntime().maxMemory() >> 20)
              + " MB): give the JVM more, e.g. MPI_JAVA_OPTS=-Xmx16g ./mpi "
              + args[0]
              + " ...");
      return 1;
    } catch (RuntimeException e) {
      // anything else is a bug of the library: one line, the stack trace only when asked for
      err.println(
          "mpi "
              + args[0]
              + ": internal error: "
              + Echo.message(e.toString())
              + (System.getenv("MPI_DEBUG") == null
                  ? " (run with MPI_DEBUG=1 for the stack trace, and please report it)"
                  : ""));
      if (System.getenv("MPI_DEBUG") != null) {
        e.printStackTrace(err);
      }
      return 1;
    }
  }
}
