package org.mpindex.testkit.layouts;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.mpindex.core.claims.Beneficiary;
import org.mpindex.core.claims.ClaimLine;
import org.mpindex.core.claims.CodeSystem;
import org.mpindex.core.claims.DiagnosisCode;
import org.mpindex.core.claims.Enrollment;
import org.mpindex.core.claims.Geography;
import org.mpindex.core.claims.Modifier;
import org.mpindex.testkit.Population;

/**
 * Writes a {@link Population} as the library's own tidy CSV layout ({@code --format tidy}, see
 * {@code docs/bring-your-own-claims.md}): {@code beneficiaries.csv} (id, birth and death dates, sex
 * M/F/U, state, county FIPS, ZIP), {@code enrollment.csv} (one row per span, with its residence
 * when it has one) and {@code claims.csv} (one row per claim line, the lines of a claim together).
 *
 * <p>The layout carries every fact of a population but two: an SSA county code ({@link
 * Geography#countySsa()}) has no column (it is left out), and a line's diagnoses share one {@code
 * code_system} cell, so a line with ICD-9-CM and ICD-10-CM codes together cannot be written (the
 * writer refuses it). Two identical rows of one claim are read as one row repeated (the tidy reader
 * counts a repeated row once): a population whose claim has two equal lines loses one here.
 */
public final class TidyLayout {
  /** Name of the beneficiaries file written: one row per beneficiary. */
  public static final String BENEFICIARIES = "beneficiaries.csv";

  /** Name of the enrollment file written: one row per coverage span. */
  public static final String ENROLLMENT = "enrollment.csv";

  /** Name of the claims file written: one row per claim line. */
  public static final String CLAIMS = "claims.csv";

  private TidyLayout() {}

  /**
   * Writes the three files into {@code folder} (created when missing).
   *
   * @return the files written: beneficiaries, enrollment, claims
   * @throws IllegalArgumentException for a line whose diagnoses mix code systems
   */
  public static List<Path> write(Population population, Path folder) {
    List<List<String>> bens = new ArrayList<>();
    for (Beneficiary b : population.beneficiaries()) {
      List<String> row = new ArrayList<>();
      row.add(b.id());
      row.add(LayoutFiles.iso(b.birthDate()));
      row.add(LayoutFiles.iso(b.deathDate().orElse(null)));
      row.add(b.sex().name().substring(0, 1));
      row.addAll(place(Optional.of(b.geography())));
      bens.add(row);
    }
    List<List<String>> spans = new ArrayList<>();
    for (Enrollment e : population.enrollments()) {
      List<String> row = new ArrayList<>();
      row.add(e.beneficiaryId());
      row.add(LayoutFiles.iso(e.start()));
      row.add(LayoutFiles.iso(e.end()));
      row.add(e.program().label());
      row.addAll(place(e.residence()));
      spans.add(row);
    }
    List<List<String>> lines = new ArrayList<>();
    for (List<ClaimLine> claim : LayoutFiles.claims(population)) {
      for (ClaimLine l : claim) {
        lines.add(
            List.of(
                l.claimId(),
                l.beneficiaryId(),
                LayoutFiles.iso(l.serviceFrom()),
                LayoutFiles.iso(l.serviceThrough()),
                l.claimType().name().toLowerCase(Locale.ROOT),
                l.procedure().map(p -> p.code()).orElse(""),
                l.modifiers().stream().map(Modifier::code).collect(Collectors.joining(" ")),
                Integer.toString(l.units()),
                l.placeOfService().map(p -> p.code()).orElse(""),
                system(l),
                l.diagnoses().stream().map(DiagnosisCode::code).collect(Collectors.joining("|"))));
      }
    }
    return List.of(
        LayoutFiles.write(
            folder.resolve(BENEFICIARIES),
            List.of(
                "beneficiary_id",
                "birth_date",
                "death_date",
                "sex",
                "state",
                "county_fips",
                "zip5"),
            bens),
        LayoutFiles.write(
            folder.resolve(ENROLLMENT),
            List.of(
                "beneficiary_id",
                "start_date",
                "end_date",
                "program",
                "state",
                "county_fips",
                "zip5"),
            spans),
        LayoutFiles.write(
            folder.resolve(CLAIMS),
            List.of(
                "claim_id",
                "beneficiary_id",
                "from_date",
                "through_date",
                "claim_type",
                "procedure",
                "modifiers",
                "units",
                "place_of_service",
                "code_system",
                "diagnoses"),
            lines));
  }

  private static List<String> place(Optional<Geography> g) {
    return List.of(
        g.flatMap(Geography::state).map(s -> s.usps()).orElse(""),
        g.flatMap(Geography::countyFips).orElse(""),
        g.flatMap(Geography::zip5).orElse(""));
  }

  private static String system(ClaimLine l) {
    List<CodeSystem> systems =
        l.diagnoses().stream().map(DiagnosisCode::system).distinct().toList();
    if (systems.size() > 1) {
      throw new IllegalArgumentException(
          "claim "
              + l.claimId()
              + ": a tidy row holds diagnoses of one code system, not "
              + systems);
    }
    return systems.isEmpty() ? "" : systems.get(0) == CodeSystem.ICD9CM ? "icd9" : "icd10";
  }
}
