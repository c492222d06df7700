/** Which events become whose notifications, and how they are written exactly once. */
package io.orgbase.notification.control;
