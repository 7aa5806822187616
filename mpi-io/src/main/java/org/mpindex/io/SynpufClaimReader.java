package org.mpindex.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.mpindex.core.claims.ClaimLine;
import org.mpindex.core.claims.ClaimType;
import org.mpindex.core.claims.CodeSystem;
import org.mpindex.core.claims.DiagnosisCode;
import org.mpindex.core.claims.InvalidValueException;
import org.mpindex.core.claims.ProcedureCode;
import org.mpindex.core.index.IngestTally;
import org.mpindex.core.spi.MalformedRecordException;

/**
 * Reads CMS 2008-2010 DE-SynPUF claims files into claim lines. The kind of file is told by its
 * header:
 *
 * <ul>
 *   <li><b>Carrier</b> ({@code DE1_0_2008_to_2010_Carrier_Claims_Sample_1A.csv}): up to 13 lines per
 *       row ({@code HCPCS_CD_1..13}, each with {@code LINE_ICD9_DGNS_CD_n}), and the claim's
 *       diagnoses {@code ICD9_DGNS_CD_1..8}. Each HCPCS line becomes a {@link ClaimType#PROFESSIONAL}
 *       line with the claim's diagnoses and its own line diagnosis; units 1 (the file has none).
 *   <li><b>Inpatient</b> (has {@code CLM_DRG_CD}) and <b>outpatient</b> claims: the claim's
 *       diagnoses {@code ICD9_DGNS_CD_1..10} and {@code ADMTNG_ICD9_DGNS_CD}, and {@code
 *       HCPCS_CD_1..45}; each HCPCS code becomes an {@link ClaimType#INPATIENT} or {@link
 *       ClaimType#OUTPATIENT} line with the claim's diagnoses (facility services: no effort unless
 *       the spec's effort claim types include them).
 * </ul>
 *
 * A row without any HCPCS code gives one diagnosis-only line, so its diagnoses still count. Codes
 * are ICD-9-CM without dots; dates {@code YYYYMMDD}; a line's window is that of {@code CLM_FROM_DT}
 * (by default). Invalid diagnosis or HCPCS codes are counted (unknown codes {@code invalid ICD-9-CM
 * ...}, {@code invalid HCPCS ...}) and left out of the line, in lenient mode; strict mode stops at
 * them. Rows that cannot be read (bad dates, wrong column count) are rejected by reason.
 */
public final class SynpufClaimReader {
  /** Kind of claims file. */
  public enum Kind {
    CARRIER("DE-SynPUF carrier claim rows", ClaimType.PROFESSIONAL),
    OUTPATIENT("DE-SynPUF outpatient claim rows", ClaimType.OUTPATIENT),
    INPATIENT("DE-SynPUF inpatient claim rows", ClaimType.INPATIENT);

    private final String rows;
    private final ClaimType type;

    Kind(String rows, ClaimType type) {
      this.rows = rows;
      this.type = type;
    }

    /** The tally record kind of its rows. */
    public String rows() {
      return rows;
    }
  }

  /** Note: claim lines produced from the rows. */
  public static final String LINES_PRODUCED = "claim lines produced from DE-SynPUF claim rows";

  private final boolean strict;

  public SynpufClaimReader(boolean strict) {
    this.strict = strict;
  }

  /** Reads a file, streaming its claim lines into {@code sink}. */
  public IngestTally read(Path file, Consumer<Object> sink) {
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return read(file.getFileName().toString(), r, sink);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  public IngestTally read(String fileName, Reader in, Consumer<Object> sink) {
    IngestTally tally = new IngestTally();
    try (CsvTable t = new CsvTable(fileName, new BufferedReader(in))) {
      Kind kind = t.has("LINE_ICD9_DGNS_CD_1") ? Kind.CARRIER : t.has("CLM_DRG_CD") ? Kind.INPATIENT : Kind.OUTPATIENT;
      int id = t.require("DESYNPUF_ID");
      int claim = t.require("CLM_ID");
      int from = t.require("CLM_FROM_DT");
      int thru = t.require("CLM_THRU_DT");
      List<Integer> claimDx = new ArrayList<>();
      for (int i = 1; t.has("ICD9_DGNS_CD_" + i); i++) {
        claimDx.add(t.require("ICD9_DGNS_CD_" + i));
      }
      int admitting = t.optional("ADMTNG_ICD9_DGNS_CD");
      if (admitting >= 0) {
        claimDx.add(admitting);
      }
      List<Integer> hcpcs = new ArrayList<>();
      List<Integer> lineDx = new ArrayList<>();
      for (int i = 1; t.has("HCPCS_CD_" + i); i++) {
        hcpcs.add(t.require("HCPCS_CD_" + i));
        lineDx.add(t.optional("LINE_ICD9_DGNS_CD_" + i));
      }
      if (hcpcs.isEmpty()) {
        t.require("HCPCS_CD_1");
      }
      long[] produced = {0};
      t.forEachRow(kind.rows, tally, strict, row -> {
        String bene = row.required(id);
        String claimId = row.required(claim);
        LocalDate fromDate = row.requiredDate(from);
        LocalDate thruDate = row.date(thru).orElse(fromDate);
        if (thruDate.isBefore(fromDate)) {
          throw row.error("bad dates", thru, "'" + row.get(thru) + "' is before CLM_FROM_DT " + row.get(from));
        }
        List<DiagnosisCode> dx = new ArrayList<>();
        for (int c : claimDx) {
          diagnosis(row, c, tally).ifPresent(dx::add);
        }
        List<ClaimLine> lines = new ArrayList<>();
        for (int i = 0; i < hcpcs.size(); i++) {
          String code = row.get(hcpcs.get(i));
          if (code.isEmpty()) {
            continue;
          }
          ClaimLine.Builder b = ClaimLine.builder().claimId(claimId).beneficiaryId(bene)
              .serviceFrom(fromDate).serviceThrough(thruDate).claimType(kind.type).diagnoses(dx);
          procedure(row, hcpcs.get(i), tally).ifPresent(b::procedure);
          if (lineDx.get(i) >= 0) {
            diagnosis(row, lineDx.get(i), tally).ifPresent(b::diagnosis);
          }
          lines.add(b.build());
        }
        if (lines.isEmpty() && !dx.isEmpty()) {
          lines.add(ClaimLine.builder().claimId(claimId).beneficiaryId(bene).serviceFrom(fromDate)
              .serviceThrough(thruDate).claimType(kind.type).diagnoses(dx).units(0).build());
        }
        if (lines.isEmpty()) {
          tally.note("DE-SynPUF claim rows without any code (nothing to fold)");
        }
        lines.forEach(sink);
        produced[0] += lines.size();
      });
      if (produced[0] > 0) {
        tally.note(LINES_PRODUCED, produced[0]);
      }
    }
    return tally;
  }

  private Optional<DiagnosisCode> diagnosis(CsvTable.Row row, int column, IngestTally tally) {
    String v = row.get(column);
    if (v.isEmpty()) {
      return Optional.empty();
    }
    Optional<DiagnosisCode> d = DiagnosisCode.tryParse(CodeSystem.ICD9CM, v);
    if (d.isEmpty()) {
      if (strict) {
        try {
          DiagnosisCode.icd9(v);
        } catch (InvalidValueException e) {
          throw row.error("invalid diagnosis code", column, e.getMessage());
        }
      }
      tally.unknownCode("invalid ICD-9-CM", v);
    }
    return d;
  }

  private Optional<ProcedureCode> procedure(CsvTable.Row row, int column, IngestTally tally) {
    String v = row.get(column);
    try {
      return Optional.of(ProcedureCode.of(v));
    } catch (InvalidValueException e) {
      if (strict) {
        throw row.error("invalid HCPCS code", column, e.getMessage());
      }
      tally.unknownCode("invalid HCPCS", v);
      return Optional.empty();
    }
  }
}
