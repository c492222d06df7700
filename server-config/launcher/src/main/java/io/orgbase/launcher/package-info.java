/**
 * Runs Orgbase on Payara Micro from one command: an embedded PostgreSQL (data under
 * ORGBASE_HOME) or an external one, the roles and database Orgbase needs, and the Payara Micro
 * process, all stopped cleanly on Ctrl-C or SIGTERM.
 */
package io.orgbase.launcher;
