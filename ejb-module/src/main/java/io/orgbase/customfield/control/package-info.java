/** Validating records' custom field values against their organization's definitions. */
package io.orgbase.customfield.control;
