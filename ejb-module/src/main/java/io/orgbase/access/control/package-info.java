/**
 * Roles as the rest of Orgbase needs them: resolving a held role to its permissions (custom roles
 * with their inherited ones), finding a role by the key a request names, and refusing to hand out
 * permissions the caller does not hold.
 */
package io.orgbase.access.control;
