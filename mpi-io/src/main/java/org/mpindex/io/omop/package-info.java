/**
 * The OMOP Common Data Model 5.3/5.4 as an input layout ({@code --format omop}): {@link
 * org.mpindex.io.omop.OmopFormat} reads {@code person}, {@code death}, {@code location}, {@code
 * payer_plan_period} (or, on request, {@code observation_period}) and the diagnoses and procedures
 * in the {@code *_source_value} columns of the clinical event tables and visits. Field-by-field
 * mapping and what is lost: {@code docs/formats/omop.md}.
 */
package org.mpindex.io.omop;
