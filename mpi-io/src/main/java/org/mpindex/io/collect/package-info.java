/**
 * Small primitive hash structures the readers of mpi-io and mpi-parquet share (claim ids read,
 * line-signature tables); not general-purpose collections.
 */
package org.mpindex.io.collect;
