/** An organization's figures, and the platform's overview for its administrators, over REST. */
package io.orgbase.analytics.api;
