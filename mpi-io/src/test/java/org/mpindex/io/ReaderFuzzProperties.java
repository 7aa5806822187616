package org.mpindex.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BiFunction;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.mpindex.core.index.IngestMode;
import org.mpindex.core.index.IngestTally;
import org.mpindex.core.index.RecordCounts;
import org.mpindex.core.index.RecordSink;
import org.mpindex.core.spi.MalformedRecordException;
import org.mpindex.core.spi.RecordKind;
import org.mpindex.testkit.Mutations;

/**
 * Every claims reader fed mutated and random bytes (issue 10): only the declared exceptions escape
 * (a {@link MalformedRecordException}; in lenient mode only one about the header, line 1, or an
 * {@link UncheckedIOException} for a damaged gzip stream), the tally balances, and lenient mode never
 * stops at a row. 200 tries per reader in CI; for a longer run:
 * {@code mvn -pl mpi-io test -Dtest=ReaderFuzzProperties -Djqwik.tries.default=100000}.
 */
class ReaderFuzzProperties {

  static byte[] fixture(String path) {
    try {
      return Files.readAllBytes(Path.of(ReaderFuzzProperties.class.getResource(path).toURI()));
    } catch (IOException | java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  @Provide
  Arbitrary<byte[]> tidyClaims() {
    return Mutations.hostile(fixture("/tidy/claims.csv"));
  }

  @Provide
  Arbitrary<byte[]> tidyBeneficiaries() {
    return Mutations.hostile(fixture("/tidy/beneficiaries.csv"));
  }

  @Provide
  Arbitrary<byte[]> tidyEnrollment() {
    return Mutations.hostile(fixture("/tidy/enrollment.csv"));
  }

  @Provide
  Arbitrary<byte[]> summary() {
    return Mutations.hostile(fixture("/synpuf/DE1_0_2009_Beneficiary_Summary_File_Sample_1.csv"));
  }

  @Provide
  Arbitrary<byte[]> carrier() {
    return Mutations.hostile(fixture("/synpuf/DE1_0_2008_to_2010_Carrier_Claims_Sample_1A.csv"));
  }

  @Provide
  Arbitrary<byte[]> outpatient() {
    return Mutations.hostile(fixture("/synpuf/DE1_0_2008_to_2010_Outpatient_Claims_Sample_1.csv"));
  }

  @Property
  void tidyClaimRows(@ForAll("tidyClaims") byte[] bytes) throws IOException {
    survives(
        bytes,
        "claims.csv",
        TidyCsvReader.CLAIM_ROWS,
        (strict, f) ->
            new TidyCsvReader((strict ? IngestMode.STRICT : IngestMode.LENIENT))
                .read(
                    f,
                    TidyCsvReader.CLAIM_ROWS,
                    RecordSink.each(o -> {}),
                    new IngestTally(),
                    true));
  }

  @Property
  void tidyBeneficiaryRows(@ForAll("tidyBeneficiaries") byte[] bytes) throws IOException {
    survives(
        bytes,
        "beneficiaries.csv",
        TidyCsvReader.BENEFICIARY_ROWS,
        (strict, f) ->
            new TidyCsvReader((strict ? IngestMode.STRICT : IngestMode.LENIENT))
                .readBeneficiaries(f, RecordSink.each(o -> {})));
  }

  @Property
  void tidyEnrollmentRows(@ForAll("tidyEnrollment") byte[] bytes) throws IOException {
    survives(
        bytes,
        "enrollment.csv",
        TidyCsvReader.ENROLLMENT_ROWS,
        (strict, f) ->
            new TidyCsvReader((strict ? IngestMode.STRICT : IngestMode.LENIENT))
                .readEnrollment(f, RecordSink.each(o -> {})));
  }

  @Property
  void synpufSummaryRows(@ForAll("summary") byte[] bytes) throws IOException {
    survives(
        bytes,
        "DE1_0_2009_Beneficiary_Summary_File_Sample_1.csv",
        SynpufBeneficiaryReader.ROWS,
        (strict, f) ->
            new SynpufBeneficiaryReader(
                    (strict ? IngestMode.STRICT : IngestMode.LENIENT), SynpufCoverage.DEFAULT)
                .read(List.of(f), RecordSink.each(o -> {})));
  }

  @Property
  void synpufCarrierRows(@ForAll("carrier") byte[] bytes) throws IOException {
    survives(
        bytes,
        "DE1_0_2008_to_2010_Carrier_Claims_Sample_1A.csv",
        SynpufClaimReader.Kind.CARRIER.rows(),
        (strict, f) ->
            new SynpufClaimReader((strict ? IngestMode.STRICT : IngestMode.LENIENT), true)
                .read(f, RecordSink.each(o -> {})));
  }

  @Property
  void synpufInstitutionalRows(@ForAll("outpatient") byte[] bytes) throws IOException {
    survives(
        bytes,
        "DE1_0_2008_to_2010_Outpatient_Claims_Sample_1.csv",
        null,
        (strict, f) ->
            new SynpufClaimReader((strict ? IngestMode.STRICT : IngestMode.LENIENT))
                .read(f, RecordSink.each(o -> {})));
  }

  /**
   * Reads {@code bytes} leniently and strictly. Lenient: no exception but about the header or a
   * damaged gzip stream; a balanced tally. Strict: only a MalformedRecordException or an
   * UncheckedIOException.
   */
  static void survives(
      byte[] bytes, String name, RecordKind kind, BiFunction<Boolean, Path, IngestTally> read)
      throws IOException {
    Path dir = Files.createTempDirectory("fuzz");
    Path f = dir.resolve(name);
    Files.write(f, bytes);
    try {
      try {
        IngestTally t = read.apply(false, f);
        assertTrue(t.snapshot().balanced(), t.snapshot().toString());
        if (kind != null) {
          RecordCounts c = t.snapshot().of(kind);
          assertEquals(
              c.read(),
              c.accepted() + c.rejected().values().stream().mapToLong(Long::longValue).sum());
        }
      } catch (MalformedRecordException e) {
        assertEquals(1, e.line(), "lenient mode stopped at a row: " + e.getMessage());
      } catch (UncheckedIOException e) {
        assertTrue(
            e.getMessage().contains("gzip") || e.getMessage().contains("cannot read"),
            e.getMessage());
      } catch (RuntimeException e) {
        fail("lenient reading threw " + e, e);
      }
      try {
        var unused = read.apply(true, f);
      } catch (MalformedRecordException | UncheckedIOException e) {
        assertTrue(
            e.getMessage().contains(name) || e.getMessage().contains("cannot read"),
            e.getMessage());
      } catch (RuntimeException e) {
        fail("strict reading threw " + e, e);
      }
    } finally {
      Files.deleteIfExists(f);
      Files.deleteIfExists(dir);
    }
  }
}
