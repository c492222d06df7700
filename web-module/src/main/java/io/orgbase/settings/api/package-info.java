/** REST resource of an organization's settings: {@code /api/v1/orgs/{org}/settings}. */
package io.orgbase.settings.api;
