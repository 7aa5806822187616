/**
 * Parquet input: {@link org.mpindex.parquet.ParquetTableOpener} opens a Parquet file as a table
 * that every layout reader of {@code mpi-io} reads, and {@link org.mpindex.parquet.ParquetTidyClaims}
 * reads a tidy claims file in column batches straight into the assembler. A reader of its own (the
 * compact-Thrift footer, the pages and their encodings), chosen over parquet-java by measurement:
 * see the module's README.
 */
package org.mpindex.parquet;
