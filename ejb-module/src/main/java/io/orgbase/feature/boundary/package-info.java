/**
 * The feature catalogue (platform administrators set the defaults) and an organization's
 * effective features (platform administrators set its overrides).
 */
package io.orgbase.feature.boundary;
