package org.mpindex.testkit;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Hostile bytes for fuzzing readers: a valid file's bytes with random mutations (bytes replaced,
 * inserted and deleted, lines repeated or cut, quotes, commas, NUL, 0x1A, invalid UTF-8, a gzip or
 * UTF-16 signature at the start), or plain random bytes. Feed them to a reader and check that only
 * its declared exceptions escape and that its accounting balances.
 */
public final class Mutations {
  private Mutations() {}

  /** Bytes that tend to break parsers. */
  private static final byte[] NASTY = {
    '"',
    ',',
    '\n',
    '\r',
    0,
    0x1A,
    (byte) 0xFF,
    (byte) 0xE9,
    (byte) 0xC3,
    '-',
    '9',
    'E',
    ' ',
    '\t',
    '|',
    ';',
    '.',
    (byte) 0x80
  };

  /** One mutation: {kind, position (any int, taken modulo the size), value}. */
  private record Edit(int kind, int position, int value) {}

  /** {@code valid} mutated 1 to 8 times. */
  public static Arbitrary<byte[]> mutationsOf(byte[] valid) {
    Arbitrary<Edit> edit =
        Combinators.combine(
                Arbitraries.integers().between(0, 7),
                Arbitraries.integers().greaterOrEqual(0),
                Arbitraries.integers().between(0, 255))
            .as(Edit::new);
    return edit.list().ofMinSize(1).ofMaxSize(8).map(edits -> apply(valid, edits));
  }

  /** Random bytes, up to 2,000 of them. */
  public static Arbitrary<byte[]> randomBytes() {
    return Arbitraries.bytes().array(byte[].class).ofMaxSize(2000);
  }

  /** Mutated or random. */
  public static Arbitrary<byte[]> hostile(byte[] valid) {
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(9, mutationsOf(valid)), net.jqwik.api.Tuple.of(1, randomBytes()));
  }

  private static byte[] apply(byte[] valid, List<Edit> edits) {
    List<Byte> b = new ArrayList<>(valid.length + 16);
    for (byte x : valid) {
      b.add(x);
    }
    for (Edit e : edits) {
      int n = b.size();
      int at = n == 0 ? 0 : e.position() % n;
      byte nasty = NASTY[e.value() % NASTY.length];
      switch (e.kind()) {
        case 0 -> {
          // replace a byte with a nasty one
          if (n > 0) {
            b.set(at, nasty);
          }
        }
        case 1 ->
            // insert a nasty byte
            b.add(at, nasty);
        case 2 -> {
          // delete a run of bytes
          for (int k = 0; k < 1 + e.value() % 20 && at < b.size(); k++) {
            b.remove(at);
          }
        }
        case 3 -> {
          // replace a byte with any byte
          if (n > 0) {
            b.set(at, (byte) e.value());
          }
        }
        case 4 -> {
          // repeat the line around the position
          int s = at;
          while (s > 0 && b.get(s - 1) != '\n') {
            s--;
          }
          int t = at;
          while (t < n && b.get(t) != '\n') {
            t++;
          }
          List<Byte> line = new ArrayList<>(b.subList(s, Math.min(n, t + 1)));
          b.addAll(Math.min(n, t + 1), line);
        }
        case 5 -> {
          // cut the file
          while (b.size() > at) {
            b.remove(b.size() - 1);
          }
        }
        case 6 -> {
          // a signature at the start: gzip or a UTF-16 byte order mark
          if (e.value() % 2 == 0) {
            b.add(0, (byte) 0x8b);
            b.add(0, (byte) 0x1f);
          } else {
            b.add(0, (byte) 0xFE);
            b.add(0, (byte) 0xFF);
          }
        }
        default -> {
          // an invalid UTF-8 sequence
          b.add(at, (byte) 0xC3);
          b.add(at, (byte) 0x28);
        }
      }
    }
    byte[] out = new byte[b.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = b.get(i);
    }
    return out;
  }
}
