/**
 * Platform reference data: ISO 4217 currencies, organization types and the status vocabulary.
 * Every caller reads them; only platform administrators change them. They belong to no tenant.
 */
package io.orgbase.reference;
