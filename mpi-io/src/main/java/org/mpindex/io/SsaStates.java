package org.mpindex.io;

import java.util.Optional;
import org.mpindex.core.claims.UsState;

/**
 * SSA state codes (as in CMS enrollment files and DE-SynPUF {@code SP_STATE_CODE}) to USPS states.
 * Source: the Social Security Administration state code table published for the CMS variable
 * {@code STATE_CD} (bluebutton.cms.gov/resources/variables/state_cd): 01 Alabama ... 53 Wyoming,
 * alphabetical by name with DC at 09 and Puerto Rico at 40; 48 is the Virgin Islands and 54-99 are
 * places abroad and other possessions, none of which is one of the library's 52 geographies.
 */
public final class SsaStates {
  private SsaStates() {}

  private static final UsState[] BY_CODE = new UsState[54];

  static {
    String[] usps = {
      "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS",
      "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY", "NC",
      "ND", "OH", "OK", "OR", "PA", "PR", "RI", "SC", "SD", "TN", "TX", "UT", "VT", null, "VA", "WA", "WV",
      "WI", "WY"};
    for (int i = 0; i < usps.length; i++) {
      BY_CODE[i + 1] = usps[i] == null ? null : UsState.parse(usps[i]);
    }
  }

  /**
   * The state of an SSA code ({@code "5"} or {@code "05"} is California); empty for codes outside
   * the 50 states, DC and PR (48 Virgin Islands, 54+ abroad) and for anything that is not a code.
   */
  public static Optional<UsState> of(String ssaCode) {
    try {
      int c = Integer.parseInt(ssaCode.strip());
      return c >= 1 && c <= 53 ? Optional.ofNullable(BY_CODE[c]) : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
