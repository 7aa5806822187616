package org.mpindex.core.claims;

import java.util.List;

/**
 * The lines of one claim, given together so that an effort calculator can apply rules that need
 * the whole claim (CMS ranks a claim's procedures of a day by fee for the multiple procedure
 * reduction, and values endoscopies of one family against their base). Readers group a claim's
 * lines when the file holds them together (a DE-SynPUF carrier row; consecutive tidy CSV rows with
 * the same claim id); {@code IndexAssembler.add(Claim)} folds each line as {@code add(ClaimLine)}
 * would, with the claim-level efforts.
 *
 * @param lines the lines, in claim order; at least one, all of one beneficiary and claim id
 */
public record Claim(List<ClaimLine> lines) {
  public Claim {
    lines = List.copyOf(lines);
    if (lines.isEmpty()) {
      throw new InvalidValueException(
          "claim lines", "[]", "is empty: a claim has at least one line");
    }
    ClaimLine first = lines.get(0);
    for (ClaimLine l : lines) {
      if (!l.claimId().equals(first.claimId())
          || !l.beneficiaryId().equals(first.beneficiaryId())) {
        throw new InvalidValueException(
            "claim lines",
            l.claimId() + "/" + l.beneficiaryId(),
            "belongs to another claim than " + first.claimId() + "/" + first.beneficiaryId());
      }
    }
  }

  /** The claim id. */
  public String claimId() {
    return lines.get(0).claimId();
  }

  /** The beneficiary id. */
  public String beneficiaryId() {
    return lines.get(0).beneficiaryId();
  }
}
