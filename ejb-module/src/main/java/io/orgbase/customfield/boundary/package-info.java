/** An organization's custom field definitions: create, read, change, delete. */
package io.orgbase.customfield.boundary;
