/** Maintenance over REST, for platform administrators. */
package io.orgbase.maintenance.api;
