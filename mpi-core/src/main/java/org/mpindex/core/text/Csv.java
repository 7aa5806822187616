package org.mpindex.core.text;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one line of comma-separated values (RFC 4180 quoting: fields may be wrapped in double
 * quotes, with doubled quotes inside). Fields are returned as written, without trimming. A quoted
 * field spanning several lines is not supported: CMS files do not use them.
 */
public final class Csv {
  private Csv() {}

  /**
   * Splits one line of delimited text into its fields (RFC 4180 quoting).
   *
   * @param line one line without its line terminator
   * @param delimiter the field separator, usually {@code ','}
   * @return the fields; an empty line gives one empty field
   * @throws IllegalArgumentException naming the column when a quote is not closed
   */
  public static List<String> split(String line, char delimiter) {
    List<String> out = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    int i = 0;
    int n = line.length();
    while (true) {
      if (i < n && line.charAt(i) == '"') {
        i++;
        while (true) {
          if (i >= n) {
            throw new IllegalArgumentException("unclosed quote in column " + (out.size() + 1));
          }
          char c = line.charAt(i);
          if (c == '"') {
            if (i + 1 < n && line.charAt(i + 1) == '"') {
              field.append('"');
              i += 2;
            } else {
              i++;
              break;
            }
          } else {
            field.append(c);
            i++;
          }
        }
        while (i < n && line.charAt(i) != delimiter) {
          field.append(line.charAt(i++));
        }
      } else {
        // unquoted: one substring, no copying char by char
        int end = line.indexOf(delimiter, i);
        if (end < 0) {
          end = n;
        }
        out.add(line.substring(i, end));
        i = end;
        if (i >= n) {
          return out;
        }
        i++;
        continue;
      }
      out.add(field.toString());
      field.setLength(0);
      if (i >= n) {
        return out;
      }
      i++; // skip the delimiter
    }
  }

  /** Splits on commas. */
  public static List<String> split(String line) {
    return split(line, ',');
  }

  /**
   * A text cell that came from data or a file name, for a CSV file a spreadsheet may open: {@link
   * #neutralise}d, then {@link #quote}d. Numbers the tool writes itself are not text cells.
   */
  public static String textCell(String value) {
    return quote(neutralise(value));
  }

  /**
   * {@code value} with a single quote in front when it starts with {@code =}, {@code +}, {@code -},
   * {@code @}, a tab or a carriage return, so that a spreadsheet shows it as text instead of running
   * it as a formula (OWASP "CSV injection"); any other value unchanged. A reader of the file who
   * wants the value back drops the leading quote of such a cell.
   */
  public static String neutralise(String value) {
    if (value.isEmpty()) {
      return value;
    }
    char c = value.charAt(0);
    return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r'
        ? "'" + value
        : value;
  }

  /** Quotes {@code value} when it holds a comma, quote or line break. */
  public static String quote(String value) {
    if (value.indexOf(',') < 0
        && value.indexOf('"') < 0
        && value.indexOf('\n') < 0
        && value.indexOf('\r') < 0) {
      return value;
    }
    return '"' + value.replace("\"", "\"\"") + '"';
  }
}
