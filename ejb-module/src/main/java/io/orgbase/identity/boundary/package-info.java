/** Sign-in, the caller's own account, platform user administration and the first administrator. */
package io.orgbase.identity.boundary;
