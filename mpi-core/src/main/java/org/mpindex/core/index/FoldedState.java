package org.mpindex.core.index;

import java.util.Optional;
import org.mpindex.core.spi.BurdenGrouper;

/**
 * The narrow, read-only view of a folded assembler that {@link Evaluation} and its {@link
 * PatientPass}es read, built by {@link IndexAssembler} for one evaluation: the step after the fold
 * sees exactly this, not the assembler (no arrow runs back up from the evaluation to the ingest).
 * The table and evidence are the fold's own objects, not copies: nothing may add to the assembler
 * while a view is read (the assembler refuses records once assembled).
 *
 * @param spec the assembler's spec (its window scheme and ingest mode; the evaluation's lag and
 *     cohort come with the evaluation's own spec)
 * @param grouper the assembler's grouper (its hierarchy applies to the confirmed categories)
 * @param table the fold's per-(patient, window) state
 * @param evidence the confirmation evidence; null when the spec has no confirmation rule
 * @param patients the patients' records and counts
 * @param studyPeriod the study period of the assembly; empty when there is nothing to go by
 * @param markerOffset where the evaluated cohort's claim markers start among the folded ones
 */
record FoldedState(
    MpiSpec spec,
    BurdenGrouper grouper,
    FoldTable table,
    ConfirmationEvidence evidence,
    FoldedPatients patients,
    Optional<StudyPeriod> studyPeriod,
    int markerOffset) {}
