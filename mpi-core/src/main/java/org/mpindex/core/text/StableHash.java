package org.mpindex.core.text;

/**
 * A 64-bit hash of an id that is the same on every run, JVM and version (FNV-1a over the chars, then
 * the splitmix64 finaliser, which spreads every bit): for keys that must not depend on {@code
 * String.hashCode} or on the order records arrive in (bootstrap weights of a patient, claims read
 * before). Distinct ids collide with probability about n^2 / 2^65.
 */
public final class StableHash {
  private StableHash() {}

  /** The hash of {@code id}. */
  public static long of(String id) {
    return of(0, id);
  }

  /** The hash of {@code id} in namespace {@code seed} (the same id in two namespaces hashes apart). */
  public static long of(long seed, String id) {
    long h = 0xcbf29ce484222325L ^ seed;
    for (int i = 0; i < id.length(); i++) {
      h ^= id.charAt(i);
      h *= 0x100000001b3L;
    }
    return mix(h);
  }

  /** The splitmix64 finaliser: a bijection of longs. */
  public static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
