/**
 * REST resources of the platform vocabularies: {@code /api/v1/currencies}, {@code
 * /api/v1/organization-types} and {@code /api/v1/statuses}. Reading takes any credentials; changes
 * are the platform administrators'.
 */
package io.orgbase.reference.api;
