/**
 * Writers of a {@link org.mpindex.testkit.Population} as the input layouts the library reads: tidy
 * CSV ({@link org.mpindex.testkit.layouts.TidyLayout}), Medicare research files ({@link
 * org.mpindex.testkit.layouts.RifLayout}), CCLF ({@link org.mpindex.testkit.layouts.CclfLayout}) and
 * OMOP CDM ({@link org.mpindex.testkit.layouts.OmopLayout}), each as delimited text into a folder, so
 * that one population can be read through every reader and the indexes compared. {@link
 * org.mpindex.testkit.layouts.LayoutPopulations} draws populations every layout can carry.
 *
 * <p>Each writer's Javadoc says what it writes and what its layout cannot carry; a fact a layout
 * cannot carry is written as near as the layout allows (said there), never silently dropped without
 * being documented. Test code: the files are small and written in one go, in memory.
 */
package org.mpindex.testkit.layouts;
