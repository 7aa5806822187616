package org.mpindex.testkit.layouts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mpindex.core.claims.ClaimLine;
import org.mpindex.core.claims.Enrollment;
import org.mpindex.core.claims.Geography;
import org.mpindex.core.claims.Sex;
import org.mpindex.testkit.Population;

/** What the layout writers share: grouping lines into claims, writing comma-separated files. */
final class LayoutFiles {
  private LayoutFiles() {}

  /**
   * The claim lines of {@code population} grouped by claim (beneficiary and claim id), claims in the
   * order their first line comes, lines in population order.
   */
  static List<List<ClaimLine>> claims(Population population) {
    Map<String, List<ClaimLine>> byClaim = new LinkedHashMap<>();
    for (ClaimLine l : population.claimLines()) {
      byClaim
          .computeIfAbsent(l.beneficiaryId() + '\u0000' + l.claimId(), k -> new ArrayList<>())
          .add(l);
    }
    return new ArrayList<>(byClaim.values());
  }

  /**
   * The coverage spans of {@code population} by beneficiary id, each person's in population order
   * (one pass, so that a writer looking up every person's spans stays linear in the population).
   */
  static Map<String, List<Enrollment>> spansByBeneficiary(Population population) {
    Map<String, List<Enrollment>> out = new HashMap<>();
    for (Enrollment e : population.enrollments()) {
      out.computeIfAbsent(e.beneficiaryId(), k -> new ArrayList<>()).add(e);
    }
    return out;
  }

  /**
   * Writes {@code rows} under {@code header} as comma-separated UTF-8 text, one line each.
   *
   * @throws IllegalArgumentException when a cell holds a comma, quote or line break (the writers
   *     write codes, dates and ids only, never quoted text)
   * @throws UncheckedIOException when the file cannot be written
   */
  static Path write(Path file, List<String> header, List<List<String>> rows) {
    StringBuilder b = new StringBuilder();
    line(b, header);
    for (List<String> row : rows) {
      if (row.size() != header.size()) {
        throw new IllegalStateException(
            file + ": a row of " + row.size() + " cells under " + header.size() + " columns");
      }
      line(b, row);
    }
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      return Files.writeString(file, b, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  private static void line(StringBuilder b, List<String> cells) {
    for (int i = 0; i < cells.size(); i++) {
      String c = cells.get(i);
      if (c.indexOf(',') >= 0 || c.indexOf('"') >= 0 || c.indexOf('\n') >= 0) {
        throw new IllegalArgumentException("cell '" + c + "' needs quoting; ids and codes only");
      }
      if (i > 0) {
        b.append(',');
      }
      b.append(c);
    }
    b.append('\n');
  }

  /** ISO date, {@code YYYY-MM-DD}; blank for null. */
  static String iso(LocalDate d) {
    return d == null ? "" : d.toString();
  }

  /** CCW date, {@code YYYYMMDD}; blank for null. */
  static String basic(LocalDate d) {
    return d == null ? "" : d.format(DateTimeFormatter.BASIC_ISO_DATE);
  }

  /** CMS sex code: 1 male, 2 female, 0 unknown. */
  static String cmsSex(Sex s) {
    return switch (s) {
      case MALE -> "1";
      case FEMALE -> "2";
      case UNKNOWN -> "0";
    };
  }

  /** The county FIPS code's last three digits (the county within its state), or blank. */
  static String countyOfState(Geography g) {
    return g.countyFips().map(c -> c.substring(2)).orElse("");
  }
}
