/** Reading and changing an organization's settings. */
package io.orgbase.settings.boundary;
