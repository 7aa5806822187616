package org.mpindex.core.spi;

/**
 * A kind of input record that the ingest accounting counts (read, accepted, rejected by reason):
 * the assembler's records ({@code org.mpindex.core.index.AssemblyRecordKind}: claim lines,
 * beneficiaries...) and each reader's file rows (an enum of the reader's module, such as the rows of
 * one table of a layout). Implemented by enums, one per module that reads records, so that the
 * kinds are a closed, typed set in each module while a new reader can add its own.
 *
 * <p>The accounting (summary, {@code spec.txt}, the rejects file) shows and sorts kinds by their
 * {@link #text()}, and two kinds with the same text are counted as one: a text must name one kind
 * only.
 */
public interface RecordKind {

  /**
   * The kind as the outputs show it, e.g. {@code "claim lines"} or {@code "RIF MBSF rows"}: plural,
   * stable across releases (users compare accounting between runs), no counts or ids inside.
   */
  String text();

  /**
   * A kind known only by its text, for readers whose kinds are not an enum yet: counted exactly as a
   * typed kind with the same text.
   *
   * @param text the kind as the outputs show it, not blank
   */
  static RecordKind of(String text) {
    return new Named(text);
  }

  /**
   * A kind known only by its text ({@link #of(String)}).
   *
   * @param text the kind as the outputs show it
   */
  record Named(String text) implements RecordKind {
    public Named {
      java.util.Objects.requireNonNull(text, "text");
    }

    @Override
    public String toString() {
      return text;
    }
  }
}
