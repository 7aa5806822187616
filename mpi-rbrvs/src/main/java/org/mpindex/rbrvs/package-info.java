/**
 * Physician work effort from the CMS Physician Fee Schedule national relative value files
 * (PPRRVUyy), with GPCI and modifier rules.
 */
package org.mpindex.rbrvs;
