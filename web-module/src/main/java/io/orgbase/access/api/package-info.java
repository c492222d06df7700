/** REST endpoint of the permission catalogue. */
package io.orgbase.access.api;
