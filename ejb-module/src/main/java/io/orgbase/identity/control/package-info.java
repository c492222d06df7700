/**
 * Credentials: password hashing and policy, the JWT signing key (generated under ORGBASE_HOME on
 * first start unless supplied) and access-token issuing.
 */
package io.orgbase.identity.control;
