/**
 * One input pipeline for every layout of claims data: {@link org.mpindex.io.input.InputFormat} (a
 * layout's tables, recognition, study period and reading), {@link org.mpindex.io.input.InputFiles}
 * (a run's files by table) and {@link org.mpindex.io.input.ReadContext} (mode, accounting, checks).
 */
package org.mpindex.io.input;
