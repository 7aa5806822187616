package org.mpindex.testkit;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.mpindex.core.claims.UsState;

/**
 * A Medicare-like workload at the paper's scale, as primitive columns: by default 1,875,000
 * beneficiaries 65+ over 2011Q1-2013Q4 (12 quarters, ICD-9-CM, years whose CMS relative values are
 * bundled), about 90 professional claim lines each (the paper's ~170 million lines), each line with
 * 1 to 4 diagnoses drawn from the beneficiary's chronic conditions and visit codes, procedures by
 * {@link CodeMix} weights. Lines are sorted by beneficiary, then day. Seeded: same seed and size,
 * same data.
 *
 * <p>Memory: about 20 bytes a line and 30 a beneficiary (3.4 GB at paper scale). It also writes the
 * same data as tidy CSV or DE-SynPUF layout files, for end-to-end runs.
 */
public final class PaperScaleWorkload {
  /** The paper's population. */
  public static final int PAPER_BENEFICIARIES = 1_875_000;

  /** First and last day of the study. */
  public static final LocalDate START = LocalDate.of(2011, 1, 1);

  public static final LocalDate END = LocalDate.of(2013, 12, 31);

  /** Procedure codes, index = the code's id in {@link #lineProcedure}. */
  public static final List<String> PROCEDURES =
      CodeMix.PROCEDURES.stream().map(CodeMix.Weighted::code).toList();

  /** ICD-9-CM diagnosis codes, index = the code's id in {@link #diagnosis}. */
  public static final List<String> DIAGNOSES;

  static {
    List<String> d = new ArrayList<>();
    CodeMix.CHRONIC.forEach(c -> d.add(c.icd9()));
    CodeMix.ACUTE.forEach(c -> d.add(c.icd9()));
    DIAGNOSES = List.copyOf(d);
  }

  public final int beneficiaries;

  /** Beneficiary columns: birth and death ({@code Integer.MIN_VALUE} when alive) as epoch days. */
  public final int[] birthDay;

  public final int[] deathDay;

  /** 1 male, 2 female. */
  public final byte[] sex;

  /** Index into {@link UsState#values()}. */
  public final byte[] state;

  /** One traditional Medicare span per beneficiary, epoch days, both ends inclusive. */
  public final int[] enrollStart;

  public final int[] enrollEnd;

  public final int lines;

  /** Line columns, sorted by patient then day. */
  public final int[] linePatient;

  public final int[] lineDay;
  public final short[] lineProcedure;

  /** Diagnoses of line i: {@code diagnosis[diagnosisStart[i] .. diagnosisStart[i + 1])}. */
  public final int[] diagnosisStart;

  public final short[] diagnosis;

  private PaperScaleWorkload(int n, int lines, int dx) {
    this.beneficiaries = n;
    birthDay = new int[n];
    deathDay = new int[n];
    sex = new byte[n];
    state = new byte[n];
    enrollStart = new int[n];
    enrollEnd = new int[n];
    this.lines = lines;
    linePatient = new int[lines];
    lineDay = new int[lines];
    lineProcedure = new short[lines];
    diagnosisStart = new int[lines + 1];
    diagnosis = new short[dx];
  }

  /** The beneficiary id of patient {@code p}: {@code B0000042}. */
  public static String id(int p) {
    if (p < 0 || p >= 10_000_000) {
      return "B" + p;
    }
    char[] c = {'B', '0', '0', '0', '0', '0', '0', '0'};
    for (int i = 7, v = p; v > 0; i--, v /= 10) {
      c[i] = (char) ('0' + v % 10);
    }
    return new String(c);
  }

  /**
   * Generates {@code beneficiaries} beneficiaries (linear time, one pass; about 2 s per million lines).
   *
   * @param seed the seed
   */
  public static PaperScaleWorkload generate(long seed, int beneficiaries) {
    SplittableRandom rnd = new SplittableRandom(seed);
    int start = (int) START.toEpochDay();
    int end = (int) END.toEpochDay();
    int days = end - start + 1;
    int[] procCumulative =
        cumulative(CodeMix.PROCEDURES.stream().mapToInt(CodeMix.Weighted::weight).toArray());
    int chronic = CodeMix.CHRONIC.size();
    int acute = CodeMix.ACUTE.size();
    UsState[] reference = UsState.REFERENCE.toArray(new UsState[0]);
    // first pass: how many lines each patient has, to size the arrays exactly
    int[] count = new int[beneficiaries];
    long total = 0;
    SplittableRandom sizes = rnd.split();
    for (int p = 0; p < beneficiaries; p++) {
      // mean about 90, long right tail
      int c = 10 + (int) (-Math.log(1 - sizes.nextDouble()) * 80);
      count[p] = Math.min(c, 600);
      total += count[p];
    }
    if (total > Integer.MAX_VALUE - 16) {
      throw new IllegalArgumentException("too many lines for one workload: " + total);
    }
    PaperScaleWorkload w = new PaperScaleWorkload(beneficiaries, (int) total, (int) (total * 3));
    int line = 0;
    int dx = 0;
    int[] conditions = new int[chronic];
    int[] dayBuf = new int[600];
    for (int p = 0; p < beneficiaries; p++) {
      // 65 to 95 at the start; a few enter at 65 during the study; some die; some leave
      int age = 65 + (int) (rnd.nextDouble() * rnd.nextDouble() * 31);
      w.birthDay[p] = start - age * 365 - rnd.nextInt(365);
      w.sex[p] = (byte) (rnd.nextInt(100) < 56 ? 2 : 1);
      w.state[p] = (byte) reference[rnd.nextInt(reference.length)].ordinal();
      int first = rnd.nextInt(10) == 0 ? start + rnd.nextInt(days / 2) : start;
      int last = rnd.nextInt(12) == 0 ? first + rnd.nextInt(Math.max(1, end - first)) : end;
      w.enrollStart[p] = first;
      w.enrollEnd[p] = last;
      w.deathDay[p] =
          rnd.nextInt(15) == 0
              ? first + rnd.nextInt(Math.max(1, last - first + 1))
              : Integer.MIN_VALUE;
      int alive = w.deathDay[p] == Integer.MIN_VALUE ? last : Math.min(last, w.deathDay[p]);
      int nc = 0;
      for (int c = 0; c < chronic; c++) {
        if (rnd.nextInt(1000) < CodeMix.CHRONIC.get(c).perMille()) {
          conditions[nc++] = c;
        }
      }
      int n = count[p];
      for (int k = 0; k < n; k++) {
        dayBuf[k] = first + rnd.nextInt(Math.max(1, alive - first + 1));
      }
      Arrays.sort(dayBuf, 0, n);
      for (int k = 0; k < n; k++) {
        w.linePatient[line] = p;
        w.lineDay[line] = dayBuf[k];
        w.lineProcedure[line] = (short) pick(procCumulative, rnd);
        w.diagnosisStart[line] = dx;
        int ndx = 1 + rnd.nextInt(4);
        for (int j = 0; j < ndx; j++) {
          int code =
              nc > 0 && rnd.nextInt(4) != 0
                  ? conditions[rnd.nextInt(nc)]
                  : chronic + rnd.nextInt(acute);
          if (dx == w.diagnosis.length) {
            throw new IllegalStateException("diagnosis buffer full");
          }
          w.diagnosis[dx++] = (short) code;
        }
        line++;
      }
    }
    w.diagnosisStart[line] = dx;
    return w;
  }

  private static int[] cumulative(int[] weights) {
    int[] c = new int[weights.length];
    int s = 0;
    for (int i = 0; i < weights.length; i++) {
      s += weights[i];
      c[i] = s;
    }
    return c;
  }

  private static int pick(int[] cumulative, SplittableRandom rnd) {
    int r = rnd.nextInt(cumulative[cumulative.length - 1]);
    int i = Arrays.binarySearch(cumulative, r + 1);
    return i >= 0 ? i : -i - 1;
  }

  /** The first line of patient {@code p} (lines are sorted by patient); {@code lines} for p = beneficiaries. */
  public int firstLineOf(int p) {
    int lo = 0;
    int hi = lines;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (linePatient[mid] < p) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /**
   * Writes the tidy CSV layout: {@code beneficiaries.csv}, {@code enrollment.csv}, {@code claims.csv}
   * in {@code dir}. Each line is one claim ({@code C<line>}); diagnoses are joined by {@code |}.
   * Bytes go straight to the files through one buffer (no string per cell): the paper's 168 million
   * lines (about 8 GB) take seconds per gigabyte, not minutes.
   */
  public void writeTidy(Path dir) {
    try {
      Files.createDirectories(dir);
      Dates dates = new Dates();
      byte[][] procedures = ascii(PROCEDURES);
      byte[][] diagnoses = ascii(DIAGNOSES);
      UsState[] states = UsState.values();
      try (Ascii b = new Ascii(dir.resolve("beneficiaries.csv"))) {
        b.text("beneficiary_id,birth_date,death_date,sex,state\n");
        for (int p = 0; p < beneficiaries; p++) {
          b.id(p).put(',').bytes(dates.of(birthDay[p])).put(',');
          if (deathDay[p] != Integer.MIN_VALUE) {
            b.bytes(dates.of(deathDay[p]));
          }
          b.put(',').put(sex[p] == 1 ? 'M' : 'F').put(',').text(states[state[p]].usps()).put('\n');
        }
      }
      try (Ascii e = new Ascii(dir.resolve("enrollment.csv"))) {
        e.text("beneficiary_id,start_date,end_date,program\n");
        for (int p = 0; p < beneficiaries; p++) {
          e.id(p)
              .put(',')
              .bytes(dates.of(enrollStart[p]))
              .put(',')
              .bytes(dates.of(enrollEnd[p]))
              .text(",MEDICARE_FFS\n");
        }
      }
      try (Ascii c = new Ascii(dir.resolve("claims.csv"))) {
        c.text("claim_id,beneficiary_id,from_date,procedure,code_system,diagnoses\n");
        for (int i = 0; i < lines; i++) {
          c.put('C')
              .number(i)
              .put(',')
              .id(linePatient[i])
              .put(',')
              .bytes(dates.of(lineDay[i]))
              .put(',')
              .bytes(procedures[lineProcedure[i]])
              .text(",icd9,");
          for (int k = diagnosisStart[i]; k < diagnosisStart[i + 1]; k++) {
            if (k > diagnosisStart[i]) {
              c.put('|');
            }
            c.bytes(diagnoses[diagnosis[k]]);
          }
          c.put('\n');
        }
      }
    } catch (IOException ex) {
      throw new UncheckedIOException(
          "cannot write the workload to " + dir + ": " + ex.getMessage(), ex);
    }
  }

  /** Name of the carrier claims file {@link #writeDesynpuf} writes. */
  public static final String DESYNPUF_CARRIER = "DE1_0_2011_to_2013_Carrier_Claims_Sample_1A.csv";

  /** Name of the summary file of {@code year} that {@link #writeDesynpuf} writes. */
  public static String desynpufSummary(int year) {
    return "DE1_0_" + year + "_Beneficiary_Summary_File_Sample_1.csv";
  }

  /** Most lines a DE-SynPUF carrier claim row holds ({@code HCPCS_CD_1..13}). */
  public static final int CARRIER_LINES = 13;

  /**
   * SSA state codes 1 to 54 by USPS code, as CMS writes them in {@code SP_STATE_CODE} (ResDAC,
   * "SSA State Code": 01 Alabama ... 53 Wyoming, 09 DC, 40 Puerto Rico, 48 Virgin Islands).
   */
  private static final List<String> SSA_STATES =
      List.of(
          "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FL", "GA", "HI", "ID", "IL", "IN",
          "IA", "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH",
          "NJ", "NM", "NY", "NC", "ND", "OH", "OK", "OR", "PA", "PR", "RI", "SC", "SD", "TN", "TX",
          "UT", "VT", "VI", "VA", "WA", "WV", "WI", "WY");

  /**
   * Writes the workload in CMS's DE-SynPUF layout (the column layout of CMS's 2008-2010 DE-SynPUF
   * files, <a href="https://www.cms.gov/data-research/statistics-trends-and-reports/medicare-claims-synthetic-public-use-files/cms-2008-2010-data-entrepreneurs-synthetic-public-use-file-de-synpuf">CMS</a>,
   * codebook "DE-SynPUF Data Users Document"), in {@code dir}:
   *
   * <ul>
   *   <li>a Beneficiary Summary file per year of the study ({@link #desynpufSummary}: 2011, 2012,
   *       2013; the 32 columns of the real files), a row for each beneficiary enrolled in that
   *       year, its Part A and Part B coverage months the months of the year the enrollment span
   *       touches, no HMO months;
   *   <li>the carrier claims ({@link #DESYNPUF_CARRIER}; the 142 columns of the real files): one
   *       workload line is one carrier claim line; a beneficiary's lines of one day are grouped
   *       into claims of up to 13 lines ({@code HCPCS_CD_n}, allowed: {@code LINE_PRCSG_IND_CD_n}
   *       A, the line's first diagnosis in {@code LINE_ICD9_DGNS_CD_n}); the claim's diagnoses
   *       ({@code ICD9_DGNS_CD_1..8}) are the first 8 distinct diagnoses of its lines; the payment,
   *       NPI and tax number columns are filled as real rows are (constant values).
   * </ul>
   *
   * Bytes go straight to the files through one buffer, as {@link #writeTidy}. A line's diagnoses
   * beyond its claim's first 8 distinct are not written (rare: lines carry 1 to 4), so the index
   * read from these files can differ slightly from the tidy files' one.
   */
  public void writeDesynpuf(Path dir) {
    try {
      Files.createDirectories(dir);
      CmsDates dates = new CmsDates();
      byte[][] procedures = ascii(PROCEDURES);
      byte[][] diagnoses = ascii(DIAGNOSES);
      UsState[] states = UsState.values();
      for (int year = START.getYear(); year <= END.getYear(); year++) {
        int first = (int) LocalDate.of(year, 1, 1).toEpochDay();
        int last = (int) LocalDate.of(year, 12, 31).toEpochDay();
        try (Ascii b = new Ascii(dir.resolve(desynpufSummary(year)))) {
          b.text(
              "DESYNPUF_ID,BENE_BIRTH_DT,BENE_DEATH_DT,BENE_SEX_IDENT_CD,BENE_RACE_CD,BENE_ESRD_IND,"
                  + "SP_STATE_CODE,BENE_COUNTY_CD,BENE_HI_CVRAGE_TOT_MONS,BENE_SMI_CVRAGE_TOT_MONS,"
                  + "BENE_HMO_CVRAGE_TOT_MONS,PLAN_CVRG_MOS_NUM,SP_ALZHDMTA,SP_CHF,SP_CHRNKIDN,"
                  + "SP_CNCR,SP_COPD,SP_DEPRESSN,SP_DIABETES,SP_ISCHMCHT,SP_OSTEOPRS,SP_RA_OA,"
                  + "SP_STRKETIA,MEDREIMB_IP,BENRES_IP,PPPYMT_IP,MEDREIMB_OP,BENRES_OP,PPPYMT_OP,"
                  + "MEDREIMB_CAR,BENRES_CAR,PPPYMT_CAR\n");
          for (int p = 0; p < beneficiaries; p++) {
            int from = Math.max(first, enrollStart[p]);
            int to = Math.min(last, enrollEnd[p]);
            if (from > to) {
              continue;
            }
            int months =
                LocalDate.ofEpochDay(to).getMonthValue()
                    - LocalDate.ofEpochDay(from).getMonthValue()
                    + 1;
            b.id(p).put(',').bytes(dates.of(birthDay[p])).put(',');
            if (deathDay[p] != Integer.MIN_VALUE && deathDay[p] <= last) {
              b.bytes(dates.of(deathDay[p]));
            }
            int ssa = SSA_STATES.indexOf(states[state[p]].usps()) + 1;
            b.put(',')
                .put(sex[p] == 1 ? '1' : '2')
                .text(",1,0,")
                .number(ssa == 0 ? 54 : ssa)
                .text(",,")
                .number(months)
                .put(',')
                .number(months)
                .text(
                    ",0,0,2,2,2,2,2,2,2,2,2,2,2,0.00,0.00,0.00,50.00,10.00,0.00,350.00,60.00,0.00\n");
          }
        }
      }
      try (Ascii c = new Ascii(dir.resolve(DESYNPUF_CARRIER))) {
        c.text(carrierHeader()).put('\n');
        int[] claimDx = new int[8];
        int i = 0;
        while (i < lines) {
          // the claim: this line and the next ones of the same patient and day, up to 13
          int end = i + 1;
          while (end < lines
              && end - i < CARRIER_LINES
              && linePatient[end] == linePatient[i]
              && lineDay[end] == lineDay[i]) {
            end++;
          }
          int n = end - i;
          int distinct = 0;
          for (int l = i; l < end && distinct < 8; l++) {
            for (int k = diagnosisStart[l]; k < diagnosisStart[l + 1] && distinct < 8; k++) {
              int d = diagnosis[k];
              boolean seen = false;
              for (int q = 0; q < distinct; q++) {
                seen |= claimDx[q] == d;
              }
              if (!seen) {
                claimDx[distinct++] = d;
              }
            }
          }
          byte[] day = dates.of(lineDay[i]);
          c.id(linePatient[i]).put(',').number(i).put(',').bytes(day).put(',').bytes(day);
          for (int q = 0; q < 8; q++) {
            c.put(',');
            if (q < distinct) {
              c.bytes(diagnoses[claimDx[q]]);
            }
          }
          slots(c, n, "1234567890"); // PRF_PHYSN_NPI
          slots(c, n, "123456789"); // TAX_NUM
          for (int q = 0; q < CARRIER_LINES; q++) {
            c.put(',');
            if (q < n) {
              c.bytes(procedures[lineProcedure[i + q]]);
            }
          }
          slots(c, n, "50.00"); // LINE_NCH_PMT_AMT
          slots(c, n, "0.00"); // LINE_BENE_PTB_DDCTBL_AMT
          slots(c, n, "0.00"); // LINE_BENE_PRMRY_PYR_PD_AMT
          slots(c, n, "10.00"); // LINE_COINSRNC_AMT
          slots(c, n, "60.00"); // LINE_ALOWD_CHRG_AMT
          slots(c, n, "A"); // LINE_PRCSG_IND_CD
          for (int q = 0; q < CARRIER_LINES; q++) {
            c.put(',');
            int l = i + q;
            if (q < n && diagnosisStart[l + 1] > diagnosisStart[l]) {
              c.bytes(diagnoses[diagnosis[diagnosisStart[l]]]);
            }
          }
          c.put('\n');
          i = end;
        }
      }
    } catch (IOException ex) {
      throw new UncheckedIOException(
          "cannot write the workload to " + dir + ": " + ex.getMessage(), ex);
    }
  }

  /** The 142 column names of a DE-SynPUF carrier claims file, comma-separated. */
  public static String carrierHeader() {
    StringBuilder h = new StringBuilder("DESYNPUF_ID,CLM_ID,CLM_FROM_DT,CLM_THRU_DT");
    for (int q = 1; q <= 8; q++) {
      h.append(",ICD9_DGNS_CD_").append(q);
    }
    for (String column :
        List.of(
            "PRF_PHYSN_NPI_",
            "TAX_NUM_",
            "HCPCS_CD_",
            "LINE_NCH_PMT_AMT_",
            "LINE_BENE_PTB_DDCTBL_AMT_",
            "LINE_BENE_PRMRY_PYR_PD_AMT_",
            "LINE_COINSRNC_AMT_",
            "LINE_ALOWD_CHRG_AMT_",
            "LINE_PRCSG_IND_CD_",
            "LINE_ICD9_DGNS_CD_")) {
      for (int q = 1; q <= CARRIER_LINES; q++) {
        h.append(',').append(column).append(q);
      }
    }
    return h.toString();
  }

  /** 13 cells, the first {@code n} holding {@code value}, each after a comma. */
  private static void slots(Ascii c, int n, String value) throws IOException {
    byte[] v = value.getBytes(StandardCharsets.US_ASCII);
    for (int q = 0; q < CARRIER_LINES; q++) {
      c.put(',');
      if (q < n) {
        c.bytes(v);
      }
    }
  }

  /** CMS dates ({@code 20120304}) as bytes, each day formatted once. */
  private static final class CmsDates {
    private final java.util.Map<Integer, byte[]> cache = new java.util.HashMap<>();

    byte[] of(int epochDay) {
      return cache.computeIfAbsent(
          epochDay,
          d ->
              LocalDate.ofEpochDay(d)
                  .format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE)
                  .getBytes(StandardCharsets.US_ASCII));
    }
  }

  private static byte[][] ascii(List<String> codes) {
    byte[][] out = new byte[codes.size()][];
    for (int i = 0; i < out.length; i++) {
      out[i] = codes.get(i).getBytes(StandardCharsets.US_ASCII);
    }
    return out;
  }

  /** ISO dates ({@code 2012-03-04}) as bytes, each day formatted once. */
  private static final class Dates {
    private final java.util.Map<Integer, byte[]> cache = new java.util.HashMap<>();

    byte[] of(int epochDay) {
      return cache.computeIfAbsent(
          epochDay, d -> LocalDate.ofEpochDay(d).toString().getBytes(StandardCharsets.US_ASCII));
    }
  }

  /** An ASCII file written through one 1 MiB buffer. */
  private static final class Ascii implements java.io.Closeable {
    private final OutputStream out;
    private final byte[] buf = new byte[1 << 20];
    private int n;

    Ascii(Path file) throws IOException {
      out = Files.newOutputStream(file);
    }

    private void room(int bytes) throws IOException {
      if (n + bytes > buf.length) {
        out.write(buf, 0, n);
        n = 0;
      }
    }

    Ascii put(char c) throws IOException {
      room(1);
      buf[n++] = (byte) c;
      return this;
    }

    Ascii bytes(byte[] b) throws IOException {
      room(b.length);
      System.arraycopy(b, 0, buf, n, b.length);
      n += b.length;
      return this;
    }

    Ascii text(String s) throws IOException {
      return bytes(s.getBytes(StandardCharsets.UTF_8));
    }

    /** A non-negative number in decimal. */
    Ascii number(long v) throws IOException {
      room(20);
      int digits = 1;
      for (long t = v / 10; t > 0; t /= 10) {
        digits++;
      }
      for (int i = n + digits - 1; i >= n; i--, v /= 10) {
        buf[i] = (byte) ('0' + v % 10);
      }
      n += digits;
      return this;
    }

    /** The beneficiary id of patient {@code p}, as {@link #id(int)} gives it. */
    Ascii id(int p) throws IOException {
      if (p < 0 || p >= 10_000_000) {
        return text(PaperScaleWorkload.id(p));
      }
      room(8);
      buf[n] = 'B';
      for (int i = n + 7, v = p; i > n; i--, v /= 10) {
        buf[i] = (byte) ('0' + v % 10);
      }
      n += 8;
      return this;
    }

    @Override
    public void close() throws IOException {
      try (out) {
        out.write(buf, 0, n);
      }
    }
  }
}
