/**
 * The index: its options, the fold of claims into per-(patient, window) state, and the assembly of
 * that state into cells. {@link org.mpindex.core.index.IndexAssembler} is the composition of the
 * steps below; each step has its own classes.
 *
 * <ol>
 *   <li><b>Ingest.</b> Records arrive as objects ({@code add(ClaimLine)}, {@code add(Claim)},
 *       beneficiaries, enrollment spans, {@link org.mpindex.core.spi.PrecomputedBurden}) or as
 *       primitive columns ({@link org.mpindex.core.index.ClaimColumns}, through the assembler's
 *       {@link org.mpindex.core.index.ColumnarIngest}); ids ({@code Patients}: the
 *       beneficiary record, spans and pending counts of each id), line signatures and diagnoses are
 *       interned once, each distinct (signature, pricing period) valued once ({@code
 *       LineCodebook}). Every record is counted ({@link org.mpindex.core.index.IngestTally},
 *       {@link org.mpindex.core.index.IngestAccounting}, {@link org.mpindex.core.index.IngestMode}).
 *   <li><b>Fold.</b> Per-(patient, window) state: an exact effort sum, a union of category bits,
 *       flags ({@code ClaimFold} into a {@code FoldTable}: {@code DenseTable} once the study period is
 *       fixed, else {@code PatientWindowTable}). Order-free: a sum and a union. Columns are checked
 *       first ({@code BatchCheck}); over a dense table they take a fast loop whose window and effort
 *       come from two tables of the {@code LineCodebook} (by day, by pricing period and signature),
 *       any line those cannot settle the general loop.
 *   <li><b>Eligibility and coverage.</b> Which windows are eligible under the spec's {@link
 *       org.mpindex.core.index.Coverage}, {@link org.mpindex.core.index.Eligibility} and programs,
 *       and where the patient lived ({@code EnrollmentCoverage}); the study period ({@link
 *       org.mpindex.core.index.StudyPeriod}); who is in the sub-population ({@link
 *       org.mpindex.core.index.Cohort}, {@link org.mpindex.core.index.CohortView}, {@link
 *       org.mpindex.core.index.ClaimMarker}).
 *   <li><b>Evaluation.</b> Per patient and window, the exclusion rules in their documented order
 *       ({@link org.mpindex.core.index.ExclusionReason}), H = f(b) ({@link
 *       org.mpindex.core.index.ZeroBurden}, {@link org.mpindex.core.index.HealthPopulation}) and M
 *       ({@link org.mpindex.core.index.ZeroEffort}), one ratio H/M ({@code PatientPass}, one per
 *       thread over a range of patients, run and merged by {@code Evaluation}).
 *   <li><b>Aggregation.</b> Exact, mergeable cell statistics ({@code CellAccumulator} over {@code
 *       ExactSum}s), per window and {@link org.mpindex.core.index.Grouping} key (a patient-window
 *       goes to one group cell; the national cell is the exact merge of the window's group cells),
 *       held in an {@link org.mpindex.core.index.IndexPartial} that merges across threads, shards
 *       and machines bit for bit; {@link org.mpindex.core.index.Aggregation} turns a cell into its
 *       value.
 *   <li><b>Results.</b> {@code ResultReader} reads a partial into an {@link
 *       org.mpindex.core.index.MpiResult}; its views: {@link
 *       org.mpindex.core.index.IndexCell}, {@link org.mpindex.core.index.TimeSeries}, {@link
 *       org.mpindex.core.index.GroupTable} with {@link org.mpindex.core.index.Normalisation}.
 * </ol>
 *
 * <p>The steps share one package on purpose: the fold's hot loop reads the codebook's and the fold
 * table's arrays directly, and the passes read the fold table through package-private fields (of
 * a {@code FoldedState}, the read-only view of the fold that the assembler builds for them);
 * splitting them into packages would make those arrays public API (there is no module system
 * here to hide them). {@link org.mpindex.core.index.MpiSpec} gathers every option.
 */
package org.mpindex.core.index;
