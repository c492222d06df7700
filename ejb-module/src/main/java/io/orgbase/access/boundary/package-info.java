/** The permission catalogue and the system roles, as clients may read them. */
package io.orgbase.access.boundary;
