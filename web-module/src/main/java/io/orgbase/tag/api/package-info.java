/** An organization's tag vocabulary over REST. */
package io.orgbase.tag.api;
