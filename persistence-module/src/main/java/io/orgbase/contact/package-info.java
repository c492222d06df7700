/**
 * Contacts: an organization's people outside it, with their email addresses, phone numbers and
 * postal addresses. Of each kind a contact has exactly one primary (enforced by the database).
 */
package io.orgbase.contact;
