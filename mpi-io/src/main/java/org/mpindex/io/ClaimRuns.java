package org.mpindex.io;

import java.nio.charset.StandardCharsets;
import org.mpindex.io.collect.LongSet;

/**
 * The claims a tidy claims reader has read, to count a repeated claim once. A claim's rows come
 * together (one run of consecutive rows with its claim id); a claim id whose rows come again after
 * rows of another claim, or in a later file read by the same reader, is a repeat of the earlier
 * claim (a file given twice under another name, a file appended to itself): every row of the
 * repeated run is rejected.
 *
 * <p>Claim ids are kept as 64-bit hashes of their UTF-8 bytes ({@link FastTidyClaims#hash}) in a {@link LongSet}: about 10.7 to
 * 21 bytes a distinct claim id. Two different ids of one run share a hash with a probability of about
 * n<sup>2</sup>/2<sup>65</sup> (n distinct ids: 3 in a million for 10 million claims); the later
 * claim is then rejected as a repeat, counted and listed, never folded in twice.
 */
final class ClaimRuns {
  private final LongSet seen = new LongSet();
  private long current;
  private boolean inRun;
  private boolean repeated;

  /** A new file: no current claim (a claim continued from the previous file is a repeat). */
  void newFile() {
    inRun = false;
  }

  /**
   * Whether a row of claim {@code key} belongs to a repeated claim. Asking twice for the same row is
   * harmless: the same key as the last row's continues its run.
   */
  boolean repeated(long key) {
    if (inRun && key == current) {
      return repeated;
    }
    current = key;
    inRun = true;
    repeated = !seen.add(key);
    return repeated;
  }

  /** The key of a claim id: {@link FastTidyClaims#hash} of its UTF-8 bytes. */
  static long key(String claimId) {
    byte[] b = claimId.getBytes(StandardCharsets.UTF_8);
    return FastTidyClaims.hash(b, 0, b.length);
  }
}
