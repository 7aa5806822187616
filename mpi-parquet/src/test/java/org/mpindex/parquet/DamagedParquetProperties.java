package org.mpindex.parquet;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.mpindex.testkit.Mutations;

/**
 * A damaged Parquet file (bytes flipped, inserted, deleted, cut; or random bytes named .parquet)
 * is read as it is or refused with a {@link ParquetFormatException} naming the file: never another
 * exception, never a hang.
 */
class DamagedParquetProperties {
  private static byte[] bytes(String fixture) {
    try {
      return Files.readAllBytes(ParquetTableOpenerTest.fixture(fixture));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static final List<byte[]> VALID =
      List.of(bytes("eunomia/person.parquet"), bytes("eunomia/condition_occurrence.parquet"));

  /** A valid file with 1 to 6 bytes XOR'd at random places (its size, so its footer, kept). */
  @Provide
  Arbitrary<byte[]> flipped() {
    return Combinators.combine(
            Arbitraries.of(VALID),
            Combinators.combine(
                    Arbitraries.integers().greaterOrEqual(0),
                    Arbitraries.integers().between(1, 255))
                .as((at, x) -> new int[] {at, x})
                .list()
                .ofMinSize(1)
                .ofMaxSize(6))
        .as(
            (valid, flips) -> {
              byte[] b = valid.clone();
              for (int[] f : flips) {
                b[f[0] % b.length] ^= (byte) f[1];
              }
              return b;
            });
  }

  @Provide
  Arbitrary<byte[]> hostile() {
    return Arbitraries.oneOf(
        Mutations.hostile(VALID.get(0)), Mutations.hostile(VALID.get(1)), flipped());
  }

  @Property(tries = 1000)
  void aDamagedFileIsReadOrRefusedNamingIt(@ForAll("hostile") byte[] file) throws IOException {
    Path dir = Files.createTempDirectory("damaged-parquet");
    Path f = dir.resolve("damaged.parquet");
    try {
      Files.write(f, file);
      try {
        ParquetTableOpenerTest.cells(new ParquetTableOpener().open(f).orElseThrow());
      } catch (ParquetFormatException e) {
        assertTrue(e.getMessage().startsWith(f + ": "), e.getMessage());
      }
    } finally {
      Files.delete(f);
      Files.delete(dir);
    }
  }
}
