package org.mpindex.io.input;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.mpindex.core.spi.MalformedRecordException;
import org.mpindex.core.text.CsvTable;

/**
 * Tells which table of a layout each input file is, from its header (and, for layouts that need it,
 * its name): the step between "here are my files" and {@link InputFiles}. Folders are read one level
 * deep; their files that are none of the layout's tables are left out and listed ({@link
 * Assignment#ignored()}), never read; a file named on its own that is none of them is an error.
 */
public final class InputDetection {
  private InputDetection() {}

  /**
   * The files of a run and what was left out.
   *
   * @param files the files by table
   * @param ignored files found in folders that are none of the layout's tables, each with why
   */
  public record Assignment(InputFiles files, Map<Path, String> ignored) {
    public Assignment {
      ignored = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(ignored));
    }
  }

  /** A file's header as the layout readers see it (column names as written); empty if unreadable. */
  public static Optional<List<String>> header(Path file) {
    try (CsvTable t = Tables.open(file, StandardCharsets.UTF_8)) {
      return Optional.of(t.header());
    } catch (MalformedRecordException | UncheckedIOException e) {
      return Optional.empty();
    }
  }

  /**
   * The table of {@code format} each file is, files and folders (one level deep, hidden files and
   * sub-folders skipped) taken in the order given, folder entries by name.
   *
   * @throws InputLayoutException naming a file given on its own that is none of the layout's tables,
   *     a path that does not exist, or a required table no file is
   */
  public static Assignment assign(InputFormat format, List<Path> paths) {
    Map<String, List<Path>> byTable = new LinkedHashMap<>();
    Map<Path, String> ignored = new LinkedHashMap<>();
    for (Path p : paths) {
      if (Files.isDirectory(p)) {
        for (Path f : list(p)) {
          Optional<InputTable> t = tableOf(format, f);
          if (t.isPresent()) {
            byTable.computeIfAbsent(t.get().name(), k -> new ArrayList<>()).add(f);
          } else {
            ignored.put(f, "none of the " + format.name() + " tables");
          }
        }
      } else if (Files.isRegularFile(p)) {
        InputTable t =
            tableOf(format, p)
                .orElseThrow(
                    () ->
                        new InputLayoutException(
                            p
                                + " is none of the "
                                + format.name()
                                + " tables ("
                                + expected(format)
                                + "); its header is "
                                + header(p)
                                    .map(h -> cut(String.join(",", h)))
                                    .orElse("unreadable")));
        byTable.computeIfAbsent(t.name(), k -> new ArrayList<>()).add(p);
      } else {
        throw new InputLayoutException(p + ": no such file or folder");
      }
    }
    InputFiles files = new InputFiles(format, byTable);
    requireTables(files);
    return new Assignment(files, ignored);
  }

  /**
   * The files given by role (the command's {@code --beneficiaries}, {@code --enrollment}, {@code
   * --claims}): each is the table its header says, or, when the layout has one table of that role,
   * that table (its reader then names what the file lacks).
   *
   * @throws InputLayoutException naming a file that is none of the tables of its role, or a required
   *     table no file is
   */
  public static InputFiles byRole(InputFormat format, Map<InputTable.Role, List<Path>> files) {
    Map<String, List<Path>> byTable = new LinkedHashMap<>();
    files.forEach(
        (role, list) -> {
          for (Path f : list) {
            InputTable table =
                tableOf(format, f, header(f).orElse(List.of()), Optional.of(role))
                    .orElseThrow(() -> noneOf(format, f.toString(), Optional.of(role), ""));
            byTable.computeIfAbsent(table.name(), k -> new ArrayList<>()).add(f);
          }
        });
    InputFiles out = new InputFiles(format, byTable);
    requireTables(out);
    return out;
  }

  /**
   * The table an input named {@code name} with columns {@code header} is among the layout's tables of
   * {@code role} (any role when empty): the one its header says, else the role's only table (whose
   * reader then names what the input lacks); empty when neither. For inputs that are not files of
   * this machine (a distributed reader's datasets) as for files.
   */
  public static Optional<InputTable> tableOf(
      InputFormat format, Path name, List<String> header, Optional<InputTable.Role> role) {
    List<InputTable> candidates = candidates(format, role);
    Optional<InputTable> t = format.recognise(name, header).filter(candidates::contains);
    if (t.isEmpty() && role.isPresent() && candidates.size() == 1) {
      t = Optional.of(candidates.get(0));
    }
    return t;
  }

  private static List<InputTable> candidates(InputFormat format, Optional<InputTable.Role> role) {
    return format.tables().stream().filter(t -> role.isEmpty() || t.role() == role.get()).toList();
  }

  /**
   * The refusal of an input that is none of the layout's tables (of {@code role}), naming them;
   * {@code more} is appended (its columns, say).
   */
  public static InputLayoutException noneOf(
      InputFormat format, String input, Optional<InputTable.Role> role, String more) {
    return new InputLayoutException(
        input
            + " is none of the "
            + format.name()
            + role.map(r -> " " + r.name().toLowerCase(java.util.Locale.ROOT)).orElse("")
            + " tables ("
            + names(candidates(format, role))
            + ")"
            + more);
  }

  /** The table a file is: by name and header as the layout recognises it. */
  public static Optional<InputTable> tableOf(InputFormat format, Path file) {
    Optional<List<String>> h = header(file);
    return format.recognise(file, h.orElse(List.of()));
  }

  /**
   * Checks that every required table of the layout has a file, and some claims table has one.
   *
   * @throws InputLayoutException naming every required table no file is, and the claims when no
   *     claims table has a file
   */
  public static void requireTables(InputFiles files) {
    InputFormat format = files.format();
    List<String> missing = new ArrayList<>();
    boolean anyClaims = false;
    boolean hasClaimsTable = false;
    for (InputTable t : format.tables()) {
      if (t.role() == InputTable.Role.CLAIMS) {
        hasClaimsTable = true;
        anyClaims |= !files.of(t.name()).isEmpty();
      }
      if (t.required() && files.of(t.name()).isEmpty()) {
        missing.add(describe(t));
      }
    }
    if (hasClaimsTable && !anyClaims && missing.stream().noneMatch(m -> m.contains("claim"))) {
      List<InputTable> claims =
          format.tables().stream().filter(t -> t.role() == InputTable.Role.CLAIMS).toList();
      missing.add("a claims file (" + names(claims) + ")");
    }
    if (!missing.isEmpty()) {
      throw new InputLayoutException(
          "--format " + format.name() + ": missing " + String.join("; ", missing));
    }
  }

  private static String describe(InputTable t) {
    return "the " + t.name() + " table (a header with " + String.join(", ", t.signature()) + ")";
  }

  private static String expected(InputFormat format) {
    return names(format.tables());
  }

  private static String names(List<InputTable> tables) {
    List<String> n = new ArrayList<>();
    tables.forEach(t -> n.add(t.name()));
    return String.join(", ", n);
  }

  private static String cut(String s) {
    return s.length() <= 200 ? s : s.substring(0, 200) + "...";
  }

  /** A folder's regular, non-hidden files, by name. */
  static List<Path> list(Path dir) {
    List<Path> out = new ArrayList<>();
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
      for (Path f : s) {
        if (Files.isRegularFile(f) && !f.getFileName().toString().startsWith(".")) {
          out.add(f);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
    }
    out.sort(java.util.Comparator.naturalOrder());
    return out;
  }
}
