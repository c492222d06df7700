/**
 * Platform-wide user accounts: one identity per person, however many organizations they belong to.
 * Passwords are stored only as Argon2id hashes.
 */
package io.orgbase.identity;
