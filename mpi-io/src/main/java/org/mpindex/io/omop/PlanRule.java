package org.mpindex.io.omop;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a {@code payer_plan_period} row covers, told by its {@code payer_concept_id} (when the rule
 * knows the id) or else by its labels: {@code payer_source_value} and {@code plan_source_value}
 * joined by a space ({@code "Medicare Part B"}), matched against patterns in order, the first match
 * winning. A day is traditional Medicare ({@code MEDICARE_FFS}) when a Part B period covers it and no
 * Advantage period does, Medicare Advantage when an Advantage period covers it, Part A only when
 * only Part A does (see {@link OmopPeople}).
 *
 * <p>{@link #ETL_CMS} reads what OHDSI's ETL-CMS writes for DE-SynPUF: {@code plan_source_value}
 * {@code "Medicare Part A"}, {@code "Medicare Part B"}, {@code "HMO"}, {@code "Medicare Part D"}
 * (ETL-CMS {@code python_etl/CMS_SynPuf_ETL_CDM_v5.py}, {@code write_payer_plan_period_record}), and
 * its hand-made test output's {@code payer_source_value "Medicare"} with {@code plan_source_value
 * "Part A"} etc. Build another with {@link #of} for other conventions.
 */
public final class PlanRule {

  /** What a period covers. */
  public enum Part {
    /** Medicare Part A (hospital insurance). */
    PART_A,
    /** Medicare Part B (medical insurance): with no Advantage plan, traditional Medicare. */
    PART_B,
    /** Medicare Advantage (Part C, HMO, PPO ...). */
    ADVANTAGE,
    /** Not coverage the index uses (Part D drug plans, other payers): counted, not read. */
    NONE
  }

  /** A label pattern and the part it says. */
  public record Label(Pattern pattern, Part part) {}

  /** ETL-CMS's labels, as above; anything else is {@link Part#NONE}. */
  public static final PlanRule ETL_CMS =
      of(
          Map.of(),
          List.of(
              new Label(
                  Pattern.compile(
                      "(?i).*\\b(HMO|PPO|PFFS|Medicare\\s+Advantage|Part\\s*C|MA-?PD)\\b.*"),
                  Part.ADVANTAGE),
              new Label(Pattern.compile("(?i).*\\bPart\\s*D\\b.*"), Part.NONE),
              new Label(Pattern.compile("(?i).*\\bPart\\s*B\\b.*"), Part.PART_B),
              new Label(Pattern.compile("(?i).*\\bPart\\s*A\\b.*"), Part.PART_A)));

  private final Map<Long, Part> byConcept;
  private final List<Label> labels;

  private PlanRule(Map<Long, Part> byConcept, List<Label> labels) {
    this.byConcept = Map.copyOf(byConcept);
    this.labels = List.copyOf(labels);
  }

  /**
   * A rule: {@code byConcept} first (a {@code payer_concept_id} to its part), then the label
   * patterns in order; a row matched by neither is {@link Part#NONE}.
   */
  public static PlanRule of(Map<Long, Part> byConcept, List<Label> labels) {
    return new PlanRule(byConcept, labels);
  }

  /** This rule with {@code label} tried before its own patterns. */
  public PlanRule first(Label label) {
    List<Label> l = new ArrayList<>();
    l.add(label);
    l.addAll(labels);
    return new PlanRule(byConcept, l);
  }

  /**
   * The part of a row; empty when neither its concept id nor its labels match a rule (the row is
   * then counted and not read).
   *
   * @param payerConceptId the {@code payer_concept_id}, empty when blank or 0
   * @param payer the {@code payer_source_value}, "" when blank
   * @param plan the {@code plan_source_value}, "" when blank
   */
  public Optional<Part> partOf(Optional<Long> payerConceptId, String payer, String plan) {
    if (payerConceptId.isPresent() && byConcept.containsKey(payerConceptId.get())) {
      return Optional.of(byConcept.get(payerConceptId.get()));
    }
    String label = (payer.strip() + " " + plan.strip()).strip();
    for (Label l : labels) {
      if (l.pattern().matcher(label).matches()) {
        return Optional.of(l.part());
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return "PlanRule" + byConcept + labels;
  }
}
