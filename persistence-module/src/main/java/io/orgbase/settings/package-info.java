/**
 * Organization settings: one JSON document per organization holding what it changed from the
 * defaults, validated key by key by the settings boundary.
 */
package io.orgbase.settings;
