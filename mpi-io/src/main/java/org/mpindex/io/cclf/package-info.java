/**
 * The CMS Claim and Claim Line Feed (CCLF) that Medicare ACOs receive, read from delimited files
 * (comma, {@code |} or tab, as {@link org.mpindex.io.input.Tables#open} tells them): {@link
 * org.mpindex.io.cclf.CclfFormat} ({@code --format cclf}) reads CCLF8 (beneficiaries), CCLF9
 * (beneficiary id changes), CCLF5 (Part B physician lines), CCLF1 and CCLF4 (Part A headers and
 * diagnoses), and collapses cancel/adjust chains to the final-action claims. The mapping, its
 * sources and the eligibility rule are in {@code docs/formats/cclf.md}.
 */
package org.mpindex.io.cclf;
