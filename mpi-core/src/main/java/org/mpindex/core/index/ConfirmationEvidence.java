package org.mpindex.core.index;

import java.util.Arrays;

/**
 * What a {@link Confirmation} rule needs, kept only when the spec has one: for each claim line with
 * categories, its patient, window, claim (a 64-bit hash of the id), whether the claim is inpatient,
 * and its categories. Entries of disjoint record sets concatenate, and the rule reads sets of claims,
 * so the outcome does not depend on order or split. 29 bytes a line with diagnoses.
 */
final class ConfirmationEvidence {
  int size;
  int[] patient = new int[64];
  int[] window = new int[64];
  long[] claim = new long[64];
  boolean[] inpatient = new boolean[64];
  long[] categories = new long[64];

  void add(int p, int w, String claimId, boolean inpatientClaim, long cats) {
    if (size == patient.length) {
      int n = size * 2;
      patient = Arrays.copyOf(patient, n);
      window = Arrays.copyOf(window, n);
      claim = Arrays.copyOf(claim, n);
      inpatient = Arrays.copyOf(inpatient, n);
      categories = Arrays.copyOf(categories, n);
    }
    patient[size] = p;
    window[size] = w;
    claim[size] = org.mpindex.core.text.StableHash.of(claimId);
    inpatient[size] = inpatientClaim;
    categories[size] = cats;
    size++;
  }

  /** Adds {@code other}'s entries, its patient q becoming {@code map[q]}. */
  void addAll(ConfirmationEvidence other, int[] map) {
    for (int i = 0; i < other.size; i++) {
      if (size == patient.length) {
        add(0, 0, "", false, 0);
        size--;
      }
      patient[size] = map[other.patient[i]];
      window[size] = other.window[i];
      claim[size] = other.claim[i];
      inpatient[size] = other.inpatient[i];
      categories[size] = other.categories[i];
      size++;
    }
  }

  /** Entry indices by patient: {@code byPatient[start[p] .. start[p + 1])}. */
  int[] byPatient(int patients, int[] start) {
    for (int i = 0; i < size; i++) {
      start[patient[i] + 1]++;
    }
    for (int p = 0; p < patients; p++) {
      start[p + 1] += start[p];
    }
    int[] fill = Arrays.copyOf(start, patients + 1);
    int[] out = new int[size];
    for (int i = 0; i < size; i++) {
      out[fill[patient[i]]++] = i;
    }
    return out;
  }

  /**
   * The categories confirmed in window {@code t} by the entries {@code idx[from .. to)} of one patient:
   * seen on an inpatient claim, or on at least {@code rule.otherClaims()} distinct other claims, in
   * windows {@code t - lookBack .. t}.
   */
  long confirmed(int[] idx, int from, int to, int t, Confirmation rule) {
    long inpatientSeen = 0;
    int n = 0;
    long[] pairs = new long[0];
    int[] pairCategory = new int[0];
    for (int k = from; k < to; k++) {
      int e = idx[k];
      if (window[e] < t - rule.lookBack() || window[e] > t) {
        continue;
      }
      if (inpatient[e]) {
        inpatientSeen |= categories[e];
        continue;
      }
      for (long bits = categories[e]; bits != 0; bits &= bits - 1) {
        if (n == pairs.length) {
          pairs = Arrays.copyOf(pairs, Math.max(8, n * 2));
          pairCategory = Arrays.copyOf(pairCategory, Math.max(8, n * 2));
        }
        pairCategory[n] = Long.numberOfTrailingZeros(bits);
        pairs[n] = claim[e];
        n++;
      }
    }
    long confirmed = inpatientSeen;
    // distinct claims per category: sort (category, claim) pairs and count runs
    long[][] byCategory = new long[64][];
    int[] counts = new int[64];
    for (int i = 0; i < n; i++) {
      counts[pairCategory[i]]++;
    }
    for (int c = 0; c < 64; c++) {
      if (counts[c] > 0) {
        byCategory[c] = new long[counts[c]];
        counts[c] = 0;
      }
    }
    for (int i = 0; i < n; i++) {
      byCategory[pairCategory[i]][counts[pairCategory[i]]++] = pairs[i];
    }
    for (int c = 0; c < 64; c++) {
      long[] keys = byCategory[c];
      if (keys == null || (confirmed & (1L << c)) != 0) {
        continue;
      }
      Arrays.sort(keys);
      int distinct = 1;
      for (int i = 1; i < keys.length; i++) {
        if (keys[i] != keys[i - 1]) {
          distinct++;
        }
      }
      if (distinct >= rule.otherClaims()) {
        confirmed |= 1L << c;
      }
    }
    return confirmed;
  }
}
