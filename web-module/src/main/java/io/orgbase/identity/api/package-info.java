/** REST endpoints of identity: sign-in, the caller's own account, platform user administration. */
package io.orgbase.identity.api;
