/**
 * Feature flags: the platform's catalogue with a default for each feature, and organizations'
 * overrides. Boundaries that belong to a feature require it to be on for the tenant.
 */
package io.orgbase.feature;
