package org.mpindex.cli;

import java.io.PrintStream;
import java.util.Arrays;
import org.mpindex.core.claims.InvalidValueException;
import org.mpindex.core.spi.RejectedRecordException;

/**
 * The {@code mpi} command. Exit codes: 0 done, 1 the run failed (unreadable file, strict-mode
 * rejection), 2 bad arguments (with a one-line reason on stderr), 3 the RVU files given do not
 * cover the effort the index needs (and {@code --allow-missing-rvu} was not given).
 */
public final class Main {
  private Main() {}

  static final String USAGE = String.join("\n",
      "usage: mpi <command> [options]",
      "",
      "commands:",
      "  demo      the index on a seeded synthetic Medicare-like population (50,000 beneficiaries,",
      "            2007-2009): prints the national series and the state table, writes series.csv,",
      "            groups.csv and report.html",
      "  compute   the index from DE-SynPUF or tidy CSV claims files",
      "  rvu       the work RVU effort of one claim line, and how it was derived",
      "  burden    the illness-burden categories of diagnosis codes, and the health level",
      "",
      "Run 'mpi <command> --help' for a command's options.");

  public static void main(String[] args) {
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", System.getProperty("mpi.log", "warn"));
    System.exit(run(args, System.out, System.err));
  }

  /** Runs a command; returns the exit code. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")) {
      (args.length == 0 ? err : out).println(USAGE);
      return args.length == 0 ? 2 : 0;
    }
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    java.util.Map<String, String> help = java.util.Map.of("demo", DemoCommand.HELP, "compute", ComputeCommand.HELP,
        "rvu", RvuCommand.HELP, "burden", BurdenCommand.HELP);
    if (help.containsKey(args[0]) && Arrays.asList(rest).contains("--help")) {
      out.println(help.get(args[0]));
      return 0;
    }
    try {
      switch (args[0]) {
        case "demo":
          return new DemoCommand(out, err).run(rest);
        case "compute":
          return new ComputeCommand(out, err).run(rest);
        case "rvu":
          return new RvuCommand(out, err).run(rest);
        case "burden":
          return new BurdenCommand(out, err).run(rest);
        default:
          err.println("mpi: unknown command '" + args[0] + "' (demo, compute, rvu, burden; see mpi --help)");
          return 2;
      }
    } catch (UsageException e) {
      err.println("mpi " + args[0] + ": " + e.getMessage());
      return 2;
    } catch (UncoveredEffortException e) {
      err.println("mpi " + args[0] + ": " + e.getMessage());
      return 3;
    } catch (RejectedRecordException | InvalidValueException | java.io.UncheckedIOException e) {
      err.println("mpi " + args[0] + ": " + e.getMessage());
      return 1;
    }
  }
}
