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
