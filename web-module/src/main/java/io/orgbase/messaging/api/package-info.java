/** {@code /api/v1/admin/dead-letters}: what consumers gave up on, for platform administrators. */
package io.orgbase.messaging.api;
