package org.mpindex.io;

import java.util.Optional;
import org.mpindex.core.claims.UsState;

/**
 * SSA state codes (as in CMS enrollment files and DE-SynPUF {@code SP_STATE_CODE}) to USPS states.
 * Source: the Social Security Administration state code table published for the CMS variable
 * {@code STATE_CD} (bluebutton.cms.gov/resources/variables/state_cd): 01 Alabama ... 53 Wyoming,
 * alphabetical by name with DC at 09, Puerto Rico at 40 and the Virgin Islands at 48; the DE-SynPUF
 * codebook gives 54 as "others" (abroad and other possessions), {@link UsState#OT}. Codes above 54
 * are not DE-SynPUF values: no state.
 */
public final class SsaStates {
  private SsaStates() {}

  private static final UsState[] BY_CODE = new UsState[55];

  static {
    String[] usps = {
      "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FL", "GA", "HI", "ID", "IL", "IN",
          "IA", "KS",
      "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM",
          "NY", "NC",
      "ND", "OH", "OK", "OR", "PA", "PR", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VI", "VA",
          "WA", "WV",
      "WI", "WY", "OT"
    };
    for (int i = 0; i < usps.length; i++) {
      BY_CODE[i + 1] = usps[i] == null ? null : UsState.parse(usps[i]);
    }
  }

  /**
   * The state of an SSA code ({@code "5"} or {@code "05"} is California, 48 the Virgin Islands, 54
   * others); empty for codes outside 1-54 and for anything that is not a code.
   */
  public static Optional<UsState> of(String ssaCode) {
    try {
      int c = Integer.parseInt(ssaCode.strip());
      return c >= 1 && c <= 54 ? Optional.of(BY_CODE[c]) : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
