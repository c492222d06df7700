/** In-app notifications of a user, made by the consumers of domain events. */
package io.orgbase.notification;
