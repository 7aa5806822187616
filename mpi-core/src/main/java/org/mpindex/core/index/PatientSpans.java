package org.mpindex.core.index;

import java.util.Arrays;
import java.util.List;
import org.mpindex.core.claims.Enrollment;

/**
 * The enrollment spans of each patient, as added: most patients have one, held without a list
 * (4 bytes a patient plus the caller's span; a list per patient took about 80). Not thread-safe.
 */
final class PatientSpans {
  // per patient: null, one Enrollment, or an Enrollment[] of two or more
  private Object[] spans = new Object[256];

  void add(int p, Enrollment e) {
    if (p >= spans.length) {
      spans = Arrays.copyOf(spans, Math.max(p + 1, spans.length * 2));
    }
    Object s = spans[p];
    if (s == null) {
      spans[p] = e;
    } else if (s instanceof Enrollment enrollment) {
      spans[p] = new Enrollment[] {enrollment, e};
    } else {
      Enrollment[] a = (Enrollment[]) s;
      Enrollment[] b = Arrays.copyOf(a, a.length + 1);
      b[a.length] = e;
      spans[p] = b;
    }
  }

  /** Makes room for patients {@code 0..n-1}. */
  void reserve(int n) {
    if (n > spans.length) {
      spans = Arrays.copyOf(spans, n);
    }
  }

  /** Patient {@code p}'s spans in the order added; null when none. */
  List<Enrollment> get(int p) {
    Object s = p < spans.length ? spans[p] : null;
    if (s == null) {
      return null;
    }
    return s instanceof Enrollment enrollment ? List.of(enrollment) : List.of((Enrollment[]) s);
  }

  /** How many spans patient {@code p} has. */
  int count(int p) {
    Object s = p < spans.length ? spans[p] : null;
    return s == null ? 0 : s instanceof Enrollment ? 1 : ((Enrollment[]) s).length;
  }
}
