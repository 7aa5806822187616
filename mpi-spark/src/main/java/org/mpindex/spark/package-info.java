/**
 * The Medical Productivity Index on Apache Spark: {@link org.mpindex.spark.MpiSpark} computes the
 * index of Spark datasets with exactly the numbers of the single-machine library (records
 * partitioned by beneficiary, each partition read by the library's readers and folded by the core
 * assembler, exact partials merged), or {@link org.mpindex.spark.CellTable} its cells as a dataset.
 * The partition work lives in package-private classes: {@code PartitionInput} (a partition's rows
 * as the in-memory tables the layout's readers open through a {@link
 * org.mpindex.io.input.TableSource}), {@code PartitionFold} (one partial per partition, and in its
 * nested functions the study-period pass and the rejected rows) and {@code CellRow} (a reduced cell
 * as a row). {@link org.mpindex.spark.SparkInput} names a computation's layout and datasets.
 */
package org.mpindex.spark;
