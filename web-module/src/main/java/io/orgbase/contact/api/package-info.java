/** Contacts of one organization over REST, with their channels nested. */
package io.orgbase.contact.api;
