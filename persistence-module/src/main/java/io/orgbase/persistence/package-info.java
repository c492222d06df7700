/**
 * What every persistent entity shares: a time-ordered UUID key, creation and update timestamps and
 * an optimistic-locking version. The schema itself is owned by the Flyway migrations in
 * {@code db/migration}; nothing here generates DDL.
 */
package io.orgbase.persistence;
