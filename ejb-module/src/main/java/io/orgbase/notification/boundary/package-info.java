/** A user's notifications: listed, counted, marked and deleted by their recipient only. */
package io.orgbase.notification.boundary;
