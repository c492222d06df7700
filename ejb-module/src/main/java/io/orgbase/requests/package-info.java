/**
 * Requests independent of the protocol they arrived by (ejb-module), and the strict reading of
 * JSON bodies and query parameters with per-field errors (web-module).
 */
package io.orgbase.requests;
