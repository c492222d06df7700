/**
 * Reading and curating the platform's reference data: currencies, organization types and statuses.
 * Every signed-in caller (API keys too) reads them; only platform administrators change them, and
 * every change is audited in the platform chain.
 */
package io.orgbase.reference.boundary;
