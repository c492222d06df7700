/**
 * The REST application under {@code /api/v1}: its declaration (MicroProfile JWT sign-in, OpenAPI
 * description), JSON settings, and the rule that every endpoint needs a signed-in caller unless it
 * is marked {@link io.orgbase.api.Public}.
 */
package io.orgbase.api;
