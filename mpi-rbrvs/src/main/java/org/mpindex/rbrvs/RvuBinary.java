package org.mpindex.rbrvs;

import java.io.DataOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.mpindex.core.claims.Modifier;
import org.mpindex.core.claims.ProcedureCode;

/**
 * A compact binary form of a release's records, derived from the bundled CMS CSV files so that a
 * fresh JVM reads them several times faster than it parses the CSV (no splitting, no decimal
 * parsing). The CSV stays the source: {@code BundledBinaryTest} checks, for every bundled year, that
 * the binary reads to exactly the records the CSV reads to, and {@code RvuBinary.main} rewrites the
 * binaries from the CSVs.
 *
 * <p>Format (big-endian, {@link DataOutputStream}): magic {@code "MPIRVU1"}, record count, then per
 * record: code (5 ASCII bytes), modifier (2 ASCII bytes, blanks for none), status (1 byte), flags
 * (1 byte: not used for payment), the decimals work, non-facility PE, facility PE, transitioned
 * non-facility PE, transitioned facility PE, MP, pre, intra, post, conversion factor (each a scale
 * byte, -1 for absent, and an unscaled {@code long}), the indicators PCTC, multiple procedure,
 * bilateral, assistant, co-surgery, team (one signed byte each), global days (one byte, -1 for
 * none) and the endoscopic base (5 ASCII bytes, blanks for none).
 */
final class RvuBinary {
  private RvuBinary() {}

  private static final String MAGIC = "MPIRVU1";
  private static final GlobalDays[] DAYS = GlobalDays.values();

  static void write(List<RvuRecord> records, DataOutputStream out) throws IOException {
    out.writeUTF(MAGIC);
    out.writeInt(records.size());
    for (RvuRecord r : records) {
      out.writeBytes(r.code().code());
      out.writeBytes(r.modifier().map(Modifier::code).orElse("  "));
      out.writeByte(r.status().code());
      out.writeByte(r.notUsedForMedicarePayment() ? 1 : 0);
      decimal(out, Optional.of(r.workRvu()));
      decimal(out, Optional.of(r.nonFacilityPeRvu()));
      decimal(out, Optional.of(r.facilityPeRvu()));
      decimal(out, r.transitionedNonFacilityPeRvu());
      decimal(out, r.transitionedFacilityPeRvu());
      decimal(out, Optional.of(r.malpracticeRvu()));
      decimal(out, Optional.of(r.preOperative()));
      decimal(out, Optional.of(r.intraOperative()));
      decimal(out, Optional.of(r.postOperative()));
      decimal(out, r.conversionFactor());
      for (int i :
          new int[] {
            r.pctcIndicator(),
            r.multipleProcedure(),
            r.bilateral(),
            r.assistant(),
            r.coSurgery(),
            r.teamSurgery()
          }) {
        out.writeByte(i);
      }
      out.writeByte(r.globalDays().map(Enum::ordinal).orElse(-1));
      out.writeBytes(r.endoscopicBase().map(ProcedureCode::code).orElse("     "));
    }
  }

  private static void decimal(DataOutputStream out, Optional<BigDecimal> d) throws IOException {
    if (d.isEmpty()) {
      out.writeByte(-1);
      return;
    }
    BigDecimal v = d.get();
    if (v.scale() < 0 || v.scale() > 120 || v.unscaledValue().bitLength() > 62) {
      throw new IllegalArgumentException("decimal " + v + " does not fit the binary form");
    }
    out.writeByte(v.scale());
    out.writeLong(v.unscaledValue().longValueExact());
  }

  /** Decodes a whole binary (already inflated): a plain buffer, no stream call per field. */
  static List<RvuRecord> read(byte[] bytes) throws IOException {
    java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(bytes);
    int magicLength = in.getShort();
    byte[] magic = new byte[magicLength];
    in.get(magic);
    if (!MAGIC.equals(ascii(magic))) {
      throw new IOException("not a bundled RVU binary");
    }
    int n = in.getInt();
    List<RvuRecord> out = new ArrayList<>(n);
    Map<String, ProcedureCode> codes = new HashMap<>(n * 2);
    Map<String, Modifier> modifiers = new HashMap<>();
    Map<Long, BigDecimal> decimals = new HashMap<>();
    byte[] five = new byte[5];
    byte[] two = new byte[2];
    for (int k = 0; k < n; k++) {
      in.get(five);
      ProcedureCode code = codes.computeIfAbsent(ascii(five), ProcedureCode::of);
      in.get(two);
      String m = ascii(two);
      Optional<Modifier> modifier =
          m.isBlank() ? Optional.empty() : Optional.of(modifiers.computeIfAbsent(m, Modifier::of));
      StatusCode status = StatusCode.of((char) (in.get() & 0xFF));
      boolean notUsed = in.get() != 0;
      BigDecimal work = decimal(in, decimals).orElseThrow();
      BigDecimal nonFac = decimal(in, decimals).orElseThrow();
      BigDecimal fac = decimal(in, decimals).orElseThrow();
      Optional<BigDecimal> transNonFac = decimal(in, decimals);
      Optional<BigDecimal> transFac = decimal(in, decimals);
      BigDecimal mp = decimal(in, decimals).orElseThrow();
      BigDecimal pre = decimal(in, decimals).orElseThrow();
      BigDecimal intra = decimal(in, decimals).orElseThrow();
      BigDecimal post = decimal(in, decimals).orElseThrow();
      Optional<BigDecimal> cf = decimal(in, decimals);
      int pctc = in.get();
      int mult = in.get();
      int bilat = in.get();
      int asst = in.get();
      int co = in.get();
      int team = in.get();
      int days = in.get();
      in.get(five);
      String endo = ascii(five);
      out.add(
          new RvuRecord(
              code,
              modifier,
              status,
              notUsed,
              work,
              nonFac,
              fac,
              transNonFac,
              transFac,
              mp,
              pctc,
              days < 0 ? Optional.empty() : Optional.of(DAYS[days]),
              pre,
              intra,
              post,
              mult,
              bilat,
              asst,
              co,
              team,
              endo.isBlank()
                  ? Optional.empty()
                  : Optional.of(codes.computeIfAbsent(endo, ProcedureCode::of)),
              cf));
    }
    return out;
  }

  private static String ascii(byte[] b) {
    return new String(b, java.nio.charset.StandardCharsets.US_ASCII);
  }

  private static final Optional<BigDecimal> ABSENT = Optional.empty();

  private static Optional<BigDecimal> decimal(java.nio.ByteBuffer in, Map<Long, BigDecimal> seen) {
    int scale = in.get();
    if (scale < 0) {
      return ABSENT;
    }
    long unscaled = in.getLong();
    if (unscaled < (1L << 48) && unscaled >= 0) {
      long key = unscaled << 8 | scale;
      BigDecimal d = seen.get(key);
      if (d == null) {
        d = BigDecimal.valueOf(unscaled, scale);
        seen.put(key, d);
      }
      return Optional.of(d);
    }
    return Optional.of(new BigDecimal(BigInteger.valueOf(unscaled), scale));
  }

  /**
   * Rewrites the binaries of the bundled releases from their CSVs: {@code java -cp ...
   * org.mpindex.rbrvs.RvuBinary mpi-rbrvs-data/src/main/resources/org/mpindex/rbrvs/data}.
   */
  public static void main(String[] args) throws IOException {
    java.nio.file.Path dir = java.nio.file.Path.of(args[0]);
    for (BundledRvu.Entry e : BundledRvu.entries().values()) {
      List<RvuRecord> records = BundledRvu.readCsv(e).release().records();
      java.nio.file.Path file = dir.resolve(BundledRvu.binaryName(e));
      try (DataOutputStream out =
          new DataOutputStream(
              new java.io.BufferedOutputStream(
                  new java.util.zip.GZIPOutputStream(
                      java.nio.file.Files.newOutputStream(file), 1 << 16)))) {
        write(records, out);
      }
      System.out.println(file + ": " + records.size() + " records");
    }
  }
}
