/**
 * The database connection and schema lifecycle: the application data source, Flyway migrations at
 * start-up (run as the schema owner), the safety check that the application's role is subject to
 * row-level security, and the readiness that depends on all of it.
 */
package io.orgbase.database;
