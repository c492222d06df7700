/** Attaching an organization's tags to its records, and filtering records by tag. */
package io.orgbase.tag.control;
