/** An organization's tag vocabulary: list with usage, rename, merge, delete. */
package io.orgbase.tag.boundary;
