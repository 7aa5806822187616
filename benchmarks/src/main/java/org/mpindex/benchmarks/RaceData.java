package org.mpindex.benchmarks;

import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.mpindex.adg.ComorbidityGrouper;
import org.mpindex.core.claims.Beneficiary;
import org.mpindex.core.claims.ClaimLine;
import org.mpindex.core.claims.ClaimType;
import org.mpindex.core.claims.DiagnosisCode;
import org.mpindex.core.claims.Enrollment;
import org.mpindex.core.claims.Geography;
import org.mpindex.core.claims.ProcedureCode;
import org.mpindex.core.claims.Program;
import org.mpindex.core.claims.Sex;
import org.mpindex.core.claims.UsState;
import org.mpindex.core.index.ClaimColumns;
import org.mpindex.core.index.IndexAssembler;
import org.mpindex.core.index.IndexCell;
import org.mpindex.core.index.IndexPartial;
import org.mpindex.core.index.MpiResult;
import org.mpindex.core.index.MpiSpec;
import org.mpindex.core.index.StudyPeriod;
import org.mpindex.core.spi.CodeTally;
import org.mpindex.rbrvs.RvuSchedule;
import org.mpindex.rbrvs.WorkRvuCalculator;
import org.mpindex.testkit.PaperScaleWorkload;

/**
 * The data and the three contestants of {@link IndexRace}: one {@link PaperScaleWorkload} held as
 * the library's columns, as line objects built on the fly, and as DuckDB tables, with the same index
 * (the paper's spec over 2011-2013: real bundled CMS work RVUs, Elixhauser without hierarchy, 65+,
 * four eligible quarters, lag 1, state groups) computed by each.
 *
 * <p>DuckDB gets the same facts the library has, as tables: the beneficiaries and their one
 * enrollment span, the claim lines (patient, day, procedure id, up to four diagnosis ids), the work
 * RVU of each (procedure, pricing period) in micro-units, each diagnosis's category bits, a calendar
 * (day to quarter and pricing period) and the quarters. The SQL then does the method: coverage while
 * alive, age on the first day of t, at least four eligible quarters, effort in t - 1, zero effort
 * excluded, H = 1/b with H = 1 at b = 0, mean of ratios by quarter and by (quarter, state).
 */
public final class RaceData implements AutoCloseable {
  static final LocalDate START = PaperScaleWorkload.START;
  static final LocalDate END = PaperScaleWorkload.END;

  final int beneficiaries;
  final int lines;
  final String[] ids;
  final Beneficiary[] beneficiaryRecords;
  final Enrollment[] enrollments;

  /** Line columns (patient order): the library's batch holds these arrays. */
  final int[] linePatient;

  final int[] lineDay;
  final int[] lineSignature;
  final int[] dxStart;
  final int[] dx;

  /** First line of each shard's patient range, per shard count. */
  final List<ProcedureCode> procedures;

  final List<DiagnosisCode> diagnoses;
  final MpiSpec spec;
  final WorkRvuCalculator effort;
  final ComorbidityGrouper grouper;
  final ClaimColumns batch;
  private final int[] firstLine;
  final int threads;
  private final ExecutorService pool;
  private DuckDBConnection duck;

  private RaceData(PaperScaleWorkload w, int threads, org.mpindex.core.index.Intervals intervals) {
    this.threads = threads;
    beneficiaries = w.beneficiaries;
    lines = w.lines;
    spec = MpiSpec.builder().studyPeriod(StudyPeriod.of(START, END)).intervals(intervals).build();
    effort = WorkRvuCalculator.of(RvuSchedule.bundled());
    grouper = ComorbidityGrouper.elixhauser();
    procedures = PaperScaleWorkload.PROCEDURES.stream().map(ProcedureCode::of).toList();
    diagnoses = PaperScaleWorkload.DIAGNOSES.stream().map(DiagnosisCode::icd9).toList();
    // the ids an assembler gives the codes when it interns them in list order (the same in every
    // one)
    IndexAssembler probe = IndexAssembler.create(spec, effort, grouper);
    int[] signatureOf = intern(probe);
    int[] dxOf = internDiagnoses(probe);
    ids = new String[beneficiaries];
    beneficiaryRecords = new Beneficiary[beneficiaries];
    enrollments = new Enrollment[beneficiaries];
    UsState[] states = UsState.values();
    for (int p = 0; p < beneficiaries; p++) {
      ids[p] = PaperScaleWorkload.id(p);
      beneficiaryRecords[p] =
          new Beneficiary(
              ids[p],
              LocalDate.ofEpochDay(w.birthDay[p]),
              w.deathDay[p] == Integer.MIN_VALUE
                  ? Optional.empty()
                  : Optional.of(LocalDate.ofEpochDay(w.deathDay[p])),
              w.sex[p] == 1 ? Sex.MALE : Sex.FEMALE,
              Geography.of(states[w.state[p]]));
      enrollments[p] =
          Enrollment.of(
              ids[p],
              LocalDate.ofEpochDay(w.enrollStart[p]),
              LocalDate.ofEpochDay(w.enrollEnd[p]),
              Program.MEDICARE_FFS);
    }
    linePatient = w.linePatient;
    lineDay = w.lineDay;
    lineSignature = new int[lines];
    for (int i = 0; i < lines; i++) {
      lineSignature[i] = signatureOf[w.lineProcedure[i]];
    }
    dxStart = w.diagnosisStart;
    dx = new int[dxStart[lines]];
    for (int k = 0; k < dx.length; k++) {
      dx[k] = dxOf[w.diagnosis[k]];
    }
    batch = ClaimColumns.of(lines, linePatient, lineDay, lineDay, lineSignature, dxStart, dx);
    firstLine = new int[threads + 1];
    for (int k = 0; k <= threads; k++) {
      firstLine[k] = w.firstLineOf(patientFrom(k));
    }
    pool =
        Executors.newFixedThreadPool(
            threads,
            r -> {
              Thread t = new Thread(r, "race-library");
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * Generates {@code beneficiaries} beneficiaries (seed 2011) and loads DuckDB.
   *
   * @param threads library shards and DuckDB threads
   */
  public static RaceData create(int beneficiaries, int threads) {
    return create(beneficiaries, threads, true);
  }

  /** As {@link #create(int, int)}, loading DuckDB only when {@code duckDb}. */
  static RaceData create(int beneficiaries, int threads, boolean duckDb) {
    RaceData d =
        new RaceData(
            PaperScaleWorkload.generate(2011, beneficiaries),
            threads,
            org.mpindex.core.index.Intervals.analytic());
    if (duckDb) {
      d.loadDuckDb();
    }
    return d;
  }

  /**
   * As {@link #create(int, int)} without DuckDB, the spec's intervals {@code intervals} (the
   * default spec's are analytic).
   */
  static RaceData create(
      int beneficiaries, int threads, org.mpindex.core.index.Intervals intervals) {
    return new RaceData(PaperScaleWorkload.generate(2011, beneficiaries), threads, intervals);
  }

  private int patientFrom(int shard) {
    return (int) ((long) beneficiaries * shard / threads);
  }

  private int[] intern(IndexAssembler a) {
    int[] out = new int[procedures.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] =
          a.columnar().lineSignature(procedures.get(i), List.of(), 1, ClaimType.PROFESSIONAL, null);
    }
    return out;
  }

  private int[] internDiagnoses(IndexAssembler a) {
    int[] out = new int[diagnoses.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = a.columnar().diagnosisIndex(diagnoses.get(i));
    }
    return out;
  }

  // ---------------------------------------------------------------- the library, from columns

  /**
   * The library's index from the in-memory columns: one assembler per shard of patients (contiguous
   * ranges of the patient-sorted batch), folded and evaluated on their own threads, partials merged
   * exactly.
   */
  public MpiResult library() {
    List<Future<Object[]>> parts = new ArrayList<>();
    for (int k = 0; k < threads; k++) {
      int shard = k;
      parts.add(pool.submit(() -> shard(shard)));
    }
    IndexPartial whole = null;
    IndexAssembler reader = null;
    for (Future<Object[]> f : parts) {
      Object[] r = get(f);
      if (whole == null) {
        reader = (IndexAssembler) r[0];
        whole = (IndexPartial) r[1];
      } else {
        whole.merge((IndexPartial) r[1]);
      }
    }
    return reader.result(whole);
  }

  /**
   * The evaluation step alone: {@code folded} (one assembler a shard, from {@link #assembler}) each
   * assembled on its own core, the exact partials merged and read into the result, as {@link
   * #library} does after its folds.
   */
  public MpiResult evaluate(List<IndexAssembler> folded) {
    List<Future<IndexPartial>> parts = new ArrayList<>();
    for (IndexAssembler a : folded) {
      parts.add(pool.submit(() -> a.partial(1)));
    }
    IndexPartial whole = get(parts.get(0));
    for (int k = 1; k < parts.size(); k++) {
      whole.merge(get(parts.get(k)));
    }
    return folded.get(0).result(whole);
  }

  /** One folded assembler a shard (the input of {@link #evaluate}). */
  public List<IndexAssembler> foldedShards() {
    List<IndexAssembler> out = new ArrayList<>();
    for (int k = 0; k < threads; k++) {
      out.add(assembler(k));
    }
    return out;
  }

  private Object[] shard(int k) {
    IndexAssembler a = assembler(k);
    return new Object[] {a, a.partial(1)};
  }

  /** The assembler of shard {@code k}, every record of its patients added. */
  IndexAssembler assembler(int k) {
    IndexAssembler a = unfolded(k);
    a.add(batch, firstLine[k], firstLine[k + 1], patientFrom(k));
    return a;
  }

  /** One assembler a shard, its patients' records added, no claim line folded yet. */
  public List<IndexAssembler> unfoldedShards() {
    List<IndexAssembler> out = new ArrayList<>();
    for (int k = 0; k < threads; k++) {
      out.add(unfolded(k));
    }
    return out;
  }

  /** The fold step alone: each shard's claim lines folded into {@code unfolded}, on its own core. */
  public List<IndexAssembler> fold(List<IndexAssembler> unfolded) {
    List<Future<IndexAssembler>> parts = new ArrayList<>();
    for (int k = 0; k < threads; k++) {
      IndexAssembler a = unfolded.get(k);
      int shard = k;
      parts.add(
          pool.submit(
              () -> a.add(batch, firstLine[shard], firstLine[shard + 1], patientFrom(shard))));
    }
    List<IndexAssembler> out = new ArrayList<>();
    for (Future<IndexAssembler> f : parts) {
      out.add(get(f));
    }
    return out;
  }

  /** The assembler of shard {@code k} with its patients' records, before any claim line. */
  private IndexAssembler unfolded(int k) {
    int from = patientFrom(k);
    int to = patientFrom(k + 1);
    IndexAssembler a = IndexAssembler.create(spec, effort, grouper).expectPatients(to - from);
    intern(a);
    internDiagnoses(a);
    for (int p = from; p < to; p++) {
      a.columnar().patientIndex(ids[p]);
      a.add(beneficiaryRecords[p]);
      a.add(enrollments[p]);
    }
    return a;
  }

  private static <T> T get(Future<T> f) {
    try {
      return f.get();
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r
          ? r
          : new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  // ---------------------------------------------------------------- the library, from line objects

  /** The library's index from one {@link ClaimLine} per line (built here, as a reader would). */
  public MpiResult objects() {
    IndexAssembler a = IndexAssembler.create(spec, effort, grouper);
    for (int p = 0; p < beneficiaries; p++) {
      a.add(beneficiaryRecords[p]);
      a.add(enrollments[p]);
    }
    int[] procedureOf = new int[procedures.size()];
    int[] signatures = intern(IndexAssembler.create(spec, effort, grouper));
    for (int i = 0; i < signatures.length; i++) {
      procedureOf[signatures[i]] = i;
    }
    List<DiagnosisCode> byIndex = diagnosesByIndex();
    for (int i = 0; i < lines; i++) {
      ClaimLine.Builder b =
          ClaimLine.builder()
              .claimId(ids[linePatient[i]])
              .beneficiaryId(ids[linePatient[i]])
              .serviceFrom(LocalDate.ofEpochDay(lineDay[i]))
              .procedure(procedures.get(procedureOf[lineSignature[i]]));
      for (int k = dxStart[i]; k < dxStart[i + 1]; k++) {
        b.diagnosis(byIndex.get(dx[k]));
      }
      a.add(b.build());
    }
    return a.assemble(threads);
  }

  private List<DiagnosisCode> diagnosesByIndex() {
    IndexAssembler probe = IndexAssembler.create(spec, effort, grouper);
    int[] dxOf = internDiagnoses(probe);
    DiagnosisCode[] out = new DiagnosisCode[diagnoses.size()];
    for (int i = 0; i < dxOf.length; i++) {
      out[dxOf[i]] = diagnoses.get(i);
    }
    return java.util.Arrays.asList(out);
  }

  // ---------------------------------------------------------------- DuckDB

  private void loadDuckDb() {
    try {
      duck = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:");
      try (Statement s = duck.createStatement()) {
        s.execute("SET threads = " + threads);
        s.execute("SET preserve_insertion_order = false");
        s.execute(
            "CREATE TABLE bene(p INTEGER, birth DATE, death DATE, state TINYINT, es DATE, ee DATE)");
        s.execute(
            "CREATE TABLE lines(p INTEGER, day DATE, proc SMALLINT, d0 SMALLINT, d1 SMALLINT, d2 SMALLINT,"
                + " d3 SMALLINT)");
        s.execute("CREATE TABLE cal(day DATE, q TINYINT, period INTEGER)");
        s.execute("CREATE TABLE quarters(q TINYINT, qs DATE, qe DATE)");
        s.execute("CREATE TABLE price(period INTEGER, proc SMALLINT, micros BIGINT)");
        s.execute("CREATE TABLE dxbits(dx SMALLINT, bits BIGINT)");
      }
      try (DuckDBAppender app = duck.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "bene")) {
        for (int p = 0; p < beneficiaries; p++) {
          Beneficiary b = beneficiaryRecords[p];
          app.beginRow().append(p).appendEpochDays((int) b.birthDate().toEpochDay());
          if (b.deathDate().isPresent()) {
            app.appendEpochDays((int) b.deathDate().get().toEpochDay());
          } else {
            app.appendNull();
          }
          app.append((byte) b.geography().state().orElseThrow().ordinal())
              .appendEpochDays((int) enrollments[p].start().toEpochDay())
              .appendEpochDays((int) enrollments[p].end().toEpochDay())
              .endRow();
        }
      }
      try (DuckDBAppender app = duck.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "lines")) {
        for (int i = 0; i < lines; i++) {
          app.beginRow()
              .append(linePatient[i])
              .appendEpochDays(lineDay[i])
              .append((short) lineSignature[i]);
          for (int k = 0; k < 4; k++) {
            int at = dxStart[i] + k;
            if (at < dxStart[i + 1]) {
              app.append((short) dx[at]);
            } else {
              app.appendNull();
            }
          }
          app.endRow();
        }
      }
      // calendar and quarters; prices per (pricing period, procedure) and bits per diagnosis, as
      // the
      // library's calculator and grouper give them (the facts, not the method)
      Map<Integer, LocalDate> periodDay = appendCalendar(duck, effort);
      try (DuckDBAppender price = duck.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "price")) {
        int[] signatures = intern(IndexAssembler.create(spec, effort, grouper));
        for (Map.Entry<Integer, LocalDate> e : periodDay.entrySet()) {
          for (int i = 0; i < procedures.size(); i++) {
            ClaimLine line =
                ClaimLine.builder()
                    .claimId("x")
                    .beneficiaryId("x")
                    .serviceFrom(e.getValue())
                    .procedure(procedures.get(i))
                    .build();
            price
                .beginRow()
                .append(e.getKey())
                .append((short) signatures[i])
                .append(effort.effortMicros(line, e.getValue(), CodeTally.NONE))
                .endRow();
          }
        }
      }
      try (DuckDBAppender bits = duck.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "dxbits")) {
        List<DiagnosisCode> byIndex = diagnosesByIndex();
        for (int i = 0; i < byIndex.size(); i++) {
          if (byIndex.get(i) != null) {
            bits.beginRow().append((short) i).append(grouper.categoriesOf(byIndex.get(i))).endRow();
          }
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot load DuckDB: " + e.getMessage(), e);
    }
  }

  /**
   * Appends the calendar ({@code cal(day, q, period)}: every day of 2011-2013, its quarter and
   * pricing period) and the twelve quarters ({@code quarters(q, qs, qe)}) to {@code duck}'s tables.
   *
   * @return each pricing period's first day
   */
  private static Map<Integer, LocalDate> appendCalendar(
      DuckDBConnection duck, WorkRvuCalculator effort) throws SQLException {
    Map<Integer, LocalDate> periodDay = new TreeMap<>();
    try (DuckDBAppender cal = duck.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "cal");
        DuckDBAppender quarters =
            duck.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "quarters")) {
      for (LocalDate d = START; !d.isAfter(END); d = d.plusDays(1)) {
        int period = effort.pricingPeriod(d);
        periodDay.putIfAbsent(period, d);
        cal.beginRow()
            .appendEpochDays((int) d.toEpochDay())
            .append((byte) quarterOf(d))
            .append(period)
            .endRow();
      }
      for (int q = 0; q < 12; q++) {
        LocalDate qs = START.plusMonths(3L * q);
        quarters
            .beginRow()
            .append((byte) q)
            .appendEpochDays((int) qs.toEpochDay())
            .appendEpochDays((int) qs.plusMonths(3).minusDays(1).toEpochDay())
            .endRow();
      }
    }
    return periodDay;
  }

  static int quarterOf(LocalDate d) {
    return (d.getYear() - START.getYear()) * 4 + (d.getMonthValue() - 1) / 3;
  }

  /**
   * The method in SQL after the per-(patient, quarter) facts: reads {@code bene(p, birth, death,
   * state, es, ee)} (one coverage span a beneficiary) and {@code pq(p, q, micros, cats)} (work RVU
   * micro-units and the union of category bits of patient p's lines in quarter q) and gives {@code
   * (q, state, mpi, n)} by quarter and by (quarter, state).
   */
  static final String INDEX_TAIL =
      """
      elig AS (
        SELECT b.p, w.q, b.state,
               (b.death IS NULL OR b.death >= w.qs)
                 AND b.es <= w.qs
                 AND b.ee >= (CASE WHEN b.death IS NOT NULL AND b.death < w.qe THEN b.death ELSE w.qe END) AS ok,
               year(w.qs) - year(b.birth)
                 - (CASE WHEN month(w.qs) < month(b.birth)
                          OR (month(w.qs) = month(b.birth) AND day(w.qs) < day(b.birth)) THEN 1 ELSE 0 END) AS age
        FROM bene b CROSS JOIN quarters w),
      enough AS (
        SELECT p FROM elig GROUP BY p HAVING count(*) FILTER (WHERE ok) >= 4),
      ratios AS (
        SELECT e.q, e.state,
               (CASE WHEN coalesce(bit_count(h.cats), 0) = 0 THEN 1.0 ELSE 1.0 / bit_count(h.cats) END)
                 / (m.micros / 1e6) AS r
        FROM elig e
        JOIN elig e1 ON e1.p = e.p AND e1.q = e.q - 1 AND e1.ok
        JOIN enough n ON n.p = e.p
        JOIN pq m ON m.p = e.p AND m.q = e.q - 1 AND m.micros > 0
        LEFT JOIN pq h ON h.p = e.p AND h.q = e.q
        WHERE e.ok AND e.age >= 65)
      SELECT q, state, avg(r) AS mpi, count(*) AS n
      FROM ratios
      GROUP BY GROUPING SETS ((q), (q, state))
      """;

  /** The index in SQL over the loaded tables. */
  static final String SQL =
      """
      WITH pq AS (
        SELECT l.p, c.q,
               sum(coalesce(pr.micros, 0)) AS micros,
               bit_or(coalesce(x0.bits, 0) | coalesce(x1.bits, 0) | coalesce(x2.bits, 0) | coalesce(x3.bits, 0)) AS cats
        FROM lines l
        JOIN cal c ON c.day = l.day
        LEFT JOIN price pr ON pr.period = c.period AND pr.proc = l.proc
        LEFT JOIN dxbits x0 ON x0.dx = l.d0
        LEFT JOIN dxbits x1 ON x1.dx = l.d1
        LEFT JOIN dxbits x2 ON x2.dx = l.d2
        LEFT JOIN dxbits x3 ON x3.dx = l.d3
        GROUP BY l.p, c.q),
      """
          + INDEX_TAIL;

  /**
   * The index in SQL straight from the tidy CSV files in {@code dir} ({@code beneficiaries.csv},
   * {@code enrollment.csv}, {@code claims.csv}; one enrollment span a beneficiary, as {@link
   * PaperScaleWorkload} writes them), over the facts of {@link #loadFileFacts}. The claims are
   * scanned once ({@code lq}, materialised): effort by (patient, quarter) from the price of each
   * (pricing period, procedure), category bits from each diagnosis of the {@code |}-separated list.
   */
  static String fileSql(java.nio.file.Path dir) {
    return """
        WITH bene AS (
          SELECT b.beneficiary_id AS p, b.birth_date AS birth, b.death_date AS death, b.state,
                 e.start_date AS es, e.end_date AS ee
          FROM read_csv('%s', header = true, columns = {'beneficiary_id': 'VARCHAR',
                 'birth_date': 'DATE', 'death_date': 'DATE', 'sex': 'VARCHAR', 'state': 'VARCHAR'}) b
          JOIN read_csv('%s', header = true, columns = {'beneficiary_id': 'VARCHAR',
                 'start_date': 'DATE', 'end_date': 'DATE', 'program': 'VARCHAR'}) e
            ON e.beneficiary_id = b.beneficiary_id),
        lq AS MATERIALIZED (
          SELECT c.beneficiary_id AS p, k.q, k.period, c.procedure AS proc, c.diagnoses AS dxs
          FROM read_csv('%s', header = true, columns = {'claim_id': 'VARCHAR',
                 'beneficiary_id': 'VARCHAR', 'from_date': 'DATE', 'procedure': 'VARCHAR',
                 'code_system': 'VARCHAR', 'diagnoses': 'VARCHAR'}) c
          JOIN cal k ON k.day = c.from_date),
        pe AS (
          SELECT lq.p, lq.q, sum(coalesce(pr.micros, 0)) AS micros
          FROM lq LEFT JOIN price_code pr ON pr.period = lq.period AND pr.code = lq.proc
          GROUP BY lq.p, lq.q),
        ph AS (
          SELECT u.p, u.q, bit_or(coalesce(x.bits, 0)) AS cats
          FROM (SELECT p, q, unnest(string_split(dxs, '|')) AS dx FROM lq) u
          LEFT JOIN dx_code x ON x.code = u.dx
          GROUP BY u.p, u.q),
        pq AS (
          SELECT pe.p, pe.q, pe.micros, coalesce(ph.cats, 0) AS cats
          FROM pe LEFT JOIN ph ON ph.p = pe.p AND ph.q = pe.q),
        """
            .formatted(
                dir.resolve("beneficiaries.csv"),
                dir.resolve("enrollment.csv"),
                dir.resolve("claims.csv"))
        + INDEX_TAIL;
  }

  /**
   * Loads into {@code duck} the facts {@link #fileSql} joins, as the library's bundled CMS work RVUs
   * and Elixhauser give them: {@code cal(day, q, period)} and {@code quarters(q, qs, qe)} over
   * 2011-2013, {@code price_code(period, code, micros)} for every workload procedure in every
   * pricing period, {@code dx_code(code, bits)} for every workload diagnosis.
   */
  static void loadFileFacts(java.sql.Connection c) throws SQLException {
    WorkRvuCalculator effort = WorkRvuCalculator.of(RvuSchedule.bundled());
    ComorbidityGrouper grouper = ComorbidityGrouper.elixhauser();
    try (Statement s = c.createStatement()) {
      s.execute("CREATE TABLE cal(day DATE, q TINYINT, period INTEGER)");
      s.execute("CREATE TABLE quarters(q TINYINT, qs DATE, qe DATE)");
      s.execute("CREATE TABLE price_code(period INTEGER, code VARCHAR, micros BIGINT)");
      s.execute("CREATE TABLE dx_code(code VARCHAR, bits BIGINT)");
    }
    DuckDBConnection duck = c.unwrap(DuckDBConnection.class);
    Map<Integer, LocalDate> periodDay = appendCalendar(duck, effort);
    try (DuckDBAppender price = duck.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "price_code");
        DuckDBAppender bits = duck.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "dx_code")) {
      for (Map.Entry<Integer, LocalDate> e : periodDay.entrySet()) {
        for (String code : PaperScaleWorkload.PROCEDURES) {
          ClaimLine line =
              ClaimLine.builder()
                  .claimId("x")
                  .beneficiaryId("x")
                  .serviceFrom(e.getValue())
                  .procedure(ProcedureCode.of(code))
                  .build();
          price
              .beginRow()
              .append(e.getKey())
              .append(code)
              .append(effort.effortMicros(line, e.getValue(), CodeTally.NONE))
              .endRow();
        }
      }
      for (String code : PaperScaleWorkload.DIAGNOSES) {
        bits.beginRow()
            .append(code)
            .append(grouper.categoriesOf(DiagnosisCode.icd9(code)))
            .endRow();
      }
    }
  }

  /** One cell of DuckDB's answer: quarter index (0 = 2011Q1), state ordinal (-1 national), MPI, n. */
  public record Cell(int quarter, int state, double mpi, long patients) {}

  /** DuckDB's index: every (quarter) and (quarter, state) cell with a patient. */
  public List<Cell> duckdb() {
    if (duck == null) {
      throw new IllegalStateException("DuckDB is not loaded (or was closed)");
    }
    return cells(duck, SQL);
  }

  /**
   * The cells {@code sql} gives on {@code duck}: rows of (quarter, state, mpi, n), the state as its
   * ordinal or its USPS code, null on the national rows.
   */
  static List<Cell> cells(java.sql.Connection duck, String sql) {
    List<Cell> out = new ArrayList<>(700);
    try (Statement s = duck.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        Object st = rs.getObject(2);
        int state =
            st == null
                ? -1
                : st instanceof String usps ? UsState.parse(usps).ordinal() : rs.getInt(2);
        out.add(new Cell(rs.getInt(1), state, rs.getDouble(3), rs.getLong(4)));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("DuckDB query failed: " + e.getMessage(), e);
    }
    return out;
  }

  /**
   * Checks that the library's result and DuckDB's agree: the same cells with patients, the same
   * patient counts, MPIs within {@code 1e-9} relative.
   *
   * @return the number of cells compared
   * @throws IllegalStateException naming the first cell that differs
   */
  public static int check(MpiResult library, List<Cell> duck) {
    Map<String, Cell> theirs = new TreeMap<>();
    UsState[] states = UsState.values();
    for (Cell c : duck) {
      theirs.put(c.quarter() + "/" + (c.state() < 0 ? "US" : states[c.state()].usps()), c);
    }
    Map<String, IndexCell> ours = new TreeMap<>();
    for (IndexCell c : library.national()) {
      if (c.patients() > 0) {
        ours.put(quarterOf(c.window().start()) + "/US", c);
      }
    }
    for (IndexCell c : library.groupCells()) {
      if (c.patients() > 0) {
        ours.put(quarterOf(c.window().start()) + "/" + c.group(), c);
      }
    }
    if (!ours.keySet().equals(theirs.keySet())) {
      throw new IllegalStateException(
          "cells differ: library " + ours.keySet() + ", DuckDB " + theirs.keySet());
    }
    for (Map.Entry<String, IndexCell> e : ours.entrySet()) {
      IndexCell a = e.getValue();
      Cell b = theirs.get(e.getKey());
      if (a.patients() != b.patients() || Math.abs(a.mpi() - b.mpi()) > 1e-9 * Math.abs(b.mpi())) {
        throw new IllegalStateException(
            "cell "
                + e.getKey()
                + ": library MPI "
                + a.mpi()
                + " over "
                + a.patients()
                + " patients, DuckDB "
                + b.mpi()
                + " over "
                + b.patients());
      }
    }
    return ours.size();
  }

  @Override
  public void close() {
    pool.shutdownNow();
    closeDuckDb();
  }

  /**
   * Closes DuckDB's in-memory database (its tables are freed); {@link #duckdb} fails afterwards. The
   * library's data and pool stay.
   */
  public void closeDuckDb() {
    try {
      if (duck != null) {
        duck.close();
        duck = null;
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
