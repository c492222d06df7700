/** An organization's custom field definitions over REST. */
package io.orgbase.customfield.api;
