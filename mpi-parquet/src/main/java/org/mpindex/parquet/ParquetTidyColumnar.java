package org.mpindex.parquet;

import java.nio.file.Path;
import java.util.List;
import org.mpindex.core.index.IndexAssembler;
import org.mpindex.io.input.ColumnarClaimsReader;
import org.mpindex.io.input.ReadContext;

/**
 * Tidy claims in Parquet, read by {@link ParquetTidyClaims} for {@code mpi compute --format tidy}
 * (registered with {@link java.util.ServiceLoader}): one reader for all the run's claims files, so
 * that a claim met again in a later file is a repeated claim.
 */
public final class ParquetTidyColumnar implements ColumnarClaimsReader {
  /** The reader {@link java.util.ServiceLoader} makes. */
  public ParquetTidyColumnar() {}

  @Override
  public String layout() {
    return "tidy";
  }

  @Override
  public boolean handles(Path file) {
    return ParquetTableOpener.isParquet(file);
  }

  @Override
  public void read(List<Path> files, ReadContext context, IndexAssembler assembler) {
    ParquetTidyClaims reader = new ParquetTidyClaims(context).readingClaimsOnce();
    for (Path f : files) {
      reader.read(f, assembler);
      context.fileRead().accept(f);
    }
  }
}
