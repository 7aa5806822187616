package org.mpindex.parquet;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.mpindex.core.claims.Beneficiary;
import org.mpindex.core.index.ClaimColumns;
import org.mpindex.core.index.ColumnarIngest;
import org.mpindex.core.index.IndexAssembler;
import org.mpindex.core.index.IngestTally;
import org.mpindex.core.spi.MalformedRecordException;
import org.mpindex.core.text.CsvTable;
import org.mpindex.io.TidyCells;
import org.mpindex.io.TidyCsvReader;
import org.mpindex.io.collect.LongPairMap;
import org.mpindex.io.collect.LongSet;
import org.mpindex.io.input.ReadContext;

/**
 * The fast path of a tidy claims file in Parquet: the same rows, counts, rejections and index as
 * {@link TidyCsvReader} reading the file row by row through {@link ParquetTableOpener}, with the
 * columns decoded a row group at a time and the lines fed to the assembler as {@link ClaimColumns}
 * (no object per line).
 *
 * <p>How: each column of a row group is decoded into one value id per row, each distinct value
 * stored once ({@link Column}: a dictionary-encoded column costs an int a row); each distinct value
 * is parsed once per row group (dates, codes, units), each distinct beneficiary interned once, each
 * distinct (procedure, units, claim type, place) signature once. The row checks the row reader makes
 * are made here in its order and with its reasons: an exact duplicate among a claim's consecutive
 * rows, a claim row naming another beneficiary, a claim read before ({@link #readingClaimsOnce}).
 * A row the fast path does not take as it is (a blank or bad value, modifiers, a diagnosis list
 * starting with a separator, an invalid diagnosis in strict mode, a beneficiary unknown or not alive
 * on the service day when the context knows the beneficiaries) is read by {@link TidyCsvReader}'s
 * row parser at its place: the same rejection, naming the same file, line and column.
 *
 * <p>Lines are added one by one, not grouped into claims (as {@code FastTidyClaims} adds them).
 * Single-threaded; one instance reads one run of files in order.
 */
public final class ParquetTidyClaims {
  private final ReadContext context;
  private final boolean strict;
  private final Function<String, Optional<Beneficiary>> known;
  // claim ids read before, as 64-bit FNV-1a hashes ({@link #readingClaimsOnce}); null: no check
  private final LongSet claimsRead;
  // rows handed to the row parser so far (tests check that valid files take the columnar path)
  long rowParserRows;

  /**
   * A reader in {@code context}'s mode, counting into its tally, listing rejections to its sink,
   * dating claims by its rule, and checking claims against its beneficiaries when it knows them
   * ({@link ReadContext#checksBeneficiaries}).
   */
  public ParquetTidyClaims(ReadContext context) {
    this(context, null);
  }

  private ParquetTidyClaims(ReadContext context, LongSet claimsRead) {
    this.context = Objects.requireNonNull(context, "context");
    this.strict = context.strict();
    this.known = context.checksBeneficiaries() ? context.beneficiaries() : null;
    this.claimsRead = claimsRead;
  }

  /**
   * This reader remembering the claims it reads across its files, as {@link
   * TidyCsvReader#readingClaimsOnce()}: every row of a claim met again after other claims' rows, or
   * in a later file, is rejected ({@link TidyCsvReader#REPEATED_CLAIM}).
   */
  public ParquetTidyClaims readingClaimsOnce() {
    return new ParquetTidyClaims(context, new LongSet());
  }

  /**
   * Reads a tidy claims Parquet file (or a directory of parts, as {@link ParquetTableOpener} reads
   * it) into {@code assembler}, counting rows into the context's tally (record kind {@link
   * TidyCsvReader#CLAIM_ROWS}).
   *
   * @return the context's tally
   * @throws MalformedRecordException in strict mode at the first bad row; naming the header when a
   *     required column is missing
   * @throws ParquetFormatException when the file is not Parquet this module reads
   */
  public IngestTally read(Path file, IndexAssembler assembler) {
    new Run(file, assembler).read();
    return context.tally();
  }

  /** One file's read. */
  private final class Run {
    private final String name;
    private final Path path;
    private final IndexAssembler assembler;
    private final ColumnarIngest columnar;
    private final IngestTally tally = context.tally();
    private final List<ParquetFile> parts = new ArrayList<>();
    private List<String> header;
    private int claim;
    private int beneficiary;
    private int from;
    private int through;
    private int type;
    private int procedure;
    private int modifiers;
    private int units;
    private int place;
    private int system;
    private int diagnoses;
    private final ClaimColumns batch = new ClaimColumns(1 << 16);
    private TidyCsvReader rows;
    private long currentLine;
    // the current claim's run of rows (duplicates) and its beneficiary (owner)
    private String runKey;
    private final List<Object> runRows = new ArrayList<>(); // int row of this group, or String[]
    private final List<Long> runLines = new ArrayList<>();
    private String ownerClaim;
    private String owner;
    private boolean inClaimRun;
    private long lastClaimKey;
    private boolean lastRepeated;
    private final TidyCells.Diagnoses dxIndex;

    Run(Path file, IndexAssembler assembler) {
      this.name = file.toString();
      this.path = file;
      this.assembler = Objects.requireNonNull(assembler, "assembler");
      this.columnar = assembler.columnar();
      this.dxIndex = new TidyCells.Diagnoses(columnar);
    }

    void read() {
      for (Path p : ParquetTableOpener.parts(path)) {
        parts.add(ParquetFile.open(p));
      }
      header = new ColumnBatches(parts.get(0), null).names();
      // the header through the row reader's table: the same errors for a missing column
      CsvTable t = CsvTable.of(name, header, java.util.Collections.emptyIterator());
      claim = t.require("claim_id");
      beneficiary = t.require("beneficiary_id");
      from = t.require("from_date");
      through = t.optional("through_date");
      type = t.optional("claim_type");
      procedure = t.optional("procedure");
      modifiers = t.optional("modifiers");
      units = t.optional("units");
      place = t.optional("place_of_service");
      system = t.optional("code_system");
      diagnoses = t.optional("diagnoses");
      rows =
          new TidyCsvReader(context.mode(), context.dating())
              .rejectsTo(e -> context.rejects().accept(renumbered(e)));
      if (known != null) {
        rows = rows.checkedAgainst(known);
      }
      inClaimRun = false; // a claim continued from the previous file is a repeat
      long line = 1;
      for (ParquetFile part : parts) {
        List<String> h = new ColumnBatches(part, null).names();
        if (!h.equals(header)) {
          throw new ParquetFormatException(
              part.name,
              "has columns " + h + ", the first part " + parts.get(0).name + " " + header);
        }
        ColumnBatches batches = new ColumnBatches(part, null);
        int n;
        while ((n = batches.next()) >= 0) {
          Group g = new Group(batches);
          for (int r = 0; r < n; r++) {
            row(g, r, ++line);
          }
          flush();
          // the run may go on in the next group, which reuses the columns: keep its rows as text
          for (int i = 0; i < runRows.size(); i++) {
            if (runRows.get(i) instanceof Integer r) {
              runRows.set(i, g.cells(r));
            }
          }
        }
      }
      flush();
    }

    private void row(Group g, int r, long line) {
      String claimId = g.stripped(claim, r);
      // as CsvTable.forEachRow: an exact repeat of a row of the claim's run is counted once
      if (!claimId.equals(runKey)) {
        runKey = claimId;
        runRows.clear();
        runLines.clear();
      }
      for (int i = 0; i < runRows.size(); i++) {
        Object o = runRows.get(i);
        boolean same = o instanceof Integer k ? g.sameRow(k, r) : g.sameCells((String[]) o, r);
        if (same) {
          tally.read(TidyCsvReader.CLAIM_ROWS);
          tally.reject(TidyCsvReader.CLAIM_ROWS, CsvTable.DUPLICATE_ROW, 1);
          context
              .rejects()
              .accept(
                  new MalformedRecordException(
                      CsvTable.DUPLICATE_ROW,
                      name,
                      line,
                      null,
                      "identical to line " + runLines.get(i) + " of the same claim: counted once"));
          return;
        }
      }
      runRows.add(r);
      runLines.add(line);
      // as the row reader's ClaimOwner: a run's rows belong to its first row's beneficiary
      String id = g.stripped(beneficiary, r);
      if (!claimId.isEmpty() && !id.isEmpty()) {
        if (!claimId.equals(ownerClaim)) {
          ownerClaim = claimId;
          owner = id;
        } else if (!id.equals(owner)) {
          String column = header.get(beneficiary).strip();
          reject(
              new MalformedRecordException(
                  TidyCsvReader.CLAIM_OF_ANOTHER_BENEFICIARY.in(column),
                  name,
                  line,
                  column,
                  "claim "
                      + claimId
                      + " belongs to beneficiary "
                      + owner
                      + " (its first row), this row names "
                      + id
                      + ": one claim cannot be two beneficiaries'"));
          return;
        }
      }
      if (claimId.isEmpty()) {
        slow(g, r, line);
        return;
      }
      if (claimsRead != null && repeatedClaim(claimId)) {
        String column = header.get(claim).strip();
        reject(
            new MalformedRecordException(
                TidyCsvReader.REPEATED_CLAIM.in(column),
                name,
                line,
                column,
                "claim "
                    + claimId
                    + " was read before, apart from this row (in an earlier file, or earlier in"
                    + " this one with other claims between): its rows are read once"));
        return;
      }
      if (!g.take(r)) {
        slow(g, r, line);
        return;
      }
      tally.read(TidyCsvReader.CLAIM_ROWS);
      g.add(r);
      tally.accept(TidyCsvReader.CLAIM_ROWS, 1);
      if (batch.size() >= 1 << 16) {
        flush();
      }
    }

    /** Whether claim {@code claimId}'s run is a repeat of a claim read before (as ClaimRuns). */
    private boolean repeatedClaim(String claimId) {
      long key = fnv(claimId);
      if (inClaimRun && key == lastClaimKey) {
        return lastRepeated;
      }
      lastClaimKey = key;
      inClaimRun = true;
      lastRepeated = !claimsRead.add(key);
      return lastRepeated;
    }

    /** Counts a row as read and rejected; reports it, or throws it in strict mode. */
    private void reject(MalformedRecordException e) {
      tally.read(TidyCsvReader.CLAIM_ROWS);
      tally.reject(TidyCsvReader.CLAIM_ROWS, e.reason(), 1);
      if (strict) {
        throw e;
      }
      context.rejects().accept(e);
    }

    /** Row {@code r} through the row reader (which counts it), at its line. */
    private void slow(Group g, int r, long line) {
      flush();
      rowParserRows++;
      currentLine = line;
      try {
        rows.read(
            CsvTable.of(name, header, List.of(Arrays.asList(g.cells(r))).iterator()),
            TidyCsvReader.CLAIM_ROWS,
            org.mpindex.core.index.RecordSink.into(assembler),
            tally,
            false);
      } catch (MalformedRecordException e) {
        throw renumbered(e);
      }
    }

    /** A rejection of the one-row table as line {@link #currentLine} of the file. */
    private MalformedRecordException renumbered(MalformedRecordException e) {
      return TidyCells.atLine(e, currentLine);
    }

    private void flush() {
      if (batch.size() > 0) {
        columnar.add(batch);
        batch.clear();
      }
    }

    /** A row group's columns and each distinct value parsed once. */
    private final class Group {
      private final Column[] cols;
      private final Column idCol;
      // per value id of a column, lazily: the stripped text; parsed values; interned indices
      private final String[][] strippedText;
      private final Object[] fromParsed;
      private final Object[] throughParsed;
      private final Object[] typeParsed;
      private final Object[] procParsed;
      private final Object[] unitsParsed;
      private final Object[] placeParsed;
      private final Object[] systemParsed;
      private final String[][] dxSplit;
      private final int[] patient;
      private final Object[] life; // Optional<Beneficiary>
      private final LongPairMap signatures = new LongPairMap();
      private final TidyCells.Line line = new TidyCells.Line();

      Group(ColumnBatches b) {
        int n = header.size();
        cols = new Column[n];
        strippedText = new String[n][];
        for (int i = 0; i < n; i++) {
          cols[i] = b.column(i);
          strippedText[i] = new String[cols[i].distinct()];
        }
        idCol = cols[beneficiary];
        fromParsed = values(from);
        throughParsed = values(through);
        typeParsed = values(type);
        procParsed = values(procedure);
        unitsParsed = values(units);
        placeParsed = values(place);
        systemParsed = values(system);
        dxSplit = diagnoses < 0 ? new String[0][] : new String[cols[diagnoses].distinct()][];
        patient = new int[idCol.distinct()];
        Arrays.fill(patient, -1);
        life = new Object[idCol.distinct()];
      }

      private Object[] values(int column) {
        return column < 0 ? new Object[0] : new Object[cols[column].distinct()];
      }

      /** Value id of a column's row; -1 for a missing column or a null. */
      private int id(int column, int r) {
        return column < 0 ? -1 : cols[column].ids[r];
      }

      String stripped(int column, int r) {
        int id = id(column, r);
        if (id < 0) {
          return "";
        }
        String s = strippedText[column][id];
        if (s == null) {
          s = cols[column].text(id).strip();
          strippedText[column][id] = s;
        }
        return s;
      }

      String[] cells(int r) {
        String[] c = new String[cols.length];
        for (int i = 0; i < c.length; i++) {
          c[i] = cols[i].cell(r);
        }
        return c;
      }

      boolean sameRow(int a, int b) {
        for (Column c : cols) {
          if (c.ids[a] != c.ids[b]) {
            return false;
          }
        }
        return true;
      }

      boolean sameCells(String[] earlier, int r) {
        for (int i = 0; i < cols.length; i++) {
          if (!earlier[i].equals(cols[i].cell(r))) {
            return false;
          }
        }
        return true;
      }

      /** A parsed value of a column (parsed once per distinct value); NONE when refused. */
      private Object parsed(Object[] memo, int column, int r, Function<String, Object> parser) {
        int id = id(column, r);
        if (id < 0) {
          return null;
        }
        Object v = memo[id];
        if (v == null) {
          String s = stripped(column, r);
          v = s.isEmpty() ? TidyCells.BLANK : parser.apply(s);
          memo[id] = v;
        }
        return v == TidyCells.BLANK ? null : v;
      }

      /** Whether row {@code r}'s values are all as the fast path takes them (else: the row reader). */
      boolean take(int r) {
        if (stripped(beneficiary, r).isEmpty()) {
          return false;
        }
        String[] dx = split(r);
        return line.take(
            parsed(fromParsed, from, r, TidyCells::date),
            parsed(throughParsed, through, r, TidyCells::date),
            parsed(typeParsed, type, r, TidyCells::claimType),
            parsed(procParsed, procedure, r, TidyCells::procedure),
            stripped(modifiers, r).isEmpty(),
            parsed(unitsParsed, units, r, TidyCells::units),
            parsed(placeParsed, place, r, TidyCells::place),
            parsed(systemParsed, system, r, TidyCells::codeSystem),
            dx,
            context.dating(),
            known == null ? null : () -> life(r),
            strict ? dxIndex : null);
      }

      @SuppressWarnings("unchecked")
      private Optional<Beneficiary> life(int r) {
        int b = idCol.ids[r];
        Object o = life[b];
        if (o == null) {
          o = known.apply(stripped(beneficiary, r));
          life[b] = o;
        }
        return (Optional<Beneficiary>) o;
      }

      /** The diagnosis codes of row r (split once per distinct cell; {@link TidyCells#LEADING}). */
      private String[] split(int r) {
        int id = id(diagnoses, r);
        if (id < 0) {
          return TidyCells.NO_CODES;
        }
        String[] s = dxSplit[id];
        if (s == null) {
          s = TidyCells.codes(stripped(diagnoses, r));
          dxSplit[id] = s;
        }
        return s;
      }

      /** Adds the taken row to the batch. */
      void add(int r) {
        int b = idCol.ids[r];
        int p = patient[b];
        if (p < 0) {
          p = columnar.patientIndex(stripped(beneficiary, r));
          patient[b] = p;
        }
        long k1 = ((long) (id(procedure, r) + 1) << 32) | (id(units, r) + 1);
        long k2 = ((long) (id(type, r) + 1) << 32) | (id(place, r) + 1);
        int sig = signatures.get(k1, k2);
        if (sig < 0) {
          sig =
              columnar.lineSignature(
                  line.procedure(), List.of(), line.units(), line.type(), line.place());
          signatures.put(k1, k2, sig);
        }
        batch.line(p, (int) line.from().toEpochDay(), (int) line.through().toEpochDay(), sig);
        dxIndex.addTo(batch, line.system(), split(r), tally);
      }
    }
  }

  /** 64-bit FNV-1a of a claim id's UTF-8 bytes (the key the row reader's claim record uses). */
  static long fnv(String claimId) {
    byte[] b = claimId.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    long h = 0xcbf29ce484222325L;
    for (byte x : b) {
      h = (h ^ (x & 0xFF)) * 0x100000001b3L;
    }
    return h;
  }
}
