/** {@code /api/v1/me/notifications}: the caller's notifications. */
package io.orgbase.notification.api;
