package org.mpindex.adg;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mpindex.core.claims.CodeSystem;
import org.mpindex.core.claims.DiagnosisCode;
import org.mpindex.core.claims.InvalidValueException;
import org.mpindex.core.index.IngestTally;
import org.mpindex.core.spi.BurdenGrouper;
import org.mpindex.core.spi.MalformedRecordException;
import org.mpindex.core.text.CsvTable;
import org.mpindex.core.text.LineReader;
import org.mpindex.core.text.ReadRejection;

/**
 * ADG categories from a licensed user's ICD-to-ADG table. The library ships no mapping: the ACG
 * system's is proprietary.
 *
 * <p>File layout (CSV, UTF-8, header row required, column order free):
 *
 * <pre>
 * code_system,code,adg
 * icd9,250,10
 * icd9,250.1,11
 * icd10,E11,10
 * </pre>
 *
 * {@code code_system} is {@code icd9} or {@code icd10}; {@code code} is a code or a code prefix of 3
 * or more characters, dotted or not; {@code adg} is 1-34 (not the unused 15 and 19). A diagnosis code
 * takes the ADG(s) of its <em>longest</em> matching prefix; several rows with the same prefix give
 * several ADGs. Errors name the file, line and column.
 */
public final class AdgMapGrouper implements BurdenGrouper {
  private final String source;
  private final Map<CodeSystem, Map<String, Long>> byPrefix;
  private final PrefixTable icd9;
  private final PrefixTable icd10;

  private AdgMapGrouper(String source, Map<CodeSystem, Map<String, Long>> byPrefix) {
    this.source = source;
    this.byPrefix = byPrefix;
    this.icd9 = new PrefixTable(byPrefix.get(CodeSystem.ICD9CM));
    this.icd10 = new PrefixTable(byPrefix.get(CodeSystem.ICD10CM));
  }

  /** Reads a table file (plain or gzip'd). */
  public static AdgMapGrouper read(Path file) {
    return read(LineReader.open(file, StandardCharsets.UTF_8));
  }

  /**
   * Reads a table.
   *
   * @throws MalformedRecordException naming file, line and column for any bad row
   */
  public static AdgMapGrouper read(String fileName, Reader in) {
    return read(LineReader.of(fileName, in));
  }

  private static AdgMapGrouper read(LineReader lines) {
    Map<CodeSystem, Map<String, Long>> m = new EnumMap<>(CodeSystem.class);
    m.put(CodeSystem.ICD9CM, new HashMap<>());
    m.put(CodeSystem.ICD10CM, new HashMap<>());
    String fileName;
    try (CsvTable t = CsvTable.open(lines)) {
      fileName = t.file();
      if (!t.has("code_system") || !t.has("code") || !t.has("adg")) {
        throw new MalformedRecordException(
            ReadRejection.NO_HEADER,
            fileName,
            1,
            null,
            "header must name code_system, code and adg, found " + t.header());
      }
      int sys = t.require("code_system");
      int code = t.require("code");
      int adg = t.require("adg");
      // a table is all or nothing: the first bad row stops the read
      t.forEachRow(
          AdgRecordKind.ADG_TABLE_ROWS,
          new IngestTally(),
          true,
          row -> {
            CodeSystem system;
            try {
              system = CodeSystem.parse(row.get(sys));
            } catch (InvalidValueException e) {
              throw row.error(ReadRejection.BAD_CODE_SYSTEM, sys, e.getMessage());
            }
            String prefix;
            try {
              prefix = DiagnosisCode.of(system, row.get(code)).code();
            } catch (InvalidValueException e) {
              throw row.error(ReadRejection.BAD_CODE, code, e.getMessage());
            }
            Adg a;
            try {
              a = Adg.of(Integer.parseInt(row.get(adg)));
            } catch (NumberFormatException e) {
              throw row.error(ReadRejection.BAD_ADG, adg, "'" + row.get(adg) + "' is not a number");
            } catch (IllegalArgumentException e) {
              throw row.error(ReadRejection.BAD_ADG, adg, e.getMessage());
            }
            m.get(system).merge(prefix, 1L << a.bit(), (x, y) -> x | y);
          });
    }
    m.replaceAll((k, v) -> Map.copyOf(v));
    return new AdgMapGrouper(fileName, m);
  }

  @Override
  public long categoriesOf(DiagnosisCode code) {
    return (code.system() == CodeSystem.ICD9CM ? icd9 : icd10).longest(code.code());
  }

  @Override
  public List<String> categoryNames() {
    return Adg.slotNames();
  }

  /** Number of prefixes per code system. */
  public Map<CodeSystem, Integer> sizes() {
    Map<CodeSystem, Integer> s = new EnumMap<>(CodeSystem.class);
    byPrefix.forEach((k, v) -> s.put(k, v.size()));
    return s;
  }

  @Override
  public String describe() {
    return "ADG (ACG system) from user table "
        + source
        + " ("
        + sizes().get(CodeSystem.ICD9CM)
        + " ICD-9-CM and "
        + sizes().get(CodeSystem.ICD10CM)
        + " ICD-10-CM prefixes)";
  }

  @Override
  public String toString() {
    return describe();
  }
}
