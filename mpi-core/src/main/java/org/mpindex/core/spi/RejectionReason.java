package org.mpindex.core.spi;

import java.util.Objects;

/**
 * Why a record was not used: the key under which lenient mode counts a rejection ({@link
 * RejectedRecordException#reason()}, {@code IngestTally.reject}) and the text the accounting and the
 * rejects file show. Implemented by enums, one per module (the reading vocabulary every reader
 * shares is {@code org.mpindex.core.text.ReadRejection}; the assembler's is {@code
 * org.mpindex.core.index.AssemblyRejection}), so that reasons are typed while each module can add
 * its own. Serializable, since a {@link RejectedRecordException} carries one.
 *
 * <p>A reason may be narrowed to where or by what it was decided, which stays typed: {@link
 * #in(String)} a column ({@code "bad date (CLM_FROM_DT)"}), {@link #withCode(String)} a code read
 * from the input ({@code "line not allowed (LINE_PRCSG_IND_CD) N"}). These are the only open-ended
 * parts of a reason: the column of the layout, or a code of a small closed set of the layout
 * (processing indicators), never free text or an id.
 */
public interface RejectionReason extends java.io.Serializable {

  /**
   * The reason as the outputs show it, e.g. {@code "no beneficiary record"}: stable across releases
   * (the accounting is compared between runs), no ids or values inside.
   */
  String text();

  /**
   * A reason known only by its text, for readers whose reasons are not an enum yet: counted exactly
   * as a typed reason with the same text (but not {@code equals} to it).
   *
   * @param text the reason as the outputs show it
   */
  static RejectionReason of(String text) {
    return new Named(text);
  }

  /**
   * This reason about one column of the input: text {@code text() + " (" + column + ")"}.
   *
   * @param column the column's name (or number) as the layout names it
   */
  default RejectionReason in(String column) {
    return new InColumn(this, column);
  }

  /**
   * This reason with the code that decided it: text {@code text() + " " + code}. For codes of a
   * small closed set only (a processing indicator), so that the accounting stays short.
   *
   * @param code the code as read (normalised by the reader)
   */
  default RejectionReason withCode(String code) {
    return new WithCode(this, code);
  }

  /**
   * A reason narrowed to one column.
   *
   * @param reason the reason
   * @param column the column's name or number
   */
  record InColumn(RejectionReason reason, String column) implements RejectionReason {
    public InColumn {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(column, "column");
    }

    @Override
    public String text() {
      return reason.text() + " (" + column + ")";
    }

    @Override
    public String toString() {
      return text();
    }
  }

  /**
   * A reason with the code that decided it.
   *
   * @param reason the reason
   * @param code the code as read
   */
  record WithCode(RejectionReason reason, String code) implements RejectionReason {
    public WithCode {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(code, "code");
    }

    @Override
    public String text() {
      return reason.text() + " " + code;
    }

    @Override
    public String toString() {
      return text();
    }
  }

  /**
   * A reason known only by its text ({@link #of(String)}).
   *
   * @param text the reason as the outputs show it
   */
  record Named(String text) implements RejectionReason {
    public Named {
      Objects.requireNonNull(text, "text");
    }

    @Override
    public String toString() {
      return text;
    }
  }
}
