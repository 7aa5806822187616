/**
 * Health-level providers: the ADG grouper over a licensed user's ICD-to-ADG table or ACG output, and
 * the open Elixhauser and Charlson groupers (Quan et al. 2005).
 */
package org.mpindex.adg;
