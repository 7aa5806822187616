package org.mpindex.io.input;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The input layouts the library reads, by name. */
public final class InputFormats {
  private static final List<InputFormat> ALL =
      List.of(
          new TidyFormat(),
          new DesynpufFormat(),
          org.mpindex.io.omop.OmopFormat.DEFAULT,
          new org.mpindex.io.cclf.CclfFormat(),
          new org.mpindex.io.rif.RifFormat());

  private InputFormats() {}

  /** Every layout, in the order {@code mpi inspect} tries them. */
  public static List<InputFormat> all() {
    return List.copyOf(ALL);
  }

  /** The layout called {@code name} (case-insensitive), or empty. */
  public static Optional<InputFormat> byName(String name) {
    String n = name.strip().toLowerCase(Locale.ROOT);
    return ALL.stream().filter(f -> f.name().equals(n)).findFirst();
  }
}
