package org.mpindex.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Command-line arguments: {@code --name value}, {@code --name=value}, {@code --name v1 v2 ...} for
 * options that take several values, {@code --flag} for switches, and positionals. Every option must
 * be declared; anything else is a {@link UsageException} naming it.
 */
final class Args {
  private final Map<String, List<String>> values = new LinkedHashMap<>();
  private final List<String> positionals = new ArrayList<>();
  private String commandLine = "";

  /**
   * @param single options taking one value
   * @param multi options taking one or more values
   * @param flags switches
   */
  static Args parse(
      String[] argv, Set<String> single, Set<String> multi, Set<String> flags, String command) {
    Args a = new Args();
    a.commandLine = commandLine(command, argv);
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < argv.length; i++) {
      String t = argv[i];
      if (!t.startsWith("--")) {
        a.positionals.add(t);
        continue;
      }
      String name = t.substring(2);
      String inline = null;
      int eq = name.indexOf('=');
      if (eq >= 0) {
        inline = name.substring(eq + 1);
        name = name.substring(0, eq);
      }
      if (flags.contains(name)) {
        if (inline != null) {
          throw new UsageException("--" + name + " takes no value");
        }
        a.values.put(name, List.of("true"));
      } else if (single.contains(name)) {
        String v = inline;
        if (v == null) {
          if (i + 1 >= argv.length || argv[i + 1].startsWith("--")) {
            throw new UsageException("--" + name + " needs a value");
          }
          v = argv[++i];
        }
        if (seen.merge(name, 1, Integer::sum) > 1) {
          throw new UsageException("--" + name + " given twice");
        }
        a.values.put(name, List.of(v));
      } else if (multi.contains(name)) {
        List<String> vs = a.values.computeIfAbsent(name, k -> new ArrayList<>());
        if (inline != null) {
          vs.add(inline);
        }
        while (i + 1 < argv.length && !argv[i + 1].startsWith("--")) {
          vs.add(argv[++i]);
        }
        if (vs.isEmpty()) {
          throw new UsageException("--" + name + " needs at least one value");
        }
      } else {
        throw new UsageException("unknown option --" + name + " (see mpi " + command + " --help)");
      }
    }
    return a;
  }

  boolean flag(String name) {
    return values.containsKey(name);
  }

  Optional<String> get(String name) {
    List<String> v = values.get(name);
    return v == null ? Optional.empty() : Optional.of(v.get(0));
  }

  String require(String name) {
    return get(name).orElseThrow(() -> new UsageException("--" + name + " is required"));
  }

  List<String> all(String name) {
    return values.getOrDefault(name, List.of());
  }

  List<String> positionals() {
    return positionals;
  }

  int integer(String name, int dflt, int min) {
    Optional<String> v = get(name);
    if (v.isEmpty()) {
      return dflt;
    }
    try {
      int i = Integer.parseInt(v.get());
      if (i < min) {
        throw new UsageException("--" + name + " must be at least " + min + ", got " + v.get());
      }
      return i;
    } catch (NumberFormatException e) {
      throw new UsageException("--" + name + " needs a whole number, got '" + v.get() + "'");
    }
  }

  /** The command as given ({@code mpi compute --claims c.csv ...}), words with blanks quoted. */
  String commandLine() {
    return commandLine;
  }

  private static String commandLine(String command, String[] argv) {
    StringBuilder b = new StringBuilder("mpi ").append(command);
    for (String t : argv) {
      b.append(' ');
      if (t.isEmpty()
          || t.chars().anyMatch(c -> Character.isWhitespace(c) || c == '\'' || c == '"')) {
        b.append('\'').append(t.replace("'", "'\\''")).append('\'');
      } else {
        b.append(t);
      }
    }
    return b.toString();
  }
}
