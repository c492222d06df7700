/**
 * REST resources of feature flags: the platform catalogue ({@code /api/v1/features}) and an
 * organization's effective features ({@code /api/v1/orgs/{org}/features}).
 */
package io.orgbase.feature.api;
