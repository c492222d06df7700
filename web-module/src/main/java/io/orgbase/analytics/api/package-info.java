/** An organization's figures over REST. */
package io.orgbase.analytics.api;
