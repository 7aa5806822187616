package org.mpindex.io.input;

import java.nio.file.Path;
import java.util.List;
import org.mpindex.core.index.IndexAssembler;

/**
 * A columnar reader of one layout's claims files in a binary table format (tidy claims in Parquet):
 * column batches straight into the assembler, no object per line, with the same rows, counts,
 * rejections and checks as the layout's row reader. Optional modules register one with {@link
 * java.util.ServiceLoader} ({@code META-INF/services/org.mpindex.io.input.ColumnarClaimsReader});
 * the layout's {@link InputFormat#readClaimsColumnar} asks them for files that are not text.
 */
public interface ColumnarClaimsReader {
  /** The layout whose claims it reads ({@link InputFormat#name()}: {@code tidy}). */
  String layout();

  /** Whether it reads {@code file}. */
  boolean handles(Path file);

  /**
   * Reads {@code files} (every one {@link #handles handled}) into {@code assembler}: a claim met
   * again in a later file is a repeated claim, as the row reader counts it; each file is told to
   * the context's {@link ReadContext#fileRead} once read.
   */
  void read(List<Path> files, ReadContext context, IndexAssembler assembler);
}
