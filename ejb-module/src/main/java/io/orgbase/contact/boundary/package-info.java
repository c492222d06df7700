/** Contacts of one organization with their channels: create, read, change, delete, search. */
package io.orgbase.contact.boundary;
